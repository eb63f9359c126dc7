/* tui_task.c — run a step's task on a worker thread with a progress bar.
 * The UI thread polls the terminal, the signal pipe and the worker's pipe
 * together, so keys and resizes stay live; Esc asks the task to stop. */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/worker.h"
#include "tui_priv.h"
#include "tui_text.h"

struct progress_view {
	const struct kp_step *step;
	unsigned long done, total;
	const char *label;
	double elapsed;
	int cancelling;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The bar: filled part for done/total, or a moving block when the total is
 * not known yet. */
static void draw_bar(struct tui *t, int y, int x, int width, const struct progress_view *v)
{
	const char *full = t->app->utf8 ? "█" : "#", *empty = t->app->utf8 ? "░" : "-";
	int i, filled = 0, block_at = -1;
	char pct[16] = "";

	if (v->total > 0) {
		unsigned long d = v->done > v->total ? v->total : v->done;
		filled = (int)((double)d / (double)v->total * width);
		snprintf(pct, sizeof pct, " %3d%%", (int)((double)d * 100.0 / (double)v->total));
	} else {
		int span = width > 6 ? width - 6 : 1;
		int pos = (int)(v->elapsed * 20.0) % (2 * span);
		block_at = pos < span ? pos : 2 * span - pos;
	}
	wmove(stdscr, y, x);
	for (i = 0; i < width; i++) {
		int on = v->total > 0 ? i < filled : (i >= block_at && i < block_at + 6);
		wattrset(stdscr, on ? A_BOLD : A_NORMAL);
		waddstr(stdscr, on ? full : empty);
	}
	wattrset(stdscr, A_BOLD);
	waddstr(stdscr, pct);
	wattrset(stdscr, A_NORMAL);
}

static void draw_progress(struct tui *t, const struct progress_view *v)
{
	const char *keys[3], *what[3];
	const char *title = v->step->task_label ? _(v->step->task_label) : _("Working…");
	char line[256];
	int y = TUI_BODY_TOP + 1, bar_w;

	if (!tui_draw_big_enough()) {
		tui_draw_too_small(t);
		return;
	}
	curs_set(0);
	werase(stdscr);
	tui_draw_header(t, _(v->step->title), t->step == v->step ? t->index : t->app->step_index,
			t->count);
	wattrset(stdscr, A_BOLD);
	tui_draw_str(stdscr, y, 2, COLS - 4, title, strlen(title));
	wattrset(stdscr, A_NORMAL);
	y += 2;
	bar_w = COLS - 4 - 6;
	draw_bar(t, y, 2, bar_w, v);
	y += 2;
	if (!v->step->task_countdown) { /* a countdown's label says it all */
		if (v->total > 0)
			snprintf(line, sizeof line, _("%lu of %lu"), v->done, v->total);
		else
			snprintf(line, sizeof line, _("%lu done"), v->done);
		if (v->elapsed >= 0.5 && v->done > 0) {
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, "   %.0f/s",
				 (double)v->done / v->elapsed);
		}
		{
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, "   %.0f s", v->elapsed);
		}
		tui_draw_str(stdscr, y, 2, COLS - 4, line, strlen(line));
		y += 2;
	}
	if (v->label && v->label[0])
		tui_draw_str(stdscr, y, 2, COLS - 4, v->label, strlen(v->label));
	if (t->form && t->form->show_during_task && y + 2 < LINES - 3) {
		/* what the person needs while we wait (the address to open) */
		int rows = LINES - 3 - (y + 2), width = COLS - 2;
		WINDOW *pad = newpad(rows, width);
		if (pad) {
			int focus = t->form->focus;
			t->form->focus = -1; /* nothing to edit while waiting */
			t->in_task = 1;
			tui_widgets_layout(t, pad, width, 0, rows);
			t->in_task = 0;
			t->form->focus = focus;
			wnoutrefresh(stdscr);
			pnoutrefresh(pad, 0, 0, y + 2, 1, y + 1 + rows, width);
			delwin(pad);
		}
	}
	if (v->cancelling || t->flash[0]) {
		const char *c = v->cancelling
				    ? _("Cancelling: waiting for the current request to stop…")
				    : t->flash;
		wattrset(stdscr, A_BOLD);
		tui_draw_str(stdscr, LINES - 3, 1, COLS - 2, c, strlen(c));
		wattrset(stdscr, A_NORMAL);
	}
	int n = 0;
	keys[n] = "Esc";
	what[n++] = _("cancels");
	/* the address shown while waiting can be copied whole, as before */
	if (t->form && t->form->show_during_task && tui_widgets_can_copy(t)) {
		keys[n] = "^Y";
		what[n++] = _("copy");
	}
	keys[n] = "Ctrl-C";
	what[n++] = _("stop koppel");
	tui_draw_keys(t, LINES - 1, keys, what, n);
	wnoutrefresh(stdscr);
	doupdate();
}

enum kp_err tui_task_run(void *priv, struct kp_app *app, const struct kp_step *step,
			 struct kp_error *err)
{
	struct tui *t = priv;
	struct kp_worker w;
	struct progress_view v;
	struct tui_key k;
	char label[256] = "";
	double start;
	int finished = 0, r;
	enum kp_err rc;

	if (tui_signalled(t))
		return kp_error_set(err, KP_ERR_CANCELLED, NULL, "%s", _("Stopped."));
	memset(&w, 0, sizeof w);
	rc = kp_worker_start(&w, app, step, err);
	if (rc != KP_OK)
		return rc;
	memset(&v, 0, sizeof v);
	t->flash[0] = '\0'; /* only what is said during this task */
	v.step = step;
	v.label = label;
	start = now();
	while (!finished) {
		v.elapsed = now() - start;
		draw_progress(t, &v);
		r = tui_wait(t, w.pipe_fd[0], 100);
		if (r == 3) {
			struct pollfd pw = {w.pipe_fd[0], POLLIN, 0};
			t->pending_interrupt = 1;
			if (!v.cancelling)
				kp_worker_cancel(&w);
			v.cancelling = 1;
			/* a signal stays pending (tui_wait returns at once from now
			 * on): wait for the worker alone instead of spinning */
			poll(&pw, 1, 100);
		}
		while (tui_keys_read(t, &k)) {
			switch (k.cmd) {
			case TUI_CMD_INTERRUPT:
				t->pending_interrupt = 1;
				/* fall through */
			case TUI_CMD_ESC:
			case TUI_CMD_QUIT:
				if (!v.cancelling)
					kp_worker_cancel(&w);
				v.cancelling = 1;
				break;
			case TUI_CMD_REDRAW:
				clearok(curscr, TRUE);
				break;
			case TUI_CMD_COPY:
				if (t->form && t->form->show_during_task)
					tui_widgets_copy(t);
				break;
			default:
				break;
			}
		}
		finished = kp_worker_poll(&w, &v.done, &v.total, label, sizeof label);
	}
	rc = kp_worker_join(&w, err);
	return rc;
}
