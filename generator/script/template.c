/* template: a single pass over the text. The outputs of a line (its
 * literal runs and <%= %> values) become one table append; a literal's
 * newlines are repeated after the statement so the Lua line numbers
 * stay those of the template. The chunk receives its
 * environment and the two writers as arguments, so a template cannot
 * replace how its own output is escaped. */
#include "template.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"

static void template_newlines(struct buf *lua, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			buf_addc(lua, '\n');
}

/* Outputs that follow each other on one line of the template become one
 * append of their concatenation: a line of a list (<li><a href="<%= url(it)
 * %>"><%= it.title %></a></li>) was seven appends, a third of the Lua
 * instructions of a sidebar of forty links. An output is always a string
 * (_e and _r make one), so the page is the same. Each operand of a
 * concatenation takes a register, and a function has 255 with its locals
 * (a template may have up to 200): a line with more than 16 outputs
 * starts another append. */
#define TEMPLATE_MAX_JOINED 16

struct template_out {
	struct buf *lua;
	int open;		/* outputs in the append being written, 0: none */
};

/* Ends the open append, before code or a new line. */
static void template_out_end(struct template_out *o)
{
	if (o->open)
		buf_addc(o->lua, ' ');
	o->open = 0;
}

/* Starts an output: a new append, or the next operand of the open one. */
static void template_out_start(struct template_out *o)
{
	if (o->open == TEMPLATE_MAX_JOINED)
		template_out_end(o);
	buf_adds(o->lua, o->open ? ".." : "_n=_n+1 _o[_n]=");
	o->open++;
}

static void template_literal(struct template_out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	struct buf *lua = o->lua;
	template_out_start(o);
	buf_addc(lua, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(lua, '\\');
			buf_addc(lua, (char)c);
		} else if (c == '\n')
			buf_adds(lua, "\\n");
		else if (c < 0x20 || c == 0x7F)
			buf_addf(lua, "\\%03u", c);
		else
			buf_addc(lua, (char)c);
	}
	buf_addc(lua, '"');
	if (memchr(s, '\n', n)) {	/* the next output is on the next line */
		template_out_end(o);
		template_newlines(lua, s, n);
	}
}

static int template_line_of(const char *text, const char *p)
{
	int line = 1;
	for (const char *s = text; s < p; s++)
		line += *s == '\n';
	return line;
}

int template_compile(const char *file, const char *text, size_t len, struct buf *lua)
{
	const char *s = text, *end = text + len;
	struct template_out o = {lua, 0};
	buf_adds(lua, "local _ENV, _e, _r = ... local _o, _n = {}, 0 ");
	while (s < end) {
		const char *open = memmem(s, (size_t)(end - s), "<%", 2);
		if (open == NULL) {
			template_literal(&o, s, (size_t)(end - s));
			break;
		}
		template_literal(&o, s, (size_t)(open - s));
		const char *code = open + 2;
		const char *close = memmem(code, (size_t)(end - code), "%>", 2);
		if (close == NULL) {
			diag_error(file, template_line_of(text, open), 1, "'<%%' is not closed by '%%>'");
			return -1;
		}
		const char *cend = close;
		int trim = close > code && close[-1] == '-' && (close - 1 > code);
		char kind = *code;
		if (kind == '=' || kind == '-' || kind == '#')
			code++;
		else
			kind = 0;
		if (trim && cend - 1 >= code)
			cend--;
		size_t clen = (size_t)(cend - code);
		switch (kind) {
		case '=':
		case '-':
			template_out_start(&o);
			buf_adds(lua, kind == '=' ? "_e(" : "_r(");
			buf_add(lua, code, clen);
			/* on a line of its own: the expression may have spanned lines */
			buf_addc(lua, ')');
			if (memchr(code, '\n', clen))
				template_out_end(&o);
			break;
		case '#':
			if (memchr(code, '\n', clen))
				template_out_end(&o);
			template_newlines(lua, code, clen);
			break;
		default:
			template_out_end(&o);
			buf_add(lua, code, clen);
			/* a trailing "--" comment would swallow what follows */
			buf_adds(lua, memmem(code, clen, "--", 2) ? "\n" : " ");
			break;
		}
		s = close + 2;
		if (trim && s < end && *s == '\n') {
			template_out_end(&o);
			buf_addc(lua, '\n');
			s++;
		}
	}
	template_out_end(&o);
	buf_adds(lua, " return table.concat(_o)");
	return 0;
}
