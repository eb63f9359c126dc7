/* loket_users.h — demo Loket.nl users and employers. */
#ifndef KOPPEL_SANDBOX_LOKET_USERS_H
#define KOPPEL_SANDBOX_LOKET_USERS_H

#include <stddef.h>

#define SB_LOKET_EMPLOYERS 3

struct sb_loket_user {
	const char *username;
	const char *password;
	const char *purpose;
	int webservice;                          /* refused at login */
	unsigned missing[SB_LOKET_EMPLOYERS];    /* bit per enum sb_right missing */
};

struct sb_loket_employer {
	const char *company_name;
	int employer_number;
	const char *chamber_of_commerce;
};

extern const struct sb_loket_user sb_loket_users[];
extern const size_t sb_loket_n_users;
extern const struct sb_loket_employer sb_loket_employers[SB_LOKET_EMPLOYERS];

/* The GUID of employer e, as /providers/employers gives it
 * (src/sandbox/loket_api.c owns the GUID kinds). */
void sb_loket_employer_id(unsigned e, char out[37]);

/* User index for username, or -1. */
int sb_loket_user_find(const char *username);
/* 1 when user holds right r (enum sb_right, -1 = none needed) on employer e. */
int sb_loket_user_has(int user, unsigned e, int r);

#endif
