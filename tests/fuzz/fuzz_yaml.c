/* fuzz_yaml: the YAML of a project and what reads it. The input is up
 * to five parts separated by lines "%%": site.yaml, a data file, a
 * checklist, profiles.yaml and a page (which can use the data and the
 * checklist in ```chart, ```table and ```checklist blocks). They are
 * written to a project in a temporary folder and loaded as a build
 * loads them, through every pass; then the page is rendered as HTML
 * with its blocks. Everything but the templates and the PDFs. The
 * first part is also read by input/yamlflat alone: what it reads,
 * libyaml must read to the same tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/xalloc.h"
#include "html/html.h"
#include "input/checklist.h"
#include "input/dataset.h"
#include "input/load.h"
#include "input/md.h"
#include "input/publications.h"
#include "input/yaml.h"
#include "input/yamlflat.h"
#include "model/meta.h"
#include "model/site.h"
#include "passes/blocks.h"
#include "passes/organize.h"
#include "passes/profile.h"
#include "passes/xref.h"

static char project[64];

static void fuzz_cleanup(void)
{
	if (project[0])
		fs_rmtree(project);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	md_init();
	const char *tmp = getenv("TMPDIR");
	snprintf(project, sizeof project, "%s/tebiki-fuzz-XXXXXX",
		 tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (mkdtemp(project) == NULL)
		abort();
	atexit(fuzz_cleanup);
	return 0;
}

static int fuzz_same(const struct meta *a, const struct meta *b)
{
	if (a->type != b->type || a->line != b->line || a->col != b->col ||
	    (a->text == NULL) != (b->text == NULL) || (a->text && strcmp(a->text, b->text)))
		return 0;
	if (a->type != META_LIST && a->type != META_MAP)
		return 1;
	if (a->u.c.n != b->u.c.n)
		return 0;
	for (size_t i = 0; i < a->u.c.n; i++)
		if ((a->type == META_MAP && strcmp(a->u.c.keys[i], b->u.c.keys[i])) ||
		    !fuzz_same(a->u.c.items[i], b->u.c.items[i]))
			return 0;
	return 1;
}

/* yamlflat's tree, if it reads text, is libyaml's. */
static void fuzz_flat(const char *text, size_t n)
{
	struct meta *flat = yamlflat_parse("f.yaml", text, n, 0);
	if (flat == NULL)
		return;
	struct meta *full = yaml_parse_full("f.yaml", text, n, 0);
	if (full == NULL || !fuzz_same(flat, full))
		abort();
	meta_free(flat);
	meta_free(full);
}

static const char *const fuzz_files[] = {
	"site.yaml", "content/data/d.yaml", "content/checklists/c.yaml",
	"content/profiles.yaml", "content/s/a.md"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	const char *first = memmem(s, size, "\n%%\n", 4);
	fuzz_flat(s, first ? (size_t)(first + 1 - s) : size);
	for (size_t i = 0; i < sizeof fuzz_files / sizeof *fuzz_files; i++) {
		const char *cut = s < end ? memmem(s, (size_t)(end - s), "\n%%\n", 4) : NULL;
		const char *stop = cut ? cut + 1 : end;
		char *path = fs_join(project, fuzz_files[i]);
		if (s < end || i == 0)
			fs_write(path, s < end ? s : "", s < end ? (size_t)(stop - s) : 0);
		else
			remove(path);
		free(path);
		s = cut ? cut + 4 : end;
	}
	struct site site = {0};
	if (load_site(&site, project, 1, NULL) != 2) {
		profile_site(&site);
		organize_site(&site);
		xref_site(&site);
		blocks_site(&site);
		publications_load(&site);
		struct buf out = {0};
		for (size_t i = 0; i < site.npages; i++)
			html_render(site.pages[i]->doc,
				    &(struct html_opts){.site = &site, .url = site.pages[i]->url,
							.profiles = &site.profiles}, &out);
		buf_free(&out);
	}
	blocks_free(site.blocks);
	if (site.datasets)
		dataset_free_all(site.datasets);
	if (site.checklists)
		checklist_free_all(site.checklists);
	free(site.datasets);
	free(site.checklists);
	site_free(&site);
	diag_reset();
	return 0;
}
