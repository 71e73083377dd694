/* search: the site's search index, written at build time as small
 * script files so that search works from file:// (where a page cannot
 * fetch) and from any sub-path, and a query loads only what it needs:
 *
 *   search/meta.js     the number of shards and pages, and the audiences
 *                      (size and industry ids, and their label) of
 *                      tailored passages
 *   search/s/N.js      shard N: the posting lists of the terms whose hash
 *                      is N (terms: see searchterm.h)
 *   search/p/N.js      page N of the page table: title, URL, section,
 *                      the indexed text (for the snippet) and where its
 *                      headings start
 *
 * Pages are numbered from the shortest to the longest, so that the
 * browser ranks shorter pages first by number alone. A posting list
 * holds, for every page with the term, the term's positions, each with
 * its field (title, heading, body) and, in a page with tailored
 * blocks, the audience of its passage. The format is in docs/search.md;
 * js/search.js reads it. */
#ifndef TEBIKI_SEARCH_H
#define TEBIKI_SEARCH_H

struct site;

/* Writes sitedir/search/. Returns 0 or -1 (reported). */
int search_write(const struct site *s, const char *sitedir);

#endif
