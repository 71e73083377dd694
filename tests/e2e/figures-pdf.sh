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
