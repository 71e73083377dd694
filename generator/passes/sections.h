/* sections: the folders of content/ as a tree of sections, as Hugo,
 * VitePress and MkDocs read them. content/guide/basics/intro.md is in
 * the section "guide/basics", a child of "guide"; a folder's _index.md
 * or index.md is its landing page; a folder with only folders in it is
 * a section too. Pages and subsections are ordered by order: (or
 * weight:), then by file or folder name; previous and next follow the
 * reading order of each top-level section, depth first. */
#ifndef TEBIKI_SECTIONS_H
#define TEBIKI_SECTIONS_H

struct site;

/* Fills s->sections, s->home, s->root_pages, s->listed and every
 * page's prev and next. The pages must have their titles and URLs. */
void sections_build(struct site *s);

#endif
