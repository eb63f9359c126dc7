# harness.sh — sourced (by bash) from each end-to-end case. Starts the real
# koppel in a detached tmux session of a given size on a private socket,
# with a throwaway HOME and XDG folders; sends keys; waits for text on the
# captured screen (printing the screen when a wait times out).
#
#   e2e_setup                      throwaway folders, private tmux socket
#   e2e_start W H [VAR=VAL]... -- [ARG]...   run koppel ARG... in a W×H pane
#                                  ($E2E_PROGRAM, default koppel)
#   e2e_keys KEY...                tmux send-keys (Enter, Escape, F1, C-c...)
#   e2e_type TEXT                  type TEXT literally
#   e2e_wait TEXT [SECONDS]        until TEXT is on the screen (default 10 s)
#   e2e_wait_row ROW TEXT [SECONDS]  until row ROW (1 = top) holds TEXT
#   e2e_wait_gone TEXT [SECONDS]   until TEXT is no longer on the screen
#   e2e_screen                     print the screen
#   e2e_resize W H                 resize the window
#   e2e_pid                        koppel's process id
#   e2e_wait_exit [SECONDS]        wait for koppel to end; its exit code in E2E_EXIT
#   e2e_state                      path of the state file (koppel.json)
#   e2e_fail MSG                   print MSG and the screen, clean up, exit 1
#   e2e_finish                     kill the session, remove the folders
#
# After koppel ends, the pane writes `stty -a` to $E2E_DIR/stty.after (and
# before the start to stty.before), shows "[koppel exited N]" and leaves a
# shell running, so a case can check the terminal koppel left behind.

set -u

E2E_CASE=$(basename "$0" .sh)
E2E_KOPPEL="${KOPPEL_BUILD_ROOT:?KOPPEL_BUILD_ROOT is not set (run through meson test)}/src/cli/koppel"
# the widget gallery (gallery.c): set E2E_PROGRAM=$E2E_GALLERY to run it
E2E_GALLERY="$KOPPEL_BUILD_ROOT/tests/e2e/koppel-tui-gallery"
E2E_PROGRAM=$E2E_KOPPEL
E2E_SESSION=
E2E_DIR=
E2E_SOCK=
E2E_RUNS=0

e2e_tmux() {
	tmux -L "$E2E_SOCK" -f /dev/null "$@"
}

e2e_setup() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "SKIP: tmux is not installed"
		exit 77
	fi
	[ -x "$E2E_KOPPEL" ] || { echo "FAIL: no koppel binary at $E2E_KOPPEL"; exit 1; }
	E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/koppel-e2e-$E2E_CASE.XXXXXX") || exit 1
	chmod 700 "$E2E_DIR"
	mkdir -m 700 -p "$E2E_DIR/home" "$E2E_DIR/config" "$E2E_DIR/state" "$E2E_DIR/data" \
		"$E2E_DIR/cache" "$E2E_DIR/runtime"
	E2E_SOCK="koppel-e2e-$$-$RANDOM"
	trap 'e2e_finish' EXIT
	trap 'e2e_fail "interrupted"' INT TERM
}

e2e_start() {
	local w=$1 h=$2 a q envs=() args=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	args=("$@")
	E2E_RUNS=$((E2E_RUNS + 1))
	rm -f "$E2E_DIR/exit" "$E2E_DIR/koppel.pid" "$E2E_DIR/stty.after"
	# The pane's script: a clean environment (nothing of the caller's
	# LANG, NO_COLOR, ...), then koppel with pid and exit code recorded.
	{
		echo '#!/bin/bash'
		printf 'cd %q\n' "$E2E_DIR"
		echo 'stty -a > stty.before 2>&1'
		printf 'env -i'
		for a in "HOME=$E2E_DIR/home" "PATH=/usr/local/bin:/usr/bin:/bin" \
			"TERM=xterm-256color" "LANG=C.UTF-8" \
			"XDG_CONFIG_HOME=$E2E_DIR/config" "XDG_STATE_HOME=$E2E_DIR/state" \
			"XDG_DATA_HOME=$E2E_DIR/data" "XDG_CACHE_HOME=$E2E_DIR/cache" \
			"XDG_RUNTIME_DIR=$E2E_DIR/runtime"; do
			printf ' %q' "$a"
		done
		# a session bus (keyring) and sanitizer settings pass through
		for a in DBUS_SESSION_BUS_ADDRESS ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS; do
			[ -n "${!a:-}" ] && printf ' %q' "$a=${!a}"
		done
		for a in "${envs[@]}"; do
			printf ' %q' "$a"
		done
		printf ' sh -c %q sh %q' 'echo $$ > koppel.pid; exec "$@"' "$E2E_PROGRAM"
		for a in "${args[@]}"; do
			printf ' %q' "$a"
		done
		echo
		echo 'rc=$?'
		echo 'stty -a > stty.after 2>&1'
		echo 'echo "$rc" > exit'
		echo 'echo "[koppel exited $rc]"'
		echo 'exec sh'
	} > "$E2E_DIR/run.sh"
	chmod 700 "$E2E_DIR/run.sh"
	# a new session first, then away with the old one: killing the last
	# session would stop the server under our feet
	local old=$E2E_SESSION
	E2E_SESSION="koppel-$E2E_RUNS"
	e2e_tmux new-session -d -s "$E2E_SESSION" -x "$w" -y "$h" "$E2E_DIR/run.sh" ||
		e2e_fail "tmux could not start a session"
	if [ -n "$old" ] && e2e_tmux has-session -t "=$old" 2>/dev/null; then
		e2e_tmux kill-session -t "=$old"
	fi
	e2e_tmux set-option -t "$E2E_SESSION" remain-on-exit on >/dev/null
	# OSC 52 from the pane lands in a tmux buffer (Ctrl-Y copy tests)
	e2e_tmux set-option -s set-clipboard on >/dev/null
	q=0
	while [ ! -s "$E2E_DIR/koppel.pid" ] && [ $q -lt 100 ]; do
		sleep 0.05
		q=$((q + 1))
	done
	[ -s "$E2E_DIR/koppel.pid" ] || e2e_fail "koppel did not start"
}

e2e_keys() {
	e2e_tmux send-keys -t "$E2E_SESSION" "$@"
}

e2e_type() {
	e2e_tmux send-keys -t "$E2E_SESSION" -l -- "$1"
}

e2e_screen() {
	e2e_tmux capture-pane -p -t "$E2E_SESSION" 2>/dev/null
}

# e2e_wait TEXT [SECONDS]
e2e_wait() {
	local text=$1 limit=${2:-10} tries
	tries=$((limit * 10))
	while [ $tries -gt 0 ]; do
		if e2e_screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	e2e_fail "waited ${limit}s for \"$text\""
}

# e2e_wait_row ROW TEXT [SECONDS]: until screen row ROW (1 = top) holds TEXT
e2e_wait_row() {
	local row=$1 text=$2 limit=${3:-10} tries
	tries=$((limit * 10))
	while [ $tries -gt 0 ]; do
		if e2e_screen | sed -n "${row}p" | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	e2e_fail "waited ${limit}s for \"$text\" on row $row"
}

# e2e_wait_gone TEXT [SECONDS]
e2e_wait_gone() {
	local text=$1 limit=${2:-10} tries
	tries=$((limit * 10))
	while [ $tries -gt 0 ]; do
		if ! e2e_screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	e2e_fail "waited ${limit}s for \"$text\" to go away"
}

e2e_resize() {
	e2e_tmux resize-window -t "$E2E_SESSION" -x "$1" -y "$2"
}

e2e_pid() {
	cat "$E2E_DIR/koppel.pid"
}

# e2e_wait_exit [SECONDS]: sets E2E_EXIT to koppel's exit code
e2e_wait_exit() {
	local limit=${1:-10} tries
	tries=$((limit * 10))
	while [ ! -s "$E2E_DIR/exit" ] && [ $tries -gt 0 ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
	[ -s "$E2E_DIR/exit" ] || e2e_fail "koppel did not exit within ${limit}s"
	E2E_EXIT=$(cat "$E2E_DIR/exit")
}

e2e_state() {
	echo "$E2E_DIR/config/koppel/koppel.json"
}

# The terminal modes koppel left behind must be those it found: line
# editing, echo, signals and CR→NL back on.
e2e_check_terminal() {
	local f
	[ -s "$E2E_DIR/stty.after" ] || e2e_fail "no stty output after koppel ended"
	for f in icanon echo isig icrnl opost; do
		grep -qw -- "$f" "$E2E_DIR/stty.after" ||
			e2e_fail "terminal left without $f: $(cat "$E2E_DIR/stty.after")"
		grep -qw -- "-$f" "$E2E_DIR/stty.after" &&
			e2e_fail "terminal left with -$f: $(cat "$E2E_DIR/stty.after")"
	done
	return 0
}

# e2e_wait_clipboard TEXT WHAT: wait (up to 5 s) until the terminal's
# clipboard (tmux's buffer, filled by OSC 52) holds exactly TEXT.
e2e_wait_clipboard() {
	local tries=50
	until [ "$(e2e_tmux show-buffer 2>/dev/null)" = "$1" ] || [ $tries -eq 0 ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
	[ "$(e2e_tmux show-buffer 2>/dev/null)" = "$1" ] || e2e_fail "Ctrl-Y did not copy $2"
}

e2e_fail() {
	echo "FAIL ($E2E_CASE): $1"
	if [ -n "$E2E_SOCK" ]; then
		echo "---- screen ----"
		e2e_screen
		echo "----------------"
	fi
	exit 1
}

e2e_finish() {
	trap - EXIT
	if [ -n "$E2E_SOCK" ]; then
		e2e_tmux kill-server 2>/dev/null
		E2E_SOCK=
	fi
	if [ -n "$E2E_DIR" ] && [ -d "$E2E_DIR" ]; then
		rm -rf "$E2E_DIR"
		E2E_DIR=
	fi
}
