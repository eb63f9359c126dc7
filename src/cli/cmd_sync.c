/* cmd_sync.c — `koppel sync --test [--json]`: a test sync of whatever
 * connections are configured. Loket.nl here; AFAS joins at the marked hook. */
#include "cmd_afas.h"
#include "cmd_loket.h"
#include "commands.h"
#include "koppel/app.h"
#include "koppel/form.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/loket_sync.h"
#include "koppel/progress.h"
#include "koppel/state.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Findings listed per employer in text output; --json has them all. */
#define KP_CLI_MAX_FINDINGS 50

void kp_cli_loket_print_sync(struct kp_app *app, FILE *o)
{
	const struct kp_loket_sync_report *rep = app->loket->sync;
	char txt[256];
	for (size_t i = 0; rep && i < rep->n; i++) {
		const struct kp_loket_sync_employer *se = &rep->emp[i];
		enum kp_status st = se->result	     ? KP_ST_FAIL
				    : se->n_findings ? KP_ST_WARN
						     : KP_ST_OK;
		fprintf(o, "%s Loket.nl: %s (%s)\n", kp_status_mark(st, app->utf8), se->name,
			se->id);
		if (se->result) {
			fprintf(o, "    %s\n    %s\n", se->error, se->hint);
			continue;
		}
		fprintf(o,
			_("    %lu employees, %lu employments, %lu BSNs; %lu requests in %.1f s\n"),
			se->employees, se->employments, se->bsns, se->requests, se->seconds);
		if (se->first_sync)
			fprintf(o, "    %s\n", _("First sync: nothing to compare with yet."));
		else
			fprintf(o,
				_("    Since the previous sync: %lu new, %lu changed, %lu ended\n"),
				se->n_new, se->n_changed, se->n_ended);
		for (size_t k = 0; k < se->n_findings && k < KP_CLI_MAX_FINDINGS; k++) {
			kp_loket_finding_text(&se->findings[k], txt, sizeof txt);
			fprintf(o, "    %s %s\n", kp_status_mark(KP_ST_WARN, app->utf8), txt);
		}
		if (se->n_findings > KP_CLI_MAX_FINDINGS)
			fprintf(o, _("    ... and %zu more findings (all of them with --json)\n"),
				se->n_findings - KP_CLI_MAX_FINDINGS);
	}
	for (size_t i = 0; i < app->loket->n_resolved; i++)
		if (!app->loket->resolved[i].reachable)
			fprintf(o, "%s Loket.nl: %s — %s\n", kp_status_mark(KP_ST_FAIL, app->utf8),
				app->loket->resolved[i].input.value,
				_("not reachable for this user: it is not linked to this employer, "
				  "directly or through a team"));
}

/* The Loket.nl part; *ran = 1 when configured. Returns 1 when all is well. */
static int sync_loket(struct kp_app *app, int json, cJSON *out, int *ran)
{
	struct kp_error err = {0};
	struct kp_progress p;
	enum kp_err rc;
	*ran = 0;
	if (!kp_cli_loket_configured(app) || !kp_loket_ctx_get(app))
		return 1;
	*ran = 1;
	rc = kp_cli_loket_resolve(app, NULL, 0, &err);
	if (!rc) {
		kp_cli_progress(app, &p);
		rc = kp_loket_sync_run(app, &p, &err);
		if (isatty(2))
			fprintf(stderr, "\r\033[K");
	}
	if (json) {
		cJSON *l =
		    app->loket->sync ? kp_loket_sync_json(app->loket->sync) : cJSON_CreateObject();
		if (rc) {
			cJSON_ReplaceItemInObject(l, "ok", cJSON_CreateFalse());
			if (!cJSON_GetObjectItem(l, "ok"))
				cJSON_AddFalseToObject(l, "ok");
			cJSON_AddStringToObject(l, "error", kp_err_name(rc));
			cJSON_AddStringToObject(l, "message", err.msg);
			cJSON_AddStringToObject(l, "hint", err.hint);
		}
		cJSON_AddItemToObject(out, "loket", l);
	} else {
		kp_cli_loket_print_sync(app, stdout);
		if (rc)
			kp_cli_print_error(&err);
	}
	return rc == KP_OK && app->loket->sync && app->loket->sync->all_ok;
}

int kp_cmd_sync(struct kp_app *app, int argc, char **argv)
{
	int test = 0, json = 0, ok = 1, ran_loket = 0, ran_afas = 0;
	cJSON *out;
	const char *usage = _("Usage: koppel sync --test [--json]");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--test") == 0)
			test = 1;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else
			return kp_cli_usage(usage, _("unknown option '%s'."), argv[i]);
	}
	if (!test) /* a real sync is Benefits-Plaza's to run, not koppel's */
		return kp_cli_usage(usage, "%s", _("only the test sync exists: add --test."));
	kp_cli_catch_interrupt(app);
	out = cJSON_CreateObject();
	ok &= sync_loket(app, json, out, &ran_loket);

	/* ==== AFAS HOOK ==================================================== */
	ok &= kp_cli_afas_sync_test(app, json, out, &ran_afas);
	if (json && !cJSON_GetObjectItem(out, "afas"))
		cJSON_AddNullToObject(out, "afas");
	/* ==== end AFAS HOOK ================================================ */

	if (!ran_loket && !ran_afas) {
		ok = 0;
		if (!json)
			fprintf(stderr, "koppel: %s\n  %s\n",
				_("No connection is configured to sync."),
				_("Set one up with the wizard (`koppel`) or `koppel loket login "
				  "--employer ID`."));
	}
	if (json) {
		char *s;
		cJSON_AddBoolToObject(out, "ok", ok);
		s = cJSON_Print(out);
		printf("%s\n", s ? s : "{}");
		free(s);
	}
	cJSON_Delete(out);
	kp_state_save(&app->state, NULL);
	return ok ? 0 : 1;
}
