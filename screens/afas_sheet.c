/* afas_sheet.c — AFAS step 6: what a.s.r.'s registration form asks, ready
 * to copy: company name, e-mail, token version, token data (hidden until
 * revealed; copyable), AFAS customer number — and what happens next. */
#include <stdio.h>
#include <string.h>

#include "afas_common.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static void sheet_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *company, *email;
	struct kp_widget *w;

	if (!ctx)
		return;
	company = ctx->company[0] ? ctx->company : kp_state_get_str(&app->state, "afas.company");
	email = ctx->email[0] ? ctx->email : kp_state_get_str(&app->state, "afas.email");
	kp_form_text(
	    f, 0, "%s",
	    _("a.s.r. registers you as payroll processor with the details below. The company "
	      "name appears on a.s.r.'s website; employers' requests arrive at the e-mail "
	      "address."));
	kp_form_input(f, "company", _("Company name"), company ? company : "", 200, 0);
	kp_form_input(f, "email", _("E-mail address"), email ? email : "", 254, 0);
	if (!ctx->sheet_ready) {
		kp_form_text(f, 0, "%s", _("Press Enter to show the registration details."));
		return;
	}
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("For the a.s.r. registration form"));
	{
		const char *hdr[] = {_("Field on the form"), _("Value")};
		struct kp_widget *t = kp_form_table(f, "sheet", 2, hdr);
		const char *r1[] = {_("Company name"), ctx->company};
		const char *r2[] = {_("E-mail address"), ctx->email};
		const char *r3[] = {_("Token version"), ctx->have_token ? ctx->token.version : "?"};
		const char *r4[] = {_("AFAS customer number"), ctx->participant};
		kp_table_add_row(t, KP_ST_INFO, r1);
		kp_table_add_row(t, KP_ST_INFO, r2);
		kp_table_add_row(t, KP_ST_INFO, r3);
		kp_table_add_row(t, KP_ST_INFO, r4);
	}
	w = kp_form_secret(f, "token_data", _("Token data"), 256, KP_WF_COPYABLE);
	if (w) {
		kp_form_set_value(f, "token_data", ctx->have_token ? ctx->token.data : "");
		kp_widget_set_note(w, _("Hidden: reveal it to read it, or copy it to the "
					"clipboard. Enter all 64 characters on the form."));
		kp_afas_focus(f, "token_data");
	}
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("Next steps"));
	kp_form_text(f, 0, "%s",
		     _("1. Go to www.asr.nl/salarisverwerkers, choose to register as a new payroll "
		       "processor, and fill in the details above."));
	kp_form_text(
	    f, 0, "%s",
	    _("2. a.s.r. lets you know when your registration has been processed. Only then "
	      "can you register employers."));
	kp_form_text(
	    f, 0, "%s",
	    _("3. Each employer first requests the payroll connection at a.s.r. itself, at "
	      "www.asr.nl/salariskoppeling; after that you register the employer, as a.s.r.'s "
	      "instruction for AFAS employer registration describes."));
	kp_form_text(
	    f, 0, "%s",
	    _("Contact: a.s.r. inkomen.relatiebeheer@asr.nl (connector ZIP, registration); "
	      "Benefits-Plaza helpdesk +31 (0)88 404 55 00, bphelpdesk@keylane.com."));
}

static enum kp_next sheet_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *company = kp_form_value(f, "company");
	const char *email = kp_form_value(f, "email");
	int changed;

	if (!ctx) {
		kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		return KP_STAY;
	}
	if (!company || !*company || strspn(company, " \t") == strlen(company)) {
		kp_error_set(err, KP_ERR_USAGE,
			     _("Enter the name of your company as employers should see it."), "%s",
			     _("The company name is missing."));
		return KP_STAY;
	}
	if (!kp_afas_email_valid(email)) {
		kp_error_set(err, KP_ERR_USAGE, _("Enter one address such as salaris@example.nl."),
			     "%s", _("That is not a valid e-mail address."));
		return KP_STAY;
	}
	changed = strcmp(company, ctx->company) != 0 || strcmp(email, ctx->email) != 0;
	snprintf(ctx->company, sizeof ctx->company, "%s", company);
	snprintf(ctx->email, sizeof ctx->email, "%s", email);
	kp_state_set_str(&app->state, "afas.company", ctx->company);
	kp_state_set_str(&app->state, "afas.email", ctx->email);
	if (!ctx->sheet_ready || changed) {
		ctx->sheet_ready = 1;
		return KP_RUN_TASK;
	}
	return KP_NEXT;
}

/* Fetch the token from the keyring when this run did not enter it. */
static enum kp_err sheet_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);

	(void)p;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	return kp_afas_ensure_token(app, ctx, err);
}

const struct kp_step kp_step_afas_sheet = {
    .id = "afas-sheet",
    .title = N_("AFAS: a.s.r. registration"),
    .help = N_("Everything a.s.r.'s registration form for payroll processors asks, in one "
	       "place. The token data stays hidden until you reveal it; you can also copy it to "
	       "the clipboard. After registering, employers request the connection at a.s.r. "
	       "first; then you register them."),
    .enter = sheet_enter,
    .submit = sheet_submit,
    .task = sheet_task,
    .task_label = N_("Fetching the token from the keyring"),
    .task_on_enter = 1,
};
