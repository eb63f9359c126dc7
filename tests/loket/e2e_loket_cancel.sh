#!/bin/bash
# In the full-screen wizard: a browser that never comes back; the countdown
# runs and Esc cancels the wait; the choice of way is offered again.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
e2e_start 100 40 "BROWSER=/bin/true" -- --sandbox-info "$LOKET_INFO"
loket_walk_to_consent
e2e_keys Enter
e2e_wait "koppel listens on http://127.0.0.1:" 10
e2e_wait "Press Enter to wait for it" 5
e2e_keys Enter
e2e_wait "Waiting for consent in the browser: 4:" 10
e2e_wait_gone "Press Enter to wait for it" 5   # stale once it waits
# the address stays on screen while koppel waits (no window may have opened),
# and ^Y copies it whole while waiting too
e2e_wait "/authorize?client_id=" 5
# (at 100 columns the address wraps: the screen's rows, joined without the
# indent of each row, are the address)
url=$(e2e_screen | sed -n '/https:\/\/127.0.0.1/,/S256/p' | sed 's/^ //' | tr -d '\n')
case "$url" in https://127.0.0.1:*/oauth/authorize?*code_challenge_method=S256) ;;
*) e2e_fail "no whole authorize address on the screen: $url" ;; esac
e2e_wait "^Y copy" 5
e2e_keys C-y
e2e_wait "Copied to the clipboard" 5
e2e_wait_clipboard "$url" "the address during the wait"
e2e_wait "Waiting for consent in the browser: 4:" 5   # still waiting
e2e_keys Escape
e2e_wait "Waiting for consent was cancelled" 10
e2e_wait "press Enter to start again" 5   # not F5: the wait is over
e2e_wait "Type the access token and refresh token by hand" 5
if command -v secret-tool >/dev/null 2>&1; then
	secret-tool clear provider loket-client environment sandbox account "$LOKET_CLIENT"
fi
