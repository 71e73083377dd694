#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Markdown as authors already write it (issue 11, "done when"): the
# VitePress-, Zenn- and MkDocs-style fixture projects, and fixtures/mix,
# which mixes every construct of docs/markdown.md, build with exit 0 and
# not one warning; then the key facts of the mix, on the site and in
# its PDF. Footnote diagnostics at the end. Every project here was
# written for the tests, from scratch.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "mixed: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
fx=$here/fixtures
export SOURCE_DATE_EPOCH=1790000000

# build NAME: fixtures/NAME into $TMPROOT/mixed-NAME; ok when it exits 0
# with no diagnostic at all.
build() {
	local out=$TMPROOT/mixed-$1 err
	rm -rf "$out"
	if err=$(tebiki build -C "$fx/$1" -o "$out" 2>&1); then
		if grep -q ': \(warning\|error\|note\):' <<<"$err"; then
			fail "$1: builds with no warnings" "$(printf '%s' "$err" | head -c 2000)"
		else
			ok "$1: builds with exit 0 and no warnings"
		fi
	else
		fail "$1: builds with exit 0" "exit $?: $(printf '%s' "$err" | head -c 2000)"
	fi
}
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got: $(printf '%s' "$2" | head -c 1500) | want: $3"; fi
}
count() {
	local n
	n=$(grep -oF -- "$3" "$2" 2>/dev/null | wc -l)
	if [ "$n" -eq "$4" ]; then ok "$1"; else fail "$1" "'$3' $n times in ${2#"$TMPROOT"/}, not $4"; fi
}
# first N: the first N characters of each line (cut -c counts bytes).
first() { python3 -c 'import sys; [print(l.rstrip("\n")[:int(sys.argv[1])]) for l in sys.stdin]' "$1"; }
has_line() { if grep -qE -- "$3" <<<"$2"; then ok "$1"; else fail "$1" "no line matching $3"; fi; }

for p in vitepress zenn mkdocs mix; do
	build "$p"
done

# --- the other tools' projects: footnotes as their authors write them ----------
site=$TMPROOT/mixed-mkdocs/site
has "mkdocs: a footnote as a numbered superscript" "$site/user/account.html" '<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref">1</a></sup>'
has "mkdocs: … and the note at the end with a link back" "$site/user/account.html" '<a href="#fnref-1" class="footnote-back"'
lacks "mkdocs: no [^ left on the site" "$site/user" '[^'
pdf=$TMPROOT/mixed-zenn/pdf/book.pdf
text=$(pdftotext -layout "$pdf" - 2>/dev/null)
if grep -q '\[\^\|\^\[' <<<"$text"; then
	fail "zenn: no [^ or ^[ left in the PDF" "$(grep '\[\^\|\^\[' <<<"$text" | head -3)"
else
	ok "zenn: no [^ or ^[ left in the PDF"
fi
same "zenn: notes numbered per chapter (chapter 2 has 1 and 2, chapter 3 starts at 1 again)" \
	"$(grep -E '^ *[0-9] +(同じ|文字|送信)' <<<"$text" | sed 's/^ *//' | first 8)" "1 文字数は、サ
2 同じパスワー
1 送信者の名前"

# --- the mix: the site ----------------------------------------------------------
site=$TMPROOT/mixed-mix/site
check "mix: every internal link of the site resolves" python3 "$here/linkcheck.py" "$site"
p=$site/guide/basics/passwords.html
count "mix: title from '# パスワードの決め方 {#passwords}': one <h1>" "$p" '<h1' 1
has "mix: … with the heading's id" "$p" '<h1 id="passwords">パスワードの決め方</h1>'
has "mix: … as <title>" "$p" '<title>パスワードの決め方 |'
lacks "mix: no {#id} anywhere on the site" "$site" '{#'
count "mix: title: repeated by the first heading: one <h1>" "$site/about.html" '<h1' 1
has "mix: a page at the top of content/ is written" "$site/about.html" '<h1 id="このサイトについて">このサイトについて</h1>'
has "mix: footnotes as numbered superscripts" "$p" 'パスワードは長くし<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref">1</a></sup>'
has "mix: a label used twice keeps its number" "$p" '<a href="#fn-1" id="fnref-1-2" role="doc-noteref">1</a>'
has "mix: an inline ^[note] is numbered with the others" "$p" '理由<sup class="footnote-ref"><a href="#fn-2" id="fnref-2" role="doc-noteref">2</a></sup>'
count "mix: the notes list at the end has three notes" "$p" '<li id="fn-' 3
has "mix: … the inline note's text" "$p" '<p>一つのサービスから漏れたパスワードが、ほかのサービスで試されるためです。 <a href="#fnref-2" class="footnote-back"'
has "mix: … links back to both references of a label" "$p" '<a href="#fnref-1-2" class="footnote-back" role="doc-backlink" aria-label="本文に戻る">↩²</a>'
has "mix: … a note of two paragraphs" "$p" '<p>この注は二つの段落からなります。 <a href="#fnref-3"'
crumbs() { sed -n '/class="breadcrumb"/,/<\/nav>/p' "$1" | sed -n 's/.*<li[^>]*>\(<a [^>]*>\)\{0,1\}\([^<]*\).*/\2/p' | tr '\n' '>'; }
same "mix: breadcrumbs: basics inside guide, nav:'s title for guide" "$(crumbs "$p")" "ホーム>手引き>基本編>パスワードの決め方>"
pages_of() { sed -n '/class="section-pages"/,/<\/section>/p' "$1" | sed -n 's/.*class="page-list-title" href="[^"]*">\([^<]*\)<.*/\1/p' | tr '\n' ' '; }
same "mix: the _index.md section lists its pages by weight:, titles filtered" \
	"$(pages_of "$site/guide/basics/index.html")" "パスワードの決め方 ウイルス対策ソフトの更新 "
has "mix: the landing page's summary" "$site/guide/basics/index.html" '毎日の作業で守ることをまとめました。'
has "mix: a root-absolute link without extension → relative URL" "$site/index.html" 'href="guide/basics/passwords.html">パスワードの決め方</a>'
has "mix: a root-absolute .md link with a GitHub-style anchor" "$p" 'href="updates.html#firmware-update-v20">ソフトウェアの更新</a>'
has "mix: a .html link to a GitHub-style id" "$site/guide/basics/updates.html" 'href="passwords.html#password-manager">'
has "mix: ./basics/passwords#passwords (the title's {#id})" "$site/guide/incident.html" 'href="basics/passwords.html#passwords">'
has "mix: ./incident from an index.md" "$site/guide/index.html" 'href="incident.html">'
has "mix: heading ids by GitHub's rules" "$site/guide/basics/updates.html" '<h2 id="firmware-update-v20">'
has "mix: root-absolute image from static/, relative src" "$site/guide/incident.html" '<img src="../images/router.png"'
if cmp -s "$fx/mix/static/images/router.png" "$site/images/router.png"; then
	ok "mix: static/images/router.png copied to images/"
else
	fail "mix: static/images/router.png copied to images/" "missing or different"
fi
has "mix: the filter reaches the title (<title>)" "$site/guide/basics/updates.html" '<title>ウイルス対策ソフトの更新 |'
has "mix: … and the summary" "$site/guide/basics/updates.html" 'content="ウイルス定義ファイルを毎日更新します。"'
lacks "mix: no ウィルス left on the site" "$site" 'ウィルス'
has "mix: <kbd> kept" "$p" '<kbd>Win</kbd>+<kbd>L</kbd>'
has "mix: ruby kept" "$p" '<ruby>多要素認証<rp>（</rp><rt>たようそにんしょう</rt><rp>）</rp></ruby>'
has "mix: <details> is collapsible" "$site/guide/basics/updates.html" '<summary class="callout-title">更新の前に確かめること</summary>'
has "mix: a callout with its title (::: warning)" "$site/guide/incident.html" '<div class="callout callout-warning">
<p class="callout-title">最初にすること</p>'
has "mix: GitHub's > [!TIP] as a callout" "$p" '<div class="callout callout-tip">'
has "mix: … its inline Markdown rendered" "$p" '<strong>ほかで使っていない</strong>'
has "mix: Zenn's :::message as a note" "$p" '<p>パスワードを紙に書いて机に貼るのはやめましょう。</p>'
has "mix: VitePress ::: details, collapsible" "$site/guide/basics/updates.html" '<summary class="callout-title">自動更新の設定を確かめる</summary>'
has "mix: MkDocs !!! warning with its title" "$site/guide/incident.html" '<p class="callout-title">電源は切らない</p>'
has "mix: MkDocs ??? note, collapsible" "$site/guide/incident.html" '<summary class="callout-title">連絡の文例</summary>'
has "mix: Qiita :::note info as a note" "$site/guide/incident.html" '<div class="callout callout-note">
<p class="callout-title">メモ</p>
<p>連絡先は年に一度見直します。</p>'
has "mix: a VitePress code label" "$p" '<div class="code-label">check.sh</div>'
has "mix: a Zenn code label" "$site/guide/basics/updates.html" '<div class="code-label">update.sh</div>'
has "mix: a VitePress code group's tabs" "$site/guide/incident.html" '<label for="code-group-1-2">社外</label>'
cat "$site"/search/p/*.js >"$TMPROOT/mixed-search.js"
has "mix: the search index has the title from the heading" "$TMPROOT/mixed-search.js" '"t":"パスワードの決め方"'
has "mix: … and the filtered title" "$TMPROOT/mixed-search.js" '"t":"ウイルス対策ソフトの更新"'

# --- the mix: the PDF ------------------------------------------------------------
pdf=$TMPROOT/mixed-mix/pdf/book.pdf
text=$(pdftotext -layout "$pdf" - 2>/dev/null)
has_line "mix PDF 目次: part 1" "$text" '^第 ?1 ?部 +基本 +1$'
has_line "mix PDF 目次: the title from the heading, no {#id}" "$text" '^1 +パスワードの決め方 +2$'
has_line "mix PDF 目次: its ## as 1-1" "$text" '^ +1-1 +Password Manager +2$'
has_line "mix PDF 目次: the filtered title" "$text" '^2 +ウイルス対策ソフトの更新 +3$'
has_line "mix PDF 目次: part 2 and its chapter" "$text" '^3 +事故が起きたら +5$'
if grep -q '{#\|\[\^\|\^\[\|ウィルス' <<<"$text"; then
	fail "mix PDF: no {#, [^, ^[ or ウィルス in the text" "$(grep '{#\|\[\^\|\^\[\|ウィルス' <<<"$text" | head -3)"
else
	ok "mix PDF: no {#, [^, ^[ or ウィルス in the text"
fi
same "mix PDF bookmarks: parts, titles from headings, filtered titles" \
	"$(python3 "$here/pdfcheck.py" outline "$pdf")" "表紙 @1
目次 @2
第1部 基本 @3
  1 パスワードの決め方 @4
    1-1 Password Manager @4
  2 ウイルス対策ソフトの更新 @5
    2-1 Firmware Update (v2.0) @5
第2部 実践 @6
  3 事故が起きたら @7
    3-1 連絡の順番 @7"
same "mix PDF: chapter 1's notes at the foot of its page, 1 to 3" \
	"$(pdftotext -layout -f 4 -l 4 "$pdf" - | grep -E '^ *[0-9] [^ ]' | sed 's/^ *//' | first 8)" "1 具体的な文字
2 一つのサービ
3 管理ソフトの"
same "mix PDF: chapter 3's note is numbered 1 again" \
	"$(pdftotext -layout -f 7 -l 7 "$pdf" - | grep -E '^ *[0-9] [^ ]' | sed 's/^ *//' | first 8)" "1 連絡先の一覧"
has_line "mix PDF: the figure from static/" "$text" '図 ?3-1 +ルーターの背面'
has_line "mix PDF: <kbd> keys" "$text" 'Win \+ L'
has_line "mix PDF: ruby reads as its base" "$text" '多要素認証も使います。'
for t in ヒント 自動更新の設定を確かめる 電源は切らない 連絡の文例 check.sh update.sh 社内 社外; do
	has_line "mix PDF: the callout or code label $t" "$text" "^ *$t\$"
done
# The layout: on chapter 1's first page, the notes are below every line
# of the text, at the foot of the page, smaller, under a short rule.
dump=$(tebiki check -C "$fx/mix" --dump-layout=book 2>&1)
foot=$(python3 - "$dump" <<'PY'
import sys
page, texts, rules = 0, [], []
for line in sys.argv[1].splitlines():
    f = line.split()
    if f[0] == "page":
        page = int(f[1])
    elif page == 4 and f[0] == "text" and 100 < float(f[2]) < 800:
        texts.append((float(f[2]), float(f[4])))
    elif page == 4 and f[0] == "line" and float(f[3]) < 200 and float(f[4]) == 0:
        rules.append(float(f[2]))
rule = max(rules) if rules else 0
body = [t for t in texts if t[0] < rule]
notes = [t for t in texts if t[0] > rule]
ok = rule > 600 and len(notes) >= 3 and max(y for y, _ in body) < rule \
    and all(s < sorted(bs for _, bs in body)[len(body) // 2] for _, s in notes)
print("foot" if ok else f"rule at {rule}, body {body[-3:]}, notes {notes[:3]}")
PY
)
same "mix PDF: the notes at the foot of the page, smaller, under a short rule" "$foot" "foot"

# --- footnotes that are wrong: located diagnostics ------------------------------
b=$TMPROOT/mixed-bad
rm -rf "$b"
mkdir -p "$b/content/guide"
printf 'title: 試験\nlanguage: ja\n' >"$b/site.yaml"
cat >"$b/content/guide/notes.md" <<'MD'
---
title: 注の誤り
---

定義のない注[^nope]と、正しい注[^ok]。`[^code]` はコード。

[^ok]: 正しい注。

[^ok]: 二度目の定義。

[^unused]: 使われない注。

!!! note "字下げした本文"
    行がずれても[^late]位置は正しい。

[^late]: 後ろの注。

[^late]: 後ろの注の重複。

```
[^fenced]: コードの中なので定義ではない
```
MD
err=$(tebiki build -C "$b" -o "$b/out" 2>&1)
rc=$?
same "bad notes: exit 1" "$rc" 1
same "bad notes: a missing definition, a label defined twice, an unused one: located, nothing else" \
	"$(grep -E ': (error|warning):' <<<"$err" | sed -E 's/^([^:]+:[0-9]+):[0-9]+: /\1: /' | sort)" \
"content/guide/notes.md:11: warning: footnote [^unused] is defined but never referred to: its text is left out
content/guide/notes.md:18: error: footnote [^late] is defined twice (first at line 16): give one of them another label
content/guide/notes.md:5: error: footnote [^nope] has no definition: add a line '[^nope]: …' to the page
content/guide/notes.md:9: error: footnote [^ok] is defined twice (first at line 7): give one of them another label"
has_line "bad notes: the column of the reference" "$err" '^content/guide/notes\.md:5:7: error'
cat >"$b/content/guide/notes.md" <<'MD'
# 注のある題名[^t]

本文。

[^t]: 題名につけた注。
MD
err=$(tebiki build -C "$b" -o "$b/out" 2>&1)
same "a footnote on the heading taken as the title: one located warning" \
	"$(grep -E ': (error|warning):' <<<"$err")" "content/guide/notes.md:1:9: warning: a footnote on the heading taken as the title is left out: put it in the text"

# --- a root-absolute image: content/, then static/, then public/ -----------------
r=$TMPROOT/mixed-roots
rm -rf "$r"
mkdir -p "$r/content/guide" "$r/content/images" "$r/static/images" "$r/public/images"
printf 'title: 試験\nlanguage: ja\n' >"$r/site.yaml"
png=$fx/mix/static/images/router.png
png2=$fx/vitepress/public/images/network.png
cp "$png" "$r/content/images/a.png"	# a: in content/ and static/
cp "$png2" "$r/static/images/a.png"
cp "$png" "$r/static/images/b.png"	# b: in static/ and public/
cp "$png2" "$r/public/images/b.png"
cp "$png" "$r/public/images/c.png"	# c: in public/ only
cat >"$r/content/guide/images.md" <<'MD'
---
title: 画像の場所
---

![A](/images/a.png) ![B](/images/b.png) ![C](/images/c.png)
MD
if err=$(tebiki build -C "$r" -o "$r/out" 2>&1) && ! grep -q ': \(warning\|error\):' <<<"$err"; then
	ok "roots: builds with no warnings"
else
	fail "roots: builds with no warnings" "$(printf '%s' "$err" | head -c 1000)"
fi
same "roots: content/ before static/, static/ before public/, public/ last" \
	"$(for f in a b c; do cmp -s "$r/out/site/images/$f.png" "$png" && echo "$f:first" || echo "$f:other"; done | tr '\n' ' ')" \
	"a:first b:first c:first "
has "roots: the page's src is relative" "$r/out/site/guide/images.html" '<img src="../images/c.png"'
