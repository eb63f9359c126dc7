# bench/lib.sh — sourced by the benchmarks: a throwaway keyring around the
# whole run, the built binaries, and a koppel-sandbox on loopback.
# shellcheck shell=bash
bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Re-run the calling script inside tools/with-keyring (once).
bench_in_keyring() {
	if [ -z "${KP_BENCH_INNER:-}" ]; then
		KP_BENCH_INNER=1 exec "$bench_here/tools/with-keyring" "$0" "$@"
	fi
}

# bench_sandbox ARGS...: start koppel-sandbox with ARGS in $tmp (made here,
# removed on exit with the sandbox); its info file is $tmp/info.json.
bench_sandbox() {
	build=${KOPPEL_BUILD:-$bench_here/build}
	koppel=$build/src/cli/koppel
	tmp=$(mktemp -d)
	trap 'kill $sb_pid 2>/dev/null; wait $sb_pid 2>/dev/null; rm -rf "$tmp"' EXIT
	umask 077
	mkfifo "$tmp/out"
	"$build/src/sandbox/koppel-sandbox" "$@" --info "$tmp/info.json" --state-dir "$tmp/sb" \
		>"$tmp/out" 2>"$tmp/sb.log" &
	sb_pid=$!
	read -r -t 20 line <"$tmp/out"
	[ "$line" = ready ] || { echo "sandbox did not start" >&2; exit 1; }
}

# info EXPR: a value from the sandbox's info file (a Python expression on d).
info() { python3 -c "import json,sys; d=json.load(open('$tmp/info.json')); print(eval(sys.argv[1]))" "$1"; }

# bench_baseline: curl fetches every url in $tmp/urls, one after another
# over one connection, with the headers of $tmp/curlrc; sets b_req, b_s and
# b_kb (requests, seconds, peak RSS in kB).
bench_baseline() {
	b_req=$(grep -c '^url' "$tmp/urls")
	/usr/bin/time -f '%e %M' -o "$tmp/curl.time" \
		curl -sS --cacert "$(info "d['ca_file']")" -K "$tmp/curlrc" -K "$tmp/urls"
	read -r b_s b_kb < <(tail -n 1 "$tmp/curl.time")
}

# bench_table TITLE UNIT ITEMS KOPPEL_LABEL: the two rows, koppel ($k_s,
# $k_req, $k_kb) and the baseline ($b_s, $b_req, $b_kb), ITEMS per second.
bench_table() {
	printf '\n%s\n' "$1"
	printf '%-36s %9s %9s %13s %12s\n' "run" "time (s)" "requests" "$2/s" "peak RSS MB"
	local row='BEGIN{printf "%-36s %9.2f %9d %13.0f %12.1f\n",l,s,q,(s>0?r/s:0),kb/1024}'
	awk -v l="$4" -v s="$k_s" -v r="$3" -v q="$k_req" -v kb="$k_kb" "$row"
	awk -v l="baseline: curl, sequential" -v s="$b_s" -v r="$3" -v q="$b_req" -v kb="$b_kb" "$row"
}
