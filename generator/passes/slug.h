/* slug: heading ids made from heading text, by the rules of three
 * tools, chosen by site.yaml's markdown: {slugs: …}, so a corpus
 * written for one of them keeps its #fragment links:
 *   tebiki    (default) lower-case ASCII, punctuation dropped, runs of
 *             blanks and dashes as one '-', Japanese kept: 4-5 手口
 *             → 4-5-手口
 *   github    github-slugger (GitHub, markdown-it-anchor's "github",
 *             mdBook): lower case, each blank a '-', punctuation and
 *             symbols dropped, Japanese kept
 *   vitepress @mdit-vue/shared's slugify (VitePress): NFKD without
 *             combining accents, runs of ASCII punctuation and blanks
 *             as one '-', no '-' at either end, '_' before a leading
 *             digit, lower case
 * An empty result is "section". Repeats get -1, -2 … in every style
 * (passes/xref). */
#ifndef TEBIKI_SLUG_H
#define TEBIKI_SLUG_H
#include <stddef.h>

struct buf;
struct meta;

enum slug_style { SLUG_TEBIKI, SLUG_GITHUB, SLUG_VITEPRESS };

void slug_make(enum slug_style style, const char *text, size_t len, struct buf *out);
/* The style site.yaml asks for (markdown.slugs); an unknown one is an
 * error at its line, and the default is used. */
enum slug_style slug_style_of(const struct meta *config);
/* The same, saying nothing of an unknown one (said once, by xref_site). */
enum slug_style slug_style_silent(const struct meta *config);

#endif
