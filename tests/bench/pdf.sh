#!/usr/bin/env bash
# make bench, PDF part: a 50-page and a 300-page Japanese textbook made
# from the example's lessons, typeset by tebiki (render --pdf) and by
# pandoc + WeasyPrint (the browser-engine way) from the same Markdown
# files, with the same fonts (IPAex Mincho, IPAex Gothic, IPA Gothic) on
# A4. Prints seconds, pages per second and file sizes, and the ratios,
# against the targets of issue 13: at least 50x faster per page, the
# 300-page book in under 0.3 s, and at most 70 % of WeasyPrint's bytes
# (tagging included in tebiki's; WeasyPrint's is not tagged).
#
# A report: it exits 0 whether or not the targets are met, non-zero only
# when something is broken (a tool fails or writes no PDF).
#
# Environment (all optional):
#   TEBIKI            tebiki binary (default: build/tebiki)
#   PDF_BENCH_PAGES   target sizes in tebiki pages (default: "50 300")
#   BENCH_RUNS        runs per tebiki build, best one counts (default: 3)
#   PEER_RUNS         runs per pandoc + WeasyPrint build (default: 1)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
tebiki=${TEBIKI:-$root/build/tebiki}
sizes=${PDF_BENCH_PAGES:-50 300}
runs=${BENCH_RUNS:-3}
peer_runs=${PEER_RUNS:-1}
target_ratio=50
target_300_ms=300
target_size=0.70

die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}
[[ -x $tebiki ]] || die "$tebiki not found: run 'make' first"
for t in pandoc weasyprint pdfinfo; do
	command -v "$t" >/dev/null || die "'$t' not found: apt-get install pandoc weasyprint poppler-utils"
done

if [[ -d /dev/shm && -w /dev/shm ]]; then tmpbase=/dev/shm; else tmpbase=${TMPDIR:-/tmp}; fi
work=$(mktemp -d "$tmpbase/tebiki-pdfbench.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000

now_us() {
	local t=${EPOCHREALTIME/[.,]/}
	printf '%s\n' "$((10#$t))"
}
secs() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
rate() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", n / (us / 1e6) }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# The chapters: the example's lessons, each with its title as a level-1
# heading, repeated in turn; images beside them as in content/.
lessons=()
for f in content/lessons/*.md; do
	[[ $(basename "$f") == _index.md ]] || lessons+=("$f")
done
((${#lessons[@]} > 0)) || die "no lessons in content/lessons"
mkdir -p "$work/images"
cp content/images/* "$work/images/" 2>/dev/null || true

# chapter N DIR: writes DIR/chNNNN.md from lesson N mod the count.
chapter() {
	local n=$1 dir=$2 src=${lessons[$(($1 % ${#lessons[@]}))]}
	local out
	out=$(printf '%s/ch%04d.md' "$dir" "$n")
	awk '
		NR == 1 && /^---$/ { fm = 1; next }
		fm && /^title:/ { sub(/^title: */, ""); title = $0; next }
		fm && /^---$/ { fm = 0; print "# " title; print ""; next }
		fm { next }
		{ gsub(/\]\([a-z-]+\.md(#[^)]*)?\)/, "](#)"); gsub(/\]\(\.\.\/cases\/[^)]*\)/, "](#)"); print }
	' "$src" >"$out"
}

cat >"$work/style.css" <<'EOF'
@page { size: A4; margin: 25mm 28mm 22mm 28mm;
  @bottom-center { content: counter(page); font: 8pt "IPAexGothic"; } }
body { font: 10pt/1.75 "IPAexMincho"; text-align: justify; line-break: strict; }
p { margin: 0; text-indent: 1em; }
h1, h2, h3, h4, strong, em, th { font-family: "IPAexGothic"; font-weight: normal; }
h1 { font-size: 20pt; page-break-before: always; border-bottom: 1.5pt solid #1f4e79; }
h2 { font-size: 14pt; border-bottom: 0.6pt solid #1f4e79; }
code, pre { font-family: "IPAGothic"; font-size: 8.5pt; }
pre { background: #f2f2f2; padding: 6pt; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
td, th { border: 0.5pt solid #9a9a9a; padding: 3pt 4.5pt; }
img { max-width: 100%; }
nav#TOC a { color: inherit; text-decoration: none; }
EOF

# timed DIR CMD...: runs CMD in DIR, sets last_us; fails the bench if
# it fails. No shell is started for it, so none is timed.
timed() {
	local dir=$1 start end
	shift
	start=$(now_us)
	(cd "$dir" && exec "$@") >"$work/log" 2>&1 || { sed -n '1,20p' "$work/log" >&2; die "failed: $*"; }
	end=$(now_us)
	last_us=$((end - start))
}

best() {	# best RUNS DIR CMD...: the fastest of RUNS runs in best_us
	local r=$1
	shift
	best_us=0
	for ((i = 0; i < r; i++)); do
		timed "$@"
		if ((best_us == 0 || last_us < best_us)); then best_us=$last_us; fi
	done
}

printf 'tebiki PDF bench: %s cores, on %s; tebiki best of %s, pandoc + WeasyPrint best of %s\n' \
	"$(nproc)" "$tmpbase" "$runs" "$peer_runs"
printf '  %s; %s; WeasyPrint %s\n\n' "$("$tebiki" --version)" "$(pandoc --version | head -n 1)" \
	"$(weasyprint --version | awk '{print $NF}')"
printf '%-6s %7s %9s %7s %8s   %7s %9s %7s %8s   %7s %6s\n' target pages 'tebiki s' pages/s KB \
	pages 'peer s' pages/s KB speed size
verdict_speed=PASS verdict_300=n/a verdict_size=PASS

for target in $sizes; do
	[[ $target =~ ^[1-9][0-9]*$ ]] || die "bad size '$target' in PDF_BENCH_PAGES"
	dir=$work/book$target
	mkdir -p "$dir"
	# add lessons until tebiki's book has the target's pages
	n=0
	while :; do
		chapter "$n" "$dir"
		n=$((n + 1))
		((n % 4 == 0 || n >= ${#lessons[@]})) || continue
		(cd "$dir" && "$tebiki" render --pdf="$dir/t.pdf" ch*.md >/dev/null 2>&1) || die "tebiki failed on $dir"
		(($(pages "$dir/t.pdf") >= target)) && break
	done
	files=()
	for f in "$dir"/ch*.md; do files+=("$(basename "$f")"); done
	best "$runs" "$dir" "$tebiki" render --pdf="$dir/t.pdf" "${files[@]}"
	t_us=$best_us t_pages=$(pages "$dir/t.pdf") t_size=$(stat -c %s "$dir/t.pdf")
	best "$peer_runs" "$dir" pandoc -s --toc --metadata title=テキスト -c "$work/style.css" \
		--pdf-engine=weasyprint -o "$dir/w.pdf" "${files[@]}"
	w_us=$best_us w_pages=$(pages "$dir/w.pdf") w_size=$(stat -c %s "$dir/w.pdf")
	# speed per page, so a difference in page count does not count
	speed=$(awk -v t="$t_us" -v tp="$t_pages" -v w="$w_us" -v wp="$w_pages" \
		'BEGIN { printf "%.0f", (w / wp) / (t / tp) }')
	size=$(awk -v t="$t_size" -v w="$w_size" 'BEGIN { printf "%.2f", t / w }')
	printf '%-6s %7s %9s %7s %8s   %7s %9s %7s %8s   %6sx %6s\n' "$target" "$t_pages" \
		"$(secs "$t_us")" "$(rate "$t_pages" "$t_us")" "$(kb "$t_size")" "$w_pages" \
		"$(secs "$w_us")" "$(rate "$w_pages" "$w_us")" "$(kb "$w_size")" "$speed" "$size"
	((speed >= target_ratio)) || verdict_speed=FAIL
	awk -v s="$size" -v m="$target_size" 'BEGIN { exit !(s > m) }' && verdict_size=FAIL
	if ((target == 300)); then
		if ((t_us < target_300_ms * 1000)); then verdict_300=PASS; else verdict_300=FAIL; fi
	fi
done
printf '(speed: pandoc + WeasyPrint seconds per page / tebiki seconds per page; size: tebiki / WeasyPrint bytes)\n'
printf 'targets: >= %sx faster: %s; 300 pages in < %s ms: %s; at most %s of WeasyPrint'"'"'s size: %s\n' \
	"$target_ratio" "$verdict_speed" "$target_300_ms" "$verdict_300" "$target_size" "$verdict_size"
exit 0
