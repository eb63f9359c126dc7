#!/bin/bash
# Consent the browser way in the full-screen wizard: BROWSER is the fake
# browser, which logs in on the sandbox's pages and clicks "Toestaan"; the
# loopback listener takes the answer; then rights, test sync, summary.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
loket_start 100 40
loket_walk_to_consent
e2e_keys Enter              # way 1: browser on this machine
e2e_wait "koppel listens on http://127.0.0.1:" 10
# a real browser warns about the sandbox's own CA: the step says so
e2e_wait "does not know the certificate" 5
e2e_keys Enter              # wait for the answer (already there)
loket_walk_after_consent
loket_no_token_on_disk
