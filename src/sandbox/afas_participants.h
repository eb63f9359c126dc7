/* afas_participants.h — the demo AFAS environments (participant numbers),
 * their App Connector tokens and what is wrong with each on purpose. */
#ifndef KOPPEL_SANDBOX_AFAS_PARTICIPANTS_H
#define KOPPEL_SANDBOX_AFAS_PARTICIPANTS_H

#include <stddef.h>

struct sb_afas_participant {
	const char *participant; /* 5-digit klantnummer */
	int revoked;             /* token withdrawn: every call 401 */
	const char *unassigned;  /* connector id not assigned to the App Connector, or NULL */
	const char *purpose;     /* one line for the info file and docs */
};

extern const struct sb_afas_participant sb_afas_participants[];
extern const size_t sb_afas_n_participants;

/* Participant by number; NULL if unknown. */
const struct sb_afas_participant *sb_afas_participant_find(const char *id);
/* The full token XML for participant (deterministic), into out (>= 128). */
void sb_afas_token_xml(const char *participant, char *out, size_t outlen);

#endif
