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
while IFS=: read -r file line _; do
	[ "$file" = "$tmp/koppel.pot" ] || [ "$file" = "$tmp/nl.po" ] || continue
	msgid=$(awk -v n="$line" 'NR <= n && /^msgid / { m = $0 } NR == n { print m; exit }' "$file")
	echo "$msgid  ← $(grep -q "^$file:$line:.*not used" "$tmp/out" && echo 'in po/ but used nowhere' || echo 'used but not translated')"
done <"$tmp/out"
echo "$missing untranslated, $unused unused"
[ "$rc" = 0 ] && [ "$unused" = 0 ] && [ "$missing" = 0 ]
