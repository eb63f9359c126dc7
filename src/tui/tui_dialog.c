/* tui_dialog.c — the yes/no box (quit with unsaved changes, resume). */
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "tui_priv.h"
#include "tui_text.h"

struct box_text {
	WINDOW *win;
	int y;
	int width;
};

static void box_line(void *ctx, const char *line, size_t len)
{
	struct box_text *b = ctx;

	if (b->win)
		tui_draw_str(b->win, b->y, 2, b->width, line, len);
	b->y++;
}

static void draw_dialog(struct tui *t, const char *question, int yes)
{
	const char *y_label = _("Yes"), *n_label = _("No");
	const char *keys_hint = _("y = yes, n = no, Enter = the marked button");
	int width = COLS - 8 < 64 ? COLS - 8 : 64, lines, height, bx, yw, nw;
	struct box_text bt = {NULL, 0, 0};
	WINDOW *win;
	char yb[64], nb[64];

	tui_draw(t);
	if (!tui_draw_big_enough())
		return;
	bt.width = width - 4;
	lines = tui_text_wrap(question, width - 4, NULL, NULL);
	height = lines + 6;
	win = tui_draw_box(t, width, height, "koppel");
	if (!win)
		return;
	bt.win = win;
	bt.y = 2;
	wattrset(win, A_BOLD);
	tui_text_wrap(question, width - 4, box_line, &bt);
	wattrset(win, A_NORMAL);
	snprintf(yb, sizeof yb, "[ %s ]", y_label);
	snprintf(nb, sizeof nb, "[ %s ]", n_label);
	yw = tui_text_width(yb, strlen(yb));
	nw = tui_text_width(nb, strlen(nb));
	bx = (width - yw - nw - 4) / 2;
	wattrset(win, yes ? A_REVERSE | A_BOLD : A_NORMAL);
	tui_draw_str(win, height - 3, bx, yw, yb, strlen(yb));
	wattrset(win, !yes ? A_REVERSE | A_BOLD : A_NORMAL);
	tui_draw_str(win, height - 3, bx + yw + 4, nw, nb, strlen(nb));
	wattrset(win, A_NORMAL);
	tui_draw_str(win, height - 2, 2, width - 4, keys_hint, strlen(keys_hint));
	curs_set(0);
	wnoutrefresh(win);
	doupdate();
	delwin(win);
}

int tui_dialog_confirm(void *priv, struct kp_app *app, const char *question)
{
	struct tui *t = priv;
	struct tui_key k;
	int yes = 1, r, help = t->help;

	(void)app;
	t->help = 0;
	for (;;) {
		if (tui_signalled(t)) {
			t->pending_interrupt = 1;
			t->help = help;
			return 0;
		}
		while (tui_keys_read(t, &k)) {
			switch (k.cmd) {
			case TUI_CMD_CHAR:
				if (k.ch == 'y' || k.ch == 'Y' || k.ch == 'j' || k.ch == 'J') {
					t->help = help;
					return 1;
				}
				if (k.ch == 'n' || k.ch == 'N') {
					t->help = help;
					return 0;
				}
				break;
			case TUI_CMD_ESC:
			case TUI_CMD_QUIT:
				t->help = help;
				return 0;
			case TUI_CMD_INTERRUPT:
				t->pending_interrupt = 1;
				t->help = help;
				return 0;
			case TUI_CMD_ENTER:
				if (tui_draw_big_enough()) {
					t->help = help;
					return yes;
				}
				break;
			case TUI_CMD_LEFT:
			case TUI_CMD_RIGHT:
			case TUI_CMD_TAB:
			case TUI_CMD_BTAB:
				yes = !yes;
				break;
			case TUI_CMD_REDRAW:
				clearok(curscr, TRUE);
				break;
			default:
				break;
			}
		}
		draw_dialog(t, question, yes);
		r = tui_wait(t, -1, -1);
		if (r == 3) {
			t->pending_interrupt = 1;
			t->help = help;
			return 0;
		}
	}
}
