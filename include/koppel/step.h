/* step.h — one wizard step: data plus a few functions (tmux's window_mode
 * manner). Each file in screens/ ends with
 *     const struct kp_step kp_step_xxx = { .id = "xxx", ... };
 * Steps never call curses and never print: they fill a form and read it.
 *
 * Life cycle, driven by wizard.c:
 *   enter(app, form)          build the widgets (also after the task ran)
 *   frontend: user edits      Enter = submit, Esc = back, F5 = run task again
 *   submit(app, form, err)    validate; store what passed; say what comes next
 *   task(app, progress, err)  slow work (HTTP, keyring, ZIP) on a worker thread
 *                             when submit returned KP_RUN_TASK (or on F5, or on
 *                             entering when .task_on_enter); results go in app,
 *                             then enter() runs again to show them. */
#ifndef KOPPEL_STEP_H
#define KOPPEL_STEP_H

#include "koppel/error.h"
#include "koppel/form.h"
#include "koppel/progress.h"

struct kp_app;

enum kp_next {
	KP_NEXT,      /* go to the next step of the flow */
	KP_STAY,      /* stay; err is shown with the form */
	KP_BACK,      /* previous step */
	KP_GOTO,      /* to the step whose id is in form->goto_id */
	KP_RUN_TASK,  /* run .task, then enter() again */
	KP_FINISH,    /* the flow is done (exit 0) */
	KP_ABORT,     /* stop the wizard (exit 1), state kept */
};

struct kp_step {
	const char *id;        /* stable, stored in the state file */
	const char *title;     /* N_("...") */
	const char *help;      /* N_("...") shown on F1 / "?" */
	void (*enter)(struct kp_app *app, struct kp_form *form);
	enum kp_next (*submit)(struct kp_app *app, struct kp_form *form, struct kp_error *err);
	enum kp_err (*task)(struct kp_app *app, const struct kp_progress *progress,
			    struct kp_error *err);
	const char *task_label; /* N_("Checking the token") shown with the progress */
	int task_on_enter;      /* run the task when the step is entered */
	int task_countdown;     /* the progress is a countdown its label spells out
				 * ("4:59 left"): no counts or rate beside it */
	/* Esc inside a step with screens of its own (a way chosen, then its
	 * fields): return 1 after going back to the step's first screen, 0 to
	 * go to the previous step. NULL = always the previous step. */
	int (*back)(struct kp_app *app);
};

/* A flow: an ordered list of steps (screens/flow.c). */
struct kp_flow {
	const char *id;        /* "start", "afas", "loket", "doctor" */
	const struct kp_step *const *steps;
	size_t n;
};

/* What the wizard needs to know about the flows; screens/flow.c provides
 * one (kp_flows), handed down by the cli so the core never calls up. */
struct kp_flow_table {
	const struct kp_flow *(*get)(const char *id); /* NULL when unknown */
	const char *start;                            /* first flow's id */
	const struct kp_step *resume;                 /* offered after an interruption */
};

#endif
