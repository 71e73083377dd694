#!/usr/bin/env bash
# make bench, search part: a generated 10,000-page Japanese site
# (gensearch.py: the example's own sentences and headings, some passages
# and pages for one industry or size) built by tebiki with the default
# theme, and Pagefind (npm pagefind, its binary from the npm package,
# run with npx) indexing the same built HTML. Prints, for each:
#
#   bytes loaded   what the browser received for search to answer a
#                  two-term Japanese query and show its first 10 results
#                  (scripts and index; not the page's own HTML and CSS),
#                  from a plain HTTP server (no compression)
#   first result   milliseconds from opening the search page to the first
#                  result on screen, headless Chromium (median of runs)
#   index size     bytes on disk (tebiki: search/; Pagefind: pagefind/,
#                  its UI files included)
#   build added    seconds: tebiki with the search page against tebiki
#                  with a copy of the theme without it; Pagefind's run
#
# The target: tebiki loads under 300 KB for the query, and no more than
# Pagefind. A report: it exits 0 whether or not the target is met, and
# non-zero only when something is broken.
#
# Environment (all optional):
#   TEBIKI             tebiki binary (default: build/tebiki)
#   SEARCH_BENCH_PAGES pages (default: 10000)
#   SEARCH_QUERY       the query (default: パスワード 管理)
#   BENCH_RUNS         runs per build and per browser measurement (default: 3)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
tebiki=${TEBIKI:-$root/build/tebiki}
n=${SEARCH_BENCH_PAGES:-10000}
query=${SEARCH_QUERY:-パスワード 管理}
runs=${BENCH_RUNS:-3}
target_kb=300

die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}
[[ -x $tebiki ]] || die "$tebiki not found: run 'make' first"
[[ -x tests/bench/node_modules/.bin/pagefind ]] || die "pagefind not installed: run 'make deps-bench'"
[[ -d tests/browser/node_modules/playwright-core ]] || die "playwright-core not installed: run 'make deps-browser'"
[[ $n =~ ^[1-9][0-9]*$ ]] || die "SEARCH_BENCH_PAGES must be a number"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number"

if [[ -d /dev/shm && -w /dev/shm ]]; then tmpbase=/dev/shm; else tmpbase=${TMPDIR:-/tmp}; fi
work=$(mktemp -d "$tmpbase/tebiki-searchbench.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

now_us() {
	local t=${EPOCHREALTIME/[.,]/}
	printf '%s\n' "$((10#$t))"
}
min0() { if (($1 == 0 || $2 < $1)); then echo "$2"; else echo "$1"; fi; }
secs() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1e6 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# Two projects with the same content: with the default theme (search),
# and with a copy of it without search.html (no index).
python3 tests/bench/gensearch.py "$n" "$work/with" "$root"
cp -r "$work/with" "$work/without"
mkdir -p "$work/without/themes"
cp -r themes/default "$work/without/themes/nosearch"
rm "$work/without/themes/nosearch/templates/search.html"
printf 'theme: nosearch\n' >>"$work/without/site.yaml"

# build PROJECT: best wall time of $runs builds, in microseconds
build() {
	local best=0 start end
	for ((r = 1; r <= runs; r++)); do
		rm -rf "$1/out"
		start=$(now_us)
		"$tebiki" build -C "$1" -o "$1/out" >"$work/build.log" 2>&1 ||
			die "tebiki build of $1 failed: $(head -c 1000 "$work/build.log")"
		end=$(now_us)
		best=$(min0 "$best" $((end - start)))
	done
	echo "$best"
}
t_without=$(build "$work/without")
t_with=$(build "$work/with")
site=$work/with/out/site
[[ -f $site/search/meta.js ]] || die "tebiki wrote no search index"
[[ ! -e $work/without/out/site/search ]] || die "the theme without search.html still got an index"
added_us=$((t_with - t_without))
size_t=$(du -sb "$site/search" | cut -f 1)

start=$(now_us)
npm exec --prefix tests/bench --offline -- pagefind --site "$site" >"$work/pagefind.log" 2>&1 ||
	die "pagefind failed: $(tail -c 1000 "$work/pagefind.log")"
end=$(now_us)
pf_us=$((end - start))
size_p=$(du -sb "$site/pagefind" | cut -f 1)

json=$(node tests/bench/search.js "$site" "$query" "$runs") || die "the browser measurement failed"
field() { node -e 'const o = JSON.parse(process.argv[1]); console.log(o[process.argv[2]][process.argv[3]])' "$json" "$1" "$2"; }
bt=$(field tebiki bytes) bp=$(field pagefind bytes)
mt=$(field tebiki ms) mp=$(field pagefind ms)
ht=$(field tebiki total) hp=$(field pagefind total)

printf 'search bench: %s generated Japanese pages, query 「%s」, %s cores, median of %s runs\n' \
	"$n" "$query" "$(nproc)" "$runs"
printf '  tebiki:   %s\n  pagefind: %s\n\n' "$("$tebiki" --version)" \
	"$(npm exec --prefix tests/bench --offline -- pagefind --version 2>/dev/null | tail -n 1)"
printf '%-34s %14s %14s\n' '' tebiki pagefind
printf '%-34s %11s KB %11s KB\n' 'bytes loaded for the query' "$(kb "$bt")" "$(kb "$bp")"
printf '%-34s %11.0f ms %11.0f ms\n' 'time to first result (Chromium)' "$mt" "$mp"
printf '%-34s %11s MB %11s MB\n' 'index size on disk' "$(mb "$size_t")" "$(mb "$size_p")"
printf '%-34s %12s s %12s s\n' 'build time added' "$(secs "$added_us")" "$(secs "$pf_us")"
printf '%-34s %14s %14s\n' 'results found' "$ht" "$hp"
printf '(tebiki builds the whole site in %s s, %s s without search)\n' "$(secs "$t_with")" "$(secs "$t_without")"
if ((bt < target_kb * 1024 && bt <= bp)); then verdict=PASS; else verdict=FAIL; fi
printf 'target: under %s KB for the query and no more than Pagefind: %s\n' "$target_kb" "$verdict"
exit 0
