/* main: the command line only; the work is in build.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "build.h"
#include "new.h"
#include "serve/serve.h"
#include "version.h"

static const char main_usage[] =
	"usage: tebiki build [-C DIR] [-o OUTDIR] [--only site|pdf] [-j N] [-v] [--strict]\n"
	"       tebiki check [-C DIR] [--only site|pdf] [-j N] [--strict] [--dump-layout=ID]\n"
	"       tebiki serve [-C DIR] [--port N] [--bind ADDR] [--no-pdf] [-j N]\n"
	"       tebiki coverage [-C DIR]\n"
	"       tebiki new DIR [--kind seminar|minimal]\n"
	"       tebiki render [--tree] FILE.md\n"
	"       tebiki render --pdf=OUT.pdf | --dump=layout FILE.md...\n"
	"       tebiki --help | --version\n"
	"\n"
	"Commands:\n"
	"  build   build the project in DIR into OUTDIR (the site in OUTDIR/site/,\n"
	"          the publications of site.yaml in OUTDIR/pdf/)\n"
	"  check   load and render everything, report every problem, write nothing;\n"
	"          warnings include accessibility: an image without a description,\n"
	"          a skipped heading level, link text such as こちら or \"click here\",\n"
	"          a table without a header row, a page without a title\n"
	"  serve   serve the site at http://ADDR:N/ while you write: every change\n"
	"          rebuilds it, open pages reload, errors show over the page\n"
	"  coverage  print which pages reach which size × industry variant\n"
	"  new     write a starter project into DIR (which must be empty or absent)\n"
	"  render  print one Markdown file as HTML (or its document tree), or\n"
	"          typeset Markdown files as the chapters of a PDF (or print its layout)\n"
	"\n"
	"Options:\n"
	"  -C DIR      the project (a folder with site.yaml and content/); default .\n"
	"  -o OUTDIR   where to write; default DIR/output. Only a folder tebiki\n"
	"              made (it holds .tebiki-output) or an empty one is replaced\n"
	"  --only site|pdf  build only the site or only the PDFs; the other part\n"
	"              of OUTDIR is kept from the previous build\n"
	"  -j N        render on N threads; default the number of cores\n"
	"  -v          say what was done even on failure\n"
	"  --strict    a warning fails the run (exit 1) as an error does: for CI\n"
	"  --dump-layout=ID  (check) print the layout of publication ID: its\n"
	"              pages as drawing operations, as render --dump=layout does\n"
	"  --port N    (serve) the port; default 1313, 0 picks a free one\n"
	"  --bind ADDR (serve) the address to listen on; default 127.0.0.1\n"
	"  --no-pdf    (serve) do not build the PDFs\n"
	"  --kind seminar|minimal  (new) a complete seminar project with a lesson,\n"
	"              a case, data, a self-check sheet and PDFs (the default), or\n"
	"              site.yaml and one page\n"
	"  -h, --help  this text\n"
	"  --version   the version\n"
	"\n"
	"Exit status: 0 success, 1 content errors, 2 usage or environment errors.\n";

static int main_fail(const char *msg, const char *arg)
{
	fprintf(stderr, "tebiki: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fputs("Try 'tebiki --help'.\n", stderr);
	return 2;
}

/* -j N: checked as a long, so 4294967297 is refused, not read as 1. */
static int main_jobs(const char *arg, int *jobs)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end || errno || n < 1 || n > 256)
		return -1;
	*jobs = (int)n;
	return 0;
}

/* tebiki serve [-C DIR] [--port N] [--bind ADDR] [--no-pdf] [-j N] */
static int main_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"port", required_argument, NULL, 'p'},
		{"bind", required_argument, NULL, 'b'},
		{"no-pdf", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	struct serve_opts o = {.dir = ".", .bind = "127.0.0.1", .port = 1313, .pdf = 1,
			       .jobs = pool_cores()};
	optind = 2;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":C:j:h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'C':
			o.dir = optarg;
			break;
		case 'j':
			if (main_jobs(optarg, &o.jobs) < 0)
				return main_fail("-j needs a number from 1 to 256", optarg);
			break;
		case 'p': {
			long port = strtol(optarg, &end, 10);
			if (*end || !*optarg || port < 0 || port > 65535)
				return main_fail("--port needs a number from 0 to 65535", optarg);
			o.port = (int)port;
			break;
		}
		case 'b':
			if (!*optarg)
				return main_fail("--bind needs an address", NULL);
			o.bind = optarg;
			break;
		case 'n':
			o.pdf = 0;
			break;
		case 'h':
			fputs(main_usage, stdout);
			return 0;
		case ':':
			return main_fail("option needs a value", argv[optind - 1]);
		default:
			return main_fail("unknown option", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return main_fail("unexpected argument", argv[optind]);
	return serve_run(&o);
}

/* tebiki new DIR [--kind seminar|minimal] */
static int main_new(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kind", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *kind = "seminar";
	optind = 2;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (!new_is_kind(optarg))
				return main_fail("--kind needs seminar or minimal", optarg);
			kind = optarg;
			break;
		case 'h':
			fputs(main_usage, stdout);
			return 0;
		case ':':
			return main_fail("option needs a value", argv[optind - 1]);
		default:
			return main_fail("unknown option", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return main_fail("new needs the folder to write the project into", NULL);
	if (optind + 1 < argc)
		return main_fail("unexpected argument", argv[optind + 1]);
	if (argv[optind][0] == '\0')
		return main_fail("new needs the folder to write the project into", NULL);
	return new_project(argv[optind], kind);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"only", required_argument, NULL, 'O'},
		{"dump-layout", required_argument, NULL, 'D'},
		{"strict", no_argument, NULL, 'S'},
		{NULL, 0, NULL, 0}};
	struct build_opts o = {.dir = ".", .jobs = pool_cores()};
	if (argc < 2)
		return main_fail("no command given", NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(main_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tebiki %s\n", TEBIKI_VERSION);
		return 0;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "render") == 0 && argc > 2 &&
	    (strncmp(argv[2], "--pdf=", 6) == 0 || strcmp(argv[2], "--dump=layout") == 0)) {
		int dump = argv[2][2] == 'd';
		if (argc < 4)
			return main_fail("render needs at least one file", NULL);
		if (!dump && argv[2][6] == '\0')
			return main_fail("--pdf needs the name of the PDF to write", NULL);
		return build_render_pdf(argv + 3, argc - 3, dump ? NULL : argv[2] + 6, dump);
	}
	if (strcmp(cmd, "render") == 0) {
		int tree = argc > 2 && strcmp(argv[2], "--tree") == 0;
		if (argc != 3 + tree)
			return main_fail("render needs one file", NULL);
		return build_render(argv[2 + tree], tree);
	}
	if (strcmp(cmd, "new") == 0)
		return main_new(argc, argv);
	if (strcmp(cmd, "serve") == 0)
		return main_serve(argc, argv);
	if (strcmp(cmd, "build") && strcmp(cmd, "check") && strcmp(cmd, "coverage"))
		return main_fail("unknown command", cmd);
	o.check = strcmp(cmd, "check") == 0;
	optind = 2;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":C:o:j:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			o.dir = optarg;
			break;
		case 'o':
			if (o.check)
				return main_fail("check writes nothing: -o is not allowed", NULL);
			o.outdir = optarg;
			break;
		case 'j':
			if (main_jobs(optarg, &o.jobs) < 0)
				return main_fail("-j needs a number from 1 to 256", optarg);
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'S':
			o.strict = 1;
			break;
		case 'D':
			if (!o.check)
				return main_fail("--dump-layout is an option of check", NULL);
			o.dump_layout = optarg;
			break;
		case 'O':
			if (strcmp(optarg, "site") && strcmp(optarg, "pdf"))
				return main_fail("--only needs site or pdf", optarg);
			o.only = strcmp(optarg, "site") == 0 ? BUILD_ONLY_SITE : BUILD_ONLY_PDF;
			break;
		case 'h':
			fputs(main_usage, stdout);
			return 0;
		case 'V':
			printf("tebiki %s\n", TEBIKI_VERSION);
			return 0;
		case ':':
			return main_fail("option needs a value", argv[optind - 1]);
		default:
			return main_fail("unknown option", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return main_fail("unexpected argument", argv[optind]);
	if (strcmp(cmd, "coverage") == 0)
		return build_coverage(&o);
	return build_run(&o);
}
