/* tui_priv.h — what the files of the curses frontend share. Only src/tui
 * includes this (and curses). One struct tui per open terminal. */
#ifndef KOPPEL_TUI_PRIV_H
#define KOPPEL_TUI_PRIV_H

#include <curses.h>
#include <stddef.h>
#include "koppel/form.h"
#include "koppel/frontend.h"
#include "koppel/step.h"

struct kp_app;

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24
#define TUI_MAX_CANDS 200 /* path completion candidates kept */
#define TUI_SHOW_CANDS 8  /* ...and shown under the field */

/* Colour pairs; every one of them only doubles a mark or an attribute. */
enum tui_pair {
	TUI_PAIR_NONE = 0,
	TUI_PAIR_PROD, /* production banner */
	TUI_PAIR_SAFE, /* sandbox / test / accept banner */
	TUI_PAIR_OK,
	TUI_PAIR_WARN,
	TUI_PAIR_FAIL,
	TUI_PAIR_KEY, /* key names in the footer */
};

/* What a key means (tui_keys.c maps keys to these). */
enum tui_cmd {
	TUI_CMD_NONE = 0,
	TUI_CMD_CHAR, /* a printable character to insert */
	TUI_CMD_ENTER,
	TUI_CMD_ESC,
	TUI_CMD_TAB,
	TUI_CMD_BTAB,
	TUI_CMD_UP,
	TUI_CMD_DOWN,
	TUI_CMD_LEFT,
	TUI_CMD_RIGHT,
	TUI_CMD_HOME,
	TUI_CMD_END,
	TUI_CMD_BACKSPACE,
	TUI_CMD_DELETE,
	TUI_CMD_KILL_START, /* Ctrl-U */
	TUI_CMD_KILL_END,   /* Ctrl-K */
	TUI_CMD_KILL_WORD,  /* Ctrl-W */
	TUI_CMD_SPACE,
	TUI_CMD_PGUP,
	TUI_CMD_PGDN,
	TUI_CMD_HELP,
	TUI_CMD_LANG,
	TUI_CMD_REVEAL,
	TUI_CMD_COPY,
	TUI_CMD_RERUN,
	TUI_CMD_REDRAW,
	TUI_CMD_QUIT,
	TUI_CMD_INTERRUPT,
	TUI_CMD_RESIZE,
};

/* One key read from the terminal, with its meaning. */
struct tui_key {
	enum tui_cmd cmd;
	wint_t ch; /* the character for TUI_CMD_CHAR / TUI_CMD_SPACE */
};

/* Where the last layout put the focused widget (body coordinates). */
struct tui_focus_rows {
	int y0, y1; /* first row, one past the last row of the widget */
	int row;    /* the row that must be visible (cursor / option) */
	int cur_x;  /* cursor column, -1 when no text cursor */
};

struct tui {
	struct kp_app *app;
	SCREEN *scr;
	int in_fd, out_fd;
	int is_open;
	int color;
	int pending_interrupt; /* a signal or Ctrl-C seen outside interact */
	int pasting;           /* inside a bracketed paste (ESC[200~ .. ESC[201~) */
	int sig_pipe[2];

	/* the step on screen (from the last interact) */
	const struct kp_step *step;
	size_t index, count;
	struct kp_form *form;

	/* editing state of the focused field */
	int focus_seen; /* the widget cur/hscroll belong to */
	size_t cur;	/* cursor: byte offset in the value */
	size_t hscroll; /* first visible byte of the value */
	int opt;	/* highlighted option of a checklist */

	/* body scrolling */
	int scroll;
	int body_lines;		/* height of the last layout */
	int body_rows;		/* rows the body had on screen */
	int keep_focus_visible; /* scroll to the focus at the next draw */
	int in_task;            /* laying out the body under a running task */
	struct tui_focus_rows fr;

	/* path completion: candidates under the field */
	char **cands;
	size_t n_cands;
	int cand_idx; /* -1: none chosen yet */
	int cand_widget;

	/* a one-line message until the next key (copied, language changed...) */
	char flash[256];
	enum kp_status flash_status;

	/* F1 help over the body */
	int help;
	int help_scroll;
};

/* The value of an input, secret or path widget; "" when it has none. */
static inline const char *tui_value(const struct kp_widget *w) { return w->value ? w->value : ""; }

/* tui_keys.c */
/* Read one key without blocking; 0 when none is waiting. */
int tui_keys_read(struct tui *t, struct tui_key *k);
/* Number of entries and entry i of the key table, for the help screen and
 * the footer: key name and description, both translated. */
size_t tui_keys_count(void);
void tui_keys_entry(size_t i, const char **key, const char **what);

/* tui_draw.c */
/* Draw the whole screen for the current step (or the too-small message). */
void tui_draw(struct tui *t);
/* 1 when the terminal is at least 80×24. */
int tui_draw_big_enough(void);
/* Draw the "window too small" message. */
void tui_draw_too_small(struct tui *t);
/* The header (product, step x of n, environment banner) on rows 0-1. */
void tui_draw_header(struct tui *t, const char *title, size_t index, size_t count);
/* One row of "key what" pairs at row y; pairs that do not fit are left
 * out from the end. */
void tui_draw_keys(struct tui *t, int y, const char **keys, const char **what, int n);
/* A centred box with lines of text; returns its window (caller deletes). */
WINDOW *tui_draw_box(struct tui *t, int width, int height, const char *title);
/* Attribute for a status mark. */
attr_t tui_draw_status_attr(struct tui *t, enum kp_status st);
/* Put at most width columns of s at (y, x) in win. Returns columns used. */
int tui_draw_str(WINDOW *win, int y, int x, int width, const char *s, size_t len);
/* First screen row of the body. */
#define TUI_BODY_TOP 3

/* tui_layout.c */
/* Lay out the form at width columns (win NULL: only measure), drawing body
 * rows off..off+rows-1 at rows 0..rows-1 of win; fills t->fr for the
 * focused widget (in body rows). Returns the number of body rows. */
int tui_widgets_layout(struct tui *t, WINDOW *win, int width, int off, int rows);

/* tui_widgets.c */
/* 1 when widget w takes the focus. */
int tui_widget_focusable(const struct kp_widget *w);
/* Move the focus to the next (dir 1) or previous (-1) focusable widget;
 * returns 0 when there is none in that direction. */
int tui_widgets_move_focus(struct tui *t, int dir);
/* Make sure form->focus is on a focusable widget (or -1). */
void tui_widgets_fix_focus(struct tui *t);
/* Apply an editing key to the focused widget; returns 1 when it used it. */
int tui_widgets_key(struct tui *t, const struct tui_key *k);
/* Context keys for the focused widget, for the footer: fills up to max
 * key names and descriptions (translated); returns how many. */
int tui_widgets_context(struct tui *t, const char **keys, const char **what, int max);
/* Forget completion candidates. */
void tui_widgets_drop_cands(struct tui *t);
/* Copy the focused secret/input (KP_WF_COPYABLE), else the form's copyable
 * text, to the clipboard (OSC 52); says so in t->flash. */
void tui_widgets_copy(struct tui *t);
/* 1 when Ctrl-Y has something to copy on this form. */
int tui_widgets_can_copy(struct tui *t);

/* tui_complete.c */
/* Complete the path in value: returns a new value (malloc) or NULL when
 * nothing changed; fills cands (malloc'd strings) with the matches. */
char *tui_complete_path(const char *value, char ***cands, size_t *n_cands);
/* Free a candidate list. */
void tui_complete_free(char **cands, size_t n);

/* tui.c */
/* Wait for a key or a signal (and fd2 when >= 0, e.g. a worker pipe) at
 * most timeout_ms (-1: forever). Returns 1 key ready, 2 fd2 readable,
 * 3 a signal or hang-up arrived, 0 timed out. */
int tui_wait(struct tui *t, int fd2, int timeout_ms);
/* 1 when the window was resized since the last call (and the curses
 * screen now has the new size). */
int tui_take_resize(struct tui *t);
/* 1 when SIGHUP/SIGTERM/SIGINT arrived (consumes the notification). */
int tui_signalled(struct tui *t);

/* tui_lang.c */
/* Switch nl <-> en and rebuild the current step's texts, keeping what the
 * user typed or chose. */
void tui_lang_switch(struct tui *t);

/* tui_task.c */
/* The frontend's run_task. */
enum kp_err tui_task_run(void *priv, struct kp_app *app, const struct kp_step *step,
			 struct kp_error *err);

/* tui_dialog.c */
/* The frontend's confirm: a yes/no box. */
int tui_dialog_confirm(void *priv, struct kp_app *app, const char *question);

#endif
