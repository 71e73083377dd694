/* publications: the PDFs site.yaml declares under publications:, read
 * into site->pubs and checked: known keys only, an id that can be a
 * file name, chapters that are pages of the project. */
#ifndef TEBIKI_PUBLICATIONS_H
#define TEBIKI_PUBLICATIONS_H

struct site;

/* After organize (pages are found by source). Errors are reported at
 * their site.yaml line. */
void publications_load(struct site *s);

#endif
