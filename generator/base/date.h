/* date: the calendar dates tebiki reads (YYYY-MM-DD), checked against
 * the calendar: 2024-02-30 and 2023-02-29 are no dates. */
#ifndef TEBIKI_DATE_H
#define TEBIKI_DATE_H

/* Is s a date YYYY-MM-DD from 1900 to 9999 that the calendar has? */
int date_valid(const char *s);

#endif
