/* tui_draw.c — the screen's layout: header with the environment banner,
 * the body (a pad, scrolled), messages above the footer, the footer keys,
 * the help page and the "window too small" notice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "tui_priv.h"
#include "tui_text.h"

#define MAX_MSG_LINES 6

int tui_draw_str(WINDOW *win, int y, int x, int width, const char *s, size_t len)
{
	size_t fit;

	if (width <= 0 || !s)
		return 0;
	fit = tui_text_fit(s, len, width);
	if (win && MB_CUR_MAX == 1) {
		/* not a UTF-8 locale: curses would print our UTF-8 as ~F~R */
		char ascii[1024];
		size_t n = tui_text_ascii(s, fit, ascii, sizeof ascii);
		mvwaddnstr(win, y, x, ascii, (int)n);
	} else if (win) {
		mvwaddnstr(win, y, x, s, (int)fit);
	}
	return tui_text_width(s, fit);
}

int tui_draw_big_enough(void) { return COLS >= TUI_MIN_COLS && LINES >= TUI_MIN_LINES; }

attr_t tui_draw_status_attr(struct tui *t, enum kp_status st)
{
	attr_t a = A_BOLD;

	if (!t->color)
		return st == KP_ST_INFO || st == KP_ST_NONE ? A_NORMAL : a;
	switch (st) {
	case KP_ST_OK:
		return a | COLOR_PAIR(TUI_PAIR_OK);
	case KP_ST_WARN:
		return a | COLOR_PAIR(TUI_PAIR_WARN);
	case KP_ST_FAIL:
		return a | COLOR_PAIR(TUI_PAIR_FAIL);
	default:
		return A_NORMAL;
	}
}

/* Replace "×" by "x" where the terminal cannot show it. */
static void ascii_times(char *s)
{
	char *p;

	while ((p = strstr(s, "×")) != NULL) {
		*p = 'x';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
}

struct wrap_put {
	WINDOW *win;
	int y, x, width, max;
	int centre;
	attr_t attr;
};

static void put_line(void *ctx, const char *line, size_t len)
{
	struct wrap_put *w = ctx;
	int x = w->x;

	if (w->max >= 0 && w->y >= w->max)
		return;
	if (w->win) {
		if (w->centre) {
			int lw = tui_text_width(line, len);
			if (lw < w->width)
				x += (w->width - lw) / 2;
		}
		wattrset(w->win, w->attr);
		tui_draw_str(w->win, w->y, x, w->width - (x - w->x), line, len);
	}
	w->y++;
}

void tui_draw_too_small(struct tui *t)
{
	char msg[256];
	struct wrap_put wp = {stdscr, 0, 0, COLS, LINES, 1, A_BOLD};
	int lines;

	snprintf(msg, sizeof msg, _("window too small: %d×%d, needs %d×%d"), COLS, LINES,
		 TUI_MIN_COLS, TUI_MIN_LINES);
	if (!t->app->utf8)
		ascii_times(msg);
	curs_set(0);
	werase(stdscr);
	lines = tui_text_wrap(msg, COLS, NULL, NULL);
	wp.y = (LINES - lines) / 2;
	if (wp.y < 0)
		wp.y = 0;
	tui_text_wrap(msg, COLS, put_line, &wp);
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
}

void tui_draw_header(struct tui *t, const char *title, size_t index, size_t count)
{
	const char *banner = kp_app_banner(t->app);
	char step[64], word[64];
	attr_t bar = A_REVERSE;
	int x, w;

	if (t->color)
		bar = COLOR_PAIR(strcmp(banner, "PRODUCTION") == 0 ? TUI_PAIR_PROD : TUI_PAIR_SAFE);
	/* the bar */
	wattrset(stdscr, bar);
	mvwhline(stdscr, 0, 0, ' ', COLS);
	wattrset(stdscr, bar | A_BOLD);
	mvwaddstr(stdscr, 0, 1, "koppel");
	/* the environment, in the middle and impossible to miss */
	/* in the reader's language: PRODUCTIE, ACCEPTATIE (SANDBOX, TEST stay) */
	snprintf(word, sizeof word, " %s %s %s ", t->app->utf8 ? "■" : "*", _(banner),
		 t->app->utf8 ? "■" : "*");
	w = tui_text_width(word, strlen(word));
	x = (COLS - w) / 2;
	tui_draw_str(stdscr, 0, x, w, word, strlen(word));
	wattrset(stdscr, bar);
	if (count > 1) { /* a lone screen (resume) is no "step 1 of 1" */
		snprintf(step, sizeof step, _("step %zu of %zu"), index + 1, count);
		w = tui_text_width(step, strlen(step));
		tui_draw_str(stdscr, 0, COLS - 1 - w, w, step, strlen(step));
	}
	/* the step's title */
	wattrset(stdscr, A_BOLD);
	wmove(stdscr, 1, 0);
	wclrtoeol(stdscr);
	if (title)
		tui_draw_str(stdscr, 1, 1, COLS - 2, title, strlen(title));
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, 2, 0);
	wclrtoeol(stdscr);
}

void tui_draw_keys(struct tui *t, int y, const char **keys, const char **what, int n)
{
	attr_t key_attr = t->color ? COLOR_PAIR(TUI_PAIR_KEY) | A_BOLD : A_REVERSE;
	int x = 1, i, kw, ww;

	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	for (i = 0; i < n; i++) {
		kw = tui_text_width(keys[i], strlen(keys[i]));
		ww = tui_text_width(what[i], strlen(what[i]));
		if (x + kw + 1 + ww > COLS - 1)
			continue; /* leave it out; a shorter one further on may fit */
		wattrset(stdscr, key_attr);
		tui_draw_str(stdscr, y, x, kw, keys[i], strlen(keys[i]));
		wattrset(stdscr, A_NORMAL);
		tui_draw_str(stdscr, y, x + kw + 1, ww, what[i], strlen(what[i]));
		x += kw + 1 + ww + 2;
	}
}

WINDOW *tui_draw_box(struct tui *t, int width, int height, const char *title)
{
	WINDOW *win;
	int y, x;

	if (width > COLS - 2)
		width = COLS - 2;
	if (height > LINES - 2)
		height = LINES - 2;
	y = (LINES - height) / 2;
	x = (COLS - width) / 2;
	win = newwin(height, width, y, x);
	if (!win)
		return NULL;
	werase(win);
	/* drawn with characters, not the alternate character set, so that it
	 * looks the same everywhere (and in tmux's capture-pane) */
	{
		int utf8 = t->app->utf8, i;
		const char *h = utf8 ? "─" : "-", *v = utf8 ? "│" : "|";
		wattrset(win, A_NORMAL);
		mvwaddstr(win, 0, 0, utf8 ? "┌" : "+");
		for (i = 1; i < width - 1; i++)
			waddstr(win, h);
		waddstr(win, utf8 ? "┐" : "+");
		for (i = 1; i < height - 1; i++) {
			mvwaddstr(win, i, 0, v);
			mvwaddstr(win, i, width - 1, v);
		}
		mvwaddstr(win, height - 1, 0, utf8 ? "└" : "+");
		for (i = 1; i < width - 1; i++)
			waddstr(win, h);
		/* the bottom-right corner: waddstr there would scroll; insert it */
		wmove(win, height - 1, width - 1);
		winsstr(win, utf8 ? "┘" : "+");
	}
	if (title) {
		wattrset(win, A_BOLD);
		mvwaddstr(win, 0, 2, " ");
		tui_draw_str(win, 0, 3, width - 6, title, strlen(title));
		waddstr(win, " ");
		wattrset(win, A_NORMAL);
	}
	return win;
}

/* Message lines above the footer: error (✗ + message, then the hint),
 * the step's notice and the flash, each with its mark, never by colour
 * alone. */
struct msg_line {
	char text[600];
	const char *mark; /* on the first line of a message, else NULL */
	int indent;	  /* columns before the text */
	attr_t mark_attr, text_attr;
};

struct msg_collect {
	struct msg_line *lines;
	int n, max;
	const char *mark;
	int indent;
	attr_t mark_attr, text_attr;
	int first;
};

static void collect_line(void *ctx, const char *line, size_t len)
{
	struct msg_collect *c = ctx;
	struct msg_line *l;

	if (c->n >= c->max)
		return;
	l = &c->lines[c->n++];
	snprintf(l->text, sizeof l->text, "%.*s", (int)len, line);
	l->mark = c->first ? c->mark : NULL;
	l->indent = c->indent;
	l->mark_attr = c->mark_attr;
	l->text_attr = c->text_attr;
	c->first = 0;
}

static void collect(struct msg_collect *c, const char *mark, attr_t mark_attr, const char *text,
		    attr_t text_attr)
{
	int mw = mark ? tui_text_width(mark, strlen(mark)) + 1 : 2;

	if (!text || !text[0])
		return;
	c->mark = mark;
	c->indent = mw;
	c->mark_attr = mark_attr;
	c->text_attr = text_attr;
	c->first = 1;
	tui_text_wrap(text, COLS - 2 - mw, collect_line, c);
}

/* Gather the message lines for the current form; returns how many. */
static int messages(struct tui *t, struct msg_line *lines, int max)
{
	struct msg_collect c = {lines, 0, max, NULL, 0, 0, 0, 0};
	struct kp_form *f = t->form;
	int utf8 = t->app->utf8;

	if (f && f->error[0]) {
		collect(&c, kp_status_mark(KP_ST_FAIL, utf8), tui_draw_status_attr(t, KP_ST_FAIL),
			f->error, A_BOLD);
		collect(&c, NULL, 0, f->hint, A_NORMAL);
	} else if (f && f->hint[0]) {
		collect(&c, kp_status_mark(KP_ST_INFO, utf8), A_NORMAL, f->hint, A_NORMAL);
	}
	if (f && f->notice[0])
		collect(&c, kp_status_mark(f->notice_status ? f->notice_status : KP_ST_INFO, utf8),
			tui_draw_status_attr(t, f->notice_status), f->notice, A_NORMAL);
	if (t->flash[0])
		collect(&c, kp_status_mark(t->flash_status ? t->flash_status : KP_ST_INFO, utf8),
			tui_draw_status_attr(t, t->flash_status), t->flash, A_NORMAL);
	return c.n;
}

/* The help page: the step's help, then every key. */
static int help_layout(struct tui *t, WINDOW *pad, int width)
{
	struct wrap_put wp = {pad, 0, 0, width, -1, 0, A_NORMAL};
	size_t i, n = tui_keys_count();
	const char *key, *what;

	wp.attr = A_BOLD;
	put_line(&wp, _("Help"), strlen(_("Help")));
	wp.y++;
	wp.attr = A_NORMAL;
	if (t->step && t->step->help && t->step->help[0])
		tui_text_wrap(_(t->step->help), width, put_line, &wp);
	else
		tui_text_wrap(_("This step has no further help."), width, put_line, &wp);
	wp.y++;
	wp.attr = A_BOLD;
	put_line(&wp, _("Keys"), strlen(_("Keys")));
	for (i = 0; i < n; i++) {
		struct wrap_put kp = {pad, wp.y, 20, width - 20, -1, 0, A_NORMAL};
		tui_keys_entry(i, &key, &what);
		if (pad) {
			wattrset(pad, A_BOLD);
			tui_draw_str(pad, wp.y, 2, 17, key, strlen(key));
		}
		tui_text_wrap(what, width - 20, put_line, &kp);
		wp.y = kp.y;
	}
	if (pad)
		wattrset(pad, A_NORMAL);
	return wp.y;
}

/* Clamp a scroll offset to [0, lines - rows]. */
static int clamp_scroll(int scroll, int lines, int rows)
{
	if (scroll > lines - rows)
		scroll = lines - rows;
	if (scroll < 0)
		scroll = 0;
	return scroll;
}

void tui_draw(struct tui *t)
{
	struct msg_line lines[MAX_MSG_LINES];
	const char *keys[12], *what[12];
	int n_msg, i, rows, top = TUI_BODY_TOP, width = COLS - 2, body_lines, n;
	int msg_top, *scroll;
	WINDOW *pad;
	const char *other;

	if (!tui_draw_big_enough()) {
		tui_draw_too_small(t);
		return;
	}
	werase(stdscr);
	tui_draw_header(t, t->step ? _(t->step->title) : "", t->index, t->count);

	n_msg = t->help ? 0 : messages(t, lines, MAX_MSG_LINES);
	/* rows: footer (LINES-1), context keys (LINES-2), messages above them
	 * with one blank row between body and messages */
	msg_top = LINES - 2 - n_msg;
	rows = msg_top - top - (n_msg ? 1 : 0);

	if (t->help) {
		body_lines = help_layout(t, NULL, width);
		scroll = &t->help_scroll;
	} else {
		body_lines = tui_widgets_layout(t, NULL, width, 0, 0);
		scroll = &t->scroll;
	}
	t->body_lines = body_lines;
	t->body_rows = rows;
	if (!t->help && t->keep_focus_visible && t->fr.row >= 0) {
		/* show the focused widget whole when it fits, and always the
		 * row with the cursor or the highlighted option */
		if (t->fr.y1 - t->scroll > rows)
			t->scroll = t->fr.y1 - rows;
		if (t->fr.y0 < t->scroll)
			t->scroll = t->fr.y0;
		if (t->fr.row >= t->scroll + rows)
			t->scroll = t->fr.row - rows + 1;
		if (t->fr.row < t->scroll)
			t->scroll = t->fr.row;
		t->keep_focus_visible = 0;
	}
	*scroll = clamp_scroll(*scroll, body_lines, rows);

	/* messages */
	for (i = 0; i < n_msg; i++) {
		int y = msg_top + i, x = 1;
		if (lines[i].mark) {
			wattrset(stdscr, lines[i].mark_attr);
			tui_draw_str(stdscr, y, x, COLS - 2, lines[i].mark, strlen(lines[i].mark));
		}
		wattrset(stdscr, lines[i].text_attr);
		tui_draw_str(stdscr, y, x + lines[i].indent, COLS - 2 - lines[i].indent,
			     lines[i].text, strlen(lines[i].text));
	}
	wattrset(stdscr, A_NORMAL);

	/* context keys and the scroll position */
	if (t->help) {
		keys[0] = "Esc/F1";
		what[0] = _("close help");
		keys[1] = "PgUp/PgDn";
		what[1] = _("scroll");
		n = 2;
	} else {
		n = tui_widgets_context(t, keys, what, 8);
	}
	tui_draw_keys(t, LINES - 2, keys, what, n);
	if (body_lines > rows) {
		char more[64];
		const char *up = t->app->utf8 ? "↑" : "^", *down = t->app->utf8 ? "↓" : "v";
		int w;
		if (*scroll + rows<body_lines && * scroll> 0)
			snprintf(more, sizeof more, "%s%s %s", up, down, _("PgUp/PgDn: more"));
		else if (*scroll > 0)
			snprintf(more, sizeof more, "%s %s", up, _("PgUp: more above"));
		else
			snprintf(more, sizeof more, "%s %s", down, _("PgDn: more below"));
		w = tui_text_width(more, strlen(more));
		wattrset(stdscr, A_BOLD);
		wmove(stdscr, LINES - 2, COLS - 2 - w);
		wclrtoeol(stdscr);
		tui_draw_str(stdscr, LINES - 2, COLS - 1 - w, w, more, strlen(more));
		wattrset(stdscr, A_NORMAL);
	}

	/* the global keys */
	other = strcmp(kp_i18n_language(), "nl") == 0 ? "English" : "Nederlands";
	n = 0;
	keys[n] = "Enter";
	what[n++] = _("Next");
	keys[n] = "Esc";
	what[n++] = _("Back");
	keys[n] = "Tab";
	what[n++] = _("Field");
	keys[n] = "F1";
	what[n++] = _("Help");
	keys[n] = "F2";
	what[n++] = other;
	keys[n] = "^L";
	what[n++] = _("Redraw");
	keys[n] = "F10";
	what[n++] = _("Quit");
	{
		/* too long (Dutch at 80 columns): leave out Ctrl-L, which F1 lists */
		int total = 1;
		for (i = 0; i < n; i++)
			total += tui_text_width(keys[i], strlen(keys[i])) + 1 +
				 tui_text_width(what[i], strlen(what[i])) + 2;
		if (total - 2 > COLS - 1) {
			keys[n - 2] = keys[n - 1];
			what[n - 2] = what[n - 1];
			n--;
		}
	}
	tui_draw_keys(t, LINES - 1, keys, what, n);

	/* the body, through a pad so that it can scroll */
	curs_set(0);
	wnoutrefresh(stdscr);
	/* help is short: a pad of its full height; the form: a pad of the
	 * rows on screen only (a table may have thousands of rows) */
	pad = newpad(t->help ? (body_lines > 0 ? body_lines : 1) : rows, width);
	if (pad) {
		int cursor = 0, from = *scroll;
		if (t->help) {
			help_layout(t, pad, width);
		} else {
			tui_widgets_layout(t, pad, width, *scroll, rows);
			from = 0;
		}
		if (!t->help && t->fr.cur_x >= 0 && t->fr.row >= *scroll &&
		    t->fr.row < *scroll + rows) {
			wmove(pad, t->fr.row - *scroll, t->fr.cur_x);
			cursor = 1;
		}
		pnoutrefresh(pad, from, 0, top, 1, top + rows - 1, width);
		if (cursor)
			curs_set(1);
		doupdate();
		delwin(pad);
	} else {
		doupdate();
	}
}
