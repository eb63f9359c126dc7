/* loket_bp_settings.c — what to set in Benefits-Plaza's employer
 * environment before consent, as a checklist the person ticks. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/state.h"
#include "koppel/step.h"

#define N_ITEMS 5

static const char *const item_ids[N_ITEMS] = {"tab", "use", "ids", "tokens", "save"};

static void bp_enter(struct kp_app *app, struct kp_form *f)
{
	const char *labels[N_ITEMS] = {
	    _("Tab \"Salaris adm.\": connection \"Loket.nl REST\" chosen"),
	    _("\"Gebruik koppeling\" set to Ja"),
	    _("The Werkgever ID of the main entity and of every underlying entity filled in"),
	    _("\"Access token\" and \"Refresh token\" left empty (koppel takes care of them)"),
	    _("Saved with \"Opslaan\" (top right)"),
	};
	int done = kp_state_get_bool(&app->state, "loket.bp_settings_done", 0);
	int checked[N_ITEMS] = {done, done, done, done, done};
	kp_form_text(f, 0, "%s",
		     _("Log in to Benefits-Plaza's employer environment (as accountant or "
		       "employer) and set up the connection there first. No login yet? The "
		       "Benefits-Plaza helpdesk arranges one: +31 (0)88 404 55 00, "
		       "bphelpdesk@keylane.com."));
	kp_form_checklist(f, "bp", _("Tick each item once it is done in Benefits-Plaza"), item_ids,
			  labels, N_ITEMS, checked);
}

static enum kp_next bp_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	if (kp_form_count_checked(f, "bp") < N_ITEMS) {
		kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Finish the remaining items in Benefits-Plaza, tick them, then press "
		      "Enter."),
		    _("Not every item is ticked yet."));
		return KP_STAY;
	}
	kp_state_set_bool(&app->state, "loket.bp_settings_done", 1);
	return KP_NEXT;
}

const struct kp_step kp_step_loket_bp_settings = {
    .id = "loket-bp-settings",
    .title = N_("Benefits-Plaza settings"),
    .help = N_("In Benefits-Plaza the connection is switched on per employer: choose "
	       "\"Loket.nl REST\" as payroll connection, set \"Gebruik koppeling\" to Ja and "
	       "enter the Werkgever IDs. The two token fields stay empty: the consent in the "
	       "next steps fills them. Space ticks an item."),
    .enter = bp_enter,
    .submit = bp_submit,
};
