# e2e_loket_lib.sh — sourced by the Loket.nl end-to-end cases after
# tests/e2e/harness.sh: a real koppel-sandbox next to the wizard, the fake
# browser, and the check that no token ended up in a file.

LOKET_SANDBOX_PID=

loket_need_keyring() {
	if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
		echo "SKIP: no session bus (run inside dbus-run-session with a keyring)"
		exit 77
	fi
}

# Start koppel-sandbox with its info file in $E2E_DIR/sandbox/info.json.
loket_sandbox_start() {
	local q=0
	mkdir -m 700 -p "$E2E_DIR/sandbox"
	LOKET_INFO="$E2E_DIR/sandbox/info.json"
	"$KOPPEL_BUILD_ROOT/src/sandbox/koppel-sandbox" --info "$LOKET_INFO" \
		--state-dir "$E2E_DIR/sandbox" "$@" > "$E2E_DIR/sandbox/out" 2>&1 &
	LOKET_SANDBOX_PID=$!
	while ! grep -q ready "$E2E_DIR/sandbox/out" 2>/dev/null && [ $q -lt 100 ]; do
		sleep 0.1
		q=$((q + 1))
	done
	grep -q ready "$E2E_DIR/sandbox/out" || e2e_fail "koppel-sandbox did not start"
	LOKET_SECRET=$(sed -n 's/.*"loket_client_secret":[[:space:]]*"\([^"]*\)".*/\1/p' "$LOKET_INFO")
	LOKET_CLIENT=$(sed -n 's/.*"loket_client_id":[[:space:]]*"\([^"]*\)".*/\1/p' "$LOKET_INFO")
	[ -n "$LOKET_SECRET" ] || e2e_fail "no client secret in the sandbox info"
	LOKET_BROWSER="$KOPPEL_BUILD_ROOT/tests/loket/loket-fake-browser"
}

# The start of every case: a throwaway HOME, the sandbox, and at exit the
# sandbox stopped and the case's verdict (arguments go to the sandbox).
loket_e2e_begin() {
	e2e_setup
	trap 'loket_sandbox_stop; e2e_finish' EXIT
	loket_sandbox_start "$@"
}

loket_sandbox_stop() {
	[ -n "$LOKET_SANDBOX_PID" ] && kill "$LOKET_SANDBOX_PID" 2>/dev/null
	[ -n "$LOKET_SANDBOX_PID" ] && wait "$LOKET_SANDBOX_PID" 2>/dev/null
	LOKET_SANDBOX_PID=
}

# loket_start W H [ENV=VALUE...]: the wizard at W×H against the sandbox,
# with the fake browser (which reads the sandbox info) as $BROWSER.
loket_start() {
	local w=$1 h=$2
	shift 2
	e2e_start "$w" "$h" "BROWSER=$LOKET_BROWSER" "KOPPEL_TEST_SANDBOX_INFO=$LOKET_INFO" "$@" \
		-- --sandbox-info "$LOKET_INFO"
}

# Walk welcome → path → Benefits-Plaza checklist → Werkgever IDs (typing
# IDS, default all three) up to the keyring step.
loket_walk_to_keyring() {
	e2e_wait "Welcome" 10
	e2e_keys Enter
	e2e_wait "Which connection" 10
	e2e_keys Down Enter
	e2e_wait "Tick each item" 10
	for i in 1 2 3 4 5; do
		e2e_keys Space Down
	done
	e2e_keys Enter
	e2e_wait "Werkgever IDs" 10
	e2e_type "${1:-20720, 20721 20722}"
	e2e_keys Enter
}

# ... and on through the keyring (typing the client secret) up to the
# consent choice.
loket_walk_to_consent() {
	loket_walk_to_keyring
	e2e_wait "The keyring works" 15
	e2e_type "$LOKET_SECRET"
	e2e_keys Enter
	e2e_wait "Type the access token and refresh token by hand" 10
}

# At the choice of way: way 1 (a browser on this machine), the address and
# the listener shown, then Enter waits for the answer.
loket_browser_way() {
	e2e_keys Enter
	e2e_wait "koppel listens on http://127.0.0.1:" 10
	e2e_keys Enter
}

# After consent: rights matrix, test sync, summary; koppel exits 1 because
# the sandbox's data has deliberate defects (findings).
loket_walk_after_consent() {
	e2e_wait "Consent given" 30
	e2e_keys Enter
	e2e_wait "Every employer is reachable with all six rights" 30
	e2e_keys Enter
	e2e_wait "Press Enter to start" 10
	e2e_keys Enter
	e2e_wait "fails the elfproef" 60
	e2e_keys Enter
	e2e_wait "Summary" 10
	e2e_keys Enter
	e2e_wait_exit 10
	[ "$E2E_EXIT" = 1 ] || e2e_fail "koppel should exit 1 (findings), got $E2E_EXIT"
}

# No token, code or client secret anywhere under the throwaway HOME and XDG
# folders: only the keyring holds them.
loket_no_token_on_disk() {
	local json tok
	if command -v secret-tool >/dev/null 2>&1; then
		json=$(secret-tool lookup provider loket environment sandbox account "$LOKET_CLIENT")
		[ -n "$json" ] || e2e_fail "no token item in the keyring"
		for tok in $(printf '%s' "$json" | sed 's/[{}",]/ /g'); do
			case "$tok" in
			access_token:* | refresh_token:* | expires_at:*) ;;
			*) [ ${#tok} -ge 20 ] || continue
			   grep -rqF -- "$tok" "$E2E_DIR/home" "$E2E_DIR/config" "$E2E_DIR/state" \
				"$E2E_DIR/data" "$E2E_DIR/cache" &&
				e2e_fail "a token was found in a file under HOME" ;;
			esac
		done
		secret-tool clear provider loket environment sandbox account "$LOKET_CLIENT"
		secret-tool clear provider loket-client environment sandbox account "$LOKET_CLIENT"
	fi
	loket_no_secret_in_files
}

# Neither the client secret nor token fields in any file under HOME/XDG.
loket_no_secret_in_files() {
	grep -rqF -- "$LOKET_SECRET" "$E2E_DIR/home" "$E2E_DIR/config" "$E2E_DIR/state" \
		"$E2E_DIR/data" "$E2E_DIR/cache" && e2e_fail "the client secret was found in a file"
	grep -rqE -- 'access_token|refresh_token' "$E2E_DIR/home" "$E2E_DIR/config" \
		"$E2E_DIR/state" "$E2E_DIR/data" "$E2E_DIR/cache" &&
		e2e_fail "token fields found in a file under HOME"
	return 0
}
