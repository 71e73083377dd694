#!/usr/bin/env bash
# Browser tests: builds the example site and drives its pages in the
# system's headless Chromium through playwright-core (make deps-browser
# installs both; no browser is ever downloaded). Prints TAP lines;
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
node "$here/search.js" "$out/example/site" "$out"
