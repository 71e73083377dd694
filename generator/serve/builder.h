/* builder: serve's second process. It keeps the project loaded, builds
 * the site into the served folder on every batch of changes the server
 * sends, runs the PDFs in a child of its own, and reports back what
 * changed and what is wrong. A build that never ends (the watchdog) or
 * crashes takes this process down, never the server. */
#ifndef TEBIKI_BUILDER_H
#define TEBIKI_BUILDER_H

struct build_opts;

/* Messages to the server are frames "NAME STATE LEN\n" and LEN bytes:
 *   reload 0 N   a JSON list of the site's paths that changed
 *   errors 1 N   the diagnostics, as the terminal shows them
 *   ok 1 0       no errors any more
 *   fatal 0 N    the project cannot be loaded at all (first build)
 *   built 0 0    a batch is done
 * From the server: the paths of one batch, a line each, then an empty
 * line. out is the served folder's parent: site/ and pdf/ go in it.
 * Never returns. */
void builder_main(const struct build_opts *o, int pdf, const char *out, int from_server,
		  int to_server);

#endif
