#!/bin/bash
# The line frontend at a terminal (a screen reader over SSH): a running task
# prints at most a line a second, says how to cancel, and a typed "<"
# cancels it like Esc in the TUI; "!r" runs it again to the end.
. "$(dirname "$0")/harness.sh"
e2e_setup
E2E_PROGRAM=$E2E_GALLERY
e2e_start 80 40 -- task sandbox plain
e2e_wait "step 1 of 2: Task"
e2e_keys Enter
e2e_wait "(type < and Enter to cancel)"
e2e_wait " / 200 row"
sleep 2
e2e_type "<"
e2e_keys Enter
e2e_wait "✗ Cancelled." 5
lines=$(e2e_screen | grep -c " / 200 row")
echo "progress lines before the cancel: $lines"
# the task counts 50 rows a second; about 2 s ran: a line per row would be ~100
[ "$lines" -le 5 ] || e2e_fail "$lines progress lines in about 2 s: more than one a second"
e2e_screen | grep -q "Task finished" && e2e_fail "the task finished although it was cancelled"
e2e_type "!r"
e2e_keys Enter
e2e_wait "✓ Task finished: 200 rows." 20
e2e_keys Enter
e2e_wait "step 2 of 2: Result"
e2e_keys Enter
e2e_wait_exit
e2e_finish
