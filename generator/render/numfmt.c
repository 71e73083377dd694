/* numfmt: rounding is done once, by printf, and the separators are
 * put into its digits, so 0.05 and 1e6 print the way they round. */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"

/* The digits of v rounded to 15 significant digits (what a double
 * holds; "%.0f" of 1e70 prints 10000000000000000725314363…), the
 * others zeros: what was written, for numbers of 1e15 and more. */
static void numfmt_big(char *digits, size_t size, double v, int decimals)
{
	char e[32];
	snprintf(e, sizeof e, "%.14e", v);	/* -d.ddddddddddddddde+XX */
	char *p = e, *d = digits, *end = digits + size - 1;
	if (*p == '-')
		*d++ = *p++;
	int exp = atoi(strchr(p, 'e') + 1);
	for (int i = 0; i <= exp && d < end; i++) {
		int k = i == 0 ? 0 : i + 1;	/* skip the point */
		*d++ = i < 15 ? p[k] : '0';
	}
	if (decimals > 0 && d < end)
		*d++ = '.';
	for (int i = 0; i < decimals && d < end; i++)
		*d++ = '0';
	*d = '\0';
}

void numfmt(struct buf *out, double v, int decimals, const char *unit)
{
	char digits[400];	/* 1.8e308 with separators added later */
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (!isfinite(v))	/* callers report it; never "inf" in a page */
		v = 0;
	if (fabs(v) >= 1e15)
		numfmt_big(digits, sizeof digits, v, decimals);
	else
		snprintf(digits, sizeof digits, "%.*f", decimals, v);
	if (strspn(digits, "-0.") == strlen(digits) && digits[0] == '-')
		memmove(digits, digits + 1, strlen(digits));	/* no "-0" */
	const char *p = digits;
	if (*p == '-')
		buf_addc(out, *p++);
	size_t intlen = strcspn(p, ".");
	for (size_t i = 0; i < intlen; i++) {
		if (i && (intlen - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, p[i]);
	}
	buf_adds(out, p + intlen);
	if (unit)
		buf_adds(out, unit);
}

/* Day of the week by Sakamoto's method: 0 is Sunday. */
static int numfmt_weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y -= 1;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

void numfmt_date(struct buf *out, const char *iso)
{
	int y, m, d;
	char tail;
	if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31) {
		buf_adds(out, iso);
		return;
	}
	static const char *days[] = {"日", "月", "火", "水", "木", "金", "土"};
	buf_addf(out, "%d年%d月%d日（%s）", y, m, d, days[numfmt_weekday(y, m, d)]);
}
