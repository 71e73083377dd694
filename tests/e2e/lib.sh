# shellcheck shell=bash
# Shared by the end-to-end tests: source it, then call check/ok/fail.
# Each test prints one TAP line: "ok - NAME" or "not ok - NAME: why".
set -u
: "${TEBIKI:?run through tests/run.sh}"
: "${TMPROOT:=$(mktemp -d)}"

ok() { echo "ok - $1"; }
fail() { echo "not ok - $1: $2"; }

# check NAME COMMAND...: ok when the command succeeds.
check() {
	local name=$1
	shift
	local out
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		fail "$name" "$(printf '%s' "$out" | head -c 2000)"
	fi
}

# has NAME FILE TEXT / lacks NAME FILE TEXT: fixed-string search.
has() {
	if [ ! -f "$2" ]; then
		fail "$1" "no file ${2#"$TMPROOT"/}"
	elif grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		fail "$1" "'$3' not in ${2#"$TMPROOT"/}"
	fi
}
lacks() {
	local where
	if [ ! -e "$2" ]; then
		fail "$1" "no ${2#"$TMPROOT"/}"
	elif where=$(grep -rlF -- "$3" "$2"); then
		fail "$1" "'$3' found in: $(printf '%s' "$where" | tr '\n' ' ')"
	else
		ok "$1"
	fi
}

# tebiki ARGS...: the binary under test, under $TEBIKI_WRAP if set.
tebiki() {
	# shellcheck disable=SC2086
	${TEBIKI_WRAP:-} "$TEBIKI" "$@"
}

# tidy_quiet FILE: tidy's warnings and errors for FILE (nothing when it is
# clean), less the ARIA 1.1 attributes tidy 5.6 does not know yet
# (aria-current, aria-keyshortcuts: both in WAI-ARIA 1.1 and HTML).
tidy_quiet() {
	tidy -q -e "$1" 2>&1 | grep -v -E 'proprietary attribute "aria-(current|keyshortcuts)"'
	return 0
}
