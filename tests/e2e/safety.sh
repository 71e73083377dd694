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

rm -rf "$w"
