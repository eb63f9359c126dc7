/* afas_participants.c — demo participants: 12345 works, 23456 lacks one
 * connector, 34567 has a revoked token. Tokens are derived from the number
 * so that they are the same at every start. */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>

#include "afas_participants.h"

const struct sb_afas_participant sb_afas_participants[] = {
	{ "12345", 0, NULL, "all demo Benefits-Plaza GetConnectors assigned" },
	{ "23456", 0, "BP_Salarissen", "BP_Salarissen not assigned to the App Connector" },
	{ "34567", 1, NULL, "token revoked: every call answers 401" },
};
const size_t sb_afas_n_participants = sizeof sb_afas_participants / sizeof *sb_afas_participants;

const struct sb_afas_participant *sb_afas_participant_find(const char *id)
{
	for (size_t i = 0; i < sb_afas_n_participants; i++)
		if (strcmp(sb_afas_participants[i].participant, id) == 0)
			return &sb_afas_participants[i];
	return NULL;
}

void sb_afas_token_xml(const char *participant, char *out, size_t outlen)
{
	unsigned char digest[32];
	char seed[64], hex[65];
	snprintf(seed, sizeof seed, "koppel-sandbox-afas-token:%s", participant);
	gnutls_hash_fast(GNUTLS_DIG_SHA256, seed, strlen(seed), digest);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02X", digest[i]);
	snprintf(out, outlen, "<token><version>1</version><data>%s</data></token>", hex);
}
