#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Charts, computed tables and self-diagnosis sheets: fixtures/figures
# (every chart type, grouped and totalled tables, a sheet with items
# for some audiences only) and the example project. Every SVG is
# well-formed XML with a title and a description; totals are computed
# from the data, so changing a figure changes the total.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "figures: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
here=$(cd "$(dirname "$0")" && pwd)
work=$TMPROOT/figures
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/fixtures/figures" "$work/project"
fig=$work/out/site
ex=$work/example/site

if ! out=$(tebiki build -C "$work/project" -o "$work/out" 2>&1); then
	fail "figures: the fixture builds" "$(printf '%s' "$out" | head -c 2000)"
	exit 0
fi
ok "figures: the fixture builds"
if ! out=$(tebiki build -C "$ROOT" -o "$work/example" 2>&1); then
	fail "figures: the example builds" "$(printf '%s' "$out" | head -c 2000)"
	exit 0
fi

# Every inline <svg> of both sites, one file each, through xmllint.
python3 - "$fig" "$ex" "$work/svg" <<'EOF'
import pathlib, re, sys
out = pathlib.Path(sys.argv[3])
out.mkdir()
n = 0
for site in sys.argv[1:3]:
    for f in sorted(pathlib.Path(site).rglob("*.html")):
        for m in re.finditer(r"<svg\b.*?</svg>", f.read_text(), re.S):
            n += 1
            (out / f"{n:03d}.svg").write_text(m.group(0))
EOF
count=$(find "$work/svg" -name '*.svg' | wc -l)
bad=""
for s in "$work"/svg/*.svg; do
	[ -e "$s" ] || continue
	xmllint --noout "$s" 2>>"$work/xmllint.log" || bad+=" $(basename "$s")"
	grep -q '<title>[^<]' "$s" && grep -q '<desc>[^<]' "$s" && grep -q 'role="img"' "$s" ||
		bad+=" $(basename "$s")(no title/desc/role)"
done
if [ "$count" -ge 9 ] && [ -z "$bad" ]; then
	ok "figures: $count SVGs are well-formed, each with role=img, <title> and <desc>"
else
	fail "figures: SVGs are well-formed" "$count SVGs;$bad $(head -c 1000 "$work/xmllint.log")"
fi

charts=$fig/pages/charts.html
for t in bar hbar stacked pie donut line; do
	grep -q "<figure class=\"chart chart-$t\"" "$charts" || bad+=" $t"
done
if [ -z "$bad" ]; then
	ok "figures: bar, hbar, stacked, pie, donut and line charts"
else
	fail "figures: every chart type" "missing:$bad"
fi
check "figures: the figures are also a table, with a total" \
	grep -q '<tfoot><tr><th scope="row">合計</th><td class="num">728</td>' "$charts"
check "figures: the description lists every figure" \
	grep -q '<desc>メール案内 303件、チラシ 24件、ホームページ 270件、その他 127件、回答なし 4件（合計 728件）。</desc>' "$charts"
check "figures: rows of a category are added up (関東 130 + 64)" \
	grep -q '関東 194名' "$charts"
check "figures: illustrative figures say so" \
	grep -q '（例）この数値は説明のための例で' "$charts"

tables=$fig/pages/tables.html
check "figures: the total row is computed (36+20+130+64+66 = 316)" \
	grep -q '<tr class="total"><th scope="row" colspan="3">合計</th><td class="num">316</td><td class="num">100.0%</td></tr>' "$tables"
check "figures: a subtotal per group" \
	grep -q '<tr class="subtotal"><th scope="row" colspan="2">小計</th><td class="num">194</td>' "$tables"
check "figures: dates as 2009年3月23日（月）" grep -q '2009年3月23日（月）' "$tables"
check "figures: sorted by value, descending" \
	python3 -c "import sys; s=open(sys.argv[1]).read(); i=s.index('<caption>セミナーを知った媒体'); a=s.index('メール案内',i); b=s.index('ホームページ',i); sys.exit(not a<b)" "$tables"

# Change one figure: the total follows.
sed -i 's/participants: 66}/participants: 67}/' "$work/project/content/data/venues.yaml"
tebiki build -C "$work/project" -o "$work/out2" >/dev/null 2>&1
check "figures: a changed figure changes the total" \
	grep -q '<td class="num">317</td>' "$work/out2/site/pages/tables.html"

sheet=$fig/check/index.html
check "figures: the sheet has its own page" test -f "$sheet"
check "figures: an item for one industry carries data-industry" \
	grep -q '<tr class="checklist-item" data-no="2" data-category="店舗について" data-industry="retail">' "$sheet"
check "figures: an item for some sizes and industries carries both" \
	grep -q 'data-no="3" data-category="事務所について" data-size="small" data-industry="medical">' "$sheet"
check "figures: lessons are linked at their heading" \
	grep -q 'href="../lessons/office.html#%E5%BA%97%E9%A0%AD%E3%81%AE%E7%AB%AF%E6%9C%AB"' "$sheet"
check "figures: four answers with points per item" \
	test "$(grep -c 'type="radio" name="q1"' "$sheet")" = 4
check "figures: a checklist block of one category, without answers" \
	python3 -c "import sys; s=open(sys.argv[1]).read(); i=s.index('店舗の項目'); seg=s[i:s.index('checklist-source', i)]; sys.exit(not ('data-no=\"2\"' in seg and 'data-no=\"1\"' not in seg and 'type=\"radio\"' not in seg))" "$tables"
check "figures: the home page's 自己診断 button points at the sheet" \
	grep -q 'href="check/index.html"' "$fig/index.html"

bad=""
for f in "$sheet" "$charts" "$tables" "$ex/selfcheck/index.html" "$ex/pages/about.html"; do
	t=$(tidy_quiet "$f")
	if [ -n "$t" ]; then
		bad+="${f#"$work"/}: $t"$'\n'
	fi
done
if [ -z "$bad" ]; then
	ok "figures: tidy finds nothing on the chart, table and sheet pages"
else
	fail "figures: tidy" "$(printf '%s' "$bad" | head -c 2000)"
fi

about=$ex/pages/about.html
check "figures: the example's venue total 824 is computed, not typed" \
	sh -c "grep -q '<td class=\"num\">824</td></tr>' '$about' && ! grep -q '824' '$ROOT/content/pages/about.md'"
check "figures: the example's self-check page has the seed's 14 items" \
	test "$(grep -c '<tr class="checklist-item"' "$ex/selfcheck/index.html")" = 14

# A theme's chart.yaml sets the colours; a bad colour is an error there.
mkdir -p "$work/project/themes"
cp -r "$ROOT/themes/default" "$work/project/themes/default"
printf 'palette: ["#112233", "#445566"]\n' >"$work/project/themes/default/chart.yaml"
tebiki build -C "$work/project" -o "$work/out3" >/dev/null 2>&1
check "figures: the theme's palette colours the charts" \
	grep -q 'fill="#112233"' "$work/out3/site/pages/charts.html"
printf 'palette: [red]\n' >"$work/project/themes/default/chart.yaml"
out=$(tebiki check -C "$work/project" 2>&1)
if [ "$out" = "themes/default/chart.yaml:1:11: error: 'red' is not a colour #RRGGBB" ]; then
	ok "figures: a bad theme colour is reported at its line"
else
	fail "figures: a bad theme colour is reported at its line" "$out"
fi
