/* watchdog: the last guard against a script that never returns. The
 * instruction limit cannot fire inside a C function (a pathological
 * string pattern can run for hours in one call), so a thread watches
 * the wall-clock time of every script call and, past the limit, reports
 * the script, removes the unfinished output and ends the process. */
#ifndef TEBIKI_WATCHDOG_H
#define TEBIKI_WATCHDOG_H

/* Seconds a single script call may take (0: no watchdog). */
void watchdog_limit(int seconds);
/* The folder to remove before exiting (the build's staging folder). */
void watchdog_cleanup(const char *path);
/* Around a script call; what names it (template or filter file); where
 * and line, if not NULL, are kept up to date by the caller with the
 * script's current position, and *busy (if busy is not NULL) names the
 * C function it is in when that may run long ("string.find"), else is
 * NULL. The returned slot goes to watchdog_leave. */
int watchdog_enter(const char *what, const char *where, const int *line,
		   const char *const *busy);
void watchdog_leave(int slot);
/* Ends the watching thread (at the end of a build). */
void watchdog_stop(void);

#endif
