/* welcome.c — what koppel does and what to have at hand for each path. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static void welcome_enter(struct kp_app *app, struct kp_form *f)
{
	kp_form_text(f, KP_WF_EMPHASIS, "%s",
		     _("Welcome to koppel: set up and check the payroll connection with "
		       "Benefits-Plaza."));
	kp_form_text(f, 0, "%s",
		     _("koppel walks you through every step, checks each one against the live "
		       "service, keeps tokens in your keyring (never in a file) and ends with a "
		       "test sync."));
	kp_form_text(f, 0, "%s", _("Have at hand:"));
	kp_form_text(f, 0, "%s",
		     _("- AFAS Profit → a.s.r.: the connector ZIP that a.s.r. e-mailed you, and an "
		       "AFAS user that may manage users and the App Connector."));
	kp_form_text(f, 0, "%s",
		     _("- Loket.nl → Benefits-Plaza: a normal Loket.nl user (not a webservice "
		       "user) for the connection, and the Werkgever ID of every entity."));
	if (app->demo_credentials) {
		kp_form_text(f, KP_WF_EMPHASIS, "%s",
			     _("Demo: everything runs against the built-in sandbox."));
		kp_form_text(f, KP_WF_MONO, "%s", app->demo_credentials);
	}
	kp_form_text(f, 0, "%s", _("Press Enter to start."));
}

const struct kp_step kp_step_welcome = {
	.id = "welcome",
	.title = N_("Welcome"),
	.help = N_("koppel sets up the connection between your payroll system and "
		   "Benefits-Plaza. Enter goes to the next step, Esc goes back, F1 shows this "
		   "help, F2 switches between Dutch and English, F10 quits. Your progress is "
		   "saved: start koppel again to continue where you stopped."),
	.enter = welcome_enter,
};
