/* nav: site.yaml's nav:, an explicit navigation tree as MkDocs writes
 * it, drives the order of pages and sections, their previous and next
 * pages, the titles of the sections it groups and the menu. Without
 * one, the navigation tree is made from the sections. */
#ifndef TEBIKI_NAV_H
#define TEBIKI_NAV_H

struct site;

/* Reads nav: (pages must have their URLs and be indexed): gives each
 * page listed its nav_rank, which passes/sections orders by. */
void nav_load(struct site *s);
/* After passes/sections: the groups that are a folder's name its
 * section; previous and next follow nav:; without nav:, the tree is
 * made from the sections. */
void nav_finish(struct site *s);

#endif
