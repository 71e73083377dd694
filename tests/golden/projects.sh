#!/usr/bin/env bash
# Project goldens: each fixture project of tests/e2e/fixtures named by a
# file here is built once; projects/PROJECT.site holds, for every page
# of its site in path order, the page's <title> and its <main> (what
# the page says: breadcrumbs, heading, text, notes, section lists,
# previous and next), and projects/PROJECT--ID.txt the text of its
# publication ID as pdftotext reads it. A change in how Markdown written
# for other tools comes out (titles, footnotes, sections, order, links,
# ids, filters) shows here as a diff. REGEN=1 rewrites them; look at
# the pages and PDFs before committing.
set -u
cd "$(dirname "$0")/projects" || exit 1
: "${TEBIKI:?run through tests/run.sh}"
export SOURCE_DATE_EPOCH=1790000000	# the cover's date
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compare WANT GOT NAME: GOT (a file) against the golden WANT.
compare() {
	if [ "${REGEN:-}" = 1 ]; then
		cp "$2" "$1"
		echo "ok - regenerated projects/$1"
	elif diff -u "$1" "$2" >"$tmp/diff"; then
		echo "ok - project golden $3"
	else
		echo "not ok - project golden $3 differs:"
		sed 's/^/  /' "$tmp/diff" | head -40
		status=1
	fi
}

# main_of PAGE: its <title> line and its <main> … </main>.
main_of() {
	grep -m1 '<title>' "$1"
	sed -n '/<main/,/<\/main>/p' "$1" | grep -v '^$'
}

for project in $(ls ./*.site ./*--*.txt 2>/dev/null | sed 's|^\./||; s/--.*//; s/\.site$//' | sort -u); do
	out=$tmp/$project
	# shellcheck disable=SC2086
	if ! ${TEBIKI_WRAP:-} "$TEBIKI" build -C "../../e2e/fixtures/$project" -o "$out" >"$tmp/log" 2>&1; then
		echo "not ok - project golden $project: the build failed: $(head -c 500 "$tmp/log")"
		status=1
		continue
	fi
	if [ -f "$project.site" ]; then
		(cd "$out/site" && find . -name '*.html' ! -name 404.html ! -name search.html ! -name downloads.html | sort) |
			while read -r page; do
				echo "=== ${page#./}"
				main_of "$out/site/$page"
			done >"$tmp/site"
		compare "$project.site" "$tmp/site" "$project (site)"
	fi
	for want in "$project"--*.txt; do
		[ -f "$want" ] || continue
		id=${want#*--}
		id=${id%.txt}
		pdftotext -enc UTF-8 -layout "$out/pdf/$id.pdf" "$tmp/txt" 2>/dev/null || : >"$tmp/txt"
		compare "$want" "$tmp/txt" "$project--$id (pdftotext)"
	done
done
exit $status
