/* checklist: reads content/checklists/NAME.yaml into checked
 * self-diagnosis sheets (model/checklist.h). Lessons and profile
 * values are checked later, by passes/blocks, once pages and their
 * headings are known. */
#ifndef TEBIKI_INPUT_CHECKLIST_H
#define TEBIKI_INPUT_CHECKLIST_H

#include "../model/checklist.h"

struct buf;
struct variant;

/* Reads every sheet under dir/content/checklists; errors reported. */
void checklist_load_all(const char *dir, struct checklists *out);
const struct checklist *checklist_find(const struct checklists *all, const char *name);
void checklist_known(const struct checklists *all, struct buf *out);
/* Does the item apply to the variant (NULL axis values: every one)? */
int checklist_applies(const struct checklist_item *it, const struct variant *v);
const struct checklist_item *checklist_item(const struct checklist *c, int no);
void checklist_free_all(struct checklists *all);

#endif
