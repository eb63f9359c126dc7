/* wizard.h — drives a flow of steps through a frontend, keeps the position
 * in the state file so an interrupted run can resume. */
#ifndef KOPPEL_WIZARD_H
#define KOPPEL_WIZARD_H

#include "koppel/frontend.h"

struct kp_app;

/* Run the wizard from the saved position (offering resume) or the start.
 * Returns the process exit code: 0 finished, 1 aborted or a check failed. */
int kp_wizard_run(struct kp_app *app, const struct kp_frontend *fe,
		  const struct kp_flow_table *flows);

/* Run one step's task synchronously on the calling thread (for frontends'
 * worker threads and for tests). */
enum kp_err kp_wizard_run_task_sync(struct kp_app *app, const struct kp_step *step,
				    const struct kp_progress *progress, struct kp_error *err);

/* Save the wizard position (flow and step id) into app->state and write it. */
void kp_wizard_save_position(struct kp_app *app);

#endif
