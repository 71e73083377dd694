/* serve: `tebiki serve`: the site over HTTP while the author writes;
 * every change rebuilds it, open pages reload themselves, errors show
 * over the page, the PDFs follow in the background. */
#ifndef TEBIKI_SERVE_H
#define TEBIKI_SERVE_H

struct serve_opts {
	const char *dir;	/* the project */
	const char *bind;	/* address to listen on */
	int port;		/* 0: any free one */
	int pdf;		/* build the PDFs too */
	int jobs;
};

/* Runs until SIGINT or SIGTERM. Returns the exit status: 0 after a
 * clean stop, 2 when it cannot start (a port in use, a bad address, a
 * project that cannot load). */
int serve_run(const struct serve_opts *o);

#endif
