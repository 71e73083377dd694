/* sheet: a self-diagnosis sheet (model/checklist.h) as a fillable A4
 * form laid out like the seed's: the title and lead, 確認日 and 確認者
 * as text fields, then a row per item (No., 項目 with runs of one
 * category merged, 内容) with four answer columns whose buttons are a
 * radio group per item (AcroForm, written by out.c through acroform.c).
 * Laid out here, not by layout.c: a form field needs its exact place. */
#ifndef TEBIKI_SHEET_H
#define TEBIKI_SHEET_H

struct checklist;
struct draw_doc;
struct pdf_env;
struct variant;

/* Lays cl out into out (zeroed by the caller): the items that apply to
 * v (NULL: all). Returns the number of pages. */
int sheet_layout(const struct pdf_env *e, const struct checklist *cl, const struct variant *v,
		 struct draw_doc *out);

/* The items of a ```checklist block, drawn like the sheet, row by row
 * into a publication's layout (marked by hand: no fields there). */
struct block_checklist;
struct font;
struct lay;
struct pdf_style;
void sheet_block(struct lay *L, struct draw_doc *d, const struct pdf_style *st,
		 struct font *const *fonts, const struct block_checklist *bc,
		 const struct variant *v, double left, double width);

#endif
