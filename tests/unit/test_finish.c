/* pdf/finish: what libqpdf is given, when it is not a PDF, ends in a
 * reason and no file; the C++ exceptions never cross into C. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/draw.h"
#include "pdf/finish.h"
#include "pdf/tags.h"

static void refused(const char *bytes, size_t len)
{
	struct draw_doc d;
	struct tags t;
	memset(&d, 0, sizeof d);
	memset(&t, 0, sizeof t);
	t.root = -1;
	struct finish f = {&d, &t, NULL, 0};
	char path[] = "/tmp/tebiki-finish-XXXXXX", why[256] = "";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(finish_write(bytes, len, &f, path, why, sizeof why), -1);
	assert_non_null(strstr(why, "qpdf cannot read what libharu wrote: "));
	assert_int_equal(access(path, F_OK), -1);	/* nothing half-written */
}

static void not_a_pdf(void **state)
{
	refused("not a pdf at all", 16);
}

static void empty(void **state)
{
	refused("", 0);
}

static void truncated(void **state)
{
	refused("%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", 46);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(not_a_pdf),
		cmocka_unit_test(empty),
		cmocka_unit_test(truncated),
	};
	return cmocka_run_group_tests_name("pdf/finish", tests, NULL, NULL);
}
