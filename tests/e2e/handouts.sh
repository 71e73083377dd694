#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Tailored handouts: one PDF per size × industry cell, each with exactly
# the blocks and chapters of its cell, within its page budget; a
# handout over budget leaves out its priority=low blocks first.
# (Diagnostics for over-budget handouts, links into left-out content
# and unknown values are golden files in broken/handout-*.)
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

fx=$(cd "$(dirname "$0")" && pwd)/fixtures/handouts
out=$TMPROOT/handouts
if ! tebiki build -C "$fx" -o "$out" >"$TMPROOT/handouts.log" 2>&1; then
	fail "handouts: the fixture builds" "$(head -c 1500 "$TMPROOT/handouts.log")"
	exit 0
fi
ok "handouts: the fixture builds"

# cell markers-that-must-be-there markers-that-must-not
expect() {
	local pdf=$1 want=$2 never=$3 text pages m bad=""
	if [ ! -f "$out/pdf/$pdf" ]; then
		fail "handouts: $pdf" "not written"
		return
	fi
	text=$(pdftotext "$out/pdf/$pdf" - 2>/dev/null)
	for m in $want; do
		grep -q "$m" <<<"$text" || bad+="missing $m; "
	done
	for m in $never; do
		grep -q "$m" <<<"$text" && bad+="has $m; "
	done
	if [ -n "$bad" ]; then
		fail "handouts: $pdf holds exactly its cell's blocks" "$bad"
	else
		ok "handouts: $pdf holds exactly its cell's blocks"
	fi
}

expect handout-retail-micro.pdf "COMMONBLOCK RETAILBLOCK MICROBLOCK RETAILCASE LOWBLOCK" \
	"MEDICALBLOCK SMALLBLOCK WARNBLOCK MEDICALCASE"
expect handout-retail-small.pdf "COMMONBLOCK RETAILBLOCK SMALLBLOCK WARNBLOCK RETAILCASE" \
	"MEDICALBLOCK MICROBLOCK MEDICALCASE"
expect handout-medical-micro.pdf "COMMONBLOCK MEDICALBLOCK MICROBLOCK MEDICALCASE" \
	"RETAILBLOCK SMALLBLOCK WARNBLOCK RETAILCASE"
expect handout-medical-small.pdf "COMMONBLOCK MEDICALBLOCK SMALLBLOCK WARNBLOCK MEDICALCASE" \
	"RETAILBLOCK MICROBLOCK RETAILCASE"
# A one-page budget: the priority=low block had to go.
expect tight-retail-micro.pdf "COMMONBLOCK RETAILBLOCK MICROBLOCK" "LOWBLOCK MEDICALBLOCK SMALLBLOCK"

n=$(find "$out/pdf" -name 'handout-*.pdf' | wc -l)
if [ "$n" -eq 4 ]; then ok "handouts: one PDF per cell (4)"; else fail "handouts: one PDF per cell" "$n PDFs"; fi

for f in "$out"/pdf/handout-*.pdf; do
	p=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
	[ "$p" -le 3 ] || fail "handouts: $(basename "$f") within 3 pages" "$p pages"
done
p=$(pdfinfo "$out/pdf/tight-retail-micro.pdf" | awk '/^Pages:/ {print $2}')
if [ "$p" -eq 1 ]; then ok "handouts: the tight handout fits its one page"; else fail "handouts: the tight handout fits its one page" "$p pages"; fi

if pdftotext "$out/pdf/handout-retail-micro.pdf" - | grep -q "小売業（従業員20名以下）の事業者向け"; then
	ok "handouts: the handout names its audience"
else
	fail "handouts: the handout names its audience" "no 小売業（従業員20名以下）の事業者向け"
fi

# The example: every industry × size cell gets its handout, each within
# the four pages site.yaml allows.
ex=$TMPROOT/handouts-example
tebiki build -C "$ROOT" -o "$ex" --only pdf >/dev/null 2>&1
n=$(find "$ex/pdf" -name 'handout-*.pdf' 2>/dev/null | wc -l)
if [ "$n" -eq 24 ]; then ok "handouts: the example has 24 handouts"; else fail "handouts: the example has 24 handouts" "$n"; fi
over=""
for f in "$ex"/pdf/handout-*.pdf; do
	p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
	[ "${p:-99}" -le 4 ] || over+="$(basename "$f"):$p "
done
if [ -z "$over" ]; then ok "handouts: every example handout fits four pages"; else fail "handouts: every example handout fits four pages" "$over"; fi
