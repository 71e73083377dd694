#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tebiki serve on a copy of a `tebiki new` project (with the theme
# copied in, to edit a template): pages over HTTP with the live-reload
# script, the serving rules (traversal, symbolic links, types, HEAD,
# 404, folders), a series of edits each seen as a reload event, the
# error overlay coming and going, editor save patterns giving one
# rebuild each, and after every step the served folder byte-identical
# to a clean `tebiki build`. Then the ways it must refuse to start and
# a clean stop on SIGTERM and SIGINT.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
if [ ! -x "$TEBIKI" ]; then
	fail "serve: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
# How long to wait before calling something hung (not a timing test:
# nothing here depends on how fast it is, only on it finishing).
if [ -n "${TEBIKI_WRAP:-}" ]; then limit=${E2E_TIMEOUT:-900}; else limit=${E2E_TIMEOUT:-120}; fi

w=$TMPROOT/serve
rm -rf "$w"
mkdir -p "$w"
p=$w/p
tebiki new "$p" >/dev/null 2>&1 || { fail "serve: tebiki new" "cannot make the project"; exit 0; }
mkdir -p "$p/themes" && cp -r "$ROOT/themes/default" "$p/themes/"
printf 'base_url: https://example.org/seminar/\n' >>"$p/site.yaml"	# for sitemap.xml
log=$w/log
spid=""
cpid=""

# wait_for FILE PATTERN COUNT: until FILE has COUNT lines matching.
wait_for() {
	local i=0 max=$((limit * 20)) c
	# a log not yet created counts 0 lines: an empty count would make
	# the test fail as an error and end the wait at once
	while c=$(grep -cE -- "$2" "$1" 2>/dev/null); [ "${c:-0}" -lt "$3" ]; do
		if [ -n "$spid" ] && ! kill -0 "$spid" 2>/dev/null; then return 1; fi
		i=$((i + 1))
		[ "$i" -ge "$max" ] && return 1
		sleep 0.05
	done
}
builds() { grep -cE 'rebuilt [0-9]+ page|the build failed|^tebiki: (start|.*: )?build' "$log"; }
rebuilds() { grep -cE ': rebuilt [0-9]+ page|: the build failed' "$log"; }

stop_serve() {
	[ -n "$cpid" ] && kill "$cpid" 2>/dev/null && wait "$cpid" 2>/dev/null
	[ -n "$spid" ] && kill "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	cpid=""
	spid=""
}
trap stop_serve EXIT

# start: serve on $p --port 0 into $log; spid, out and tmpdir set once
# it says it is serving (1 if it never does).
start() {
	# shellcheck disable=SC2086
	${TEBIKI_WRAP:-} "$TEBIKI" serve -C "$p" --port 0 >"$log" 2>&1 &
	spid=$!
	wait_for "$log" '^tebiki: serving ' 1 || return 1
	out=$(sed -n 's/^tebiki: the built files are in //p' "$log" | head -1)
	tmpdir=${out%/out}
}

if start; then
	ok "serve: starts and prints its address"
else
	fail "serve: starts and prints its address" "$(head -c 2000 "$log")"
	exit 0
fi
url=$(grep -o 'http://[^ ]*/' "$log" | head -1)
case $url in http://127.0.0.1:[0-9]*/) ok "serve: listens on 127.0.0.1 by default" ;; *) fail "serve: listens on 127.0.0.1 by default" "$url" ;; esac
curl -sN "${url}__tebiki/events" >"$w/events" &
cpid=$!

# get PATH [curl args]: status and type to stdout, body in $w/body, headers in $w/head
get() {
	local path=$1
	shift
	curl -s --path-as-is -m 30 -D "$w/head" -o "$w/body" -w '%{http_code} %{content_type}' "$@" "${url%/}$path"
}
expect() {	# expect NAME "CODE TYPE" PATH [curl args]
	local name=$1 want=$2 got
	shift 2
	got=$(get "$@")
	if [ "$got" = "$want" ]; then ok "serve: $name"; else fail "serve: $name" "got '$got', want '$want'"; fi
}

# settled: what the last rebuild left to the background (the PDFs, the
# search index) is done: the last of those lines in the log says so.
settled() {
	local i=0
	while grep -E ': rebuilt [0-9]+ page|: the build failed|^tebiki: (PDFs|search index):' "$log" | tail -1 |
		grep -qE 'follows?$'; do
		i=$((i + 1))
		[ "$i" -ge $((limit * 20)) ] && return 1
		sleep 0.05
	done
}

# identical NAME: once the PDFs have caught up, the served folder is
# what a clean build of the same sources writes.
identical() {
	local name=$1
	settled || { fail "serve: $name: served = clean build" "the PDFs never finished: $(tail -c 500 "$log")"; return; }
	rm -rf "$w/clean"
	if ! tebiki build -C "$p" -o "$w/clean" >"$w/clean.log" 2>&1; then
		fail "serve: $name: served = clean build" "the clean build fails: $(head -c 800 "$w/clean.log")"
		return
	fi
	local d
	d=$(diff -r "$out" "$w/clean" 2>&1 | head -c 1500)
	if [ -z "$d" ]; then ok "serve: $name: served = clean build"; else fail "serve: $name: served = clean build" "$d"; fi
}

# edit NAME CMD...: runs the edit and waits for the rebuild it causes.
edit() {
	local name=$1 n
	shift
	n=$(rebuilds)
	"$@"
	if wait_for "$log" ': rebuilt [0-9]+ page|: the build failed' $((n + 1)); then
		ok "serve: $name: rebuilt"
	else
		fail "serve: $name: rebuilt" "$(tail -c 1000 "$log")"
	fi
}
py() { python3 -c "$1" "${@:2}"; }
replace() {	# replace FILE OLD NEW: in place, as an editor that rewrites the file
	py 'import sys
p, a, b = sys.argv[1:4]
s = open(p, encoding="utf-8").read()
assert a in s, a
open(p, "w", encoding="utf-8").write(s.replace(a, b, 1))' "$@"
}

# --- serving -----------------------------------------------------------------
identical "start"
expect "home page" "200 text/html; charset=utf-8" /
has "serve: the live-reload script is in served pages" "$w/body" '<script src="/__tebiki/live.js"'
grep -qi '^cache-control: no-store' "$w/head" && ok "serve: Cache-Control: no-store" || fail "serve: Cache-Control: no-store" "$(cat "$w/head")"
# the page served is the file plus the script, nothing else
py 'import re, sys
s = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(re.sub(rb"<style>#tebiki-overlay.*?</script>\n", b"", s, count=1, flags=re.S))' "$w/body" "$w/stripped"
cmp -s "$w/stripped" "$out/site/index.html" && ok "serve: a page is its built file plus the script" || fail "serve: a page is its built file plus the script" "differs"
len=$(wc -c <"$w/body")
expect "HEAD" "200 text/html; charset=utf-8" / -I
# (curl -I writes the headers where the body would go: nothing else came)
grep -qi "^content-length: $len" "$w/head" && cmp -s "$w/head" "$w/body" && ok "serve: HEAD has GET's length and no body" || fail "serve: HEAD has GET's length and no body" "$(cat "$w/head")"
expect "a folder without / redirects" "301 text/plain; charset=utf-8" /lessons
grep -qi '^location: /lessons/' "$w/head" && ok "serve: the redirect adds /" || fail "serve: the redirect adds /" "$(cat "$w/head")"
expect "a folder serves its index.html" "200 text/html; charset=utf-8" /lessons/
has "serve: the folder's index" "$w/body" 'パスワードを長く、使い回さない'
expect "css" "200 text/css; charset=utf-8" /css/site.css
expect "js" "200 text/javascript; charset=utf-8" /js/search.js
expect "xml" "200 application/xml" /sitemap.xml
expect "pdf" "200 application/pdf" /pdf/textbook.pdf
expect "a missing page: the theme's 404 page" "404 text/html; charset=utf-8" /no/such/page.html
has "serve: the 404 page is the theme's" "$w/body" "$(grep -o '<title>[^<]*</title>' "$out/site/404.html")"
expect "POST is refused" "405 text/plain; charset=utf-8" / -X POST
grep -qi '^allow: GET, HEAD' "$w/head" && ok "serve: 405 says Allow: GET, HEAD" || fail "serve: 405 says Allow: GET, HEAD" "$(cat "$w/head")"
expect "the live-reload script" "200 text/javascript; charset=utf-8" /__tebiki/live.js

# hostile paths: never a file outside the site
printf 'secret-%s\n' "$$" >"$w/secret.txt"
ln -s "$w/secret.txt" "$out/site/link.txt"
ln -s "$w" "$out/site/linkdir"
mkfifo "$out/site/fifo.html"
for path in "/../secret.txt" "/../../etc/passwd" "/%2e%2e/secret.txt" "/%2E%2E%2Fsecret.txt" \
	"/lessons/..%2f..%2fsecret.txt" "/..%5csecret.txt" "//etc/passwd" "/./index.html" \
	"/a%00.html" "/index.html%00.css" "/%zz" "/%" "/link.txt" "/linkdir/secret.txt" "/fifo.html" \
	"/lessons/%2e%2e/%2e%2e/secret.txt"; do
	code=$(get "$path")
	code=${code%% *}
	if { [ "$code" = 400 ] || [ "$code" = 404 ]; } && ! grep -q "secret-$$\|root:" "$w/body"; then
		ok "serve: $path refused ($code)"
	else
		fail "serve: $path refused" "status $code"
	fi
done
rm -f "$out/site/link.txt" "$out/site/linkdir" "$out/site/fifo.html"
printf 'x' >"$out/site/t.webp"
printf 'x' >"$out/site/t.woff2"
printf 'x' >"$out/site/t.JPEG"
printf 'x' >"$out/site/t.svg"
printf 'x' >"$out/site/t.png"
expect "webp" "200 image/webp" /t.webp
expect "woff2" "200 font/woff2" /t.woff2
expect "jpeg" "200 image/jpeg" /t.JPEG
expect "svg" "200 image/svg+xml" /t.svg
expect "png" "200 image/png" /t.png
rm -f "$out/site"/t.*

# --- edits ---------------------------------------------------------------------
lesson=$p/content/lessons/passwords.md
edit "a page's text" replace "$lesson" "鍵です。" "鍵です。編集のテスト一。"
wait_for "$w/events" '"lessons/passwords.html"' 1 && ok "serve: the reload event names the page" || fail "serve: the reload event names the page" "$(tail -c 600 "$w/events")"
expect "the page after the edit" "200 text/html; charset=utf-8" /lessons/passwords.html
has "serve: the edit is served" "$w/body" "編集のテスト一。"
# only that page is rendered again (and the search index written)
grep -q '^tebiki: content/lessons/passwords.md: rebuilt 1 page in ' "$log" && ok "serve: a text edit renders one page" || fail "serve: a text edit renders one page" "$(tail -3 "$log")"
identical "a page's text"
# a page no PDF includes: the search index follows, the PDFs are not built again
edit "a page in no PDF" replace "$p/content/cases/_index.md" "ここにある事例は" "ここにある事例は（追記）"
settled
grep -E ': rebuilt [0-9]+ page|^tebiki: (PDFs|search index):' "$log" | tail -2 | tr '\n' '|' |
	grep -qE 'rebuilt 1 page in [0-9]+ ms, 1 file changed; the search index follows\|tebiki: search index: written in [0-9]+ ms, [0-9]+ files? changed\|$' &&
	ok "serve: a page in no PDF: the search index follows, no PDF build" ||
	fail "serve: a page in no PDF: the search index follows, no PDF build" "$(tail -3 "$log")"
identical "a page in no PDF"

edit "a page added" py 'open(__import__("sys").argv[1], "w").write("---\ntitle: 新しいページ\norder: 5\n---\n\n本文です。\n")' "$p/content/lessons/added.md"
# the pages edited before went the fast path, which kept their trees:
# the new page is the only one parsed
grep -qE '^tebiki: content/lessons/added.md: rebuilt [0-9]+ pages in [0-9]+ ms \(1 parsed\)' "$log" &&
	ok "serve: a page added is the only one parsed" || fail "serve: a page added is the only one parsed" "$(tail -3 "$log")"
expect "the new page" "200 text/html; charset=utf-8" /lessons/added.html
identical "a page added"
edit "a page renamed" mv "$p/content/lessons/added.md" "$p/content/lessons/renamed.md"
expect "the old name is gone" "404 text/html; charset=utf-8" /lessons/added.html
expect "the new name" "200 text/html; charset=utf-8" /lessons/renamed.html
identical "a page renamed"
edit "a page deleted" rm "$p/content/lessons/renamed.md"
expect "the deleted page" "404 text/html; charset=utf-8" /lessons/renamed.html
identical "a page deleted"
# a file name with a newline: its URL has one too, and the next whole
# rebuild's PDF child lists the pages it kept a line each (builder.c)
nl_page="$p/content/lessons/改行
kept x.md"
edit "a name with a newline" py 'open(__import__("sys").argv[1], "w").write("---\ntitle: 改行のある名前\n---\n\n本文です。\n")' "$nl_page"
identical "a name with a newline"
edit "front matter" replace "$lesson" "title: パスワードを長く、使い回さない" "title: パスワードは長く"
has "serve: the section index shows the new title" "$out/site/lessons/index.html" "パスワードは長く"
# a new title is a whole rebuild, but the page's body is as it was: no
# page is parsed again, each tree is a copy of the one kept
grep -qE '^tebiki: content/lessons/passwords.md: rebuilt [0-9]+ pages in [0-9]+ ms \(0 parsed\)' "$log" &&
	ok "serve: a front-matter edit parses no body again" || fail "serve: a front-matter edit parses no body again" "$(tail -3 "$log")"
identical "front matter"
rm -f "$nl_page"
edit "a template" replace "$p/themes/default/templates/base.html" "</body>" "<!-- template edited --></body>"
has "serve: the edited template is used" "$out/site/cases/shared-password.html" "<!-- template edited -->"
identical "a template"
edit "a stylesheet" py 'open(__import__("sys").argv[1], "a").write("\n/* edited */\n")' "$p/themes/default/assets/css/site.css"
wait_for "$w/events" 'css/site.css' 1
last=$(grep 'css/site.css' "$w/events" | tail -1)
[ "$last" = 'data: ["css/site.css"]' ] && ok "serve: a CSS change is a CSS-only event" || fail "serve: a CSS change is a CSS-only event" "$last"
identical "a stylesheet"

# errors: the overlay shows the diagnostics exactly, escaped, over the last good build
cp "$p/content/data/training.yaml" "$w/training.yaml"
edit "a broken YAML file" py 'open(__import__("sys").argv[1], "a").write("rows: [<b>unclosed\n")' "$p/content/data/training.yaml"
wait_for "$w/events" '^event: errors' 1 && ok "serve: an errors event" || fail "serve: an errors event" "$(tail -c 500 "$w/events")"
diagline=$(grep -m1 'content/data/training.yaml:[0-9]*:[0-9]*: error' "$log")
expect "the page during the error" "200 text/html; charset=utf-8" /lessons/passwords.html
# (every page carries the overlay's <template>; a second copy is the overlay shown)
[ "$(grep -o 'id="tebiki-overlay"' "$w/body" | wc -l)" -eq 2 ] && ok "serve: the overlay is on the page" || fail "serve: the overlay is on the page" "no overlay"
esc=$(printf '%s' "$diagline" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'"; s/'/\&#39;/g")
if [ -n "$diagline" ] && grep -qF -- "$esc" "$w/body"; then ok "serve: the overlay has the terminal's diagnostic, escaped"; else fail "serve: the overlay has the terminal's diagnostic, escaped" "'$diagline' not in the page"; fi
grep -q '<b>unclosed' "$w/body" && fail "serve: nothing unescaped in the overlay" "<b> found" || ok "serve: nothing unescaped in the overlay"
has "serve: the last good build stays served" "$w/body" "編集のテスト一。"
edit "the YAML fixed" cp "$w/training.yaml" "$p/content/data/training.yaml"
expect "the page after the fix" "200 text/html; charset=utf-8" /lessons/passwords.html
[ "$(grep -o 'id="tebiki-overlay"' "$w/body" | wc -l)" -eq 1 ] && ! grep -q 'training.yaml:' "$w/body" && ok "serve: the overlay is gone" || fail "serve: the overlay is gone" "still there"
wait_for "$w/events" '^event: ok' 2 && ok "serve: an ok event" || fail "serve: an ok event" "$(tail -c 300 "$w/events")"
identical "the YAML fixed"

# editor save patterns: one rebuild each (counted up to a later edit, so
# a second rebuild would be seen before it)
save_once() {
	local name=$1 n m
	shift
	n=$(rebuilds)
	py "$@"
	wait_for "$log" ': rebuilt [0-9]+ page|: the build failed' $((n + 1))
	edit "$name: a later edit" py 'open(__import__("sys").argv[1], "a").write("\n")' "$p/content/cases/_index.md"
	m=$(rebuilds)
	if [ "$m" -eq $((n + 2)) ]; then ok "serve: $name: one rebuild"; else fail "serve: $name: one rebuild" "$((m - n - 1)) rebuilds"; fi
}
save_once "vim's save (backup by rename, new file, backup removed)" 'import os, sys
p = sys.argv[1]
t = open(p).read()
open(os.path.join(os.path.dirname(p), "4913"), "w").close(); os.remove(os.path.join(os.path.dirname(p), "4913"))
os.rename(p, p + "~")
open(p, "w").write(t.replace("鍵です。", "鍵です（vim）。"))
os.remove(p + "~")' "$lesson"
save_once "write a temporary file, then rename it over" 'import os, sys
p = sys.argv[1]
t = open(p).read()
open(p + ".tmp", "w").write(t.replace("鍵です", "鍵でございます"))
os.rename(p + ".tmp", p)' "$lesson"
save_once "twenty files in one burst" 'import sys
for i in range(20):
    open("%s/burst-%02d.md" % (sys.argv[1], i), "w").write("---\ntitle: まとめて%d\n---\n\n本文\n" % i)' "$p/content/cases"
identical "after the editor saves"

# build output never carries the script
lacks "serve: build output has no live-reload script" "$w/clean" "__tebiki"

# --- refusing to start ----------------------------------------------------------
port=${url##*:}
port=${port%/}
refused() {
	local name=$1 want=$2 errout rc
	shift 2
	errout=$(timeout "$limit" "$TEBIKI" serve "$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q -- "$want" <<<"$errout"; then ok "serve: $name: exit 2"; else fail "serve: $name: exit 2" "exit $rc: $errout"; fi
}
refused "a port in use" "port $port is in use" -C "$p" --port "$port"
refused "an address not on this machine" "cannot listen on 192.0.2.1" -C "$p" --port 0 --bind 192.0.2.1
refused "an empty --bind" "--bind" -C "$p" --bind ""
refused "a bad port" "--port" -C "$p" --port 70000
refused "a port that is not a number" "--port" -C "$p" --port http
mkdir -p "$w/empty"
refused "a folder that is not a project" "site.yaml" -C "$w/empty" --port 0
refused "an unknown option" "unknown option" --reload

# --- stopping ------------------------------------------------------------------
# stopped NAME SIGNAL: the server exits 0, its processes and its
# temporary folder are gone.
stopped() {
	local name=$1 sig=$2 rc kids
	kids=$(pgrep -P "$spid" | tr '\n' ' ')
	kill -"$sig" "$spid"
	local i=0
	while kill -0 "$spid" 2>/dev/null && [ "$(ps -o stat= -p "$spid" | cut -c1)" != Z ] && [ "$i" -lt $((limit * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	wait "$spid"
	rc=$?
	spid=""
	if [ "$rc" -eq 0 ] && grep -q '^tebiki: stopped' "$log"; then ok "serve: $name: exit 0"; else fail "serve: $name: exit 0" "exit $rc: $(tail -c 500 "$log")"; fi
	if [ -n "$tmpdir" ] && [ ! -e "$tmpdir" ]; then ok "serve: $name: the temporary folder is removed"; else fail "serve: $name: the temporary folder is removed" "$tmpdir"; fi
	local left=""
	for k in $kids; do kill -0 "$k" 2>/dev/null && left="$left $k"; done
	if [ -z "$left" ]; then ok "serve: $name: no process left"; else fail "serve: $name: no process left" "$left"; fi
}
stopped "SIGTERM" TERM
# SIGINT while a PDF build is running
log=$w/log2
start
stopped "SIGINT" INT

# --- a project without PDFs -------------------------------------------------------
# A whole rebuild (a page added) leaves the search index to the
# background child, as the fast path does; the served folder is again
# a clean build's once it is written.
p=$w/min
tebiki new "$p" --kind minimal >/dev/null 2>&1 || fail "serve: tebiki new --kind minimal" "cannot make the project"
log=$w/log3
start
[ -f "$out/site/search/meta.js" ] && ok "serve: the first build has the search index" || fail "serve: the first build has the search index" "$(ls "$out/site")"
edit "a page added, no PDFs" py 'open(__import__("sys").argv[1], "w").write("---\ntitle: 追加した手順\n---\n\n索引に載るはずの一文です。\n")' "$p/content/added.md"
settled
grep -E ': rebuilt [0-9]+ page|^tebiki: (PDFs|search index):' "$log" | tail -2 | tr '\n' '|' |
	grep -qE 'rebuilt [0-9]+ pages in [0-9]+ ms \(1 parsed\), [0-9]+ files changed; the search index follows\|tebiki: search index: written in [0-9]+ ms, [0-9]+ files? changed\|$' &&
	ok "serve: a whole rebuild parses the new page alone; the search index follows" ||
	fail "serve: a whole rebuild parses the new page alone; the search index follows" "$(tail -3 "$log")"
grep -rq '索引に載るはずの一文です' "$out/site/search" && ok "serve: the new page is in the search index" || fail "serve: the new page is in the search index" "$(ls "$out/site/search")"
identical "a page added, no PDFs"
stopped "a project without PDFs" TERM

# valgrind (make valgrind) reports into the log, the build process's too
if [ -n "${TEBIKI_WRAP:-}" ]; then
	if grep -qE '^==[0-9]+==' "$w/log" "$w/log2" "$w/log3"; then fail "serve: valgrind is clean" "$(grep -E '^==[0-9]+==' "$w/log" "$w/log2" "$w/log3" | head -c 1500)"; else ok "serve: valgrind is clean"; fi
fi
