/* summary.c — what was set up, where it lives, and what comes next. Reads
 * only the settings (no network, no keyring): it must show instantly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static void row(struct kp_widget *t, enum kp_status st, const char *item, const char *value)
{
	const char *r[] = {item, value};
	kp_table_add_row(t, st, r);
}

static int afas_rows(struct kp_app *app, struct kp_widget *t)
{
	const char *customer = kp_state_get_str(&app->state, "afas.customer");
	if (!customer)
		return 0;
	const char *env = kp_state_get_str(&app->state, "afas.environment");
	char buf[256];
	snprintf(buf, sizeof buf, "%s (%s)", customer, kp_app_environment_label(env));
	row(t, KP_ST_OK, _("AFAS participant"), buf);
	const char **ids = NULL;
	size_t n = kp_state_get_strv(&app->state, "afas.connectors", &ids);
	free(ids);
	snprintf(buf, sizeof buf, "%zu", n);
	row(t, n ? KP_ST_OK : KP_ST_WARN, _("AFAS connectors in the ZIP"), buf);
	const char *company = kp_state_get_str(&app->state, "afas.company");
	if (company)
		row(t, KP_ST_INFO, _("Company name for a.s.r."), company);
	return 1;
}

static int loket_rows(struct kp_app *app, struct kp_widget *t)
{
	const char **ids = NULL;
	size_t n = kp_state_get_strv(&app->state, "loket.employers", &ids);
	if (!n) {
		free(ids);
		return 0;
	}
	char buf[256];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof buf - 8; i++) {
		int w = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", ids[i]);
		if (w < 0 || (size_t)w >= sizeof buf - used) {
			snprintf(buf + used, sizeof buf - used, "…");
			break;
		}
		used += (size_t)w;
	}
	free(ids);
	row(t, KP_ST_OK, _("Loket.nl Werkgever IDs"), buf);
	return 1;
}

static void summary_enter(struct kp_app *app, struct kp_form *f)
{
	const char *path = kp_state_get_str(&app->state, "wizard.path");
	const char *hdr[] = {_("Item"), _("Value")};
	struct kp_widget *t = kp_form_table(f, "summary", 2, hdr);
	int afas = afas_rows(app, t);
	int loket = loket_rows(app, t);
	row(t, KP_ST_INFO, _("Settings file"), app->state.path);
	row(t, KP_ST_INFO, _("Secrets"), _("your keyring (Secret Service), never a file"));

	if (!afas && !loket)
		kp_form_text(f, 0, "%s", _("Nothing was set up in this run."));
	if (app->checks_failed) {
		kp_form_text(f, 0, "%s",
			     _("These steps ended with a failing check; fix what they show, then run "
			       "koppel again to continue, or check again with the commands below:"));
		for (size_t i = 0; i < sizeof app->failed_steps / sizeof app->failed_steps[0];
		     i++)
			if (app->failed_steps[i])
				kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
					     _(app->failed_steps[i]));
	}
	if (afas && path && strcmp(path, "afas") == 0) {
		kp_form_text(f, KP_WF_EMPHASIS, "%s", _("Next steps for AFAS"));
		kp_form_text(f, 0, "%s",
			     _("- Register as payroll processor at www.asr.nl/salarisverwerkers with "
			       "the details from the registration step; a.s.r. confirms by e-mail."));
		kp_form_text(f, 0, "%s",
			     _("- Then register employers; each employer first requests the connection "
			       "at www.asr.nl/salariskoppeling."));
		kp_form_text(f, 0, "%s",
			     _("- Check again at any time: koppel afas check --customer N --env E, "
			       "or koppel sync --test."));
	}
	if (loket && path && strcmp(path, "loket") == 0) {
		kp_form_text(f, KP_WF_EMPHASIS, "%s", _("Next steps for Loket.nl"));
		kp_form_text(f, 0, "%s",
			     _("- In Benefits-Plaza, save the Loket.nl REST settings and use "
			       "\"Ophalen gegevens\" to fetch the data."));
		kp_form_text(f, 0, "%s",
			     _("- Check again at any time: koppel loket rights, or koppel sync --test; "
			       "renew the consent with koppel loket login."));
	}
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
