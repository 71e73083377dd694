#!/usr/bin/env bash
# Side by side with LuaTeX-ja: the first part of a lesson (default: the
# example's phishing lesson, its sections 1-1 and 1-2 with ruby) set by
# tebiki (render --pdf) and by pandoc + LuaLaTeX with luatexja-preset
# (IPAex, as tebiki's default theme), each page as a PNG to look at.
# Denden ruby {親|おや} becomes luatexja-ruby's \ruby for LuaTeX.
#
# Not part of make bench (TeX Live is a large install, and a first run
# builds its font cache for a minute). Needs, on Debian 12:
#   apt-get install --no-install-recommends texlive-luatex \
#     texlive-lang-japanese texlive-latex-recommended texlive-latex-extra lmodern
#
# Usage: tests/bench/lualatex.sh [LESSON.md [LINES [OUTDIR]]]
# Writes OUTDIR/tebiki-N.png and OUTDIR/lualatex-N.png (110 dpi).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
lesson=${1:-$root/content/lessons/phishing.md}
lines=${2:-85}
out=${3:-$root/build/lualatex}
tebiki=${TEBIKI:-$root/build/tebiki}

for t in pandoc lualatex pdftoppm; do
	command -v "$t" >/dev/null || {
		echo "lualatex.sh: $t not found (see the packages at the top of this script)" >&2
		exit 2
	}
done
mkdir -p "$out"
head -n "$lines" "$lesson" >"$out/text.md"
sed -E 's/\{([^{}|]+)\|([^{}]+)\}/\\ruby{\1}{\2}/g' "$out/text.md" >"$out/text-tex.md"
printf '%s\n' '\usepackage[ipaex]{luatexja-preset}' '\usepackage{luatexja-ruby}' >"$out/head.tex"

(cd "$out" && "$tebiki" render --pdf=tebiki.pdf text.md) || true
(cd "$out" && pandoc text-tex.md -o lualatex.pdf --pdf-engine=lualatex \
	-V documentclass=ltjsarticle -V classoption=a4paper -H head.tex)
rm -f "$out"/*.png
pdftoppm -png -r 110 "$out/tebiki.pdf" "$out/tebiki"
pdftoppm -png -r 110 "$out/lualatex.pdf" "$out/lualatex"
ls "$out"/*.png
