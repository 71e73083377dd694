/* files: what the preview server answers. Only regular files of the
 * built site, found without following a symbolic link, under a path
 * with no "..", "." or empty segment, no NUL and no bad escape; HTML
 * gets the live-reload script and, while the sources have errors, the
 * overlay listing them. Everything else is 400, 404 (the theme's 404
 * page) or 405. */
#ifndef TEBIKI_FILES_H
#define TEBIKI_FILES_H

struct events;
struct http_response;

struct files;

/* root: the built site (it may not exist yet); id: this server's, so
 * pages from an earlier one reload when it restarts. */
struct files *files_new(const char *root, struct events *ev, const char *id);
void files_free(struct files *f);
/* The diagnostics as the terminal prints them while the sources have
 * errors, or NULL; built: a good build has been served. */
void files_set_state(struct files *f, const char *errors, int built);
/* An http_handler: ctx is the struct files. */
void files_answer(void *ctx, const char *method, const char *path, struct http_response *r);
/* "text/html; charset=utf-8" for "x.html": the type served for a name. */
const char *files_type(const char *name);

#endif
