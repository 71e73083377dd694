/* book: the cover, the table of contents, running heads, folios,
 * outline, page labels and document information of a publication
 * (see book.c). */
#ifndef TEBIKI_BOOK_H
#define TEBIKI_BOOK_H
#include <stddef.h>

struct draw_doc;
struct lay_page_info;
struct pdf_ctx;

/* Running heads and folios of the n body pages from page first. */
void book_marks(struct pdf_ctx *c, size_t first, size_t n, const struct lay_page_info *info);
/* Lays out the cover and the contents after the body; returns their
 * pages and sets the destinations of both. */
size_t book_front(struct pdf_ctx *c, int *cover_dest, int *toc_dest);
/* Moves the front matter (after the body) before it. */
void book_rotate(struct draw_doc *d, size_t nbody);
void book_outline(struct pdf_ctx *c, int front, int cover_dest, int toc_dest);
void book_labels(struct draw_doc *d, size_t nfront);
void book_info(struct pdf_ctx *c);
/* A handout's title, subtitle, author and date at the top of page 1. */
void book_handout_title(struct pdf_ctx *c);
/* A part's title: a page of its own in a book or report (部扉), a
 * heading in a handout; in the 目次 and the bookmarks, the chapters
 * after it go under it. */
void book_part(struct pdf_ctx *c, const char *title);

#endif
