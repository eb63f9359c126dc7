#!/bin/bash
# Consent without a browser here: the address is opened "elsewhere" (the
# fake browser, not following the redirect), and the address it ended on
# is pasted back into the wizard.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
e2e_start 400 60 -- --sandbox-info "$LOKET_INFO"
loket_walk_to_consent
e2e_keys Down Enter         # way 2: no browser here
e2e_wait "Address the browser ended on" 10
url=$(e2e_screen | tr -d '\n' | grep -o 'https://127.0.0.1:[0-9]*/oauth/authorize?[^ ]*' | head -1)
[ -n "$url" ] || e2e_fail "no authorize address on the screen"
# the address, too long for one row at 80 columns, is copied whole with ^Y
e2e_screen | grep -q "\^Y copy" || e2e_fail "no ^Y copy in the footer beside the address"
e2e_keys C-y
e2e_wait_clipboard "$url" "the address"
e2e_tmux delete-buffer 2>/dev/null
KOPPEL_TEST_SANDBOX_INFO="$LOKET_INFO" KOPPEL_TEST_BROWSER_FOLLOW=0 \
	KOPPEL_TEST_BROWSER_OUT="$E2E_DIR/ended" "$LOKET_BROWSER" "$url" ||
	e2e_fail "the fake browser could not give consent"
grep -q '^http://127.0.0.1:[0-9]*/callback?code=' "$E2E_DIR/ended" ||
	e2e_fail "the browser did not end on the redirect address"
e2e_type "$(cat "$E2E_DIR/ended")"
rm -f "$E2E_DIR/ended"
e2e_keys Enter
loket_walk_after_consent
loket_no_token_on_disk
