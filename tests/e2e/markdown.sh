#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Markdown as other tools' authors write it (docs/markdown.md): safe
# inline HTML, ruby, details, and hostile input (scripts, javascript:
# URLs, deep nesting). Each project is written here, from scratch.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "markdown: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi

# project DIR: an empty project (site.yaml, content/) at DIR.
project() {
	rm -rf "$1"
	mkdir -p "$1/content/guide"
	printf 'title: 試験\nlanguage: ja\n' >"$1/site.yaml"
}

# --- safe HTML ------------------------------------------------------------
p=$TMPROOT/md-html
project "$p"
cat >"$p/content/guide/keys.md" <<'MD'
---
title: キー操作
---

コピーは <kbd>Ctrl</kbd>+<kbd>C</kbd>。<span id="chui" onclick="steal()">注意</span>
<a href="javascript:alert(1)" onmouseover="x()">罠</a>と<a href="https://example.org/">外</a>。

<ruby>脆弱性<rp>(</rp><rt>ぜいじゃくせい</rt><rp>)</rp></ruby>

[注意へ](#chui)

<script>alert("xss")</script>
<div class="box"><iframe src="https://example.org"></iframe>箱の中</div>

<!-- 書き手のメモ -->
MD
out=$p/out
if err=$(tebiki build -C "$p" -o "$out" 2>&1); then
	ok "html: build exits 0"
else
	fail "html: build exits 0" "$err"
fi
page=$out/site/guide/keys.html
has "html: <kbd> kept" "$page" "<kbd>Ctrl</kbd>+<kbd>C</kbd>"
has "html: <span id> kept, its handler not" "$page" '<span id="chui">注意</span>'
has "html: ruby with rp" "$page" "<ruby>脆弱性<rp>（</rp><rt>ぜいじゃくせい</rt><rp>）</rp></ruby>"
has "html: text of a dropped <div> kept" "$page" "箱の中"
lacks "html: no on* handler" "$out/site/guide" "onclick"
lacks "html: no onmouseover" "$out/site/guide" "onmouseover"
lacks "html: no javascript: URL" "$out/site/guide" "javascript:"
lacks "html: no <script>" "$page" "<script>alert"
lacks "html: no <iframe>" "$page" "<iframe"
n=$(grep -c 'raw HTML' <<<"$err")
if [ "$n" = 1 ] && grep -qF 'content/guide/keys.md:12:1: warning: raw HTML <script> and 2 more tags left out' <<<"$err"; then
	ok "html: one located warning per file, naming the first tag and the count"
else
	fail "html: one located warning per file, naming the first tag and the count" "$err"
fi
if grep -q 'anchor' <<<"$err"; then
	fail "html: <span id> is an anchor for links" "$err"
else
	ok "html: <span id> is an anchor for links"
fi
if grep -q 'メモ\|comment' <<<"$err"; then
	fail "html: comments go quietly" "$err"
else
	ok "html: comments go quietly"
fi
if pdftotext "$out/pdf/"*.pdf - 2>/dev/null | grep -q script; then
	fail "html: no script text in a PDF" "found"
else
	ok "html: no script text in a PDF"
fi

# --- hostile: 10,000 nested elements, containers ------------------------------
h=$TMPROOT/md-deep
project "$h"
python3 -c "
print('---\ntitle: 深い\n---\n')
print('<kbd>' * 10000 + 'x' + '</kbd>' * 10000 + '\n')
print('<details>\n\n' * 10000 + '中\n\n' + '</details>\n\n' * 10000)
" >"$h/content/guide/deep.md"
if err=$(timeout 60 "$TEBIKI" build -C "$h" -o "$h/out" 2>&1); then
	ok "deep: 10,000 nested <kbd> and <details> build"
else
	fail "deep: 10,000 nested <kbd> and <details> build" "exit $?: $(printf '%s' "$err" | head -c 600)"
fi
if grep -q 'deep.md:[0-9]*:[0-9]*: warning: raw HTML <kbd>' <<<"$err"; then
	ok "deep: what is nested too deep is left out with a located warning"
else
	fail "deep: what is nested too deep is left out with a located warning" "$(printf '%s' "$err" | head -c 600)"
fi
python3 -c "
print('---\ntitle: 深い\n---\n')
print('::: note\n' * 10000 + '中\n' + ':::\n' * 10000)
" >"$h/content/guide/deep.md"
err=$(timeout 60 "$TEBIKI" build -C "$h" -o "$h/out2" 2>&1)
rc=$?
if [ $rc = 1 ] && [ "$(grep -c 'error: fenced divs nested more than 31 deep' <<<"$err")" = 1 ]; then
	ok "deep: 10,000 nested ::: is one error, exit 1"
else
	fail "deep: 10,000 nested ::: is one error, exit 1" "exit $rc: $(printf '%s' "$err" | head -c 600)"
fi
