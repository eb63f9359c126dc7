#!/bin/bash
# The rights step at 80×24 with the user "beperkt" (two rights missing on
# Voorbeeld Zorg B.V.): each employer's number stays readable when its name
# is cut, the gaps are marked ✗ in the matrix, one sentence per employer
# asks the provider for both rights, F5 checks again, and Enter goes on
# anyway — the summary then names the step left failing.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
loket_start 80 24 "KOPPEL_TEST_LOKET_USER=beperkt"
loket_walk_to_consent
loket_browser_way
e2e_wait "Consent given" 30
e2e_keys Enter
e2e_wait "Not every right is in place" 30
for n in 20720 20721 20722; do
	e2e_screen | grep -qE "^ [✓✗!] $n Voorbeeld" || e2e_fail "employer $n not readable in the matrix"
done
e2e_screen | grep -qE "^ ✗ 20721 Voorbeeld Zorg" || e2e_fail "the gaps of 20721 are not marked ✗"
e2e_screen | grep -qE "^ ✓ 20720 Voorbeeld Holding" || e2e_fail "20720 should have every right"
flat=$(e2e_screen | tr -s ' \n' '  ')
grep -qF 'Voorbeeld Zorg B.V.: ask your provider (administratiekantoor or accountant) to give this Loket.nl user the rights "Beheren en raadplegen BSN" and "Raadplegen loonoutput beperkt".' <<<"$flat" ||
	e2e_fail "no single request naming both missing rights: $flat"
[ "$(grep -o 'ask your provider' <<<"$flat" | wc -l)" = 1 ] ||
	e2e_fail "the provider is asked more than once for one employer"
e2e_keys F5
e2e_wait "Not every right is in place" 30
e2e_keys Enter              # on anyway
e2e_wait "Press Enter to start" 10
e2e_keys F10
e2e_wait_exit 10
loket_no_token_on_disk
