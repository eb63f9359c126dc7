/* loket_rights.h — Loket.nl rights ("rechten"), the activities (operation
 * ids) they grant and the sandbox routes those activities serve. */
#ifndef KOPPEL_SANDBOX_LOKET_RIGHTS_H
#define KOPPEL_SANDBOX_LOKET_RIGHTS_H

#include <stddef.h>

/* The six rights Benefits-Plaza needs; SB_RIGHT_NONE = always granted. */
enum sb_right {
	SB_RIGHT_NONE = -1,
	SB_RIGHT_BSN = 0,
	SB_RIGHT_DIENSTVERBANDEN,
	SB_RIGHT_BELONINGEN,
	SB_RIGHT_VARIABELE_GEGEVENS,
	SB_RIGHT_LOONOUTPUT_BEPERKT,
	SB_RIGHT_HRM,
	SB_RIGHT_COUNT
};

struct sb_loket_activity {
	const char *route;     /* sandbox route id, e.g. "loket.wages" */
	const char *activity;  /* Loket activity name (operation id) */
	enum sb_right right;   /* the right that grants it */
};

extern const char *const sb_right_names[SB_RIGHT_COUNT];
extern const struct sb_loket_activity sb_loket_activities[];
extern const size_t sb_loket_n_activities;

/* The activity row for a route id; NULL if the route needs no activity. */
const struct sb_loket_activity *sb_loket_activity_for_route(const char *route);

#endif
