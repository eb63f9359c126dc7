/* flow.c — the order of the steps. Every path starts with the welcome and
 * choose-path steps at the same places, so numbering ("step 3 of 9") and
 * Esc back to the choice work the same in each. */
#include <string.h>
#include "koppel/step.h"
#include "flow.h"

extern const struct kp_step kp_step_welcome;
extern const struct kp_step kp_step_choose_path;
extern const struct kp_step kp_step_resume;
extern const struct kp_step kp_step_not_yet;
extern const struct kp_step kp_step_summary;

/* AFAS steps */
extern const struct kp_step kp_step_afas_zip;
extern const struct kp_step kp_step_afas_user;
extern const struct kp_step kp_step_afas_token;
extern const struct kp_step kp_step_afas_assign;
extern const struct kp_step kp_step_afas_sync;
extern const struct kp_step kp_step_afas_sheet;
/* end AFAS steps */

/* Loket steps */
extern const struct kp_step kp_step_loket_bp_settings;
extern const struct kp_step kp_step_loket_employers;
extern const struct kp_step kp_step_loket_keyring;
extern const struct kp_step kp_step_loket_consent;
extern const struct kp_step kp_step_loket_rights;
extern const struct kp_step kp_step_loket_sync;
/* end Loket steps */

#define FLOW(name, ...)                                                                    \
	static const struct kp_step *const name##_steps[] = {__VA_ARGS__};                   \
	static const struct kp_flow name##_flow = {#name, name##_steps,                      \
						  sizeof name##_steps / sizeof name##_steps[0]}

FLOW(start, &kp_step_welcome, &kp_step_choose_path);

FLOW(afas, &kp_step_welcome, &kp_step_choose_path,
     /* AFAS flow */
     &kp_step_afas_zip, &kp_step_afas_user, &kp_step_afas_token, &kp_step_afas_assign,
     &kp_step_afas_sync, &kp_step_afas_sheet,
     /* end AFAS flow */
     &kp_step_summary);

FLOW(loket, &kp_step_welcome, &kp_step_choose_path,
     /* Loket flow */
     &kp_step_loket_bp_settings, &kp_step_loket_employers, &kp_step_loket_keyring,
     &kp_step_loket_consent, &kp_step_loket_rights, &kp_step_loket_sync,
     /* end Loket flow */
     &kp_step_summary);

FLOW(doctor, &kp_step_welcome, &kp_step_choose_path, &kp_step_not_yet, &kp_step_summary);

static const struct kp_flow *flow_get(const char *id)
{
	static const struct kp_flow *const all[] = {&start_flow, &afas_flow, &loket_flow,
						    &doctor_flow};
	for (size_t i = 0; id && i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i]->id, id) == 0)
			return all[i];
	return NULL;
}

const struct kp_flow_table kp_flows = {
	.get = flow_get,
	.start = "start",
	.resume = &kp_step_resume,
};
