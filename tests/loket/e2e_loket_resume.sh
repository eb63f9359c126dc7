#!/bin/bash
# Resumed at the rights step with no tokens in the keyring for this client
# (what a restarted `koppel demo` meets: its sandbox has a new client): the
# step says consent is needed, names the wizard's step (not a command), and
# Enter leads to the consent step.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
loket_start 100 40
loket_walk_to_consent
loket_browser_way
e2e_wait "Consent given" 30
e2e_keys Enter
e2e_wait "Every employer is reachable with all six rights" 30
e2e_keys C-c
e2e_wait_exit 10
command -v secret-tool >/dev/null 2>&1 || { echo "SKIP: no secret-tool"; exit 77; }
secret-tool clear provider loket environment sandbox account "$LOKET_CLIENT"

loket_start 100 40
e2e_wait "Continue where it stopped" 10
e2e_keys Enter
e2e_wait "Employers and rights" 10
e2e_keys Enter
e2e_wait "No Loket.nl tokens are stored" 20
e2e_wait "Consent in Loket.nl is needed first" 5
e2e_wait 'go back to the step "Consent in Loket.nl"' 5
e2e_screen | grep -q "koppel loket login" && e2e_fail "the wizard names a command instead of its step"
e2e_keys Enter
e2e_wait "Type the access token and refresh token by hand" 10
e2e_screen | grep -q "Consent in Loket.nl" || e2e_fail "not at the consent step"
e2e_keys F10
e2e_wait_exit 10
loket_no_secret_in_files
