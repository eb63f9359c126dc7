/* afas_ctx.c — the AFAS path's context in app->afas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koppel/afas.h"
#include "koppel/afas_sync.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/secure.h"

struct kp_afas_ctx *kp_afas_ctx_get(struct kp_app *app)
{
	if (!app->afas)
		app->afas = calloc(1, sizeof *app->afas);
	return app->afas;
}

void kp_afas_ctx_free(struct kp_afas_ctx *ctx)
{
	if (!ctx)
		return;
	kp_connector_zip_free(&ctx->zip);
	kp_afas_metainfo_free(&ctx->meta);
	free(ctx->assign);
	if (ctx->sync) {
		kp_afas_sync_free(ctx->sync);
		free(ctx->sync);
	}
	/* The token (and anything near it) must not linger in freed memory. */
	kp_wipe(ctx, sizeof *ctx);
	free(ctx);
}

const char *kp_afas_keyring_env(const struct kp_app *app, const char *env)
{
	return app->ep.sandbox ? "sandbox" : env;
}

enum kp_err kp_afas_ensure_zip(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err)
{
	const char *p;

	if (ctx->zip_loaded)
		return KP_OK;
	if (!ctx->zip_path[0] && (p = kp_state_get_str(&app->state, "afas.zip")))
		snprintf(ctx->zip_path, sizeof ctx->zip_path, "%s", p);
	if (!ctx->zip_path[0])
		return kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Go back to the first AFAS step (Esc) and choose the connector ZIP."), "%s",
		    _("No connector ZIP has been chosen yet."));
	if (kp_connector_zip_open(ctx->zip_path, &ctx->zip, NULL, err) != KP_OK)
		return err ? err->code : KP_ERR_INVALID;
	ctx->zip_loaded = 1;
	return KP_OK;
}

enum kp_err kp_afas_ensure_token(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err)
{
	const char *c = kp_state_get_str(&app->state, "afas.customer");
	const char *e = kp_state_get_str(&app->state, "afas.environment");
	struct kp_secret_key key;
	char *text = NULL;
	enum kp_err rc;

	if (!ctx->participant[0] && c)
		snprintf(ctx->participant, sizeof ctx->participant, "%s", c);
	if (!ctx->environment[0] && e)
		snprintf(ctx->environment, sizeof ctx->environment, "%s", e);
	if (ctx->have_token)
		return KP_OK;
	if (!ctx->participant[0] || !ctx->environment[0])
		return kp_error_set(err, KP_ERR_USAGE,
				    _("Go back to the token step (Esc) and enter the token."), "%s",
				    _("No App Connector token has been entered yet."));
	key.provider = "afas";
	key.environment = kp_afas_keyring_env(app, ctx->environment);
	key.account = ctx->participant;
	rc = kp_keyring_lookup(&key, &text, err);
	if (rc == KP_ERR_NOTFOUND) {
		if (err)
			kp_error_clear(err);
		return kp_error_set(
		    err, KP_ERR_NOTFOUND, _("Go back to the token step (Esc) and enter the token."),
		    _("No token for customer %s in the keyring."), ctx->participant);
	}
	if (rc)
		return rc;
	rc = kp_afas_token_parse(text, NULL, &ctx->token, NULL, err);
	kp_secret_free(text);
	if (rc)
		return rc;
	ctx->have_token = 1;
	ctx->token_stored = 1;
	return KP_OK;
}

enum kp_err kp_afas_ctx_connect(struct kp_app *app, struct kp_afas_ctx *ctx,
				struct kp_afas_conn *conn, struct kp_error *err)
{
	enum kp_err rc = kp_afas_ensure_token(app, ctx, err);

	if (rc)
		return rc;
	return kp_afas_conn_init(conn, &app->ep, &app->http, ctx->participant, ctx->environment,
				 &ctx->token, err);
}

enum kp_err kp_afas_store_token(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err)
{
	struct kp_secret_key key = {"afas", kp_afas_keyring_env(app, ctx->environment),
				    ctx->participant};
	char label[128];
	char *xml = kp_afas_token_xml(&ctx->token);
	enum kp_err rc;

	if (!xml)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	snprintf(label, sizeof label, "koppel: AFAS App Connector token %s (%s)", ctx->participant,
		 key.environment);
	rc = kp_keyring_store(&key, label, xml, err);
	kp_secret_free(xml);
	ctx->token_stored = rc == KP_OK;
	return rc;
}

enum kp_err kp_afas_ctx_reload_meta(struct kp_afas_ctx *ctx, const struct kp_afas_conn *conn,
				    struct kp_error *err)
{
	kp_afas_metainfo_free(&ctx->meta);
	ctx->meta_loaded = 0;
	enum kp_err rc = kp_afas_metainfo(conn, &ctx->meta, err);
	if (rc == KP_OK)
		ctx->meta_loaded = 1;
	return rc;
}
