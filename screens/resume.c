/* resume.c — after an interruption: continue where it stopped, or start over. */
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static const char *path_name(const char *flow)
{
	if (flow && strcmp(flow, "afas") == 0)
		return _("AFAS Profit → a.s.r.");
	if (flow && strcmp(flow, "loket") == 0)
		return _("Loket.nl → Benefits-Plaza");
	if (flow && strcmp(flow, "doctor") == 0)
		return _("Diagnose");
	return _("Start");
}

static void resume_enter(struct kp_app *app, struct kp_form *f)
{
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("koppel was stopped before it finished."));
	kp_form_text(f, 0, _("Path: %s — stopped at step %zu (%s)."), path_name(app->resume_flow),
		     app->resume_index + 1, app->resume_title ? _(app->resume_title) : "?");
	const char *ids[] = {"continue", "restart"};
	const char *labels[] = {_("Continue where it stopped"), _("Start over")};
	kp_form_choice(f, "resume", _("What now?"), ids, labels, 2, 0);
	kp_form_text(f, 0, "%s",
		     _("Starting over keeps your stored tokens and settings; only the wizard "
		       "begins again."));
}

static enum kp_next resume_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)err;
	const char *v = kp_form_value(f, "resume");
	if (v && strcmp(v, "continue") == 0) {
		app->flow_id = app->resume_flow;
		app->step_index = app->resume_index;
	}
	return KP_NEXT;
}

const struct kp_step kp_step_resume = {
	.id = "resume",
	.title = N_("Continue?"),
	.help = N_("koppel remembers the step where it was stopped (by Ctrl-C, a closed "
		   "window or a dropped connection). Nothing you stored is lost either way."),
	.enter = resume_enter,
	.submit = resume_submit,
};
