#!/bin/bash
# No Secret Service at all (a bus address that leads nowhere): the keyring
# step says so, why, and how to get one; "continue without saving" lets the
# consent run for this session only, and nothing secret lands in a file.
. "$KOPPEL_SOURCE_ROOT/tests/e2e/harness.sh"
. "$(dirname "$0")/e2e_loket_lib.sh"
loket_e2e_begin
loket_start 100 40 "DBUS_SESSION_BUS_ADDRESS=unix:path=$E2E_DIR/no-bus-here"
loket_walk_to_keyring 20720
e2e_wait "No usable keyring" 15
e2e_wait "gnome-keyring-daemon --unlock" 5   # how to get one
e2e_wait "Try again" 5
e2e_keys Down                                # continue without saving
e2e_keys Tab
e2e_type "$LOKET_SECRET"
e2e_keys Enter
e2e_wait "Type the access token and refresh token by hand" 10
loket_browser_way
e2e_wait "kept for this session only" 30
e2e_keys F10                                 # nothing unsaved: quits at once
e2e_wait_exit 10
loket_no_secret_in_files
