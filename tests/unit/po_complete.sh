#!/bin/bash
# Every string the sources mark for translation (_() and N_()) has a Dutch
# translation in po/, and po/ holds no translation that nothing uses any
# more: a new message left untranslated would show up in English in the
# Dutch wizard, a stale one hides which texts are real.
set -u
src=${KOPPEL_SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
files=$(find src screens include -name '*.[ch]' | sort)
xgettext --from-code=UTF-8 -k_ -kN_ -o "$tmp/koppel.pot" $files || exit 1
msgcat --use-first -o "$tmp/nl.po" po/nl*.po || exit 1
msgcmp "$tmp/nl.po" "$tmp/koppel.pot" >"$tmp/out" 2>&1
rc=$?
# msgcmp prints "not used" as warnings only; count them as failures too
unused=$(grep -c 'this message is not used' "$tmp/out")
missing=$(grep -c 'used but not defined' "$tmp/out")
# name each message: the msgid (all its lines) at the reported line
msgid_at() { # FILE LINE
	awk -v n="$2" '
		NR <= n && /^msgid / { m = $0; inm = 1; next }
		NR <= n && inm && /^"/ { m = m $0; next }
		NR <= n { inm = 0 }
		NR == n { print m; exit }' "$1"
}
while IFS=: read -r file line rest; do
	case "$rest" in
	*"used but not defined"*) echo "$(msgid_at "$file" "$line")  ← used but not translated" ;;
	*"not used"*) echo "$(msgid_at "$file" "$line")  ← in po/ but used nowhere" ;;
	esac
done <"$tmp/out"
echo "$missing untranslated, $unused unused"
[ "$rc" = 0 ] && [ "$unused" = 0 ] && [ "$missing" = 0 ]
