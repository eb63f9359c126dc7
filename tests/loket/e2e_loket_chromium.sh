#!/bin/bash
# The browser way with real headless Chromium (Debian's chromium): BROWSER
# starts it and clicks through the sandbox's login and consent pages; the
# redirect reaches koppel's loopback listener. Skipped without chromium.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium is not installed"; exit 77; }
loket_e2e_begin
e2e_start 100 40 "BROWSER=$KOPPEL_BUILD_ROOT/tests/loket/loket-chromium-browser" \
	"KOPPEL_TEST_SANDBOX_INFO=$LOKET_INFO" -- --sandbox-info "$LOKET_INFO"
loket_walk_to_consent
loket_browser_way    # the countdown runs until Chromium is through
loket_walk_after_consent
loket_no_token_on_disk
