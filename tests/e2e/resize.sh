#!/bin/bash
# Below 80×24 only the "window too small" message shows; back at 80×24 the
# step returns as it was (here: the option chosen before the resize).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_start 80 24 --
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_keys Down
e2e_wait "(•) Loket.nl"   # applied before the window shrinks
e2e_resize 60 20
e2e_wait "window too small: 60×20, needs 80×24"
e2e_screen | grep -q "Choose the connection" && e2e_fail "step still drawn in a small window"
# keys other than quit/Ctrl-C are ignored while too small
e2e_keys Escape
e2e_resize 79 24
e2e_wait "window too small: 79×24, needs 80×24"
e2e_resize 80 24
e2e_wait "Choose the connection"
e2e_wait_gone "window too small"
e2e_wait "(•) Loket.nl"
e2e_resize 120 40
e2e_wait_row 40 "F10 Quit"
e2e_wait_row 1 "step 2 of"
e2e_wait "Choose the connection"
# an option was changed: quitting asks first; n stays, y quits
e2e_keys F10
e2e_wait "Quit koppel?"
e2e_keys n
e2e_wait_gone "Quit koppel?"
e2e_wait "Choose the connection"
e2e_keys F10
e2e_wait "Quit koppel?"
e2e_keys y
e2e_wait_exit
[ "$E2E_EXIT" = 1 ] || e2e_fail "quit should exit 1, got $E2E_EXIT"
e2e_check_terminal
e2e_finish
