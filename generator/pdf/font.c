/* font: HarfBuzz for metrics and hb-subset for embedding. libharu 2.3
 * copies a TrueType font's whole cmap, post, loca and hmtx tables (a
 * PDF with nine characters of IPAexGothic is 255 KB); the subset made
 * here has only the glyphs used, and libharu loads it unchanged. 2.3
 * cannot load a font from memory, hence the temporary file. */
#include "font.h"

#include <errno.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/xalloc.h"

struct font {
	char *path;
	hb_blob_t *blob;
	hb_face_t *face;
	double upem;
	double ascent, descent;	/* em */
	uint64_t has[65536 / 64];
	uint16_t adv[65536];	/* font units, BMP */
};

static void font_metrics(struct font *f, hb_font_t *hf)
{
	hb_set_t *cps = hb_set_create();
	hb_face_collect_unicodes(f->face, cps);
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (hb_set_next(cps, &cp) && cp < 65536) {
		hb_codepoint_t g;
		if (!hb_font_get_nominal_glyph(hf, cp, &g))
			continue;
		hb_position_t a = hb_font_get_glyph_h_advance(hf, g);
		f->adv[cp] = (uint16_t)(a > 0 ? (a < 65535 ? a : 65535) : 0);
		f->has[cp / 64] |= 1ull << (cp % 64);
	}
	hb_set_destroy(cps);
	hb_font_extents_t ext;
	if (hb_font_get_h_extents(hf, &ext) && ext.ascender > 0) {
		f->ascent = ext.ascender / f->upem;
		f->descent = -ext.descender / f->upem;
	} else {
		f->ascent = 0.88;
		f->descent = 0.12;
	}
}

struct font *font_open(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {	/* a named pipe would block the read */
		errno = S_ISDIR(st.st_mode) ? EISDIR : ESPIPE;
		return NULL;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL) {
		if (errno == 0)
			errno = ENOENT;
		return NULL;
	}
	hb_face_t *face = hb_face_create(blob, 0);
	unsigned upem = hb_face_get_upem(face);
	if (hb_face_get_glyph_count(face) == 0 || upem == 0) {
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		errno = EINVAL;
		return NULL;
	}
	struct font *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	f->blob = blob;
	f->face = face;
	f->upem = upem;
	hb_face_make_immutable(face);
	hb_font_t *hf = hb_font_create(face);
	font_metrics(f, hf);
	hb_font_destroy(hf);
	return f;
}

void font_close(struct font *f)
{
	if (f == NULL)
		return;
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f);
}

const char *font_path(const struct font *f)
{
	return f->path;
}

int font_has(const struct font *f, uint32_t cp)
{
	return cp < 65536 && (f->has[cp / 64] >> (cp % 64) & 1);
}

double font_advance(const struct font *f, uint32_t cp)
{
	return cp < 65536 ? f->adv[cp] / f->upem : 0;
}

double font_ascent(const struct font *f)
{
	return f->ascent;
}

double font_descent(const struct font *f)
{
	return f->descent;
}

void font_use_add(struct font_use *u, uint32_t cp)
{
	if (cp < 65536)
		u->bits[cp / 64] |= 1ull << (cp % 64);
}

int font_use_empty(const struct font_use *u)
{
	for (size_t i = 0; i < sizeof u->bits / sizeof u->bits[0]; i++)
		if (u->bits[i])
			return 0;
	return 1;
}

static void font_drop_tables(hb_subset_input_t *in)
{
	/* libharu reads none of these; vertical metrics and OpenType
	 * layout are most of what is left after the glyphs. */
	static const char tags[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "vhea",
				       "vmtx", "JSTF", "MATH", "DSIG"};
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		hb_set_add(drop, HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]));
}

/* libharu 2.3 loads fonts from a path only. The subset goes into an
 * anonymous memory file (memfd) named by /proc/self/fd/N: nothing is
 * written to the disk, and nothing is left behind by a killed build. */
static char *font_write_temp(const char *data, size_t len)
{
	int fd = memfd_create("tebiki-font", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < len) {
		close(fd);
		return NULL;
	}
	return xasprintf("/proc/self/fd/%d", fd);
}

void font_subset_free(char *path)
{
	int fd;
	if (path && sscanf(path, "/proc/self/fd/%d", &fd) == 1)
		close(fd);
	free(path);
}

static uint32_t font_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void font_put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void font_put32(unsigned char *p, uint32_t v)
{
	font_put16(p, v >> 16);
	font_put16(p + 2, v & 0xFFFF);
}

static uint32_t font_checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < len; i += 4) {
		unsigned char w[4] = {0};
		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += font_be32(w);
	}
	return sum;
}

struct font_map {
	uint32_t *cp;
	uint16_t *gid;
	size_t n;
};

/* A format 4 cmap whose segments run over gaps of up to gap code
 * points (mapped to glyph 0). libharu 2.3 finds a glyph by a linear
 * search through the segments, for each of the 65,536 code points when
 * it makes a font's widths: with the hundreds of segments a subset of
 * scattered kanji has, that alone took 10 ms a font. Returns its size,
 * 0 if it would not fit a format 4 table. */
static size_t font_format4(const struct font_map *m, unsigned gap, unsigned char *out)
{
	size_t nseg = 1, ncodes = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (i && m->cp[i] - m->cp[i - 1] > gap + 1)
			nseg++;
		ncodes += i ? (m->cp[i] - m->cp[i - 1] > gap + 1 ? 1 : m->cp[i] - m->cp[i - 1]) : 1;
	}
	nseg += m->n > 0;	/* and the final 0xFFFF */
	size_t len = 16 + 8 * nseg + 2 * ncodes;
	if (len > 65535 || out == NULL)
		return len > 65535 ? 0 : len;
	unsigned char *end = out + 14, *start = end + 2 * nseg + 2, *delta = start + 2 * nseg;
	unsigned char *range = delta + 2 * nseg, *glyphs = range + 2 * nseg;
	memset(out, 0, len);
	font_put16(out, 4);
	font_put16(out + 2, (unsigned)len);
	font_put16(out + 6, (unsigned)(2 * nseg));
	unsigned sr = 2, es = 0;
	while (sr * 2 <= 2 * nseg)
		sr *= 2, es++;
	font_put16(out + 8, sr);
	font_put16(out + 10, es - (es > 0));
	font_put16(out + 12, (unsigned)(2 * nseg - sr));
	size_t seg = 0, g = 0;
	for (size_t i = 0; i < m->n; i++) {
		int first = i == 0 || m->cp[i] - m->cp[i - 1] > gap + 1;
		if (first) {
			if (i)
				seg++;
			font_put16(start + 2 * seg, m->cp[i]);
			font_put16(range + 2 * seg, (unsigned)(2 * (nseg - seg) + 2 * g));
		} else
			g += m->cp[i] - m->cp[i - 1] - 1;	/* zeros: no glyph */
		font_put16(end + 2 * seg, m->cp[i]);
		font_put16(glyphs + 2 * g++, m->gid[i]);
	}
	seg += m->n > 0;
	font_put16(end + 2 * seg, 0xFFFF);
	font_put16(start + 2 * seg, 0xFFFF);
	font_put16(delta + 2 * seg, 1);
	return len;
}

/* The subset's cmap replaced by one (3,1) format 4 table with few
 * segments; table checksums and head.checkSumAdjustment redone. */
static unsigned char *font_recmap(const unsigned char *d, size_t len, const struct font_map *m,
				  size_t *outlen)
{
	size_t ntab = len >= 12 ? (size_t)(d[4] << 8 | d[5]) : 0;
	if (ntab == 0 || 12 + 16 * ntab > len)
		return NULL;
	size_t f4 = 0;
	unsigned gap = 64;
	while ((f4 = font_format4(m, gap, NULL)) == 0 && gap > 0)
		gap /= 2;
	if (f4 == 0)
		return NULL;
	size_t cmaplen = 12 + f4, total = 12 + 16 * ntab + ((cmaplen + 3) & ~3u);
	for (size_t t = 0; t < ntab; t++)
		total += (font_be32(d + 12 + 16 * t + 12) + 3) & ~3u;
	unsigned char *o = calloc(1, total), *p = o + 12 + 16 * ntab, *head = NULL;
	memcpy(o, d, 12 + 16 * ntab);
	for (size_t t = 0; t < ntab; t++) {
		const unsigned char *rec = d + 12 + 16 * t;
		uint32_t off = font_be32(rec + 8), tl = font_be32(rec + 12);
		unsigned char *orec = o + 12 + 16 * t;
		if (memcmp(rec, "cmap", 4) == 0) {
			font_put16(p + 2, 1);
			font_put16(p + 4, 3);
			font_put16(p + 6, 1);
			font_put32(p + 8, 12);
			font_format4(m, gap, p + 12);
			tl = (uint32_t)cmaplen;
		} else if (off + (size_t)tl <= len) {
			memcpy(p, d + off, tl);
		}
		if (memcmp(rec, "head", 4) == 0 && tl >= 12) {
			head = p;
			font_put32(head + 8, 0);
		}
		font_put32(orec + 4, font_checksum(p, tl));
		font_put32(orec + 8, (uint32_t)(p - o));
		font_put32(orec + 12, tl);
		p += (tl + 3) & ~3u;
	}
	if (head)
		font_put32(head + 8, 0xB1B0AFBAu - font_checksum(o, (size_t)(p - o)));
	*outlen = (size_t)(p - o);
	return o;
}

static void font_map_of(hb_face_t *sub, const struct font_use *u, struct font_map *m)
{
	hb_font_t *hf = hb_font_create(sub);
	m->n = 0;
	m->cp = malloc(65536 * sizeof *m->cp);
	m->gid = malloc(65536 * sizeof *m->gid);
	for (uint32_t w = 0; w < 65536 / 64; w++)
		for (uint64_t b = u->bits[w]; b; b &= b - 1) {
			uint32_t cp = w * 64 + (uint32_t)__builtin_ctzll(b);
			hb_codepoint_t g;
			if (cp < 0xFFFF && hb_font_get_nominal_glyph(hf, cp, &g) && g < 65536) {
				m->cp[m->n] = cp;
				m->gid[m->n++] = (uint16_t)g;
			}
		}
	hb_font_destroy(hf);
}

char *font_subset(const struct font *f, const struct font_use *u)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (in == NULL)
		return NULL;
	hb_set_t *uni = hb_subset_input_unicode_set(in);
	for (uint32_t w = 0; w < 65536 / 64; w++)
		for (uint64_t b = u->bits[w]; b; b &= b - 1)
			hb_set_add(uni, w * 64 + (uint32_t)__builtin_ctzll(b));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	font_drop_tables(in);
	hb_face_t *sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	struct font_map m;
	font_map_of(sub, u, &m);
	size_t newlen = 0;
	unsigned char *re = len ? font_recmap((const unsigned char *)data, len, &m, &newlen) : NULL;
	char *path = re ? font_write_temp((const char *)re, newlen)
			: len ? font_write_temp(data, len) : NULL;
	free(re);
	free(m.cp);
	free(m.gid);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return path;
}
