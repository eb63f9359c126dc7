/* tui.c — the curses frontend: opening and restoring the terminal, signals,
 * and the event loop of one step (interact). Drawing lives in tui_draw.c,
 * the widgets in tui_widgets.c, tasks in tui_task.c, dialogs in
 * tui_dialog.c, keys in tui_keys.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "tui.h"
#include "tui_priv.h"

/* A signal handler can reach nothing but globals: the write end of the
 * self-pipe, the signal that arrived, the resize flag (and the handlers
 * they replaced, to put back). With the at-exit flag further down, these
 * are the frontend's only globals; everything else lives in struct tui. */
static volatile sig_atomic_t tui_sig_caught;
static volatile sig_atomic_t tui_winch;
static volatile int tui_sig_fd = -1;
static struct sigaction tui_old_winch;

static const int tui_signals[] = {SIGHUP, SIGTERM, SIGINT};
#define N_SIGNALS (sizeof tui_signals / sizeof tui_signals[0])
static struct sigaction tui_old_actions[N_SIGNALS];

/* Async-signal-safe: set a flag and wake poll() through the pipe. */
static void on_signal(int sig)
{
	int saved = errno;
	char c = 's';

	tui_sig_caught = sig;
	if (tui_sig_fd >= 0 && write(tui_sig_fd, &c, 1) < 0) {
		/* the pipe is full: poll() wakes up anyway */
	}
	errno = saved;
}

/* SIGWINCH: our own handler rather than ncurses' one, because a resize
 * that lands between two poll() calls must still wake the next poll(). */
static void on_winch(int sig)
{
	int saved = errno;
	char c = 'w';

	(void)sig;
	tui_winch = 1;
	if (tui_sig_fd >= 0 && write(tui_sig_fd, &c, 1) < 0) {
		/* the pipe is full: poll() wakes up anyway */
	}
	errno = saved;
}

int tui_take_resize(struct tui *t)
{
	struct winsize ws;

	if (!tui_winch)
		return 0;
	tui_winch = 0;
	if (ioctl(t->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

int tui_signalled(struct tui *t)
{
	char buf[64];

	while (t->sig_pipe[0] >= 0 && read(t->sig_pipe[0], buf, sizeof buf) > 0)
		;
	return tui_sig_caught != 0 || t->pending_interrupt;
}

int tui_wait(struct tui *t, int fd2, int timeout_ms)
{
	struct pollfd p[3];
	int n = 2, r;

	if (tui_signalled(t))
		return 3;
	if (tui_winch)
		return 1; /* a resize is waiting: read it as a key */
	p[0].fd = t->in_fd;
	p[0].events = POLLIN;
	p[1].fd = t->sig_pipe[0];
	p[1].events = POLLIN;
	if (fd2 >= 0) {
		p[2].fd = fd2;
		p[2].events = POLLIN;
		n = 3;
	}
	r = poll(p, (nfds_t)n, timeout_ms);
	if (r < 0) {
		if (tui_signalled(t))
			return 3;
		return tui_winch ? 1 : 0;
	}
	if (r == 0)
		return 0;
	if (p[1].revents) {
		if (tui_signalled(t))
			return 3;
		return tui_winch ? 1 : 0;
	}
	if ((p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) && !(p[0].revents & POLLIN)) {
		t->pending_interrupt = 1; /* the terminal went away */
		return 3;
	}
	if (p[0].revents & POLLIN)
		return 1;
	if (n == 3 && p[2].revents)
		return 2;
	return 0;
}

/* ---- one step ---- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Scroll the body by n rows. */
static void scroll_by(struct tui *t, int n)
{
	int *s = t->help ? &t->help_scroll : &t->scroll;

	*s += n;
	if (*s > t->body_lines - t->body_rows)
		*s = t->body_lines - t->body_rows;
	if (*s < 0)
		*s = 0;
}

static int page(struct tui *t) { return t->body_rows > 2 ? t->body_rows - 1 : 1; }

/* 1 when the focused widget takes typed characters. */
static int typing_focus(struct tui *t)
{
	struct kp_form *f = t->form;
	enum kp_widget_kind k;

	if (!f || f->focus < 0 || (size_t)f->focus >= f->n)
		return 0;
	k = f->w[f->focus].kind;
	return k == KP_W_INPUT || k == KP_W_SECRET || k == KP_W_PATH;
}

/* Keys while the help page is open. Returns an action or -1. */
static int help_key(struct tui *t, const struct tui_key *k)
{
	switch (k->cmd) {
	case TUI_CMD_ESC:
	case TUI_CMD_HELP:
	case TUI_CMD_ENTER:
		t->help = 0;
		break;
	case TUI_CMD_CHAR:
		if (k->ch == 'q')
			t->help = 0;
		break;
	case TUI_CMD_UP:
		scroll_by(t, -1);
		break;
	case TUI_CMD_DOWN:
		scroll_by(t, 1);
		break;
	case TUI_CMD_PGUP:
		scroll_by(t, -page(t));
		break;
	case TUI_CMD_PGDN:
	case TUI_CMD_SPACE:
		scroll_by(t, page(t));
		break;
	default:
		break;
	}
	return -1;
}

/* Quit: ask first when something on this step was changed. */
static int quit(struct tui *t)
{
	if (t->form && t->form->edited &&
	    !tui_dialog_confirm(t, t->app,
				_("Quit koppel? What you changed on this step is not saved.")))
		return -1;
	return KP_ACT_QUIT;
}

/* One key in the step. Returns a kp_action or -1 to go on. */
static int step_key(struct tui *t, struct tui_key *k)
{
	/* keys that work everywhere, even in a too small window */
	switch (k->cmd) {
	case TUI_CMD_INTERRUPT:
		return KP_ACT_INTERRUPT;
	case TUI_CMD_QUIT:
		return quit(t);
	case TUI_CMD_REDRAW:
		clearok(curscr, TRUE);
		return -1;
	case TUI_CMD_RESIZE:
		t->keep_focus_visible = 1;
		return -1;
	default:
		break;
	}
	if (!tui_draw_big_enough())
		return -1;
	if (k->cmd == TUI_CMD_LANG) {
		tui_lang_switch(t);
		return -1;
	}
	if (t->help)
		return help_key(t, k);
	t->flash[0] = '\0';
	if (k->cmd == TUI_CMD_HELP && k->ch == '?' && typing_focus(t))
		k->cmd = TUI_CMD_CHAR;
	if (tui_widgets_key(t, k))
		return -1;
	switch (k->cmd) {
	case TUI_CMD_ENTER:
		/* Enter continues from any field, as the footer says; the
		 * step's submit names what is still missing. Tab moves. */
		return KP_ACT_SUBMIT;
	case TUI_CMD_ESC:
		return KP_ACT_BACK;
	case TUI_CMD_TAB:
		if (!tui_widgets_move_focus(t, 1) && t->form && t->form->focus >= 0) {
			/* wrap around to the first field */
			int f = t->form->focus;
			while (tui_widgets_move_focus(t, -1))
				;
			if (t->form->focus == f)
				t->keep_focus_visible = 1;
		}
		return -1;
	case TUI_CMD_BTAB:
		if (!tui_widgets_move_focus(t, -1) && t->form && t->form->focus >= 0)
			while (tui_widgets_move_focus(t, 1))
				;
		return -1;
	case TUI_CMD_UP:
		scroll_by(t, -1);
		return -1;
	case TUI_CMD_DOWN:
		scroll_by(t, 1);
		return -1;
	case TUI_CMD_PGUP:
		scroll_by(t, -page(t));
		return -1;
	case TUI_CMD_PGDN:
		scroll_by(t, page(t));
		return -1;
	case TUI_CMD_HOME:
		t->scroll = 0;
		return -1;
	case TUI_CMD_END:
		scroll_by(t, t->body_lines);
		return -1;
	case TUI_CMD_HELP:
		t->help = 1;
		t->help_scroll = 0;
		return -1;
	case TUI_CMD_COPY:
		tui_widgets_copy(t);
		return -1;
	case TUI_CMD_REVEAL:
		snprintf(t->flash, sizeof t->flash, "%s",
			 _("F3 shows or hides a secret field; this is not one."));
		t->flash_status = KP_ST_INFO;
		return -1;
	case TUI_CMD_RERUN:
		if (t->step && t->step->task)
			return KP_ACT_RERUN;
		snprintf(t->flash, sizeof t->flash, "%s", _("This step has nothing to run again."));
		t->flash_status = KP_ST_INFO;
		return -1;
	default:
		return -1;
	}
}

static enum kp_action interact(void *priv, struct kp_app *app, const struct kp_step *step,
			       size_t index, size_t count, struct kp_form *form)
{
	struct tui *t = priv;
	struct tui_key k;
	int act = -1, r = 0, idle = 0;
	long long last_draw;

	(void)app;
	if (step != t->step || index != t->index || form != t->form) {
		t->scroll = 0;
		t->help = 0;
		t->focus_seen = -2;
		tui_widgets_drop_cands(t);
	}
	t->step = step;
	t->index = index;
	t->count = count;
	t->form = form;
	t->flash[0] = '\0';
	tui_widgets_fix_focus(t);
	/* back from a submit that failed, the step has put the focus on the
	 * field to fix: scroll it into view beside the message */
	t->keep_focus_visible = 1;
	last_draw = 0;
	for (;;) {
		int got = 0;
		while (act < 0 && tui_keys_read(t, &k)) {
			got = 1;
			act = step_key(t, &k);
		}
		if (act < 0 && tui_signalled(t))
			act = KP_ACT_INTERRUPT;
		if (act >= 0)
			break;
		/* readable but never a key: the terminal is gone */
		idle = (r == 1 && !got) ? idle + 1 : 0;
		if (idle > 100) {
			act = KP_ACT_INTERRUPT;
			break;
		}
		/* a paste arrives in many small reads: take what follows within a
		 * few milliseconds before drawing, but draw at least every 100 ms */
		if (got && now_ms() - last_draw < 100) {
			r = tui_wait(t, -1, 5);
			if (r == 1)
				continue;
			if (r == 3) {
				act = KP_ACT_INTERRUPT;
				break;
			}
		}
		tui_draw(t);
		last_draw = now_ms();
		r = tui_wait(t, -1, -1);
		if (r == 3) {
			act = KP_ACT_INTERRUPT;
			break;
		}
	}
	if (act == KP_ACT_INTERRUPT)
		t->pending_interrupt = 1;
	t->help = 0;
	return (enum kp_action)act;
}

/* ---- open and close ---- */

/* Keys as xterm, tmux and the Linux console send them, for when TERM's
 * description lacks them (TERM=vt100 has no F10): an unknown sequence would
 * otherwise read as Esc, which means "back". */
static void define_fallback_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} keys[] = {
	    {"\033OP", KEY_F(1)},    {"\033OQ", KEY_F(2)},    {"\033OR", KEY_F(3)},
	    {"\033OS", KEY_F(4)},    {"\033[11~", KEY_F(1)},  {"\033[12~", KEY_F(2)},
	    {"\033[13~", KEY_F(3)},  {"\033[14~", KEY_F(4)},  {"\033[[A", KEY_F(1)},
	    {"\033[[B", KEY_F(2)},   {"\033[[C", KEY_F(3)},   {"\033[[E", KEY_F(5)},
	    {"\033[15~", KEY_F(5)},  {"\033[17~", KEY_F(6)},  {"\033[18~", KEY_F(7)},
	    {"\033[19~", KEY_F(8)},  {"\033[20~", KEY_F(9)},  {"\033[21~", KEY_F(10)},
	    {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)}, {"\033[A", KEY_UP},
	    {"\033[B", KEY_DOWN},    {"\033[C", KEY_RIGHT},   {"\033[D", KEY_LEFT},
	    {"\033OA", KEY_UP},	     {"\033OB", KEY_DOWN},    {"\033OC", KEY_RIGHT},
	    {"\033OD", KEY_LEFT},    {"\033[1~", KEY_HOME},   {"\033[4~", KEY_END},
	    {"\033[H", KEY_HOME},    {"\033[F", KEY_END},     {"\033OH", KEY_HOME},
	    {"\033OF", KEY_END},     {"\033[7~", KEY_HOME},   {"\033[8~", KEY_END},
	    {"\033[2~", KEY_IC},     {"\033[3~", KEY_DC},     {"\033[5~", KEY_PPAGE},
	    {"\033[6~", KEY_NPAGE},  {"\033[Z", KEY_BTAB},
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].code);
}

/* Whatever path leaves the process (a step calling exit(), a library
 * giving up), the terminal gets its modes back. The flag is global for the
 * same reason as the signal ones: atexit handlers take no argument. */
static int tui_screen_active;

#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"

static void paste_mode(int on)
{
	const char *s = on ? PASTE_ON : PASTE_OFF;
	ssize_t w = write(STDOUT_FILENO, s, strlen(s));
	(void)w;
}

static void restore_at_exit(void)
{
	if (tui_screen_active && isendwin() == FALSE) {
		paste_mode(0);
		endwin();
	}
}

static void restore_signals(void)
{
	size_t i;

	for (i = 0; i < N_SIGNALS; i++)
		sigaction(tui_signals[i], &tui_old_actions[i], NULL);
	sigaction(SIGWINCH, &tui_old_winch, NULL);
	tui_sig_fd = -1;
}

enum kp_err kp_tui_open(struct kp_app *app, struct kp_frontend *fe, struct kp_error *err)
{
	struct tui *t;
	struct sigaction sa;
	size_t i;
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return kp_error_set(err, KP_ERR_USAGE,
				    _("Run koppel in a terminal, or use --plain."), "%s",
				    _("The full-screen interface needs a terminal."));
	/* a terminal that cannot move the cursor (Emacs shell, some CI logs):
	 * the line interface serves better than a garbled screen */
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Set TERM to your terminal's type (for example xterm-256color), or use "
		      "--plain."),
		    "%s",
		    _("This terminal cannot show the full screen (TERM is dumb or not set)."));
	t = calloc(1, sizeof *t);
	if (!t)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	t->app = app;
	t->in_fd = STDIN_FILENO;
	t->out_fd = STDOUT_FILENO;
	t->focus_seen = -2;
	t->cand_idx = -1;
	t->cand_widget = -1;
	if (pipe2(t->sig_pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		free(t);
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, "%s",
				    _("Could not set up signal handling."));
	}
	/* our handlers first: ncurses then leaves SIGINT/SIGTERM/SIGWINCH to us */
	tui_sig_caught = 0;
	tui_sig_fd = t->sig_pipe[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < N_SIGNALS; i++)
		sigaction(tui_signals[i], &sa, &tui_old_actions[i]);
	tui_winch = 0;
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, &tui_old_winch);

	t->scr = newterm(term && term[0] ? term : NULL, stdout, stdin);
	if (!t->scr) {
		restore_signals();
		close(t->sig_pipe[0]);
		close(t->sig_pipe[1]);
		free(t);
		return kp_error_set(err, KP_ERR_USAGE,
				    _("Set TERM to your terminal's type (for example "
				      "xterm-256color), or use --plain."),
				    _("This terminal type (TERM=%s) is not known."),
				    term ? term : "");
	}
	set_term(t->scr);
	t->is_open = 1;
	tui_screen_active = 1;
	{
		static int registered; /* atexit() once per process */
		if (!registered && atexit(restore_at_exit) == 0)
			registered = 1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	define_fallback_keys();
	paste_mode(1);
	if (!app->no_color && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(TUI_PAIR_PROD, COLOR_WHITE, COLOR_RED);
		init_pair(TUI_PAIR_SAFE, COLOR_BLACK, COLOR_YELLOW);
		init_pair(TUI_PAIR_OK, COLOR_GREEN, -1);
		init_pair(TUI_PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(TUI_PAIR_FAIL, COLOR_RED, -1);
		init_pair(TUI_PAIR_KEY, COLOR_BLACK, COLOR_CYAN);
		t->color = 1;
	}
	fe->priv = t;
	fe->interact = interact;
	fe->run_task = tui_task_run;
	fe->confirm = tui_dialog_confirm;
	return KP_OK;
}

void kp_tui_close(struct kp_frontend *fe)
{
	struct tui *t = fe ? fe->priv : NULL;

	if (!t)
		return;
	if (t->is_open) {
		curs_set(1);
		paste_mode(0);
		endwin();
		delscreen(t->scr);
		t->is_open = 0;
		tui_screen_active = 0;
	}
	restore_signals();
	close(t->sig_pipe[0]);
	close(t->sig_pipe[1]);
	tui_widgets_drop_cands(t);
	free(t);
	fe->priv = NULL;
}
