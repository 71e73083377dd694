/* search: the site's search index, a script file (search-index.js) so
 * that search works from file:// too, where a page cannot fetch JSON.
 * The matching is done in the browser (js/search.js): Unicode NFKC
 * normalisation, whole-term substring matching and, for Japanese terms
 * written without the particles of the text (パスワード管理 for
 * パスワードの管理), character bigrams. */
#ifndef TEBIKI_SEARCH_H
#define TEBIKI_SEARCH_H

struct site;

/* Writes sitedir/search-index.js. Returns 0 or -1 (reported). */
int search_write(const struct site *s, const char *sitedir);

#endif
