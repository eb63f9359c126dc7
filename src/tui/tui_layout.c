/* tui_layout.c — drawing the form's widgets into the body window: wrapped
 * text, fields with a sideways-scrolling view and a mask for secrets,
 * options, path candidates and status tables. Editing is tui_widgets.c. */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include "tui_priv.h"
#include "tui_text.h"

#define FIELD_X 2 /* fields and options start here; the focus marker sits at 0 */

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
	int x, n, hang;
};

static void bullet_line(void *ctx, const char *line, size_t len)
{
	struct bullet *b = ctx;

	b->l->x = b->n++ ? b->x + b->hang : b->x;
	lay_line(b->l, line, len);
}

/* A paragraph that is a list item (kp_form_list_marker) gets a hanging
 * indent so that its continuation lines stand under the text, not under the
 * dash or the number. */
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
		int hang = kp_form_list_marker(para);
		if (hang > 0) {
			struct bullet b = {l, 0, 0, hang};
			tui_text_wrap(para, l->width - hang, bullet_line, &b);
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
	const char *v = tui_value(w), *mask = t->app->utf8 ? "•" : "*";
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
			/* the chosen one marked by a sign too, not by reverse
			 * video alone (a screen dump, a braille line) */
			int chosen = (int)i == t->cand_idx;
			char row[PATH_MAX + 8];
			snprintf(row, sizeof row, "%s%s", chosen ? "› " : "  ", name);
			l->attr = chosen ? A_REVERSE : A_NORMAL;
			l->x = FIELD_X;
			lay_line(l, row, strlen(row));
		}
		if (first + shown < t->n_cands || first > 0) {
			snprintf(more, sizeof more, _("(%zu matches; Tab shows the next)"),
				 t->n_cands);
			l->attr = A_NORMAL;
			lay_line(l, more, strlen(more));
		}
		l->x = 0;
		return;
	}
	if (w->n_suggestions > 0 && tui_value(w)[0] == '\0') {
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
	struct lay l = {t, pad, 0, 0, width, A_NORMAL, off, rows};
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

		if (t->in_task && (w->flags & KP_WF_PROMPT))
			continue; /* "press Enter to start" is stale once it runs */
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
