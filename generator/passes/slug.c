/* slug: see slug.h. The rules are the tools' own, written out: each
 * reads the heading's plain text, as they do. */
#include "slug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "../render/unicode.h"

static int slug_is_punct(uint32_t c)
{
	if (c == 0x3005 || c == 0x3006 || c == 0x3007 || c == 0x303B)
		return 0;	/* 々 〆 〇 〻 are letters */
	return (c >= 0x2000 && c <= 0x206F)	/* general punctuation */
	    || (c >= 0x3000 && c <= 0x303F)	/* CJK symbols and punctuation */
	    || c == 0x30FB			/* katakana middle dot */
	    || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)
	    || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65)
	    || c == 0x00A0 || c == 0x00AB || c == 0x00BB;
}

static void slug_tebiki(const char *text, size_t len, struct buf *out)
{
	size_t start = out->n;
	int dash = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = utf8_decode(text + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		int keep = 0;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
			dash |= c == ' ' || c == '-' || c == '\t' || c == '\n';
		} else if (c == 0x3000) {
			dash = 1;	/* ideographic space */
		} else {
			keep = !slug_is_punct(c);
		}
		if (keep) {
			if (dash && out->n > start)
				buf_addc(out, '-');
			dash = 0;
			if (c < 0x80)
				buf_addc(out, (char)c);
			else
				buf_add(out, text + i, n);
		}
		i += n;
	}
}

static void slug_put(struct buf *out, uint32_t c)
{
	char u[4];
	buf_add(out, u, utf8_encode(c, u));
}

/* github-slugger: characters of these categories go (Alphabetic ones
 * among the symbols stay: Ⓐ, 🄰), ' ' becomes '-', '-' stays. */
static int slug_github_drops(uint32_t c)
{
	if (c == ' ' || c == '-')
		return 0;
	if ((c >= 0x24B6 && c <= 0x24E9) || (c >= 0x1F130 && c <= 0x1F149) ||
	    (c >= 0x1F150 && c <= 0x1F169) || (c >= 0x1F170 && c <= 0x1F189))
		return 0;	/* circled and squared letters: Alphabetic */
	switch (uni_category(c)) {
	case UNI_LU: case UNI_LL: case UNI_LT: case UNI_LM: case UNI_LO:
	case UNI_MN: case UNI_MC: case UNI_ME: case UNI_ND: case UNI_NL: case UNI_PC:
		return 0;
	default:
		return 1;
	}
}

static void slug_github(const char *text, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = utf8_decode(text + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		i += n;
		c = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : uni_lower(c);
		if (c == ' ')
			buf_addc(out, '-');
		else if (!slug_github_drops(c))
			slug_put(out, c);
	}
}

/* What @mdit-vue/shared's slugify turns into '-': JavaScript's \s and
 * ASCII punctuation, and the curly quotes. */
static int slug_vitepress_special(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r') ||
		       (c != 0x7F && c > ' ' && strchr("~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/", (int)c));
	return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF ||
	       c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

/* The result is composed again (NFC): VitePress leaves 「ガ」 as カ and
 * a combining mark, which a link written in the editor (composed)
 * never matches; composed, both agree. ASCII ids are the same. */
static void slug_vitepress(const char *text, size_t len, struct buf *out)
{
	uint32_t local[64], *cp = local;
	long n = uni_decompose(text, len, 1, cp, 64);
	if (n > 64) {
		cp = xmalloc((size_t)n * sizeof *cp);
		n = uni_decompose(text, len, 1, cp, (size_t)n);
	}
	/* kept characters, with a '-' for each run of specials and a '_'
	 * before a leading digit: at most two more than there were */
	uint32_t *o = xmalloc(((size_t)(n > 0 ? n : 0) * 2 + 2) * sizeof *o);
	long m = 0;
	int dash = 0;
	for (long i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if ((c >= 0x300 && c <= 0x36F) || c < 0x20)
			continue;	/* combining accents, control characters */
		if (slug_vitepress_special(c)) {
			dash = 1;
			continue;
		}
		if (dash && m > 0)
			o[m++] = '-';
		dash = 0;
		if (m == 0 && c >= '0' && c <= '9')
			o[m++] = '_';
		o[m++] = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : uni_lower(c);
	}
	m = uni_compose(o, m);
	for (long i = 0; i < m; i++)
		slug_put(out, o[i]);
	free(o);
	if (cp != local)
		free(cp);
}

void slug_make(enum slug_style style, const char *text, size_t len, struct buf *out)
{
	size_t start = out->n;
	if (style == SLUG_GITHUB)
		slug_github(text, len, out);
	else if (style == SLUG_VITEPRESS)
		slug_vitepress(text, len, out);
	else
		slug_tebiki(text, len, out);
	if (out->n == start)
		buf_adds(out, "section");
}

/* The style site.yaml names; *bad: the value, if it names none. */
static enum slug_style slug_style_read(const struct meta *config, const struct meta **bad)
{
	const struct meta *v = meta_get(meta_get(config, "markdown"), "slugs");
	const char *s = v ? meta_str(v) : NULL;
	*bad = NULL;
	if (v == NULL || (s && strcmp(s, "tebiki") == 0))
		return SLUG_TEBIKI;
	if (s && strcmp(s, "github") == 0)
		return SLUG_GITHUB;
	if (s && strcmp(s, "vitepress") == 0)
		return SLUG_VITEPRESS;
	*bad = v;
	return SLUG_TEBIKI;
}

enum slug_style slug_style_of(const struct meta *config)
{
	const struct meta *bad;
	enum slug_style style = slug_style_read(config, &bad);
	if (bad)
		meta_error(bad, "unknown markdown.slugs '%s' (known: tebiki, github, vitepress)",
			   meta_str(bad) ? meta_str(bad) : meta_type_name(bad->type));
	return style;
}

enum slug_style slug_style_silent(const struct meta *config)
{
	const struct meta *bad;
	return slug_style_read(config, &bad);
}
