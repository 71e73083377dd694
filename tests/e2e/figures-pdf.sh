#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Charts, tables and the check sheet in the PDFs of the example: the
# report has its charts as vector graphics with their labels and values
# (pdftotext), its computed totals, and the sheet PDF has real form
# fields: a radio group per item and 確認日 / 確認者 (qpdf --json).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "figures-pdf: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
out=$TMPROOT/figures-pdf
rm -rf "$out"
if ! msg=$(tebiki build -C "$ROOT" -o "$out" 2>&1); then
	fail "figures-pdf: the example builds" "$(printf '%s' "$msg" | head -c 2000)"
	exit 0
fi
report=$out/pdf/report.pdf
sheet=$out/pdf/selfcheck.pdf
check "figures-pdf: the report is a PDF" test -s "$report"
# spaces out: pdftotext puts them between Japanese and digits
text=$(pdftotext "$report" - 2>/dev/null | tr -d '[:space:]')
bad=""
for want in "ブロック別の参加者数" "関東" "265名" "セミナーを知った媒体" "メール案内" "303件（41.6%）" \
	"824" "728" "100.0%" "おおむね役に立ったという意見が90%超" "相談コーナー開催" "11"; do
	grep -qF -- "$want" <<<"$text" || bad+=" $want"
done
if [ -z "$bad" ]; then
	ok "figures-pdf: chart labels, values and computed totals are in the report"
else
	fail "figures-pdf: chart labels, values and computed totals are in the report" "missing:$bad"
fi
check "figures-pdf: charts are numbered figures" grep -qF '図1-1' <<<"$text"

bad=""
for f in "$out"/pdf/*.pdf; do
	bad+=$(python3 "$(dirname "$0")/pdfcheck.py" sources "$f" 2>&1 | head -n 3)
done
if [ -z "$bad" ]; then
	ok "figures-pdf: a figure's 出典 stays on the page of its figure"
else
	fail "figures-pdf: a figure's 出典 stays on the page of its figure" "$bad"
fi

for f in "$sheet" "$report"; do
	check "figures-pdf: $(basename "$f"): the sheet's 項目 and answer headers break between phrases" \
		python3 "$(dirname "$0")/pdfcheck.py" sheet "$f"
done
# The report's sheet is shorter than a page: it is on one page, from
# its header to item 14.
page=$(pdftotext "$report" - 2>/dev/null | tr -d ' ' | awk 'BEGIN { RS = "\f" }
	/以下の項目について/ && /ソフトウェアの修正プログラム更新/ { print NR }')
if [ -n "$page" ]; then
	ok "figures-pdf: the report's check sheet is not broken across pages"
else
	fail "figures-pdf: the report's check sheet is not broken across pages" "its header and item 14 on different pages"
fi
check "figures-pdf: the check sheet is a PDF" test -s "$sheet"
check "figures-pdf: qpdf finds no error in the sheet" qpdf --check "$sheet"
fields=$(qpdf --json "$sheet" | python3 -c '
import json, sys
a = json.load(sys.stdin)["acroform"]
names = {}
for f in a["fields"]:
    names.setdefault(f["fullname"], []).append((f["fieldtype"], f["isradiobutton"]))
radio = sorted(n for n, w in names.items() if all(t == "/Btn" and r for t, r in w) and len(w) == 4)
text = sorted(n for n, w in names.items() if w == [("/Tx", False)])
print(len(names), len(radio), " ".join(text))')
if [ "$fields" = "16 14 checker date" ]; then
	ok "figures-pdf: the sheet has 16 fields: 14 radio groups of 4 buttons, 確認日 and 確認者"
else
	fail "figures-pdf: the sheet's form fields" "fields, radio groups, text fields: $fields"
fi
sheettext=$(pdftotext "$sheet" - 2>/dev/null)
check "figures-pdf: the sheet has the seed's questions" \
	grep -qF '机の上を常に整理整頓するなどのように' <<<"$sheettext"
check "figures-pdf: the site links the sheet" test -s "$out/site/pdf/selfcheck.pdf"
# The item notes are drawn (No.10's 補足, as on the site) and the sheet
# stays one page; every widget has its own accessible name (/TU, a
# radio button its item and its answer); the buttons share two
# compressed appearance streams.
check "figures-pdf: the sheet draws No.10's 補足" \
	grep -qF 'No.10：（本教材による補足）定期的な変更は' <<<"$sheettext"
# Japanese typed into the sheet: pdf.js fills both text fields and
# saves, drawing them with the sheet's own font (/DR /JaGo, JIS X 0208
# level 1); poppler then reads 山田 太郎 twice from what pdf.js drew (it
# read nothing when the fields' font was Helvetica).
if node "$(dirname "$0")/pdfjs/fill.mjs" "$sheet" "$out/filled.pdf" "山田 太郎" 2>/dev/null &&
	[ "$(pdftotext "$out/filled.pdf" - 2>/dev/null | grep -c '山田 太郎')" = 2 ]; then
	ok "figures-pdf: Japanese typed in pdf.js is drawn with the sheet's font (poppler reads it)"
else
	fail "figures-pdf: Japanese typed in pdf.js is drawn with the sheet's font (poppler reads it)" \
		"$(pdftotext "$out/filled.pdf" - 2>&1 | head -c 300)"
fi
# A value written by another tool, with no appearance: poppler draws
# it itself (NeedAppearances) with the /DA font.
/usr/bin/python3 -c '
import sys
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
w = PdfWriter()
w.append(PdfReader(sys.argv[1]))
for f in w._root_object["/AcroForm"]["/Fields"]:
    f = f.get_object()
    if f.get("/FT") == "/Tx":
        f[NameObject("/V")] = TextStringObject("山田 太郎")
w.write(sys.argv[2])' "$sheet" "$out/valued.pdf" 2>/dev/null
check "figures-pdf: poppler draws a Japanese value itself (NeedAppearances, /DA /JaGo)" \
	test "$(pdftotext "$out/valued.pdf" - 2>/dev/null | grep -c '山田 太郎')" = 2
check "figures-pdf: the sheet is one page" grep -q '^Pages: *1$' <<<"$(pdfinfo "$sheet" 2>/dev/null)"
widgets=$(/usr/bin/python3 -c '
import sys
from pypdf import PdfReader
r = PdfReader(sys.argv[1])
ws = [a.get_object() for p in r.pages for a in p.get("/Annots", [])]
named = sum(1 for w in ws if w.get("/TU"))
looks = {v.indirect_reference.idnum for w in ws if "/AP" in w for v in w["/AP"]["/N"].values()}
packed = all(v.get_object().get("/Filter") == "/FlateDecode" for w in ws if "/AP" in w
             for v in w["/AP"]["/N"].values())
tu = [str(w["/TU"]) for w in ws if w.get("/TU")]
print(len(ws), named, len(looks), packed, "No.10 パスワードは、毎年1回程度、定期的に変更していますか？：実施していない" in tu)
' "$sheet" 2>&1)
if [ "$widgets" = "58 58 2 True True" ]; then
	ok "figures-pdf: 58 widgets, each with its /TU, two shared compressed looks"
else
	fail "figures-pdf: 58 widgets, each with its /TU, two shared compressed looks" \
		"widgets, named, looks, compressed, No.10's last button named: $widgets"
fi

# The fixture: a handout per size × industry shows the sheet's items
# for that cell only (item 2 is for retail, item 3 for small medical).
fx=$TMPROOT/figures-pdf-fixture
rm -rf "$fx"
if ! msg=$(tebiki build -C "$(dirname "$0")/fixtures/figures" -o "$fx" 2>&1); then
	fail "figures-pdf: the fixture builds" "$(printf '%s' "$msg" | head -c 2000)"
	exit 0
fi
items() { pdftotext "$fx/pdf/$1.pdf" - 2>/dev/null | tr -d '[:space:]' |
	grep -o '最終退社者は事務所に施錠\|決済端末に見慣れない機器\|患者の情報を持ち出す' | sort -u | tr '\n' ' '; }
got="retail-micro: $(items sheet-retail-micro)/ medical-small: $(items sheet-medical-small)/ medical-micro: $(items sheet-medical-micro)"
want="retail-micro: 最終退社者は事務所に施錠 決済端末に見慣れない機器 / medical-small: 患者の情報を持ち出す 最終退社者は事務所に施錠 / medical-micro: 最終退社者は事務所に施錠 "
if [ "$got" = "$want" ]; then
	ok "figures-pdf: a handout's checklist shows the items for its size and industry"
else
	fail "figures-pdf: a handout's checklist shows the items for its size and industry" "$got"
fi
text=$(pdftotext "$fx/pdf/report.pdf" - 2>/dev/null | tr -d '[:space:]')
bad=""
for want in 図1-1 図1-7 媒体（縦棒） 回答の内訳 64.3% 媒体（ドーナツ） 728件 実施の推移（例） 316 小計 194; do
	grep -qF -- "$want" <<<"$text" || bad+=" $want"
done
if [ -z "$bad" ]; then
	ok "figures-pdf: every chart type and the computed table rows are in the fixture's PDF"
else
	fail "figures-pdf: every chart type and the computed table rows are in the fixture's PDF" "missing:$bad"
fi
