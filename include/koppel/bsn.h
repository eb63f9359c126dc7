/* bsn.h — Dutch citizen service numbers (BSN): the elfproef and masking.
 * A BSN is personal data: never log it, never write it to disk; show it
 * masked. */
#ifndef KOPPEL_BSN_H
#define KOPPEL_BSN_H

#include <stddef.h>

/* 1 when s is exactly 9 digits and passes the elfproef
 * (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11, and not 0). */
int kp_bsn_valid(const char *s);

/* Mask for display: "******588" (only the last three digits shown); a value
 * that is not 9 characters is masked entirely. */
void kp_bsn_mask(const char *bsn, char *out, size_t outlen);

#endif
