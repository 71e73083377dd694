/* fence: a line scanner. It keeps track of fenced code blocks so a
 * ":::" inside code stays code. */
#include "fence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"

#define FENCE_MARK "<!--tebiki-fence:"

/* Length of the container prefix: blanks and block-quote markers. */
static size_t fence_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	return i;
}

/* A code fence (``` or ~~~) opens or closes here? Returns its char. */
static char fence_code(const char *s, size_t n, size_t *run)
{
	if (n < 3 || (s[0] != '`' && s[0] != '~'))
		return 0;
	size_t i = 0;
	while (i < n && s[i] == s[0])
		i++;
	if (i < 3)
		return 0;
	*run = i;
	return s[0];
}

void fence_scan(const char *text, size_t len, int line_offset,
		struct fence_table *ft, struct buf *out)
{
	const char *s = text, *end = text + len;
	int line = line_offset + 1;
	char code = 0;
	size_t code_run = 0;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t n = eol ? (size_t)(eol - s) : (size_t)(end - s);
		size_t p = fence_prefix(s, n);
		const char *t = s + p;
		size_t tn = n - p, run;
		char c = fence_code(t, tn, &run);
		if (code) {
			if (c == code && run >= code_run)
				code = 0;
		} else if (c) {
			code = c;
			code_run = run;
		} else if (tn >= 3 && memcmp(t, ":::", 3) == 0) {
			size_t i = 0;
			while (i < tn && t[i] == ':')
				i++;
			size_t j = tn;
			while (j > i && (t[j - 1] == ' ' || t[j - 1] == '\t' ||
					 t[j - 1] == '\r' || t[j - 1] == ':'))
				j--;
			size_t k = i;
			while (k < j && (t[k] == ' ' || t[k] == '\t'))
				k++;
			ft->v = xrealloc(ft->v, (ft->n + 1) * sizeof *ft->v);
			struct fence *f = &ft->v[ft->n];
			f->close = k == j;
			f->info = xstrndup(t + k, j - k);
			f->line = line;
			f->col = (int)p + 1;
			f->info_col = (int)(p + k) + 1;
			f->text = xstrndup(t, tn);
			buf_add(out, s, p);
			buf_addf(out, FENCE_MARK "%zu-->", ft->n++);
			s += n;
			if (eol) {
				buf_addc(out, '\n');
				s++;
			}
			line++;
			continue;
		}
		buf_add(out, s, eol ? n + 1 : n);
		s += eol ? n + 1 : n;
		line++;
	}
}

int fence_marker(const char *s, size_t len)
{
	size_t m = sizeof FENCE_MARK - 1;
	if (len < m || memcmp(s, FENCE_MARK, m) != 0)
		return -1;
	int k = -1;
	if (sscanf(s + m, "%d-->", &k) != 1)
		return -1;
	return k;
}

int fence_restore(const struct fence_table *ft, const char *s, size_t len,
		  struct buf *out)
{
	size_t m = sizeof FENCE_MARK - 1;
	const char *end = s + len, *at = memmem(s, len, FENCE_MARK, m);
	if (at == NULL)
		return 0;
	while (at) {
		int k = fence_marker(at, (size_t)(end - at));
		const char *close = memmem(at, (size_t)(end - at), "-->", 3);
		if (k < 0 || (size_t)k >= ft->n || close == NULL) {
			at += m;	/* not one of ours: kept as it is */
		} else {
			buf_add(out, s, (size_t)(at - s));
			buf_adds(out, ft->v[k].text);
			s = at = close + 3;
		}
		at = memmem(at, (size_t)(end - at), FENCE_MARK, m);
	}
	buf_add(out, s, (size_t)(end - s));
	return 1;
}

void fence_table_free(struct fence_table *ft)
{
	for (size_t i = 0; i < ft->n; i++) {
		free(ft->v[i].info);
		free(ft->v[i].text);
	}
	free(ft->v);
	ft->v = NULL;
	ft->n = 0;
}
