#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# PDFs: the example's textbooks and the fixtures/pdf project are built
# and checked with qpdf and poppler: valid files, embedded subset fonts,
# every source paragraph in the text in order, no line breaking a
# kinsoku rule, no text outside the text area, links, outline, labels,
# document information; every GFM spec example goes into a PDF; broken
# inputs fail with a diagnostic and leave no PDF.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
here=$(cd "$(dirname "$0")" && pwd)
check_py=$here/pdfcheck.py
w=$TMPROOT/pdf
rm -rf "$w"
mkdir -p "$w"
export SOURCE_DATE_EPOCH=1790000000	# 2026-09-21 14:13:20 UTC

# html NAME FILE.md: the chapter as tebiki renders it for the site (the
# oracle for the text check; run without TEBIKI_WRAP).
html() {
	"$TEBIKI" render "$2" >"$w/$1.html" 2>/dev/null
}

# pdf_checks NAME PDF: the checks every PDF gets.
pdf_checks() {
	check "$1: qpdf --check" qpdf --check "$2"
	check "$1: every font embedded as a subset" python3 "$check_py" fonts "$2"
	check "$1: no line starts or ends against kinsoku" python3 "$check_py" kinsoku "$2"
	check "$1: no text outside the text area" python3 "$check_py" bbox "$2"
}

# --- the example project: 基礎編 and 応用編 -----------------------------
ex=$w/example
if out=$(tebiki build -C "$ROOT" -o "$ex" 2>&1); then
	ok "pdf: the example builds"
else
	fail "pdf: the example builds" "$(printf '%s' "$out" | head -c 2000)"
fi
for id in textbook-basic textbook-applied; do
	f=$ex/pdf/$id.pdf
	if [ -s "$f" ]; then
		ok "pdf: example writes pdf/$id.pdf"
	else
		fail "pdf: example writes pdf/$id.pdf" "missing"
		continue
	fi
	pdf_checks "pdf: $id" "$f"
	check "pdf: $id: the site carries the same file" cmp "$f" "$ex/site/pdf/$id.pdf"
	check "pdf: $id: the downloads page links it" grep -q "href=\"pdf/$id.pdf\"" "$ex/site/downloads.html"
done
# The example has Lua filters: its links to pages not in a book still
# go to the site.
links=$(python3 "$check_py" links "$ex/pdf/textbook-basic.pdf" 2>&1)
if grep -q '^uri https://example.org/tebiki/cases/ec-card.html#' <<<"$links"; then
	ok "pdf: example: a link to a case not in 基礎編 goes to the site"
else
	fail "pdf: example: a link to a case not in 基礎編 goes to the site" "$(head -c 600 <<<"$links")"
fi
# Ghostscript 10 reads the Japanese text (the ToUnicode CMap as bfchar
# blocks; it garbled wide bfranges).
if gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile="$w/gs.txt" "$ex/pdf/textbook-basic.pdf" >/dev/null 2>&1 &&
	grep -q 'うちには盗まれて困る情報などない' "$w/gs.txt"; then
	ok "pdf: Ghostscript txtwrite reads the Japanese text"
else
	fail "pdf: Ghostscript txtwrite reads the Japanese text" "$(head -c 400 "$w/gs.txt" 2>&1)"
fi
# Tagged PDF (PDF/UA-1): the structure tree, marked content around
# every operator, the catalog's keys (pdftags.py, with pypdf).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
check "pdf: example: tagged PDF (structure, marked content, metadata)" \
	"$py" "$here/pdftags.py" "$ex"/pdf/textbook-*.pdf "$ex/pdf/report.pdf" \
	"$ex/pdf/selfcheck.pdf" "$ex/pdf/handout-retail-small.pdf"
# Running heads whole or cut with 「…」: the books, the report (a long
# title) and the handouts (a long audience, no chapter on the right).
heads_bad=""
for f in "$ex"/pdf/*.pdf; do
	heads_bad+=$(python3 "$check_py" heads "$f" 2>&1 | head -n 3)
done
if [ -z "$heads_bad" ] && [ -s "$ex/pdf/report.pdf" ]; then
	ok "pdf: example: no running head cut silently"
else
	fail "pdf: example: no running head cut silently" "${heads_bad:-no report.pdf}"
fi
chapters() {	# the chapters of a publication in site.yaml, in order
	# a flow list on the chapters: line, or a block list of "- path" lines
	awk -v id="$1" '
		$0 ~ "id: "id"$" { f = 1; next }
		f && /^  - id:/ { exit }
		f && /chapters: *\[/ { sub(/.*\[/, ""); sub(/\].*/, ""); gsub(/, */, "\n"); print; exit }
		f && /chapters: *$/ { c = 1; next }
		c && /^ *- / { sub(/^ *- */, ""); print; next }
		c { exit }' "$ROOT/site.yaml"
}
# The oracle is the site's page of each chapter: the same trees, after
# the project's Lua filters.
for id in textbook-basic textbook-applied; do
	files=()
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		slug=$(sed -n 's/^id: *//p' "$ROOT/content/$c" | head -n 1)
		files+=("$ex/site/$(dirname "$c")/${slug:-$(basename "$c" .md)}.html")
	done < <(chapters "$id")
	if [ "${#files[@]}" -gt 0 ] && [ -s "$ex/pdf/$id.pdf" ]; then
		check "pdf: $id: every paragraph of its lessons, in order" \
			python3 "$check_py" text "$ex/pdf/$id.pdf" "${files[@]}"
		check "pdf: $id: every paragraph in the structure tree, in order (pdfinfo -struct-text)" \
			python3 "$check_py" structtext "$ex/pdf/$id.pdf" "${files[@]}"
	else
		fail "pdf: $id: every paragraph of its lessons, in order" "no chapters in site.yaml"
	fi
done

# --- the fixture: every construct, a book and a handout ------------------
fx=$ROOT/tests/e2e/fixtures/pdf
out=$w/fx
if err=$(tebiki build -C "$fx" -o "$out" 2>&1); then
	ok "pdf: fixture builds"
else
	fail "pdf: fixture builds" "$(printf '%s' "$err" | head -c 2000)"
fi
for id in guide sheet; do
	[ -s "$out/pdf/$id.pdf" ] && pdf_checks "pdf: fixture $id" "$out/pdf/$id.pdf"
done
check "pdf: fixture: tagged PDF" "$py" "$here/pdftags.py" "$out/pdf/guide.pdf" "$out/pdf/sheet.pdf"
html japanese "$fx/content/guide/japanese.md"
html blocks "$fx/content/guide/blocks.md"
check "pdf: fixture book: every paragraph in order" \
	python3 "$check_py" text "$out/pdf/guide.pdf" "$w/japanese.html" "$w/blocks.html"
check "pdf: fixture handout: every paragraph in order" \
	python3 "$check_py" text "$out/pdf/sheet.pdf" "$w/blocks.html"

info=$(pdfinfo "$out/pdf/guide.pdf" 2>/dev/null)
for want in "Title: *情報セキュリティ指導者育成セミナー テキスト 試験編" "Author: *tebiki" \
	"CreationDate: *Mon Sep 21 14:13:20 2026 UTC" "Pages: *5"; do
	if grep -q "^$want" <<<"$info"; then
		ok "pdf: document information: $want"
	else
		fail "pdf: document information: $want" "$(printf '%s' "$info" | head -c 600)"
	fi
done
labels=$(qpdf --json --json-key=pagelabels "$out/pdf/guide.pdf" | tr -d ' \n')
if grep -q '"index":0,"label":{"/S":"/r"' <<<"$labels" && grep -q '"index":2,"label":{"/S":"/D"' <<<"$labels"; then
	ok "pdf: page labels: cover and contents roman, body arabic"
else
	fail "pdf: page labels: cover and contents roman, body arabic" "$labels"
fi
outline=$(qpdf --json --json-key=outlines "$out/pdf/guide.pdf")
for t in 表紙 目次 "1 禁則と行の調整" "1-1 パスワード" "2-3 表と画像"; do
	if grep -qF "\"title\": \"$t\"" <<<"$outline"; then
		ok "pdf: outline has $t"
	else
		fail "pdf: outline has $t" "$(printf '%s' "$outline" | grep title | head -c 800)"
	fi
done
links=$(python3 "$check_py" links "$out/pdf/guide.pdf")
if grep -qx goto <<<"$links"; then
	ok "pdf: a link into the same PDF is a GoTo"
else
	fail "pdf: a link into the same PDF is a GoTo" "$links"
fi
if grep -qx "uri https://example.org/guide/guide/other.html" <<<"$links"; then
	ok "pdf: a link to a page not in the PDF goes to the site"
else
	fail "pdf: a link to a page not in the PDF goes to the site" "$links"
fi
links=$(python3 "$check_py" links "$out/pdf/sheet.pdf")
if grep -qx "uri https://example.org/guide/guide/japanese.html#%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89" <<<"$links"; then
	ok "pdf: a link to a chapter not in this PDF goes to the site, percent-encoded"
else
	fail "pdf: a link to a chapter not in this PDF goes to the site, percent-encoded" "$links"
fi
# The same links with a Lua filter configured (the chapters are then
# copied before xref ran; issue 13: the example lost all 243 of them).
lf=$w/fx-filters
rm -rf "$lf"
cp -r "$fx" "$lf"
mkdir -p "$lf/lua/filters"
printf 'return { Str = function(s) return nil end }\n' >"$lf/lua/filters/noop.lua"
printf 'filters:\n  - filters/noop.lua\n' >>"$lf/site.yaml"
if tebiki build -C "$lf" -o "$lf/out" >"$w/filters.log" 2>&1; then
	for id in guide sheet; do
		a=$(python3 "$check_py" links "$out/pdf/$id.pdf" | sort)
		b=$(python3 "$check_py" links "$lf/out/pdf/$id.pdf" | sort)
		n=$(grep -c '' <<<"$a")
		if [ -n "$a" ] && [ "$a" = "$b" ] && grep -q '^uri https://example.org/guide/' <<<"$b"; then
			ok "pdf: $id: the same $n link annotations with and without filters"
		else
			fail "pdf: $id: the same $n link annotations with and without filters" "$(diff <(echo "$a") <(echo "$b") | head -c 800)"
		fi
	done
else
	fail "pdf: fixture with a filter builds" "$(head -c 1000 "$w/filters.log")"
fi
images=$(pdfimages -list "$out/pdf/guide.pdf" 2>/dev/null | awk 'NR > 2 {print $3, $9}')
if [ "$(grep -c '^image' <<<"$images")" -eq 4 ] && [ "$(grep -c '^smask' <<<"$images")" -eq 1 ] &&
	[ "$(grep -c '^image jpeg' <<<"$images")" -eq 1 ]; then
	ok "pdf: 16-bit, interlaced and transparent PNGs and a JPEG are embedded, each once"
else
	fail "pdf: 16-bit, interlaced and transparent PNGs and a JPEG are embedded, each once" "$images"
fi

# Same bytes whatever the number of threads.
if tebiki build -C "$fx" -o "$w/j1" -j1 >/dev/null 2>&1 && tebiki build -C "$fx" -o "$w/j2" -j2 >/dev/null 2>&1; then
	check "pdf: -j1 and -j2 write identical PDFs" diff -r "$w/j1/pdf" "$w/j2/pdf"
else
	fail "pdf: -j1 and -j2 write identical PDFs" "a build failed"
fi

# --only pdf keeps the site; --only site keeps the PDFs.
cp -r "$out" "$w/only"
touch -d '2000-01-01' "$w/only/site/index.html"
if tebiki build -C "$fx" -o "$w/only" --only pdf >/dev/null 2>&1 &&
	[ -s "$w/only/pdf/guide.pdf" ] && [ "$(stat -c %Y "$w/only/site/index.html")" = "$(date -d 2000-01-01 +%s)" ]; then
	ok "pdf: --only pdf rebuilds the PDFs and keeps the site"
else
	fail "pdf: --only pdf rebuilds the PDFs and keeps the site" "$(ls -la "$w/only" "$w/only/site" 2>&1 | head -c 600)"
fi
touch -d '2000-01-01' "$w/only/pdf/guide.pdf"
if tebiki build -C "$fx" -o "$w/only" --only site >/dev/null 2>&1 &&
	[ "$(stat -c %Y "$w/only/pdf/guide.pdf")" = "$(date -d 2000-01-01 +%s)" ] &&
	grep -q 'href="pdf/guide.pdf"' "$w/only/site/downloads.html" && [ -s "$w/only/site/pdf/guide.pdf" ]; then
	ok "pdf: --only site rebuilds the site, keeps the PDFs and links them"
else
	fail "pdf: --only site rebuilds the site, keeps the PDFs and links them" "$(ls -la "$w/only/pdf" "$w/only/site/pdf" 2>&1 | head -c 600)"
fi

# --- every example of the GFM spec --------------------------------------
spec=${SPEC:-$ROOT/../shared/conformance/gfm-spec.txt}
if [ -f "$spec" ]; then
	sd=$w/spec
	mkdir -p "$sd"
	awk -v dir="$sd" '
		/^```````````````````````````````` example/ { n++; f = sprintf("%s/%04d.md", dir, n); inex = 1; printf "" > f; next }
		inex && /^\.$/ { inex = 0; next }
		inex { gsub(/→/, "\t"); print >> f }
	' "$spec"
	# shellcheck disable=SC2016
	(cd "$sd" && printf '%s\n' ./*.md |
		xargs -n 64 -P 4 sh -c 'for f do "$0" render "$f" >"$f.html" 2>/dev/null; done' "$TEBIKI")
	err=$(cd "$sd" && tebiki render --pdf="$sd/spec.pdf" ./*.md 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q ': error:' <<<"$err" && [ -s "$sd/spec.pdf" ]; then
		ok "pdf: every GFM spec example goes into a PDF without an error"
	else
		fail "pdf: every GFM spec example goes into a PDF without an error" "exit $rc: $(grep error <<<"$err" | head -c 1500)"
	fi
	check "pdf: GFM spec: qpdf --check" qpdf --check "$sd/spec.pdf"
	check "pdf: GFM spec: tagged PDF" "$py" "$here/pdftags.py" "$sd/spec.pdf"
	check "pdf: GFM spec: no text is lost" python3 "$check_py" text "$sd/spec.pdf" "$sd"/*.md.html
	check "pdf: GFM spec: no text outside the text area" python3 "$check_py" bbox "$sd/spec.pdf"
else
	ok "pdf: GFM spec # SKIP $spec not found"
fi

# --- broken inputs ---------------------------------------------------------
# broken NAME WANT EDIT...: a copy of the fixture changed by EDIT (run in
# it) must fail with WANT on stderr, exit 1 and write no PDF.
broken() {
	local name=$1 want=$2 d=$w/broken-$1 err rc
	shift 2
	rm -rf "$d"
	cp -r "$fx" "$d"
	(cd "$d" && "$@")
	err=$(tebiki build -C "$d" -o "$d/out" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && grep -qF -- "$want" <<<"$err" && [ ! -e "$d/out" ] &&
		[ -z "$(find "$d" -name '*.pdf' -newer "$d/site.yaml")" ]; then
		ok "pdf: $name: exit 1, a diagnostic, no PDF"
	else
		fail "pdf: $name: exit 1, a diagnostic, no PDF" "exit $rc: $(printf '%s' "$err" | head -c 1000)"
	fi
}
broken "missing chapter" "site.yaml:9:35: error: unknown chapter guide/nope.md (no such page in content/)" \
	sed -i 's#chapters: \[guide/japanese.md, guide/blocks.md\]#chapters: [guide/japanese.md, guide/nope.md]#' site.yaml
broken "unknown key" "site.yaml:5:14: error: unknown key 'chapter' in a publication" \
	sed -i '5s/.*/    chapter: x/' site.yaml
broken "missing image" "content/guide/blocks.md:36:1: error: missing image: ../images/rgb16.png" \
	rm content/images/rgb16.png
broken "corrupt image" "content/guide/blocks.md:38:1: error: ../images/interlaced.png: corrupt PNG" \
	sh -c 'head -c 60 content/images/interlaced.png >x && cat x x x >content/images/interlaced.png && rm x'
broken "missing font" "themes/default/pdf.yaml:2:11: error: font not found: /nonexistent/ipaexg.ttf" \
	sh -c 'mkdir -p themes/default && cp -r "$1"/themes/default/templates themes/default/ && printf "fonts:\n  gothic: /nonexistent/ipaexg.ttf\n" >themes/default/pdf.yaml' _ "$ROOT"
broken "bad pdf.yaml" "themes/default/pdf.yaml:2:9: error: unknown unit (use pt, mm, cm or in): 10px" \
	sh -c 'mkdir -p themes/default && cp -r "$1"/themes/default/templates themes/default/ && printf "text:\n  size: 10px\n" >themes/default/pdf.yaml' _ "$ROOT"

# Characters the fonts lack: the fallback fonts (DejaVu Sans, Symbola)
# draw symbols and characters beyond the BMP; one no font has is a
# warning at its place.
d=$w/chars
rm -rf "$d"
cp -r "$fx" "$d"
printf '\nハングルの한は表示できません。記号⚡⊞ɪ✅と絵文字😀も。\n' >>"$d/content/guide/japanese.md"
err=$(tebiki build -C "$d" -o "$d/out" 2>&1)
rc=$?
line=$(grep -c '' "$d/content/guide/japanese.md")
if [ $rc -eq 0 ] && grep -qF "content/guide/japanese.md:$line:6: warning: '한' (U+D55C) is in none of the PDF fonts" <<<"$err" &&
	[ "$(grep -c warning: <<<"$err")" = 1 ]; then
	ok "pdf: a character no font has is warned about at its place, no other"
else
	fail "pdf: a character no font has is warned about at its place, no other" "exit $rc: $(printf '%s' "$err" | head -c 1000)"
fi
txt=$(pdftotext "$d/out/pdf/guide.pdf" - 2>&1)
if grep -qF '記号⚡⊞ɪ✅と絵文字😀も' <<<"$txt" && grep -qF 'ハングルの〓は' <<<"$txt"; then
	ok "pdf: symbols and a character beyond the BMP drawn from the fallback fonts"
else
	fail "pdf: symbols and a character beyond the BMP drawn from the fallback fonts" "$(grep -F 'ハングル' <<<"$txt" | head -c 600)"
fi
fonts=$(pdffonts "$d/out/pdf/guide.pdf" 2>&1)
if grep -q 'DejaVuSans ' <<<"$fonts" && grep -q 'Symbola' <<<"$fonts"; then
	ok "pdf: the fallback fonts are embedded"
else
	fail "pdf: the fallback fonts are embedded" "$fonts"
fi
# fallback_fonts: a font that is not there is an error at its line
d2=$w/chars2
rm -rf "$d2"
cp -r "$d" "$d2"
mkdir -p "$d2/themes/default"
cp -r "$ROOT/themes/default/templates" "$d2/themes/default/"
printf 'fallback_fonts:\n  - /nonexistent/x.ttf\n' >"$d2/themes/default/pdf.yaml"
err=$(tebiki build -C "$d2" -o "$d2/out" 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -qF "themes/default/pdf.yaml:2:5: error: font not found: /nonexistent/x.ttf" <<<"$err"; then
	ok "pdf: a missing fallback font is an error at its line"
else
	fail "pdf: a missing fallback font is an error at its line" "exit $rc: $(printf '%s' "$err" | head -c 600)"
fi
# fallback_fonts: [] turns them off: ⚡ is then 〓 with a warning
printf 'fallback_fonts: []\n' >"$d2/themes/default/pdf.yaml"
err=$(tebiki build -C "$d2" -o "$d2/out" 2>&1)
if grep -qF "warning: '⚡' (U+26A1) is in none of the PDF fonts" <<<"$err"; then
	ok "pdf: fallback_fonts: [] leaves only the three faces"
else
	fail "pdf: fallback_fonts: [] leaves only the three faces" "$(printf '%s' "$err" | head -c 600)"
fi
exit 0
