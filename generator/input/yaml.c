/* yaml: an event parser builds the tree; aliases are refused (they
 * are never needed in content and are the way to a billion laughs). */
#include "yaml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../base/diag.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "yamlflat.h"

/* Deeper than any real data: front matter that a Lua filter changes
 * stops at the same depth, and every reader of the tree recurses. */
#define YAML_MAXDEPTH 64

struct yaml_state {
	yaml_parser_t parser;
	const char *file;
	int line_offset;
	int failed;
	int depth;
};

static void yaml_error(struct yaml_state *st, int line, int col, const char *msg);

/* A "\0" escape would end the string early in everything after. */
static int yaml_nul(struct yaml_state *st, yaml_event_t *ev)
{
	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) == NULL)
		return 0;
	yaml_error(st, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
		   "a NUL character (\\0) in a YAML value");
	return 1;
}

static int yaml_is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int yaml_is_float(const char *s)
{
	char *end;
	if (!*s || strchr("0123456789+-.", *s) == NULL)
		return 0;
	errno = 0;
	strtod(s, &end);
	return *end == '\0' && errno == 0 && strpbrk(s, "xXnNiI") == NULL;
}

struct meta *yaml_resolve(const char *v, size_t n, int plain, const char *file, int line,
			  int col)
{
	struct meta *m;
	char *text = xstrndup(v, n);
	if (!plain) {
		m = meta_new(META_STRING, file, line, col);
	} else if (!*text || !strcmp(text, "~") || !strcmp(text, "null") || !strcmp(text, "Null")) {
		m = meta_new(META_NULL, file, line, col);
	} else if (!strcmp(text, "true") || !strcmp(text, "True")) {
		m = meta_new(META_BOOL, file, line, col);
		m->u.b = 1;
	} else if (!strcmp(text, "false") || !strcmp(text, "False")) {
		m = meta_new(META_BOOL, file, line, col);
	} else if (yaml_is_int(text) && n < 18) {
		m = meta_new(META_INT, file, line, col);
		m->u.i = strtoll(text, NULL, 10);
	} else if (yaml_is_float(text)) {
		m = meta_new(META_FLOAT, file, line, col);
		m->u.f = strtod(text, NULL);
	} else {
		m = meta_new(META_STRING, file, line, col);
	}
	m->text = text;
	return m;
}

static struct meta *yaml_scalar(struct yaml_state *st, yaml_event_t *ev)
{
	return yaml_resolve((const char *)ev->data.scalar.value, ev->data.scalar.length,
			    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE, st->file,
			    (int)ev->start_mark.line + 1 + st->line_offset,
			    (int)ev->start_mark.column + 1);
}

static void yaml_error(struct yaml_state *st, int line, int col, const char *msg)
{
	if (!st->failed)
		diag_error(st->file, line + st->line_offset, col, "%s", msg);
	st->failed = 1;
}

static struct meta *yaml_node(struct yaml_state *st, yaml_event_t *ev);

static int yaml_next(struct yaml_state *st, yaml_event_t *ev)
{
	if (yaml_parser_parse(&st->parser, ev))
		return 1;
	yaml_parser_t *p = &st->parser;
	char *msg = xasprintf("invalid YAML: %s%s%s",
			      p->problem ? p->problem : "syntax error",
			      p->context ? " " : "", p->context ? p->context : "");
	yaml_error(st, (int)p->problem_mark.line + 1,
		   (int)p->problem_mark.column + 1, msg);
	free(msg);
	return 0;
}

static struct meta *yaml_collection(struct yaml_state *st, yaml_event_t *start,
				    enum meta_type type)
{
	if (st->depth == YAML_MAXDEPTH) {
		char *msg = xasprintf("YAML nested more than %d levels deep", YAML_MAXDEPTH);
		yaml_error(st, (int)start->start_mark.line + 1, (int)start->start_mark.column + 1, msg);
		free(msg);
		return NULL;
	}
	struct meta *m = meta_new(type, st->file,
				  (int)start->start_mark.line + 1 + st->line_offset,
				  (int)start->start_mark.column + 1);
	struct strmap keys = {0};	/* a search would be quadratic */
	st->depth++;
	yaml_event_type_t end = type == META_MAP ? YAML_MAPPING_END_EVENT
						 : YAML_SEQUENCE_END_EVENT;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_next(st, &ev))
			goto fail;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			st->depth--;
			strmap_free(&keys);
			return m;
		}
		if (type == META_LIST) {
			struct meta *item = yaml_node(st, &ev);
			yaml_event_delete(&ev);
			if (item == NULL)
				goto fail;
			meta_push(m, item);
			continue;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_error(st, (int)ev.start_mark.line + 1,
				   (int)ev.start_mark.column + 1,
				   "a mapping key must be a plain value");
			yaml_event_delete(&ev);
			goto fail;
		}
		if (yaml_nul(st, &ev)) {
			yaml_event_delete(&ev);
			goto fail;
		}
		char *key = xstrdup((const char *)ev.data.scalar.value);
		int kl = (int)ev.start_mark.line + 1, kc = (int)ev.start_mark.column + 1;
		yaml_event_delete(&ev);
		if (strmap_get(&keys, key)) {
			char *msg = xasprintf("duplicate key '%s'", key);
			yaml_error(st, kl, kc, msg);
			free(msg);
			free(key);
			goto fail;
		}
		if (!yaml_next(st, &ev)) {
			free(key);
			goto fail;
		}
		struct meta *val = yaml_node(st, &ev);
		yaml_event_delete(&ev);
		if (val == NULL) {
			free(key);
			goto fail;
		}
		meta_add(m, key, val);
		strmap_put(&keys, m->u.c.keys[m->u.c.n - 1]);
		free(key);
	}
fail:
	st->depth--;
	strmap_free(&keys);
	meta_free(m);
	return NULL;
}

static struct meta *yaml_node(struct yaml_state *st, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return yaml_nul(st, ev) ? NULL : yaml_scalar(st, ev);
	case YAML_SEQUENCE_START_EVENT:
		return yaml_collection(st, ev, META_LIST);
	case YAML_MAPPING_START_EVENT:
		return yaml_collection(st, ev, META_MAP);
	case YAML_ALIAS_EVENT:
		yaml_error(st, (int)ev->start_mark.line + 1,
			   (int)ev->start_mark.column + 1,
			   "YAML aliases (*name) are not supported");
		return NULL;
	default:
		yaml_error(st, (int)ev->start_mark.line + 1,
			   (int)ev->start_mark.column + 1, "unexpected YAML event");
		return NULL;
	}
}

struct meta *yaml_parse(const char *file, const char *text, size_t len,
			int line_offset)
{
	struct meta *flat = yamlflat_parse(file, text, len, line_offset);
	return flat ? flat : yaml_parse_full(file, text, len, line_offset);
}

struct meta *yaml_parse_full(const char *file, const char *text, size_t len,
			     int line_offset)
{
	struct yaml_state st = {.file = file, .line_offset = line_offset};
	struct meta *root = NULL;
	yaml_parser_initialize(&st.parser);
	yaml_parser_set_input_string(&st.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&st.parser, YAML_UTF8_ENCODING);
	yaml_event_t ev;
	while (yaml_next(&st, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_DOCUMENT_START_EVENT && root) {
			yaml_error(&st, (int)ev.start_mark.line + 1,
				   (int)ev.start_mark.column + 1,
				   "only one YAML document is allowed");
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
		    t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
			root = yaml_node(&st, &ev);
			if (root == NULL) {
				yaml_event_delete(&ev);
				break;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&st.parser);
	if (st.failed) {
		meta_free(root);
		return NULL;
	}
	if (root == NULL || root->type == META_NULL) {
		meta_free(root);
		root = meta_new(META_MAP, file, 1 + line_offset, 1);
	}
	return root;
}
