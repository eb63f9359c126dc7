/* loket.h — the Loket.nl path's context and REST client.
 *
 * Tokens live in ONE keyring item (provider "loket", environment
 * "production"/"accept"/"sandbox", account = client id) holding access
 * token, refresh token and expiry as JSON, so a rotated pair is replaced in
 * one write. The client secret is a separate item (provider "loket-client").
 * Every API call takes a fresh-enough access token (refreshed when expired
 * or when the API answers 401), sends Authorization: Bearer and the
 * mandatory Accept: application/json;version=YYYY-MM-DD. */
#ifndef KOPPEL_LOKET_H
#define KOPPEL_LOKET_H

#include "koppel/error.h"
#include "koppel/http.h"
#include "koppel/oauth.h"
#include "koppel/progress.h"
#include "koppel/werkgever_id.h"
#include <stddef.h>

struct kp_app;
struct kp_loopback;
struct kp_loket_rights_report;
struct kp_loket_sync_report;
struct cJSON;

/* Largest page Loket.nl serves. */
#define KP_LOKET_PAGE_SIZE 250

/* One employer the user can reach (from /providers/employers). */
struct kp_loket_employer {
	char id[40];	/* GUID, the only id used in paths */
	long number;	/* employerNumber */
	char name[256]; /* companyName */
};

/* A Werkgever ID typed by the user, resolved against the reachable list. */
struct kp_loket_resolved {
	struct kp_werkgever_id input;
	int reachable;		      /* found in /providers/employers */
	struct kp_loket_employer emp; /* valid when reachable */
};

/* The Loket path's state for one run (app->loket). Secrets in it are wiped
 * by kp_loket_ctx_free. */
struct kp_loket_ctx {
	char *client_secret;	       /* this session only (prompted), never saved here */
	struct kp_oauth_tokens tokens; /* current pair; expires_at 0 = none */
	int tokens_loaded;
	int no_keyring; /* user chose to continue without saving */
	int keyring_ok; /* probe passed */
	/* consent in progress */
	struct kp_pkce pkce;
	char state[64];
	char redirect_uri[256];
	char *authorize_url;
	struct kp_loopback *loopback;
	int browser_opened;
	/* wizard steps (screens/loket_*.c) */
	int have_secret;	    /* a client secret is known (keyring or session) */
	int keyring_checked;	    /* the keyring step's probe ran */
	int consent_mode;	    /* 0 browser here, 1 paste the address, 2 tokens by hand,
				     * 3 sign in from the terminal (sandbox only) */
	int consent_phase;	    /* 0 choose, 1 waiting for paste, 2 typing tokens, 3 done */
	char *pending_code;	    /* pasted code awaiting exchange */
	char *signin_user, *signin_password; /* way 3, for the task (secrets) */
	int signin_allow;
	int rights_done, sync_done; /* the step's task ran to the end */
	enum kp_err last_rc;	    /* last task's result (KP_ERR_AUTH leads back to consent) */
	/* results */
	struct kp_loket_employer *reachable; /* all employers the user reaches */
	size_t n_reachable;
	struct kp_loket_resolved *resolved; /* the user's Werkgever IDs */
	size_t n_resolved;
	struct kp_loket_rights_report *rights;
	struct kp_loket_sync_report *sync;
};

/* Get (creating) app->loket; NULL on out of memory. */
struct kp_loket_ctx *kp_loket_ctx_get(struct kp_app *app);

/* Free the context (wipes secrets). Called by kp_app_free. NULL is fine. */
void kp_loket_ctx_free(struct kp_loket_ctx *ctx);

/* "sandbox", "accept" (oauth.loket-acc.nl) or "production". */
const char *kp_loket_environment(const struct kp_app *app);

/* The OAuth client id: app->ep.loket_client_id, else state "loket.client_id"; NULL if none. */
const char *kp_loket_client_id(const struct kp_app *app);

/* The client secret: the session's, else the keyring's. KP_ERR_NOTFOUND
 * when neither has one (callers prompt). *out is kp_secret_free()d. */
enum kp_err kp_loket_client_secret(struct kp_app *app, char **out, struct kp_error *err);

/* Keep secret for this session and, unless no_keyring, in the keyring. */
enum kp_err kp_loket_client_secret_set(struct kp_app *app, const char *secret, int save,
				       struct kp_error *err);

/* Load the token item from the keyring into ctx->tokens. KP_ERR_NOTFOUND
 * (hint: `koppel loket login`) when there is none. */
enum kp_err kp_loket_tokens_load(struct kp_app *app, struct kp_error *err);

/* Replace ctx->tokens by t (taken over) and write the keyring item in one go
 * (skipped when the user chose to go on without a keyring). */
enum kp_err kp_loket_tokens_save(struct kp_app *app, struct kp_oauth_tokens *t,
				 struct kp_error *err);

/* Refresh now with the stored refresh token; the rotated pair is saved.
 * A refused refresh: KP_ERR_AUTH, hint `koppel loket login`. */
enum kp_err kp_loket_tokens_refresh(struct kp_app *app, struct kp_error *err);

/* A usable access token (loaded, refreshed when expired within 60 s).
 * Points into ctx; valid until the next refresh. */
enum kp_err kp_loket_access_token(struct kp_app *app, const char **out, struct kp_error *err);

/* Exchange an authorization code (consent just given) and save the tokens. */
enum kp_err kp_loket_exchange(struct kp_app *app, const char *code, const char *redirect_uri,
			      const char *code_verifier, struct kp_error *err);

/* Start a consent: new PKCE and state, and (listen != 0) a loopback listener
 * (port from "loket.redirect_port", 0 = ephemeral); fills ctx->authorize_url
 * and ctx->redirect_uri. Without a listener the redirect URI is
 * http://127.0.0.1:<port or 8080>/callback, for pasting back. */
enum kp_err kp_loket_consent_begin(struct kp_app *app, int listen, struct kp_error *err);

/* `koppel demo` without a browser: sign in as user on the sandbox's own
 * login and consent pages (a browser's form posts; allow = "Toestaan") for
 * the consent begun with kp_loket_consent_begin; *landing is the address
 * the browser would end on (kp_secret_free it), for
 * kp_oauth_parse_callback_url. Only with the sandbox (app->ep.sandbox). */
enum kp_err kp_loket_sandbox_signin(struct kp_app *app, const char *user, const char *password,
				    int allow, char **landing, struct kp_error *err);

/* The remedy when (new) consent is needed: the wizard's step inside the
 * wizard, `koppel loket login` outside it (a person in the wizard has no
 * shell at hand, a script has no steps). Translated. */
const char *kp_loket_consent_hint(const struct kp_app *app);

/* Drop the listener and the PKCE verifier of a consent. */
void kp_loket_consent_end(struct kp_app *app);

/* Open url in the browser: $BROWSER, else xdg-open (posix_spawnp, url as argument). */
enum kp_err kp_loket_open_browser(const char *url, struct kp_error *err);

/* GET api_url + path (path starts with "/providers/..."; query included),
 * with the Accept version. 2xx → KP_OK and resp filled. 401 triggers one
 * refresh and retry; then 401 → KP_ERR_AUTH, 403 → KP_ERR_FORBIDDEN, 400 →
 * KP_ERR_INVALID (the messages' descriptions), 404 → KP_ERR_NOTFOUND,
 * others KP_ERR_HTTP. err->http_status is set; on any error resp is empty. */
enum kp_err kp_loket_get(struct kp_app *app, const char *path, const char *version,
			 struct kp_http_response *resp, struct kp_error *err);

/* Parse a list envelope: *items = the _embedded array (inside *root, which
 * the caller cJSON_Delete()s), current and total pages. */
enum kp_err kp_loket_parse_list(const char *body, struct cJSON **root, struct cJSON **items,
				long *current_page, long *total_pages, struct kp_error *err);

/* Per item of a list: return non-zero to stop. */
typedef int (*kp_loket_item_fn)(void *ctx, const struct cJSON *item);

/* Every page of a list (pageSize 250), several requests at once after the
 * first page; items reach fn in page order per page (pages may complete out
 * of order). An expired token mid-way is refreshed and the failed pages
 * fetched again. *requests counts HTTP requests made (may be NULL). */
enum kp_err kp_loket_list_all(struct kp_app *app, const char *path, const char *version,
			      kp_loket_item_fn fn, void *fn_ctx, const struct kp_progress *p,
			      unsigned long *requests, struct kp_error *err);

/* Fetch /providers/employers into ctx->reachable. */
enum kp_err kp_loket_fetch_employers(struct kp_app *app, const struct kp_progress *p,
				     struct kp_error *err);

/* Resolve the ids (GUID or number) against ctx->reachable into ctx->resolved. */
void kp_loket_resolve(struct kp_app *app, const struct kp_werkgever_id *ids, size_t n);

/* The Werkgever IDs in settings ("loket.employers"), parsed. */
enum kp_err kp_loket_settings_ids(struct kp_app *app, struct kp_werkgever_id **ids, size_t *n,
				  struct kp_error *err);

/* Store ids in settings ("loket.employers", normalised strings). */
void kp_loket_settings_set_ids(struct kp_app *app, const struct kp_werkgever_id *ids, size_t n);

#endif
