#!/bin/bash
# Usage errors of every subcommand: exit 2, first a line that says what was
# wrong (what a script's log keeps), then that subcommand's usage; in the
# language of --lang. A support script that mistypes an option must learn
# which one.
. "$(dirname "$0")/harness.sh"
e2e_setup
k() {
	env -i HOME="$E2E_DIR/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
		XDG_CONFIG_HOME="$E2E_DIR/config" XDG_STATE_HOME="$E2E_DIR/state" "$E2E_KOPPEL" "$@"
}
check() { # "first line" "usage starts with" ARGS...
	local first=$1 usage=$2 out rc
	shift 2
	out=$(k "$@" 2>&1 </dev/null)
	rc=$?
	[ "$rc" = 2 ] || e2e_fail "koppel $*: exit $rc, expected 2"
	[ "$(head -n 1 <<<"$out")" = "koppel: $first" ] ||
		e2e_fail "koppel $*: first line '$(head -n 1 <<<"$out")', expected 'koppel: $first'"
	sed -n 2p <<<"$out" | grep -qF "$usage" || e2e_fail "koppel $*: no usage after the error: $out"
}
U_AFAS="Usage: koppel afas inspect ZIP"
check "say what to do: inspect or check." "$U_AFAS" afas
check "unknown command 'afas frobnicate'." "$U_AFAS" afas frobnicate
check "name the ZIP to inspect." "$U_AFAS" afas inspect
check "one ZIP at a time ('b.zip' is one too many)." "$U_AFAS" afas inspect a.zip b.zip
check "unknown option '--jsno'." "$U_AFAS" afas inspect --jsno a.zip
check "--env is required." "$U_AFAS" afas check --customer 12345
check "--customer is required." "$U_AFAS" afas check --env test
check "--zip needs a value." "$U_AFAS" afas check --customer 12345 --env test --zip
check "unknown option '--token'." "$U_AFAS" afas check --customer 12345 --env test --token x
check "say what to do: login or rights." "Usage: koppel loket login" loket
check "--no-browser and --manual-tokens exclude each other." "Usage: koppel loket login" \
	loket login --no-browser --manual-tokens
check "--employer needs a value." "Usage: koppel loket login" loket login --employer
check "unknown option '--employers'." "Usage: koppel loket rights" loket rights --employers 1
check "only the test sync exists: add --test." "Usage: koppel sync --test" sync --json
check "unknown option '--dry-run'." "Usage: koppel sync --test" sync --test --dry-run
# Dutch with --lang nl
check "onbekende optie '--x'." "Gebruik: koppel sync --test" --lang nl sync --x
check "--env is verplicht." "Gebruik: koppel afas inspect ZIP" --lang nl afas check --customer 12345
e2e_finish
