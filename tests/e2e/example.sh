#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The example project (the repository root) builds into a clean,
# self-contained, valid site; -j1 and -j2 give the same bytes.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "example: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
here=$(cd "$(dirname "$0")" && pwd)

ex=$TMPROOT/ex
site=$ex/site
rm -rf "$ex" "$TMPROOT/ex-j1" "$TMPROOT/ex-j2"

if out=$(tebiki build -C "$ROOT" -o "$ex" 2>&1); then
	ok "example: build exits 0"
else
	fail "example: build exits 0" "exit $?: $(printf '%s' "$out" | head -c 2000)"
	exit 0	# nothing to check
fi

check "example: internal links and anchors resolve, no external resources" \
	python3 "$here/linkcheck.py" "$site"

pages=()
while IFS= read -r -d '' f; do
	pages+=("$f")
done < <(find "$site" -name '*.html' -print0 | sort -z)
if [ "${#pages[@]}" -gt 0 ]; then
	ok "example: ${#pages[@]} pages written"
else
	fail "example: pages written" "no .html in $site"
fi

# tidy: exit 0 and silent when clean, 1 on warnings, 2 on errors.
bad=""
for f in "${pages[@]}"; do
	t=$(tidy_quiet "$f")
	if [ -n "$t" ]; then
		bad+="${f#"$site"/}:"$'\n'"$t"$'\n'
	fi
done
if [ -z "$bad" ]; then
	ok "example: tidy finds no errors or warnings"
else
	fail "example: tidy finds no errors or warnings" "$(printf '%s' "$bad" | head -c 2000)"
fi

bad=""
for f in "${pages[@]}"; do
	grep -q '<html[^>]* lang="ja"' "$f" || bad+=" ${f#"$site"/}"
done
if [ -z "$bad" ]; then
	ok "example: lang=\"ja\" on every page"
else
	fail "example: lang=\"ja\" on every page" "missing in$bad"
fi

if [ -f "$site/sitemap.xml" ]; then
	check "example: sitemap.xml is well-formed" xmllint --noout "$site/sitemap.xml"
	if grep -q '<loc>https://example.org/tebiki/lessons/phishing.html</loc>' "$site/sitemap.xml"; then
		ok "example: sitemap.xml lists pages under base_url"
	else
		fail "example: sitemap.xml lists pages under base_url" "no <loc> for lessons/phishing.html"
	fi
else
	fail "example: sitemap.xml exists (site.yaml has base_url)" "no $site/sitemap.xml"
fi

check "example: the phishing lesson has the seed text" \
	grep -q '巧妙な文面のメールなどを用い' "$site/lessons/phishing.html"

# content/lessons/phishing.md breaks a line between 。 and そ: no space
# may appear where the lines were joined.
if grep -q 'ものがあります。$' "$ROOT/content/lessons/phishing.md"; then
	check "example: a line break between Japanese characters adds no space" \
		grep -q 'ものがあります。それらは本文を書き換えず' "$site/lessons/phishing.html"
else
	ok "example: a line break between Japanese characters adds no space # SKIP the sentence changed; see features.sh"
fi

# Same bytes whatever the number of threads.
if tebiki build -C "$ROOT" -o "$TMPROOT/ex-j1" -j1 >/dev/null 2>&1 &&
	tebiki build -C "$ROOT" -o "$TMPROOT/ex-j2" -j2 >/dev/null 2>&1; then
	check "example: -j1 and -j2 write identical output" \
		diff -r "$TMPROOT/ex-j1" "$TMPROOT/ex-j2"
else
	fail "example: -j1 and -j2 write identical output" "a build failed"
fi
rm -rf "$ex" "$TMPROOT/ex-j1" "$TMPROOT/ex-j2"
