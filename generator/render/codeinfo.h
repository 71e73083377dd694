/* codeinfo: what the info string of a fenced code block says, as the
 * tools authors come from write it:
 *
 *   ```js [vite.config.js]      VitePress: a file label
 *   ```js:vite.config.js        Zenn
 *   ```js title="config.js"     Docusaurus, MkDocs (pymdownx), Hugo
 *   ```js {1,4-6}   ```js{2}    VitePress, Docusaurus: lines marked
 *   ```py hl_lines="1 4-6"      MkDocs
 *   ```rust,ignore              mdBook: only "rust" is the language
 *
 * Both back ends read it from the node's info when they draw the
 * block (the tree keeps the info as written, for Lua filters). */
#ifndef TEBIKI_CODEINFO_H
#define TEBIKI_CODEINFO_H
#include <stddef.h>

struct codeinfo {
	const char *lang;	/* into the info string; lang_n 0 if none */
	size_t lang_n;
	const char *label;	/* the file label, or NULL */
	size_t label_n;
	const char *marks;	/* "1,4-6" or "1 4-6", or NULL */
	size_t marks_n;
};

void codeinfo_parse(const char *info, struct codeinfo *ci);
/* Is line (1 = the block's first) among the marked ones? */
int codeinfo_marked(const struct codeinfo *ci, int line);

#endif
