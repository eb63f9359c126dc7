# bench/lib.sh — sourced by the benchmarks: a throwaway keyring around the
# whole run, the built binaries, and a koppel-sandbox on loopback.
# shellcheck shell=bash
bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Re-run the calling script inside tools/with-keyring (once).
bench_in_keyring() {
	if [ -z "${KP_BENCH_INNER:-}" ]; then
		KP_BENCH_INNER=1 exec "$bench_here/tools/with-keyring" "$0" "$@"
	fi
}

# bench_sandbox ARGS...: start koppel-sandbox with ARGS in $tmp (made here,
# removed on exit with the sandbox); its info file is $tmp/info.json.
bench_sandbox() {
	build=${KOPPEL_BUILD:-$bench_here/build}
	koppel=$build/src/cli/koppel
	tmp=$(mktemp -d)
	trap 'kill $sb_pid 2>/dev/null; wait $sb_pid 2>/dev/null; rm -rf "$tmp"' EXIT
	umask 077
	mkfifo "$tmp/out"
	"$build/src/sandbox/koppel-sandbox" "$@" --info "$tmp/info.json" --state-dir "$tmp/sb" \
		>"$tmp/out" 2>"$tmp/sb.log" &
	sb_pid=$!
	read -r -t 20 line <"$tmp/out"
	[ "$line" = ready ] || { echo "sandbox did not start" >&2; exit 1; }
}

# info EXPR: a value from the sandbox's info file (a Python expression on d).
info() { python3 -c "import json,sys; d=json.load(open('$tmp/info.json')); print(eval(sys.argv[1]))" "$1"; }
