#!/bin/bash
# --plain through a pipe (and without --plain when stdin is no terminal):
# the same steps as numbered prompts, no escape sequences, in English and
# Dutch. A black-box test of src/plain: answers in, prompts out.
. "$(dirname "$0")/harness.sh"
e2e_setup

run_plain() { # LANG ARGS... (answers on stdin)
	local lang=$1
	shift
	env -i HOME="$E2E_DIR/home" PATH=/usr/bin:/bin LANG="$lang" TERM=dumb \
		XDG_CONFIG_HOME="$E2E_DIR/config" XDG_STATE_HOME="$E2E_DIR/state" \
		XDG_RUNTIME_DIR="$E2E_DIR/runtime" "$E2E_KOPPEL" "$@"
}

out=$(printf '\n2\n' | run_plain C.UTF-8 --plain 2>&1)
rc=$?
echo "$out"
grep -q "Welcome" <<<"$out" || e2e_fail "no welcome text"
grep -q "step 1 of" <<<"$out" || e2e_fail "no step number"
grep -q "Choose the connection" <<<"$out" || e2e_fail "Enter did not lead to the choice"
grep -qE "^ *1\) AFAS Profit" <<<"$out" || e2e_fail "options are not numbered"
grep -qE "^ *3\) Diagnose" <<<"$out" || e2e_fail "option 3 missing"
grep -q $'\033' <<<"$out" && e2e_fail "escape sequences in plain output"
# a list item's continuation stands under its text, not under the dash
grep -qE "^  AFAS user that may manage" <<<"$out" || e2e_fail "no hanging indent for list items"
# input ran out: koppel stops with 1 and keeps the position
[ "$rc" = 1 ] || e2e_fail "end of input should exit 1, got $rc"
python3 -m json.tool "$(e2e_state)" >/dev/null || e2e_fail "state file is not valid JSON"

# not a terminal: plain without asking for it
rm -f "$(e2e_state)"
out=$(printf '\n' | run_plain nl_NL.UTF-8 2>&1)
grep -q "stap 1 van" <<<"$out" || e2e_fail "no Dutch step number: $out"
grep -q "Welkom" <<<"$out" || e2e_fail "no Dutch welcome"
grep -q "Kies de koppeling" <<<"$out" || e2e_fail "no Dutch choice"
grep -q $'\033' <<<"$out" && e2e_fail "escape sequences without --plain through a pipe"

# every line fits 80 columns (a terminal would break it mid-word), the
# checklist's long items included; continuation under the item's text
rm -f "$(e2e_state)"
out=$(printf '\n2\n\n' | run_plain C.UTF-8 --plain 2>&1)
long=$(python3 -c 'import sys; print(sum(1 for l in sys.stdin.read().split("\n") if len(l) > 80))' <<<"$out")
[ "$long" = 0 ] || e2e_fail "$long plain lines longer than 80 columns: $out"
grep -qE "^      filled in$" <<<"$out" || e2e_fail "a long checklist item does not go on under its text"

# help names the answers typed here, not the TUI's keys
rm -f "$(e2e_state)"
out=$(printf '?\n' | run_plain C.UTF-8 --plain 2>&1)
flat=$(tr -s ' \n' '  ' <<<"$out")
grep -qF "< goes back, ? shows this help, !nl switches" <<<"$flat" || e2e_fail "help names TUI keys: $flat"
grep -qE "Esc|F1|F10" <<<"$out" && e2e_fail "a TUI key name in plain output"
e2e_finish
