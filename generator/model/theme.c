/* theme: looked up once and kept on the site, so the site and the PDF
 * back ends agree and a missing theme is reported once. */
#include "theme.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"
#include "meta.h"
#include "site.h"

#ifndef TEBIKI_DATADIR
#define TEBIKI_DATADIR "."
#endif

static char theme_shipped_dir[PATH_MAX + 64];
static pthread_once_t theme_shipped_once = PTHREAD_ONCE_INIT;

/* An installed tebiki (make install: PREFIX/bin/tebiki) finds its theme
 * in PREFIX/share/tebiki, wherever PREFIX is (so DESTDIR staging and a
 * moved tree work too); a tebiki run from its build folder finds the
 * source tree's, compiled in as TEBIKI_DATADIR. */
static void theme_locate(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 2 && (slash = strrchr(exe, '/')) != NULL; up++)
			*slash = '\0';	/* PREFIX/bin/tebiki → PREFIX */
		snprintf(theme_shipped_dir, sizeof theme_shipped_dir,
			 "%s/share/tebiki/themes/default", exe);
		if (fs_isdir(theme_shipped_dir))
			return;
	}
	snprintf(theme_shipped_dir, sizeof theme_shipped_dir, "%s", TEBIKI_DATADIR "/themes/default");
}

const char *theme_shipped(void)
{
	pthread_once(&theme_shipped_once, theme_locate);
	return theme_shipped_dir;
}

static char *theme_lookup(struct site *s, char **display)
{
	const char *name = site_config_str(s, "theme", "default");
	char *local = xasprintf("%s/themes/%s", s->dir, name);
	if (fs_isdir(local)) {
		*display = xasprintf("themes/%s", name);
		return local;
	}
	free(local);
	if (strcmp(name, "default") == 0 && fs_isdir(theme_shipped())) {
		*display = xstrdup(theme_shipped());
		return xstrdup(theme_shipped());
	}
	struct meta *m = meta_get(s->config, "theme");
	diag_error("site.yaml", m ? m->line : 0, m ? m->col : 0,
		   "theme '%s' not found (no themes/%s/ in the project)", name, name);
	*display = NULL;
	return NULL;
}

const char *theme_find(struct site *s, const char **display)
{
	if (s->theme_dir == NULL && s->theme_name == NULL) {
		s->theme_dir = theme_lookup(s, &s->theme_name);
		if (s->theme_dir == NULL)
			s->theme_name = xstrdup("");	/* reported */
	}
	*display = s->theme_name;
	return s->theme_dir;
}
