/* For unit tests: everything reported so far, as tebiki would print
 * it, and a fresh start (counts too) for the next case. */
#ifndef TEBIKI_DIAGTEST_H
#define TEBIKI_DIAGTEST_H
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"

static inline char *diagnostics(void)
{
	static char out[8192];
	struct buf b = {0};
	diag_format(&b);
	snprintf(out, sizeof out, "%s", b.p ? b.p : "");
	buf_free(&b);
	diag_reset();
	return out;
}

#endif
