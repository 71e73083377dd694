/* checklist: a self-diagnosis sheet from content/checklists/NAME.yaml:
 * numbered items in categories, an answer scale with points per
 * answer, and per item the lessons that teach it and the company
 * sizes and industries it applies to. Loaded by input/checklist, its
 * lessons and profile values checked by passes/blocks. */
#ifndef TEBIKI_CHECKLIST_H
#define TEBIKI_CHECKLIST_H
#include <stddef.h>

#include "variant.h"

struct meta;
struct page;

struct checklist_answer {
	const char *id;		/* "done": the form value */
	const char *label;	/* "実施している" */
	int points;
};

struct checklist_lesson {
	const char *target;	/* as written: "lessons/passwords.md#パスワードの変更" */
	char *source;		/* "lessons/passwords.md" */
	char *anchor;		/* "パスワードの変更", or NULL for the page */
	const struct page *page;	/* set by passes/blocks */
	char *heading;		/* the heading's text, set by passes/blocks */
	int line, col;
};

struct checklist_item {
	int no;
	const char *category;	/* "パスワードについて" */
	const char *question;
	const char *note;	/* or NULL */
	struct checklist_lesson *lessons;
	size_t nlessons;
	/* "micro,small" (as in ::: only), or NULL: every value of the axis */
	char *only[AXIS__COUNT];
	int only_line[AXIS__COUNT], only_col[AXIS__COUNT];	/* where written */
	int line, col;
};

struct checklist {
	char *name;		/* "self-check": the file name without .yaml */
	char *file;		/* "content/checklists/self-check.yaml" */
	struct meta *meta;	/* the file as read: owns the strings */
	const char *title, *subtitle, *lead, *respondent, *instruction;
	const char *source;	/* where the sheet comes from */
	const char *scoring;	/* where the points come from, shown with the score */
	const char *page;	/* site page to generate ("selfcheck/index.html"), or NULL */
	const char *pdf;	/* a fillable PDF sheet to write ("selfcheck.pdf"), or NULL */
	struct checklist_answer *answers;
	size_t nanswers;
	int max_points;		/* of one item */
	struct checklist_item *items;
	size_t nitems;
	const char **notes;	/* footnotes */
	size_t nnotes;
	const char **categories;	/* in order of first appearance */
	size_t ncategories;
	int broken;		/* had errors (reported) */
	long size;		/* bytes of its PDF sheet once written, else 0 */
};

struct checklists {
	struct checklist *v;
	size_t n;
};

#endif
