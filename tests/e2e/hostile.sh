#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Hostile input too big to keep in broken/: made here, each must end
# (no crash, no hang) with the exit status and the one diagnostic
# expected. Deep nesting is refused at a documented limit, reported
# once, at the place it is first passed; inputs that used to take
# minutes (a quadratic or cubic step) end at once: the timeout is only
# there so a regression fails instead of hanging the suite.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "hostile: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
if [ -n "${TEBIKI_WRAP:-}" ]; then
	limit=${E2E_TIMEOUT:-300}
else
	limit=${E2E_TIMEOUT:-30}
fi
h=$TMPROOT/hostile
rm -rf "$h"
mkdir -p "$h"

# project NAME: a small project in $h/NAME with one page, s/a.md.
project() {
	p=$h/$1
	rm -rf "$p"
	mkdir -p "$p/content/s"
	printf 'title: %s\n' "$1" >"$p/site.yaml"
	printf -- '---\ntitle: ページ\n---\n\n本文。\n' >"$p/content/s/a.md"
}

# expect NAME RC ERROR COMMAND...: COMMAND exits with RC, and its
# errors are exactly one, matching the extended regex ERROR (none when
# ERROR is empty).
expect() {
	local name=$1 want=$2 error=$3 err rc n
	shift 3
	# shellcheck disable=SC2097,SC2098
	err=$(TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" "$@" 2>&1 >/dev/null)
	rc=$?
	n=$(grep -c ': error: ' <<<"$err")
	if [ "$rc" -eq 124 ]; then
		fail "hostile: $name" "still running after ${limit}s"
	elif [ "$rc" -ne "$want" ]; then
		fail "hostile: $name" "exit $rc, expected $want: $(printf "%s" "$err" | head -c 600 | tr "\n" " ")"
	elif [ -z "$error" ] && [ "$n" -ne 0 ]; then
		fail "hostile: $name" "errors: $(printf "%s" "$err" | head -c 600 | tr "\n" " ")"
	elif [ -n "$error" ] && { [ "$n" -ne 1 ] || ! grep -Eq -- "$error" <<<"$err"; }; then
		fail "hostile: $name" "$n errors, expected one like '$error': $(printf "%s" "$err" | head -c 600 | tr "\n" " ")"
	else
		ok "hostile: $name"
	fi
}
py() { python3 -c "$1"; }

# --- Markdown ---------------------------------------------------------
md=$h/md
mkdir -p "$md"
py "print('- ' * 40000 + 'x')" >"$md/list.md"
expect "40,000 nested list items" 1 \
	'^.*/list\.md:1:101: error: Markdown nested more than 100 levels deep' \
	tebiki render "$md/list.md"
py "print('>' * 30000 + ' x')" >"$md/quote.md"
expect "30,000 nested block quotes in the PDF layout" 1 \
	'^.*/quote\.md:1:101: error: Markdown nested more than 100 levels deep' \
	tebiki render --dump=layout "$md/quote.md"
py "print('::: note\n' * 10000 + ':::\n' * 10000)" >"$md/divs.md"
expect "10,000 nested fenced divs: one error" 1 \
	'^.*/divs\.md:32:1: error: fenced divs nested more than 31 deep' \
	tebiki render "$md/divs.md"
py "print('*a* ' * 250000)" >"$md/inline.md"
expect "one line of 250,000 inline elements" 0 '' tebiki render "$md/inline.md"
py "print('[' * 200000 + 'a' + ']' * 200000)" >"$md/brackets.md"
expect "200,000 nested [ (a bracketed span's search)" 0 '' tebiki render "$md/brackets.md"
py "print('{' * 200000 + 'a' + '}' * 200000)" >"$md/braces.md"
expect "200,000 { on one line (ruby's \\{ check)" 0 '' tebiki render "$md/braces.md"
# a text with an @ is read twice: without cmark's autolink extension,
# then with it (input/md.c)
py "print(' '.join('a%d@example.jp' % i for i in range(100000)) + '\n\n' + '@' * 200000)" \
	>"$md/at.md"
expect "100,000 addresses and 200,000 @ (a page read twice)" 0 '' tebiki render "$md/at.md"
py "print('| a | b |\n|---|---|\n|' + 'x|' * 200000)" >"$md/row.md"
expect "a table row of 200,000 cells" 1 \
	"^.*/row\.md:3:2001: error: more than 1000 '\|' on one line" \
	tebiki render "$md/row.md"

project headings
{
	printf -- '---\ntitle: 見出し\n---\n\n'
	py "print('# 同じ見出し\\n\\n[リンク](#同じ見出し-4999)\\n\\n' * 5000)"
} >"$p/content/s/a.md"
expect "5,000 identical headings and links to them" 0 '' tebiki check -C "$p"

# --- YAML -------------------------------------------------------------
deep() { py "print('$1' * $2 + '$3' + '$4' * $2)"; }
project yaml
mkdir -p "$p/content/data" "$p/content/checklists"
printf 'x: %s\n' "$(deep '[' 40 '' ']')" >"$p/content/data/d.yaml"
expect "a data file 40 lists deep (the Lua stack)" 0 '' tebiki check -C "$p"
printf 'x: %s\n' "$(deep '{a: ' 63 1 '}')" >"$p/content/data/d.yaml"
printf 'title: yaml\ndeep: %s\n' "$(deep '[' 63 '' ']')" >"$p/site.yaml"
printf -- '---\ntitle: a\nx: %s\n---\nx\n' "$(deep '[' 63 '' ']')" >"$p/content/s/a.md"
expect "64 levels in a data file, site.yaml and front matter" 0 '' tebiki check -C "$p"
printf -- '---\ntitle: a\nx: %s\n---\nx\n' "$(deep '{a: ' 10000 1 '}')" >"$p/content/s/a.md"
expect "front matter 10,000 mappings deep" 1 \
	'^content/s/a\.md:3:256: error: YAML nested more than 64 levels deep$' tebiki check -C "$p"
# flat front matter is read by input/yamlflat, which counts each list
# item's column: from the last one, not from the line's start
py "print('---\ntitle: a\ntags: [' + ', '.join('タグ%d' % i for i in range(200000)) + ']\n---\nx')" \
	>"$p/content/s/a.md"
expect "front matter with a list of 200,000 tags on one line" 0 '' tebiki check -C "$p"
printf -- '---\ntitle: a\n---\nx\n' >"$p/content/s/a.md"
printf 'title: t\nitems: %s\n' "$(deep '[' 100000 '' ']')" >"$p/content/checklists/c.yaml"
expect "a checklist 100,000 lists deep" 1 \
	'^content/checklists/c\.yaml:2:71: error: YAML nested more than 64 levels deep$' tebiki check -C "$p"
rm "$p/content/checklists/c.yaml"
deep '- ' 100000 x '' >"$p/content/profiles.yaml"
expect "profiles.yaml 100,000 lists deep" 1 \
	'^content/profiles\.yaml:1:129: error: YAML nested more than 64 levels deep$' tebiki check -C "$p"
rm "$p/content/profiles.yaml"
mkdir -p "$p/themes"
cp -r "$ROOT/themes/default" "$p/themes/t"
printf 'title: yaml\ntheme: t\npublications:\n  - {id: b, kind: book, title: B, chapters: [s/a.md]}\n' >"$p/site.yaml"
printf 'page: %s\n' "$(deep '{a: ' 100000 1 '}')" >"$p/themes/t/pdf.yaml"
expect "pdf.yaml 100,000 mappings deep" 1 \
	'^themes/t/pdf\.yaml:1:259: error: YAML nested more than 64 levels deep$' tebiki check -C "$p"
rm -rf "$p/themes"
printf 'title: yaml\n' >"$p/site.yaml"
py "print(''.join('k%d: %d\\n' % (i, i) for i in range(200000)), end='')" >"$p/content/data/d.yaml"
expect "a mapping of 200,000 keys" 0 '' tebiki check -C "$p"
py "print(''.join('k%d: %d\\n' % (i, i) for i in range(100000)) + 'k5: 1')" >"$p/content/data/d.yaml"
expect "a duplicate key after 100,000 others" 1 \
	"^content/data/d\.yaml:100001:1: error: duplicate key 'k5'$" tebiki check -C "$p"

# --- images -----------------------------------------------------------
# zeros W H COLOUR FILE: a PNG of zeros, made in a moment however large
# it says it is (a deflate block after a full flush repeats).
zeros() {
	python3 - "$4" "$1" "$2" "$3" <<'PY'
import sys, struct, zlib
def png_zeros(path, w, h, ctype):
    chans = {0: 1, 2: 3, 6: 4}[ctype]
    n = h * (1 + w * chans)            # every filter byte and sample 0
    chunk = 1 << 20
    co = zlib.compressobj(9)
    block = co.compress(b'\0' * chunk) + co.flush(zlib.Z_FULL_FLUSH)
    head = block[:2]; block = block[2:]
    # a block after a full flush compresses the same: repeat it
    co2 = zlib.compressobj(9); co2.compress(b'\0' * chunk); co2.flush(zlib.Z_FULL_FLUSH)
    again = co2.compress(b'\0' * chunk) + co2.flush(zlib.Z_FULL_FLUSH)
    reps, rest = divmod(n, chunk)
    co3 = zlib.compressobj(9); co3.compress(b'\0' * chunk); co3.flush(zlib.Z_FULL_FLUSH)
    tail = co3.compress(b'\0' * rest) + co3.flush(zlib.Z_FINISH)
    tail = tail[:-4]                   # the Adler-32 is of this chunk only
    adler = struct.pack('>I', ((n % 65521) << 16) | 1)
    data = head + block + again * (reps - 1) + tail + adler if reps else zlib.compress(b'\0' * n, 9)
    def ch(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    ihdr = struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + ch(b'IHDR', ihdr) + ch(b'IDAT', data) + ch(b'IEND', b''))
png_zeros(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
PY
}
project images
mkdir -p "$p/content/images"
printf 'title: images\npublications:\n  - {id: b, kind: book, title: 本, chapters: [s/a.md]}\n' >"$p/site.yaml"
zeros 20000 20000 6 "$p/content/images/bomb.png"	# 1.5 MB, 1.6 GB of RGBA
printf -- '---\ntitle: 図\n---\n\n![爆弾](../images/bomb.png)\n' >"$p/content/s/a.md"
expect "a PNG of 20000 x 20000 RGBA (1.5 MB)" 1 \
	'^content/s/a\.md:5:1: error: \.\./images/bomb\.png: 20000x20000 pixels \(400 megapixels\) is more than an image may have' \
	tebiki build -C "$p" -o "$h/images-out"
zeros 9000 9000 2 "$p/content/images/big.png"	# 81 megapixels: allowed, scaled
printf -- '---\ntitle: 図\n---\n\n![大きな図](../images/big.png)\n' >"$p/content/s/a.md"
expect "a PNG of 9000 x 9000 pixels" 0 '' tebiki build -C "$p" -o "$h/images-out"
if w=$(pdfimages -list "$h/images-out/pdf/b.pdf" 2>&1 | awk 'NR == 3 { print $4 }') &&
	[ -n "$w" ] && [ "$w" -le 2000 ]; then
	ok "hostile: … is scaled to the text area at 300 dpi ($w pixels wide)"
else
	fail "hostile: … is scaled to the text area at 300 dpi" "width '$w' in the PDF"
fi

rm -rf "$h"
