/* acroform: fillable PDF form fields for libharu 2.3, which has no
 * form API. The second file (after out.c) that includes <hpdf.h>: it
 * builds the catalog's /AcroForm, a field per radio group or text
 * field and a widget annotation per button with the exported low-level
 * HPDF_Dict_* / HPDF_Array_* functions. Rectangles are in PDF points,
 * origin bottom left. */
#ifndef TEBIKI_ACROFORM_H
#define TEBIKI_ACROFORM_H

#include <hpdf.h>

struct acroform;

/* font: the text fields' font (/DR /JaGo: Japanese that a user types),
 * or NULL for Helvetica. */
struct acroform *acroform_new(HPDF_Doc pdf, HPDF_Dict font);
/* A one-line text field (確認日, 確認者); tip: its description (UTF-8). */
void acroform_text(struct acroform *f, HPDF_Page page, HPDF_Rect r, const char *name,
		   const char *tip);
/* One button of the radio group name; value: what the group holds when
 * it is chosen. Buttons of a group may be added in any order. */
void acroform_radio(struct acroform *f, HPDF_Page page, HPDF_Rect r, const char *name,
		    const char *value, const char *tip);
/* Writes /AcroForm into the catalog and frees f. */
void acroform_finish(struct acroform *f);

#endif
