/* afas_assign.c — AFAS step 4: are the ZIP's GetConnectors assigned to the
 * App Connector, and does AFAS have the same fields as the ZIP? A ✓/!/✗
 * table with the remedy per connector; Enter (or F5) checks again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afas_common.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

/* below: its title names it in the summary when it fails */
extern const struct kp_step kp_step_afas_assign;

static enum kp_status mark(enum kp_afas_assign_state s)
{
	switch (s) {
	case KP_ASSIGN_OK:
		return KP_ST_OK;
	case KP_ASSIGN_OUTDATED:
		return KP_ST_WARN;
	default:
		return KP_ST_FAIL;
	}
}

static void assign_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	size_t problems;

	if (!ctx)
		return;
	kp_form_text(
	    f, 0, "%s",
	    _("Each GetConnector from the ZIP must be assigned to the App Connector. koppel "
	      "asks AFAS which connectors this token may use and compares their fields with "
	      "the ZIP."));
	if (!ctx->assign_done)
		return;
	{
		const char *hdr[] = {_("Connector"), _("Status")};
		struct kp_widget *t = kp_form_table(f, "assign", 2, hdr);
		for (size_t i = 0; t && i < ctx->n_assign; i++) {
			const char *row[] = {ctx->assign[i].id, ctx->assign[i].msg};
			kp_table_add_row(t, mark(ctx->assign[i].state), row);
		}
	}
	problems = kp_afas_assign_problems(ctx->assign, ctx->n_assign);
	if (problems == 0) {
		kp_form_set_notice(
		    f, KP_ST_OK,
		    _("Every connector is assigned and up to date. Press Enter to continue."));
		return;
	}
	kp_form_text(f, 0, "%s",
		     _("To assign a connector: in AFAS open General → Management → App Connector, "
		       "choose the App Connector, tab GetConnectors → New, and add it. An outdated "
		       "connector: import its .gcn again (General → Output → Management → "
		       "GetConnector → Import)."));
	{
		const char *ids[] = {"recheck", "continue"};
		const char *labels[] = {_("Check again (after fixing it in AFAS)"),
					_("Continue anyway (the test sync will fail for these)")};
		kp_form_choice(f, "next", _("What now?"), ids, labels, 2, 0);
	}
}

static enum kp_next assign_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *next = kp_form_value(f, "next");

	(void)err;
	if (!ctx || !ctx->assign_done)
		return KP_RUN_TASK;
	if (kp_afas_assign_problems(ctx->assign, ctx->n_assign) == 0) {
		kp_app_step_result(app, kp_step_afas_assign.title, 0);
		return KP_NEXT;
	}
	if (next && strcmp(next, "continue") == 0) {
		kp_app_step_result(app, kp_step_afas_assign.title, 1);
		return KP_NEXT;
	}
	return KP_RUN_TASK;
}

static enum kp_err assign_task(struct kp_app *app, const struct kp_progress *p,
			       struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	struct kp_afas_conn conn = {0};
	struct kp_afas_assign *a = NULL;
	enum kp_err rc;

	(void)p;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	rc = kp_afas_ensure_zip(app, ctx, err);
	if (rc)
		return rc;
	rc = kp_afas_ctx_connect(app, ctx, &conn, err);
	if (rc)
		goto out;
	/* Fresh /metainfo: the person may just have assigned a connector. */
	rc = kp_afas_ctx_reload_meta(ctx, &conn, err);
	if (rc)
		goto out;
	rc = kp_afas_assign_check(&conn, &ctx->meta, &ctx->zip, &a, err);
	if (rc)
		goto out;
	free(ctx->assign);
	ctx->assign = a;
	ctx->n_assign = ctx->zip.n;
	ctx->assign_done = 1;
out:
	kp_afas_conn_free(&conn);
	return rc;
}

const struct kp_step kp_step_afas_assign = {
    .id = "afas-assign",
    .title = N_("AFAS: connectors assigned"),
    .help = N_("AFAS only gives an App Connector the GetConnectors assigned to it. ✓ means "
	       "assigned with the same fields as the ZIP; ! means assigned but with other fields "
	       "(an older import); ✗ means not assigned or not readable. Fix it in AFAS, then "
	       "check again (Enter or F5)."),
    .enter = assign_enter,
    .submit = assign_submit,
    .task = assign_task,
    .task_label = N_("Asking AFAS which connectors are assigned"),
    .task_on_enter = 1,
};
