#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Japanese typography in the PDFs, measured on every line: the
# example's textbooks and report (check --dump-layout=ID) and a hostile
# fixture of long code spans, URLs and English words
# (fixtures/typography, render --dump=layout) are laid out, and
# layoutcheck.py reads each line's end: no gap widened by more than
# half an em, no loose line, no last line of a paragraph or heading
# with one character. The fixture's PDF is measured again with
# poppler, independently of what tebiki says of its lines.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
here=$(cd "$(dirname "$0")" && pwd)
w=$TMPROOT/typography
rm -rf "$w"
mkdir -p "$w"
export SOURCE_DATE_EPOCH=1790000000

# lines NAME DUMP [PUBLICATION...]: the line check, its measure shown
lines() {
	local name=$1 out
	shift
	if out=$(python3 "$here/layoutcheck.py" lines "$@"); then
		ok "$name"
	else
		fail "$name" "$(printf '%s' "$out" | grep -v '^#' | head -c 2000)"
	fi
	printf '%s\n' "$out" | grep '^#' | sed "s/^# /# $name: /"
}

# --- the example --------------------------------------------------------
for id in textbook-basic textbook-applied report; do
	if tebiki check -C "$ROOT" --only pdf --dump-layout="$id" >"$w/$id.dump" 2>"$w/err"; then
		lines "typography: $id: no loose lines, no last line of one character" \
			"$w/$id.dump"
	else
		fail "typography: $id: laid out" "$(head -c 1000 "$w/err")"
	fi
done

# --- long code, URLs and words --------------------------------------------
fx=$ROOT/tests/e2e/fixtures/typography/hostile.md
tebiki render --dump=layout "$fx" >"$w/hostile.dump" 2>"$w/err"
lines "typography: long code spans and URLs: no loose lines" "$w/hostile.dump"
for why in code hyphen force; do
	if grep -q "^  break .* $why" "$w/hostile.dump"; then
		ok "typography: the fixture has a line ended by '$why'"
	else
		fail "typography: the fixture has a line ended by '$why'" "none in the dump"
	fi
done
if tebiki render --pdf="$w/hostile.pdf" "$fx" 2>"$w/err"; then
	check "typography: poppler finds no gap over half an em in the fixture" \
		python3 "$here/pdfcheck.py" gaps "$w/hostile.pdf" 3
	check "typography: the fixture keeps kinsoku" python3 "$here/pdfcheck.py" kinsoku "$w/hostile.pdf"
else
	fail "typography: the fixture renders" "$(head -c 1000 "$w/err")"
fi
