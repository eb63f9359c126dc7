/* summary.c — what was set up, where it lives, and what comes next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static void summary_enter(struct kp_app *app, struct kp_form *f)
{
	const char *path = kp_state_get_str(&app->state, "wizard.path");
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("Summary"));

	const char *hdr[] = {_("Item"), _("Value")};
	struct kp_widget *t = kp_form_table(f, "summary", 2, hdr);
	const char *afas_customer = kp_state_get_str(&app->state, "afas.customer");
	const char *afas_env = kp_state_get_str(&app->state, "afas.environment");
	if (afas_customer) {
		const char *r[] = {_("AFAS participant"), afas_customer};
		kp_table_add_row(t, KP_ST_OK, r);
		const char *r2[] = {_("AFAS environment"), afas_env ? afas_env : "-"};
		kp_table_add_row(t, KP_ST_INFO, r2);
	}
	const char **ids = NULL;
	size_t n = kp_state_get_strv(&app->state, "loket.employers", &ids);
	if (n) {
		char buf[64];
		snprintf(buf, sizeof buf, "%zu", n);
		const char *r[] = {_("Loket.nl employers"), buf};
		kp_table_add_row(t, KP_ST_OK, r);
	}
	free(ids);
	const char *r3[] = {_("Settings file"), app->state.path};
	kp_table_add_row(t, KP_ST_INFO, r3);
	const char *r4[] = {_("Secrets"), _("your keyring (Secret Service), never a file")};
	kp_table_add_row(t, KP_ST_INFO, r4);

	if (!path || (!afas_customer && !n))
		kp_form_text(f, 0, "%s", _("Nothing was set up in this run."));
	if (app->checks_failed)
		kp_form_text(f, 0,
			     _("Some checks failed: see the steps marked %s. Run koppel again to "
			       "continue once they are fixed."),
			     kp_status_mark(KP_ST_FAIL, app->utf8));
	kp_form_text(f, 0, "%s",
		     _("Questions about Benefits-Plaza: helpdesk +31 (0)88 404 55 00, "
		       "bphelpdesk@keylane.com."));
	kp_form_text(f, 0, "%s", _("Press Enter to finish."));
}

static enum kp_next summary_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app, (void)f, (void)err;
	return KP_FINISH;
}

const struct kp_step kp_step_summary = {
	.id = "summary",
	.title = N_("Summary"),
	.help = N_("An overview of what koppel set up. Settings live in the file shown; "
		   "tokens only in your keyring."),
	.enter = summary_enter,
	.submit = summary_submit,
};
