/* afas_token.h — the AFAS App Connector user token.
 *
 * AFAS shows the token once as <token><version>1</version><data>…</data></token>;
 * people paste it with stray whitespace and line breaks, or only the data
 * part. kp_afas_token_parse accepts both, normalises the data to upper-case
 * hex and rejects anything else with the exact reason. The token is a
 * secret: the struct lives in memory only and must be wiped when done. */
#ifndef KOPPEL_AFAS_TOKEN_H
#define KOPPEL_AFAS_TOKEN_H

#include <stddef.h>
#include "koppel/error.h"

/* Length of the data part in every AFAS token seen (64 hex characters). */
#define KP_AFAS_TOKEN_DATA_LEN 64

struct kp_afas_token {
	char version[16];		       /* decimal, e.g. "1" */
	char data[KP_AFAS_TOKEN_DATA_LEN + 1]; /* upper-case hex */
};

/* Why a token was rejected (also in err->msg, translated). */
enum kp_afas_token_problem {
	KP_TOKEN_OK = 0,
	KP_TOKEN_EMPTY,	      /* nothing entered */
	KP_TOKEN_BAD_XML,     /* looks like XML but has no <data> part */
	KP_TOKEN_NO_VERSION,  /* data only and no version given, or <version> missing */
	KP_TOKEN_BAD_VERSION, /* version is not a whole number 1..9999 */
	KP_TOKEN_NOT_HEX,     /* data holds characters other than 0-9 A-F */
	KP_TOKEN_BAD_LENGTH,  /* data is not 64 characters long */
};

/* Parse input (the full XML, or the data part) into out. version is used
 * when input is the data part only (NULL or "" = none given); with full
 * XML a non-empty version must match the XML's. Whitespace anywhere is
 * ignored; lower-case hex is accepted. On failure *problem (may be NULL)
 * says why, err says it in words, and out is wiped. */
enum kp_err kp_afas_token_parse(const char *input, const char *version, struct kp_afas_token *out,
				enum kp_afas_token_problem *problem, struct kp_error *err);

/* The exact XML AFAS expects; a new secret string (kp_secret_free). */
char *kp_afas_token_xml(const struct kp_afas_token *t);

/* "Authorization: AfasToken <base64 of the XML>"; new secret string. */
char *kp_afas_token_auth_header(const struct kp_afas_token *t);

/* Wipe the token in place. */
void kp_afas_token_wipe(struct kp_afas_token *t);

#endif
