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
