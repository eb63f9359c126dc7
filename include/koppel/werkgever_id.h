/* werkgever_id.h — the "Werkgever ID" a user types: the employer's GUID
 * (Loket.nl: Werkgever → Bedrijfsgegevens → Werkgever id) or its employer
 * number. Several may be given at once, separated by spaces, commas,
 * semicolons or line breaks. */
#ifndef KOPPEL_WERKGEVER_ID_H
#define KOPPEL_WERKGEVER_ID_H

#include "koppel/error.h"
#include <stddef.h>

enum kp_werkgever_kind { KP_WG_GUID, KP_WG_NUMBER };

struct kp_werkgever_id {
	enum kp_werkgever_kind kind;
	char value[40]; /* GUID in lower case without braces, or the number without leading zeros */
};

/* Normalise one id. KP_ERR_USAGE with where to find it when it is neither. */
enum kp_err kp_werkgever_id_parse(const char *text, struct kp_werkgever_id *out,
				  struct kp_error *err);

/* Parse a list; duplicates are dropped (same normalised value). *out is a
 * new array (free()) with *n entries. An empty text gives KP_ERR_USAGE. */
enum kp_err kp_werkgever_ids_parse(const char *text, struct kp_werkgever_id **out, size_t *n,
				   struct kp_error *err);

/* 1 when a and b name the same id. */
int kp_werkgever_id_equal(const struct kp_werkgever_id *a, const struct kp_werkgever_id *b);

#endif
