/* hyphen: libhyphen with the en_US patterns (the TeX patterns, as
 * LibreOffice uses them). The dictionary is loaded once and only read
 * afterwards, so the worker threads share it. */
#include "hyphen.h"

#include <hyphen.h>	/* libhyphen: only this file includes it */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HYPHEN_MIN_WORD 5
#define HYPHEN_MAX_WORD 64

static HyphenDict *hyphen_dict;
static pthread_once_t hyphen_once = PTHREAD_ONCE_INIT;

static void hyphen_load(void)
{
	hyphen_dict = hnj_hyphen_load(HYPHEN_DICT);	/* NULL when absent */
}

size_t hyphen_word(const uint32_t *word, size_t len, uint8_t *marks)
{
	memset(marks, 0, len);
	if (len < HYPHEN_MIN_WORD || len > HYPHEN_MAX_WORD)
		return 0;
	char w[HYPHEN_MAX_WORD + 1], hy[HYPHEN_MAX_WORD + 5];
	for (size_t i = 0; i < len; i++) {
		uint32_t c = word[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c < 'a' || c > 'z')
			return 0;
		w[i] = (char)c;
	}
	w[len] = '\0';
	pthread_once(&hyphen_once, hyphen_load);
	if (hyphen_dict == NULL)
		return 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t count = 0;
	if (hnj_hyphen_hyphenate3(hyphen_dict, w, (int)len, hy, NULL, &rep, &pos, &cut, 2, 3,
				  2, 3) == 0) {
		for (size_t i = 1; i + 3 < len; i++)
			if (hy[i] & 1) {
				marks[i] = 1;
				count++;
			}
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
}
