#!/bin/bash
# welcome → Enter → choose path → Esc → back on the welcome screen; the
# header shows the product, "step x of n" and the environment banner.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_start 80 24 -- 
e2e_wait "Welcome"
e2e_wait "step 1 of"
screen=$(e2e_screen)
head -1 <<<"$screen" | grep -q "koppel" || e2e_fail "no product name in the header"
head -1 <<<"$screen" | grep -q "PRODUCTION" || e2e_fail "no environment banner in the header"
tail -1 <<<"$screen" | grep -q "Esc Back" || e2e_fail "footer does not show Esc"
tail -1 <<<"$screen" | grep -q "F10 Quit" || e2e_fail "footer does not show F10"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_wait "step 2 of"
e2e_wait "AFAS Profit"
e2e_keys Escape
e2e_wait "Press Enter to start"
e2e_wait "step 1 of"
e2e_wait_gone "Choose the connection"
# and forward again: the choice is still there
e2e_keys Enter
e2e_wait "Choose the connection"
# Esc and the next key in one burst: both count (back, then the welcome
# step's help)
e2e_keys Escape F1
e2e_wait_row 1 "step 1 of"
e2e_wait "koppel sets up the connection"
e2e_keys Escape
e2e_wait_gone "koppel sets up the connection"
e2e_keys F10
e2e_wait_exit
[ "$E2E_EXIT" = 1 ] || e2e_fail "quit should exit 1, got $E2E_EXIT"
e2e_check_terminal

# TERM=vt100 knows no F10: its sequence must not read as Esc (= back)
rm -f "$(e2e_state)"
e2e_start 80 24 TERM=vt100 --
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_keys F10
e2e_wait_exit
[ "$E2E_EXIT" = 1 ] || e2e_fail "F10 on vt100 should quit, got $E2E_EXIT"
e2e_finish
