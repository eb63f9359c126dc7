/* worker.c — a step's task on its own thread. The UI thread poll()s
 * pipe_fd[0]; the worker writes a byte there on progress and when done. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"
#include "koppel/wizard.h"
#include "koppel/worker.h"

static void poke(struct kp_worker *w)
{
	char b = 1;
	/* Non-blocking: a full pipe already means "something changed". */
	ssize_t r = write(w->pipe_fd[1], &b, 1);
	(void)r;
}

static void on_progress(void *ctx, unsigned long done, unsigned long total, const char *label)
{
	struct kp_worker *w = ctx;
	pthread_mutex_lock(&w->lock);
	w->done = done;
	w->total = total;
	if (label)
		snprintf(w->label, sizeof w->label, "%s", label);
	pthread_mutex_unlock(&w->lock);
	poke(w);
}

static void *run(void *arg)
{
	struct kp_worker *w = arg;
	struct kp_error err = {0};
	enum kp_err rc = kp_wizard_run_task_sync(w->app, w->step, &w->progress, &err);
	pthread_mutex_lock(&w->lock);
	w->result = rc;
	w->err = err;
	w->finished = 1;
	pthread_mutex_unlock(&w->lock);
	poke(w);
	return NULL;
}

enum kp_err kp_worker_start(struct kp_worker *w, struct kp_app *app, const struct kp_step *step,
			    struct kp_error *err)
{
	memset(w, 0, sizeof *w);
	if (pipe2(w->pipe_fd, O_CLOEXEC | O_NONBLOCK) != 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, _("Cannot start the task: %s"),
				    strerror(errno));
	pthread_mutex_init(&w->lock, NULL);
	w->app = app;
	w->step = step;
	atomic_store(&app->cancel, 0);
	w->progress.update = on_progress;
	w->progress.ctx = w;
	w->progress.cancel = &app->cancel;
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		close(w->pipe_fd[0]);
		close(w->pipe_fd[1]);
		pthread_mutex_destroy(&w->lock);
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, "%s", _("Cannot start the task."));
	}
	return KP_OK;
}

int kp_worker_poll(struct kp_worker *w, unsigned long *done, unsigned long *total, char *label,
		   size_t label_len)
{
	char buf[64];
	while (read(w->pipe_fd[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&w->lock);
	if (done)
		*done = w->done;
	if (total)
		*total = w->total;
	if (label && label_len)
		snprintf(label, label_len, "%s", w->label);
	int fin = w->finished;
	pthread_mutex_unlock(&w->lock);
	return fin;
}

void kp_worker_cancel(struct kp_worker *w)
{
	atomic_store(&w->app->cancel, 1);
}

enum kp_err kp_worker_join(struct kp_worker *w, struct kp_error *err)
{
	pthread_join(w->thread, NULL);
	close(w->pipe_fd[0]);
	close(w->pipe_fd[1]);
	pthread_mutex_destroy(&w->lock);
	if (err && w->result != KP_OK)
		*err = w->err;
	return w->result;
}
