/* finish: libharu's file read back from memory by libqpdf and written
 * again. Streams libharu compressed are copied as they are (decode
 * level none: nothing is inflated and deflated again); streams without
 * a filter are compressed. */
#include "finish.h"

#include <qpdf/qpdf-c.h>
#include <stdio.h>

static int finish_failed(qpdf_data q, const char *what, char *why, size_t whylen)
{
	qpdf_error e = qpdf_get_error(q);
	snprintf(why, whylen, "qpdf cannot %s: %s", what,
		 e ? qpdf_get_error_full_text(q, e) : "unknown error");
	return -1;
}

int finish_write(const void *pdf, size_t len, const char *path, char *why, size_t whylen)
{
	qpdf_data q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = 0;
	if (qpdf_read_memory(q, path, pdf, (unsigned long long)len, NULL) & QPDF_ERRORS) {
		rc = finish_failed(q, "read what libharu wrote", why, whylen);
	} else if (qpdf_init_write(q, path) & QPDF_ERRORS) {
		rc = finish_failed(q, "open the file", why, whylen);
	} else {
		qpdf_set_object_stream_mode(q, qpdf_o_generate);
		qpdf_set_decode_level(q, qpdf_dl_none);
		qpdf_set_compress_streams(q, QPDF_TRUE);
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
		qpdf_force_pdf_version(q, "1.7");
		if (qpdf_write(q) & QPDF_ERRORS)
			rc = finish_failed(q, "write the file", why, whylen);
	}
	qpdf_cleanup(&q);
	return rc;
}
