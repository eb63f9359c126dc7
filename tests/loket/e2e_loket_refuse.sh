#!/bin/bash
# In the full-screen wizard: "Weigeren" in Loket.nl gives its own message
# and leads back to the choice of way; no token is stored.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
loket_start 100 40 "KOPPEL_TEST_DECISION=deny"
loket_walk_to_consent
loket_browser_way
e2e_wait "Consent was refused in Loket.nl" 20
e2e_wait "Type the access token and refresh token by hand" 5
if command -v secret-tool >/dev/null 2>&1; then
	[ -z "$(secret-tool lookup provider loket environment sandbox account "$LOKET_CLIENT")" ] ||
		e2e_fail "a token item exists after a refusal"
	secret-tool clear provider loket-client environment sandbox account "$LOKET_CLIENT"
fi
