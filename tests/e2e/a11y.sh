#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Build-time accessibility checks (passes/a11y.c): an image without a
# description, a skipped heading level, link text that says nothing on
# its own, a table without a header row and a page without a title are
# warnings at their file:line:col, whichever output is built; a page
# written well gets none; --strict makes them fail check and build
# (exit 1, nothing written).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
p=$TMPROOT/a11y
rm -rf "$p"
mkdir -p "$p/content/notes"
cp "$ROOT/content/images/phishing-flow.png" "$p/content/notes/flow.png"
cat >"$p/site.yaml" <<'Y'
title: 点検
publications:
  - {id: notes, kind: book, title: 点検, chapters: [notes/bad.md, notes/good.md]}
Y
printf -- '---\ntitle: 点検\n---\n\n本文。\n' >"$p/content/_index.md"
cat >"$p/content/notes/bad.md" <<'M'
---
title: 問題のあるページ
---

## 図

![](flow.png)

#### 細目

詳しくは[こちら](good.md)を見てください。

For details, [Click here.](good.md)

| | |
|---|---|
| 一 | 二 |
M
cat >"$p/content/notes/good.md" <<'M'
---
title: 問題のないページ
---

## 図

![フィッシング詐欺の流れ：偽のメールから偽サイトへ](flow.png)

### 細目

[問題のあるページの例](bad.md)を見てください。

| 項目 | 値 |
|---|---|
| 一 | 二 |
M
printf '本文だけで、題名も見出しもないページ。\n' >"$p/content/notes/untitled.md"

err=$(tebiki check -C "$p" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && ok "a11y: warnings alone: check exits 0" ||
	fail "a11y: warnings alone: check exits 0" "exit $rc: $err"
want() {
	if grep -qF -- "$2" <<<"$err"; then ok "a11y: $1"; else fail "a11y: $1" "no '$2' in: $err"; fi
}
want "an image without a description, located" \
	"content/notes/bad.md:7:1: warning: image without a description: flow.png"
want "a heading level skipped (## then ####), located" \
	"content/notes/bad.md:9:1: warning: heading level 4 after level 2: a level is skipped (use ###)"
want "「こちら」 as link text, located" \
	"content/notes/bad.md:11:5: warning: link text 'こちら' says nothing on its own"
want "\"Click here.\" as link text, located" \
	"content/notes/bad.md:13:14: warning: link text 'click here' says nothing on its own"
want "a table whose header row is empty, located" \
	"content/notes/bad.md:15:1: warning: table without a header row"
want "a page without a title, located" \
	"content/notes/untitled.md:1:1: warning: page has no title"
if grep -q 'good\.md' <<<"$err"; then
	fail "a11y: a page written well gets no warning" "$err"
else
	ok "a11y: a page written well gets no warning"
fi
n=$(grep -c ': warning: ' <<<"$err")
[ "$n" -eq 6 ] && ok "a11y: one warning per problem" || fail "a11y: one warning per problem" "$n: $err"

# Without Lua filters the worker that loads a page checks it (and makes
# its heading ids) at once (build.c, build_early); with one, the checks
# come after the filters: the same warnings and the same pages either way.
q=$TMPROOT/a11y-filtered
rm -rf "$q"
cp -r "$p" "$q"
mkdir -p "$q/lua/filters"
printf -- '-- changes nothing\nreturn {Para = function(p) return p end}\n' >"$q/lua/filters/same.lua"
printf 'filters: [filters/same.lua]\n' >>"$q/site.yaml"
# (one date for both: a PDF says when it was made)
if SOURCE_DATE_EPOCH=1700000000 tebiki build -C "$p" -o "$TMPROOT/a11y-early" 2>"$TMPROOT/a11y-early.err" &&
	SOURCE_DATE_EPOCH=1700000000 tebiki build -C "$q" -o "$TMPROOT/a11y-late" 2>"$TMPROOT/a11y-late.err" &&
	diff <(grep -v '^tebiki: built' "$TMPROOT/a11y-early.err") \
		<(grep -v '^tebiki: built' "$TMPROOT/a11y-late.err") >/dev/null &&
	diff -r "$TMPROOT/a11y-early/site" "$TMPROOT/a11y-late/site" >/dev/null &&
	[ "$(grep -c ': warning: ' "$TMPROOT/a11y-early.err")" -eq 6 ]; then
	ok "a11y: the same warnings and pages with a Lua filter as without"
else
	fail "a11y: the same warnings and pages with a Lua filter as without" \
		"$(diff "$TMPROOT/a11y-early.err" "$TMPROOT/a11y-late.err"; diff -r "$TMPROOT/a11y-early/site" "$TMPROOT/a11y-late/site" | head -20)"
fi

# the PDF alone is checked too
err=$(tebiki build -C "$p" -o "$TMPROOT/a11y-pdf" --only pdf 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && grep -qF 'content/notes/bad.md:7:1: warning: image without a description' <<<"$err"; then
	ok "a11y: build --only pdf warns as well"
else
	fail "a11y: build --only pdf warns as well" "exit $rc: $err"
fi

err=$(tebiki check -C "$p" --strict 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && grep -qF -- '--strict makes warnings fail' <<<"$err"; then
	ok "a11y: check --strict exits 1 on warnings and says why"
else
	fail "a11y: check --strict exits 1 on warnings and says why" "exit $rc: $err"
fi
err=$(tebiki build -C "$p" -o "$TMPROOT/a11y-out" --strict 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$TMPROOT/a11y-out" ]; then
	ok "a11y: build --strict exits 1 and writes nothing"
else
	fail "a11y: build --strict exits 1 and writes nothing" "exit $rc: $(ls "$TMPROOT/a11y-out" 2>&1) $err"
fi
rm "$p/content/notes/bad.md" "$p/content/notes/untitled.md"
sed -i 's|notes/bad.md, ||' "$p/site.yaml"
sed -i 's|\[問題のあるページの例\](bad.md)を見てください。|本文。|' "$p/content/notes/good.md"
err=$(tebiki check -C "$p" --strict 2>&1)
rc=$?
[ "$rc" -eq 0 ] && ok "a11y: check --strict exits 0 on a clean project" ||
	fail "a11y: check --strict exits 0 on a clean project" "exit $rc: $err"

# lang on English passages of a Japanese site (WCAG 3.1.2): found by
# their script, or given on a fenced div
l=$TMPROOT/a11y-lang
rm -rf "$l"
mkdir -p "$l/content"
printf 'title: 英語\n' >"$l/site.yaml"
cat >"$l/content/_index.md" <<'M'
---
title: 英語の一節
---

標語は Think before you click. です。

Think before you click.

## Stop and think

- Windows
- Keep your software up to date.

::: {.quote lang=en-GB}
Hello there, world.
:::
M
if tebiki build -C "$l" -o "$l/out" 2>"$l/err"; then
	page=$l/out/site/index.html
	has "a11y: an English paragraph has lang=en" "$page" '<p lang="en">Think before you click.</p>'
	has "a11y: a heading (a name, a term) is not marked" "$page" '<h2 id="stop-and-think">Stop and think</h2>'
	has "a11y: an English list item has lang=en" "$page" '<li lang="en">Keep your software up to date.</li>'
	has "a11y: one word is no passage" "$page" '<li>Windows</li>'
	has "a11y: English words in a Japanese sentence are not marked" "$page" '<p>標語は Think before you click. です。</p>'
	has "a11y: ::: {lang=…} gives the div its language" "$page" '<div class="quote" lang="en-GB">'
	has "a11y: … and what is in it is not marked again" "$page" '<p>Hello there, world.</p>'
else
	fail "a11y: the lang project builds" "$(head -c 1000 "$l/err")"
fi
