/* afas_common.h — helpers shared by the AFAS steps (screens/afas_*.c):
 * find or reload what earlier steps produced (ZIP, token) after a resume. */
#ifndef KOPPEL_SCREENS_AFAS_COMMON_H
#define KOPPEL_SCREENS_AFAS_COMMON_H

#include <stddef.h>
#include "koppel/afas.h"

struct kp_app;

/* "~/x" to "$HOME/x"; other paths copied as they are. */
void kp_afas_expand_home(const char *in, char *out, size_t outlen);

/* Load the ZIP named in ctx->zip_path or the setting afas.zip, unless loaded. */
enum kp_err kp_afas_ensure_zip(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err);

/* Customer and environment from ctx or the settings; the token from memory
 * or else the keyring. */
enum kp_err kp_afas_ensure_token(struct kp_app *app, struct kp_afas_ctx *ctx,
				 struct kp_error *err);

/* A connection for ctx's customer, environment and token. */
enum kp_err kp_afas_ctx_connect(struct kp_app *app, struct kp_afas_ctx *ctx,
				struct kp_afas_conn *conn, struct kp_error *err);

/* Store ctx's token in the keyring (provider afas, account = customer). */
enum kp_err kp_afas_store_token(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err);

struct kp_form;
/* Put the focus on widget id, so that one Enter submits from there (the
 * frontends start at the focused field; Enter on the last one submits). */
void kp_afas_focus(struct kp_form *f, const char *id);

#endif
