#!/bin/bash
# In the full-screen wizard: Loket.nl stops accepting the tokens (refresh
# token revoked, access token expired) right after consent; the rights step
# says consent is needed again and Enter leads straight back to consent.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
loket_start 100 40
loket_walk_to_consent
loket_browser_way
e2e_wait "Consent given" 30
"$KOPPEL_BUILD_ROOT/tests/loket/loket-token-helper" "$LOKET_INFO" control /revoke-refresh-tokens ||
	e2e_fail "control: revoke"
"$KOPPEL_BUILD_ROOT/tests/loket/loket-token-helper" "$LOKET_INFO" control /expire-access-tokens ||
	e2e_fail "control: expire"
e2e_keys Enter
e2e_wait "consent is needed again" 30
e2e_keys Enter
e2e_wait "Type the access token and refresh token by hand" 10
e2e_screen | grep -q "Consent in Loket.nl" || e2e_fail "not back at the consent step"
# consent again, and the rights check passes this time
loket_browser_way
e2e_wait "Consent given" 30
e2e_keys Enter
e2e_wait "Every employer is reachable with all six rights" 30
loket_no_token_on_disk
