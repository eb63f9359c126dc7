/* tui_widgets.c — the focused widget: moving the focus, editing UTF-8
 * values (the old buffer wiped, as it may hold a secret), choices,
 * checklists, path completion, copy through OSC 52 and the context keys.
 * Drawing is tui_layout.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include "tui_priv.h"
#include "tui_text.h"

int tui_widget_focusable(const struct kp_widget *w)
{
	switch (w->kind) {
	case KP_W_INPUT:
	case KP_W_SECRET:
	case KP_W_PATH:
	case KP_W_CHOICE:
	case KP_W_CHECKLIST:
		return w->n_options > 0 || (w->kind != KP_W_CHOICE && w->kind != KP_W_CHECKLIST);
	default:
		return 0;
	}
}

static struct kp_widget *focused(struct tui *t)
{
	struct kp_form *f = t->form;

	if (!f || f->focus < 0 || (size_t)f->focus >= f->n)
		return NULL;
	return &f->w[f->focus];
}

/* Reset the cursor state when the focus moved to another widget. */
static void sync_edit_state(struct tui *t)
{
	struct kp_widget *w = focused(t);
	size_t len;

	if (!w)
		return;
	len = strlen(tui_value(w));
	if (t->focus_seen != t->form->focus) {
		t->focus_seen = t->form->focus;
		t->cur = len;
		t->hscroll = 0;
		t->opt = 0;
	}
	if (t->cur > len)
		t->cur = len;
	if (w->kind == KP_W_CHECKLIST && (size_t)t->opt >= w->n_options)
		t->opt = w->n_options ? (int)w->n_options - 1 : 0;
}

void tui_widgets_fix_focus(struct tui *t)
{
	struct kp_form *f = t->form;
	size_t i;

	if (!f)
		return;
	if (f->focus >= 0 && (size_t)f->focus < f->n && tui_widget_focusable(&f->w[f->focus])) {
		sync_edit_state(t);
		return;
	}
	f->focus = -1;
	for (i = 0; i < f->n; i++) {
		if (tui_widget_focusable(&f->w[i])) {
			f->focus = (int)i;
			break;
		}
	}
	sync_edit_state(t);
}

int tui_widgets_move_focus(struct tui *t, int dir)
{
	struct kp_form *f = t->form;
	int i;

	if (!f || f->focus < 0)
		return 0;
	for (i = f->focus + dir; i >= 0 && (size_t)i < f->n; i += dir) {
		if (tui_widget_focusable(&f->w[i])) {
			f->focus = i;
			tui_widgets_drop_cands(t);
			sync_edit_state(t);
			if (f->w[i].kind == KP_W_CHECKLIST)
				t->opt = dir > 0 ? 0 : (int)f->w[i].n_options - 1;
			t->keep_focus_visible = 1;
			return 1;
		}
	}
	return 0;
}

void tui_widgets_drop_cands(struct tui *t)
{
	tui_complete_free(t->cands, t->n_cands);
	t->cands = NULL;
	t->n_cands = 0;
	t->cand_idx = -1;
	t->cand_widget = -1;
}

/* ---- editing ---- */

/* Replace the value by head + mid + tail (which may point into it); the old
 * buffer is wiped, since it may hold a secret. */
static int splice(struct kp_widget *w, const char *head, size_t hl, const char *mid, size_t ml,
		  const char *tail, size_t tl)
{
	char *nv = malloc(hl + ml + tl + 1);

	if (!nv)
		return -1;
	memcpy(nv, head, hl);
	memcpy(nv + hl, mid, ml);
	memcpy(nv + hl + ml, tail, tl);
	nv[hl + ml + tl] = '\0';
	if (w->value) {
		kp_wipe(w->value, strlen(w->value));
		free(w->value);
	}
	w->value = nv;
	return 0;
}

static void set_flash(struct tui *t, enum kp_status st, const char *msg)
{
	snprintf(t->flash, sizeof t->flash, "%s", msg);
	t->flash_status = st;
}

static void edited(struct tui *t, int dropcands)
{
	t->form->edited = 1;
	/* the error spoke of the old value: once it changes, it no longer holds */
	t->form->error[0] = '\0';
	t->form->hint[0] = '\0';
	t->keep_focus_visible = 1;
	if (dropcands)
		tui_widgets_drop_cands(t);
}

static void insert_char(struct tui *t, struct kp_widget *w, wint_t ch)
{
	char buf[MB_LEN_MAX + 1];
	mbstate_t st;
	size_t n, len = strlen(tui_value(w)), max = w->max_len ? w->max_len : 4096;
	const char *v = tui_value(w);

	if (w->flags & KP_WF_DIGITS) {
		if (ch == ' ' || ch == '-' || ch == '.')
			return; /* separators in a pasted number: leave them out */
		if (ch < '0' || ch > '9') {
			set_flash(t, KP_ST_WARN, _("Only digits go in this field."));
			return;
		}
	}
	memset(&st, 0, sizeof st);
	n = wcrtomb(buf, (wchar_t)ch, &st);
	if (n == (size_t)-1)
		return;
	if (len + n > max) {
		char msg[160];
		snprintf(msg, sizeof msg, _("This field takes at most %zu characters."), max);
		set_flash(t, KP_ST_WARN, msg);
		return;
	}
	if (splice(w, v, t->cur, buf, n, v + t->cur, len - t->cur) == 0) {
		t->cur += n;
		edited(t, 1);
	}
}

static void delete_range(struct tui *t, struct kp_widget *w, size_t a, size_t b)
{
	const char *v = tui_value(w);
	size_t len = strlen(v);

	if (a >= b || b > len)
		return;
	if (splice(w, v, a, "", 0, v + b, len - b) == 0) {
		t->cur = a;
		edited(t, 1);
	}
}

/* Set the whole value (completion), cursor at the end. */
static void replace_value(struct tui *t, struct kp_widget *w, const char *nv)
{
	if (splice(w, nv, strlen(nv), "", 0, "", 0) == 0) {
		t->cur = strlen(w->value);
		t->form->edited = 1;
		t->keep_focus_visible = 1;
	}
}

/* Tab in a path field; returns 1 when it completed or listed something. */
static int complete(struct tui *t, struct kp_widget *w)
{
	char **cands = NULL, *nv;
	size_t n = 0, i;

	if (t->cands && t->cand_widget == t->form->focus && t->n_cands > 1) {
		t->cand_idx = (t->cand_idx + 1) % (int)t->n_cands;
		replace_value(t, w, t->cands[t->cand_idx]);
		return 1;
	}
	tui_widgets_drop_cands(t);
	if (tui_value(w)[0] == '\0' && w->n_suggestions > 0) {
		cands = calloc(w->n_suggestions, sizeof *cands);
		if (!cands)
			return 0;
		for (i = 0; i < w->n_suggestions; i++)
			cands[i] = strdup(w->suggestions[i] ? w->suggestions[i] : "");
		t->cands = cands;
		t->n_cands = w->n_suggestions;
		t->cand_idx = 0;
		t->cand_widget = t->form->focus;
		replace_value(t, w, cands[0] ? cands[0] : "");
		return 1;
	}
	nv = tui_complete_path(tui_value(w), &cands, &n);
	if (n == 0) {
		tui_complete_free(cands, n);
		free(nv);
		set_flash(t, KP_ST_WARN, _("No file or folder starts with what you typed."));
		return 1;
	}
	if (nv) {
		replace_value(t, w, nv);
		free(nv);
	}
	if (n > 1) {
		t->cands = cands;
		t->n_cands = n;
		t->cand_idx = -1;
		t->cand_widget = t->form->focus;
		return 1;
	}
	tui_complete_free(cands, n);
	return nv != NULL;
}

/* What Ctrl-Y copies: the focused field when it is copyable, else the
 * form's copyable text (an address too long for one row, which a mouse
 * would copy with the line breaks of its wrapping). NULL: nothing. */
static const char *copy_source(struct tui *t)
{
	struct kp_widget *w = focused(t);

	if (w && (w->flags & KP_WF_COPYABLE) && w->value && w->value[0])
		return w->value;
	for (size_t i = 0; t->form && i < t->form->n; i++) {
		const struct kp_widget *x = &t->form->w[i];
		if (x->kind == KP_W_TEXT && (x->flags & KP_WF_COPYABLE) && x->text && x->text[0])
			return x->text;
	}
	return NULL;
}

int tui_widgets_can_copy(struct tui *t)
{
	return copy_source(t) != NULL;
}

void tui_widgets_copy(struct tui *t)
{
	const char *src = copy_source(t);
	char *b64;
	static const char head[] = "\033]52;c;", tail[] = "\a";

	if (!src) {
		set_flash(t, KP_ST_INFO, _("There is nothing here to copy."));
		return;
	}
	b64 = tui_text_base64((const unsigned char *)src, strlen(src));
	if (!b64)
		return;
	/* OSC 52: the terminal (or tmux with set-clipboard) puts it on the
	 * clipboard; it does not pass through any file or program argument */
	if (write(t->out_fd, head, sizeof head - 1) < 0 || write(t->out_fd, b64, strlen(b64)) < 0 ||
	    write(t->out_fd, tail, sizeof tail - 1) < 0)
		set_flash(t, KP_ST_FAIL, _("Could not write to the terminal."));
	else
		set_flash(t, KP_ST_OK,
			  _("Copied to the clipboard (if your terminal allows OSC 52)."));
	kp_wipe(b64, strlen(b64));
	free(b64);
}

int tui_widgets_key(struct tui *t, const struct tui_key *k)
{
	struct kp_widget *w = focused(t);
	size_t len, p;
	const char *v;

	if (!w)
		return 0;
	sync_edit_state(t);
	v = tui_value(w);
	len = strlen(v);
	switch (w->kind) {
	case KP_W_INPUT:
	case KP_W_SECRET:
	case KP_W_PATH:
		switch (k->cmd) {
		case TUI_CMD_CHAR:
		case TUI_CMD_SPACE:
			insert_char(t, w, k->ch);
			return 1;
		case TUI_CMD_LEFT:
			t->cur = tui_text_prev(v, t->cur);
			t->keep_focus_visible = 1;
			return 1;
		case TUI_CMD_RIGHT:
			t->cur = tui_text_next(v, len, t->cur);
			t->keep_focus_visible = 1;
			return 1;
		case TUI_CMD_HOME:
			t->cur = 0;
			t->keep_focus_visible = 1;
			return 1;
		case TUI_CMD_END:
			t->cur = len;
			t->keep_focus_visible = 1;
			return 1;
		case TUI_CMD_BACKSPACE:
			if (t->cur > 0)
				delete_range(t, w, tui_text_prev(v, t->cur), t->cur);
			return 1;
		case TUI_CMD_DELETE:
			if (t->cur < len)
				delete_range(t, w, t->cur, tui_text_next(v, len, t->cur));
			return 1;
		case TUI_CMD_KILL_START:
			delete_range(t, w, 0, t->cur);
			return 1;
		case TUI_CMD_KILL_END:
			delete_range(t, w, t->cur, len);
			return 1;
		case TUI_CMD_KILL_WORD:
			p = t->cur;
			while (p > 0 && v[p - 1] == ' ')
				p--;
			while (p > 0 && v[p - 1] != ' ' && v[p - 1] != '/')
				p--;
			delete_range(t, w, p, t->cur);
			return 1;
		case TUI_CMD_UP:
			return tui_widgets_move_focus(t, -1);
		case TUI_CMD_DOWN:
			return tui_widgets_move_focus(t, 1);
		case TUI_CMD_TAB:
			return w->kind == KP_W_PATH ? complete(t, w) : 0;
		case TUI_CMD_REVEAL:
			if (w->kind != KP_W_SECRET)
				return 0;
			w->flags ^= KP_WF_REVEALED;
			return 1;
		case TUI_CMD_ESC:
			if (t->cands) {
				tui_widgets_drop_cands(t);
				return 1;
			}
			return 0;
		case TUI_CMD_ENTER:
			if (t->cands && t->cand_idx >= 0) {
				tui_widgets_drop_cands(t); /* accept the candidate */
				return 1;
			}
			return 0;
		default:
			return 0;
		}
	case KP_W_CHOICE:
		switch (k->cmd) {
		case TUI_CMD_UP:
			if (w->selected > 0) {
				w->selected--;
				edited(t, 0);
				return 1;
			}
			return tui_widgets_move_focus(t, -1);
		case TUI_CMD_DOWN:
			if (w->selected + 1 < (int)w->n_options) {
				w->selected++;
				edited(t, 0);
				return 1;
			}
			return tui_widgets_move_focus(t, 1);
		case TUI_CMD_CHAR:
			if (k->ch >= '1' && k->ch <= '9' && (size_t)(k->ch - '1') < w->n_options) {
				w->selected = (int)(k->ch - '1');
				edited(t, 0);
				return 1;
			}
			return 0;
		case TUI_CMD_SPACE:
			return 1;
		default:
			return 0;
		}
	case KP_W_CHECKLIST:
		switch (k->cmd) {
		case TUI_CMD_UP:
			if (t->opt > 0) {
				t->opt--;
				t->keep_focus_visible = 1;
				return 1;
			}
			return tui_widgets_move_focus(t, -1);
		case TUI_CMD_DOWN:
			if (t->opt + 1 < (int)w->n_options) {
				t->opt++;
				t->keep_focus_visible = 1;
				return 1;
			}
			return tui_widgets_move_focus(t, 1);
		case TUI_CMD_SPACE:
			if (w->checked && (size_t)t->opt < w->n_options) {
				w->checked[t->opt] = !w->checked[t->opt];
				edited(t, 0);
			}
			return 1;
		case TUI_CMD_CHAR:
			if (k->ch >= '1' && k->ch <= '9' && (size_t)(k->ch - '1') < w->n_options &&
			    w->checked) {
				t->opt = (int)(k->ch - '1');
				w->checked[t->opt] = !w->checked[t->opt];
				edited(t, 0);
				return 1;
			}
			return 0;
		default:
			return 0;
		}
	default:
		return 0;
	}
}

int tui_widgets_context(struct tui *t, const char **keys, const char **what, int max)
{
	struct kp_widget *w = focused(t);
	int n = 0, utf8 = t->app->utf8;

#define ADD(k, d)                                                                                  \
	do {                                                                                       \
		if (n < max) {                                                                     \
			keys[n] = (k);                                                             \
			what[n] = (d);                                                             \
			n++;                                                                       \
		}                                                                                  \
	} while (0)
	if (w) {
		switch (w->kind) {
		case KP_W_INPUT:
			ADD("^U", _("clear"));
			break;
		case KP_W_SECRET:
			ADD("F3", (w->flags & KP_WF_REVEALED) ? _("hide") : _("show"));
			ADD("^U", _("clear"));
			break;
		case KP_W_PATH:
			ADD("Tab", _("complete the name"));
			ADD("^U", _("clear"));
			break;
		case KP_W_CHOICE:
			ADD(utf8 ? "↑↓" : "Up/Down", _("choose"));
			break;
		case KP_W_CHECKLIST:
			ADD("Space", _("tick/untick"));
			ADD(utf8 ? "↑↓" : "Up/Down", _("move"));
			break;
		default:
			break;
		}
	}
	if (copy_source(t))
		ADD("^Y", _("copy"));
	if (t->step && t->step->task)
		ADD("F5", _("run again"));
#undef ADD
	return n;
}
