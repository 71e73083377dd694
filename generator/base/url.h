/* url: the two questions every back end asks of a link as written. */
#ifndef TEBIKI_URL_H
#define TEBIKI_URL_H
#include <stddef.h>

/* Does url start with a scheme ("https:", "mailto:")? */
int url_has_scheme(const char *url);
/* The first n bytes of s with %XX sequences decoded. */
char *url_unpercent(const char *s, size_t n);

#endif
