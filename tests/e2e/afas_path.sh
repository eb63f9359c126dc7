#!/bin/bash
# The whole AFAS path in the real TUI against a real koppel-sandbox, from a
# fresh state to the a.s.r. registration sheet, in English and in Dutch:
# the connector ZIP (and unpacking it), the user checklist (refused until
# ticked), a mistyped token (wrong length), a token of another participant
# (401), the right token, the assignment, the test sync, the sheet with a
# bad e-mail first, the token data revealed with F3 and copied with Ctrl-Y.
# Afterwards the token's data is nowhere under the throwaway HOME/XDG
# folders, and it was never on screen before F3.
. "$(dirname "$0")/harness.sh"
e2e_setup

SBX_DIR=$(mktemp -d "${TMPDIR:-/tmp}/koppel-e2e-afas-sbx.XXXXXX") || exit 1
SBX_PID=
"$KOPPEL_BUILD_ROOT/src/sandbox/koppel-sandbox" --info "$SBX_DIR/info.json" \
	--state-dir "$SBX_DIR/state" > "$SBX_DIR/out" 2>&1 &
SBX_PID=$!
eval "e2e_finish_harness() $(declare -f e2e_finish | sed 1d)"
e2e_finish() {
	[ -n "$SBX_PID" ] && kill "$SBX_PID" 2>/dev/null && wait "$SBX_PID" 2>/dev/null
	SBX_PID=
	rm -rf "$SBX_DIR"
	e2e_finish_harness
}
for _ in $(seq 100); do
	grep -q ready "$SBX_DIR/out" 2>/dev/null && break
	sleep 0.1
done
grep -q ready "$SBX_DIR/out" || e2e_fail "koppel-sandbox did not start: $(cat "$SBX_DIR/out")"
INFO="$SBX_DIR/info.json"

# A value from the info file (cJSON's layout: "key":<tab>"value").
info_str() {
	sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\(.*\)\",\{0,1\}$/\1/p" "$INFO" | head -n 1
}
# The token of a participant: the "token" line after its "participant" line.
token_of() {
	awk -v p="$1" '
		index($0, "\"participant\"") && index($0, "\"" p "\"") { found = 1; next }
		found && index($0, "\"token\"") {
			sub(/^[^<]*/, ""); sub(/",?[[:space:]]*$/, ""); print; exit
		}' "$INFO"
}
ZIP=$(info_str afas_zip)
GOOD=$(token_of 12345)
OTHER=$(token_of 23456)
DATA=$(printf '%s' "$GOOD" | sed 's/.*<data>\(.*\)<\/data>.*/\1/')
B64=$(printf '%s' "$GOOD" | base64 -w0)
[ -f "$ZIP" ] || e2e_fail "no demo ZIP in the sandbox info"
[ ${#DATA} = 64 ] || e2e_fail "no token for 12345 in the sandbox info"

no_token_on_screen() {
	if e2e_screen | grep -qiF -e "$DATA" -e "${DATA:0:20}" -e "${OTHER:40:20}"; then
		e2e_fail "token data on screen ($1)"
	fi
}

run_path() {
	local lang=$1
	local t_choose t_zip t_read t_unpacked t_user t_ticks t_token t_length t_401
	local t_works t_stored t_assigned t_sync_start t_sync_done t_elfproef t_sheet_step
	local t_bad_mail t_sheet t_copied t_summary t_bad_cust t_cust t_no_version t_version
	if [ "$lang" = nl ]; then
		t_bad_cust='"1234" is geen AFAS-klantnummer'; t_cust="AFAS-klantnummer"
		t_no_version="zonder versie"; t_version="Tokenversie"
		t_choose="Kies de koppeling"; t_zip="AFAS: connector-ZIP"
		t_read="4 connector(en) gelezen"; t_unpacked="Uitgepakt in"
		t_user="AFAS: de koppelingsgebruiker"; t_ticks="7 van de 7 punten"
		t_token="AFAS: App Connector-token"; t_length="verkeerde lengte: 63 tekens"
		t_401="AFAS weigert het token (401)"; t_works="Het token werkt"
		t_stored="token opgeslagen"; t_assigned="Elke connector is toegewezen"
		t_sync_start="Druk op Enter om de testsynchronisatie te starten"
		t_sync_done="Elke connector kon worden gelezen"; t_elfproef="geldig, "
		t_sheet_step="AFAS: aanmelding bij a.s.r."; t_bad_mail="geen geldig e-mailadres"
		t_sheet="Voor het aanmeldformulier van a.s.r."; t_copied="klembord"
		t_summary="Samenvatting"
	else
		t_bad_cust='"1234" is not an AFAS customer number'; t_cust="AFAS customer number"
		t_no_version="without a version"; t_version="Token version"
		t_choose="Choose the connection"; t_zip="AFAS: connector ZIP"
		t_read="4 connector(s) read"; t_unpacked="Unpacked into"
		t_user="AFAS: the connection user"; t_ticks="7 of 7 items"
		t_token="AFAS: App Connector token"; t_length="wrong length: 63 characters"
		t_401="AFAS refused the token (401)"; t_works="The token works"
		t_stored="token stored"; t_assigned="Every connector is assigned"
		t_sync_start="Press Enter to start the test sync"
		t_sync_done="Every connector could be read"; t_elfproef="valid, "
		t_sheet_step="AFAS: a.s.r. registration"; t_bad_mail="not a valid e-mail address"
		t_sheet="For the a.s.r. registration form"; t_copied="clipboard"
		t_summary="Summary"
	fi
	rm -rf "$E2E_DIR/config/koppel" "$E2E_DIR/gcn"   # a fresh state
	mkdir -p "$E2E_DIR/gcn"

	e2e_start 80 24 -- --lang "$lang" --sandbox-info "$INFO"
	e2e_wait_row 1 "SANDBOX" 15
	e2e_keys Enter
	e2e_wait "$t_choose"
	e2e_keys Enter
	e2e_wait "$t_zip"

	# 1. the ZIP: read, table, unpack into a folder
	e2e_type "$ZIP"
	e2e_keys Enter
	e2e_wait "$t_read" 15
	e2e_wait "✓ BP_Medewerkers"
	e2e_wait "✓ BP_Werkgever"
	e2e_keys Down    # to the folder field (Tab would complete the path)
	e2e_type "$E2E_DIR/gcn"
	e2e_keys Enter
	e2e_wait "$t_unpacked" 15
	[ -f "$E2E_DIR/gcn/BP_Medewerkers.gcn" ] || e2e_fail "the .gcn files were not unpacked"
	e2e_keys Enter

	# 2. the user checklist: refused until every box is ticked
	e2e_wait "$t_user"
	e2e_keys Enter
	e2e_wait "$t_ticks"
	e2e_keys Space Down Space Down Space Down Space Down Space Down Space Down Space
	e2e_keys Enter

	# 3. the token: a customer number one digit short (the focus goes back
	# to it, the token typed stays), the data part without its version (the
	# data stays, the focus goes to the version), mistyped, another
	# participant's, then the right one
	e2e_wait "$t_token"
	e2e_type 1234
	e2e_keys Tab Down Tab
	e2e_type "$DATA"
	e2e_keys Enter
	e2e_wait "$t_bad_cust"
	e2e_wait "▸ $t_cust"
	e2e_type 5
	e2e_keys Enter
	e2e_wait "$t_no_version"
	e2e_wait "▸ $t_version"
	e2e_keys BTab
	e2e_screen | grep -qE "•{64}" || e2e_fail "the data part was not kept for the version"
	e2e_keys C-u
	e2e_type "<token><version>1</version><data>${DATA:0:63}</data></token>"
	e2e_keys Enter
	e2e_wait "$t_length"
	# the field to fix is on screen beside the message, not scrolled away
	e2e_screen | grep -Eq '▸ Token *$' ||
		e2e_fail "after the length error the token field is not on screen"
	no_token_on_screen "mistyped token"
	e2e_type "$OTHER"
	e2e_keys Enter
	e2e_wait "$t_401" 15
	no_token_on_screen "refused token"
	e2e_keys Tab Tab
	e2e_type "  $GOOD  "
	no_token_on_screen "typing the token"
	e2e_keys Enter
	e2e_wait "$t_works" 15
	if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
		e2e_keys NPage NPage
		e2e_wait "$t_stored"
	fi
	no_token_on_screen "token accepted"
	e2e_keys Enter

	# 4. assignment
	e2e_wait "$t_assigned" 15
	e2e_wait "✓ BP_Salarissen"
	e2e_keys Enter

	# 5. test sync: counts only
	e2e_wait "$t_sync_start"
	e2e_keys Enter
	e2e_wait "$t_sync_done" 60
	e2e_wait "$t_elfproef"
	no_token_on_screen "test sync"
	e2e_keys Enter

	# 6. the registration sheet
	e2e_wait "$t_sheet_step"
	e2e_type "ACME Salarisverwerking"
	e2e_keys Tab
	e2e_type "salaris-at-acme.nl"
	e2e_keys Enter
	e2e_wait "$t_bad_mail"
	e2e_keys C-u
	e2e_type "salaris@acme.nl"
	e2e_keys Enter
	e2e_wait "$t_sheet" 15
	e2e_wait "12345"
	no_token_on_screen "sheet before F3"
	e2e_keys F3 NPage
	e2e_wait "$DATA"
	e2e_keys C-y
	e2e_wait "$t_copied"
	e2e_wait_clipboard "$DATA" "the token data"
	e2e_tmux delete-buffer 2>/dev/null
	e2e_keys F3
	e2e_wait_gone "$DATA"
	e2e_keys Enter
	e2e_wait "$t_summary"
	no_token_on_screen "summary"
	e2e_keys Enter
	e2e_wait_exit 15
	[ "$E2E_EXIT" = 0 ] || e2e_fail "the AFAS path should end with 0, got $E2E_EXIT"
	e2e_check_terminal

	# What stayed behind: settings yes, the token nowhere.
	grep -q '"customer":[[:space:]]*"12345"' "$(e2e_state)" || e2e_fail "customer not in the settings"
	grep -q '"BP_Salarissen"' "$(e2e_state)" || e2e_fail "connector list not in the settings"
	if grep -rqiF -e "$DATA" -e "$B64" "$E2E_DIR"; then
		e2e_fail "token data found on disk: $(grep -rliF -e "$DATA" -e "$B64" "$E2E_DIR")"
	fi
}

run_path en
run_path nl
e2e_finish
