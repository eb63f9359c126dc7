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
	free(app->demo_afas_hint);
	free(app->demo_loket_hint);
	free(app->sandbox_afas_zip);
	app->demo_credentials = app->demo_afas_hint = app->demo_loket_hint = NULL;
	app->sandbox_afas_zip = NULL;
}

void kp_app_step_result(struct kp_app *app, const char *title, int failed)
{
	/* eight slots for the four steps that check something: never full */
	size_t n = sizeof app->failed_steps / sizeof app->failed_steps[0], i, free_at = n;

	for (i = 0; i < n; i++) {
		if (app->failed_steps[i] && strcmp(app->failed_steps[i], title) == 0) {
			if (!failed)
				app->failed_steps[i] = NULL;
			break;
		}
		if (!app->failed_steps[i] && free_at == n)
			free_at = i;
	}
	if (i == n && failed && free_at < n)
		app->failed_steps[free_at] = title;
	app->checks_failed = 0;
	for (i = 0; i < n; i++)
		app->checks_failed += app->failed_steps[i] != NULL;
}

const char *kp_app_environment_label(const char *environment)
{
	if (!environment || strcmp(environment, "production") == 0)
		return _("production");
	if (strcmp(environment, "test") == 0)
		return _("test");
	if (strcmp(environment, "accept") == 0)
		return _("accept");
	if (strcmp(environment, "sandbox") == 0)
		return "SANDBOX";
	return environment;
}

const char *kp_app_banner(const struct kp_app *app)
{
	if (app->ep.sandbox)
		return "SANDBOX";
	if (strcmp(app->environment, "test") == 0)
		return N_("TEST");
	if (strcmp(app->environment, "accept") == 0)
		return N_("ACCEPT");
	return N_("PRODUCTION");
}
