/* app.c — the context's life cycle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/afas.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/sandbox_child.h"

void kp_app_init(struct kp_app *app)
{
	memset(app, 0, sizeof *app);
	kp_endpoints_defaults(&app->ep);
	app->http.ca_file = app->ep.ca_file;
	app->http.cancel = &app->cancel;
	app->utf8 = kp_i18n_utf8();
	snprintf(app->environment, sizeof app->environment, "production");
}

void kp_app_free(struct kp_app *app)
{
	kp_sandbox_stop(app);
	kp_afas_ctx_free(app->afas);
	kp_loket_ctx_free(app->loket);
	app->afas = NULL;
	app->loket = NULL;
	kp_state_free(&app->state);
	free(app->demo_credentials);
	free(app->sandbox_afas_zip);
	app->demo_credentials = NULL;
	app->sandbox_afas_zip = NULL;
}

const char *kp_app_banner(const struct kp_app *app)
{
	if (app->ep.sandbox)
		return "SANDBOX";
	if (strcmp(app->environment, "test") == 0)
		return "TEST";
	if (strcmp(app->environment, "accept") == 0)
		return "ACCEPT";
	return "PRODUCTION";
}
