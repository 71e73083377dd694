/* outdir: the folder a build writes. tebiki only ever replaces a folder
 * it made (one with its marker file), never one that holds the project
 * or lies among its sources; the new output is made in a hidden folder
 * beside it and swapped in whole, under a lock, so that two builds of
 * one project do not interleave and a build that dies leaves the
 * previous output (or a way back to it) in place. */
#ifndef TEBIKI_OUTDIR_H
#define TEBIKI_OUTDIR_H

#define OUTDIR_MARKER ".tebiki-output"

struct outdir {
	char *path;		/* OUTDIR as given, without trailing slashes */
	char *staging;		/* the hidden folder the build writes into */
	int lock;		/* the project's folder, flock()ed; -1 if none */
};

/* Checks path against the project in dir, takes the lock, tidies what
 * killed builds left and makes the staging folder. 0, or 2 after a
 * diagnostic (refused or cannot write). */
int outdir_open(struct outdir *o, const char *dir, const char *path);
/* Swaps the staging folder in as OUTDIR. 0, or -1 after a diagnostic. */
int outdir_commit(struct outdir *o);
/* Removes the staging folder (a failed build). */
void outdir_abort(struct outdir *o);
/* Makes dir (and its parents) with the marker in it: serve's output
 * folder is one too. 0, or -1 with errno. */
int outdir_mark(const char *dir);
/* Unlocks and frees. */
void outdir_close(struct outdir *o);

#endif
