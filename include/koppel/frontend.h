/* frontend.h — what the wizard needs from a user interface. Two exist:
 * src/tui (curses) and src/plain (numbered prompts, line by line); tests
 * add a fake one. The same steps run unchanged on each. */
#ifndef KOPPEL_FRONTEND_H
#define KOPPEL_FRONTEND_H

#include <stddef.h>
#include "koppel/step.h"

struct kp_app;

enum kp_action {
	KP_ACT_SUBMIT, /* Enter on the last field / "next" */
	KP_ACT_BACK,   /* Esc */
	KP_ACT_QUIT,   /* F10 / Ctrl-Q, confirmed; or end of input */
	KP_ACT_RERUN,  /* F5: run the step's task again */
	KP_ACT_INTERRUPT, /* Ctrl-C, SIGHUP, SIGTERM: save and leave at once */
};

struct kp_frontend {
	void *priv;
	/* Show the step (index of count) with form, its error and notice; let
	 * the user edit until they submit, go back or quit. */
	enum kp_action (*interact)(void *priv, struct kp_app *app, const struct kp_step *step,
				   size_t index, size_t count, struct kp_form *form);
	/* Run step->task off the UI thread with progress; Esc cancels. */
	enum kp_err (*run_task)(void *priv, struct kp_app *app, const struct kp_step *step,
				struct kp_error *err);
	/* Yes/no question (quit with unsaved input, resume). 1 = yes. */
	int (*confirm)(void *priv, struct kp_app *app, const char *question);
};

#endif
