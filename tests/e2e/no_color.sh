#!/bin/bash
# NO_COLOR=1: not one colour on the screen, yet the banner still stands out
# (inverse video) and the marks carry the meaning. Without NO_COLOR the
# same screen does use colour (so this test would notice NO_COLOR ignored).
. "$(dirname "$0")/harness.sh"

# Print what SGR attributes the captured screen uses: "colour" when any
# foreground/background colour is set, "reverse" when inverse video is.
sgr_report() {
	e2e_tmux capture-pane -p -e -t "$E2E_SESSION" | python3 -c '
import re, sys
colour = reverse = False
for m in re.finditer(r"\x1b\[([0-9;:]*)m", sys.stdin.read()):
    ps = [int(p) for p in re.split("[;:]", m.group(1)) if p]
    for p in ps:
        if 30 <= p <= 38 or 40 <= p <= 48 or 90 <= p <= 97 or 100 <= p <= 107:
            colour = True
        if p == 7:
            reverse = True
print(("colour " if colour else "") + ("reverse" if reverse else ""))'
}

e2e_setup
e2e_start 80 24 NO_COLOR=1 --
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
r=$(sgr_report)
case "$r" in *colour*) e2e_fail "colour used with NO_COLOR=1 ($r)";; esac
case "$r" in *reverse*) ;; *) e2e_fail "no inverse banner with NO_COLOR=1 ($r)";; esac
e2e_screen | head -1 | grep -q "PRODUCTION" || e2e_fail "banner word missing"
e2e_wait "(•) AFAS"
e2e_keys F10
e2e_wait_exit

rm -f "$(e2e_state)"   # else the next start offers to resume
e2e_start 80 24 --
e2e_wait "Welcome"
r=$(sgr_report)
case "$r" in *colour*) ;; *) e2e_fail "no colour without NO_COLOR ($r)";; esac
e2e_keys F10
e2e_wait_exit
e2e_finish
