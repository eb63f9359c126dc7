/* not_yet.c — stands in for a path whose steps have not landed yet. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static void not_yet_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("This path is not available yet."));
	/* support needs the checks today: name the commands that run them */
	kp_form_text(f, 0, "%s",
		     _("Until it is, the same checks run from the command line, each with a "
		       "remedy for what fails:"));
	kp_form_text(f, KP_WF_MONO, "%s",
		     _("  koppel afas check --customer N --env production|test|accept\n"
		       "  koppel loket rights\n"
		       "  koppel sync --test"));
	kp_form_text(f, 0, "%s",
		     _("Press Esc to choose another path, or Enter to go to the summary."));
}

const struct kp_step kp_step_not_yet = {
	.id = "not-yet",
	.title = N_("Not available yet"),
	.help = N_("This part of koppel is still being built."),
	.enter = not_yet_enter,
};
