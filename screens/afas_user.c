/* afas_user.c — AFAS step 2: the dedicated AFAS user for the connection, as
 * a checklist. None of it is visible from outside AFAS, so the person ticks
 * what they did; koppel keeps the ticks so a resumed run shows them. */
#include <stdlib.h>
#include <string.h>

#include "koppel/afas.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

#define N_ITEMS 7

static const char *const item_ids[N_ITEMS] = {
    "user", "role", "windows", "system", "activation", "tokens", "getconnectors",
};

static void item_labels(const char *labels[N_ITEMS])
{
	labels[0] = _("A separate AFAS user for this connection exists (General → Management → "
		      "Authorisation tool).");
	labels[1] = _("That user has the role of application administrator.");
	labels[2] = _("That user has access to Profit Windows.");
	labels[3] = _("The user was converted to a system user (Actions → Convert to system user; "
		      "if AFAS does not offer it, nothing to do).");
	labels[4] = _("Authorisation tab → General → Management → App Connector → Tabs: "
		      "\"Activation\" is set to maintain.");
	labels[5] = _("… and \"User tokens\" is set to maintain.");
	labels[6] = _("… and \"GetConnectors\" is set to maintain.");
}

static void user_enter(struct kp_app *app, struct kp_form *f)
{
	const char *labels[N_ITEMS];
	int checked[N_ITEMS] = {0};
	const char **done = NULL;
	size_t n = kp_state_get_strv(&app->state, "afas.user_checked", &done);

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < N_ITEMS; k++)
			if (done[i] && strcmp(done[i], item_ids[k]) == 0)
				checked[k] = 1;
	free(done);
	item_labels(labels);
	kp_form_text(
	    f, 0, "%s",
	    _("The connection uses its own AFAS user. Set it up in AFAS and tick each item "
	      "when it is done."));
	kp_form_text(
	    f, KP_WF_EMPHASIS, "%s",
	    _("koppel cannot check these settings from outside AFAS: it relies on your ticks. "
	      "If something is missing, the token check or the test sync fails later."));
	kp_form_checklist(f, "items", _("The AFAS user"), item_ids, labels, N_ITEMS, checked);
}

static enum kp_next user_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	const char *done[N_ITEMS];
	size_t n = 0;

	for (int k = 0; k < N_ITEMS; k++)
		if (kp_form_checked(f, "items", (size_t)k))
			done[n++] = item_ids[k];
	kp_state_set_strv(&app->state, "afas.user_checked", done, n);
	if (n < N_ITEMS) {
		kp_error_set(err, KP_ERR_USAGE,
			     _("Finish these in AFAS and tick them; without them AFAS refuses the "
			       "token or the connectors."),
			     _("%zu of %d items are not ticked yet."), (size_t)N_ITEMS - n,
			     N_ITEMS);
		return KP_STAY;
	}
	return KP_NEXT;
}

const struct kp_step kp_step_afas_user = {
    .id = "afas-user",
    .title = N_("AFAS: the connection user"),
    .help = N_("Benefits-Plaza reads AFAS as a dedicated user with an App Connector token. "
	       "Create that user in the Authorisation tool, give it the application administrator "
	       "role and Profit Windows access, convert it to a system user when AFAS offers it, "
	       "and allow it to maintain the App Connector's Activation, User tokens and "
	       "GetConnectors. Space ticks an item."),
    .enter = user_enter,
    .submit = user_submit,
};
