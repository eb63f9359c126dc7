/* plain.c — the line frontend: each step as numbered prompts, one line at a
 * time, no cursor movement, so screen readers, pipes and ticket pastes all
 * work. Special answers at any prompt: "<" back, "?" help, "q" quit,
 * "!nl" / "!en" switch language, "!r" run the step's check again. */
#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include "koppel/worker.h"
#include "plain.h"

struct plain {
	FILE *in, *out;
	struct kp_app *app;
};

enum answer { ANS_VALUE, ANS_BACK, ANS_QUIT, ANS_HELP, ANS_RERUN, ANS_LANG };

/* The steps' texts name the TUI's keys; here the same things are answers
 * typed at a prompt, so each key name is said as its answer. One table, so
 * the TUI's wording stays the only wording. */
static const char *plain_answer_for_key(const char *word, size_t len)
{
	static const struct {
		const char *key, *answer;
	} keys[] = {{"Esc", "<"}, {"F1", "?"}, {"F5", "!r"}, {"F10", "q"}};
	if (len == 2 && strncmp(word, "F2", 2) == 0)
		return strcmp(kp_i18n_language(), "nl") == 0 ? "!en" : "!nl";
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i].key) == len && strncmp(word, keys[i].key, len) == 0)
			return keys[i].answer;
	return NULL;
}

/* Write one word; with keys, a key name in it ("(Esc)", "F1,") is said as
 * its answer. */
static size_t put_word(FILE *out, const char *w, size_t wl, int keys)
{
	size_t lead = strspn(w, "(\"");
	size_t core = lead;
	while (core < wl && isalnum((unsigned char)w[core]))
		core++;
	const char *answer = keys ? plain_answer_for_key(w + lead, core - lead) : NULL;
	if (!answer) {
		fwrite(w, 1, wl, out);
		return wl;
	}
	fwrite(w, 1, lead, out);
	fputs(answer, out);
	fwrite(w + core, 1, wl - core, out);
	return wl - (core - lead) + strlen(answer);
}

/* Wrap text at 78 columns (by bytes of words; good enough for a line UI,
 * and screen readers do not care). keys: say key names as answers — for
 * the steps' own texts, not for options that may carry names from AFAS or
 * Loket.nl (an employer called "F1 Racing B.V." stays as it is). */
static void wrap_ex(FILE *out, const char *indent, const char *text, int keys)
{
	const size_t width = 78;
	size_t col = 0;
	const char *p = text;
	int space = 0; /* a space owed before the next word on this line */
	int hang = kp_form_list_marker(p); /* a list item's continuation indent */
	fputs(indent, out);
	col = strlen(indent);
	while (*p) {
		if (*p == '\n') {
			fputc('\n', out);
			fputs(indent, out);
			col = strlen(indent);
			space = 0;
			p++;
			hang = kp_form_list_marker(p);
			continue;
		}
		if (*p == ' ') {
			space = 1;
			p++;
			continue;
		}
		size_t wl = strcspn(p, " \n");
		if (col + space + wl > width && col > strlen(indent) + (size_t)hang) {
			/* no trailing blank: pasted into a ticket, lines stay clean */
			fputc('\n', out);
			fputs(indent, out);
			fprintf(out, "%*s", hang, "");
			col = strlen(indent) + (size_t)hang;
			space = 0;
		}
		if (space) {
			fputc(' ', out);
			col++;
			space = 0;
		}
		col += put_word(out, p, wl, keys);
		p += wl;
	}
	fputc('\n', out);
}

static void wrap(FILE *out, const char *indent, const char *text)
{
	wrap_ex(out, indent, text, 1);
}

/* "   3) [x] label", wrapped: a long label goes on under itself, not at
 * the left margin (a terminal would break it mid-word at 80 columns). */
static void option_line(FILE *o, size_t i, const char *box, const char *label)
{
	char *line = NULL;
	if (asprintf(&line, "%zu) %s%s", i + 1, box ? box : "", label) < 0) {
		fprintf(o, "   %zu) %s%s\n", i + 1, box ? box : "", label);
		return;
	}
	wrap_ex(o, "   ", line, 0);
	free(line);
}

/* Read one line; NULL on end of input. Echo off for secrets on a tty. */
static char *read_line(struct plain *pl, int secret)
{
	struct termios old, quiet;
	int tty = secret && isatty(fileno(pl->in)) && tcgetattr(fileno(pl->in), &old) == 0;
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(pl->in), TCSAFLUSH, &quiet);
	}
	fflush(pl->out);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, pl->in);
	if (tty) {
		tcsetattr(fileno(pl->in), TCSAFLUSH, &old);
		fputc('\n', pl->out);
	}
	if (n < 0) {
		if (line) {
			kp_wipe(line, cap);
			free(line);
		}
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static enum answer classify(const char *line)
{
	if (strcmp(line, "<") == 0)
		return ANS_BACK;
	if (strcmp(line, "q") == 0)
		return ANS_QUIT;
	if (strcmp(line, "?") == 0)
		return ANS_HELP;
	if (strcmp(line, "!r") == 0)
		return ANS_RERUN;
	if (strcmp(line, "!nl") == 0 || strcmp(line, "!en") == 0)
		return ANS_LANG;
	return ANS_VALUE;
}

static void print_table(struct plain *pl, const struct kp_widget *w)
{
	int utf8 = pl->app->utf8;
	fprintf(pl->out, "     ");
	for (size_t c = 0; c < w->n_cols; c++)
		fprintf(pl->out, "%s%s", c ? " | " : "", w->headers[c]);
	fputc('\n', pl->out);
	for (size_t r = 0; r < w->n_rows; r++) {
		fprintf(pl->out, "  %-2s ", kp_status_mark(w->row_status[r], utf8));
		for (size_t c = 0; c < w->n_cols; c++)
			fprintf(pl->out, "%s%s", c ? " | " : "", w->cells[r * w->n_cols + c]);
		fputc('\n', pl->out);
	}
}

static void print_step(struct plain *pl, const struct kp_step *step, size_t index, size_t count,
		       struct kp_form *form)
{
	FILE *o = pl->out;
	fprintf(o, "\n== koppel [%s] — ", _(kp_app_banner(pl->app)));
	const char *fmt = _("step %zu of %zu");
	if (fmt)
		fprintf(o, fmt, index + 1, count);
	fprintf(o, ": %s ==\n", _(step->title));
	for (size_t i = 0; i < form->n; i++) {
		const struct kp_widget *w = &form->w[i];
		if (w->kind == KP_W_TEXT)
			wrap(o, "", w->text ? w->text : "");
		else if (w->kind == KP_W_TABLE)
			print_table(pl, w);
	}
	if (form->notice[0])
		fprintf(o, "%s %s\n", kp_status_mark(form->notice_status, pl->app->utf8), form->notice);
	if (form->error[0]) {
		fprintf(o, "%s %s\n", kp_status_mark(KP_ST_FAIL, pl->app->utf8), form->error);
		if (form->hint[0])
			wrap(o, "   ", form->hint);
	}
}

/* Ask one widget; returns what the user typed besides a value. */
static enum answer ask(struct plain *pl, size_t step_no, size_t q_no, struct kp_widget *w,
		       struct kp_form *form)
{
	FILE *o = pl->out;
	for (;;) {
		char *line = NULL;
		switch (w->kind) {
		case KP_W_SECRET:
			if ((w->flags & KP_WF_COPYABLE) && w->value && *w->value) {
				/* A secret to show, not to ask: hidden until asked for. */
				fprintf(o, "%zu.%zu %s: %s ", step_no, q_no, w->label ? w->label : "",
					_("(hidden; type \"show\" to display it, Enter to go on)"));
				line = read_line(pl, 0);
				if (!line)
					return ANS_QUIT;
				if (strcmp(line, "show") == 0 || strcmp(line, "toon") == 0) {
					fprintf(o, "   %s\n", w->value);
					free(line);
					return ANS_VALUE;
				}
				enum answer sa = classify(line);
				free(line);
				return sa == ANS_VALUE ? ANS_VALUE : sa;
			}
			/* fall through */
		case KP_W_INPUT:
		case KP_W_PATH:
			if (w->text)
				wrap(o, "   ", w->text);
			if (w->kind == KP_W_PATH && w->n_suggestions) {
				fprintf(o, "   %s\n", _("Suggestions:"));
				for (size_t i = 0; i < w->n_suggestions; i++)
					fprintf(o, "     %s\n", w->suggestions[i]);
			}
			if (w->kind == KP_W_SECRET || !w->value || !*w->value)
				fprintf(o, "%zu.%zu %s: ", step_no, q_no, w->label ? w->label : "");
			else
				fprintf(o, "%zu.%zu %s [%s]: ", step_no, q_no, w->label ? w->label : "",
					w->value);
			line = read_line(pl, w->kind == KP_W_SECRET);
			if (!line)
				return ANS_QUIT;
			break;
		case KP_W_CHOICE:
			fprintf(o, "%zu.%zu %s\n", step_no, q_no, w->label ? w->label : "");
			for (size_t i = 0; i < w->n_options; i++)
				option_line(o, i, NULL, w->option_labels[i]);
			fprintf(o, _("   Choose 1-%zu [%d]: "), w->n_options, w->selected + 1);
			line = read_line(pl, 0);
			if (!line)
				return ANS_QUIT;
			break;
		case KP_W_CHECKLIST:
			fprintf(o, "%zu.%zu %s\n", step_no, q_no, w->label ? w->label : "");
			for (size_t i = 0; i < w->n_options; i++)
				option_line(o, i, w->checked[i] ? "[x] " : "[ ] ", w->option_labels[i]);
			fprintf(o, "%s",
				_("   Numbers of the items that are done (e.g. 1 3), \"all\", or Enter "
				  "to keep: "));
			line = read_line(pl, 0);
			if (!line)
				return ANS_QUIT;
			break;
		default:
			return ANS_VALUE;
		}
		enum answer a = classify(line);
		if (a == ANS_HELP || a == ANS_BACK || a == ANS_QUIT || a == ANS_RERUN || a == ANS_LANG) {
			if (a == ANS_LANG)
				kp_i18n_set_language(line + 1);
			free(line);
			return a;
		}
		int ok = 1;
		if (w->kind == KP_W_CHOICE) {
			if (*line) {
				char *end;
				long v = strtol(line, &end, 10);
				if (*end || v < 1 || (size_t)v > w->n_options)
					ok = 0;
				else
					w->selected = (int)v - 1;
			}
		} else if (w->kind == KP_W_CHECKLIST) {
			if (strcmp(line, "all") == 0 || strcmp(line, "alles") == 0) {
				for (size_t i = 0; i < w->n_options; i++)
					w->checked[i] = 1;
			} else if (*line) {
				for (size_t i = 0; i < w->n_options; i++)
					w->checked[i] = 0;
				char *save = NULL;
				for (char *tok = strtok_r(line, " ,", &save); tok;
				     tok = strtok_r(NULL, " ,", &save)) {
					long v = strtol(tok, NULL, 10);
					if (v < 1 || (size_t)v > w->n_options)
						ok = 0;
					else
						w->checked[v - 1] = 1;
				}
			}
		} else if (*line || w->kind == KP_W_SECRET) {
			if (*line || !w->value || !*w->value) {
				kp_form_set_value(form, w->id, line);
				form->edited = 1;
			}
		}
		kp_wipe(line, strlen(line));
		free(line);
		if (ok)
			return ANS_VALUE;
		fprintf(o, "%s\n", _("   That is not one of the choices; try again."));
	}
}

enum after { AFTER_RETURN, AFTER_REDRAW, AFTER_ASK_AGAIN };

/* What a special answer ("<", "q", "!r", "?", "!nl") does, the same at a
 * question and at the closing prompt. */
static enum after handle(struct plain *pl, struct kp_app *app, const struct kp_step *step,
			 struct kp_form *form, enum answer a, enum kp_action *act)
{
	switch (a) {
	case ANS_BACK:
		*act = KP_ACT_BACK;
		return AFTER_RETURN;
	case ANS_QUIT:
		*act = KP_ACT_QUIT;
		return AFTER_RETURN;
	case ANS_RERUN:
		*act = KP_ACT_RERUN;
		return AFTER_RETURN;
	case ANS_LANG:
		/* The step's texts are rebuilt in the new language. */
		kp_form_clear(form);
		if (step->enter)
			step->enter(app, form);
		return AFTER_REDRAW;
	case ANS_HELP:
	case ANS_VALUE:
	default:
		if (step->help)
			wrap(pl->out, "   ", _(step->help));
		return AFTER_ASK_AGAIN;
	}
}

static enum kp_action plain_interact(void *priv, struct kp_app *app, const struct kp_step *step,
				     size_t index, size_t count, struct kp_form *form)
{
	struct plain *pl = priv;
	pl->app = app;
redraw:
	print_step(pl, step, index, count, form);
	size_t q = 0;
	enum kp_action act;
	for (size_t i = 0; i < form->n; i++) {
		struct kp_widget *w = &form->w[i];
		if (w->kind == KP_W_TEXT || w->kind == KP_W_TABLE)
			continue;
		q++;
		enum answer a = ask(pl, index + 1, q, w, form);
		if (a == ANS_VALUE)
			continue;
		switch (handle(pl, app, step, form, a, &act)) {
		case AFTER_RETURN:
			return act;
		case AFTER_REDRAW:
			goto redraw;
		case AFTER_ASK_AGAIN:
			i--; /* the same question again */
			q--;
			continue;
		}
	}
	/* Nothing (more) to ask: confirm moving on. */
	for (;;) {
		fprintf(pl->out, "%s", _("[Enter] next, [<] back, [?] help, [q] quit: "));
		char *line = read_line(pl, 0);
		if (!line)
			return KP_ACT_QUIT;
		enum answer a = classify(line);
		int empty = line[0] == '\0';
		if (a == ANS_LANG)
			kp_i18n_set_language(line + 1);
		free(line);
		if (a == ANS_VALUE) {
			if (empty)
				return KP_ACT_SUBMIT;
			fprintf(pl->out, "%s\n", _("   Press Enter to go on."));
			continue;
		}
		switch (handle(pl, app, step, form, a, &act)) {
		case AFTER_RETURN:
			return act;
		case AFTER_REDRAW:
			goto redraw;
		case AFTER_ASK_AGAIN:
			continue;
		}
	}
}

static enum kp_err plain_run_task(void *priv, struct kp_app *app, const struct kp_step *step,
				  struct kp_error *err)
{
	struct plain *pl = priv;
	struct kp_worker w;
	enum kp_err rc = kp_worker_start(&w, app, step, err);
	if (rc != KP_OK)
		return rc;
	fprintf(pl->out, "%s …\n", _(step->task_label ? step->task_label : N_("Working")));
	/* At a terminal a typed "<" (or "q") cancels, like Esc in the TUI. From a
	 * pipe nothing is read here: those lines are the answers to come. */
	int keys = isatty(fileno(pl->in)), hinted = 0;
	fflush(pl->out);
	unsigned long last_done = (unsigned long)-1;
	int cancelling = 0;
	time_t last_line = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p[2] = {{w.pipe_fd[0], POLLIN, 0}, {fileno(pl->in), POLLIN, 0}};
		int ready = poll(p, keys ? 2 : 1, 250);
		struct timespec tn;
		clock_gettime(CLOCK_MONOTONIC, &tn);
		long ms = (tn.tv_sec - t0.tv_sec) * 1000 + (tn.tv_nsec - t0.tv_nsec) / 1000000;
		/* how to cancel, once it takes a while (a quick check needs no line) */
		if (keys && !hinted && ms >= 700) {
			fprintf(pl->out, "  %s\n", _("(type < and Enter to cancel)"));
			fflush(pl->out);
			hinted = 1;
		}
		if (ready > 0 && keys && (p[1].revents & (POLLIN | POLLHUP))) {
			char *line = read_line(pl, 0);
			enum answer a = ANS_QUIT;
			if (line)
				a = classify(line);
			else
				keys = 0; /* end of input: nothing more to read */
			free(line);
			if ((a == ANS_BACK || a == ANS_QUIT) && !cancelling) {
				kp_worker_cancel(&w);
				cancelling = 1;
				fprintf(pl->out, "  %s\n", _("Cancelling …"));
				fflush(pl->out);
			}
		}
		unsigned long done, total;
		char label[256];
		int fin = kp_worker_poll(&w, &done, &total, label, sizeof label);
		if (fin)
			break;
		/* a countdown: a line every 30 s is plenty for a screen reader */
		if (step->task_countdown && done != last_done && last_done != (unsigned long)-1 &&
		    done < last_done + 30 && done < total)
			continue;
		/* One line a second at most: readable, and fine in a ticket. */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!step->task_countdown && now.tv_sec == last_line)
			continue;
		if (done != last_done && (done || total)) {
			last_line = now.tv_sec;
			if (step->task_countdown)
				fprintf(pl->out, "  %s\n", label);
			else if (total)
				fprintf(pl->out, "  %lu / %lu %s\n", done, total, label);
			else
				fprintf(pl->out, "  %lu %s\n", done, label);
			fflush(pl->out);
			last_done = done;
		}
	}
	return kp_worker_join(&w, err);
}

static int plain_confirm(void *priv, struct kp_app *app, const char *question)
{
	struct plain *pl = priv;
	(void)app;
	fprintf(pl->out, "%s %s ", question, _("(y/n)"));
	char *line = read_line(pl, 0);
	int yes = line && (line[0] == 'y' || line[0] == 'j' || line[0] == 'Y' || line[0] == 'J');
	free(line);
	return yes;
}

void kp_plain_open(struct kp_app *app, struct kp_frontend *fe, FILE *in, FILE *out)
{
	struct plain *pl = calloc(1, sizeof *pl);
	if (pl) {
		pl->in = in;
		pl->out = out;
		pl->app = app;
	}
	fe->priv = pl;
	fe->interact = plain_interact;
	fe->run_task = plain_run_task;
	fe->confirm = plain_confirm;
}

void kp_plain_close(struct kp_frontend *fe)
{
	free(fe->priv);
	fe->priv = NULL;
}
