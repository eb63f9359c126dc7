/* tui_keys.c — the key table (htop's manner): what each key does, and the
 * names the footer and the help screen show. */
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include "koppel/i18n.h"
#include "tui_priv.h"

#define CTRL(c) ((c)&0x1f)

struct key_binding {
	int code; /* KEY_* when fkey, else the character */
	int fkey;
	enum tui_cmd cmd;
	const char *name; /* shown in help; NULL: an alias not listed */
	const char *what; /* N_() */
};

static const struct key_binding bindings[] = {
    {'\r', 0, TUI_CMD_ENTER, "Enter", N_("continue: check this step and go to the next")},
    {'\n', 0, TUI_CMD_ENTER, NULL, NULL},
    {KEY_ENTER, 1, TUI_CMD_ENTER, NULL, NULL},
    {27, 0, TUI_CMD_ESC, "Esc", N_("back to the previous step; closes help and lists")},
    {'\t', 0, TUI_CMD_TAB, "Tab", N_("next field; in a path field: complete the name")},
    {KEY_BTAB, 1, TUI_CMD_BTAB, "Shift-Tab", N_("previous field")},
    {KEY_UP, 1, TUI_CMD_UP, "Up/Down", N_("choose an option; in a text field: other field")},
    {KEY_DOWN, 1, TUI_CMD_DOWN, NULL, NULL},
    {KEY_LEFT, 1, TUI_CMD_LEFT, "Left/Right", N_("move the cursor")},
    {KEY_RIGHT, 1, TUI_CMD_RIGHT, NULL, NULL},
    {KEY_HOME, 1, TUI_CMD_HOME, "Home/End", N_("start / end of the field (also Ctrl-A / Ctrl-E)")},
    {KEY_FIND, 1, TUI_CMD_HOME, NULL, NULL},
    {CTRL('a'), 0, TUI_CMD_HOME, NULL, NULL},
    {KEY_END, 1, TUI_CMD_END, NULL, NULL},
    {KEY_SELECT, 1, TUI_CMD_END, NULL, NULL},
    {CTRL('e'), 0, TUI_CMD_END, NULL, NULL},
    {KEY_BACKSPACE, 1, TUI_CMD_BACKSPACE, "Backspace/Delete", N_("delete before / at the cursor")},
    {127, 0, TUI_CMD_BACKSPACE, NULL, NULL},
    {CTRL('h'), 0, TUI_CMD_BACKSPACE, NULL, NULL},
    {KEY_DC, 1, TUI_CMD_DELETE, NULL, NULL},
    {CTRL('d'), 0, TUI_CMD_DELETE, NULL, NULL},
    {CTRL('u'), 0, TUI_CMD_KILL_START, "Ctrl-U/Ctrl-K", N_("clear before / after the cursor")},
    {CTRL('k'), 0, TUI_CMD_KILL_END, NULL, NULL},
    {CTRL('w'), 0, TUI_CMD_KILL_WORD, "Ctrl-W", N_("delete the word before the cursor")},
    {' ', 0, TUI_CMD_SPACE, "Space", N_("tick or untick a box")},
    {KEY_PPAGE, 1, TUI_CMD_PGUP, "PgUp/PgDn", N_("scroll the page")},
    {KEY_NPAGE, 1, TUI_CMD_PGDN, NULL, NULL},
    {KEY_F(1), 1, TUI_CMD_HELP, "F1", N_("help for this step")},
    {'?', 0, TUI_CMD_HELP, NULL, NULL}, /* only outside text fields */
    {KEY_F(2), 1, TUI_CMD_LANG, "F2/Ctrl-T", N_("switch language (Nederlands / English)")},
    {CTRL('t'), 0, TUI_CMD_LANG, NULL, NULL},
    {KEY_F(3), 1, TUI_CMD_REVEAL, "F3/Ctrl-R", N_("show or hide a secret")},
    {CTRL('r'), 0, TUI_CMD_REVEAL, NULL, NULL},
    {CTRL('y'), 0, TUI_CMD_COPY, "Ctrl-Y", N_("copy the field to the clipboard (where offered)")},
    {KEY_F(5), 1, TUI_CMD_RERUN, "F5", N_("run the check of this step again")},
    {CTRL('l'), 0, TUI_CMD_REDRAW, "Ctrl-L", N_("redraw the screen")},
    {KEY_F(10), 1, TUI_CMD_QUIT, "F10/Ctrl-Q", N_("quit (asks first when you changed something)")},
    {CTRL('q'), 0, TUI_CMD_QUIT, NULL, NULL},
    {CTRL('c'), 0, TUI_CMD_INTERRUPT, "Ctrl-C",
     N_("stop at once; the next start offers to continue")},
    {KEY_RESIZE, 1, TUI_CMD_RESIZE, NULL, NULL},
};

#define N_BINDINGS (sizeof bindings / sizeof bindings[0])

int tui_keys_read(struct tui *t, struct tui_key *k)
{
	wint_t ch;
	int r;
	size_t i;

	if (tui_take_resize(t)) {
		k->cmd = TUI_CMD_RESIZE;
		k->ch = 0;
		return 1;
	}
	r = wget_wch(stdscr, &ch);
	if (r == ERR)
		return 0;
	k->cmd = TUI_CMD_NONE;
	k->ch = ch;
	if (r == OK && ch == 27) {
		/* ncurses waited for a known sequence and found none: when more
		 * bytes came with the Esc, it was an unknown key (or Alt+key), not
		 * the Esc key: swallow a CSI/SS3 sequence rather than go back. */
		wint_t c2;
		int r2 = wget_wch(stdscr, &c2);
		if (r2 == OK && (c2 == '[' || c2 == 'O')) {
			char seq[20];
			int n = 0;
			while (n < 16 && wget_wch(stdscr, &c2) == OK) {
				seq[n++] = (char)c2;
				if (c2 >= 0x40 && c2 <= 0x7e)
					break;
			}
			seq[n] = '\0';
			/* Bracketed paste: a pasted token keeps its line breaks out
			 * of the key stream, so they neither submit nor move on. */
			if (strcmp(seq, "200~") == 0)
				t->pasting = 1;
			else if (strcmp(seq, "201~") == 0)
				t->pasting = 0;
			return 1; /* TUI_CMD_NONE */
		}
		/* anything else after it: a real Esc, followed by the next key */
		if (r2 == KEY_CODE_YES)
			ungetch((int)c2);
		else if (r2 == OK)
			unget_wch((wchar_t)c2);
	}
	if (t->pasting && r == OK && (ch == '\r' || ch == '\n' || ch == '\t'))
		return 1; /* TUI_CMD_NONE: whitespace inside a paste */
	for (i = 0; i < N_BINDINGS; i++) {
		if ((r == KEY_CODE_YES) == bindings[i].fkey && (int)ch == bindings[i].code) {
			k->cmd = bindings[i].cmd;
			return 1;
		}
	}
	if (r == OK && ch >= 0x20 && ch != 0x7f && iswprint(ch))
		k->cmd = TUI_CMD_CHAR;
	return 1;
}

size_t tui_keys_count(void)
{
	size_t i, n = 0;

	for (i = 0; i < N_BINDINGS; i++)
		if (bindings[i].name)
			n++;
	return n;
}

void tui_keys_entry(size_t idx, const char **key, const char **what)
{
	size_t i, n = 0;

	*key = "";
	*what = "";
	for (i = 0; i < N_BINDINGS; i++) {
		if (!bindings[i].name)
			continue;
		if (n++ == idx) {
			*key = bindings[i].name;
			*what = _(bindings[i].what);
			return;
		}
	}
}
