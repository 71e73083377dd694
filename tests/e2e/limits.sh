#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runaway templates: whatever a template does, the build ends soon with
# exit 1 and a diagnostic naming the template (and its line where it can:
# an allocation refused inside a C function has none). Each case is one line of
# Lua put on line 3 of page.html of a small project made here, with
# limits: {instructions: 1000000, memory_mb: 32, seconds: 1}. The wording of the
# diagnostics is checked in broken/ (errors.sh); here only that the
# build stops, and where it says the problem is.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "limits: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi

# limits.seconds: tebiki's own wall-clock stop, for work the instruction
# count cannot see (C functions); the timeout here is the test's.
if [ -n "${TEBIKI_WRAP:-}" ]; then
	seconds=20 limit=${E2E_TIMEOUT:-60}
else
	seconds=1 limit=${E2E_TIMEOUT:-5}
fi

p=$TMPROOT/limits
rm -rf "$p"
mkdir -p "$p/content/s" "$p/themes/t/templates"
printf 'title: limits\ntheme: t\nlimits: {instructions: 1000000, memory_mb: 32, seconds: %s}\n' \
	"$seconds" >"$p/site.yaml"
printf -- '---\ntitle: ページ\n---\n\n本文。\n' >"$p/content/s/a.md"
for t in home section downloads 404; do
	printf '<p><%%= page.title %%></p>\n' >"$p/themes/t/templates/$t.html"
done
mkdir -p "$p/themes/t/templates/partials"
printf '<%%- include("partials/self.html") %%>\n' >"$p/themes/t/templates/partials/self.html"

# runaway NAME LUA: LUA must be stopped.
runaway() {
	local name=$1 code=$2 err rc
	printf '<h1><%%= page.title %%></h1>\n<%%- page.content %%>\n<%% %s %%>\n' "$code" \
		>"$p/themes/t/templates/page.html"
	# shellcheck disable=SC2097,SC2098
	err=$(TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" tebiki check -C "$p" 2>&1)
	rc=$?
	if [ "$rc" -eq 124 ]; then
		fail "limits: $name" "still running after ${limit}s: $code"
	elif [ "$rc" -ne 1 ]; then
		fail "limits: $name" "exit $rc, expected 1: $(printf '%s' "$err" | head -c 1000)"
	elif ! grep -Eq '^themes/t/templates/(page|partials/self)\.html(:[0-9]+)?: error: ' <<<"$err"; then
		fail "limits: $name" "no error naming the template: $(printf '%s' "$err" | head -c 1000)"
	else
		ok "limits: $name"
	fi
}

runaway "endless loop" 'while true do end'
runaway "endless recursion" 'local function f() return 1 + f() end f()'
runaway "a partial that includes itself" 'local s = include("partials/self.html")'
runaway "endless loop inside pcall" 'while true do pcall(function() while true do end end) end'
runaway "endless loop in a coroutine" 'coroutine.wrap(function() while true do end end)()'
runaway "endless loop in a table.sort comparator" 'table.sort({3, 2, 1, 5, 4}, function(a, b) while true do end end)'
runaway "endless loop in a __close handler" 'local x <close> = setmetatable({}, {__close = function() while true do end end}) error("x")'
runaway "endless loop in a __tostring" 'tostring(setmetatable({}, {__tostring = function() while true do end end}))'
runaway "memory bomb" 'local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1000) end'
runaway "one huge string" 'local s = string.rep("x", 1e9)'
runaway "string doubling" 'local s = "x" while true do s = s .. s end'
# The count hook does not run inside C functions or finalizers: these
# need limits.seconds (or no __gc).
runaway "endless loop in a __gc finalizer" 'setmetatable({}, {__gc = function() while true do end end})'
runaway "backtracking pattern (a*)^20 on 40 a" 'local s = ("a"):rep(40) s:find(("a*"):rep(20) .. "b")'
runaway "quadratic pattern .-b on 10^6 a" 'local s = ("a"):rep(1000000) s:find(".-b")'

# The watchdog says where it stopped the script and in what: the line
# that called the pattern function, in a template and in a filter.
# stopped NAME EXPECTED: tebiki check -C $p must print EXPECTED (an
# extended regex) as its one error.
stopped() {
	local err rc
	# shellcheck disable=SC2097,SC2098
	err=$(TEBIKI_WRAP="timeout $limit${TEBIKI_WRAP:+ $TEBIKI_WRAP}" tebiki check -C "$p" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -Eq -- "$2" <<<"$err" && [ "$(grep -c ': error: ' <<<"$err")" -eq 1 ]; then
		ok "limits: $1"
	else
		fail "limits: $1" "exit $rc: $(printf '%s' "$err" | head -c 1000)"
	fi
}
printf '<h1><%%= page.title %%></h1>\n<%%\n  local s = ("a"):rep(40)\n  for x in s:gmatch(("a*"):rep(20) .. "b") do end\n%%>\n' \
	>"$p/themes/t/templates/page.html"
stopped "the watchdog names the template's line and string.gmatch" \
	'^themes/t/templates/page\.html:4: error: still running after [0-9]+ s \(limits\.seconds in site\.yaml\): stopped in string\.gmatch: a pattern that backtracks'
printf '<h1><%%= page.title %%></h1>\n' >"$p/themes/t/templates/page.html"
mkdir -p "$p/lua/filters"
printf 'return {\n  {\n    Para = function(el)\n      local s = ("a"):rep(40)\n      s:find(("a*"):rep(20) .. "b")\n    end,\n  },\n}\n' \
	>"$p/lua/filters/slow.lua"
printf 'title: limits\ntheme: t\nfilters: [filters/slow.lua]\nlimits: {instructions: 1000000, memory_mb: 32, seconds: %s}\n' \
	"$seconds" >"$p/site.yaml"
stopped "the watchdog names the filter's line and string.find" \
	'^lua/filters/slow\.lua:5: error: still running after [0-9]+ s \(limits\.seconds in site\.yaml\): stopped in string\.find: a pattern'
rm -rf "$p"
