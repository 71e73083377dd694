#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tebiki new: both kinds build with exit 0 and no warnings, the seminar
# README names every file written, and a folder that is not empty (or
# not a folder) is refused with exit 2 and nothing written.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "new: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
w=$TMPROOT/new
rm -rf "$w"
mkdir -p "$w"

# builds_clean NAME DIR: exit 0 and nothing on stderr but the last line.
builds_clean() {
	local err rc
	err=$(cd "$2" && tebiki build 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(printf '%s\n' "$err" | grep -vc '^tebiki: built ')" -eq 0 ]; then
		ok "new: $1 builds with exit 0 and no warnings"
	else
		fail "new: $1 builds with exit 0 and no warnings" "exit $rc: $(printf '%s' "$err" | head -c 1500)"
	fi
}

for kind in seminar minimal; do
	if out=$(tebiki new "$w/$kind" --kind "$kind" 2>&1); then
		ok "new: --kind $kind exits 0"
	else
		fail "new: --kind $kind exits 0" "$out"
	fi
	builds_clean "$kind" "$w/$kind"
done

s=$w/seminar
# What the issue asks of the seminar project, checked in what it builds.
has "new: seminar: a book" "$s/site.yaml" "kind: book"
has "new: seminar: a handout for every cell" "$s/site.yaml" "for: {industry: all, size: all}"
has "new: seminar: profiles" "$s/content/profiles.yaml" "industry:"
has "new: seminar: a callout" "$s/output/site/lessons/passwords.html" 'class="callout callout-point'
has "new: seminar: an exercise" "$s/output/site/lessons/passwords.html" 'callout-exercise'
has "new: seminar: a block for one industry" "$s/output/site/lessons/passwords.html" '対象：小売業'
has "new: seminar: a chart" "$s/output/site/index.html" '<svg'
has "new: seminar: a computed total" "$s/output/site/index.html" '>36<'
has "new: seminar: the self-check page" "$s/output/site/selfcheck/index.html" 'パスワードの自己診断'
for pdf in textbook handout-retail-micro handout-manufacturing-small selfcheck; do
	if [ -s "$s/output/pdf/$pdf.pdf" ]; then
		ok "new: seminar: pdf/$pdf.pdf"
	else
		fail "new: seminar: pdf/$pdf.pdf" "not written"
	fi
done
# the README explains each file the project has
missing=""
while IFS= read -r f; do
	grep -qF "\`${f#./}\`" "$s/README.md" || missing="$missing ${f#./}"
done < <(cd "$s" && find . -path ./output -prune -o -type f ! -name README.md -print | sort)
if [ -z "$missing" ]; then
	ok "new: seminar: README.md explains every file"
else
	fail "new: seminar: README.md explains every file" "not in README.md:$missing"
fi
# the default is seminar; the default folder may be empty and existing
mkdir "$w/empty"
check "new: an empty existing folder is used" tebiki new "$w/empty"
if [ -f "$w/empty/content/lessons/passwords.md" ]; then
	ok "new: the default kind is seminar"
else
	fail "new: the default kind is seminar" "no lesson in $w/empty"
fi

# refused: a folder with something in it, a file, a bad kind
refused() {
	local name=$1 out rc
	shift
	out=$(tebiki "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 2 ] && [ -n "$out" ]; then
		ok "new: $name: exit 2 with a message"
	else
		fail "new: $name: exit 2 with a message" "exit $rc: $out"
	fi
}
mkdir -p "$w/full"
printf 'mine\n' >"$w/full/site.yaml"
refused "a folder that is not empty" new "$w/full"
if [ "$(cat "$w/full/site.yaml")" = mine ] && [ "$(find "$w/full" | wc -l)" -eq 2 ]; then
	ok "new: a folder that is not empty is left as it was"
else
	fail "new: a folder that is not empty is left as it was" "$(find "$w/full")"
fi
mkdir -p "$w/hidden"
: >"$w/hidden/.keep"
refused "a folder with only a hidden file" new "$w/hidden"
printf 'x' >"$w/afile"
refused "a file" new "$w/afile"
refused "an unknown kind" new "$w/k" --kind lecture
[ -e "$w/k" ] && fail "new: an unknown kind writes nothing" "$w/k exists" || ok "new: an unknown kind writes nothing"
refused "no folder" new
refused "two folders" new "$w/a" "$w/b"
