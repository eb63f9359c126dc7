/* afas_ctx.c — the AFAS path's context in app->afas. */
#include <stdlib.h>
#include <string.h>

#include "koppel/afas.h"
#include "koppel/afas_sync.h"
#include "koppel/app.h"
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
