#!/bin/bash
# Ctrl-C, SIGHUP and SIGTERM each: koppel exits 1, the terminal is restored
# (line editing and echo back on), the state file is valid JSON holding the
# step, and the next start offers to continue there.
. "$(dirname "$0")/harness.sh"
e2e_setup

check_after() { # what
	local what=$1 state
	e2e_wait_exit
	[ "$E2E_EXIT" = 1 ] || e2e_fail "$what: exit code $E2E_EXIT, expected 1"
	e2e_wait "[koppel exited 1]"
	e2e_check_terminal
	state=$(e2e_state)
	[ -f "$state" ] || e2e_fail "$what: no state file"
	python3 -m json.tool "$state" >/dev/null || e2e_fail "$what: state file is not valid JSON"
	python3 - "$state" <<'PY' || e2e_fail "$what: position not saved: $(cat "$state")"
import json, sys
w = json.load(open(sys.argv[1]))["wizard"]
assert w["step"] == "choose-path" and w["finished"] is False, w
PY
	perm=$(stat -c %a "$state")
	[ "$perm" = 600 ] || e2e_fail "$what: state file mode $perm"
	# the shell in the pane reads lines again (echo and icanon work)
	e2e_type "echo sane-terminal-$what"
	e2e_keys Enter
	e2e_wait "sane-terminal-$what" 5
}

offers_resume() { # LANG word
	e2e_start 80 24 "LANG=$1" --
	e2e_wait "$2"
}

# Ctrl-C (raw mode: a key, not a signal)
e2e_start 80 24 --
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_keys C-c
check_after ctrl-c
offers_resume C.UTF-8 "Continue where it stopped"
e2e_keys Enter
e2e_wait "Choose the connection"

# SIGHUP (the terminal window was closed, the SSH connection dropped)
kill -HUP "$(e2e_pid)"
check_after sighup
offers_resume nl_NL.UTF-8 "Doorgaan waar het gestopt is"
e2e_keys Enter
e2e_wait "Kies de koppeling"

# SIGTERM
kill -TERM "$(e2e_pid)"
check_after sigterm
offers_resume C.UTF-8 "Continue where it stopped"
# start over instead: back to the welcome screen
e2e_keys Down Enter
e2e_wait "Welcome"
e2e_keys F10
e2e_wait_exit
e2e_finish
