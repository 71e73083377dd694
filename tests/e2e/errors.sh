#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Broken projects: each folder of broken/ is run as
#   cd broken && tebiki check -C NAME
# (or with the arguments in NAME/args, one line split on blanks), and
# must print exactly NAME/expected on stderr, nothing on stdout, exit
# with the status in NAME/exit, and leave its folder as it was.
#
# REGEN=1 rewrites expected and exit from what tebiki does now: read
# the result before committing it, a diagnostic is not right just
# because tebiki prints it.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "errors: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
broken=$here/broken

# A runaway case must not hang the suite; valgrind is slower.
if [ -n "${TEBIKI_WRAP:-}" ]; then
	limit=${E2E_TIMEOUT:-30}
else
	limit=${E2E_TIMEOUT:-5}
fi

for d in "$broken"/*/; do
	d=${d%/}
	name=${d##*/}
	if [ -f "$d/args" ]; then
		read -ra args <"$d/args"
	else
		args=(check -C "$name")
	fi
	before=$(cd "$d" && find . | sort)
	# shellcheck disable=SC2097,SC2098
	(cd "$broken" && TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" \
		tebiki "${args[@]}" >"$TMPROOT/stdout" 2>"$TMPROOT/stderr")
	rc=$?
	after=$(cd "$d" && find . | sort)

	if [ "${REGEN:-}" = 1 ]; then
		cp "$TMPROOT/stderr" "$d/expected"
		echo "$rc" >"$d/exit"
		echo "# regenerated $name (exit $rc)"
	fi

	why=""
	if [ "$rc" -eq 124 ]; then
		why+="timed out after ${limit}s; "
	elif [ ! -f "$d/exit" ] || [ "$rc" != "$(cat "$d/exit")" ]; then
		why+="exit $rc, expected $(cat "$d/exit" 2>/dev/null || echo '(no exit file)'); "
	fi
	if [ ! -f "$d/expected" ]; then
		why+="no expected file; "
	elif ! diff=$(diff -u --label expected --label stderr "$d/expected" "$TMPROOT/stderr"); then
		why+="stderr differs:"$'\n'"$diff"$'\n'
	fi
	if [ -s "$TMPROOT/stdout" ]; then
		why+="stdout not empty: $(head -c 300 "$TMPROOT/stdout"); "
	fi
	if [ "$before" != "$after" ]; then
		why+="the project changed: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | tr '\n' ' '); "
	fi
	if [ -z "$why" ]; then
		ok "errors: $name"
	else
		# continuation lines as TAP comments, so tests/run.sh shows them
		fail "errors: $name" "$(printf '%s' "$why" | head -c 3000 | cat -v | sed '2,$s/^/#   /')"
	fi
done
rm -f "$TMPROOT/stdout" "$TMPROOT/stderr"
