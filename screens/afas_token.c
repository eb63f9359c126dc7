/* afas_token.c — AFAS step 3: customer number, environment and the App
 * Connector token. The token is checked live with GET /metainfo and goes
 * to the keyring only once AFAS accepted it — or, when AFAS cannot be
 * reached, unverified on the person's explicit choice. */
#include <stdio.h>
#include <string.h>

#include "afas_common.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

static int is_transport(enum kp_err c)
{
	return c == KP_ERR_DNS || c == KP_ERR_CONNECT || c == KP_ERR_TIMEOUT || c == KP_ERR_TLS;
}

static void token_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *env_labels[3] = {_("production"), _("test"), _("accept")};
	const char *cust = NULL, *env = NULL;
	int sel = 0;
	struct kp_widget *w;

	if (!ctx)
		return;
	cust =
	    ctx->participant[0] ? ctx->participant : kp_state_get_str(&app->state, "afas.customer");
	env = ctx->environment[0] ? ctx->environment
				  : kp_state_get_str(&app->state, "afas.environment");
	for (int i = 0; env && i < 3; i++)
		if (strcmp(env, kp_afas_environments[i]) == 0)
			sel = i;

	kp_form_text(
	    f, 0, "%s",
	    _("In AFAS, open General → Management → App Connector, choose the App Connector "
	      "for Benefits-Plaza, then User tokens → New, and link the token to the "
	      "connection user."));
	kp_form_text(f, KP_WF_EMPHASIS, "%s",
		     _("AFAS shows a new token only once. Keep that window open until koppel has "
		       "checked and stored the token."));
	if (app->demo_afas_hint)
		kp_form_text(f, KP_WF_MONO, "%s", app->demo_afas_hint);
	w = kp_form_input(f, "customer", _("AFAS customer number (5 digits)"), cust ? cust : "", 5,
			  KP_WF_DIGITS);
	if (w)
		kp_widget_set_note(w, _("Shown at the top of the AFAS screen, e.g. 12345."));
	kp_form_choice(f, "environment", _("Environment"), kp_afas_environments, env_labels, 3,
		       sel);
	/* With a token known, empty means "keep it": not a field to fill. */
	w = kp_form_secret(f, "token", _("Token"), 4096, ctx->have_token ? KP_WF_OPTIONAL : 0);
	if (w)
		kp_widget_set_note(
		    w, ctx->token_verified ? _("A token is known already; leave this empty to keep "
					       "it, or paste a new one.")
		       : ctx->have_token
			   ? _("Leave this empty to try the same token again (say, after "
			       "correcting the environment), or paste another one.")
			   : _("Paste the whole token (<token>…</token>) or only its data part; "
			       "spaces and line breaks do not matter."));
	w = kp_form_input(f, "version", _("Token version (only with the data part alone)"), "", 4,
			  KP_WF_DIGITS | KP_WF_OPTIONAL);
	if (w)
		kp_widget_set_note(w, _("The first token of an App Connector has version 1."));

	if (ctx->token_verified) {
		const char *hdr[] = {_("Check"), _("Result")};
		struct kp_widget *t = kp_form_table(f, "result", 2, hdr);
		const char *r1[] = {_("Token"), _("accepted by AFAS")};
		const char *r2[] = {_("AFAS environment id"), ctx->meta.envid};
		const char *r3[] = {_("App Connector"), ctx->meta.app_name};
		const char *r4[] = {_("User group"), ctx->meta.group};
		kp_table_add_row(t, KP_ST_OK, r1);
		kp_table_add_row(t, KP_ST_INFO, r2);
		kp_table_add_row(t, KP_ST_INFO, r3);
		kp_table_add_row(t, KP_ST_INFO, r4);
		if (ctx->token_stored) {
			const char *r5[] = {_("Keyring"), _("token stored")};
			kp_table_add_row(t, KP_ST_OK, r5);
		} else {
			const char *r5[] = {_("Keyring"), ctx->store_err.msg};
			kp_table_add_row(t, KP_ST_WARN, r5);
		}
		kp_form_set_notice(f, KP_ST_OK, _("The token works. Press Enter to continue."));
		kp_afas_focus(f, "version");
	} else if (ctx->store_unverified && ctx->token_stored) {
		kp_form_set_notice(f, KP_ST_WARN,
				   _("Stored in the keyring without a check. Run the check again "
				     "once AFAS can be reached (F5, or koppel afas check)."));
		kp_afas_focus(f, "version");
	} else if (ctx->have_token && is_transport(ctx->check_err.code)) {
		const char *ids[] = {"retry", "store"};
		const char *labels[] = {
		    _("Check again"), _("Store the token unverified in the keyring and continue")};
		kp_form_text(f, 0, "%s",
			     _("AFAS could not be reached, so the token is not checked yet. You "
			       "can store it "
			       "unverified now, so it is not lost, and check it later."));
		kp_form_choice(f, "offline", _("What now?"), ids, labels, 2, ctx->store_unverified);
		kp_afas_focus(f, "offline");
	}
}

static enum kp_next token_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *cust = kp_form_value(f, "customer");
	const char *env = kp_form_value(f, "environment");
	const char *tok = kp_form_value(f, "token");
	const char *ver = kp_form_value(f, "version");
	const char *offline = kp_form_value(f, "offline");
	int changed;

	if (!ctx) {
		kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		return KP_STAY;
	}
	if (!kp_afas_participant_valid(cust)) {
		kp_error_set(err, KP_ERR_USAGE,
			     _("Type the five digits (10000-99999) shown at the top of the AFAS "
			       "screen."),
			     _("\"%s\" is not an AFAS customer number."), cust ? cust : "");
		/* the token typed meanwhile stays: only the number needs fixing */
		kp_afas_focus(f, "customer");
		return KP_STAY;
	}
	if (!kp_afas_environment_valid(env)) {
		kp_error_set(err, KP_ERR_USAGE, NULL, "%s", _("Choose the environment."));
		kp_afas_focus(f, "environment");
		return KP_STAY;
	}
	changed = strcmp(cust, ctx->participant) != 0 || strcmp(env, ctx->environment) != 0;
	if (changed) {
		/* A token from memory may be tried in the corrected environment. */
		ctx->token_verified = 0;
		ctx->token_stored = 0;
		ctx->store_unverified = 0;
	}
	snprintf(ctx->participant, sizeof ctx->participant, "%s", cust);
	snprintf(ctx->environment, sizeof ctx->environment, "%s", env);
	/* Settings and banner here, on the UI thread, not in the task. */
	kp_state_set_str(&app->state, "afas.customer", ctx->participant);
	kp_state_set_str(&app->state, "afas.environment", ctx->environment);
	if (!app->ep.sandbox)
		snprintf(app->environment, sizeof app->environment, "%s", ctx->environment);

	if (tok && *tok) {
		struct kp_afas_token t;
		enum kp_afas_token_problem problem = KP_TOKEN_OK;
		if (kp_afas_token_parse(tok, ver, &t, &problem, err) != KP_OK) {
			if (!strchr(tok, '<') &&
			    (problem == KP_TOKEN_NO_VERSION || problem == KP_TOKEN_BAD_VERSION)) {
				/* the data part is fine: keep it, only the version is
				 * to type (AFAS shows the token once) */
				kp_afas_focus(f, "version");
				return KP_STAY;
			}
			/* emptied, so the next paste is whole; focused, so it lands */
			kp_form_set_value(f, "token", "");
			kp_afas_focus(f, "token");
			return KP_STAY;
		}
		kp_afas_token_wipe(&ctx->token);
		ctx->token = t;
		kp_afas_token_wipe(&t);
		kp_form_set_value(f, "token", "");
		ctx->have_token = 1;
		ctx->token_verified = 0;
		ctx->token_stored = 0;
		ctx->store_unverified = 0;
		kp_error_clear(&ctx->check_err);
		return KP_RUN_TASK;
	}
	if (ctx->token_verified || (ctx->store_unverified && ctx->token_stored))
		return KP_NEXT;
	/* Only this explicit choice stores a token AFAS has not accepted. */
	ctx->store_unverified = offline && strcmp(offline, "store") == 0 && ctx->have_token;
	return KP_RUN_TASK;
}

static enum kp_err token_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	struct kp_afas_conn conn = {0};
	enum kp_err rc;

	(void)p;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	if (ctx->store_unverified) {
		kp_error_clear(&ctx->store_err);
		rc = kp_afas_store_token(app, ctx, &ctx->store_err);
		if (rc && err)
			*err = ctx->store_err;
		return rc;
	}
	rc = kp_afas_ctx_connect(app, ctx, &conn, err);
	if (rc)
		goto out;
	rc = kp_afas_ctx_reload_meta(ctx, &conn, err);
	if (rc)
		goto out;
	ctx->token_verified = 1;
	kp_error_clear(&ctx->store_err);
	/* Only now, with AFAS' yes, does the token go to the keyring. */
	kp_afas_store_token(app, ctx, &ctx->store_err);
out:
	if (rc && err)
		ctx->check_err = *err;
	else
		kp_error_clear(&ctx->check_err);
	kp_afas_conn_free(&conn);
	return rc;
}

const struct kp_step kp_step_afas_token = {
    .id = "afas-token",
    .title = N_("AFAS: App Connector token"),
    .help = N_("The token lets Benefits-Plaza read the GetConnectors. It belongs to one AFAS "
	       "environment and one user. koppel checks it with AFAS (GET /metainfo) and stores it "
	       "in your keyring, never in a file. A refused token (401) usually means a wrong "
	       "customer number or environment, or a revoked token; 403 means the App Connector "
	       "only accepts certain IP addresses."),
    .enter = token_enter,
    .submit = token_submit,
    .task = token_task,
    .task_label = N_("Checking the token with AFAS"),
};
