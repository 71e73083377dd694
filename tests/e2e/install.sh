#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# make install into a temporary prefix (with DESTDIR, as a packager
# does): the installed binary builds a `tebiki new` project from another
# folder with the installed theme; `man tebiki` finds the page, and the
# page names the same options as `tebiki --help`; make uninstall
# removes exactly what was installed.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${B:=build}"
if [ ! -x "$TEBIKI" ]; then
	fail "install: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi
w=$TMPROOT/install
rm -rf "$w"
mkdir -p "$w/elsewhere"
stage=$w/stage
prefix=/opt/tebiki-test
p=$stage$prefix

if out=$(make -s -C "$ROOT" install B="$B" PREFIX="$prefix" DESTDIR="$stage" 2>&1); then
	ok "install: make install exits 0"
else
	fail "install: make install exits 0" "$(printf '%s' "$out" | tail -c 1500)"
	exit 0
fi
for f in bin/tebiki share/man/man1/tebiki.1 share/tebiki/themes/default/templates/page.html \
	share/tebiki/themes/default/pdf.yaml share/tebiki/themes/default/assets/css/site.css; do
	if [ -f "$p/$f" ]; then ok "install: $f"; else fail "install: $f" "not installed"; fi
done

# The installed theme is the one used: mark its base template and find
# the mark in what the installed binary builds, from a folder that is
# neither the prefix nor the source tree.
marker='<!-- installed theme -->'
sed -i "s|</body>|$marker</body>|" "$p/share/tebiki/themes/default/templates/base.html"
inst() { (cd "$w/elsewhere" && ${TEBIKI_WRAP:-} "$p/bin/tebiki" "$@"); }
if out=$(inst new proj 2>&1) && out=$(inst build -C proj 2>&1); then
	ok "install: the installed tebiki builds a new project from another folder"
else
	fail "install: the installed tebiki builds a new project from another folder" "$out"
fi
has "install: the site uses the installed theme" "$w/elsewhere/proj/output/site/index.html" "$marker"
if [ -s "$w/elsewhere/proj/output/pdf/textbook.pdf" ]; then
	ok "install: the installed tebiki writes the PDFs (pdf.yaml found)"
else
	fail "install: the installed tebiki writes the PDFs (pdf.yaml found)" "no textbook.pdf"
fi

# man tebiki, through MANPATH as a user's shell would find it
page=$(MANPATH="$p/share/man" MANWIDTH=100 man tebiki 2>&1 | col -b)
if grep -q 'tebiki build' <<<"$page" && grep -q 'EXIT STATUS' <<<"$page"; then
	ok "install: man tebiki shows the page"
else
	fail "install: man tebiki shows the page" "$(head -c 500 <<<"$page")"
fi
warn=$(groff -mandoc -ww -z "$p/share/man/man1/tebiki.1" 2>&1)
if [ -z "$warn" ]; then ok "install: the man page has no groff warnings"; else fail "install: the man page has no groff warnings" "$warn"; fi
# options: every -x / --xyz named in --help is in the man page and back
opts() { grep -oP '(?<![\w-])(--[a-z][a-z-]*|-[A-Za-z])(?![\w])' | sort -u; }
help_opts=$(tebiki --help | opts)
man_opts=$(opts <<<"$page")
if [ -n "$help_opts" ] && [ "$help_opts" = "$man_opts" ]; then
	ok "install: --help and the man page name the same options ($(wc -l <<<"$help_opts"))"
else
	fail "install: --help and the man page name the same options" \
		"$(diff <(echo "$help_opts") <(echo "$man_opts") | tr '\n' ' ')"
fi
# every command of --help has a section of its own in the man page
for cmd in $(tebiki --help | sed -n 's/^ *\(usage:\)\{0,1\} *tebiki \([a-z]\+\).*/\2/p' | sort -u); do
	if grep -qE "^ {5}$cmd( |$)" <<<"$page"; then ok "install: man page describes $cmd"; else fail "install: man page describes $cmd" "no entry"; fi
done

# uninstall leaves what it did not install
mkdir -p "$p/share/tebiki/themes/mine"
: >"$p/share/tebiki/themes/mine/keep"
if out=$(make -s -C "$ROOT" uninstall PREFIX="$prefix" DESTDIR="$stage" 2>&1); then
	ok "install: make uninstall exits 0"
else
	fail "install: make uninstall exits 0" "$out"
fi
left=$(cd "$stage" && find . -type f | sort | tr '\n' ' ')
if [ "$left" = "./opt/tebiki-test/share/tebiki/themes/mine/keep " ]; then
	ok "install: uninstall removes exactly what was installed"
else
	fail "install: uninstall removes exactly what was installed" "left: $left"
fi
rm -rf "$p/share/tebiki/themes/mine"
make -s -C "$ROOT" uninstall PREFIX="$prefix" DESTDIR="$stage" >/dev/null 2>&1
if [ ! -e "$p/share/tebiki" ]; then
	ok "install: uninstall removes share/tebiki once it is empty"
else
	fail "install: uninstall removes share/tebiki once it is empty" "$(cd "$stage" && find . | tr '\n' ' ')"
fi
