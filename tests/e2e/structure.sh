#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Markdown as other tools write it, on the fixture projects of
# fixtures/: the title as the first heading, site and PDF alike.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "structure: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
fx=$here/fixtures
export SOURCE_DATE_EPOCH=1790000000

# build NAME: builds fixtures/NAME into $TMPROOT/NAME; ok when it exits
# 0 with no diagnostics at all.
build() {
	local out=$TMPROOT/$1 err
	rm -rf "$out"
	if err=$(tebiki build -C "$fx/$1" -o "$out" 2>&1); then
		if grep -q ': \(warning\|error\):' <<<"$err"; then
			fail "$1: builds with no warnings" "$(printf '%s' "$err" | head -c 2000)"
		else
			ok "$1: builds with exit 0 and no warnings"
		fi
	else
		fail "$1: builds with exit 0" "exit $?: $(printf '%s' "$err" | head -c 2000)"
	fi
}
# count NAME FILE PATTERN N: PATTERN (grep -E) on exactly N lines of FILE.
count() {
	local n
	n=$(grep -cE -- "$3" "$2" 2>/dev/null)
	if [ "${n:-0}" -eq "$4" ]; then
		ok "$1"
	else
		fail "$1" "$3 on ${n:-0} lines of ${2#"$TMPROOT"/}, not $4"
	fi
}
# same NAME GOT WANT: two strings equal.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "got: $(printf '%s' "$2" | head -c 1500) | want: $3"
	fi
}
# has_in NAME DIR TEXT: TEXT in some file under DIR.
has_in() {
	if grep -rqF -- "$3" "$2" 2>/dev/null; then ok "$1"; else fail "$1" "'$3' not under ${2#"$TMPROOT"/}"; fi
}
pdftext() { pdftotext -layout "$1" - 2>/dev/null; }
outline() { python3 "$here/pdfcheck.py" outline "$1"; }

# --- title as the first heading -------------------------------------------
build titles
site=$TMPROOT/titles/site
pdf=$TMPROOT/titles/pdf/book.pdf
p=$site/guide/start.html
count "title from '# はじめに {#top}': one <h1> on the page" "$p" '<h1' 1
has "the <h1> carries the heading's {#id}" "$p" '<h1 id="top">はじめに</h1>'
has "<title> is the heading's text" "$p" '<title>はじめに | 見出しの題名</title>'
has "a link to #top stays on the page" "$p" 'href="#top"'
count "a title repeated by the first heading: one <h1>" "$site/guide/repeat.html" '<h1' 1
has "… with the id its heading had" "$site/guide/repeat.html" '<h1 id="繰り返す題名">繰り返す題名</h1>'
has "a link to that id from another page resolves" "$p" 'href="repeat.html#%E7%B9%B0%E3%82%8A%E8%BF%94%E3%81%99%E9%A1%8C%E5%90%8D"'
has "a level-1 heading unlike the title stays in the body" "$site/guide/plain.html" '<h1 id="body-heading">本文の見出し</h1>'
has "a section's _index.md takes its title from its heading" "$site/guide/index.html" '<h1 id="使い方の手引き">使い方の手引き</h1>'
has "the section list names the page by that title" "$site/guide/index.html" '>はじめに</a>'
cat "$site"/search/p/*.js >"$TMPROOT/titles-search.js"	# the page table (docs/search.md)
has "the search index has the title" "$TMPROOT/titles-search.js" '"t":"はじめに"'
lacks "no {#id} left anywhere on the site" "$site" '{#'
lacks "the search index does not repeat the title in the text" "$TMPROOT/titles-search.js" '"x":"はじめに'
text=$(pdftext "$pdf")
same "PDF: the chapter title shows once on the chapter's first page" \
	"$(pdftotext -f 3 -l 3 "$pdf" - | grep -c 'はじめに')" 1
if grep -q '{#' <<<"$text"; then
	fail "PDF: no {#id} in the text" "$(grep '{#' <<<"$text" | head -3)"
else
	ok "PDF: no {#id} in the text, 目次 or running heads"
fi
has_line() { if grep -qE -- "$3" <<<"$2"; then ok "$1"; else fail "$1" "no line matching $3"; fi; }
has_line "PDF 目次: the chapter" "$text" '^1 +はじめに +1$'
has_line "PDF 目次: its ## as 1-1" "$text" '^ +1-1 +準備 +1$'
has_line "PDF: a running head names the chapter" "$text" 'はじめに *$'
same "PDF bookmarks: chapters from titles, sections from ##" "$(outline "$pdf")" "表紙 @1
目次 @2
1 はじめに @3
  1-1 準備 @3
  1-2 片付けの順番 @3
2 繰り返す題名 @5
  2-1 確認の手順 @5
3 別の題名 @6
  3-1 本文の見出し @6"
links=$(python3 "$here/pdfcheck.py" links "$pdf")
same "PDF: links to #top and to another chapter's title id stay inside the PDF" \
	"$(grep -c goto <<<"$links") goto, $(grep -c uri <<<"$links") uri" "10 goto, 0 uri"

# --- filters reach the title and summary ------------------------------------
build filter-title
site=$TMPROOT/filter-title/site
pdf=$TMPROOT/filter-title/pdf/book.pdf
p=$site/lessons/malware.html
has "a Str filter changes the front-matter title: <title>" "$p" '<title>ウイルス対策ソフトの更新 |'
has "… the <h1>" "$p" '<h1>ウイルス対策ソフトの更新</h1>'
has "… the summary (meta description)" "$p" 'content="ウイルス定義ファイルを毎日更新します。"'
has "… the section's title and summary" "$site/lessons/index.html" '<h1>ウイルスの基本</h1>'
has "… the section list" "$site/lessons/index.html" '>ウイルス対策ソフトの更新</a>'
cat "$site"/search/p/*.js >"$TMPROOT/filter-search.js"
has "… the search index" "$TMPROOT/filter-search.js" '"t":"ウイルス対策ソフトの更新"'
has "… the previous/next links" "$site/lessons/mark.html" 'ウイルス対策ソフトの更新</span>'
lacks "no ウィルス left on the site" "$site" 'ウィルス'
has "a title from the first heading passes the filter once" "$site/lessons/mark.html" '<h1 id="一度だけの印★">一度だけの〔印〕★</h1>'
lacks "… never twice" "$site" '★★'
text=$(pdftext "$pdf")
has_line "PDF 目次: the filtered title" "$text" '^1 +ウイルス対策ソフトの更新 +1$'
has_line "PDF: the chapter's summary under its title" "$text" '^ウイルス定義ファイルを毎日更新します。'
has_line "PDF 目次: a title from a heading, filtered once" "$text" '^2 +一度だけの〔印〕★ +2$'
if grep -q 'ウィルス\|★★' <<<"$text"; then
	fail "PDF: no ウィルス and no ★★ in the text, 目次 or running heads" "$(grep 'ウィルス\|★★' <<<"$text" | head -3)"
else
	ok "PDF: no ウィルス and no ★★ in the text, 目次 or running heads"
fi
same "PDF bookmarks: the filtered titles" "$(outline "$pdf")" "表紙 @1
目次 @2
1 ウイルス対策ソフトの更新 @3
  1-1 ウイルスを見つけたら @3
2 一度だけの〔印〕★ @4
  2-1 手順 @4"

# --- nested folders are nested sections ----------------------------------------
build nested
site=$TMPROOT/nested/site
check "nested: every internal link of the site resolves" python3 "$here/linkcheck.py" "$site"
for f in index.html about.html guide/index.html guide/overview.html guide/basics/index.html \
	guide/basics/first-steps.html guide/advanced/incident.html reference/index.html reference/glossary.html; do
	if [ -f "$site/$f" ]; then ok "nested: $f is written"; else fail "nested: $f is written" "missing"; fi
done
crumbs() { sed -n '/class="breadcrumb"/,/<\/nav>/p' "$1" | sed -n 's/.*<li[^>]*>\(<a [^>]*>\)\{0,1\}\([^<]*\).*/\2/p' | tr '\n' '>'; }
same "nested: breadcrumbs of guide/basics/passwords.md show guide above basics" \
	"$(crumbs "$site/guide/basics/passwords.html")" "ホーム>手引き>基本編>パスワード>"
same "nested: breadcrumbs of a subsection's own page" \
	"$(crumbs "$site/guide/basics/index.html")" "ホーム>手引き>基本編>"
has "nested: guide's page lists its subsections" "$site/guide/index.html" 'href="../guide/basics/index.html">基本編</a><span class="count">（3ページ）'
has "… with their summaries" "$site/guide/index.html" '最初に読む三つのページです。'
has "… and its own pages" "$site/guide/index.html" 'href="../guide/overview.html">全体の流れ</a>'
# (in its text: the sidebar beside it shows the whole tree)
sed -n '/<main /,/<\/main>/p' "$site/guide/index.html" >"$TMPROOT/nested-guide-main.html"
lacks "… but not its subsections' pages" "$TMPROOT/nested-guide-main.html" 'passwords.html'
has "nested: a folder's index.md is its landing page" "$site/guide/index.html" '<code>index.md</code> が節の最初のページです'
has "nested: the top index.md is the home page's text" "$site/index.html" 'がホームページの本文です'
has "nested: a page at the top of content/ is listed on the home page" "$site/index.html" 'href="about.html">このサイトについて</a>'
has "nested: a folder without an index page is a section, named after the folder" "$site/reference/index.html" '<h1>reference</h1>'
# chain SITE PAGE: PAGE and the pages after it, following rel="next".
chain() {
	local at=$2 seen=""
	while [ -n "$at" ] && [ "${#seen}" -lt 2000 ]; do
		seen+="$at "
		local next
		next=$(sed -n 's/.*<a href="\([^"]*\)" rel="next".*/\1/p' "$1/$at")
		[ -z "$next" ] && break
		at=$(python3 -c 'import os,sys; print(os.path.normpath(os.path.join(os.path.dirname(sys.argv[1]), sys.argv[2])))' "$at" "$next")
	done
	printf '%s' "$seen"
}
same "nested: reading order: weight/order, then subsections depth first" \
	"$(chain "$site" guide/overview.html)" "guide/overview.html guide/basics/first-steps.html guide/basics/passwords.html guide/basics/updates.html guide/advanced/incident.html "
has "nested: next from the last page of basics is the first of advanced" "$site/guide/basics/updates.html" 'href="../../guide/advanced/incident.html" rel="next"'
lacks "nested: previous/next stay inside a top-level section" "$site/reference/glossary.html" 'rel="prev"'
has_in "nested: the search index names a page's own section" "$site/search" '"u":"guide/basics/passwords.html","s":"基本編"'
has_in "nested: the search index has the pages at the top of content/" "$site/search" '"u":"about.html"'
text=$(pdftext "$TMPROOT/nested/pdf/guide.pdf")
has_line "nested: chapters from nested folders in the PDF's 目次" "$text" '^3 +事故への備え +3$'

# --- nav: (MkDocs) ------------------------------------------------------------
build mkdocs
site=$TMPROOT/mkdocs/site
check "mkdocs: every internal link of the site resolves" python3 "$here/linkcheck.py" "$site"
menu() { sed -n '/class="site-nav"/,/<\/nav>/p' "$1" | sed -n 's/.*<a href="\([^"]*\)"[^>]*>\([^<]*\)<.*/\2=\1/p' | tr '\n' ' '; }
same "mkdocs: the menu is nav:'s top level, with its titles and a link out" \
	"$(menu "$site/user/mail.html")" "ホーム=../index.html はじめに=../getting-started.html 利用者向け=../user/index.html 管理者向け=../admin/index.html 参考リンク=https://www.ipa.go.jp/security/ "
same "mkdocs: previous and next follow nav: across sections" \
	"$(chain "$site" index.html)" "index.html getting-started.html user/index.html user/account.html user/mail.html admin/backup.html admin/incident/first-response.html admin/incident/report.html "
lacks "mkdocs: a page not in nav: has no previous or next" "$site/user/printer.html" 'rel="next"'
same "mkdocs: a group that is a folder's names its section (breadcrumbs)" \
	"$(crumbs "$site/admin/incident/report.html")" "ホーム>管理者向け>障害対応>報告書>"
has "mkdocs: … and its section page" "$site/user/index.html" '<h1 id="利用者向けの手順">利用者向け</h1>'
pages_of() { sed -n '/class="section-pages"/,/<\/section>/p' "$1" | sed -n 's/.*class="page-list-title" href="[^"]*">\([^<]*\)<.*/\1/p' | tr '\n' ' '; }
same "mkdocs: section lists in nav: order, pages not in nav: last" \
	"$(pages_of "$site/user/index.html")" "アカウント メールの使い方 プリンター "

# --- parts of a book (Zenn-style project) -----------------------------------
build zenn
pdf=$TMPROOT/zenn/pdf/book.pdf
text=$(pdftext "$pdf")
has_line "zenn: the 目次 lists part 1" "$text" '^第 ?1 ?部 +基礎 +1$'
has_line "zenn: … its chapters numbered from 1" "$text" '^1 +この本について +2$'
has_line "zenn: … part 2, its chapters numbered on" "$text" '^3 +偽のメールを見分ける +5$'
has_line "zenn: … and a chapter after the parts" "$text" '^5 +おわりに +7$'
same "zenn: a part opens its own page (部扉)" "$(pdftotext -layout -f 3 -l 3 "$pdf" - | grep -v '^\s*$' | sed 's/^ *//')" "第1部   基礎
1"
same "zenn: bookmarks put the chapters under their parts" "$(outline "$pdf")" "表紙 @1
目次 @2
第1部 基礎 @3
  1 この本について @4
    1-1 対象の読者 @4
  2 パスワードを見直す @5
    2-1 長さの目安 @5
    2-2 使い回さない @5
第2部 応用 @6
  3 偽のメールを見分ける @7
    3-1 リンクを確かめる @7
  4 事故が起きたら @8
    4-1 連絡の順番 @8
5 おわりに @9"
has "zenn: Zenn's front-matter keys reach templates as params, not warnings" "$TMPROOT/zenn/site/articles/backup-rule.html" '<h1>バックアップは三つ持つ</h1>'

# --- links as other tools write them (VitePress-style project) ----------------
build vitepress
site=$TMPROOT/vitepress/site
check "vitepress: every internal link of the site resolves (relative: file:// and sub-paths work)" \
	python3 "$here/linkcheck.py" "$site"
has "vitepress: root-absolute /guide/getting-started → relative URL" "$site/index.html" 'href="guide/getting-started.html">はじめに</a>'
has "vitepress: root-absolute folder /reference/ → its landing page" "$site/index.html" 'href="reference/index.html">リファレンス</a>'
has "vitepress: ./getting-started (no extension)" "$site/guide/index.html" 'href="getting-started.html">はじめに</a>'
has "vitepress: ./router#admin-password, with VitePress's id" "$site/guide/getting-started.html" 'href="router.html#admin-password"'
has "vitepress: root-absolute .html name" "$site/guide/getting-started.html" 'href="../reference/checklist.html">チェックリスト</a>'
has "vitepress: a bare name (router)" "$site/guide/getting-started.html" 'href="router.html">ルーターの設定</a>'
has "vitepress: root-absolute .md with #what-s-new (VitePress id)" "$site/guide/router.html" 'href="getting-started.html#what-s-new"'
has "vitepress: relative .html name with an explicit {#wifi}" "$site/reference/checklist.html" 'href="../guide/router.html#wifi"'
has "vitepress: /guide/ from inside guide/" "$site/guide/router.html" 'href="index.html">ガイドの入り口</a>'
has "vitepress: heading ids by VitePress's rules (What's new? → what-s-new)" "$site/guide/getting-started.html" '<h2 id="what-s-new">'
has "vitepress: root-absolute image from public/, relative src" "$site/guide/getting-started.html" '<img src="../images/network.png"'
if cmp -s "$fx/vitepress/public/images/network.png" "$site/images/network.png"; then
	ok "vitepress: the image in public/ is copied to the site root's images/"
else
	fail "vitepress: the image in public/ is copied to the site root's images/" "not there or not the same"
fi
pdf=$TMPROOT/vitepress/pdf/guide.pdf
links=$(python3 "$here/pdfcheck.py" links "$pdf")
same "vitepress PDF: links to chapters written /guide/router#…, ./router#…, x.html stay inside the PDF" \
	"$(grep -c uri <<<"$links") uri" "0 uri"
has_line "vitepress PDF: the root-absolute image is a figure" "$(pdftext "$pdf")" '図 ?1-1 +ネットワークの図'

# --- a Hugo-style project ---------------------------------------------------------
build hugo
site=$TMPROOT/hugo/site
check "hugo: every internal link of the site resolves" python3 "$here/linkcheck.py" "$site"
has "hugo: pretty URL /docs/network/wifi/#… → the page, with GitHub's id kept Japanese" "$site/docs/network/router.html" 'href="wifi.html#%E6%9A%97%E5%8F%B7%E5%8C%96%E3%81%AE%E6%96%B9%E5%BC%8F"'
has "hugo: ../router/ read from the page's pretty URL" "$site/docs/network/wifi.html" 'href="router.html#firmware-update-v20"'
has "hugo: GitHub-style id (Firmware Update (v2.0) → firmware-update-v20)" "$site/docs/network/router.html" '<h2 id="firmware-update-v20">'
has "hugo: root-absolute image from static/" "$site/docs/network/router.html" '<img src="../../images/router.png"'
if [ -f "$site/images/router.png" ]; then ok "hugo: static/images/router.png copied to images/"; else fail "hugo: static/images/router.png copied to images/" "missing"; fi
same "hugo: weight orders sections and pages (breadcrumbs of a nested page)" \
	"$(crumbs "$site/docs/network/wifi.html")" "ホーム>ドキュメント>ネットワーク>無線LAN>"
same "hugo: weight: the subsection (10) before the page (20) in docs" \
	"$(chain "$site" docs/network/router.html)" "docs/network/router.html docs/network/wifi.html docs/accounts.html "
has "hugo: a page's date: stays a parameter" "$site/posts/2026-backup.html" '<h1>バックアップの日を決めました</h1>'
has_line "hugo: the handout has the image as a figure" "$(pdftext "$TMPROOT/hugo/pdf/docs.pdf")" '図 ?1-1 +ルーターの背面'
