/* loket_employers.c — the Werkgever IDs: GUID or employer number, one or
 * more (main entity and underlying ones), validated, duplicates dropped. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/state.h"
#include "koppel/step.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void employers_enter(struct kp_app *app, struct kp_form *f)
{
	const char **v = NULL;
	size_t n = kp_state_get_strv(&app->state, "loket.employers", &v), len = 1;
	char *joined;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	joined = calloc(1, len);
	for (size_t i = 0; joined && i < n; i++) {
		strcat(joined, v[i]);
		if (i + 1 < n)
			strcat(joined, " ");
	}
	kp_form_text(f, 0, "%s",
		     _("Enter the Werkgever ID of every entity to connect: the main entity and "
		       "each underlying one. Separate several with spaces or commas."));
	kp_form_text(f, 0, "%s",
		     _("Where to find it: in Loket.nl open Werkgever → Bedrijfsgegevens; the field "
		       "\"Werkgever id\" shows it. The employer number works too; koppel looks "
		       "up the id."));
	if (app->demo_loket_hint)
		kp_form_text(f, 0, "%s", app->demo_loket_hint);
	kp_form_input(f, "ids", _("Werkgever IDs"), joined ? joined : "", 4000, 0);
	free(joined);
	free(v);
}

static enum kp_next employers_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_werkgever_id *ids = NULL;
	size_t n = 0;
	if (kp_werkgever_ids_parse(kp_form_value(f, "ids"), &ids, &n, err) != KP_OK)
		return KP_STAY;
	kp_loket_settings_set_ids(app, ids, n);
	free(ids);
	if (app->loket) /* new ids: earlier checks no longer apply */
		app->loket->rights_done = app->loket->sync_done = 0;
	return KP_NEXT;
}

const struct kp_step kp_step_loket_employers = {
    .id = "loket-employers",
    .title = N_("Werkgever IDs"),
    .help = N_("A Werkgever ID is the id Loket.nl gives an employer, like "
	       "b14acd0d-75d7-4fc8-8b22-4a3924585cab; the shorter employer number is "
	       "accepted too. Enter the same IDs as in Benefits-Plaza. koppel later checks "
	       "that the Loket.nl user can reach each of them."),
    .enter = employers_enter,
    .submit = employers_submit,
};
