# tebiki — `make` installs what is missing, builds the generator and the
# example project; `make test` runs the whole suite.

CC      ?= cc
CXX     ?= c++
PKGS    := libcmark-gfm yaml-0.1 lua5.4 libunibreak harfbuzz harfbuzz-subset libpng zlib libutf8proc libqpdf
PKGS    += libmicrohttpd                      # tebiki serve
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
# The one C++ file, pdf/finish.cc (qpdf's C++ API: see its header
# comment). CFLAGS apply to it too; no vptr check, whose runtime part a
# C link leaves out.
CXXWARN := -std=c++17 -Wall -Wextra -Werror -Wno-unused-parameter -DPOINTERHOLDER_TRANSITION=4 \
           -fno-sanitize=vptr -fno-rtti
DEFS    := -DTEBIKI_DATADIR='"$(CURDIR)"'
LDLIBS  := -lcmark-gfm-extensions -lhpdf -lhyphen -lstdc++ -lpthread -lm

# Debian packages: to build, to run the example, to test, to benchmark.
DEB_BUILD := gcc g++ make pkg-config libc6-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libunibreak-dev \
             libyaml-dev liblua5.4-dev libhpdf-dev libharfbuzz-dev libpng-dev zlib1g-dev libutf8proc-dev libqpdf-dev fonts-ipaexfont fonts-ipafont-gothic
DEB_BUILD += libmicrohttpd-dev                # tebiki serve
DEB_BUILD += libhyphen-dev hyphen-en-us     # English hyphenation in the PDFs
DEB_BUILD += fonts-dejavu-core fonts-symbola  # the PDFs' fallback fonts (pdf.yaml fallback_fonts)
DEB_TEST  := libcmocka-dev tidy valgrind libxml2-utils python3 qpdf poppler-utils nodejs ghostscript man-db groff-base
DEB_TEST  += python3-pypdf              # the tagged-PDF checks (tests/e2e/pdftags.py)
DEB_TEST  += mupdf-tools                # MuPDF reads the PDFs too (tests/e2e/pdfreaders.sh)
DEB_TEST  += curl                       # tests/e2e/serve.sh fetches pages and events
DEB_BENCH := hugo time pandoc weasyprint
# The libFuzzer harnesses of tests/fuzz/ (clang and its runtime).
DEB_FUZZ  := clang libclang-rt-14-dev

# B is the build folder: build/ normally, build/asan for the sanitizers.
B   ?= build
SRC := $(shell find generator -name '*.c' -o -name '*.cc' | sort)
OBJ := $(patsubst generator/%.cc,$(B)/obj/%.o,$(SRC:generator/%.c=$(B)/obj/%.o))

.PHONY: install uninstall all deps deps-test deps-browser deps-pdfjs deps-bench deps-fuzz example test unit golden e2e asan valgrind bench fuzz fuzz-build clean regen emoji-table

all: deps build/tebiki example

# --- dependencies -----------------------------------------------------------
# As root, install what is missing; otherwise print the command and stop.
define need
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "missing Debian packages; run:"; \
			echo "  sudo apt-get install -y $$(echo $$missing)"; exit 1; \
		fi; \
	fi
endef

deps:
	$(call need,$(DEB_BUILD))
deps-test: deps
	$(call need,$(DEB_TEST))
# The browser test: Debian's Chromium driven by playwright-core from npm
# (it never downloads a browser of its own), axe-core (npm) checking
# every page against WCAG 2.1 AA. Node.js and npm: the
# machine's if it has them, else Debian's nodejs and npm.
DEB_BROWSER := chromium $$(command -v npm >/dev/null || echo nodejs npm)
deps-browser:
	$(call need,$(DEB_BROWSER))
	@[ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/axe-core ] || \
		npm ci --prefix tests/browser --no-audit --no-fund
# pdf.js (pdfjs-dist from npm) reads the PDFs as Firefox does, in
# Node.js (tests/e2e/pdfreaders.sh); the optional canvas is not needed.
deps-pdfjs: deps-browser
	@[ -d tests/e2e/pdfjs/node_modules/pdfjs-dist ] || npm ci --prefix tests/e2e/pdfjs --omit=optional --no-audit --no-fund
# The search benchmark's peer: Pagefind from npm (its binary is in the
# npm package); the browser part uses deps-browser's Chromium.
deps-bench: deps deps-browser
	$(call need,$(DEB_BENCH))
	@[ -x tests/bench/node_modules/.bin/pagefind ] || npm ci --prefix tests/bench --no-audit --no-fund
deps-fuzz: deps
	$(call need,$(DEB_FUZZ))

# --- the generator ----------------------------------------------------------
$(B)/obj/%.o: generator/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $$(pkg-config --cflags $(PKGS)) -MMD -MP -c $< -o $@
$(B)/obj/%.o: generator/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXWARN) $(CFLAGS) $(DEFS) $$(pkg-config --cflags $(PKGS)) -MMD -MP -c $< -o $@

# Lua that tebiki runs itself (script/prelude.lua), compiled in as a C string.
$(B)/gen/%.lua.h: generator/script/%.lua
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< >$@
$(B)/obj/script/filter.o: $(B)/gen/prelude.lua.h
$(B)/obj/script/filter.o: DEFS += -I$(B)/gen
# The live-reload script serve injects (serve/live.js), the same way.
$(B)/gen/%.js.h: generator/serve/%.js
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$$/\\n"/' $< >$@
$(B)/obj/serve/files.o: $(B)/gen/live.js.h
$(B)/obj/serve/files.o: DEFS += -I$(B)/gen

# The starter projects of `tebiki new` (generator/skel/KIND/…), compiled
# in as {"KIND/path", "text"} so an installed binary needs no data files.
SKEL := $(shell find generator/skel -type f | LC_ALL=C sort)
$(B)/gen/skel.h: $(SKEL)
	@mkdir -p $(dir $@)
	for f in $(SKEL); do \
		printf '{"%s",\n' "$${f#generator/skel/}"; \
		sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$$/\\n"/' "$$f"; \
		printf '},\n'; \
	done >$@
$(B)/obj/new.o: $(B)/gen/skel.h
$(B)/obj/new.o: DEFS += -I$(B)/gen

# GitHub's emoji shortcodes, from the npm package gemoji (tools/emoji):
# the table is committed, so building needs neither node nor the package.
emoji-table:
	npm ci --prefix tools/emoji --no-audit --no-fund
	node tools/emoji/gen.mjs >generator/input/emoji_table.h

$(B)/tebiki: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $$(pkg-config --libs $(PKGS)) $(LDLIBS)

-include $(OBJ:.o=.d)

example: build/tebiki
	build/tebiki build -C .

# --- installing ---------------------------------------------------------------
# make install PREFIX=/usr/local DESTDIR=: the binary, the default theme
# (which the binary finds in PREFIX/share/tebiki from wherever PREFIX
# ends up, see model/theme.c) and the man page. uninstall removes
# exactly those files, and the folders only when they are left empty.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/tebiki
MAN1DIR := $(PREFIX)/share/man/man1
THEME_FILES := $(shell find themes/default -type f | LC_ALL=C sort)
THEME_DIRS  := $(shell find themes/default -type d | LC_ALL=C sort)

install: $(B)/tebiki
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MAN1DIR)'
	install -m 755 $(B)/tebiki '$(DESTDIR)$(BINDIR)/tebiki'
	install -m 644 docs/tebiki.1 '$(DESTDIR)$(MAN1DIR)/tebiki.1'
	for d in $(THEME_DIRS); do install -d "$(DESTDIR)$(DATADIR)/$$d" || exit 1; done
	for f in $(THEME_FILES); do install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/tebiki' '$(DESTDIR)$(MAN1DIR)/tebiki.1'
	for f in $(THEME_FILES); do rm -f "$(DESTDIR)$(DATADIR)/$$f"; done
	for d in $$(printf '%s\n' $(THEME_DIRS) | LC_ALL=C sort -r) themes; do \
		rmdir "$(DESTDIR)$(DATADIR)/$$d" 2>/dev/null || true; done
	rmdir '$(DESTDIR)$(DATADIR)' 2>/dev/null || true

# --- tests ------------------------------------------------------------------
test: deps-test deps-browser deps-pdfjs deps-fuzz build/tebiki
	@tests/run.sh

SAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan: deps-test deps-browser deps-pdfjs
	$(MAKE) B=build/asan CFLAGS='$(SAN)' build/asan/tebiki
	B=build/asan UNIT_CFLAGS='$(SAN)' TEBIKI_FREE=1 tests/run.sh

valgrind: deps-test deps-browser deps-pdfjs build/tebiki
	TEBIKI_FREE=1 TEBIKI_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp' tests/run.sh

# --- fuzzing ----------------------------------------------------------------
# Each harness of tests/fuzz/ linked with the generator built by clang
# with libFuzzer, ASan and UBSan, in build/fuzz/. `make fuzz` runs each
# for FUZZ_SECONDS with a new seed each run (make test runs each with a
# fixed seed and a fixed number of runs, about 30 s: tests/fuzz/run.sh).
FUZZERS := md pdf yaml template
FUZZ_SAN := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SECONDS ?= 300
fuzz-build: deps-fuzz
	@$(MAKE) -s B=build/fuzz CC=clang CXX=clang++ CFLAGS='$(FUZZ_SAN)' $(FUZZERS:%=build/fuzz/fuzz_%)
$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(filter-out $(B)/obj/main.o,$(OBJ))
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer $(DEFS) -Igenerator $$(pkg-config --cflags $(PKGS)) \
		-o $@ $^ $$(pkg-config --libs $(PKGS)) $(LDLIBS)
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$${FUZZ_SEED:-0} tests/fuzz/run.sh

bench: deps-bench build/tebiki
	tests/bench/run.sh
	tests/bench/pdf.sh
	tests/bench/search.sh
	tests/bench/serve.py

clean:
	rm -rf build output
