#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A full disk is an error said once, in words, and leaves nothing
# half-written: libqpdf's stdio lost the error of its last flush, so a
# PDF cut short was published with exit 0. /dev/full fails every
# write; a tmpfs of 100 KB (when this machine lets the test mount one)
# fills up half-way through a build.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "diskfull: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
w=$TMPROOT/diskfull
rm -rf "$w"
mkdir -p "$w"

# one NAME RC TEXT: the last run exited RC with one error, saying TEXT.
one() {
	if [ "$rc" -eq "$2" ] && [ "$(grep -c 'error: ' <<<"$err")" -eq 1 ] && grep -qF -- "$3" <<<"$err"; then
		ok "diskfull: $1"
	else
		fail "diskfull: $1" "exit $rc (expected $2), wanted one error with '$3': $(printf '%s' "$err" | head -c 1000)"
	fi
}

printf '# 見出し\n\n本文。\n' >"$w/a.md"
err=$(tebiki render --pdf=/dev/full "$w/a.md" 2>&1)
rc=$?
one "render --pdf=/dev/full" 1 "cannot write /dev/full: the disk is full"

small=$w/small
mkdir -p "$small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=100k tmpfs "$small" 2>/dev/null; then
	err=$(tebiki build -C "$ROOT/tests/e2e/fixtures/pdf" -o "$small/out" 2>&1)
	rc=$?
	one "a build onto a full disk" 1 "the disk is full"
	if [ -z "$(ls -A "$small")" ]; then
		ok "diskfull: nothing is left on the full disk"
	else
		fail "diskfull: nothing is left on the full disk" "$(cd "$small" && find . | head)"
	fi
	umount "$small"
else
	ok "diskfull: a build onto a full disk # SKIP cannot mount a tmpfs here"
fi
rm -rf "$w"
