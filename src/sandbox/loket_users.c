/* loket_users.c — demo users: demo (all six rights on three employers),
 * beperkt (BSN and loonoutput missing on the second employer), webservice
 * (a webservice user, refused at login). */
#include <string.h>

#include "loket_rights.h"
#include "loket_users.h"

const struct sb_loket_user sb_loket_users[] = {
	{ "demo", "demo-wachtwoord", "all six rights on three employers", 0, { 0, 0, 0 } },
	{ "beperkt", "beperkt-wachtwoord",
	  "lacks 'Beheren en raadplegen BSN' and 'Raadplegen loonoutput beperkt' on Voorbeeld Zorg B.V.",
	  0, { 0, (1u << SB_RIGHT_BSN) | (1u << SB_RIGHT_LOONOUTPUT_BEPERKT), 0 } },
	{ "webservice", "webservice-wachtwoord",
	  "a webservice user: refused at login (cannot give consent)", 1, { 0, 0, 0 } },
};
const size_t sb_loket_n_users = sizeof sb_loket_users / sizeof *sb_loket_users;

/* One main entity and two underlying ones, as a holding with subsidiaries. */
const struct sb_loket_employer sb_loket_employers[SB_LOKET_EMPLOYERS] = {
	{ "Voorbeeld Holding B.V.", 20720, "18124676" },
	{ "Voorbeeld Zorg B.V.", 20721, "18124677" },
	{ "Voorbeeld Techniek B.V.", 20722, "18124678" },
};

int sb_loket_user_find(const char *username)
{
	for (size_t i = 0; i < sb_loket_n_users; i++)
		if (strcmp(sb_loket_users[i].username, username) == 0)
			return (int)i;
	return -1;
}

int sb_loket_user_has(int user, unsigned e, int r)
{
	if (user < 0 || (size_t)user >= sb_loket_n_users || e >= SB_LOKET_EMPLOYERS)
		return 0;
	if (r < 0)
		return 1;
	return !(sb_loket_users[user].missing[e] & (1u << r));
}
