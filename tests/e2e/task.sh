#!/bin/bash
# A task on the worker thread: progress with counts and a rate, the screen
# follows a resize while it runs, Esc cancels at once, F5 runs it again to
# the end, and Ctrl-C during a task leaves a sane terminal.
. "$(dirname "$0")/harness.sh"
e2e_setup
E2E_PROGRAM=$E2E_GALLERY

e2e_start 80 24 -- task sandbox
e2e_wait "Press Enter to run the task"
e2e_wait_row 1 "SANDBOX"
e2e_keys Enter
e2e_wait "Counting rows"
e2e_wait " of 200"
e2e_wait "/s"
e2e_wait "Esc cancels"
# keys and resizes are handled while the task runs
e2e_resize 100 30
e2e_wait_row 30 "Esc cancels"
e2e_resize 80 24
e2e_wait_row 24 "Esc cancels"
start=$(date +%s%N)
e2e_keys Escape
e2e_wait "✗ Cancelled." 3
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "cancel took ${ms} ms"
[ "$ms" -lt 1500 ] || e2e_fail "cancel took ${ms} ms"
e2e_wait "F5 run again"
e2e_keys F5
e2e_wait "Counting rows"
e2e_wait "Task finished: 200 rows." 20
e2e_wait_gone "Cancelled."

# Ctrl-C in the middle of a task
e2e_keys F5
e2e_wait " of 200"
e2e_keys C-c
e2e_wait_exit
[ "$E2E_EXIT" = 1 ] || e2e_fail "Ctrl-C during a task: exit $E2E_EXIT, expected 1"
e2e_check_terminal

# SIGTERM in the middle of a task: the task is cancelled, koppel leaves
e2e_start 80 24 -- task sandbox
e2e_wait "Press Enter to run the task"
e2e_keys Enter
e2e_wait " of 200"
kill -TERM "$(e2e_pid)"
e2e_wait_exit 3
[ "$E2E_EXIT" = 1 ] || e2e_fail "SIGTERM during a task: exit $E2E_EXIT, expected 1"
e2e_check_terminal
e2e_finish
