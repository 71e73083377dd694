#!/usr/bin/env bash
# Golden tests: every tests/golden/md/NAME.md is rendered with
# `tebiki render` and compared with NAME.html (and NAME.tree, the
# document tree, when that file exists). REGEN=1 rewrites the expected
# files from the current output; review the diff before committing.
set -u
cd "$(dirname "$0")"
: "${TEBIKI:?run through tests/run.sh}"
status=0
for md in md/*.md; do
	name=${md%.md}
	for kind in html tree; do
		want="$name.$kind"
		[ "$kind" = tree ] && [ ! -f "$want" ] && continue
		flag=
		[ "$kind" = tree ] && flag=--tree
		# shellcheck disable=SC2086
		got=$(${TEBIKI_WRAP:-} "$TEBIKI" render $flag "$md" 2>"$name.$kind.err")
		rc=$?
		if [ "${REGEN:-}" = 1 ]; then
			printf '%s\n' "$got" >"$want"
			echo "ok - regenerated $want"
		elif [ $rc -gt 1 ]; then
			echo "not ok - golden $want: exit $rc: $(head -c 500 "$name.$kind.err")"
			status=1
		elif diff -u "$want" <(printf '%s\n' "$got") >"$name.$kind.diff"; then
			echo "ok - golden $want"
		else
			echo "not ok - golden $want differs:"
			sed 's/^/  /' "$name.$kind.diff" | head -40
			status=1
		fi
		rm -f "$name.$kind.diff" "$name.$kind.err"
	done
done

# Every example of the GFM spec goes through without a crash.
# shared/ is beside the repository, or beside the folder of worktrees
spec=${SPEC:-../../../shared/conformance/gfm-spec.txt}
[ -f "$spec" ] || spec=${SPEC:-../../../../shared/conformance/gfm-spec.txt}
if [ -f "$spec" ]; then
	dir=$(mktemp -d)
	awk -v dir="$dir" '
		/^```````````````````````````````` example/ { n++; f = sprintf("%s/%04d.md", dir, n); inex = 1; printf "" > f; next }
		inex && /^\.$/ { inex = 0; next }
		inex { gsub(/→/, "\t"); print >> f }
	' "$spec"
	bad=0
	total=0
	for f in "$dir"/*.md; do
		total=$((total + 1))
		# shellcheck disable=SC2086
		${TEBIKI_WRAP:-} "$TEBIKI" render "$f" >/dev/null 2>&1
		rc=$?
		if [ $rc -gt 1 ]; then
			bad=$((bad + 1))
			echo "  spec example $(basename "$f" .md): exit $rc"
		fi
	done
	rm -rf "$dir"
	if [ "$bad" -eq 0 ] && [ "$total" -gt 600 ]; then
		echo "ok - all $total GFM spec examples render"
	else
		echo "not ok - GFM spec examples: $bad of $total failed"
		status=1
	fi
fi
exit $status
