#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A failed build leaves the previous output exactly as it was and no
# temporary folder beside it; a good build replaces the output whole.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "atomic: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"

# A hanging build must not hang the suite; valgrind is slower.
if [ -n "${TEBIKI_WRAP:-}" ]; then
	limit=${E2E_TIMEOUT:-60}
else
	limit=${E2E_TIMEOUT:-10}
fi
w=$TMPROOT/atomic
out=$w/out
rm -rf "$w"
mkdir -p "$w"

# listing: every file of OUTDIR with its checksum.
listing() {
	(cd "$w" && find out -type f -print0 | sort -z | xargs -0 md5sum)
}
# leftovers: hidden siblings of OUTDIR (.out.tmp-PID, .out.old-PID).
leftovers() {
	(cd "$w" && find . -maxdepth 1 -name '.out.*' | sort)
}
# copy NAME: the example project's site.yaml and content/ in $w/NAME.
copy() {
	rm -rf "${w:?}/$1"
	mkdir -p "$w/$1"
	cp "$ROOT/site.yaml" "$w/$1/"
	cp -r "$ROOT/content" "$w/$1/"
}

if err=$(tebiki build -C "$ROOT" -o "$out" 2>&1); then
	ok "atomic: the example builds"
else
	fail "atomic: the example builds" "exit $?: $(printf '%s' "$err" | head -c 1000)"
	exit 0
fi
before=$(listing)

# failed_build NAME DIR WHAT: a build of DIR into $out must fail and
# change nothing.
failed_build() {
	local name=$1 dir=$2 what=$3 err rc now left
	# shellcheck disable=SC2097,SC2098
	err=$(TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" tebiki build -C "$dir" -o "$out" 2>&1)
	rc=$?
	[ "$rc" -eq 124 ] && err="still running after ${limit}s"
	if [ "$rc" -eq 1 ] && grep -qF -- "$what" <<<"$err"; then
		ok "atomic: $name: exit 1 with the diagnostic"
	else
		fail "atomic: $name: exit 1 with the diagnostic" "exit $rc: $(printf '%s' "$err" | head -c 1000)"
	fi
	now=$(listing)
	if [ "$now" = "$before" ]; then
		ok "atomic: $name: the previous output is unchanged"
	else
		fail "atomic: $name: the previous output is unchanged" \
			"$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$now") | head -c 1000)"
	fi
	left=$(leftovers)
	if [ -z "$left" ]; then
		ok "atomic: $name: no temporary folder is left"
	else
		fail "atomic: $name: no temporary folder is left" "$(printf '%s' "$left" | tr '\n' ' ')"
	fi
}

# 1. A broken link: the build stops before rendering.
copy link
printf '\n[壊れたリンク](no-such-page.md)\n' >>"$w/link/content/lessons/phishing.md"
failed_build "broken link" "$w/link" "link to a missing page: no-such-page.md"

# 2. A template error on one page: the build fails while it renders,
#    after the temporary output folder was made.
copy render
cp -r "$ROOT/themes" "$w/render/"
tpl=$w/render/themes/default/templates/page.html
{
	printf '<%% if page.slug == "phishing" then error("boom") end -%%>\n'
	cat "$ROOT/themes/default/templates/page.html"
} >"$tpl"
failed_build "template error while rendering" "$w/render" "boom"

# 3. A template stopped by tebiki's watchdog (limits.seconds) while it
#    renders: the pattern runs in C, where the instruction count
#    cannot see it, and the process is stopped from another thread.
copy hang
cp -r "$ROOT/themes" "$w/hang/"
printf 'limits: {seconds: 1}\n' >>"$w/hang/site.yaml"
tpl=$w/hang/themes/default/templates/page.html
{
	printf '<%% if page.slug == "phishing" then local s = ("a"):rep(40) s:find(("a*"):rep(20) .. "b") end -%%>\n'
	cat "$ROOT/themes/default/templates/page.html"
} >"$tpl"
failed_build "template stopped by limits.seconds" "$w/hang" "themes/default/templates/page.html"

# 4. A good build replaces the output whole: a stray file goes.
echo stray >"$out/site/stray.html"
if err=$(tebiki build -C "$ROOT" -o "$out/" 2>&1); then
	ok "atomic: rebuild (OUTDIR with a trailing slash) exits 0"
else
	fail "atomic: rebuild (OUTDIR with a trailing slash) exits 0" "exit $?: $(printf '%s' "$err" | head -c 1000)"
fi
if [ -e "$out/site/stray.html" ]; then
	fail "atomic: a good build replaces the output" "site/stray.html is still there"
elif [ "$(listing)" != "$before" ]; then
	fail "atomic: a good build replaces the output" "the rebuilt output differs from the first build"
else
	ok "atomic: a good build replaces the output"
fi
left=$(leftovers)
if [ -z "$left" ]; then
	ok "atomic: a good build leaves no temporary folder"
else
	fail "atomic: a good build leaves no temporary folder" "$(printf '%s' "$left" | tr '\n' ' ')"
fi
rm -rf "$w"
