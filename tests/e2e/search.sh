#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The site search index: one entry per content page, the text as it
# shows on the site, valid JavaScript that survives any content.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

out=$TMPROOT/search
tebiki build -C "$ROOT" -o "$out" >/dev/null 2>&1 || { fail "search: example builds" "tebiki build failed"; exit 0; }
index=$out/site/search-index.js
if [ ! -f "$index" ]; then
	fail "search: index written" "no $index"
	exit 0
fi
ok "search: index written"

pages=$(find "$ROOT/content" -name '*.md' ! -name '_index.md' -path '*/*/*' | wc -l)
check "search: one entry per content page ($pages)" node -e '
	global.window = {};
	require(process.argv[1]);
	const n = window.TEBIKI_SEARCH.length;
	if (n !== Number(process.argv[2])) { console.error(n + " entries"); process.exit(1); }
' "$index" "$pages"

check "search: the phishing lesson is indexed with the seed text" node -e '
	global.window = {};
	require(process.argv[1]);
	const p = window.TEBIKI_SEARCH.find(e => e.u === "lessons/phishing.html");
	if (!p || !p.x.includes("巧妙な文面のメールなどを用い")) process.exit(1);
' "$index"

# Hostile text cannot end the script or inject markup.
p=$TMPROOT/search-hostile
mkdir -p "$p/content/s"
printf 'title: x\n' >"$p/site.yaml"
printf -- '---\ntitle: "</script><script>alert(1)</script>"\n---\n\nline\xe2\x80\xa8sep "quote" \\\\ </script>\n' >"$p/content/s/a.md"
tebiki build -C "$p" -o "$p/out" >/dev/null 2>&1
check "search: hostile text stays a string" node -e '
	global.window = {};
	require(process.argv[1]);
	const e = window.TEBIKI_SEARCH[0];
	if (!e.t.includes("</script>") || !e.x.includes("\"quote\"")) process.exit(1);
' "$p/out/site/search-index.js"
if grep -q '</script' "$p/out/site/search-index.js"; then
	fail "search: no </script in the index file" "found"
else
	ok "search: no </script in the index file"
fi
