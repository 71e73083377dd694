/* profile: tailoring by company size and industry. Reads the axes
 * from content/profiles.yaml, checks every value used in front matter
 * and fenced divs against them, and decides what a variant keeps. */
#ifndef TEBIKI_PROFILE_H
#define TEBIKI_PROFILE_H

struct doc;
struct doc_node;
struct page;
struct profiles;
struct profile_value;
struct site;
struct variant;

/* Builds site->profiles and checks every page against them. */
void profile_site(struct site *s);
/* Checks one page's values (front matter, fenced divs): for serve. */
void profile_check_page(const struct profiles *pr, const struct page *p);
const struct profile_value *profile_find(const struct profiles *p, int axis,
					 const char *id);
/* Does the page (front matter sizes/industries) apply to the variant? */
int profile_page_applies(const struct page *p, const struct variant *v);
/* Does a node (a div's conditions) apply to the variant? */
int profile_node_applies(const struct doc_node *n, const struct variant *v);
/* The page's tree as the variant sees it (a copy; see doc_copy). */
struct doc *profile_tailor(const struct doc *d, const struct variant *v);
/* "小売業・卸売業" for key=industry, values "retail,wholesale"; NULL
 * when the key is not an axis. The result is owned by the caller. */
char *profile_label(const struct profiles *p, const char *key, const char *values);

#endif
