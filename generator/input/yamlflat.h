/* yamlflat: flat `key: value` YAML without libyaml (see yamlflat.c). */
#ifndef TEBIKI_YAMLFLAT_H
#define TEBIKI_YAMLFLAT_H
#include <stddef.h>

struct meta;

/* The mapping of text if every line is `key: value` in the forms
 * yamlflat.c reads, as yaml_parse would give it; else NULL (and
 * nothing said: libyaml reads it then). */
struct meta *yamlflat_parse(const char *file, const char *text, size_t len, int line_offset);

#endif
