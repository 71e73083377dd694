/* main: the command line only; the work is in build.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "build.h"
#include "version.h"

static const char main_usage[] =
	"usage: tebiki build [-C DIR] [-o OUTDIR] [-j N] [-v]\n"
	"       tebiki check [-C DIR] [-j N]\n"
	"       tebiki coverage [-C DIR]\n"
	"       tebiki render [--tree] FILE.md\n"
	"       tebiki --help | --version\n"
	"\n"
	"Commands:\n"
	"  build   build the project in DIR into OUTDIR (the site in OUTDIR/site/)\n"
	"  check   load and render everything, report every problem, write nothing\n"
	"  coverage  print which pages reach which size × industry variant\n"
	"  render  print one Markdown file as HTML (or its document tree)\n"
	"\n"
	"Options:\n"
	"  -C DIR      the project (a folder with site.yaml and content/); default .\n"
	"  -o OUTDIR   where to write; default DIR/output\n"
	"  -j N        render on N threads; default the number of cores\n"
	"  -v          say what was done even on failure\n"
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
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
	if (strcmp(cmd, "render") == 0) {
		int tree = argc > 2 && strcmp(argv[2], "--tree") == 0;
		if (argc != 3 + tree)
			return main_fail("render needs one file", NULL);
		return build_render(argv[2 + tree], tree);
	}
	if (strcmp(cmd, "build") && strcmp(cmd, "check") && strcmp(cmd, "coverage"))
		return main_fail("unknown command", cmd);
	o.check = strcmp(cmd, "check") == 0;
	optind = 2;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":C:o:j:vh", longopts, NULL)) != -1) {
		char *end;
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
			o.jobs = (int)strtol(optarg, &end, 10);
			if (*end || o.jobs < 1 || o.jobs > 256)
				return main_fail("-j needs a number from 1 to 256", optarg);
			break;
		case 'v':
			o.verbose = 1;
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
