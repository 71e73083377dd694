/* config: the keys of site.yaml that tebiki reads, checked for their
 * type and range, so a mistake is reported at its line in site.yaml
 * (not where a template or a limit later stumbles on it). */
#ifndef TEBIKI_CONFIG_H
#define TEBIKI_CONFIG_H

struct site;

/* Checks s->config, sets s->limits; a menu with mistakes is reported
 * and left empty. */
void config_check(struct site *s);

#endif
