/* afas_sync.c — AFAS step 5: the test sync. Reads every row of every
 * connector (paged, at most 5 requests at a time) and shows counts only:
 * rows, fields that are always empty, BSN-like fields and how many pass
 * the elfproef. No personal data is shown or written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afas_common.h"
#include "koppel/afas_sync.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

/* Join the names of the always-empty fields (names are no personal data). */
/* below: its title names it in the summary when it fails */
extern const struct kp_step kp_step_afas_sync;

static size_t empty_fields(const struct kp_afas_sync_conn *c, char *out, size_t outlen)
{
	size_t n = 0, used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < c->n_fields; i++) {
		if (c->fields[i].filled)
			continue;
		n++;
		if (used + strlen(c->fields[i].alias) + 3 < outlen)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s",
						 used ? ", " : "", c->fields[i].alias);
	}
	return n;
}

static void sync_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const struct kp_afas_sync *s;
	size_t failures;

	if (!ctx)
		return;
	kp_form_text(
	    f, 0, "%s",
	    _("The test sync reads every row of every connector, as Benefits-Plaza will, and "
	      "reports only counts: no names, no BSNs, no amounts leave this computer or appear "
	      "on screen. Esc stops it."));
	s = ctx->sync;
	if (!s || s->n == 0) {
		kp_form_text(f, 0, "%s", _("Press Enter to start the test sync."));
		return;
	}
	{
		const char *hdr[] = {_("Connector"), _("Rows"), _("Always empty"), _("BSN check")};
		struct kp_widget *t = kp_form_table(f, "sync", 4, hdr);
		for (size_t i = 0; t && i < s->n; i++) {
			const struct kp_afas_sync_conn *c = &s->c[i];
			char rows[32], empty[32], bsn[160] = "-";
			size_t n_empty;
			unsigned long valid = 0, invalid = 0, missing = 0;
			int any_bsn = 0;
			char names[256];
			enum kp_status st = KP_ST_OK;

			if (c->code != KP_OK) {
				/* the cell is too narrow for the reason: it goes under the table */
				const char *row[] = {c->id, "-", "-", _("not read (see below)")};
				kp_table_add_row(t, KP_ST_FAIL, row);
				continue;
			}
			n_empty = empty_fields(c, names, sizeof names);
			for (size_t k = 0; k < c->n_fields; k++) {
				if (!kp_afas_sync_field_bsn_like(&c->fields[k]))
					continue;
				any_bsn = 1;
				valid += c->fields[k].bsn_valid;
				invalid += kp_afas_sync_field_bsn_invalid(&c->fields[k]);
				missing += kp_afas_sync_field_bsn_missing(c, &c->fields[k]);
			}
			if (any_bsn)
				snprintf(bsn, sizeof bsn,
					 _("%lu valid, %lu fail the elfproef, %lu missing"), valid,
					 invalid, missing);
			snprintf(rows, sizeof rows, "%lu", c->rows);
			snprintf(empty, sizeof empty, "%zu", n_empty);
			if (n_empty || invalid || missing || c->rows == 0)
				st = KP_ST_WARN;
			{
				const char *row[] = {c->id, rows, empty, bsn};
				kp_table_add_row(t, st, row);
			}
			if (n_empty)
				kp_form_text(f, 0, _("%s: always empty: %s"), c->id, names);
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct kp_afas_sync_conn *c = &s->c[i];
		if (c->code != KP_OK)
			kp_form_text(f, 0, "%s %s: %s%s%s", kp_status_mark(KP_ST_FAIL, app->utf8),
				     c->id, c->msg, c->hint[0] ? " " : "", c->hint);
	}
	kp_form_text(f, 0, _("%lu rows in %.1f s (%.0f rows/s), %lu requests."), s->total_rows,
		     s->seconds, s->seconds > 0 ? (double)s->total_rows / s->seconds : 0.0,
		     s->requests);
	failures = kp_afas_sync_failures(s);
	if (failures)
		kp_form_set_notice(f, KP_ST_FAIL,
				   _("Some connectors could not be read; see their message. Fix "
				     "it, then run the sync again (F5)."));
	else
		kp_form_set_notice(
		    f, KP_ST_OK,
		    _("Every connector could be read. Empty fields and BSNs failing the elfproef "
		      "are worth checking in AFAS. Press Enter to continue."));
}

static enum kp_next sync_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);

	(void)f;
	(void)err;
	if (!ctx || !ctx->sync || ctx->sync->n == 0)
		return KP_RUN_TASK;
	kp_app_step_result(app, kp_step_afas_sync.title, kp_afas_sync_failures(ctx->sync) != 0);
	return KP_NEXT;
}

static enum kp_err sync_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	struct kp_afas_conn conn = {0};
	struct kp_afas_sync *s = NULL;
	enum kp_err rc;

	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	rc = kp_afas_ensure_zip(app, ctx, err);
	if (rc)
		return rc;
	rc = kp_afas_ctx_connect(app, ctx, &conn, err);
	if (rc)
		goto out;
	s = calloc(1, sizeof *s);
	if (!s) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	rc = kp_afas_sync_prepare(s, &ctx->zip, err);
	if (rc)
		goto out;
	rc = kp_afas_sync_run(&conn, s, p, err);
	if (rc == KP_OK) {
		if (ctx->sync) {
			kp_afas_sync_free(ctx->sync);
			free(ctx->sync);
		}
		ctx->sync = s;
		s = NULL;
	}
out:
	if (s) {
		kp_afas_sync_free(s);
		free(s);
	}
	kp_afas_conn_free(&conn);
	return rc;
}

const struct kp_step kp_step_afas_sync = {
    .id = "afas-sync",
    .title = N_("AFAS: test sync"),
    .help = N_("Reads all rows of every connector the way Benefits-Plaza does (pages of 500, "
	       "at most 5 requests at a time, as AFAS advises) and reports counts only. Fields "
	       "that are always empty may point at a missing AFAS setting; BSN-like fields are "
	       "checked with the elfproef. Esc cancels, F5 runs it again."),
    .enter = sync_enter,
    .submit = sync_submit,
    .task = sync_task,
    .task_label = N_("Test sync"),
};
