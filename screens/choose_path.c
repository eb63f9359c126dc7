/* choose_path.c — which connection to set up, or diagnose. */
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static const char *const path_ids[] = {"afas", "loket", "doctor"};

static void choose_enter(struct kp_app *app, struct kp_form *f)
{
	const char *labels[] = {
		_("AFAS Profit → a.s.r. (payroll processor)"),
		_("Loket.nl → Benefits-Plaza (employer or accountant)"),
		_("Diagnose an existing connection (support)"),
	};
	int sel = 0;
	const char *prev = kp_state_get_str(&app->state, "wizard.path");
	for (int i = 0; prev && i < 3; i++)
		if (strcmp(prev, path_ids[i]) == 0)
			sel = i;
	kp_form_text(f, 0, "%s", _("Which connection do you want to set up?"));
	kp_form_choice(f, "path", _("Path"), path_ids, labels, 3, sel);
}

static enum kp_next choose_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	const char *v = kp_form_value(f, "path");
	for (int i = 0; v && i < 3; i++) {
		if (strcmp(v, path_ids[i]) == 0) {
			app->flow_id = path_ids[i];
			kp_state_set_str(&app->state, "wizard.path", path_ids[i]);
			return KP_NEXT;
		}
	}
	kp_error_set(err, KP_ERR_USAGE, NULL, "%s", _("Choose one of the paths."));
	return KP_STAY;
}

const struct kp_step kp_step_choose_path = {
	.id = "choose-path",
	.title = N_("Choose the connection"),
	.help = N_("AFAS Profit: for payroll processors who connect their AFAS environment to "
		   "a.s.r. with an App Connector token. Loket.nl: for employers and accountants "
		   "who give Benefits-Plaza access to Loket.nl. Diagnose: checks a connection "
		   "that was set up before."),
	.enter = choose_enter,
	.submit = choose_submit,
};
