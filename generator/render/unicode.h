/* unicode: what tebiki asks of the Unicode character database, through
 * utf8proc (the only file that includes <utf8proc.h>): a character's
 * general category, its lower case, and (compatibility) decomposition
 * and composition, for search terms and heading ids. */
#ifndef TEBIKI_UNICODE_H
#define TEBIKI_UNICODE_H
#include <stddef.h>
#include <stdint.h>

/* General categories, in the Unicode database's order. */
enum uni_cat {
	UNI_CN, UNI_LU, UNI_LL, UNI_LT, UNI_LM, UNI_LO, UNI_MN, UNI_MC, UNI_ME,
	UNI_ND, UNI_NL, UNI_NO, UNI_PC, UNI_PD, UNI_PS, UNI_PE, UNI_PI, UNI_PF,
	UNI_PO, UNI_SM, UNI_SC, UNI_SK, UNI_SO, UNI_ZS, UNI_ZL, UNI_ZP, UNI_CC,
	UNI_CF, UNI_CS, UNI_CO
};

enum uni_cat uni_category(uint32_t c);
uint32_t uni_lower(uint32_t c);
/* The canonical (compat 0: NFD) or compatibility (NFKD) decomposition
 * of the UTF-8 s[0..n) into buf (cap code points). Returns how many
 * code points it has (more than cap: call again with room), or -1 on
 * invalid UTF-8. */
long uni_decompose(const char *s, size_t n, int compat, uint32_t *buf, size_t cap);
/* Composes a decomposed buf in place (NFD → NFC, NFKD → NFKC);
 * returns its new length. */
long uni_compose(uint32_t *buf, long len);

#endif
