/* form.c — the widgets a step builds. Everything is copied in, so steps can
 * pass stack buffers and translated strings freely. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/form.h"
#include "koppel/secure.h"

void kp_form_init(struct kp_form *f)
{
	memset(f, 0, sizeof *f);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static void widget_free(struct kp_widget *w)
{
	free(w->id);
	free(w->label);
	free(w->text);
	if (w->value) {
		/* Inputs may hold tokens pasted by mistake: wipe all, not only secrets. */
		kp_wipe(w->value, strlen(w->value));
		free(w->value);
	}
	free_strv(w->option_ids, w->n_options);
	free_strv(w->option_labels, w->n_options);
	free(w->checked);
	free_strv(w->suggestions, w->n_suggestions);
	free_strv(w->headers, w->n_cols);
	free_strv(w->cells, w->n_rows * w->n_cols);
	free(w->row_status);
	memset(w, 0, sizeof *w);
}

void kp_form_clear(struct kp_form *f)
{
	for (size_t i = 0; i < f->n; i++)
		widget_free(&f->w[i]);
	free(f->w);
	kp_form_init(f);
}

static struct kp_widget *add(struct kp_form *f, enum kp_widget_kind kind, const char *id,
			     const char *label)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct kp_widget *nw = realloc(f->w, cap * sizeof *nw);
		if (!nw)
			return NULL;
		f->w = nw;
		f->cap = cap;
	}
	struct kp_widget *w = &f->w[f->n++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	w->id = dup_or_null(id);
	w->label = dup_or_null(label);
	return w;
}

struct kp_widget *kp_form_text(struct kp_form *f, int flags, const char *fmt, ...)
{
	struct kp_widget *w = add(f, KP_W_TEXT, NULL, NULL);
	if (!w)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&w->text, fmt, ap) < 0)
		w->text = NULL;
	va_end(ap);
	w->flags = flags;
	return w;
}

struct kp_widget *kp_form_input(struct kp_form *f, const char *id, const char *label,
				const char *initial, size_t max_len, int flags)
{
	struct kp_widget *w = add(f, KP_W_INPUT, id, label);
	if (!w)
		return NULL;
	w->value = strdup(initial ? initial : "");
	w->max_len = max_len ? max_len : 4096;
	w->flags = flags;
	return w;
}

struct kp_widget *kp_form_secret(struct kp_form *f, const char *id, const char *label,
				 size_t max_len, int flags)
{
	struct kp_widget *w = kp_form_input(f, id, label, "", max_len, flags);
	if (w)
		w->kind = KP_W_SECRET;
	return w;
}

static char **dup_strv(const char *const *v, size_t n)
{
	char **r = calloc(n ? n : 1, sizeof *r);
	for (size_t i = 0; r && i < n; i++)
		r[i] = strdup(v && v[i] ? v[i] : "");
	return r;
}

struct kp_widget *kp_form_path(struct kp_form *f, const char *id, const char *label,
			       const char *initial, const char *const *suggestions, size_t n)
{
	struct kp_widget *w = kp_form_input(f, id, label, initial, 4096, 0);
	if (!w)
		return NULL;
	w->kind = KP_W_PATH;
	w->suggestions = dup_strv(suggestions, n);
	w->n_suggestions = n;
	return w;
}

struct kp_widget *kp_form_choice(struct kp_form *f, const char *id, const char *label,
				 const char *const *ids, const char *const *labels, size_t n,
				 int selected)
{
	struct kp_widget *w = add(f, KP_W_CHOICE, id, label);
	if (!w)
		return NULL;
	w->option_ids = dup_strv(ids, n);
	w->option_labels = dup_strv(labels, n);
	w->n_options = n;
	w->selected = (selected >= 0 && (size_t)selected < n) ? selected : 0;
	return w;
}

struct kp_widget *kp_form_checklist(struct kp_form *f, const char *id, const char *label,
				    const char *const *ids, const char *const *labels, size_t n,
				    const int *checked)
{
	struct kp_widget *w = add(f, KP_W_CHECKLIST, id, label);
	if (!w)
		return NULL;
	w->option_ids = dup_strv(ids, n);
	w->option_labels = dup_strv(labels, n);
	w->n_options = n;
	w->checked = calloc(n ? n : 1, sizeof *w->checked);
	for (size_t i = 0; checked && w->checked && i < n; i++)
		w->checked[i] = checked[i] != 0;
	return w;
}

struct kp_widget *kp_form_table(struct kp_form *f, const char *id, size_t n_cols,
				const char *const *headers)
{
	struct kp_widget *w = add(f, KP_W_TABLE, id, NULL);
	if (!w)
		return NULL;
	w->n_cols = n_cols;
	w->headers = dup_strv(headers, n_cols);
	return w;
}

int kp_table_add_row(struct kp_widget *t, enum kp_status st, const char *const *cells)
{
	size_t n = t->n_rows + 1;
	char **nc = realloc(t->cells, n * t->n_cols * sizeof *nc);
	if (!nc)
		return -1;
	t->cells = nc;
	enum kp_status *ns = realloc(t->row_status, n * sizeof *ns);
	if (!ns)
		return -1;
	t->row_status = ns;
	for (size_t c = 0; c < t->n_cols; c++)
		t->cells[t->n_rows * t->n_cols + c] = strdup(cells && cells[c] ? cells[c] : "");
	t->row_status[t->n_rows] = st;
	t->n_rows = n;
	return 0;
}

void kp_widget_set_note(struct kp_widget *w, const char *text)
{
	if (!w || w->kind == KP_W_TEXT)
		return;
	free(w->text);
	w->text = dup_or_null(text);
}

struct kp_widget *kp_form_find(const struct kp_form *f, const char *id)
{
	for (size_t i = 0; id && i < f->n; i++)
		if (f->w[i].id && strcmp(f->w[i].id, id) == 0)
			return &f->w[i];
	return NULL;
}

const char *kp_form_value(const struct kp_form *f, const char *id)
{
	struct kp_widget *w = kp_form_find(f, id);
	if (!w)
		return NULL;
	if (w->kind == KP_W_CHOICE)
		return w->n_options ? w->option_ids[w->selected] : NULL;
	return w->value;
}

int kp_form_set_value(struct kp_form *f, const char *id, const char *value)
{
	struct kp_widget *w = kp_form_find(f, id);
	if (!w)
		return -1;
	if (w->kind == KP_W_CHOICE) {
		for (size_t i = 0; i < w->n_options; i++)
			if (strcmp(w->option_ids[i], value) == 0) {
				w->selected = (int)i;
				return 0;
			}
		return -1;
	}
	if (w->kind != KP_W_INPUT && w->kind != KP_W_SECRET && w->kind != KP_W_PATH)
		return -1;
	char *nv = strdup(value ? value : "");
	if (!nv)
		return -1;
	if (w->value) {
		kp_wipe(w->value, strlen(w->value));
		free(w->value);
	}
	w->value = nv;
	return 0;
}

int kp_form_checked(const struct kp_form *f, const char *id, size_t i)
{
	struct kp_widget *w = kp_form_find(f, id);
	return w && w->kind == KP_W_CHECKLIST && i < w->n_options && w->checked[i];
}

size_t kp_form_count_checked(const struct kp_form *f, const char *id)
{
	struct kp_widget *w = kp_form_find(f, id);
	size_t n = 0;
	for (size_t i = 0; w && w->kind == KP_W_CHECKLIST && i < w->n_options; i++)
		n += w->checked[i] != 0;
	return n;
}

void kp_form_set_error(struct kp_form *f, const char *msg, const char *hint)
{
	snprintf(f->error, sizeof f->error, "%s", msg ? msg : "");
	snprintf(f->hint, sizeof f->hint, "%s", hint ? hint : "");
}

void kp_form_set_notice(struct kp_form *f, enum kp_status st, const char *msg)
{
	f->notice_status = st;
	snprintf(f->notice, sizeof f->notice, "%s", msg ? msg : "");
}

const char *kp_status_mark(enum kp_status st, int utf8)
{
	switch (st) {
	case KP_ST_OK:
		return utf8 ? "✓" : "OK";
	case KP_ST_WARN:
		return utf8 ? "!" : "!!";
	case KP_ST_FAIL:
		return utf8 ? "✗" : "XX";
	case KP_ST_INFO:
		return utf8 ? "i" : "ii";
	default:
		return utf8 ? " " : "  ";
	}
}

int kp_form_list_marker(const char *line)
{
	size_t digits = strspn(line, "0123456789");

	if (strncmp(line, "- ", 2) == 0 || strncmp(line, "* ", 2) == 0 ||
	    strncmp(line, "• ", strlen("• ")) == 0)
		return 2;
	if (digits > 0 && digits <= 3 && (line[digits] == '.' || line[digits] == ')') &&
	    line[digits + 1] == ' ')
		return (int)digits + 2;
	return 0;
}
