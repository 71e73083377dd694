/* theme: where the project's theme lives: themes/NAME in the project,
 * else the default theme shipped with tebiki (TEBIKI_DATADIR). Shared
 * by the site (templates, assets) and the PDFs (pdf.yaml). */
#ifndef TEBIKI_THEME_H
#define TEBIKI_THEME_H

struct site;

/* The theme's folder, or NULL after reporting that it does not exist
 * (once per build: the answer is kept in s->theme_dir). *display is
 * its name in diagnostics ("themes/default"). Both stay owned by s. */
const char *theme_find(struct site *s, const char **display);
/* The default theme shipped with tebiki, for files outside a project. */
const char *theme_shipped(void);

#endif
