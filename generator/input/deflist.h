/* deflist: Pandoc's and PHP Markdown Extra's definition lists (a term
 * line, then ": definition" lines), made from the paragraphs cmark
 * read them as. */
#ifndef TEBIKI_DEFLIST_H
#define TEBIKI_DEFLIST_H

struct doc;
struct doc_node;

void deflist_tree(struct doc *d, struct doc_node *root);

#endif
