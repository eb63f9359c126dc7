#!/usr/bin/env bash
# bench/afas_sync.sh [ROWS] — the AFAS test sync (`koppel sync --test`)
# against koppel-sandbox with ROWS rows per connector (default 100000),
# beside a baseline measured in the same run: the same pages fetched one
# after another by curl over one connection. Prints time, requests, rows/s
# and peak memory for both. Needs a built tree (tools/test or ninja -C build)
# and runs in a throwaway keyring (tools/with-keyring).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rows=${1:-100000}
bench_in_keyring "$@"
bench_sandbox --rows "$rows"
zip=$(info "d['afas_zip']")
base=$(info "d['afas_url']" | sed 's/{id}/12345/')
# The token goes through a 0600 file (umask 077) and stdin, never argv.
info "d['afas_participants'][0]['token']" >"$tmp/token"

"$koppel" --sandbox-info "$tmp/info.json" afas check --customer 12345 --env production \
	--token-file - --zip "$zip" --save <"$tmp/token" >/dev/null

# koppel: all connectors, skip/take paging, at most 5 requests at once.
/usr/bin/time -f '%e %M' -o "$tmp/koppel.time" \
	"$koppel" --sandbox-info "$tmp/info.json" sync --test --json >"$tmp/sync.json"
read -r k_s k_kb <"$tmp/koppel.time"
k_json=$(python3 - "$tmp/sync.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["afas"]
rows = sum(c.get("rows", 0) for c in d.get("connectors", []))
print(rows, d.get("requests", 0))
PY
)
read -r k_rows k_req <<<"$k_json"

# Baseline: the same pages (take=500, ordered), sequentially, one connection.
KOPPEL="$koppel" python3 - "$zip" "$base" "$rows" >"$tmp/urls" <<'PY'
import json, os, subprocess, sys
zip, base, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
conns = json.loads(subprocess.check_output([os.environ["KOPPEL"], "afas", "inspect", zip, "--json"]))
take = 500
for c in conns:
    n = 3 if c["id"] == "BP_Werkgever" else rows
    order = c["fields"][0]["alias"] if c["fields"] else ""
    for skip in range(0, n + 1, take):
        print(f'url = "{base}/connectors/{c["id"]}?skip={skip}&take={take}&orderbyfieldids={order}"')
        print('output = "/dev/null"')
PY
printf 'header = "Authorization: AfasToken %s"\n' "$(tr -d '\n' <"$tmp/token" | base64 -w0)" >"$tmp/curlrc"
bench_baseline
bench_table "AFAS test sync, $rows rows per connector (sandbox on loopback)" rows "$k_rows" \
	"koppel sync --test (5 at once)"
