/* template: compiles `<% %>` HTML templates to Lua source. The Lua
 * source keeps the template's line numbers, so a Lua error names the
 * template's own line. */
#ifndef TEBIKI_TEMPLATE_H
#define TEBIKI_TEMPLATE_H
#include <stddef.h>

struct buf;

/* Returns 0, or -1 after reporting an error at file:line. */
int template_compile(const char *file, const char *text, size_t len, struct buf *lua);

#endif
