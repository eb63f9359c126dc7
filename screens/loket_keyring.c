/* loket_keyring.c — keyring first: prove the Secret Service works before
 * a one-time token depends on it; then the OAuth client id and secret. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/loket.h"
#include "koppel/secure.h"
#include "koppel/state.h"
#include "koppel/step.h"
#include <string.h>

static const char *const kr_ids[] = {"retry", "nosave"};

static void kr_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	if (!ctx)
		return;
	if (!ctx->keyring_checked) {
		kp_form_text(f, 0, "%s", _("koppel first checks that the keyring works."));
		return;
	}
	if (ctx->keyring_ok) {
		kp_form_text(
		    f, 0, "%s %s", kp_status_mark(KP_ST_OK, app->utf8),
		    _("The keyring works: koppel stored, read back and deleted a test item. "
		      "The tokens will be kept there, nowhere else."));
	} else if (ctx->no_keyring) {
		kp_form_text(
		    f, 0, "%s %s", kp_status_mark(KP_ST_WARN, app->utf8),
		    _("Continuing without a keyring: the tokens last for this session "
		      "only, and Benefits-Plaza's connection must be set up again later."));
	} else {
		const char *labels[] = {
		    _("Try again (after starting a keyring)"),
		    _("Continue without saving (tokens last for this session only)"),
		};
		kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
			     /* why, and how to get one, is the check's message below */
			     _("No usable keyring (Secret Service): the reason and how to get "
			       "one are below. koppel never writes tokens to a plain file."));
		kp_form_choice(f, "kr", _("What now?"), kr_ids, labels, 2, 0);
	}
	if (!app->ep.loket_client_id[0])
		kp_form_input(f, "client_id", _("OAuth client id"),
			      kp_state_get_str(&app->state, "loket.client_id"), 255, 0);
	if (ctx->have_secret) {
		kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_OK, app->utf8),
			     _("The client secret is known (keyring)."));
	} else {
		struct kp_widget *w =
		    kp_form_secret(f, "secret", _("OAuth client secret"), 1024, KP_WF_OPTIONAL);
		if (w)
			kp_widget_set_note(
			    w, app->demo ? _("Demo: leave this empty; the sandbox also accepts its "
					     "client without a secret (PKCE only).")
					 : _("Leave empty when the client has none (PKCE only)."));
	}
}

static enum kp_next kr_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	const char *v;
	if (!ctx)
		return KP_ABORT;
	if (!ctx->keyring_checked)
		return KP_RUN_TASK;
	if (!ctx->keyring_ok && !ctx->no_keyring) {
		v = kp_form_value(f, "kr");
		if (v && strcmp(v, "nosave") == 0)
			ctx->no_keyring = 1;
		else
			return KP_RUN_TASK;
	}
	if (kp_form_find(f, "client_id")) {
		v = kp_form_value(f, "client_id");
		if (!v || !*v) {
			kp_error_set(
			    err, KP_ERR_USAGE,
			    _("Whoever registered the API client with Loket.nl has the id."),
			    _("Enter the OAuth client id."));
			return KP_STAY;
		}
		kp_state_set_str(&app->state, "loket.client_id", v);
	}
	v = kp_form_value(f, "secret");
	if (v && *v) {
		if (kp_loket_client_secret_set(app, v, 1, err) != KP_OK)
			return KP_STAY;
		ctx->have_secret = 1;
	}
	return KP_NEXT;
}

static enum kp_err kr_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	char *secret = NULL;
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_keyring_probe(err);
	ctx->keyring_checked = 1;
	ctx->keyring_ok = rc == KP_OK;
	if (rc)
		return rc;
	ctx->no_keyring = 0;
	if (kp_loket_client_id(app) && kp_loket_client_secret(app, &secret, NULL) == KP_OK)
		ctx->have_secret = 1;
	kp_secret_free(secret);
	return KP_OK;
}

const struct kp_step kp_step_loket_keyring = {
    .id = "loket-keyring",
    .title = N_("Keyring and API client"),
    .help = N_("Loket.nl hands out a token pair once, at consent. koppel keeps it in the "
	       "keyring (Secret Service) so it is never lost or left in a file; this step "
	       "proves the keyring works before that. The OAuth client id and secret belong "
	       "to the API client registered with Loket.nl; the secret goes to the keyring."),
    .enter = kr_enter,
    .submit = kr_submit,
    .task = kr_task,
    .task_label = N_("Checking the keyring"),
    .task_on_enter = 1,
};
