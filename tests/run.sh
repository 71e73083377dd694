#!/usr/bin/env bash
# The whole suite: unit tests (cmocka), golden tests, end-to-end tests.
# Every part prints TAP lines ("ok …" / "not ok …"); this script counts
# them and ends with the line CI reads: "N passed, N failed".
#
# Environment: B (build folder, default build), TEBIKI_WRAP (a command
# to run tebiki under, e.g. valgrind), UNIT_CFLAGS (extra flags for the
# unit tests, e.g. sanitizers).
set -u
cd "$(dirname "$0")/.."
export B=${B:-build}
export TEBIKI="$PWD/$B/tebiki"
export TEBIKI_WRAP=${TEBIKI_WRAP:-}
export ROOT="$PWD"
export TMPROOT
TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/tebiki-test.XXXXXX")
trap 'rm -rf "$TMPROOT"' EXIT

log="$TMPROOT/log"
: >"$log"
part() {
	echo "# $1"
	shift
	"$@" 2>&1 | tee -a "$log" | grep -E '^(not ok|ok|#|  )' | grep -v '^ok' || true
}

part "unit tests" tests/unit/run.sh
part "golden tests" tests/golden/run.sh
part "layout goldens" tests/golden/layout.sh
part "project goldens" tests/golden/projects.sh
part "browser" tests/browser/run.sh
for t in tests/e2e/*.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	part "$(basename "$t" .sh)" "$t"
done

# libFuzzer: kept crashes replayed, then each harness for 30 s (none
# under valgrind: the harnesses have their own sanitizers).
fuzz_seconds=${FUZZ_SECONDS:-30}
[ -n "$TEBIKI_WRAP" ] && fuzz_seconds=0
part "fuzz" env FUZZ_SECONDS="$fuzz_seconds" tests/fuzz/run.sh

passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
