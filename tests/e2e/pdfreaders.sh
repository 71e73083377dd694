#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The example's textbooks as six readers read them (pdfreaders.py):
# poppler's pdftotext and the structure tree (pdfinfo -struct-text),
# MuPDF, pdf.js, Ghostscript's txtwrite, and pdftotext after a
# Ghostscript pdfwrite round trip. Every paragraph of the sources in
# order, no space the source lacks (2009年, not 2009 年), no U+FFFD.
# Then pdf.js's structure tree: the roles a screen reader is given.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
here=$(cd "$(dirname "$0")" && pwd)
w=$TMPROOT/pdfreaders
rm -rf "$w"
mkdir -p "$w"
export SOURCE_DATE_EPOCH=1790000000
py=/usr/bin/python3	# Debian's, with pypdf
[ -x "$py" ] || py=python3

ex=$w/example
if ! out=$(tebiki build -C "$ROOT" -o "$ex" 2>&1); then
	fail "pdfreaders: the example builds" "$(printf '%s' "$out" | head -c 2000)"
	exit 0
fi
# The site's page of each chapter is the oracle (as in pdf.sh).
chapters() {
	awk -v id="$1" '
		$0 ~ "id: "id"$" { f = 1; next }
		f && /^  - id:/ { exit }
		f && /chapters: *\[/ { sub(/.*\[/, ""); sub(/\].*/, ""); gsub(/, */, "\n"); print; exit }
		f && /chapters: *$/ { c = 1; next }
		c && /^ *- / { sub(/^ *- */, ""); print; next }
		c { exit }' "$ROOT/site.yaml"
}
for id in textbook-basic textbook-applied; do
	files=()
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		slug=$(sed -n 's/^id: *//p' "$ROOT/content/$c" | head -n 1)
		files+=("$ex/site/$(dirname "$c")/${slug:-$(basename "$c" .md)}.html")
	done < <(chapters "$id")
	if [ "${#files[@]}" -eq 0 ]; then
		fail "pdfreaders: $id" "no chapters in site.yaml"
		continue
	fi
	for reader in poppler struct mupdf pdfjs gs gs-pdfwrite; do
		check "pdfreaders: $id: $reader reads every paragraph in order, no stray space" \
			"$py" "$here/pdfreaders.py" "$reader" "$ex/pdf/$id.pdf" "${files[@]}"
	done
done

# A made-up sentence mixing Japanese with numbers and Latin words, as
# every reader must read it.
d=$w/mixed
cp -r "$ROOT/tests/e2e/fixtures/pdf" "$d"
printf '\n2009年に10社のうちNo.3とWindows Updateを確かめた。\n' >>"$d/content/guide/japanese.md"
tebiki build -C "$d" -o "$d/out" >/dev/null 2>&1
for reader in poppler mupdf pdfjs gs gs-pdfwrite; do
	txt=$(PYTHONPATH=$here "$py" -c 'import sys, pdfreaders; print(pdfreaders.READERS[sys.argv[1]](sys.argv[2]))' \
		"$reader" "$d/out/pdf/guide.pdf" 2>&1)
	if grep -qF '2009年に10社のうちNo.3とWindows Updateを確かめた。' <<<"$txt"; then
		ok "pdfreaders: $reader: 2009年に10社のうちNo.3とWindows Update… as written"
	else
		fail "pdfreaders: $reader: 2009年に10社のうちNo.3とWindows Update… as written" \
			"$(grep -F 'Windows' <<<"$txt" | head -c 600)"
	fi
done

# pdf.js's structure tree: a document, headings, paragraphs, lists,
# tables with header cells, figures with their alternate text, English
# passages as Spans in English.
tree=$(node "$here/pdfjs/pdfjs.mjs" struct "$ex/pdf/textbook-basic.pdf" 2>&1
	node "$here/pdfjs/pdfjs.mjs" struct "$ex/pdf/textbook-applied.pdf" 2>&1)
missing=""
for role in Document Part Sect H1 H2 H3 P L LI Lbl LBody Table TR TH TD Link TOC TOCI Code Caption Span@en; do
	grep -qE "^ *$role(@|	|$)" <<<"$tree" || missing+=" $role"
done
if [ -z "$missing" ] && grep -qF 'Figure	騙しメールから偽のWebサイトに誘導され' <<<"$tree"; then
	ok "pdfreaders: pdf.js reads the structure tree (roles, a figure's /Alt, /Lang)"
else
	fail "pdfreaders: pdf.js reads the structure tree (roles, a figure's /Alt, /Lang)" \
		"missing:${missing:- Figure with /Alt}; $(head -c 400 <<<"$tree")"
fi
exit 0
