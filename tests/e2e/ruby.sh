#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Ruby and 圏点 from the command line: the fixture project
# (fixtures/ruby: Denden {親文字|ルビ}, HTML <ruby>, [語]{.bouten} in a
# heading, a table, a callout and a list) built into a site and a book.
# The site keeps <ruby> with <rp>; the search index and the PDF's text
# carry the base alone; the book's layout sets each reading at half
# size above its base and the dots of 圏点 as shapes; pdf.yaml's
# text.emphasis puts 圏点 on *emphasis* and a wrong value is an error
# at its place.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
w=$TMPROOT/ruby
rm -rf "$w"
mkdir -p "$w"
export SOURCE_DATE_EPOCH=1790000000
fx=$ROOT/tests/e2e/fixtures/ruby

if ! tebiki build -C "$fx" -o "$w/out" >/dev/null 2>"$w/err"; then
	fail "ruby: the fixture builds" "$(head -c 1000 "$w/err")"
	exit 0
fi
page=$w/out/site/guide/ruby.html
has "ruby: site: group ruby with <rp> for browsers without ruby" "$page" \
	'<ruby>脆弱性<rp>（</rp><rt>ぜいじゃくせい</rt><rp>）</rp></ruby>'
has "ruby: site: ruby in a heading" "$page" \
	'<ruby>標的型<rp>（</rp><rt>ひょうてきがた</rt><rp>）</rp></ruby>攻撃と'
has "ruby: site: ruby in a table cell (written {…\\|…})" "$page" \
	'<td><ruby>脆弱性<rp>（</rp><rt>ぜいじゃくせい</rt><rp>）</rp></ruby></td>'
has "ruby: site: HTML <ruby> is the same node" "$page" \
	'<ruby>改竄<rp>（</rp><rt>かいざん</rt><rp>）</rp></ruby>'
has "ruby: site: mono-ruby in a list" "$page" \
	'<ruby>使<rp>（</rp><rt>つか</rt><rp>）</rp></ruby>い<ruby>回<rp>（</rp><rt>まわ</rt><rp>）</rp></ruby>さない'
has "ruby: site: 圏点 is a span" "$page" '<span class="bouten">開かない</span>'
has "ruby: site: … drawn with text-emphasis" "$w/out/site/css/site.css" 'text-emphasis: sesame'
has "ruby: search: the base text is indexed" "$w/out/site/search/p/0.js" '標的型攻撃は、特定の組織を狙って偽のメール'
lacks "ruby: search: the readings are not" "$w/out/site/search" 'ひょうてきがた'

pdf=$w/out/pdf/guide.pdf
pdftotext -enc UTF-8 "$pdf" "$w/guide.txt" 2>/dev/null
has "ruby: PDF text: the base" "$w/guide.txt" '標的型攻撃は、特定の組織を狙って偽のメールを送ります。'
has "ruby: PDF text: the table cell's base" "$w/guide.txt" '設計や実装の欠陥で、攻撃の糸口になるもの'
lacks "ruby: PDF text: no reading mixed in (an /ActualText of nothing)" "$w/guide.txt" 'ぜいじゃくせい'
lacks "ruby: PDF text: no sesame dot in the text" "$w/guide.txt" '﹅'

tebiki check -C "$fx" --dump-layout=guide >"$w/guide.layout" 2>"$w/err"
# a reading: text at half the body's 10 pt, above the base's baseline
if grep -qE '^  text [0-9.]+ [0-9.]+ m 5.00 .*"ぜいじゃくせい"$' "$w/guide.layout"; then
	ok "ruby: layout: the reading at half size"
else
	fail "ruby: layout: the reading at half size" "$(grep -m3 'ぜいじゃくせい' "$w/guide.layout")"
fi
n=$(grep -c '^  poly ' "$w/guide.layout")
if [ "$n" -ge 4 ]; then
	ok "ruby: layout: 圏点 drawn as dots ($n)"
else
	fail "ruby: layout: 圏点 drawn as dots" "$n poly operations"
fi
python3 - "$w/guide.layout" <<'EOF' && ok "ruby: layout: a reading never crosses the line above" || fail "ruby: layout: a reading never crosses the line above" "see $w/guide.layout"
import re, sys
# every reading's top (baseline - 0.88 of its size) is below the bottom
# (baseline + 0.12 of its size) of the body text drawn above it on the
# same page, horizontally overlapping: no collision.
page, texts = 0, []
bad = []
for raw in open(sys.argv[1], encoding="utf-8"):
    if raw.startswith("page "):
        page += 1
        continue
    m = re.match(r'^  text ([\d.-]+) ([\d.-]+) [a-z] ([\d.]+) .*"(.*)"$', raw)
    if m:
        texts.append((page, float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)))
checked = 0
for p, x, y, size, s in texts:
    if size != 5:
        continue
    checked += 1
    top = y - 0.88 * size
    for q, x2, y2, size2, s2 in texts:
        if q == p and size2 >= 9 and y2 < y and y2 + 0.12 * size2 > top:
            bad.append((s, y, s2, y2))
print(f"# {checked} readings checked" if checked else "no reading found", bad[:5] or "")
sys.exit(1 if bad or not checked else 0)
EOF

# pdf.yaml text.emphasis, in a copy of the default theme
cp -r "$fx" "$w/emph"
mkdir -p "$w/emph/themes"
cp -r "$ROOT/themes/default" "$w/emph/themes/t"
printf 'theme: t\n' >>"$w/emph/site.yaml"
sed -i 's/^  emphasis: gothic /  emphasis: bouten /' "$w/emph/themes/t/pdf.yaml"
printf '\n*強調*します。\n' >>"$w/emph/content/guide/ruby.md"
if tebiki check -C "$w/emph" --dump-layout=guide >"$w/emph.layout" 2>"$w/err"; then
	m=$(grep -c '^  poly ' "$w/emph.layout")
	if [ "$m" -eq $((n + 2)) ]; then
		ok "ruby: emphasis: bouten puts 圏点 on *強調*"
	else
		fail "ruby: emphasis: bouten puts 圏点 on *強調*" "$m dots, want $((n + 2))"
	fi
else
	fail "ruby: emphasis: bouten" "$(head -c 1000 "$w/err")"
fi
sed -i 's/^  emphasis: bouten /  emphasis: italic /' "$w/emph/themes/t/pdf.yaml"
line=$(grep -n '^  emphasis: italic' "$w/emph/themes/t/pdf.yaml" | cut -d: -f1)
if tebiki check -C "$w/emph" 2>"$w/err" >/dev/null; then
	fail "ruby: emphasis: italic is an error" "check passed"
else
	has "ruby: emphasis: italic is an error at its place" "$w/err" \
		"themes/t/pdf.yaml:$line:13: error: emphasis must be gothic, bouten or both"
fi
