/* codeinfo: the language, file label and marked lines of a code
 * block's info string, however the author's tool wrote them. */
#include "codeinfo.h"

#include <stdlib.h>
#include <string.h>

/* VitePress's ":line-numbers" after the language is no label. */
static int codeinfo_is_option(const char *s, size_t n)
{
	return (n == 12 && strncmp(s, "line-numbers", n) == 0) ||
	       (n == 15 && strncmp(s, "no-line-numbers", n) == 0) ||
	       (n > 13 && strncmp(s, "line-numbers=", 13) == 0);
}

/* The value of key="…" (or '…') at s, or NULL. */
static const char *codeinfo_value(const char *s, const char *key, size_t *n,
				  const char **after)
{
	size_t k = strlen(key);
	if (strncmp(s, key, k) != 0 || s[k] != '=')
		return NULL;
	s += k + 1;
	char q = *s == '"' || *s == '\'' ? *s : 0;
	const char *v = s + (q != 0);
	const char *e = q ? strchr(v, q) : v + strcspn(v, " \t");
	if (e == NULL)
		e = v + strlen(v);
	*n = (size_t)(e - v);
	*after = *e && q ? e + 1 : e;
	return v;
}

void codeinfo_parse(const char *info, struct codeinfo *ci)
{
	memset(ci, 0, sizeof *ci);
	if (info == NULL)
		return;
	const char *s = info + strspn(info, " \t");
	if (*s != '{') {	/* not Pandoc's {.lang}: a word first */
		ci->lang = s;
		ci->lang_n = strcspn(s, " \t{[:,");
		s += ci->lang_n;
	}
	if (*s == ':') {	/* Zenn: js:vite.config.js */
		size_t m = strcspn(s + 1, " \t{[");
		if (m && !codeinfo_is_option(s + 1, m)) {
			ci->label = s + 1;
			ci->label_n = m;
		}
		s += 1 + m;
	}
	if (*s == ',')		/* mdBook: rust,ignore */
		s += strcspn(s, " \t{[");
	while (*s) {
		const char *v, *after;
		size_t n;
		if (*s == ' ' || *s == '\t') {
			s++;
		} else if (*s == '[' && strchr(s, ']')) {	/* VitePress */
			const char *e = strchr(s, ']');
			ci->label = s + 1;
			ci->label_n = (size_t)(e - s - 1);
			s = e + 1;
		} else if (*s == '{' && strchr(s, '}')) {
			const char *e = strchr(s, '}');
			size_t m = (size_t)(e - s - 1);
			if (m && strspn(s + 1, "0123456789,- ") == m) {
				ci->marks = s + 1;
				ci->marks_n = m;
			}
			s = e + 1;
		} else if ((v = codeinfo_value(s, "title", &n, &after)) != NULL) {
			ci->label = v;
			ci->label_n = n;
			s = after;
		} else if ((v = codeinfo_value(s, "hl_lines", &n, &after)) != NULL) {
			ci->marks = v;
			ci->marks_n = n;
			s = after;
		} else {
			s += strcspn(s, " \t");
		}
	}
	if (ci->label && ci->label_n == 0)
		ci->label = NULL;
}

int codeinfo_marked(const struct codeinfo *ci, int line)
{
	const char *s = ci->marks, *end = s ? s + ci->marks_n : NULL;
	while (s && s < end) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		char *e;
		long a = strtol(s, &e, 10), b = a;
		if (e < end && *e == '-' && e + 1 < end && e[1] >= '0' && e[1] <= '9')
			b = strtol(e + 1, &e, 10);
		if (line >= a && line <= b)
			return 1;
		s = e;
	}
	return 0;
}
