/* callout: one table for every syntax, so `::: danger`, `> [!CAUTION]`
 * and `!!! danger` look the same. Fenced divs take only the words
 * VitePress, Docusaurus, Zenn and Qiita use: any other word stays a
 * Pandoc class (`::: quote` is a div). */
#include "callout.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *word, *kind;
	unsigned fence : 1, alert : 1;
} callout_words[] = {
	{"note", "note", 1, 1},
	{"tip", "tip", 1, 1},
	{"warning", "warning", 1, 1},
	{"point", "point", 1, 0},
	{"exercise", "exercise", 1, 0},
	{"details", "details", 1, 0},
	{"info", "note", 1, 1},
	{"important", "point", 1, 1},
	{"caution", "warning", 1, 1},
	{"danger", "warning", 1, 1},
	{"message", "note", 1, 0},	/* Zenn */
	{"hint", "tip", 0, 1},
	{"attention", "warning", 0, 1},
	{"error", "warning", 0, 1},
	{"failure", "warning", 0, 1},
	{"fail", "warning", 0, 1},
	{"missing", "warning", 0, 1},
	{"bug", "warning", 0, 1},
	{"abstract", "note", 0, 1},
	{"summary", "note", 0, 1},
	{"tldr", "note", 0, 1},
	{"todo", "note", 0, 1},
	{"success", "note", 0, 1},
	{"check", "note", 0, 1},
	{"done", "note", 0, 1},
	{"question", "note", 0, 1},
	{"help", "note", 0, 1},
	{"faq", "note", 0, 1},
	{"example", "note", 0, 1},
	{"quote", "note", 0, 1},
	{"cite", "note", 0, 1},
};

const char *callout_kind(const char *word, size_t n, enum callout_from from)
{
	for (size_t i = 0; i < sizeof callout_words / sizeof *callout_words; i++) {
		if (strlen(callout_words[i].word) != n ||
		    strncasecmp(callout_words[i].word, word, n) != 0)
			continue;
		if (from == CALLOUT_FENCE && !callout_words[i].fence)
			return NULL;
		if (from != CALLOUT_FENCE && !callout_words[i].alert)
			return NULL;
		return callout_words[i].kind;
	}
	return NULL;
}
