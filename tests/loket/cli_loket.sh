#!/bin/bash
# The command line against the real sandbox: `koppel loket login` (browser,
# no browser, tokens by hand), `koppel loket rights [--json]`, `koppel sync
# --test --json`, exit codes 0/1/2, a revoked refresh token leading back to
# `koppel loket login`, and no token in any file afterwards.
set -u
B=${KOPPEL_BUILD_ROOT:?}
K="$B/src/cli/koppel"
FB="$B/tests/loket/loket-fake-browser"
TH="$B/tests/loket/loket-token-helper"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
	echo "SKIP: no session bus (run inside dbus-run-session with a keyring)"
	exit 77
fi
D=$(mktemp -d "${TMPDIR:-/tmp}/koppel-cli-loket.XXXXXX")
chmod 700 "$D"
mkdir -m 700 "$D/home" "$D/sb"
SBPID=
cleanup() {
	[ -n "$SBPID" ] && kill "$SBPID" 2>/dev/null && wait "$SBPID" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	[ -f "$D/out" ] && { echo "--- output"; cat "$D/out"; }
	exit 1
}
"$B/src/sandbox/koppel-sandbox" --info "$D/sb/info.json" --state-dir "$D/sb" > "$D/sb/out" 2>&1 &
SBPID=$!
for _ in $(seq 100); do grep -q ready "$D/sb/out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$D/sb/out" || fail "sandbox did not start"
INFO="$D/sb/info.json"
SECRET=$(sed -n 's/.*"loket_client_secret":[[:space:]]*"\([^"]*\)".*/\1/p' "$INFO")
CLIENT=$(sed -n 's/.*"loket_client_id":[[:space:]]*"\([^"]*\)".*/\1/p' "$INFO")
export HOME="$D/home" XDG_CONFIG_HOME="$D/home/.config" XDG_STATE_HOME="$D/home/.local/state"
export KOPPEL_TEST_SANDBOX_INFO="$INFO"
k() { "$K" --lang en --sandbox-info "$INFO" "$@"; }

# usage errors: exit 2
k loket login --bogus > "$D/out" 2>&1; [ $? = 2 ] || fail "unknown option should exit 2"
k loket login --employer nonsense > "$D/out" 2>&1; [ $? = 2 ] || fail "bad Werkgever ID should exit 2"
grep -q "Bedrijfsgegevens" "$D/out" || fail "no hint where to find the Werkgever ID"
k sync > "$D/out" 2>&1; [ $? = 2 ] || fail "sync without --test should exit 2"
k sync --test > "$D/out" 2>&1; [ $? = 1 ] || fail "sync with nothing configured should exit 1"

# 1. browser on this machine; the secret comes from a prompt (stdin), never argv
printf '%s\n' "$SECRET" | BROWSER="$FB" k loket login --employer 20720 \
	--employer "20721, 20722" --employer 020720 > "$D/out" 2>&1
rc=$?
[ $rc = 0 ] || fail "login (browser) exit $rc"
[ "$(grep -c '✓ Voorbeeld' "$D/out")" = 3 ] || fail "three employers expected"
grep -qF "$SECRET" "$D/out" && fail "the secret was echoed"

# rights: all six on all three; JSON shape
k loket rights > "$D/out" 2>&1 || fail "rights should exit 0 for demo"
k loket rights --json > "$D/out" 2>/dev/null || fail "rights --json exit"
grep -q '"ok":[[:space:]]*true' "$D/out" || fail "rights JSON not ok"
[ "$(grep -c '"probe":[[:space:]]*"yes"' "$D/out")" = 18 ] || fail "18 probes expected"
k loket rights --employer 99999 > "$D/out" 2>&1; [ $? = 1 ] || fail "unreachable id should exit 1"
grep -q "not linked to it, directly or through a team" "$D/out" || fail "no cause for 99999"

# test sync: findings (the sandbox's deliberate defects) → exit 1, JSON
k sync --test --json > "$D/out" 2>/dev/null; [ $? = 1 ] || fail "sync with findings should exit 1"
for kind in bsn_invalid bsn_missing end_before_start employment_without_start duplicate_employee_number; do
	grep -q "\"$kind\"" "$D/out" || fail "finding $kind missing"
done
grep -q '"afas":[[:space:]]*null' "$D/out" || fail "no afas hook in the JSON"
grep -qE '"[0-9]{9}"' "$D/out" && fail "a 9-digit number (BSN?) in the sync output"
k sync --test > "$D/out" 2>&1
grep -q "0 new, 0 changed, 0 ended" "$D/out" || fail "second sync should compare"

# 2. no browser here: paste back the address (via a pipe: the address is
# read after the fake browser has been elsewhere)
mkfifo "$D/in"
exec 3<> "$D/in"
k loket login --no-browser < "$D/in" > "$D/out" 2>&1 &
KP=$!
for _ in $(seq 100); do grep -q "oauth/authorize" "$D/out" && break; sleep 0.1; done
url=$(grep -o 'https://127.0.0.1:[0-9]*/oauth/authorize?[^ ]*' "$D/out" | head -1)
[ -n "$url" ] || fail "no address shown in --no-browser mode"
KOPPEL_TEST_BROWSER_FOLLOW=0 KOPPEL_TEST_BROWSER_OUT="$D/ended" "$FB" "$url" || fail "fake browser"
printf '  %s  \n' "$(cat "$D/ended")" >&3
wait $KP; rc=$?
exec 3>&-
[ $rc = 0 ] || fail "login --no-browser exit $rc"
grep -q "error page" "$D/out" || fail "no word that an error page is expected"

# 3. tokens by hand
pair=$(printf '%s\n' "$SECRET" | "$TH" "$INFO") || fail "token helper"
printf '%s\n%s\n' "${pair%% *}" "${pair##* }" | k loket login --manual-tokens > "$D/out" 2>&1 ||
	fail "login --manual-tokens"
k loket rights > "$D/out" 2>&1 || fail "rights after manual tokens"
unset pair

# revoked refresh token + expired access token: consent needed again
"$TH" "$INFO" control /revoke-refresh-tokens || fail "control revoke"
"$TH" "$INFO" control /expire-access-tokens || fail "control expire"
k loket rights > "$D/out" 2>&1; [ $? = 1 ] || fail "revoked refresh should exit 1"
grep -q "koppel loket login" "$D/out" || fail "no pointer to koppel loket login"

# nothing secret in any file under HOME
grep -rqF -- "$SECRET" "$D/home" && fail "client secret in a file"
grep -rqE -- 'access_token|refresh_token' "$D/home" && fail "token in a file"
secret-tool clear provider loket environment sandbox account "$CLIENT" 2>/dev/null
secret-tool clear provider loket-client environment sandbox account "$CLIENT" 2>/dev/null
echo "ok"
