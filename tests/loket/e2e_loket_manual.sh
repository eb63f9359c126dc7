#!/bin/bash
# Tokens typed by hand (the manual's fallback): a token pair obtained with
# `koppel loket login` in a second, keyring-less run is typed into the
# wizard; the stored pair works for rights and the test sync.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_need_keyring
loket_e2e_begin
# a token pair, straight from the sandbox's token endpoint
url=$(printf '%s\n' "$LOKET_SECRET" | env -i HOME="$E2E_DIR/home" PATH=/usr/bin:/bin KOPPEL_BUILD_ROOT="$KOPPEL_BUILD_ROOT" \
	XDG_CONFIG_HOME="$E2E_DIR/tmpcfg" "$KOPPEL_BUILD_ROOT/tests/loket/loket-token-helper" \
	"$LOKET_INFO" 2>"$E2E_DIR/helper.err") || e2e_fail "token helper: $(cat "$E2E_DIR/helper.err")"
access=${url%% *}
refresh=${url##* }
e2e_start 100 40 -- --sandbox-info "$LOKET_INFO"
loket_walk_to_consent
e2e_keys Down Down Enter    # way 3: by hand
e2e_wait "Refresh token" 10
e2e_type "$access"
e2e_keys Tab
e2e_type "$refresh"
e2e_keys Enter
loket_walk_after_consent
unset access refresh url
loket_no_token_on_disk
