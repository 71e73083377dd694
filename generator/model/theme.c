/* theme: looked up once and kept on the site, so the site and the PDF
 * back ends agree and a missing theme is reported once. */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"
#include "meta.h"
#include "site.h"

#ifndef TEBIKI_DATADIR
#define TEBIKI_DATADIR "."
#endif

const char *theme_shipped(void)
{
	return TEBIKI_DATADIR "/themes/default";
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
