#!/bin/bash
# AFAS cannot be reached (connection refused): the token step explains it,
# offers to store the token unverified, and does so only on that explicit
# choice; the next step then reports the same unreachable AFAS. The token
# is nowhere on disk or screen.
. "$(dirname "$0")/harness.sh"
ZIP="${KOPPEL_SHARED:-}/reference/afas/GetConnectoren_La_Sa_en.zip"
if [ ! -f "$ZIP" ]; then   # the reference files beside the repository
	echo "SKIP: $ZIP is not here (../shared/reference beside the repository)"
	exit 77
fi
e2e_setup
DATA=0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF

e2e_start 80 24 -- --lang en --afas-url 'https://127.0.0.1:1/{id}/ProfitRestServices'
e2e_wait "Welcome"
e2e_keys Enter
e2e_wait "Choose the connection"
e2e_keys Enter
e2e_wait "AFAS: connector ZIP"
e2e_type "$ZIP"
e2e_keys Enter
e2e_wait "3 connector(s) read" 15
e2e_wait "✓ SH_AUDIT_Plannen"
e2e_keys Enter
e2e_wait "AFAS: the connection user"
e2e_keys Space Down Space Down Space Down Space Down Space Down Space Down Space Enter
e2e_wait "AFAS: App Connector token"
e2e_type 12345
e2e_keys Tab Down Tab
e2e_type "<token><version>1</version><data>$DATA</data></token>"
e2e_keys Enter
e2e_wait "No connection with AFAS" 20
e2e_screen | grep -qF "${DATA:0:16}" && e2e_fail "token on screen"
# nothing stored yet: that needs the explicit choice
e2e_keys NPage NPage
e2e_wait "Store the token unverified"
e2e_keys Down Enter
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
	e2e_wait "Stored in the keyring without a check" 15
	e2e_keys Enter
	e2e_wait "AFAS: connectors assigned"
	e2e_wait "No connection with AFAS" 20
else
	e2e_wait "keyring could not be used" 15   # no Secret Service: said so
fi
e2e_keys C-c
e2e_wait_exit
e2e_check_terminal
grep -q '"customer":[[:space:]]*"12345"' "$(e2e_state)" || e2e_fail "customer not in the settings"
if grep -rqiF "$DATA" "$E2E_DIR"; then
	e2e_fail "token data found on disk: $(grep -rliF "$DATA" "$E2E_DIR")"
fi
e2e_finish
