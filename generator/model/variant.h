/* variant: the audience one output is for. Profiles (content/
 * profiles.yaml) declare the axes: company size and industry, each
 * value with an id, a Japanese label and a description. A variant
 * picks at most one value per axis (NULL: every value), and a format. */
#ifndef TEBIKI_VARIANT_H
#define TEBIKI_VARIANT_H
#include <stddef.h>

struct profile_value {
	char *id;		/* "micro" */
	char *label;		/* "従業員20名以下" */
	char *description;
	int line, col;		/* in content/profiles.yaml */
};

enum { AXIS_SIZE, AXIS_INDUSTRY, AXIS__COUNT };

struct profile_axis {
	const char *key;	/* "size" (in ::: only) */
	const char *plural;	/* "sizes" (in front matter) */
	struct profile_value *v;
	size_t n;
};

struct profiles {
	int present;		/* content/profiles.yaml exists */
	struct profile_axis axis[AXIS__COUNT];
};

struct variant {
	const struct profile_value *value[AXIS__COUNT];	/* NULL: all */
	const char *format;	/* "html" or "pdf" */
	int drop_low;		/* leave out priority=low blocks (handout budget) */
};

#endif
