/* emoji: GitHub's emoji shortcodes (`:white_check_mark:` → ✅) in the
 * text of a document, not in code; an unknown name stays as written. */
#ifndef TEBIKI_EMOJI_H
#define TEBIKI_EMOJI_H
#include <stddef.h>

struct doc;
struct doc_node;

/* The character(s) for name (n bytes, without colons), or NULL. */
const char *emoji_lookup(const char *name, size_t n);
void emoji_tree(struct doc *d, struct doc_node *root);

#endif
