/* fuzz_template: a theme template compiled to Lua (<% %>, <%= %>,
 * <%- %>, includes), loaded into a sandboxed state and rendered as the
 * 404 page of a small site, within small limits (instructions, memory,
 * and the watchdog's seconds). The site and the state are made once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/watchdog.h"
#include "input/load.h"
#include "input/md.h"
#include "model/meta.h"
#include "model/site.h"
#include "passes/organize.h"
#include "passes/profile.h"
#include "script/lua.h"
#include "script/sandbox.h"
#include "script/template.h"

static struct site site;
static struct script *S;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	md_init();
	const char *dir = getenv("TEBIKI_FUZZ_PROJECT");
	if (load_site(&site, dir ? dir : TEBIKI_DATADIR "/tests/e2e/fixtures/basic", 1, NULL) != 0) {
		diag_flush();
		abort();
	}
	profile_site(&site);
	organize_site(&site);
	S = script_new(&(struct script_limits){100000, 32u << 20});
	if (S == NULL || script_set_site(S, &site, "fuzz") < 0) {
		diag_flush();
		abort();
	}
	watchdog_limit(5);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf lua = {0}, out = {0};
	const char *file = "themes/t/templates/404.html";
	if (template_compile(file, (const char *)data, size, &lua) == 0 &&
	    script_load_template(S, "404.html", file, lua.p ? lua.p : "", lua.n, 1) == 0)
		script_render(S, &(struct script_req){.kind = SCRIPT_404, .template = "404.html",
			.template_file = file, .url = "404.html", .title = "404"}, &out);
	buf_free(&lua);
	buf_free(&out);
	diag_reset();
	/* what this input made goes now, not in a later input's run (or
	 * libFuzzer counts it as a leak and scans the heap every time) */
	lua_gc(script_L(S), LUA_GCCOLLECT);
	return 0;
}
