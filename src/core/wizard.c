/* wizard.c — runs a flow of steps through a frontend. The position is
 * saved in the state file on every step change, so Ctrl-C, SIGHUP or a
 * crash leave a file from which the next start offers to resume. */
#include <stdio.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/wizard.h"

enum kp_err kp_wizard_run_task_sync(struct kp_app *app, const struct kp_step *step,
				    const struct kp_progress *progress, struct kp_error *err)
{
	if (!step->task)
		return KP_OK;
	return step->task(app, progress, err);
}

static const struct kp_step *current(const struct kp_app *app, const struct kp_flow_table *ft,
				     const struct kp_flow **flow_out)
{
	const struct kp_flow *flow = ft->get(app->flow_id);
	*flow_out = flow;
	if (!flow || app->step_index >= flow->n)
		return NULL;
	return flow->steps[app->step_index];
}

/* Before a path is chosen, count the steps of the path chosen last time
 * (or the first path), so "step 1 of N" does not change its N after step 2. */
static size_t shown_count(const struct kp_app *app, const struct kp_flow_table *ft,
			  const struct kp_flow *flow)
{
	if (strcmp(flow->id, ft->start) != 0)
		return flow->n;
	const char *path = kp_state_get_str(&app->state, "wizard.path");
	const struct kp_flow *f = ft->get(path ? path : "afas");
	return f && f->n > flow->n ? f->n : flow->n;
}

void kp_wizard_save_position(struct kp_app *app)
{
	kp_state_set_str(&app->state, "wizard.flow", app->flow_id);
	kp_state_set_int(&app->state, "wizard.index", (long)app->step_index);
	if (app->state.path[0]) {
		struct kp_error err = {0};
		/* Best effort: losing the position must not stop the wizard. */
		kp_state_save(&app->state, &err);
	}
}

static void save_step(struct kp_app *app, const struct kp_step *step)
{
	kp_state_set_str(&app->state, "wizard.step", step->id);
	kp_state_set_bool(&app->state, "wizard.finished", 0);
	kp_wizard_save_position(app);
}

/* Find where an interrupted run stopped; 1 when there is something to resume. */
static int find_resume(struct kp_app *app, const struct kp_flow_table *ft)
{
	const char *fid = kp_state_get_str(&app->state, "wizard.flow");
	const char *sid = kp_state_get_str(&app->state, "wizard.step");
	if (!fid || !sid || kp_state_get_bool(&app->state, "wizard.finished", 0))
		return 0;
	const struct kp_flow *flow = ft->get(fid);
	if (!flow)
		return 0;
	for (size_t i = 0; i < flow->n; i++) {
		if (strcmp(flow->steps[i]->id, sid) == 0) {
			if (i == 0)
				return 0; /* stopped on the welcome screen: nothing to offer */
			app->resume_flow = flow->id;
			app->resume_index = i;
			app->resume_title = flow->steps[i]->title;
			return 1;
		}
	}
	return 0;
}

static void show_task_result(struct kp_form *form, enum kp_err rc, const struct kp_error *err)
{
	if (rc == KP_OK)
		return;
	/* a task that knows a better way back than F5 says so in its hint */
	if (rc == KP_ERR_CANCELLED && !err->hint[0])
		kp_form_set_error(form, _("Cancelled."), _("F5 tries again."));
	else
		kp_form_set_error(form, err->msg, err->hint);
}

static void reenter(struct kp_app *app, const struct kp_step *step, struct kp_form *form)
{
	kp_form_clear(form);
	if (step->enter)
		step->enter(app, form);
}

/* Run one step (or the resume screen) until it says where to go. */
static enum kp_next run_step(struct kp_app *app, const struct kp_frontend *fe,
			     const struct kp_step *step, size_t index, size_t count,
			     struct kp_form *form, int *interrupted)
{
	struct kp_error err = {0};
	enum kp_err rc;
	kp_form_clear(form);
	if (step->enter)
		step->enter(app, form);
	if (step->task && step->task_on_enter) {
		rc = fe->run_task(fe->priv, app, step, &err);
		reenter(app, step, form);
		show_task_result(form, rc, &err);
	}
	for (;;) {
		enum kp_action act = fe->interact(fe->priv, app, step, index, count, form);
		switch (act) {
		case KP_ACT_INTERRUPT:
			*interrupted = 1;
			return KP_ABORT;
		case KP_ACT_QUIT:
			return KP_ABORT;
		case KP_ACT_BACK:
			if (step->back && step->back(app)) {
				kp_error_clear(&err);
				reenter(app, step, form);
				continue;
			}
			return KP_BACK;
		case KP_ACT_RERUN:
			if (!step->task)
				continue;
			kp_error_clear(&err);
			rc = fe->run_task(fe->priv, app, step, &err);
			reenter(app, step, form);
			show_task_result(form, rc, &err);
			continue;
		case KP_ACT_SUBMIT:
			break;
		}
		kp_error_clear(&err);
		kp_form_set_error(form, NULL, NULL);
		enum kp_next next = step->submit ? step->submit(app, form, &err) : KP_NEXT;
		if (next == KP_STAY) {
			kp_form_set_error(form, err.msg[0] ? err.msg : _("Please check your input."),
					  err.hint);
			continue;
		}
		if (next == KP_RUN_TASK) {
			kp_error_clear(&err);
			rc = fe->run_task(fe->priv, app, step, &err);
			reenter(app, step, form);
			show_task_result(form, rc, &err);
			continue;
		}
		return next;
	}
}

int kp_wizard_run(struct kp_app *app, const struct kp_frontend *fe,
		  const struct kp_flow_table *ft)
{
	struct kp_form form;
	int interrupted = 0, code = 1;
	kp_form_init(&form);

	app->flow_id = ft->start;
	app->step_index = 0;
	if (ft->resume && find_resume(app, ft)) {
		/* The resume step sets flow_id/step_index: resume or start over. */
		enum kp_next n = run_step(app, fe, ft->resume, 0, 1, &form, &interrupted);
		if (n == KP_ABORT)
			goto out;
	}

	for (;;) {
		const struct kp_flow *flow;
		const struct kp_step *step = current(app, ft, &flow);
		if (!step) {
			code = app->checks_failed ? 1 : 0;
			kp_state_set_bool(&app->state, "wizard.finished", 1);
			kp_wizard_save_position(app);
			goto out;
		}
		save_step(app, step);
		enum kp_next n = run_step(app, fe, step, app->step_index, shown_count(app, ft, flow),
					  &form, &interrupted);
		switch (n) {
		case KP_NEXT:
			/* A step may have switched the flow (choose path): continue
			 * after it in the new flow, where it stands at the same place. */
			app->step_index++;
			break;
		case KP_BACK:
			if (app->step_index > 0)
				app->step_index--;
			break;
		case KP_GOTO: {
			const struct kp_flow *f = ft->get(app->flow_id);
			for (size_t i = 0; f && i < f->n; i++)
				if (strcmp(f->steps[i]->id, form.goto_id) == 0)
					app->step_index = i;
			break;
		}
		case KP_FINISH:
			code = app->checks_failed ? 1 : 0;
			kp_state_set_bool(&app->state, "wizard.finished", 1);
			kp_wizard_save_position(app);
			goto out;
		case KP_ABORT:
		default:
			code = 1;
			kp_wizard_save_position(app);
			goto out;
		case KP_STAY:
		case KP_RUN_TASK:
			break; /* handled inside run_step */
		}
	}
out:
	(void)interrupted;
	kp_form_clear(&form);
	return code;
}
