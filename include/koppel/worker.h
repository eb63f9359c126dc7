/* worker.h — run a step's task on a thread while the UI thread stays free.
 * Progress is published under a mutex and signalled through a pipe, so a
 * frontend can poll() the terminal and the pipe together. */
#ifndef KOPPEL_WORKER_H
#define KOPPEL_WORKER_H

#include <pthread.h>
#include "koppel/error.h"
#include "koppel/progress.h"

struct kp_app;
struct kp_step;

struct kp_worker {
	pthread_t thread;
	int pipe_fd[2];          /* [0] readable when progress changed or done */
	pthread_mutex_t lock;
	unsigned long done, total;
	char label[256];
	int finished;
	enum kp_err result;
	struct kp_error err;
	struct kp_app *app;
	const struct kp_step *step;
	struct kp_progress progress;
};

/* Start step->task(app, ...) on a new thread. app->cancel is reset first. */
enum kp_err kp_worker_start(struct kp_worker *w, struct kp_app *app, const struct kp_step *step,
			    struct kp_error *err);
/* Drain the pipe and copy the current progress; returns 1 once finished. */
int kp_worker_poll(struct kp_worker *w, unsigned long *done, unsigned long *total,
		   char *label, size_t label_len);
/* Ask the task to stop (sets app->cancel). */
void kp_worker_cancel(struct kp_worker *w);
/* Join; returns the task's result and copies its error. */
enum kp_err kp_worker_join(struct kp_worker *w, struct kp_error *err);

#endif
