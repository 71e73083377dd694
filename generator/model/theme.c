/* theme: looked up once and kept on the site, so the site and the PDF
 * back ends agree and a missing theme is reported once. */
#include "theme.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/confine.h"
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

/* A theme is named, not pathed: "../../elsewhere" would use templates
 * and publish assets from outside the project. */
static int theme_plain(const char *name)
{
	if (!name[0] || name[0] == '.')
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return 0;
	return 1;
}

static char *theme_lookup(struct site *s, char **display)
{
	struct meta *m = meta_get(s->config, "theme");
	const char *name = m ? meta_str(m) : "default";
	*display = NULL;
	if (m && (name == NULL || m->type == META_LIST || m->type == META_MAP)) {
		diag_error("site.yaml", m->line, m->col, "'theme' must be the name of a theme");
		return NULL;
	}
	if (m && !theme_plain(name)) {
		diag_error("site.yaml", m->line, m->col,
			   "theme '%s' is not a plain name (letters, digits, '-', '_', '.'): "
			   "a theme is a folder of themes/", name);
		return NULL;
	}
	char *rel = xasprintf("themes/%s", name);
	struct stat st;
	if (confine_stat(s->dir, rel, &st) == 0 && S_ISDIR(st.st_mode)) {
		*display = rel;
		return fs_join(s->dir, rel);
	}
	int e = errno;
	free(rel);
	if (e == EXDEV || e == ELOOP) {
		diag_error("site.yaml", m ? m->line : 0, m ? m->col : 0,
			   "theme '%s' not read: themes/%s: %s", name, name, confine_strerror(e));
		return NULL;
	}
	if (strcmp(name, "default") == 0 && fs_isdir(theme_shipped())) {
		*display = xstrdup(theme_shipped());
		return xstrdup(theme_shipped());
	}
	diag_error("site.yaml", m ? m->line : 0, m ? m->col : 0,
		   "theme '%s' not found (no themes/%s/ in the project)", name, name);
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
