#!/bin/bash
# F1 opens the help of the step (with the list of keys); F1 and Esc close it
# and leave the step where it was (Esc does not go back).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_start 80 24 --
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_keys F1
e2e_wait "Keys"
e2e_wait "Diagnose: checks a connection"
e2e_wait "close help"
e2e_keys F1
e2e_wait_gone "Keys"
e2e_wait "Which connection do you want to set up?"
e2e_keys F1
e2e_wait "Keys"
e2e_keys Escape
e2e_wait_gone "Keys"
e2e_wait "Which connection do you want to set up?"
e2e_keys C-q
e2e_wait_exit
e2e_check_terminal
e2e_finish
