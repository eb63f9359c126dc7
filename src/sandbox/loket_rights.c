/* loket_rights.c — THE table of rights → activities → endpoints. No source
 * maps Loket's rights to endpoints (see api-facts.md: inferred); this is
 * the one place to correct it. /authorizations lists the activities, the
 * API answers 403 on the route of an activity the user lacks. */
#include <string.h>

#include "loket_rights.h"

const char *const sb_right_names[SB_RIGHT_COUNT] = {
	[SB_RIGHT_BSN] = "Beheren en raadplegen BSN",
	[SB_RIGHT_DIENSTVERBANDEN] = "Raadplegen dienstverbanden",
	[SB_RIGHT_BELONINGEN] = "Raadplegen beloningen",
	[SB_RIGHT_VARIABELE_GEGEVENS] = "Raadplegen variabele gegevens",
	[SB_RIGHT_LOONOUTPUT_BEPERKT] = "Raadplegen loonoutput beperkt",
	[SB_RIGHT_HRM] = "Raadplegen HRM",
};

const struct sb_loket_activity sb_loket_activities[] = {
	{ "loket.employers", "GetEmployersByUserId", SB_RIGHT_NONE },
	{ "loket.employer", "GetEmployerByEmployerId", SB_RIGHT_NONE },
	{ "loket.employees", "GetEmployeesByEmployerId", SB_RIGHT_NONE },
	{ "loket.authorizations", "GetAuthorizationsByEmployerId", SB_RIGHT_NONE },
	{ "loket.citizenservicenumbers", "GetCitizenServiceNumbersByEmployerId", SB_RIGHT_BSN },
	{ "loket.citizenservicenumber", "GetCitizenServiceNumberByEmployeeId", SB_RIGHT_BSN },
	{ "loket.employments", "GetEmploymentsByEmployerId", SB_RIGHT_DIENSTVERBANDEN },
	{ "loket.wages", "GetWagesByEmploymentId", SB_RIGHT_BELONINGEN },
	{ "loket.payrollperioddata", "GetPayrollPeriodDataByEmploymentId",
	  SB_RIGHT_VARIABELE_GEGEVENS },
	{ "loket.payrollperiodresults", "GetPayrollPeriodResultsByEmploymentIdAndYear",
	  SB_RIGHT_LOONOUTPUT_BEPERKT },
	{ "loket.partners", "GetPartnersByEmployeeId", SB_RIGHT_HRM },
};
const size_t sb_loket_n_activities = sizeof sb_loket_activities / sizeof *sb_loket_activities;

const struct sb_loket_activity *sb_loket_activity_for_route(const char *route)
{
	for (size_t i = 0; i < sb_loket_n_activities; i++)
		if (strcmp(sb_loket_activities[i].route, route) == 0)
			return &sb_loket_activities[i];
	return NULL;
}
