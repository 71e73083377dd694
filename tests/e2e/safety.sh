#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tebiki never deletes what it did not make and never reads or
# publishes a file from outside the project: -o that names the project
# or its sources, folders it did not make, symbolic links that leave
# the project or loop, theme names that are paths, images a PDF-only
# filter names, named pipes; and the output swap survives builds that
# died half-way and builds that run at the same time.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "safety: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
fixture=$ROOT/tests/e2e/fixtures/basic
if [ -n "${TEBIKI_WRAP:-}" ]; then limit=60; else limit=10; fi
w=$TMPROOT/safety
rm -rf "$w"
mkdir -p "$w"

# project NAME: a copy of the basic fixture in $w/NAME.
project() {
	rm -rf "${w:?}/$1"
	mkdir -p "$w/$1"
	cp -r "$fixture/site.yaml" "$fixture/content" "$w/$1/"
}
# run NAME ARGS...: tebiki with a time limit; sets rc and err.
run() {
	# shellcheck disable=SC2097,SC2098
	err=$(TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" tebiki "$@" 2>&1)
	rc=$?
	[ "$rc" -eq 124 ] && err="still running after ${limit}s"
}
# expect NAME RC TEXT: the last run exited RC and said TEXT.
expect() {
	if [ "$rc" -eq "$2" ] && grep -qF -- "$3" <<<"$err"; then
		ok "safety: $1"
	else
		fail "safety: $1" "exit $rc (expected $2), wanted '$3' in: $(printf '%s' "$err" | head -c 1500)"
	fi
}
# intact NAME DIR: the project in DIR still has its sources.
intact() {
	if [ -f "$2/site.yaml" ] && [ -f "$2/content/lessons/text.md" ]; then
		ok "safety: $1: the sources are still there"
	else
		fail "safety: $1: the sources are still there" "$(cd "$2" 2>/dev/null && find . | head -20)"
	fi
}

# --- 1. -o never replaces the project, its sources or a foreign folder ---
project p
run build -C "$w/p" -o "$w/p"
expect "-o the project itself is refused (exit 2)" 2 "it is the project's own folder"
intact "-o the project itself" "$w/p"
run build -C "$w/p" -o "$w/p/."
expect "-o the project as P/. is refused" 2 "it is the project's own folder"
run build -C "$w/p" -o "$w"
expect "-o a parent of the project is refused" 2 "it contains the project"
intact "-o a parent" "$w/p"
run build -C "$w/p" -o "$w/p/content"
expect "-o P/content is refused" 2 "inside the project's content/ folder"
intact "-o P/content" "$w/p"
run build -C "$w/p" -o "$w/p/content/lessons/out"
expect "-o a folder inside content/ is refused" 2 "inside the project's content/ folder"
mkdir -p "$w/p/themes" "$w/p/lua"
run build -C "$w/p" -o "$w/p/themes/out"
expect "-o a folder inside themes/ is refused" 2 "inside the project's themes/ folder"
run build -C "$w/p" -o "$w/p/lua"
expect "-o lua/ is refused" 2 "inside the project's lua/ folder"
ln -s "$w/p" "$w/link-to-p"
run build -C "$w/p" -o "$w/link-to-p"
expect "-o a symbolic link to the project is refused" 2 "it is the project's own folder"
intact "-o a link to the project" "$w/p"
run build -C "$w/p" -o "$w/p/content/../content"
expect "-o P/content/../content is refused" 2 "inside the project's content/ folder"
run build -C "$w/p" -o "$w/p/new/../content/x"
expect "-o through a folder that does not exist is refused" 2 "inside the project's content/ folder"
if [ -z "$(find "$w" -maxdepth 3 -name '.*.tmp-*')" ]; then
	ok "safety: refused builds leave no staging folder"
else
	fail "safety: refused builds leave no staging folder" "$(find "$w" -maxdepth 3 -name '.*.tmp-*')"
fi

mkdir -p "$w/mine"
echo "my notes" >"$w/mine/notes.txt"
run build -C "$w/p" -o "$w/mine"
expect "-o a folder tebiki did not make is refused" 2 "was not made by tebiki"
has "safety: the foreign folder keeps its files" "$w/mine/notes.txt" "my notes"
run build -C "$w/p" -o "$w/mine" --only site
expect "--only site into a folder tebiki did not make is refused" 2 "was not made by tebiki"
echo x >"$w/afile"
run build -C "$w/p" -o "$w/afile"
expect "-o an existing file is refused" 2 "is not a folder"

mkdir -p "$w/empty"
run build -C "$w/p" -o "$w/empty"
expect "-o an empty folder builds" 0 "built"
has "safety: the output carries tebiki's marker" "$w/empty/.tebiki-output" "tebiki"
run build -C "$w/p" -o "$w/empty"
expect "a folder tebiki made is replaced on the next build" 0 "built"
run build -C "$w/p"
expect "the default output folder builds" 0 "built"
has "safety: the default output carries the marker" "$w/p/output/.tebiki-output" "tebiki"

# --- 19. builds that died, and builds at the same time -------------------
# A build killed between moving the old output aside and moving the
# new one in (the fallback without RENAME_EXCHANGE) leaves .output.old-PID
# and no output/: the next build puts it back before it starts.
mv "$w/p/output" "$w/p/.output.old-999999999"
mkdir -p "$w/p/.output.tmp-999999998/site"
touch "$w/p/.output.tmp-999999998/.tebiki-output"
echo stale >"$w/p/.output.tmp-999999998/site/stale.html"
mkdir -p "$w/p/.output.tmp-999999997"
echo "not tebiki's" >"$w/p/.output.tmp-999999997/keep.txt"
run build -C "$w/p" -o "$w/p/output" --only pdf
expect "an output moved aside by a killed build is put back" 0 "put back the output"
if [ -f "$w/p/output/site/index.html" ] && [ ! -e "$w/p/.output.old-999999999" ]; then
	ok "safety: the old site is back in output/ (kept by --only pdf)"
else
	fail "safety: the old site is back in output/ (kept by --only pdf)" "$(cd "$w/p" && find . -maxdepth 2 -name '*output*')"
fi
if [ ! -e "$w/p/.output.tmp-999999998" ]; then
	ok "safety: a stale staging folder of a killed build is removed"
else
	fail "safety: a stale staging folder of a killed build is removed" "still there"
fi
has "safety: a look-alike folder without the marker is left alone" "$w/p/.output.tmp-999999997/keep.txt" "not tebiki's"

# Two builds of one project: the second waits for the first's lock
# (the test holds it the way a build does: flock on the project folder).
exec 9<"$w/p"
flock 9
tebiki build -C "$w/p" 2>"$w/lock.err" &
second=$!
for _ in $(seq 1 $((limit * 10))); do
	grep -q waiting "$w/lock.err" && break
	sleep 0.1
done
if kill -0 "$second" 2>/dev/null; then
	ok "safety: a second build waits while another holds the project"
else
	fail "safety: a second build waits while another holds the project" "it did not wait: $(cat "$w/lock.err")"
fi
flock -u 9
exec 9<&-
wait "$second"
rc=$?
err=$(cat "$w/lock.err")
expect "... and builds once the lock is free, having said why it waited" 0 "waiting for another build"

# Subset fonts are never left in TMPDIR (killed runs left tebiki-font-*).
fonts=$w/fonttmp
mkdir -p "$fonts"
TMPDIR=$fonts run build -C "$ROOT/tests/e2e/fixtures/pdf" -o "$w/pdfout"
if [ "$rc" -eq 0 ] && [ -z "$(ls -A "$fonts")" ]; then
	ok "safety: a PDF build writes no temporary font files"
else
	fail "safety: a PDF build writes no temporary font files" "exit $rc; $(ls -A "$fonts")"
fi

# --- 2. symbolic links that leave the project, and loops -----------------
secret=$w/secret
mkdir -p "$secret/dir"
printf -- '---\ntitle: 秘密\n---\nSECRET-PAGE-TEXT\n' >"$secret/page.md"
printf 'SECRET-FILE-TEXT\n' >"$secret/notes.txt"
cp "$fixture/content/images/real.png" "$secret/secret.png"
printf -- '---\ntitle: 外\n---\nSECRET-DIR-TEXT\n' >"$secret/dir/out.md"

project s1
ln -s "$secret/page.md" "$w/s1/content/lessons/passwd.md"
run build -C "$w/s1" -o "$w/s1out"
expect "a page linked to a file outside is refused (exit 1)" 1 "content/lessons/passwd.md: error: not read: it leads outside the project"
if [ ! -e "$w/s1out" ]; then ok "safety: nothing was published"; else fail "safety: nothing was published" "$w/s1out exists"; fi

project s2
ln -s "$secret/dir" "$w/s2/content/ext"
run build -C "$w/s2" -o "$w/s2out"
expect "a folder linked outside is refused" 1 "content/ext: error: not read: it leads outside the project"

project s3
ln -s "$secret/notes.txt" "$w/s3/content/lessons/notes.txt"
printf '\n[メモ](notes.txt)\n' >>"$w/s3/content/lessons/text.md"
run build -C "$w/s3" -o "$w/s3out"
expect "a link to a file linked outside is refused" 1 "linked file notes.txt not read: it leads outside the project"
if ! grep -rqs SECRET-FILE-TEXT "$w/s3out"; then ok "safety: the outside file was not copied"; else fail "safety: the outside file was not copied" "found"; fi

project s4
ln -s "$secret/secret.png" "$w/s4/content/images/secret.png"
printf '\n![秘密](../images/secret.png)\n' >>"$w/s4/content/lessons/text.md"
run build -C "$w/s4" -o "$w/s4out"
expect "an image linked outside is refused" 1 "image ../images/secret.png not read: it leads outside the project"

project s5
mkdir -p "$w/s5/content/data"
ln -s "$secret/notes.txt" "$w/s5/content/data/x.yaml"
run build -C "$w/s5" -o "$w/s5out"
expect "a data file linked outside is refused" 1 "content/data/x.yaml: error: cannot read: it leads outside the project"

project s6
ln -s . "$w/s6/content/loop"
run build -C "$w/s6" -o "$w/s6out"
expect "a symbolic-link loop is reported, not walked" 1 "content/loop: error: not read: a loop of symbolic links"

project s7
ln -s . "$w/s7/content/loop1"
ln -s . "$w/s7/content/loop2"
ln -s .. "$w/s7/content/lessons/up"
run build -C "$w/s7" -o "$w/s7out"
expect "two loops end quickly with errors" 1 "content/loop2: error: not read: a loop of symbolic links"

project s8
ln -s lessons "$w/s8/content/alias"
run build -C "$w/s8" -o "$w/s8out"
expect "a second way into a folder is reported at the link" 1 "content/alias: error: not read: a second way into content/lessons"
ln -s ../cases "$w/s8/content/lessons/zz"
run build -C "$w/s8" -o "$w/s8out"
expect "a second way from a later folder is reported at the link" 1 "content/lessons/zz: error: not read: a second way into content/cases"

project s9
ln -s text.md "$w/s9/content/lessons/same.md"
run build -C "$w/s9" -o "$w/s9out"
expect "a link to a file inside the project is fine" 0 "built"

project s10
mkdir -p "$w/s10/themes/mine"
cp -r "$ROOT/themes/default/." "$w/s10/themes/mine/"
ln -sf "$secret/notes.txt" "$w/s10/themes/mine/assets/leak.txt"
printf 'theme: mine\n' >>"$w/s10/site.yaml"
run build -C "$w/s10" -o "$w/s10out"
expect "a theme asset linked outside is refused" 1 "themes/mine/assets/leak.txt: error: not read: it leads outside the project"

project s11
ln -s "$secret" "$w/s11/content"
rm -rf "$w/s11/content"
ln -s "$secret" "$w/s11/content"
run build -C "$w/s11" -o "$w/s11out"
expect "a content/ folder linked outside is refused" 2 "content: error: not read: it leads outside the project"

# --- 3. a theme is a plain name ------------------------------------------
project t1
mkdir -p "$w/t1/themes/default" "$w/elsewhere/templates"
printf 'OUTSIDE-TEMPLATE\n' >"$w/elsewhere/templates/page.html"
printf 'theme: ../../elsewhere\n' >>"$w/t1/site.yaml"
run build -C "$w/t1" -o "$w/t1out"
expect "theme: ../../elsewhere is refused with its place" 1 "site.yaml:4:8: error: theme '../../elsewhere' is not a plain name"
project t2
printf 'theme: [a]\n' >>"$w/t2/site.yaml"
run check -C "$w/t2"
expect "theme: [a] is refused" 1 "site.yaml:4:8: error: 'theme' must be the name of a theme"
project t3
mkdir -p "$w/t3/themes"
ln -s "$ROOT/themes/default" "$w/t3/themes/linked"
printf 'theme: linked\n' >>"$w/t3/site.yaml"
run check -C "$w/t3"
expect "a theme folder linked outside is refused" 1 "theme 'linked' not read: themes/linked: it leads outside the project"

# --- 4. a filter's image in the PDF pass is confined too -----------------
project f1
cp "$ROOT/tests/e2e/fixtures/pdf/site.yaml" "$w/f1/site.yaml" 2>/dev/null
mkdir -p "$w/f1/lua/filters"
cat >"$w/f1/lua/filters/img.lua" <<'EOF'
function Para(p)
  if tebiki.format == 'pdf' then
    return tebiki.Para({tebiki.Image('x', '../../../secret/secret.png')})
  end
end
EOF
cat >"$w/f1/site.yaml" <<'EOF'
title: 画像フィルタ
filters: [filters/img.lua]
publications:
  - id: book
    kind: book
    title: 本
    chapters: [lessons/text.md]
EOF
run build -C "$w/f1" -o "$w/f1out"
expect "a PDF-only filter's image outside the project is refused" 1 "not read: it leads outside the project"

# --- 14. named pipes block nothing ---------------------------------------
project n1
mkfifo "$w/n1/content/lessons/pipe.md"
run build -C "$w/n1" -o "$w/n1out"
expect "a named pipe as a page is an error, not a hang" 1 "content/lessons/pipe.md: error: cannot read: not a regular file"
project n2
mkdir -p "$w/n2/content/data"
mkfifo "$w/n2/content/data/pipe.yaml"
run build -C "$w/n2" -o "$w/n2out"
expect "a named pipe as a data file is an error" 1 "content/data/pipe.yaml: error: cannot read: not a regular file"
project n3
mkfifo "$w/n3/content/images/pipe.png"
printf '\n![管](../images/pipe.png)\n' >>"$w/n3/content/lessons/text.md"
run build -C "$w/n3" -o "$w/n3out"
expect "a named pipe as an image is an error" 1 "image ../images/pipe.png not read: not a regular file"
project n4
mkdir -p "$w/n4/themes/mine"
cp -r "$ROOT/themes/default/." "$w/n4/themes/mine/"
mkfifo "$w/n4/font.ttf"
sed -i "s|^  mincho: .*|  mincho: $w/n4/font.ttf|" "$w/n4/themes/mine/pdf.yaml"
cat >>"$w/n4/site.yaml" <<'EOF'
theme: mine
publications:
  - id: book
    kind: book
    title: 本
    chapters: [lessons/text.md]
EOF
run build -C "$w/n4" -o "$w/n4out"
expect "a named pipe as a font is an error" 1 "not a regular file"
run render "$w/n1/content/lessons/pipe.md"
expect "render of a named pipe is an error" 2 "not a regular file"

rm -rf "$w"
