/* yamlflat: the front matter most pages have, lines of `key: value`
 * with a plain, quoted or [flow, list] value, read without libyaml,
 * whose tokens, events and copies were a twentieth of a build. Anything
 * else (a comment, a blank line, an escape, a nested block, a character
 * YAML treats specially) makes yamlflat_parse give up, and yaml_parse
 * reads the text with libyaml: the tree is the same either way
 * (tests/unit/test_yaml.c compares the two on every form). */
#include "yamlflat.h"

#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "yaml.h"

/* The length of the character at s if YAML reads it as it is on a
 * line, else 0: not a control character, not one of the line breaks
 * YAML 1.1 adds to '\n' (U+0085, U+2028, U+2029), not a byte-order
 * mark or a non-character, and valid UTF-8 (libyaml says where it is
 * not). */
static size_t yamlflat_char(const char *s, const char *end)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return c >= 0x20 && c != 0x7F ? 1 : 0;
	uint32_t cp;
	size_t k = utf8_decode(s, (size_t)(end - s), &cp);
	if (k == 0 || cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
	    cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return k;
}

struct yamlflat {
	const char *file;
	int line;		/* of the line being read, with the offset */
	const char *start;	/* of the line */
	const char *at;		/* on that line, where yamlflat_col last was */
	int atcol;		/* … and its column */
};

/* The column of p on the line, at or after the last one asked for (a
 * list's items come in order: one line of 100,000 stays linear). YAML
 * counts characters. */
static int yamlflat_col(struct yamlflat *y, const char *p)
{
	if (p < y->at) {
		y->at = y->start;
		y->atcol = 1;
	}
	y->atcol += (int)utf8_count(y->at, (size_t)(p - y->at));
	y->at = p;
	return y->atcol;
}

/* A quoted scalar at s (its quote q) with nothing to unescape: the
 * end after its closing quote, or NULL. */
static const char *yamlflat_quoted(const char *s, const char *end)
{
	char q = *s;
	const char *e = memchr(s + 1, q, (size_t)(end - s - 1));
	if (e == NULL || (q == '"' && memchr(s + 1, '\\', (size_t)(e - s - 1))))
		return NULL;
	return e + 1;
}

/* A plain scalar from s to end (in a flow list, flow is set) that reads
 * the same in any YAML: no indicator first, no ": " or " #", no
 * trailing blank. */
static int yamlflat_plain_ok(const char *s, const char *end, int flow)
{
	if (s == end || strchr("-?:,[]{}#&*!|>'\"%@` ", *s))
		return 0;
	if (end[-1] == ' ' || end[-1] == ':')
		return 0;
	for (const char *p = s; p < end; p++) {
		if (*p == ':' && (p + 1 == end || p[1] == ' ' || flow))
			return 0;
		if (*p == '#' && p[-1] == ' ')
			return 0;
		if (flow && strchr(",[]{}", *p))
			return 0;
	}
	return 1;
}

/* One value, s to end of its line. */
static struct meta *yamlflat_scalar(struct yamlflat *y, const char *s, const char *end,
				    int flow)
{
	int col = yamlflat_col(y, s);
	if (*s == '"' || *s == '\'') {
		const char *e = yamlflat_quoted(s, end);
		if (e != end)
			return NULL;
		return yaml_resolve(s + 1, (size_t)(e - s - 2), 0, y->file, y->line, col);
	}
	if (!yamlflat_plain_ok(s, end, flow))
		return NULL;
	return yaml_resolve(s, (size_t)(end - s), 1, y->file, y->line, col);
}

/* [a, "b", c] from s to the end of the line. */
static struct meta *yamlflat_list(struct yamlflat *y, const char *s, const char *end)
{
	if (end[-1] != ']')
		return NULL;
	struct meta *list = meta_new(META_LIST, y->file, y->line, yamlflat_col(y, s));
	const char *p = s + 1, *close = end - 1;
	while (p < close && *p == ' ')
		p++;
	while (p < close) {
		const char *e;
		if (*p == '"' || *p == '\'') {
			e = yamlflat_quoted(p, close);
		} else {
			e = p;
			while (e < close && *e != ',')
				e++;
			while (e > p && e[-1] == ' ')
				e--;
		}
		struct meta *item = e ? yamlflat_scalar(y, p, e, 1) : NULL;
		if (item == NULL) {
			meta_free(list);
			return NULL;
		}
		meta_push(list, item);
		p = e;
		while (p < close && *p == ' ')
			p++;
		if (p < close && *p != ',') {
			meta_free(list);
			return NULL;
		}
		if (p < close)	/* past the comma: an item must follow */
			for (p++; p < close && *p == ' '; p++)
				;
		if (p == close && close[-1] == ',') {
			meta_free(list);
			return NULL;
		}
	}
	return list;
}

/* key: value on the line s..end; adds it to map, or returns -1. */
static int yamlflat_line(struct yamlflat *y, struct meta *map, struct strmap *keys,
			 const char *s, const char *end)
{
	const char *k = s;
	if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
		return -1;
	while (k < end && ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
			   (*k >= '0' && *k <= '9') || *k == '_' || *k == '-'))
		k++;
	if (end - k < 3 || k[0] != ':' || k[1] != ' ' || k[2] == ' ')
		return -1;
	char *key = xstrndup(s, (size_t)(k - s));
	if (strmap_get(keys, key)) {	/* libyaml says where */
		free(key);
		return -1;
	}
	const char *v = k + 2;
	struct meta *val = *v == '[' ? yamlflat_list(y, v, end) : yamlflat_scalar(y, v, end, 0);
	if (val == NULL) {
		free(key);
		return -1;
	}
	meta_add(map, key, val);
	strmap_put(keys, map->u.c.keys[map->u.c.n - 1]);
	free(key);
	return 0;
}

struct meta *yamlflat_parse(const char *file, const char *text, size_t len, int line_offset)
{
	for (const char *p = text; p < text + len;) {	/* characters YAML reads as written */
		size_t k = *p == '\n' ? 1 : yamlflat_char(p, text + len);
		if (k == 0)
			return NULL;
		p += k;
	}
	if (len == 0 || text[len - 1] != '\n')
		return NULL;
	struct yamlflat y = {file, 1 + line_offset, text, text, 1};
	struct meta *map = meta_new(META_MAP, file, 1 + line_offset, 1);
	struct strmap keys = {0};
	const char *end = text + len;
	for (const char *s = text; s < end; y.line++) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		y.start = y.at = s;
		y.atcol = 1;
		if (yamlflat_line(&y, map, &keys, s, eol) < 0) {
			strmap_free(&keys);
			meta_free(map);
			return NULL;
		}
		s = eol + 1;
	}
	strmap_free(&keys);
	return map;
}
