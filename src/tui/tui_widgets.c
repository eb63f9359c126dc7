/* tui_widgets.c — drawing the form's widgets into the body pad and editing
 * the focused one: UTF-8 text fields with a scrolling window, masked
 * secrets, choices, checklists, path completion and status tables. */
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

#define FIELD_X 2

/* One layout pass; pad NULL measures only. Rows are counted from the top
 * of the body (y) and drawn at y - off, so the window holds only the rows
 * on screen however long the body is; rows outside it are not drawn. */
struct lay {
	struct tui *t;
	WINDOW *pad;
	int y, x, width;
	attr_t attr;
	int off, rows;
};

/* The window row of body row y, or -1 when it is not on screen. */
static int row_of(const struct lay *l, int y)
{
	int r = y - l->off;

	return r >= 0 && r < l->rows ? r : -1;
}

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

static const char *val(const struct kp_widget *w)
{
	return w->value ? w->value : "";
}

/* Reset the cursor state when the focus moved to another widget. */
static void sync_edit_state(struct tui *t)
{
	struct kp_widget *w = focused(t);
	size_t len;

	if (!w)
		return;
	len = strlen(val(w));
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

/* ---- layout ---- */

static void lay_line(void *ctx, const char *line, size_t len)
{
	struct lay *l = ctx;

	if (l->pad) {
		wattrset(l->pad, l->attr);
		tui_draw_str(l->pad, row_of(l, l->y), l->x, l->width - l->x, line, len);
	}
	l->y++;
}

/* Wrapped text starting at column x. */
static void lay_wrap(struct lay *l, int x, attr_t attr, const char *text)
{
	int saved = l->x;

	l->x = x;
	l->attr = attr;
	tui_text_wrap(text, l->width - x, lay_line, l);
	l->x = saved;
}

struct bullet {
	struct lay *l;
	int x, n;
};

static void bullet_line(void *ctx, const char *line, size_t len)
{
	struct bullet *b = ctx;

	b->l->x = b->n++ ? b->x + 2 : b->x;
	lay_line(b->l, line, len);
}

/* A paragraph; one that starts with "- " or "• " gets a hanging indent so
 * that its continuation lines stand under the text, not under the dash. */
static void lay_para(struct lay *l, attr_t attr, const char *text)
{
	const char *p = text;

	l->attr = attr;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *para = strndup(p, len);
		if (!para)
			return;
		if (strncmp(para, "- ", 2) == 0 || strncmp(para, "• ", strlen("• ")) == 0 ||
		    strncmp(para, "* ", 2) == 0) {
			struct bullet b = { l, 0, 0 };
			tui_text_wrap(para, l->width - 2, bullet_line, &b);
		} else {
			l->x = 0;
			tui_text_wrap(para, l->width, lay_line, l);
		}
		free(para);
		l->x = 0;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (!*text)
		l->y++;
}

/* Preformatted text: one row per line, not re-flowed; a line wider than
 * the body continues on the next row (a token must not lose its end). */
static void lay_mono(struct lay *l, attr_t attr, const char *text)
{
	const char *p = text, *nl;

	l->attr = attr;
	l->x = 0;
	for (;;) {
		size_t len, fit;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		do {
			size_t cut, skip = 0;
			fit = tui_text_fit(p, len, l->width);
			if (fit == 0 && len > 0)
				fit = tui_text_next(p, len, 0);
			cut = fit;
			if (fit < len) {
				/* break at a blank in the second half of the row if
				 * there is one; a token without blanks is cut */
				size_t b = fit;
				while (b > fit / 2 && p[b] != ' ')
					b--;
				if (p[b] == ' ' && b > fit / 2) {
					cut = b;
					skip = 1;
				}
			}
			lay_line(l, p, cut);
			p += cut + skip;
			len -= cut + skip;
		} while (len > 0);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* The label row of a focusable widget, with a marker when focused. */
static void lay_label(struct lay *l, const struct kp_widget *w, int is_focus)
{
	const char *mark = is_focus ? (l->t->app->utf8 ? "▸" : ">") : " ";

	if (l->pad) {
		wattrset(l->pad, is_focus ? A_BOLD : A_NORMAL);
		tui_draw_str(l->pad, row_of(l, l->y), 0, 1, mark, strlen(mark));
		wattrset(l->pad, A_BOLD);
	}
	if (w->label && w->label[0])
		lay_wrap(l, FIELD_X, A_BOLD, w->label);
}

/* Byte offset after k steps (characters) from the start of s. */
static size_t offset_of(const char *s, size_t k)
{
	size_t len = strlen(s), i = 0;

	while (k-- > 0 && i < len)
		i = tui_text_next(s, len, i);
	return i;
}

/* Characters (as the cursor steps) in the first n bytes of s. */
static size_t steps_in(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n) {
		i = tui_text_next(s, n, i);
		k++;
	}
	return k;
}

/* 1 when d[from..to) takes at most max columns (stops early). */
static int fits(const char *d, size_t from, size_t to, int max)
{
	int used = 0;

	while (from < to) {
		size_t n = tui_text_next(d, to, from);
		used += tui_text_width(d + from, n - from);
		if (used > max)
			return 0;
		from = n;
	}
	return 1;
}

/* The field row: the visible part of the value, a cursor, and < > where the
 * value goes on beyond the field. */
static void lay_field(struct lay *l, struct kp_widget *w, int is_focus)
{
	struct tui *t = l->t;
	const char *v = val(w), *mask = t->app->utf8 ? "•" : "*";
	int masked = w->kind == KP_W_SECRET && !(w->flags & KP_WF_REVEALED);
	int fw = l->width - FIELD_X - 2;
	size_t total = steps_in(v, strlen(v)), cur_k, first_k, i;
	char *disp = NULL;
	const char *d;
	size_t dlen, dcur, dfirst;

	if (fw < 4)
		fw = 4;
	if (masked) {
		size_t ml = strlen(mask);
		disp = malloc(total * ml + 1);
		if (disp) {
			for (i = 0; i < total; i++)
				memcpy(disp + i * ml, mask, ml);
			disp[total * ml] = '\0';
		}
		d = disp ? disp : "";
	} else {
		d = v;
	}
	dlen = strlen(d);
	cur_k = is_focus ? steps_in(v, t->cur) : 0;
	first_k = is_focus ? t->hscroll : 0;
	/* keep the cursor inside the field, one column to spare at the end:
	 * keep the old start when the cursor still fits after it, else start
	 * as far left as lets the cursor fit (linear, for long pastes) */
	if (cur_k < first_k)
		first_k = cur_k;
	dcur = offset_of(d, cur_k);
	dfirst = offset_of(d, first_k);
	if (!fits(d, dfirst, dcur, fw - 1)) {
		size_t s = dcur;
		int used = 0;
		while (s > 0) {
			size_t p = tui_text_prev(d, s);
			int cw = tui_text_width(d + p, s - p);
			if (used + cw > fw - 1)
				break;
			used += cw;
			s = p;
		}
		dfirst = s;
		first_k = steps_in(d, dfirst);
	}
	if (is_focus)
		t->hscroll = first_k;
	if (l->pad && row_of(l, l->y) >= 0) {
		attr_t a = is_focus ? A_REVERSE : A_UNDERLINE;
		int ry = row_of(l, l->y);
		wattrset(l->pad, a);
		mvwhline(l->pad, ry, FIELD_X, ' ', fw);
		tui_draw_str(l->pad, ry, FIELD_X, fw, d + dfirst, dlen - dfirst);
		wattrset(l->pad, A_BOLD);
		if (first_k > 0)
			mvwaddstr(l->pad, ry, FIELD_X - 1, t->app->utf8 ? "‹" : "<");
		if (tui_text_width(d + dfirst, dlen - dfirst) > fw)
			mvwaddstr(l->pad, ry, FIELD_X + fw, t->app->utf8 ? "›" : ">");
		wattrset(l->pad, A_NORMAL);
	}
	if (is_focus) {
		t->fr.row = l->y;
		t->fr.cur_x = FIELD_X + tui_text_width(d + dfirst, dcur - dfirst);
	}
	if (disp) {
		kp_wipe(disp, strlen(disp));
		free(disp);
	}
	l->y++;
}

/* Candidates and suggestions under a focused path field. */
static void lay_path_extras(struct lay *l, struct kp_widget *w, int idx)
{
	struct tui *t = l->t;
	size_t i, first = 0, shown;
	char more[64];

	if (t->cands && t->cand_widget == idx && t->n_cands > 1) {
		if (t->cand_idx >= TUI_SHOW_CANDS)
			first = (size_t)t->cand_idx - TUI_SHOW_CANDS + 1;
		shown = t->n_cands - first < TUI_SHOW_CANDS ? t->n_cands - first : TUI_SHOW_CANDS;
		for (i = first; i < first + shown; i++) {
			const char *c = t->cands[i], *slash = strrchr(c, '/');
			/* show the name, not the whole typed folder again */
			const char *name = slash && slash[1] ? slash + 1 : c;
			if (slash && !slash[1]) { /* a folder: "name/" */
				const char *p = c + strlen(c) - 1;
				while (p > c && p[-1] != '/')
					p--;
				name = p;
			}
			l->attr = (int)i == t->cand_idx ? A_REVERSE : A_NORMAL;
			l->x = FIELD_X + 2;
			lay_line(l, name, strlen(name));
		}
		if (first + shown < t->n_cands || first > 0) {
			snprintf(more, sizeof more, _("(%zu matches; Tab shows the next)"), t->n_cands);
			l->attr = A_NORMAL;
			lay_line(l, more, strlen(more));
		}
		l->x = 0;
		return;
	}
	if (w->n_suggestions > 0 && val(w)[0] == '\0') {
		lay_wrap(l, FIELD_X, A_NORMAL, _("Suggestions (Tab fills them in):"));
		for (i = 0; i < w->n_suggestions && i < 3; i++)
			lay_wrap(l, FIELD_X + 2, A_NORMAL, w->suggestions[i]);
	}
}

/* Options of a choice or checklist, one (wrapped) entry each. */
static void lay_options(struct lay *l, struct kp_widget *w, int is_focus)
{
	struct tui *t = l->t;
	int utf8 = t->app->utf8;
	size_t i;

	for (i = 0; i < w->n_options; i++) {
		int on, hl;
		const char *box;
		int y0 = l->y;
		if (w->kind == KP_W_CHOICE) {
			on = w->selected == (int)i;
			hl = is_focus && on;
			box = on ? (utf8 ? "(•)" : "(*)") : "( )";
		} else {
			on = w->checked && w->checked[i];
			hl = is_focus && t->opt == (int)i;
			box = on ? "[x]" : "[ ]";
		}
		if (l->pad) {
			wattrset(l->pad, hl ? A_REVERSE | A_BOLD : (on ? A_BOLD : A_NORMAL));
			mvwaddstr(l->pad, row_of(l, l->y), FIELD_X, box);
		}
		lay_wrap(l, FIELD_X + 4, hl ? A_REVERSE : A_NORMAL,
			 w->option_labels[i] ? w->option_labels[i] : "");
		if (hl) {
			t->fr.row = y0;
			t->fr.cur_x = -1;
		}
	}
}

/* Column widths of a table that fit in width; the last column wraps. */
static void table_widths(const struct kp_widget *w, int avail, int *cw)
{
	size_t c, r;
	int sum = 0, last, least;

	for (c = 0; c < w->n_cols; c++) {
		const char *h = w->headers && w->headers[c] ? w->headers[c] : "";
		cw[c] = tui_text_width(h, strlen(h));
		for (r = 0; r < w->n_rows; r++) {
			const char *s = w->cells[r * w->n_cols + c];
			int sw = s ? tui_text_width(s, strlen(s)) : 0;
			if (sw > cw[c])
				cw[c] = sw;
		}
		if (cw[c] < 1)
			cw[c] = 1;
	}
	last = (int)w->n_cols - 1;
	for (c = 0; c < (size_t)last; c++)
		sum += cw[c] + 2;
	/* shrink the widest of the other columns until the last one has room:
	 * first down to 8 columns each, then (many columns) down to 3 */
	for (least = 8; least >= 3; least -= 5) {
		int need = last > 0 ? (cw[last] < 24 ? cw[last] : 24) : 0;
		if (least == 3)
			need = cw[last] < 8 ? cw[last] : 8;
		while (avail - sum < need) {
			int widest = -1;
			for (c = 0; c < (size_t)last; c++)
				if (cw[c] > least && (widest < 0 || cw[c] > cw[widest]))
					widest = (int)c;
			if (widest < 0)
				break;
			cw[widest]--;
			sum--;
		}
	}
	if (cw[last] > avail - sum)
		cw[last] = avail - sum;
	if (cw[last] < 4)
		cw[last] = 4;
}

/* One cell, cut with "…" when it does not fit. */
static void put_cell(struct lay *l, int x, int width, const char *s, attr_t a)
{
	size_t len = strlen(s), fit = tui_text_fit(s, len, width);
	const char *ell = l->t->app->utf8 ? "…" : "~";

	int ry = row_of(l, l->y);

	if (!l->pad || ry < 0)
		return;
	wattrset(l->pad, a);
	if (fit < len) {
		fit = tui_text_fit(s, len, width - 1);
		tui_draw_str(l->pad, ry, x, width, s, fit);
		waddstr(l->pad, ell);
	} else {
		tui_draw_str(l->pad, ry, x, width, s, len);
	}
}

static void lay_table(struct lay *l, struct kp_widget *w)
{
	struct tui *t = l->t;
	int mark_w = t->app->utf8 ? 2 : 3, x, cw[32], y_end;
	size_t c, r, n_cols = w->n_cols < 32 ? w->n_cols : 32;

	if (n_cols == 0)
		return;
	table_widths(w, l->width - mark_w - 1, cw);
	/* headers */
	x = mark_w;
	for (c = 0; c < n_cols; c++) {
		const char *h = w->headers && w->headers[c] ? w->headers[c] : "";
		put_cell(l, x, cw[c], h, A_BOLD | A_UNDERLINE);
		x += cw[c] + 2;
	}
	l->y++;
	for (r = 0; r < w->n_rows; r++) {
		enum kp_status st = w->row_status ? w->row_status[r] : KP_ST_NONE;
		const char *mark = st != KP_ST_NONE ? kp_status_mark(st, t->app->utf8) : "";
		if (l->pad) {
			wattrset(l->pad, tui_draw_status_attr(t, st));
			tui_draw_str(l->pad, row_of(l, l->y), 0, mark_w, mark, strlen(mark));
		}
		x = mark_w;
		y_end = l->y + 1;
		for (c = 0; c < n_cols; c++) {
			const char *s = w->cells[r * w->n_cols + c];
			if (!s)
				s = "";
			if (c + 1 == n_cols) {
				/* the last column (a message, a remedy) wraps */
				struct lay sub = *l;
				sub.x = x;
				sub.attr = A_NORMAL;
				sub.width = x + cw[c];
				tui_text_wrap(s, cw[c], lay_line, &sub);
				if (sub.y > y_end)
					y_end = sub.y;
			} else {
				put_cell(l, x, cw[c], s, A_NORMAL);
			}
			x += cw[c] + 2;
		}
		l->y = y_end;
	}
}

int tui_widgets_layout(struct tui *t, WINDOW *pad, int width, int off, int rows)
{
	struct kp_form *f = t->form;
	struct lay l = { t, pad, 0, 0, width, A_NORMAL, off, rows };
	size_t i;

	t->fr.y0 = t->fr.y1 = 0;
	t->fr.row = -1;
	t->fr.cur_x = -1;
	if (!f)
		return 0;
	for (i = 0; i < f->n; i++) {
		struct kp_widget *w = &f->w[i];
		int is_focus = f->focus == (int)i;
		int y0;

		if (i > 0)
			l.y++; /* a blank row between widgets */
		y0 = l.y;
		switch (w->kind) {
		case KP_W_TEXT:
			if (w->flags & KP_WF_MONO)
				lay_mono(&l, A_NORMAL, w->text ? w->text : "");
			else
				lay_para(&l, (w->flags & KP_WF_EMPHASIS) ? A_BOLD : A_NORMAL,
					 w->text ? w->text : "");
			break;
		case KP_W_INPUT:
		case KP_W_SECRET:
		case KP_W_PATH:
			lay_label(&l, w, is_focus);
			lay_field(&l, w, is_focus);
			if (w->text && w->text[0])
				lay_wrap(&l, FIELD_X, A_NORMAL, w->text);
			if (w->kind == KP_W_PATH && is_focus)
				lay_path_extras(&l, w, (int)i);
			break;
		case KP_W_CHOICE:
		case KP_W_CHECKLIST:
			lay_label(&l, w, is_focus);
			lay_options(&l, w, is_focus);
			if (w->text && w->text[0])
				lay_wrap(&l, FIELD_X, A_NORMAL, w->text);
			break;
		case KP_W_TABLE:
			if (w->label && w->label[0])
				lay_wrap(&l, 0, A_BOLD, w->label);
			lay_table(&l, w);
			if (w->text && w->text[0])
				lay_wrap(&l, 0, A_NORMAL, w->text);
			break;
		}
		if (is_focus) {
			t->fr.y0 = y0;
			t->fr.y1 = l.y;
			if (t->fr.row < 0)
				t->fr.row = y0;
		}
	}
	if (pad)
		wattrset(pad, A_NORMAL);
	return l.y;
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
	size_t n, len = strlen(val(w)), max = w->max_len ? w->max_len : 4096;
	const char *v = val(w);

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
	const char *v = val(w);
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
	if (val(w)[0] == '\0' && w->n_suggestions > 0) {
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
	nv = tui_complete_path(val(w), &cands, &n);
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

void tui_widgets_copy(struct tui *t)
{
	struct kp_widget *w = focused(t);
	char *b64;
	static const char head[] = "\033]52;c;", tail[] = "\a";

	if (!w || !(w->flags & KP_WF_COPYABLE) || !w->value || !w->value[0]) {
		set_flash(t, KP_ST_INFO, _("There is nothing here to copy."));
		return;
	}
	b64 = tui_text_base64((const unsigned char *)w->value, strlen(w->value));
	if (!b64)
		return;
	/* OSC 52: the terminal (or tmux with set-clipboard) puts it on the
	 * clipboard; it does not pass through any file or program argument */
	if (write(t->out_fd, head, sizeof head - 1) < 0 ||
	    write(t->out_fd, b64, strlen(b64)) < 0 || write(t->out_fd, tail, sizeof tail - 1) < 0)
		set_flash(t, KP_ST_FAIL, _("Could not write to the terminal."));
	else
		set_flash(t, KP_ST_OK, _("Copied to the clipboard (if your terminal allows OSC 52)."));
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
	v = val(w);
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

#define ADD(k, d) do { if (n < max) { keys[n] = (k); what[n] = (d); n++; } } while (0)
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
		if (w->flags & KP_WF_COPYABLE)
			ADD("^Y", _("copy"));
	}
	if (t->step && t->step->task)
		ADD("F5", _("run again"));
#undef ADD
	return n;
}
