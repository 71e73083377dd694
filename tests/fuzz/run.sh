#!/usr/bin/env bash
# The libFuzzer harnesses (tests/fuzz/fuzz_*.c, built by `make
# fuzz-build` into build/fuzz/): first every input kept under
# tests/fuzz/regress/NAME/ is replayed (each once: what crashed once
# must not crash again), then each harness fuzzes for FUZZ_SECONDS
# (default 30) from the seeds: the repo's own pages, data, checklists
# and templates, and the GFM spec's examples when the spec is at hand.
# Prints TAP lines. A crash is kept in build/fuzz/crashes/NAME/; once
# fixed, copy it to tests/fuzz/regress/NAME/ so the suite replays it.
#
# The suite's run is repeatable: FUZZ_SEED (default 1) fixes
# libFuzzer's choices, each harness starts from its seeds alone and
# stops after at most the runs of fuzz_runs below (about 30 s each on a
# 2-core machine), so CI tries what a developer's `make test` tried
# (fewer inputs on a slower machine, never others). `make fuzz` passes
# FUZZ_SEED=0 (a new seed each run, no cap on the runs) and keeps what
# it learns in build/fuzz/corpus/.
#
# Environment: FUZZ_SECONDS, FUZZ_SEED, FUZZ_RUNS (the cap, one for all), FUZZ_MAX_LEN (bytes, default 65536),
# FUZZ_ONLY (one harness name), FUZZ_ARGS (more libFuzzer flags),
# SPEC (the GFM spec text).
set -u
cd "$(dirname "$0")/../.."
root=$PWD
bin=build/fuzz
seconds=${FUZZ_SECONDS:-30}
names=${FUZZ_ONLY:-md pdf yaml template}
spec=${SPEC:-$root/../shared/conformance/gfm-spec.txt}

if ! command -v clang >/dev/null; then
	echo "not ok - fuzz: needs clang and libclang-rt-14-dev: run make deps-fuzz"
	exit 1
fi
if ! log=$(make -s fuzz-build 2>&1); then
	echo "not ok - fuzz: the harnesses do not build: $(printf '%s' "$log" | tail -c 1500)"
	exit 1
fi

# seeds NAME DIR: the starting inputs of one harness.
seeds() {
	local name=$1 dir=$2 i=0 f
	rm -rf "$dir"
	mkdir -p "$dir"
	case $name in
	md | pdf)
		while IFS= read -r f; do
			i=$((i + 1))
			cp "$f" "$dir/repo-$i.md"
		done < <(find content tests/golden/md tests/e2e/fixtures tests/e2e/broken -name '*.md' | sort)
		if [ -f "$spec" ]; then
			awk -v dir="$dir" '
				/^```````````````````````````````` example/ { n++; f = sprintf("%s/spec-%04d.md", dir, n); inex = 1; printf "" > f; next }
				inex && /^\.$/ { inex = 0; next }
				inex { gsub(/→/, "\t"); print >> f }
			' "$spec"
		fi
		;;
	yaml)
		# site.yaml %% data %% checklist %% profiles.yaml %% page
		local p data cl prof page
		for p in . tests/e2e/fixtures/* tests/e2e/broken/*; do
			[ -f "$p/site.yaml" ] || continue
			data=$(find "$p/content/data" -name '*.yaml' 2>/dev/null | sort | head -1)
			cl=$(find "$p/content/checklists" -name '*.yaml' 2>/dev/null | sort | head -1)
			prof=$p/content/profiles.yaml
			page=$(grep -rlE '^```(chart|table|checklist)' "$p/content" 2>/dev/null | sort | head -1)
			[ -n "$page" ] || page=$(find "$p/content" -name '*.md' 2>/dev/null | sort | head -1)
			i=$((i + 1))
			{
				cat "$p/site.yaml"
				for f in "$data" "$cl" "$prof" "$page"; do
					printf '\n%%%%\n'
					[ -n "$f" ] && [ -f "$f" ] && cat "$f"
				done
			} >"$dir/project-$i"
		done
		while IFS= read -r f; do
			i=$((i + 1))
			cp "$f" "$dir/file-$i.yaml"
		done < <(find content tests/e2e/fixtures tests/e2e/broken themes -name '*.yaml' | sort)
		;;
	template)
		while IFS= read -r f; do
			i=$((i + 1))
			cp "$f" "$dir/t-$i.html"
		done < <(find themes tests/e2e -path '*templates*' -name '*.html' | sort)
		;;
	esac
}

# fuzz_runs NAME: the seeded run's cap on executions.
fuzz_runs() {
	case $1 in
	md) echo 150000 ;;
	pdf) echo 50000 ;;
	*) echo 17000 ;;
	esac
}

# ASan keeps freed memory in a quarantine of 256 MB, spread over its
# size classes: the template harness, whose Lua states free big strings
# all the time, grew to 2 GB of RSS in a 300 s run that way (150 MB with
# no quarantine), towards -rss_limit_mb. 16 MB still catches a use
# right after a free.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}

status=0
for name in $names; do
	fz=$bin/fuzz_$name
	regress=tests/fuzz/regress/$name
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		n=$(find "$regress" -type f | wc -l)
		if out=$("$fz" -runs=1 -timeout=60 -rss_limit_mb=4096 "$regress"/* 2>&1); then
			echo "ok - fuzz: $name: the $n kept inputs replay without a crash"
		else
			echo "not ok - fuzz: $name: a kept input crashes again:"
			printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|Running|#[0-9]+ 0x' | head -20 | sed 's/^/#   /'
			status=1
		fi
	fi
	[ "$seconds" -gt 0 ] || continue
	corpus=$bin/corpus/$name
	cap=
	if [ "${FUZZ_SEED:-1}" != 0 ]; then
		corpus=$bin/corpus-seeded/$name
		rm -rf "$corpus"
		cap=-runs=${FUZZ_RUNS:-$(fuzz_runs "$name")}
	fi
	crashes=$bin/crashes/$name
	mkdir -p "$corpus" "$crashes"
	seeds "$name" "$bin/seeds/$name"
	dict=tests/fuzz/$name.dict
	[ -f "$dict" ] || dict=tests/fuzz/md.dict
	# shellcheck disable=SC2086
	out=$("$fz" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" \
		-timeout=10 -rss_limit_mb=3072 -dict="$dict" -print_final_stats=1 -seed="${FUZZ_SEED:-1}" \
		-artifact_prefix="$crashes/" $cap ${FUZZ_ARGS:-} "$corpus" "$bin/seeds/$name" 2>&1)
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' <<<"$out")
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$out" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz: $name: ${runs:-?} runs (seed ${FUZZ_SEED:-1}, at most ${seconds}s), ${cov:-no coverage line}, no crash"
	else
		echo "not ok - fuzz: $name found a crash (exit $rc), kept in $crashes/:"
		printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ 0x' | head -20 | sed 's/^/#   /'
		status=1
	fi
done
exit $status
