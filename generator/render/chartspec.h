/* chartspec: the YAML body of a ```chart block → a chart (render/
 * chart.h) with its figures taken from a data set. Every mistake is
 * reported at its line in the Markdown file. */
#ifndef TEBIKI_CHARTSPEC_H
#define TEBIKI_CHARTSPEC_H

struct chart;
struct datasets;
struct meta;

/* m: the parsed body (a mapping); file, line: the block, for problems
 * that have no value to point at. Returns 0, or -1 after reporting;
 * -2 when the data set itself is broken (already reported). */
int chartspec_parse(const struct meta *m, const struct datasets *all, const char *file,
		    int line, struct chart *out);
/* "bar, hbar, …": for messages and docs. */
const char *chartspec_types(void);

#endif
