/* yaml: libyaml → meta tree (the only file that includes <yaml.h>). */
#ifndef TEBIKI_YAML_H
#define TEBIKI_YAML_H
#include <stddef.h>

struct meta;

/* Parses one YAML document. line_offset is added to every line so a
 * front matter block reports lines of its Markdown file. Errors are
 * reported through diag; returns NULL after an error. An empty
 * document gives an empty mapping. */
struct meta *yaml_parse(const char *file, const char *text, size_t len,
			int line_offset);
/* A scalar's value, for yaml_parse and input/yamlflat alike: plain ones
 * are typed (null, bool, int, float or string), quoted ones are
 * strings. */
struct meta *yaml_resolve(const char *v, size_t n, int plain, const char *file, int line,
			  int col);
/* The same as yaml_parse, every line through libyaml (yaml_parse first tries
 * input/yamlflat, which reads the usual front matter faster). */
struct meta *yaml_parse_full(const char *file, const char *text, size_t len,
			     int line_offset);

#endif
