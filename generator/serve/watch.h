/* watch: what changed in a project, from Linux inotify (the only file
 * that includes <sys/inotify.h>): site.yaml, content/, themes/, lua/
 * and the shipped theme, folders made, moved in or removed after the
 * start included. Editors' temporary and backup files are not changes. */
#ifndef TEBIKI_WATCH_H
#define TEBIKI_WATCH_H
#include <stddef.h>

struct watch;

/* Watches the project dir; also the folder extra (the shipped theme)
 * when it is not NULL, its paths reported as "@theme/…". NULL after a
 * message when inotify cannot be used. */
struct watch *watch_new(const char *dir, const char *extra);
void watch_free(struct watch *w);
/* For poll(): readable when events are waiting. */
int watch_fd(const struct watch *w);

/* Reads what is waiting and adds the project paths changed to the
 * set (sorted, each once): "content/lessons/a.md", "site.yaml". A
 * folder removed or moved away is reported as itself; "*" means events
 * were lost (anything may have changed). Returns how many it added. */
struct watch_set {
	char **paths;
	size_t n;
	int missing;	/* some path was removed and not (yet) made again */
};
size_t watch_read(struct watch *w, struct watch_set *set);
void watch_set_clear(struct watch_set *set);
/* Is a file of this name an editor's temporary or backup file? */
int watch_ignored(const char *name);

#endif
