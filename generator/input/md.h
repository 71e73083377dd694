/* md: cmark-gfm → doc tree (the only file that includes cmark-gfm). */
#ifndef TEBIKI_MD_H
#define TEBIKI_MD_H
#include <stddef.h>

struct doc;

void md_init(void);	/* once, before any thread parses */
/* Parses Markdown; line_offset is the file line of the text's first
 * line minus one. */
struct doc *md_parse(const char *file, const char *text, size_t len,
		     int line_offset);
/* Marks the soft breaks between Japanese characters (DOC_F_JOIN) of a
 * tree again, after Lua filters edited it. */
struct doc_node;
void md_mark_joins(struct doc_node *root);

#endif
