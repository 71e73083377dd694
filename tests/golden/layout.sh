#!/usr/bin/env bash
# Layout goldens: every tests/golden/layout/NAME.md is typeset with
# `tebiki render --dump=layout` (the pages as drawing operations, in
# points) and compared with NAME.layout; where NAME.txt exists, the PDF's
# text as pdftotext reads it is compared with it too. The dump is pure data from the
# layout stage: a change in line breaking, spacing or page breaking
# shows here as a diff. REGEN=1 rewrites the expected files; look at
# the PDF (`tebiki render --pdf=x.pdf NAME.md`) before committing one.
# Then the same for whole publications of the e2e fixture projects
# (publications/PROJECT--ID.layout), by `tebiki check --dump-layout=ID`.
set -u
cd "$(dirname "$0")/layout"
: "${TEBIKI:?run through tests/run.sh}"
export SOURCE_DATE_EPOCH=1790000000	# the cover's date
status=0
for md in *.md; do
	name=${md%.md}
	# shellcheck disable=SC2086
	got=$(${TEBIKI_WRAP:-} "$TEBIKI" render --dump=layout "$md" 2>"$name.err")
	rc=$?
	if [ "${REGEN:-}" = 1 ]; then
		printf '%s\n' "$got" >"$name.layout"
		echo "ok - regenerated layout/$name.layout"
	elif [ $rc -ne 0 ]; then
		echo "not ok - layout golden $name: exit $rc: $(head -c 500 "$name.err")"
		status=1
	elif diff -u "$name.layout" <(printf '%s\n' "$got") >"$name.diff"; then
		echo "ok - layout golden $name"
	else
		echo "not ok - layout golden $name differs:"
		sed 's/^/  /' "$name.diff" | head -40
		status=1
	fi
	rm -f "$name.diff" "$name.err"
	[ -f "$name.txt" ] || continue
	pdf=$(mktemp --suffix=.pdf)
	# shellcheck disable=SC2086
	${TEBIKI_WRAP:-} "$TEBIKI" render --pdf="$pdf" "$md" 2>/dev/null
	got=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null)
	rm -f "$pdf"
	if [ "${REGEN:-}" = 1 ]; then
		printf '%s\n' "$got" >"$name.txt"
		echo "ok - regenerated layout/$name.txt"
	elif diff -u "$name.txt" <(printf '%s\n' "$got") >"$name.diff"; then
		echo "ok - pdftotext golden $name"
	else
		echo "not ok - pdftotext golden $name differs:"
		sed 's/^/  /' "$name.diff" | head -40
		status=1
	fi
	rm -f "$name.diff"
done

# Publications of the fixture projects: publications/PROJECT--ID.layout
# is `tebiki check -C ../e2e/fixtures/PROJECT --dump-layout=ID`.
cd ../publications || exit 1
for want in *.layout; do
	name=${want%.layout}
	project=${name%%--*}
	id=${name#*--}
	# shellcheck disable=SC2086
	got=$(${TEBIKI_WRAP:-} "$TEBIKI" check -C "../../e2e/fixtures/$project" --dump-layout="$id" 2>"$name.err")
	rc=$?
	if [ "${REGEN:-}" = 1 ]; then
		printf '%s\n' "$got" >"$want"
		echo "ok - regenerated publications/$want"
	elif [ $rc -ne 0 ]; then
		echo "not ok - publication layout golden $name: exit $rc: $(head -c 500 "$name.err")"
		status=1
	elif diff -u "$want" <(printf '%s\n' "$got") >"$name.diff"; then
		echo "ok - publication layout golden $name"
	else
		echo "not ok - publication layout golden $name differs:"
		sed 's/^/  /' "$name.diff" | head -40
		status=1
	fi
	rm -f "$name.diff" "$name.err"
done
exit $status
