/* loket_sync.c — the test sync: employees, employments and BSNs per
 * employer, findings, and what changed since the previous run. */
#include "koppel/loket_sync.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/state.h"
#include "koppel/step.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Findings shown per employer; the command line's --json has them all. */
#define MAX_SHOWN 30

/* below: its title names it in the summary when it fails */
extern const struct kp_step kp_step_loket_sync;

static void sync_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	const struct kp_loket_sync_report *rep;
	const char *heads[4];
	struct kp_widget *t;
	char txt[256];
	if (!ctx)
		return;
	if (ctx->last_rc == KP_ERR_AUTH && !ctx->sync_done) {
		kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
			     _("Consent in Loket.nl is needed first (see below). Press Enter to "
			       "go to the consent step."));
		return;
	}
	rep = ctx->sync;
	if (!ctx->sync_done || !rep) {
		kp_form_text(
		    f, 0, "%s",
		    _("A test sync reads, per employer, all employees, employments and "
		      "BSNs the way Benefits-Plaza's \"Ophalen gegevens\" does, and reports "
		      "what Benefits-Plaza would stumble over. Nothing is sent anywhere and "
		      "nothing personal is written to disk. Press Enter to start; Esc "
		      "cancels."));
		return;
	}
	/* the counts in columns of their own and the rest in a line per
	 * employer: at 80 columns sentences in cells were cut off */
	heads[0] = _("Employer");
	heads[1] = _("Employees");
	heads[2] = _("Employments");
	heads[3] = _("BSNs");
	t = kp_form_table(f, "sync", 4, heads);
	for (size_t i = 0; t && i < rep->n; i++) {
		const struct kp_loket_sync_employer *se = &rep->emp[i];
		char ne[32], nm[32], nb[32];
		const char *cells[4] = {se->name, ne, nm, nb};
		snprintf(ne, sizeof ne, "%lu", se->employees);
		snprintf(nm, sizeof nm, "%lu", se->employments);
		snprintf(nb, sizeof nb, "%lu", se->bsns);
		kp_table_add_row(t,
				 se->result	  ? KP_ST_FAIL
				 : se->n_findings ? KP_ST_WARN
						  : KP_ST_OK,
				 cells);
	}
	for (size_t i = 0; i < rep->n; i++) {
		const struct kp_loket_sync_employer *se = &rep->emp[i];
		if (se->result) {
			kp_form_text(f, KP_WF_EMPHASIS, "%s", se->name);
			kp_form_text(f, 0, "%s %s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
				     se->error, se->hint);
			continue;
		}
		if (se->first_sync)
			kp_form_text(f, KP_WF_EMPHASIS,
				     _("%s: first sync (nothing to compare with); %zu finding(s)"),
				     se->name, se->n_findings);
		else
			kp_form_text(f, KP_WF_EMPHASIS,
				     _("%s: since the last sync %lu new, %lu changed, %lu ended; "
				       "%zu finding(s)"),
				     se->name, se->n_new, se->n_changed, se->n_ended, se->n_findings);
		for (size_t k = 0; k < se->n_findings && k < MAX_SHOWN; k++) {
			kp_loket_finding_text(&se->findings[k], txt, sizeof txt);
			kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_WARN, app->utf8), txt);
		}
		if (se->n_findings > MAX_SHOWN)
			kp_form_text(f, 0,
				     _("... and %zu more (`koppel sync --test --json` lists "
				       "them all)."),
				     se->n_findings - MAX_SHOWN);
	}
	if (rep->all_ok)
		kp_form_set_notice(f, KP_ST_OK, _("The test sync found nothing to fix."));
	else
		kp_form_set_notice(
		    f, KP_ST_WARN,
		    _("Fix the findings in Loket.nl before Benefits-Plaza fetches the "
		      "data; F5 runs the test again, Enter continues."));
}

static enum kp_next sync_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	(void)err;
	if (!ctx)
		return KP_ABORT;
	if (ctx->last_rc == KP_ERR_AUTH && !ctx->sync_done) {
		ctx->consent_phase = 0;
		ctx->last_rc = KP_OK;
		snprintf(f->goto_id, sizeof f->goto_id, "%s", "loket-consent");
		return KP_GOTO;
	}
	if (!ctx->sync_done || !ctx->sync)
		return KP_RUN_TASK;
	kp_app_step_result(app, kp_step_loket_sync.title, !ctx->sync->all_ok);
	return KP_NEXT;
}

static enum kp_err sync_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	enum kp_err rc = KP_OK;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	ctx->sync_done = 0;
	if (!ctx->n_resolved) { /* resumed here: resolve the ids first */
		struct kp_werkgever_id *ids = NULL;
		size_t n = 0;
		rc = kp_loket_settings_ids(app, &ids, &n, err);
		if (!rc)
			rc = kp_loket_fetch_employers(app, NULL, err);
		if (!rc)
			kp_loket_resolve(app, ids, n);
		free(ids);
	}
	if (!rc)
		rc = kp_loket_sync_run(app, p, err);
	ctx->last_rc = rc;
	ctx->sync_done = rc == KP_OK;
	return rc;
}

const struct kp_step kp_step_loket_sync = {
    .id = "loket-sync",
    .title = N_("Test sync"),
    .help = N_("The test sync fetches what Benefits-Plaza fetches: employees, employments "
	       "and BSNs, all pages, several requests at once. It reports missing or "
	       "invalid BSNs (elfproef), employments without a start date or ending before "
	       "they start, and employee numbers used twice, and compares with the previous "
	       "test: new, changed and ended employees. Only salted hashes are kept for "
	       "that comparison."),
    .enter = sync_enter,
    .submit = sync_submit,
    .task = sync_task,
    .task_label = N_("Test sync with Loket.nl"),
};
