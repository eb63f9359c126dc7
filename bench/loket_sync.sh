#!/usr/bin/env bash
# bench/loket_sync.sh [EMPLOYEES] — the Loket.nl test sync (`koppel sync
# --test`) against koppel-sandbox with EMPLOYEES employees per employer
# (default 10000; three employers), beside a baseline measured in the same
# run: the same pages (pageSize 250) fetched one after another by curl over
# one connection. Prints time, requests, employees/s and peak memory for
# both. Needs a built tree (tools/test or ninja -C build) and runs in a
# throwaway keyring (tools/with-keyring).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
employees=${1:-10000}
bench_in_keyring "$@"
bench_sandbox --employees "$employees"
browser=$build/tests/loket/loket-fake-browser
token_helper=$build/tests/loket/loket-token-helper
api=$(info "d['loket_api_url']")

# Consent through the test browser; the client secret goes in on stdin.
info "d['loket_client_secret']" |
	BROWSER="$browser" KOPPEL_TEST_SANDBOX_INFO="$tmp/info.json" \
	"$koppel" --sandbox-info "$tmp/info.json" loket login \
	--employer 20720 --employer 20721 --employer 20722 >/dev/null

# koppel: per employer employees, employments and BSNs, several pages at once.
/usr/bin/time -f '%e %M' -o "$tmp/koppel.time" \
	"$koppel" --sandbox-info "$tmp/info.json" sync --test --json >"$tmp/sync.json" || true
# exit 1 is expected: the sandbox has deliberate findings
read -r k_s k_kb < <(tail -n 1 "$tmp/koppel.time")
read -r k_emp k_req k_ids <<<"$(python3 - "$tmp/sync.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["loket"]
es = d.get("employers", [])
print(sum(e.get("employees", 0) for e in es), sum(e.get("requests", 0) for e in es),
      ",".join(e["id"] for e in es))
PY
)"

# Baseline: the same pages, sequentially, one connection, with its own token.
pair=$(info "d['loket_client_secret']" | KOPPEL_BUILD_ROOT="$build" "$token_helper" "$tmp/info.json")
printf 'header = "Authorization: Bearer %s"\n' "${pair%% *}" >"$tmp/curlrc"
unset pair
python3 - "$api" "$k_ids" "$employees" >"$tmp/urls" <<'PY'
import sys
api, ids, n = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
pages = max(1, -(-n // 250))
for gid in ids:
    for what, version in (("employees", "2021-03-29"), ("employees/employments", "2019-12-16"),
                          ("employees/citizenservicenumbers", "2018-01-01")):
        for p in range(1, pages + 1):
            print(f'url = "{api}/providers/employers/{gid}/{what}?pageNumber={p}&pageSize=250"')
            print(f'header = "Accept: application/json;version={version}"')
            print('output = "/dev/null"')
PY
bench_baseline
bench_table "Loket.nl test sync, $employees employees per employer, 3 employers (sandbox on loopback)" \
	employees "$k_emp" "koppel sync --test"
