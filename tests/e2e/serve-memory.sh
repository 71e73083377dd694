#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tebiki serve keeps its memory flat: 1,000 edit-rebuild cycles of one
# page (50 under valgrind, which reports any leak itself), the resident
# memory of the server and of its build process compared after cycle
# 100 and after the last: a leak of a kilobyte a cycle would show. Then
# 200 new titles (10 under valgrind), each a whole rebuild with the
# trees kept as parsed, compared after the 20th and the last.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "serve-memory: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${TEBIKI_WRAP:-}" ]; then cycles=50 first=10 limit=900 titles=10 tfirst=5; else cycles=1000 first=100 limit=300 titles=200 tfirst=20; fi
# Under ASan (make asan) freed memory waits in a quarantine of up to
# 256 MB, which would grow over the cycles: without it the test measures
# tebiki (the other tests keep the quarantine and its checks).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
w=$TMPROOT/serve-memory
rm -rf "$w"
mkdir -p "$w"
tebiki new "$w/p" --kind minimal >/dev/null 2>&1
# shellcheck disable=SC2086
${TEBIKI_WRAP:-} "$TEBIKI" serve -C "$w/p" --port 0 --no-pdf >"$w/log" 2>&1 &
spid=$!
for _ in $(seq $((limit * 10))); do
	grep -q '^tebiki: serving ' "$w/log" && break
	kill -0 "$spid" 2>/dev/null || break
	sleep 0.1
done
url=$(grep -o 'http://[^ ]*/' "$w/log" | head -1)
if [ -z "$url" ]; then
	fail "serve-memory: serve starts" "$(head -c 1000 "$w/log")"
	kill "$spid" 2>/dev/null
	exit 0
fi
# flat NAME S1 B1 S2 B2: judged in the plain build only.
flat() {
	local name=$1 s1=$2 b1=$3 s2=$4 b2=$5
	# KiB: the server, then its build process. Not under valgrind, whose
	# queue of freed blocks (20 MB) fills slowly when a cycle allocates
	# little: its leak check stands in, the plain run measures.
	# Nor under ASan (make asan): its allocator grows by about a
	# kilobyte a cycle here even without the quarantine (24,020 →
	# 25,228 KiB over 900 cycles, the plain build 10,492 → 10,572);
	# LeakSanitizer's check at the stop stands in.
	if [ -n "${TEBIKI_WRAP:-}" ] || ldd "$TEBIKI" 2>/dev/null | grep -q libasan; then
		echo "# serve-memory: $name: under valgrind or ASan: server $s1 → $s2 KiB, build $b1 → $b2 KiB (not judged)"
	elif [ "$s2" -le $((s1 + 1024)) ] && [ "$b2" -le $((b1 + 1024)) ]; then
		ok "serve-memory: $name: flat (server $s1 → $s2 KiB, build $b1 → $b2 KiB)"
	else
		fail "serve-memory: $name: flat" "server $s1 → $s2 KiB, build $b1 → $b2 KiB"
	fi
}
if read -r s1 b1 s2 b2 < <(timeout "$limit" python3 "$here/serve_cycles.py" "$url" "$spid" \
	"$w/p/content/_index.md" "$cycles" "$first"); then
	ok "serve-memory: $cycles edit-rebuild cycles, each a reload event"
	flat "text edits" "$s1" "$b1" "$s2" "$b2"
else
	fail "serve-memory: $cycles edit-rebuild cycles" "$(tail -c 1000 "$w/log")"
fi
if read -r s1 b1 s2 b2 < <(timeout "$limit" python3 "$here/serve_cycles.py" "$url" "$spid" \
	"$w/p/content/_index.md" "$titles" "$tfirst" title); then
	ok "serve-memory: $titles whole rebuilds (a new title each), each a reload event"
	flat "whole rebuilds" "$s1" "$b1" "$s2" "$b2"
else
	fail "serve-memory: $titles whole rebuilds" "$(tail -c 1000 "$w/log")"
fi
kill "$spid"
wait "$spid"
rc=$?
if [ "$rc" -eq 0 ]; then ok "serve-memory: a clean stop"; else fail "serve-memory: a clean stop" "exit $rc: $(tail -c 1000 "$w/log")"; fi

# valgrind (make valgrind) reports into the log, the build process's too
if [ -n "${TEBIKI_WRAP:-}" ]; then
	if grep -qE '^==[0-9]+==' "$w/log"; then fail "serve-memory: valgrind is clean" "$(grep -E '^==[0-9]+==' "$w/log" | head -c 1500)"; else ok "serve-memory: valgrind is clean"; fi
fi
