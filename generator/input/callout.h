/* callout: the callout words of other tools (VitePress, Docusaurus,
 * Zenn, Qiita, GitHub alerts, MkDocs) mapped onto tebiki's kinds. */
#ifndef TEBIKI_CALLOUT_H
#define TEBIKI_CALLOUT_H
#include <stddef.h>

enum callout_from {
	CALLOUT_FENCE,		/* ::: word: tebiki, VitePress, Docusaurus, Zenn, Qiita */
	CALLOUT_ALERT,		/* > [!WORD]: GitHub, and Obsidian's other words */
	CALLOUT_MKDOCS,		/* !!! word: MkDocs Material */
};

/* tebiki's kind for word (any case), or NULL if it names none. */
const char *callout_kind(const char *word, size_t n, enum callout_from from);

#endif
