#!/usr/bin/env bash
# Builds each tests/unit/test_*.c against the generator's objects and
# runs it; cmocka prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
PKGS="libcmark-gfm yaml-0.1 lua5.4 libunibreak harfbuzz harfbuzz-subset libpng zlib libutf8proc libqpdf cmocka"
PKGS="$PKGS libmicrohttpd"
objs=$(find "$B/obj" -name '*.o' ! -path "$B/obj/main.o" | sort)
mkdir -p "$B/unit"
status=0
for src in tests/unit/test_*.c; do
	bin="$B/unit/$(basename "$src" .c)"
	# shellcheck disable=SC2086
	if ! cc -std=c11 -D_GNU_SOURCE -g -Wall -Wextra -Werror -Wno-unused-parameter ${UNIT_CFLAGS:-} \
		$(pkg-config --cflags $PKGS) -Igenerator -o "$bin" "$src" $objs \
		$(pkg-config --libs $PKGS) -lcmark-gfm-extensions -lhpdf -lhyphen -lstdc++ -lpthread -lm 2>"$bin.log"; then
		echo "not ok - compile $(basename "$src"): $(head -c 1500 "$bin.log")"
		status=1
		continue
	fi
	# shellcheck disable=SC2086
	CMOCKA_MESSAGE_OUTPUT=TAP ${TEBIKI_WRAP:-} "$bin" || status=1
done
exit $status
