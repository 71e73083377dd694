/* frontmatter: "---" on the first line opens the block, a line of
 * "---" or "..." closes it. A UTF-8 byte order mark is skipped. Hugo's
 * TOML front matter ("+++" … "+++") is not read: it is left out of
 * the body with a warning, rather than shown as text. */
#include "frontmatter.h"

#include <string.h>

#include "../base/diag.h"

/* Is the line at s (up to eol) exactly the marker, trailing blanks allowed? */
static int frontmatter_is_marker(const char *s, const char *eol, const char *mark)
{
	size_t n = strlen(mark);
	if ((size_t)(eol - s) < n || memcmp(s, mark, n) != 0)
		return 0;
	for (s += n; s < eol; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/* The line after a block opened at s whose marker closes it, or NULL. */
static const char *frontmatter_close(const char *s, const char *end, const char *mark,
				     int *line)
{
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (e == NULL)
			e = end;
		if (frontmatter_is_marker(s, e, mark) ||
		    (mark[0] == '-' && frontmatter_is_marker(s, e, "...")))
			return s;
		s = e + 1;
		(*line)++;
	}
	return NULL;
}

int frontmatter_split(const char *file, const char *text, size_t len,
		      struct frontmatter *fm)
{
	const char *end = text + len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;
	memset(fm, 0, sizeof *fm);
	fm->body = text;
	fm->body_len = (size_t)(end - text);
	fm->body_line = 1;
	const char *eol = memchr(text, '\n', (size_t)(end - text));
	if (eol == NULL)
		return 0;
	int toml = frontmatter_is_marker(text, eol, "+++");
	if (!toml && !frontmatter_is_marker(text, eol, "---"))
		return 0;
	int line = 2;
	const char *close = frontmatter_close(eol + 1, end, toml ? "+++" : "---", &line);
	if (close == NULL && toml) {
		diag_warning(file, 1, 1, "TOML front matter ('+++') is not read, and is not closed: write the front matter as YAML between '---' lines");
		return 0;
	}
	if (close == NULL) {
		diag_error(file, 1, 1, "front matter is not closed: no '---' line after the opening '---'");
		return -1;
	}
	const char *e = memchr(close, '\n', (size_t)(end - close));
	e = e ? e : end;
	if (toml)
		diag_warning(file, 1, 1, "TOML front matter ('+++') is not read (its title, weight … are ignored): write it as YAML between '---' lines");
	else {
		fm->yaml = eol + 1;
		fm->yaml_len = (size_t)(close - (eol + 1));
		fm->yaml_line = 2;
	}
	fm->body = e < end ? e + 1 : end;
	fm->body_len = (size_t)(end - fm->body);
	fm->body_line = line + 1;
	return 0;
}
