# tools/lib.sh — shared by tools/demo and tools/test: install what is
# missing (Debian/Ubuntu, apt-get; sudo when not root) and build.
# shellcheck shell=bash

KP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building and running koppel needs.
KP_RUN_PKGS="gcc libc6-dev meson ninja-build pkg-config gettext libncurses-dev
  libcurl4-openssl-dev libcjson-dev libsecret-1-dev libzip-dev libmicrohttpd-dev
  libgnutls28-dev ca-certificates dbus dbus-daemon gnome-keyring xdg-utils"
# What the test suites need on top (tmux for the real terminal, chromium for
# the consent page, curl for the browser stand-in, python3 for JSON checks,
# secret-tool to look into the keyring, time for the benchmarks).
KP_TEST_PKGS="libcmocka-dev tmux chromium curl python3 procps libsecret-tools time"

kp_say() { printf '%s\n' "koppel: $*" >&2; }

# kp_say2 ENGLISH DUTCH: the line in the language koppel itself will speak
# (LANGUAGE, LC_ALL, LANG), before any translation is built.
kp_say2() {
	case "${LANGUAGE:-${LC_ALL:-${LANG:-}}}" in
	nl*) kp_say "$2" ;;
	*) kp_say "$1" ;;
	esac
}

kp_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		kp_say2 "missing packages: ${missing[*]} — install them with your package manager." \
			"pakketten ontbreken: ${missing[*]} — installeer ze met je pakketbeheerder."
		return 1
	fi
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || {
			kp_say2 "need root or sudo to install: ${missing[*]}" \
				"root of sudo is nodig om te installeren: ${missing[*]}"
			return 1
		}
		sudo="sudo"
	fi
	kp_say2 "installing: ${missing[*]}" "installeren: ${missing[*]}"
	# apt's chatter (debconf notes and the like) goes to a log, shown only
	# when the install fails; sudo asks for a password on the terminal itself
	local log
	log=$(mktemp "${TMPDIR:-/tmp}/koppel-apt.XXXXXX")
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 || true
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >>"$log" 2>&1 || {
		tail -n 30 "$log" >&2
		kp_say2 "apt-get install failed for: ${missing[*]} (the lines above are apt's)" \
			"apt-get install mislukte voor: ${missing[*]} (de regels hierboven zijn van apt)"
		rm -f "$log"
		return 1
	}
	rm -f "$log"
}

# kp_build DIR [meson options...]: configure once (later calls apply the
# options to the existing build: tools/demo may have set it up without
# tests, tools/test then switches them on), then build.
kp_build() {
	local dir=$1
	shift
	if [ ! -f "$KP_ROOT/$dir/build.ninja" ]; then
		meson setup "$KP_ROOT/$dir" "$KP_ROOT" "$@" >"$KP_ROOT/$dir.setup.log" 2>&1 || {
			cat "$KP_ROOT/$dir.setup.log" >&2
			return 1
		}
	elif [ $# -gt 0 ]; then
		meson configure "$KP_ROOT/$dir" "$@" >"$KP_ROOT/$dir.setup.log" 2>&1 || {
			cat "$KP_ROOT/$dir.setup.log" >&2
			return 1
		}
	fi
	ninja -C "$KP_ROOT/$dir" >"$KP_ROOT/$dir.build.log" 2>&1 || {
		tail -n 60 "$KP_ROOT/$dir.build.log" >&2
		return 1
	}
}
