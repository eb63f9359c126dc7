/* loket_consent.c — consent in Loket.nl, three ways: a browser on this
 * machine (loopback listener, PKCE, state), no browser here (open the
 * address anywhere, paste back where the browser ended), or access and
 * refresh token typed by hand. Then the code is exchanged and the token
 * pair goes to the keyring (one item). */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/loopback.h"
#include "koppel/secure.h"
#include "koppel/step.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds the listener waits for the browser. */
#define CONSENT_TIMEOUT 300

enum { PH_CHOOSE = 0, PH_PASTE = 1, PH_MANUAL = 2, PH_DONE = 3, PH_BROWSER = 4, PH_TERMINAL = 5 };

/* "terminal" only against the sandbox: the demo on a server has no browser
 * that can reach the sandbox's 127.0.0.1 */
static const char *const way_ids[] = {"browser", "paste", "manual", "terminal"};
static const char *const decision_ids[] = {"allow", "deny"};
static const char *const done_ids[] = {"next", "again"};

static void show_address(const struct kp_app *app, struct kp_form *f,
			 const struct kp_loket_ctx *ctx)
{
	kp_form_text(f, KP_WF_COPYABLE, "%s", ctx->authorize_url);
	if (app->ep.sandbox) /* a real browser has never seen the sandbox's own CA */
		kp_form_text(f, 0, "%s",
			     _("Sandbox: the browser will warn that it does not know the "
			       "certificate; koppel-sandbox made it for this demo. Continue past "
			       "the warning, or go back and sign in here in the terminal."));
}

static void consent_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	if (!ctx)
		return;
	if ((ctx->consent_phase == PH_PASTE || ctx->consent_phase == PH_BROWSER) &&
	    !ctx->authorize_url)
		ctx->consent_phase = PH_CHOOSE;
	switch (ctx->consent_phase) {
	case PH_BROWSER:
		kp_form_text(
		    f, 0, "%s",
		    ctx->browser_opened
			? _("A browser window was opened. Sign in to Loket.nl with the "
			    "connection's user and choose \"Toestaan\" (Allow). If no window "
			    "appeared, open this address yourself:")
			: _("No browser could be started. Open this address in a browser on "
			    "this machine, sign in to Loket.nl and choose \"Toestaan\" "
			    "(Allow):"));
		show_address(app, f, ctx);
		f->show_during_task = 1;
		kp_form_text(f, 0, _("koppel listens on %s for the answer."), ctx->redirect_uri);
		kp_form_text(f, KP_WF_PROMPT,
			     _("Press Enter to wait for it (up to %d minutes; Esc cancels)."),
			     CONSENT_TIMEOUT / 60);
		return;
	case PH_PASTE:
		kp_form_text(f, 0, "%s",
			     _("Open this address in a browser on any machine, sign in to Loket.nl "
			       "and choose \"Toestaan\" (Allow):"));
		show_address(app, f, ctx);
		kp_form_text(f, 0, "%s",
			     _("The browser then ends on an address starting with http://127.0.0.1 "
			       "and shows an error page: that is expected, nothing listens there. "
			       "Copy that whole address from the address bar and paste it below."));
		kp_form_input(f, "pasted", _("Address the browser ended on"), "", 8192, 0);
		return;
	case PH_TERMINAL: {
		const char *labels[] = {_("Toestaan (Allow)"), _("Weigeren (Refuse)")};
		kp_form_text(f, 0, "%s",
			     _("Demo: koppel fills in the sandbox's Loket.nl pages for you, as a "
			       "browser would: sign in with a demo user from the welcome screen "
			       "and choose."));
		kp_form_input(f, "user", _("Loket.nl user"), ctx->signin_user ? ctx->signin_user : "",
			      64, 0);
		kp_form_secret(f, "password", _("Password"), 128, 0);
		kp_form_choice(f, "decision", _("Consent"), decision_ids, labels, 2,
			       ctx->signin_user && !ctx->signin_allow);
		if (ctx->signin_user) /* after a refusal: only the password to retype */
			f->focus = (int)(kp_form_find(f, "password") - f->w);
		return;
	}
	case PH_MANUAL:
		kp_form_text(f, 0, "%s",
			     _("Type or paste the access token and the refresh token (for example "
			       "from Benefits-Plaza's fields \"Access token\" and \"Refresh "
			       "token\"). They go straight to the keyring."));
		kp_form_secret(f, "access", _("Access token"), 8192, 0);
		kp_form_secret(f, "refresh", _("Refresh token"), 8192, 0);
		return;
	case PH_DONE: {
		const char *labels[] = {_("Continue"), _("Give consent again")};
		kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_OK, app->utf8),
			     ctx->no_keyring
				 ? _("Consent given. The tokens are kept for this session only.")
				 : _("Consent given. Access token, refresh token and expiry are "
				     "stored together as one item in the keyring."));
		if (ctx->n_reachable)
			kp_form_text(f, 0, _("This Loket.nl user reaches %zu employer(s)."),
				     ctx->n_reachable);
		kp_form_choice(f, "done", _("Next"), done_ids, labels, 2, 0);
		return;
	}
	default: {
		const char *labels[] = {
		    _("Browser on this machine (koppel opens it and catches the answer)"),
		    _("No browser here, e.g. over SSH (open an address elsewhere, paste back "
		      "where it ended)"),
		    _("Type the access token and refresh token by hand"),
		    _("Demo: sign in here in the terminal (the sandbox's pages, no browser)"),
		};
		kp_form_text(
		    f, 0, "%s",
		    _("Benefits-Plaza needs one-time consent in Loket.nl: you sign in with "
		      "the connection's Loket.nl user and choose \"Toestaan\" (Allow). "
		      "How do you want to do that?"));
		kp_form_choice(f, "way", _("Way"), way_ids, labels, app->ep.sandbox ? 4 : 3,
			       ctx->consent_mode);
		return;
	}
	}
}

static enum kp_next consent_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_oauth_callback cb;
	const char *v;
	if (!ctx)
		return KP_ABORT;
	switch (ctx->consent_phase) {
	case PH_BROWSER:
		return KP_RUN_TASK;
	case PH_TERMINAL: {
		const char *u = kp_form_value(f, "user"), *pw = kp_form_value(f, "password");
		if (!u || !*u || !pw || !*pw) {
			kp_error_set(err, KP_ERR_USAGE,
				     _("The demo users and their passwords are on the welcome "
				       "screen."),
				     "%s", _("Type the user name and the password."));
			f->focus = (int)(kp_form_find(f, !u || !*u ? "user" : "password") - f->w);
			return KP_STAY;
		}
		/* for the task; wiped there once used */
		kp_secret_free(ctx->signin_user);
		kp_secret_free(ctx->signin_password);
		ctx->signin_user = kp_secret_dup(u);
		ctx->signin_password = kp_secret_dup(pw);
		v = kp_form_value(f, "decision");
		ctx->signin_allow = !v || strcmp(v, "allow") == 0;
		kp_form_set_value(f, "password", "");
		return KP_RUN_TASK;
	}
	case PH_PASTE:
		if (kp_oauth_parse_callback_url(kp_form_value(f, "pasted"), ctx->redirect_uri, &cb,
						err) ||
		    kp_oauth_check_callback(&cb, ctx->state, err)) {
			kp_wipe(&cb, sizeof cb);
			return KP_STAY;
		}
		kp_secret_free(ctx->pending_code);
		ctx->pending_code = kp_secret_dup(cb.code);
		kp_wipe(&cb, sizeof cb);
		return KP_RUN_TASK;
	case PH_MANUAL: {
		struct kp_oauth_tokens t = {0};
		const char *a = kp_form_value(f, "access"), *r = kp_form_value(f, "refresh");
		if (!a || !*a || !r || !*r) {
			kp_error_set(err, KP_ERR_USAGE, _("Enter both tokens."),
				     _("An access token and a refresh token are both needed."));
			return KP_STAY;
		}
		t.access_token = kp_secret_dup(a);
		t.refresh_token = kp_secret_dup(r);
		/* the real expiry is unknown: a 401 triggers a refresh, which learns it */
		t.expires_at = (long long)time(NULL) + 3599;
		if (kp_loket_tokens_save(app, &t, err) != KP_OK) {
			kp_oauth_tokens_free(&t);
			return KP_STAY;
		}
		kp_oauth_tokens_free(&t);
		ctx->consent_phase = PH_DONE;
		return KP_RUN_TASK; /* prove the tokens work */
	}
	case PH_DONE:
		v = kp_form_value(f, "done");
		if (v && strcmp(v, "again") == 0) {
			ctx->consent_phase = PH_CHOOSE;
			snprintf(f->goto_id, sizeof f->goto_id, "%s", "loket-consent");
			return KP_GOTO;
		}
		return KP_NEXT;
	default:
		break;
	}
	v = kp_form_value(f, "way");
	ctx->consent_mode = v && strcmp(v, "paste") == 0      ? 1
			    : v && strcmp(v, "manual") == 0   ? 2
			    : v && strcmp(v, "terminal") == 0 ? 3
							      : 0;
	if (ctx->consent_mode == 2) {
		ctx->consent_phase = PH_MANUAL;
	} else {
		if (kp_loket_consent_begin(app, ctx->consent_mode == 0, err) != KP_OK)
			return KP_STAY;
		if (ctx->consent_mode == 0) {
			struct kp_error be = {0};
			ctx->browser_opened =
			    kp_loket_open_browser(ctx->authorize_url, &be) == KP_OK;
		}
		ctx->consent_phase = ctx->consent_mode == 0   ? PH_BROWSER
				     : ctx->consent_mode == 3 ? PH_TERMINAL
							      : PH_PASTE;
	}
	snprintf(f->goto_id, sizeof f->goto_id, "%s", "loket-consent");
	return KP_GOTO; /* show the address / the token fields */
}

struct countdown {
	const struct kp_progress *outer;
};

static void countdown_update(void *vctx, unsigned long done, unsigned long total, const char *label)
{
	struct countdown *c = vctx;
	char text[128];
	unsigned long left = total > done ? total - done : 0;
	(void)label;
	snprintf(text, sizeof text, _("Waiting for consent in the browser: %lu:%02lu left"),
		 left / 60, left % 60);
	kp_progress_report(c->outer, done, total, text);
}

static enum kp_err consent_task(struct kp_app *app, const struct kp_progress *p,
				struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	enum kp_err rc = KP_OK;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	if (ctx->consent_phase == PH_BROWSER) {
		struct countdown cd = {p};
		struct kp_progress inner = {countdown_update, &cd, p ? p->cancel : NULL};
		struct kp_oauth_callback cb;
		if (!ctx->loopback) /* F5 after a failure: a fresh listener, PKCE and state */
			rc = kp_loket_consent_begin(app, 1, err);
		if (!rc)
			rc = kp_loopback_wait(ctx->loopback, CONSENT_TIMEOUT, &inner, &cb, err);
		if (!rc)
			rc = kp_loket_exchange(app, cb.code, ctx->redirect_uri, ctx->pkce.verifier,
					       err);
		kp_wipe(&cb, sizeof cb);
	} else if (ctx->consent_phase == PH_TERMINAL) {
		char *landing = NULL;
		struct kp_oauth_callback cb;
		memset(&cb, 0, sizeof cb);
		if (!ctx->signin_user || !ctx->signin_password) /* F5 before anything was typed */
			return kp_error_set(err, KP_ERR_USAGE,
					    _("The demo users and their passwords are on the welcome "
					      "screen."),
					    "%s", _("Type the user name and the password."));
		kp_progress_report(p, 0, 0, _("Signing in on the sandbox's Loket.nl pages…"));
		if (!ctx->authorize_url) /* a retry: a fresh PKCE and state */
			rc = kp_loket_consent_begin(app, 0, err);
		if (!rc)
			rc = kp_loket_sandbox_signin(app, ctx->signin_user, ctx->signin_password,
						     ctx->signin_allow, &landing, err);
		kp_secret_free(ctx->signin_password);
		ctx->signin_password = NULL;
		/* the address the browser would end on: taken like a pasted one */
		if (!rc)
			rc = kp_oauth_parse_callback_url(landing, ctx->redirect_uri, &cb, err);
		if (!rc)
			rc = kp_oauth_check_callback(&cb, ctx->state, err);
		if (!rc)
			rc = kp_loket_exchange(app, cb.code, ctx->redirect_uri, ctx->pkce.verifier,
					       err);
		kp_wipe(&cb, sizeof cb);
		kp_secret_free(landing);
	} else if (ctx->pending_code) {
		rc = kp_loket_exchange(app, ctx->pending_code, ctx->redirect_uri,
				       ctx->pkce.verifier, err);
		kp_secret_free(ctx->pending_code);
		ctx->pending_code = NULL;
	} else if (ctx->consent_phase != PH_DONE) {
		return KP_OK;
	}
	int signing_in = ctx->consent_phase == PH_TERMINAL;
	kp_loket_consent_end(app);
	/* show that the tokens work: the employers this user reaches */
	if (!rc)
		rc = kp_loket_fetch_employers(app, NULL, err);
	/* a mistyped password is typed again, not chosen again */
	ctx->consent_phase = !rc ? PH_DONE : signing_in ? PH_TERMINAL : PH_CHOOSE;
	ctx->last_rc = rc;
	if (!rc)
		ctx->rights_done = ctx->sync_done = 0;
	return rc;
}

/* Esc from a way's own screen goes back to the choice of way, not to the
 * previous step: the person picked the wrong way, not the wrong step. */
static int consent_back(struct kp_app *app)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	if (!ctx || ctx->consent_phase == PH_CHOOSE || ctx->consent_phase == PH_DONE)
		return 0;
	kp_loket_consent_end(app);
	ctx->consent_phase = PH_CHOOSE;
	return 1;
}

const struct kp_step kp_step_loket_consent = {
    .id = "loket-consent",
    .title = N_("Consent in Loket.nl"),
    .help = N_("Consent is given once: sign in to Loket.nl with the user made for this "
	       "connection (a normal user, not a webservice user) and choose \"Toestaan\". "
	       "Browser here: koppel opens the page and catches the answer on 127.0.0.1. No "
	       "browser (SSH): open the address on any machine and paste back the address "
	       "the browser ends on; its error page is expected. By hand: type both tokens. "
	       "With the sandbox (the demo) a fourth way signs in on its pages from the "
	       "terminal. Tokens go to the keyring only."),
    .enter = consent_enter,
    .submit = consent_submit,
    .task = consent_task,
    .back = consent_back,
    .task_label = N_("Waiting for consent"),
    .task_countdown = 1,
};
