/* diag: compiler-style diagnostics, collected from every thread and
 * printed sorted, so the output does not depend on scheduling. */
#ifndef TEBIKI_DIAG_H
#define TEBIKI_DIAG_H

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

void diag(enum diag_level level, const char *file, int line, int col,
	  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define diag_error(f, l, c, ...) diag(DIAG_ERROR, f, l, c, __VA_ARGS__)
#define diag_warning(f, l, c, ...) diag(DIAG_WARNING, f, l, c, __VA_ARGS__)

/* How many diagnostics this thread has given: a work item that gave
 * none can be kept and used again without them being lost. */
unsigned long diag_said_here(void);
/* While on, this thread's diagnostics are dropped: it repeats work
 * whose problems another thread reports. */
void diag_mute(int on);
int diag_errors(void);
int diag_warnings(void);
struct buf;
void diag_flush(void);		/* print everything collected so far */
void diag_format(struct buf *out);	/* the same, into out, and forget it */
void diag_reset(void);		/* forget everything, counts too */

#endif
