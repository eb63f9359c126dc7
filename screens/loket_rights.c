/* loket_rights.c — every Werkgever ID resolved to its employer, and the six
 * rights checked both ways, shown as a matrix employer × right with the
 * remedy under each gap. Unreachable IDs get their cause; other reachable
 * employers are offered as a checklist. */
#include "koppel/loket_rights.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/state.h"
#include "koppel/step.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Short column heads for the matrix, in kp_loket_rights order by key. */
/* below: its title names it in the summary when it fails */
extern const struct kp_step kp_step_loket_rights;

static const char *short_head(const char *key)
{
	static const struct {
		const char *key, *head;
	} heads[] = {
	    {"bsn", "BSN"},
	    {"employments", "Dienstv."},
	    {"wages", "Belon."},
	    {"payrollperioddata", "Var.geg."},
	    {"payrollperiodresults", "Loonoutp."},
	    {"hrm", "HRM"},
	};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (strcmp(heads[i].key, key) == 0)
			return heads[i].head;
	return key;
}

static void rights_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	const struct kp_loket_rights_report *rep;
	const char *heads[8];
	struct kp_widget *t;
	char rem[1024];
	if (!ctx)
		return;
	if (ctx->last_rc == KP_ERR_AUTH && !ctx->rights_done) {
		kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
			     _("Consent in Loket.nl is needed first (see below). Press Enter to "
			       "go to the consent step."));
		return;
	}
	rep = ctx->rights;
	if (!ctx->rights_done || !rep) {
		kp_form_text(f, 0, "%s",
			     _("koppel checks each employer and the six rights Benefits-Plaza "
			       "needs. Press Enter (or F5) to run the check."));
		return;
	}
	heads[0] = _("Employer");
	for (size_t k = 0; k < kp_loket_n_rights && k < 7; k++)
		heads[k + 1] = short_head(kp_loket_rights[k].key);
	t = kp_form_table(f, "matrix", kp_loket_n_rights + 1, heads);
	for (size_t i = 0; t && i < rep->n; i++) {
		const struct kp_loket_rights_row *row = &rep->rows[i];
		const char *cells[8];
		char name[300];
		enum kp_status worst = KP_ST_OK;
		if (!row->reachable)
			continue;
		/* number first: at 80 columns a long name is cut, the number
		 * (what the person typed) must stay */
		snprintf(name, sizeof name, "%ld %s", row->number, row->name);
		cells[0] = name;
		for (size_t k = 0; k < kp_loket_n_rights && k < 7; k++) {
			enum kp_status st = kp_loket_right_status(&row->r[k]);
			cells[k + 1] = kp_status_mark(st, app->utf8);
			if (st == KP_ST_FAIL || (st == KP_ST_WARN && worst == KP_ST_OK))
				worst = st;
		}
		kp_table_add_row(t, worst, cells);
	}
	for (size_t i = 0; i < rep->n; i++) {
		const struct kp_loket_rights_row *row = &rep->rows[i];
		if (!row->reachable) {
			kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8),
				     row->cause);
			continue;
		}
		/* one request to the provider per employer, naming every gap */
		const struct kp_loket_right *missing[16];
		size_t n_missing = 0;
		for (size_t k = 0; k < kp_loket_n_rights && n_missing < 16; k++)
			if (!kp_loket_right_ok(&row->r[k]))
				missing[n_missing++] = &kp_loket_rights[k];
		if (n_missing) {
			kp_loket_rights_remedy(missing, n_missing, row->name, rem, sizeof rem);
			kp_form_text(f, 0, "%s %s", kp_status_mark(KP_ST_FAIL, app->utf8), rem);
		}
		for (size_t k = 0; k < kp_loket_n_rights; k++) {
			const struct kp_loket_right_result *r = &row->r[k];
			if (kp_loket_right_ok(r) && kp_loket_right_status(r) == KP_ST_WARN) {
				kp_form_text(
				    f, 0,
				    _("%s %s, %s: the two checks disagree or one could not "
				      "run. %s"),
				    kp_status_mark(KP_ST_WARN, app->utf8), row->name,
				    kp_loket_rights[k].name, r->note);
			}
		}
	}
	kp_form_text(f, 0, "%s", rep->user_note);
	{ /* the user may have forgotten an entity: offer the others it reaches */
		const char **ids = calloc(ctx->n_reachable + 1, sizeof *ids);
		const char **labels = calloc(ctx->n_reachable + 1, sizeof *labels);
		char **owned = calloc(ctx->n_reachable + 1, sizeof *owned);
		size_t n = 0;
		for (size_t j = 0; ids && labels && owned && j < ctx->n_reachable; j++) {
			int listed = 0;
			for (size_t i = 0; i < rep->n; i++)
				listed |= strcmp(rep->rows[i].id, ctx->reachable[j].id) == 0;
			if (listed)
				continue;
			if (asprintf(&owned[n], "%ld %s", ctx->reachable[j].number,
				     ctx->reachable[j].name) < 0)
				break;
			ids[n] = ctx->reachable[j].id;
			labels[n] = owned[n];
			n++;
		}
		if (n)
			kp_form_checklist(
			    f, "more", _("This user also reaches these employers; tick any to add"),
			    ids, labels, n, NULL);
		for (size_t i = 0; owned && i < n; i++)
			free(owned[i]);
		free(owned);
		free(ids);
		free(labels);
	}
	if (!rep->all_ok)
		kp_form_set_notice(
		    f, KP_ST_FAIL,
		    _("Not every right is in place. Fix the gaps above; F5 checks again, "
		      "Enter continues anyway."));
	else
		kp_form_set_notice(f, KP_ST_OK,
				   _("Every employer is reachable with all six rights."));
}

static enum kp_next rights_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_widget *more;
	if (!ctx)
		return KP_ABORT;
	if (ctx->last_rc == KP_ERR_AUTH && !ctx->rights_done) {
		ctx->consent_phase = 0;
		ctx->last_rc = KP_OK;
		snprintf(f->goto_id, sizeof f->goto_id, "%s", "loket-consent");
		return KP_GOTO;
	}
	if (!ctx->rights_done || !ctx->rights)
		return KP_RUN_TASK;
	more = kp_form_find(f, "more");
	if (more && kp_form_count_checked(f, "more")) {
		struct kp_werkgever_id *ids = NULL, *nv;
		size_t n = 0;
		kp_loket_settings_ids(app, &ids, &n, NULL);
		for (size_t i = 0; i < more->n_options; i++) {
			if (!kp_form_checked(f, "more", i))
				continue;
			nv = realloc(ids, (n + 1) * sizeof *ids);
			if (!nv)
				break;
			ids = nv;
			if (kp_werkgever_id_parse(more->option_ids[i], &ids[n], err) == KP_OK)
				n++;
		}
		kp_loket_settings_set_ids(app, ids, n);
		free(ids);
		ctx->sync_done = 0;
		return KP_RUN_TASK;
	}
	kp_app_step_result(app, kp_step_loket_rights.title, !ctx->rights->all_ok);
	return KP_NEXT;
}

static enum kp_err rights_task(struct kp_app *app, const struct kp_progress *p,
			       struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_werkgever_id *ids = NULL;
	size_t n = 0;
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	ctx->rights_done = 0;
	rc = kp_loket_settings_ids(app, &ids, &n, err);
	if (!rc)
		rc = kp_loket_fetch_employers(app, NULL, err);
	if (!rc) {
		kp_loket_resolve(app, ids, n);
		rc = kp_loket_rights_check(app, p, err);
	}
	free(ids);
	ctx->last_rc = rc;
	ctx->rights_done = rc == KP_OK;
	return rc;
}

const struct kp_step kp_step_loket_rights = {
    .id = "loket-rights",
    .title = N_("Employers and rights"),
    .help = N_("The Loket.nl user needs access to every employer (directly or through a "
	       "team) and six rights: Beheren en raadplegen BSN, Raadplegen dienstverbanden, "
	       "Raadplegen beloningen, Raadplegen variabele gegevens, Raadplegen loonoutput "
	       "beperkt and Raadplegen HRM. Each right is checked two ways: the activities "
	       "Loket.nl lists for the user, and one small request. A missing right is "
	       "granted by your provider (administratiekantoor or accountant); a provider "
	       "asks Loket.nl at api@loket.nl."),
    .enter = rights_enter,
    .submit = rights_submit,
    .task = rights_task,
    .task_label = N_("Checking employers and rights"),
    .task_on_enter = 1,
};
