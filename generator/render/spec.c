/* spec: messages list what is known, so a typo is fixed at a glance. */
#include "spec.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../input/dataset.h"
#include "../model/meta.h"

static void spec_join(const char *const *names, struct buf *out)
{
	for (int i = 0; names[i]; i++) {
		if (i)
			buf_adds(out, ", ");
		buf_adds(out, names[i]);
	}
}

int spec_keys(const struct meta *m, const char *const *known, const char *what)
{
	int bad = 0;
	for (size_t k = 0; m->type == META_MAP && k < m->u.c.n; k++) {
		int ok = 0;
		for (int j = 0; known[j] && !ok; j++)
			ok = strcmp(m->u.c.keys[k], known[j]) == 0;
		if (ok)
			continue;
		struct buf b = {0};
		spec_join(known, &b);
		const struct meta *v = m->u.c.items[k];
		diag_error(v->file, v->line, v->col, "unknown %s '%s' (known: %s)", what,
			   m->u.c.keys[k], b.p);
		buf_free(&b);
		bad++;
	}
	return bad;
}

int spec_bool(const struct meta *m, const char *key, int dflt, int *out)
{
	const struct meta *v = meta_get(m, key);
	*out = dflt;
	if (v == NULL)
		return 0;
	if (v->type != META_BOOL) {
		diag_error(v->file, v->line, v->col, "'%s' must be true or false, not '%s'", key,
			   meta_str(v) ? meta_str(v) : meta_type_name(v->type));
		return -1;
	}
	*out = v->u.b;
	return 0;
}

const char *spec_text(const struct meta *m, const char *key, int *bad)
{
	const struct meta *v = meta_get(m, key);
	if (v == NULL)
		return NULL;
	const char *s = meta_str(v);
	if (s == NULL) {
		diag_error(v->file, v->line, v->col, "'%s' must be text, not %s", key,
			   meta_type_name(v->type));
		*bad = 1;
	}
	return s;
}

int spec_enum(const struct meta *m, const char *key, const char *const *names, int dflt)
{
	const struct meta *v = meta_get(m, key);
	if (v == NULL)
		return dflt;
	const char *s = meta_str(v);
	for (int i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	struct buf b = {0};
	spec_join(names, &b);
	diag_error(v->file, v->line, v->col, "unknown %s '%s' (known: %s)", key,
		   s ? s : meta_type_name(v->type), b.p);
	buf_free(&b);
	return -1;
}

const struct dataset *spec_dataset(const struct meta *m, const struct datasets *all,
				   const char *file, int line, const char *what, int *broken)
{
	const struct meta *v = meta_get(m, "data");
	*broken = 0;
	if (v == NULL) {
		diag_error(file, line, 1, "a %s block needs 'data: NAME' (a file in content/data/)",
			   what);
		return NULL;
	}
	const char *name = meta_str(v);
	const struct dataset *d = name ? dataset_find(all, name) : NULL;
	if (d && d->broken) {
		*broken = 1;
		return NULL;
	}
	if (d == NULL) {
		struct buf b = {0};
		dataset_known(all, &b);
		diag_error(v->file, v->line, v->col, "unknown data set '%s' (known: %s)",
			   name ? name : meta_type_name(v->type), b.p);
		buf_free(&b);
	}
	return d;
}

int spec_column(const struct dataset *d, const struct meta *v)
{
	const char *id = meta_str(v);
	int c = id ? dataset_col_index(d, id) : -1;
	if (c < 0) {
		struct buf b = {0};
		dataset_known_cols(d, &b);
		diag_error(v->file, v->line, v->col, "unknown column '%s' in data set '%s' (known: %s)",
			   id ? id : meta_type_name(v->type), d->name, b.p);
		buf_free(&b);
	}
	return c;
}
