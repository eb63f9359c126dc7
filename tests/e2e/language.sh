#!/bin/bash
# Dutch from LANG=nl_NL.UTF-8 although that locale is not generated here
# (UTF-8 still works: the marks and arrows show), English from LANG=en and
# from --lang, and F2 / Ctrl-T switch while running.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_start 80 24 LANG=nl_NL.UTF-8 --
e2e_wait "Welkom"
e2e_wait "stap 1 van"
e2e_wait_row 1 "■ PRODUCTIE ■"
e2e_wait "Enter Verder"
e2e_wait "F10 Stoppen"
e2e_keys Enter
e2e_wait "Kies de koppeling"
e2e_wait "(•) AFAS Profit → a.s.r."
e2e_keys Down
e2e_wait "(•) Loket.nl"
e2e_keys F2
e2e_wait "Choose the connection"
e2e_wait "step 2 of"
e2e_wait "Language: English"
# the choice made in Dutch is kept
e2e_wait "(•) Loket.nl"
e2e_keys C-t
e2e_wait "Kies de koppeling"
e2e_wait "Taal: Nederlands"
e2e_keys F1
e2e_wait "Toetsen"
e2e_keys Escape
e2e_wait_gone "Toetsen"
e2e_keys F10
e2e_wait "koppel afsluiten?"
e2e_keys j
e2e_wait_exit
rm -f "$(e2e_state)"   # else the next start offers to resume

e2e_start 80 24 LANG=en_US.UTF-8 --
e2e_wait "Welcome"
e2e_wait "Enter Next"
e2e_keys F10
e2e_wait_exit
rm -f "$(e2e_state)"   # else the next start offers to resume

e2e_start 80 24 LANG=nl_NL.UTF-8 -- --lang en
e2e_wait "Welcome"
e2e_keys F10
e2e_wait_exit
rm -f "$(e2e_state)"   # else the next start offers to resume

e2e_start 80 24 LANG=en_US.UTF-8 -- --lang nl
e2e_wait "Welkom"
e2e_resize 70 20
e2e_wait "venster te klein: 70×20"
e2e_keys F10
e2e_wait_exit
rm -f "$(e2e_state)"

# a locale that is not UTF-8 (LANG=C over SSH): every character one ASCII
# character, never the bytes of UTF-8 (curses shows those as ~F~R)
e2e_start 80 24 LANG=C LC_ALL=C -- --lang nl
e2e_wait "Welkom"
e2e_keys Enter
e2e_wait "(*) AFAS Profit > a.s.r."
e2e_screen | grep -q '~' && e2e_fail "UTF-8 bytes shown as ~ in a C locale"
e2e_wait_row 1 "* PRODUCTIE *"
e2e_keys F10
e2e_wait_exit
e2e_finish
