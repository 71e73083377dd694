#!/usr/bin/env bash
# make bench: build the same generated corpus with tebiki and with Hugo and
# compare pages per second, plus tebiki's peak RSS.
#
# It is a report: it exits 0 whether or not the target is met, and non-zero
# only if something is broken (a build fails or writes the wrong pages).
#
# Environment (all optional):
#   TEBIKI       tebiki binary            (default: build/tebiki)
#   TEBIKI_ARGS  extra arguments for `tebiki build`, e.g. "-j 1"
#   HUGO         hugo binary              (default: hugo)
#   BENCH_SIZES  corpus sizes in pages    (default: "1000 10000")
#   BENCH_RUNS   runs per build, best one counts (default: 3)
#   CC           C compiler for gencorpus (default: cc)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

tebiki=${TEBIKI:-$root/build/tebiki}
hugo=${HUGO:-hugo}
sizes=${BENCH_SIZES:-1000 10000}
runs=${BENCH_RUNS:-3}
timebin=/usr/bin/time
target_ratio=5
target_rss_mb=200
target_pages=10000

die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}

[[ -x $tebiki ]] || die "$tebiki not found or not executable: run 'make' first"
command -v "$hugo" >/dev/null || die "'$hugo' not found: apt-get install hugo"
[[ -x $timebin ]] || die "$timebin not found: apt-get install time"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number"

read -r -a tebiki_args <<<"${TEBIKI_ARGS:-}"

mkdir -p build/bench
"${CC:-cc}" -std=c99 -O2 -Wall -Wextra -Werror \
	-o build/bench/gencorpus tests/bench/gencorpus.c

# tmpfs if there is one: creating files on disk costs more than rendering
# them and would hide the difference between the two generators.
if [[ -d /dev/shm && -w /dev/shm ]]; then
	tmpbase=/dev/shm
else
	tmpbase=${TMPDIR:-/tmp}
fi
work=$(mktemp -d "$tmpbase/tebiki-bench.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
export HUGO_CACHEDIR=$work/hugo-cache

# microseconds since the epoch, independent of the locale's decimal point
now_us() {
	local t=${EPOCHREALTIME/[.,]/}
	printf '%s\n' "$((10#$t))"
}

# run_build TOOL N PROJ OUT: one timed build; sets last_us and last_rss_kb.
run_build() {
	local tool=$1 n=$2 proj=$3 out=$4 log=$work/$1.log start end
	local -a cmd
	rm -rf -- "$out"
	case $tool in
	tebiki) cmd=("$tebiki" build -C "$proj" -o "$out" "${tebiki_args[@]}") ;;
	hugo) cmd=("$hugo" --quiet -s "$proj" -d "$out") ;;
	esac
	start=$(now_us)
	if ! "$timebin" -f %M -o "$work/rss" "${cmd[@]}" >"$log" 2>&1; then
		printf 'bench: %s build of %s pages failed:\n  %s\n' "$tool" "$n" "${cmd[*]}" >&2
		sed -n '1,40p' "$log" >&2
		exit 1
	fi
	end=$(now_us)
	last_us=$((end - start))
	last_rss_kb=$(tail -n 1 "$work/rss")
	[[ $last_rss_kb =~ ^[0-9]+$ ]] || die "cannot read peak RSS from $timebin"
	check_output "$tool" "$n" "$out"
}

# check_output TOOL N OUT: the build wrote N pages with real content, so a
# build that silently skips or empties pages cannot look fast.
check_output() {
	local tool=$1 n=$2 out=$3 count sample
	count=$(find "$out" -type f -path '*/s[0-9][0-9]/p[0-9]*.html' | wc -l)
	if ((count != n)); then
		die "$tool wrote $count page files (sNN/pNNNNN.html) for $n pages in $out"
	fi
	sample=$(find "$out" -type f -path '*/s00/p00000.html' | head -n 1)
	[[ -n $sample ]] || die "$tool wrote no s00/p00000.html"
	local want
	for want in '<h1>' '<h2' '<table' '<ol>' '<ul>' '<code' '<pre'; do
		grep -q -- "$want" "$sample" ||
			die "$tool: $sample has no $want: the Markdown was not rendered"
	done
}

# seconds with 3 decimals from microseconds
secs() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
max() { if (($2 > $1)); then echo "$2"; else echo "$1"; fi; }
min0() { if (($1 == 0 || $2 < $1)); then echo "$2"; else echo "$1"; fi; } # 0 = unset
rate() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", n / (us / 1e6) }'; }

printf 'tebiki bench: %s cores, corpora on %s, best of %s runs\n' \
	"$(nproc)" "$tmpbase" "$runs"
printf '  tebiki: %s\n  hugo:   %s\n\n' \
	"$("$tebiki" --version 2>/dev/null | head -n 1 || echo "$tebiki")" \
	"$("$hugo" version 2>/dev/null | head -n 1)"

rows=()
hugo_rss=""
verdict_ratio=""
max_rss_kb=0

for n in $sizes; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "bad corpus size '$n' in BENCH_SIZES"
	corpus=$work/c$n
	build/bench/gencorpus "$n" "$corpus" 2>/dev/null
	best_t=0 best_h=0 rss_t=0 rss_h=0
	for ((r = 1; r <= runs; r++)); do
		# alternate the two so that a slow moment of the machine hits both
		run_build tebiki "$n" "$corpus/tebiki" "$corpus/out-tebiki"
		best_t=$(min0 "$best_t" "$last_us")
		rss_t=$(max "$rss_t" "$last_rss_kb")
		run_build hugo "$n" "$corpus/hugo" "$corpus/out-hugo"
		best_h=$(min0 "$best_h" "$last_us")
		rss_h=$(max "$rss_h" "$last_rss_kb")
	done
	rm -rf -- "$corpus"
	max_rss_kb=$(max "$max_rss_kb" "$rss_t")
	ratio=$(awk -v t="$best_t" -v h="$best_h" 'BEGIN { printf "%.2f", h / t }')
	if ((n == target_pages)); then verdict_ratio=$ratio; fi
	rows+=("$(printf '%-8s %9s %8s %9s %8s %7s %14s MB' "$n" \
		"$(secs "$best_t")" "$(rate "$n" "$best_t")" \
		"$(secs "$best_h")" "$(rate "$n" "$best_h")" "$ratio" \
		"$(mb "$rss_t")")")
	hugo_rss+="${hugo_rss:+, }$n pages $(mb "$rss_h") MB"
done

printf '%-8s %9s %8s %9s %8s %7s %17s\n' corpus 'tebiki s' pages/s 'hugo s' pages/s ratio 'tebiki peak RSS'
printf '%s\n' "${rows[@]}"
printf '(hugo peak RSS: %s)\n' "$hugo_rss"

rss_ok=$(awk -v k="$max_rss_kb" -v lim="$target_rss_mb" 'BEGIN { print (k / 1024 < lim) ? 1 : 0 }')
if [[ -z $verdict_ratio ]]; then
	printf 'target: ratio >= %s at %s pages, peak RSS < %s MB: n/a (%s pages not in BENCH_SIZES)\n' \
		"$target_ratio" "$target_pages" "$target_rss_mb" "$target_pages"
else
	ratio_ok=$(awk -v r="$verdict_ratio" -v t="$target_ratio" 'BEGIN { print (r >= t) ? 1 : 0 }')
	if ((ratio_ok && rss_ok)); then verdict=PASS; else verdict=FAIL; fi
	printf 'target: ratio >= %s at %s pages, peak RSS < %s MB: %s\n' \
		"$target_ratio" "$target_pages" "$target_rss_mb" "$verdict"
fi
exit 0
