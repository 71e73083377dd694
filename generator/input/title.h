/* title: a page's title when its front matter gives none, as
 * VitePress, MkDocs, Zenn and GitHub pages are written: a level-1
 * heading opening the body is the title, and leaves the body. */
#ifndef TEBIKI_TITLE_H
#define TEBIKI_TITLE_H

struct page;

/* Takes the title of p (whose doc and front matter are loaded):
 * - a level-1 heading that opens the body (after blank lines and HTML
 *   comments) is the title when the front matter has none, or repeats
 *   it word for word; it is taken out of the tree, its `{#id}` becomes
 *   p->anchor, and p->title_heading is set;
 * - otherwise, without a title, the text of the first heading (which
 *   stays where it is).
 * A title taken from the body is put into the front matter too, so
 * filters see it as `title` (as Pandoc's shifted headings are). */
void title_take(struct page *p);

#endif
