#!/bin/bash
# A check that fails sends the focus to the field to fix; when that field
# has scrolled out of view (a form taller than 80×24, focus at its bottom),
# the screen scrolls back to show it beside the message.
. "$(dirname "$0")/harness.sh"
e2e_setup
E2E_PROGRAM=$E2E_GALLERY
e2e_start 80 24 -- long test
e2e_wait "A form taller than the screen."
for i in 1 2 3 4 5 6 7 8; do
	e2e_keys Tab
done
e2e_wait "▸ Optional field 8"
e2e_wait_gone "First field" 5   # scrolled away
e2e_keys Enter
e2e_wait "✗ The first field is empty."
e2e_wait "▸ First field" 5
e2e_type "x"
e2e_keys Enter
e2e_wait_exit
[ "$E2E_EXIT" = 0 ] || e2e_fail "finished flow should exit 0, got $E2E_EXIT"
e2e_finish
