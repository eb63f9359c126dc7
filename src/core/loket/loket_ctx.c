/* loket_ctx.c — the Loket path's context: client id and secret, the token
 * item in the keyring, automatic refresh, starting a consent and opening
 * the browser. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/loket.h"
#include "koppel/loket_rights.h"
#include "koppel/loket_sync.h"
#include "koppel/loopback.h"
#include "koppel/secure.h"
#include "koppel/state.h"
#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Refresh this many seconds before the access token runs out. */
#define KP_LOKET_EXPIRY_MARGIN 60

struct kp_loket_ctx *kp_loket_ctx_get(struct kp_app *app)
{
	if (!app->loket)
		app->loket = calloc(1, sizeof *app->loket);
	return app->loket;
}

void kp_loket_ctx_free(struct kp_loket_ctx *ctx)
{
	if (!ctx)
		return;
	kp_secret_free(ctx->client_secret);
	kp_secret_free(ctx->pending_code);
	kp_secret_free(ctx->signin_user);
	kp_secret_free(ctx->signin_password);
	kp_oauth_tokens_free(&ctx->tokens);
	kp_loopback_stop(ctx->loopback);
	kp_wipe(&ctx->pkce, sizeof ctx->pkce);
	kp_wipe(ctx->state, sizeof ctx->state);
	free(ctx->authorize_url);
	free(ctx->reachable);
	free(ctx->resolved);
	kp_loket_rights_report_free(ctx->rights);
	kp_loket_sync_report_free(ctx->sync);
	free(ctx);
}

const char *kp_loket_environment(const struct kp_app *app)
{
	if (app->ep.sandbox)
		return "sandbox";
	if (strstr(app->ep.loket_oauth_url, "loket-acc.nl"))
		return "accept";
	return "production";
}

const char *kp_loket_client_id(const struct kp_app *app)
{
	const char *s;
	if (app->ep.loket_client_id[0])
		return app->ep.loket_client_id;
	s = kp_state_get_str(&app->state, "loket.client_id");
	return s && *s ? s : NULL;
}

static enum kp_err need_client_id(const struct kp_app *app, struct kp_error *err)
{
	if (kp_loket_client_id(app))
		return KP_OK;
	return kp_error_set(
	    err, KP_ERR_USAGE,
	    _("Enter the OAuth client id of the Loket.nl API client (settings key "
	      "loket.client_id); whoever registered the client with Loket.nl has it."),
	    _("No OAuth client id for Loket.nl is set."));
}

enum kp_err kp_loket_client_secret(struct kp_app *app, char **out, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_secret_key key = {"loket-client", kp_loket_environment(app), NULL};
	enum kp_err rc;
	*out = NULL;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	if (ctx->client_secret) {
		*out = kp_secret_dup(ctx->client_secret);
		return *out ? KP_OK : kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	rc = need_client_id(app, err);
	if (rc)
		return rc;
	if (ctx->no_keyring)
		return kp_error_set(err, KP_ERR_NOTFOUND, NULL, _("No client secret is known."));
	key.account = kp_loket_client_id(app);
	return kp_keyring_lookup(&key, out, err);
}

enum kp_err kp_loket_client_secret_set(struct kp_app *app, const char *secret, int save,
				       struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_secret_key key = {"loket-client", kp_loket_environment(app), NULL};
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	kp_secret_free(ctx->client_secret);
	ctx->client_secret = kp_secret_dup(secret);
	if (!save || ctx->no_keyring)
		return KP_OK;
	if (need_client_id(app, err))
		return KP_ERR_USAGE;
	key.account = kp_loket_client_id(app);
	return kp_keyring_store(&key, _("koppel: Loket.nl OAuth client secret"), secret, err);
}

static void token_key(const struct kp_app *app, struct kp_secret_key *key)
{
	key->provider = "loket";
	key->environment = kp_loket_environment(app);
	key->account = kp_loket_client_id(app);
}

enum kp_err kp_loket_tokens_load(struct kp_app *app, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_secret_key key;
	char *json = NULL;
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	if (ctx->tokens_loaded)
		return KP_OK;
	rc = need_client_id(app, err);
	if (rc)
		return rc;
	token_key(app, &key);
	rc = kp_keyring_lookup(&key, &json, err);
	if (rc == KP_ERR_NOTFOUND) {
		/* no tokens is no authorisation: callers lead to the consent (a
		 * restarted demo sandbox has a new client, so none for it yet) */
		if (err) { /* a clearer text than the keyring's own */
			kp_error_clear(err);
			kp_error_set(err, KP_ERR_AUTH, kp_loket_consent_hint(app),
				     _("No Loket.nl tokens are stored for this client and "
				       "environment (%s)."),
				     key.environment);
		}
		return KP_ERR_AUTH;
	}
	if (rc)
		return rc;
	kp_oauth_tokens_free(&ctx->tokens);
	rc = kp_oauth_tokens_from_json(json, &ctx->tokens, err);
	kp_secret_free(json);
	if (rc == KP_OK)
		ctx->tokens_loaded = 1;
	return rc;
}

enum kp_err kp_loket_tokens_save(struct kp_app *app, struct kp_oauth_tokens *t,
				 struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_secret_key key;
	char *json;
	enum kp_err rc = KP_OK;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	/* the new pair replaces the old in memory first: a rotated refresh token
	 * is the only one that still works, whatever happens to the write */
	kp_oauth_tokens_free(&ctx->tokens);
	ctx->tokens = *t;
	memset(t, 0, sizeof *t);
	ctx->tokens_loaded = 1;
	if (ctx->no_keyring)
		return KP_OK;
	rc = need_client_id(app, err);
	if (rc)
		return rc;
	token_key(app, &key);
	json = kp_oauth_tokens_to_json(&ctx->tokens);
	if (!json)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_keyring_store(&key, _("koppel: Loket.nl tokens"), json, err);
	kp_secret_free(json);
	return rc;
}

static enum kp_err oauth_client(struct kp_app *app, struct kp_oauth_client *c, char **secret,
				struct kp_error *err)
{
	enum kp_err rc = need_client_id(app, err);
	struct kp_error e2 = {0};
	if (rc)
		return rc;
	*secret = NULL;
	rc = kp_loket_client_secret(app, secret, &e2);
	if (rc && rc != KP_ERR_NOTFOUND) {
		if (err)
			*err = e2;
		return rc;
	}
	/* no secret anywhere: a public client (PKCE) — the server decides */
	c->oauth_base = app->ep.loket_oauth_url;
	c->client_id = kp_loket_client_id(app);
	c->client_secret = *secret;
	c->http = &app->http;
	return KP_OK;
}

enum kp_err kp_loket_tokens_refresh(struct kp_app *app, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_oauth_client c;
	struct kp_oauth_tokens nt = {0};
	char *secret = NULL, *old = NULL;
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_tokens_load(app, err);
	if (rc)
		return rc;
	rc = oauth_client(app, &c, &secret, err);
	if (rc)
		return rc;
	old = kp_secret_dup(ctx->tokens.refresh_token);
	rc = kp_oauth_refresh(&c, old, &nt, err);
	if (rc == KP_OK)
		rc = kp_loket_tokens_save(app, &nt, err);
	kp_oauth_tokens_free(&nt);
	kp_secret_free(old);
	kp_secret_free(secret);
	return rc;
}

enum kp_err kp_loket_access_token(struct kp_app *app, const char **out, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	enum kp_err rc;
	*out = NULL;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_tokens_load(app, err);
	if (rc)
		return rc;
	if (ctx->tokens.expires_at - KP_LOKET_EXPIRY_MARGIN <= (long long)time(NULL)) {
		rc = kp_loket_tokens_refresh(app, err);
		if (rc)
			return rc;
	}
	*out = ctx->tokens.access_token;
	return KP_OK;
}

enum kp_err kp_loket_exchange(struct kp_app *app, const char *code, const char *redirect_uri,
			      const char *code_verifier, struct kp_error *err)
{
	struct kp_oauth_client c;
	struct kp_oauth_tokens nt = {0};
	char *secret = NULL;
	enum kp_err rc = oauth_client(app, &c, &secret, err);
	if (rc)
		return rc;
	rc = kp_oauth_exchange_code(&c, code, redirect_uri, code_verifier, &nt, err);
	if (rc == KP_OK)
		rc = kp_loket_tokens_save(app, &nt, err);
	kp_oauth_tokens_free(&nt);
	kp_secret_free(secret);
	return rc;
}

enum kp_err kp_loket_consent_begin(struct kp_app *app, int listen, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	long port = kp_state_get_int(&app->state, "loket.redirect_port", 0);
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	kp_loket_consent_end(app);
	rc = need_client_id(app, err);
	if (!rc)
		rc = kp_pkce_generate(&ctx->pkce, err);
	if (!rc)
		rc = kp_oauth_random_state(ctx->state, sizeof ctx->state, err);
	if (rc)
		return rc;
	if (listen) {
		rc = kp_loopback_start(&ctx->loopback, (int)port, ctx->state, err);
		if (rc)
			return rc;
		snprintf(ctx->redirect_uri, sizeof ctx->redirect_uri, "%s",
			 kp_loopback_redirect_uri(ctx->loopback));
	} else {
		unsigned short r = 0;
		if (port <= 0) { /* nothing listens: any high port does; random, not guessable */
			gnutls_rnd(GNUTLS_RND_NONCE, &r, sizeof r);
			port = 49152 + r % 16384;
		}
		snprintf(ctx->redirect_uri, sizeof ctx->redirect_uri, "http://127.0.0.1:%ld%s",
			 port, KP_LOOPBACK_PATH);
	}
	ctx->authorize_url =
	    kp_oauth_authorize_url(app->ep.loket_oauth_url, kp_loket_client_id(app),
				   ctx->redirect_uri, ctx->state, ctx->pkce.challenge);
	if (!ctx->authorize_url)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	return KP_OK;
}

void kp_loket_consent_end(struct kp_app *app)
{
	struct kp_loket_ctx *ctx = app->loket;
	if (!ctx)
		return;
	kp_loopback_stop(ctx->loopback);
	ctx->loopback = NULL;
	free(ctx->authorize_url);
	ctx->authorize_url = NULL;
	ctx->browser_opened = 0;
	kp_wipe(&ctx->pkce, sizeof ctx->pkce);
	kp_wipe(ctx->state, sizeof ctx->state);
	ctx->redirect_uri[0] = '\0';
}

/* Reap the browser launcher so it does not linger as a zombie. */
static void *reaper(void *arg)
{
	pid_t pid = (pid_t)(intptr_t)arg;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return NULL;
}

enum kp_err kp_loket_open_browser(const char *url, struct kp_error *err)
{
	const char *browser = getenv("BROWSER");
	char *cmd = NULL, *argv[16];
	int argc = 0, has_url = 0;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	pthread_t th;
	int rc;
	/* $BROWSER may list several commands separated by ':'; use the first */
	cmd = strdup(browser && *browser ? browser : "xdg-open");
	if (!cmd)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	cmd[strcspn(cmd, ":")] = '\0';
	for (char *tok = strtok(cmd, " \t"); tok && argc < 14; tok = strtok(NULL, " \t")) {
		if (strcmp(tok, "%s") == 0) {
			argv[argc++] = (char *)url;
			has_url = 1;
		} else {
			argv[argc++] = tok;
		}
	}
	if (argc == 0) {
		free(cmd);
		return kp_error_set(err, KP_ERR_USAGE, _("Open the address shown yourself."),
				    _("The BROWSER variable is empty."));
	}
	if (!has_url)
		argv[argc++] = (char *)url;
	argv[argc] = NULL;
	posix_spawn_file_actions_init(&fa);
	/* keep the browser's chatter off our screen */
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		enum kp_err e =
		    kp_error_set(err, KP_ERR_NOTFOUND,
				 _("Open the address shown in a browser yourself, or set "
				   "BROWSER to your browser's command."),
				 _("Could not start the browser \"%s\"."), argv[0]);
		free(cmd);
		return e;
	}
	free(cmd);
	if (pthread_create(&th, NULL, reaper, (void *)(intptr_t)pid) == 0)
		pthread_detach(th);
	return KP_OK;
}

const char *kp_loket_consent_hint(const struct kp_app *app)
{
	return app->flow_id ? _("Give consent in Loket.nl: go back to the step \"Consent in "
				"Loket.nl\".")
			    : _("Give consent in Loket.nl: run `koppel loket login`.");
}
