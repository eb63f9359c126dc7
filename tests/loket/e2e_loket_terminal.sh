#!/bin/bash
# The demo's fourth way (only against the sandbox): no browser at all (a
# server over SSH), koppel fills in the sandbox's login and consent pages.
# A webservice user and a wrong password each get their own message and
# keep the user name; "Weigeren" is a refusal like in a browser; then
# "Toestaan" gives consent. The password is in no file afterwards.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
e2e_start 80 24 "BROWSER=/nonexistent" -- --sandbox-info "$LOKET_INFO"
loket_walk_to_consent
e2e_wait "Demo: sign in here in the terminal" 5
e2e_keys Down Down Down Enter
e2e_wait "koppel fills in the sandbox's Loket.nl pages" 10
# Esc goes back to the choice of way, still in this step (the way chosen
# stays selected), not to the keyring step
e2e_keys Escape
e2e_wait "How do you want to" 5
e2e_wait_row 2 "Consent in Loket.nl" 5
e2e_screen | grep -q "(•) Demo: sign in here in the terminal" || e2e_fail "the way chosen is not kept"
e2e_keys Enter
e2e_wait "koppel fills in the sandbox's Loket.nl pages" 10
e2e_wait "▸ Loket.nl user"
# nothing typed: says what is missing, stays (F5 too: there is nothing to run)
e2e_keys Enter
e2e_wait "Type the user name and the password." 5
e2e_keys F5
e2e_wait "Type the user name and the password." 10
e2e_screen | grep -q "does not know this user" && e2e_fail "F5 signed in with an empty password"
e2e_type webservice
e2e_keys Tab
e2e_type webservice-wachtwoord
e2e_keys Enter
e2e_wait "This is a webservice user" 15
e2e_wait "▸ Password" 5
e2e_screen | grep -q "^   webservice$" || e2e_fail "the user name was not kept"
e2e_keys BTab C-u
e2e_type demo
e2e_keys Tab
e2e_type wrong-password
e2e_keys Enter
e2e_wait "The sandbox does not know this user name and password." 15
e2e_wait "passwords are on the welcome screen" 5
e2e_screen | grep -q "wrong-password" && e2e_fail "the password is on the screen"
e2e_type demo-wachtwoord
e2e_keys Tab Down   # Weigeren
e2e_keys Enter
e2e_wait '("Weigeren")' 15
e2e_wait "▸ Password" 5   # the user name stays, only the password to type
e2e_type demo-wachtwoord
e2e_keys Tab Up     # Toestaan
e2e_keys Enter
loket_walk_after_consent
grep -rqF -- "demo-wachtwoord" "$E2E_DIR/home" "$E2E_DIR/config" "$E2E_DIR/state" \
	"$E2E_DIR/data" "$E2E_DIR/cache" 2>/dev/null && e2e_fail "the password was found in a file"
loket_no_token_on_disk
