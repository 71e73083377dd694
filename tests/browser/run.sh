#!/usr/bin/env bash
# Browser tests: builds the example site and drives its pages in the
# system's headless Chromium through playwright-core, with axe-core
# checking every page (make deps-browser installs all three; no browser
# is ever downloaded). Prints TAP lines;
# screenshots go to $TMPROOT/browser/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${TEBIKI:=$root/build/tebiki}"
out=${TMPROOT:-$(mktemp -d)}/browser
mkdir -p "$out"

if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null ||
   [ ! -d "$here/node_modules/playwright-core" ]; then
	echo "not ok - browser: needs chromium, node and playwright-core: run make deps-browser"
	exit 1
fi
if ! "$TEBIKI" build -C "$root" -o "$out/example" 2>"$out/build.log"; then
	echo "not ok - browser: the example does not build: $(head -c 1000 "$out/build.log")"
	exit 1
fi
echo "# screenshots in $out"
node "$here/selfcheck.js" "$out/example/site" "$out"
rc=$?
node "$here/search.js" "$out/example/site" "$out" || rc=1
node "$here/a11y.js" "$out/example/site" "$out" || rc=1
if "$TEBIKI" build -C "$root/tests/e2e/fixtures/nested" -o "$out/nested" 2>"$out/nested.log"; then
	node "$here/nav.js" "$out/example/site" "$out/nested/site" "$out" || rc=1
else
	echo "not ok - browser: the nested fixture does not build: $(head -c 1000 "$out/nested.log")"
	rc=1
fi

# VitePress's ::: code-group: a project of one page, written here
cg=$out/code-group
rm -rf "$cg"
mkdir -p "$cg/content"
printf 'title: 試験\n' >"$cg/site.yaml"
printf '# 導入\n\n::: code-group\n\n```sh [npm]\nnpm install tebiki\n```\n\n```sh [yarn]\nyarn add tebiki\n```\n\n```sh [pnpm]\npnpm add tebiki\n```\n\n:::\n' \
	>"$cg/content/tabs.md"
if "$TEBIKI" build -C "$cg" -o "$cg/out" 2>"$out/code-group.log"; then
	node "$here/codegroup.js" "$cg/out/site/tabs.html" "$out" || rc=1
else
	echo "not ok - code-group: the project does not build: $(head -c 1000 "$out/code-group.log")"
	rc=1
fi

# tebiki serve: a minimal project with the theme copied in (to edit its CSS)
proj=$out/serve-project
rm -rf "$proj"
"$TEBIKI" new "$proj" --kind minimal >/dev/null && mkdir -p "$proj/themes" &&
	cp -r "$root/themes/default" "$proj/themes/"
"$TEBIKI" serve -C "$proj" --port 0 --no-pdf >"$out/serve.log" 2>&1 &
spid=$!
for _ in $(seq 1200); do
	grep -q '^tebiki: serving ' "$out/serve.log" && break
	kill -0 "$spid" 2>/dev/null || break
	sleep 0.1
done
url=$(grep -o 'http://[^ ]*/' "$out/serve.log" | head -1)
if [ -z "$url" ]; then
	echo "not ok - browser: serve: does not start: $(head -c 1000 "$out/serve.log")"
	kill "$spid" 2>/dev/null
	exit 1
fi
node "$here/serve.js" "$url" "$proj" "$out"
rc2=$?
kill "$spid"
wait "$spid"
[ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ]
