/* form.h — the widgets a step shows, built at run time by the step.
 *
 * A step's enter() fills a form; a frontend (TUI or plain) renders it and
 * lets the user edit values; the step's submit() reads them back by id.
 * All strings handed in are copied (callers pass already translated text).
 * Secret values are wiped when the form is cleared. No curses here. */
#ifndef KOPPEL_FORM_H
#define KOPPEL_FORM_H

#include <stddef.h>

enum kp_widget_kind {
	KP_W_TEXT,      /* wrapped paragraph */
	KP_W_INPUT,     /* one line of text (long pastes allowed) */
	KP_W_SECRET,    /* masked input; the frontend offers reveal/hide */
	KP_W_CHOICE,    /* one of n */
	KP_W_CHECKLIST, /* n boxes to tick */
	KP_W_PATH,      /* file path with Tab completion and suggestions */
	KP_W_TABLE,     /* rows with a status mark (✓ ! ✗) and cells */
};

/* A status carried by a mark, never by colour alone. */
enum kp_status { KP_ST_NONE = 0, KP_ST_OK, KP_ST_WARN, KP_ST_FAIL, KP_ST_INFO };

/* Widget flags. */
#define KP_WF_DIGITS    0x01 /* input: digits only (frontends may still accept paste) */
#define KP_WF_EMPHASIS  0x02 /* text: shown bold / as a heading */
#define KP_WF_COPYABLE  0x04 /* secret/input: frontend offers copy (OSC 52) */
#define KP_WF_REVEALED  0x08 /* secret: currently shown in clear */
#define KP_WF_OPTIONAL  0x10 /* input: may stay empty */
#define KP_WF_MONO      0x20 /* text: preformatted, do not re-wrap */
#define KP_WF_PROMPT    0x40 /* text: what to press to start the task; not shown
			      * while it runs (show_during_task) */

struct kp_widget {
	enum kp_widget_kind kind;
	int flags;
	char *id;              /* key for submit(); NULL for plain text */
	char *label;
	char *text;            /* TEXT: the paragraph; others: a note shown under it */
	/* INPUT, SECRET, PATH */
	char *value;
	size_t max_len;        /* bytes; 0 = 4096 */
	/* CHOICE, CHECKLIST */
	size_t n_options;
	char **option_ids;
	char **option_labels;
	int selected;          /* CHOICE */
	int *checked;          /* CHECKLIST */
	/* PATH */
	size_t n_suggestions;
	char **suggestions;
	/* TABLE: n_cols headers; rows of n_cols cells, each with a status */
	size_t n_cols, n_rows;
	char **headers;
	char **cells;          /* row-major, n_rows * n_cols */
	enum kp_status *row_status;
};

struct kp_form {
	struct kp_widget *w;
	size_t n, cap;
	int focus;             /* index of the focused widget (frontend's) */
	int edited;            /* set by frontends when the user changed a value */
	char error[512];       /* shown by frontends above the footer */
	char hint[512];
	enum kp_status notice_status; /* result line after a task */
	char notice[512];
	char goto_id[64];      /* for KP_GOTO */
	int show_during_task;  /* keep the body on screen under the progress (a task
				* that waits for the person, e.g. an address to open) */
};

void kp_form_init(struct kp_form *f);
void kp_form_clear(struct kp_form *f);  /* frees widgets, wipes secrets */

/* Texts may hold lists: a line starting with "- ", "• ", "* ", "1. " or "1) "
 * is a list item. The width of its marker in columns (2 for "- ", digits + 2
 * for "12. "; 0 when the line is no list item): frontends indent continuation
 * lines by it, so they stand under the text, not under the dash. */
int kp_form_list_marker(const char *line);

/* Builders. Each returns the widget (owned by the form) or NULL on OOM. */
struct kp_widget *kp_form_text(struct kp_form *f, int flags, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct kp_widget *kp_form_input(struct kp_form *f, const char *id, const char *label,
				const char *initial, size_t max_len, int flags);
struct kp_widget *kp_form_secret(struct kp_form *f, const char *id, const char *label,
				 size_t max_len, int flags);
struct kp_widget *kp_form_path(struct kp_form *f, const char *id, const char *label,
			       const char *initial, const char *const *suggestions, size_t n);
struct kp_widget *kp_form_choice(struct kp_form *f, const char *id, const char *label,
				 const char *const *ids, const char *const *labels, size_t n,
				 int selected);
struct kp_widget *kp_form_checklist(struct kp_form *f, const char *id, const char *label,
				    const char *const *ids, const char *const *labels, size_t n,
				    const int *checked /* may be NULL */);
struct kp_widget *kp_form_table(struct kp_form *f, const char *id, size_t n_cols,
				const char *const *headers);
/* Append a row of n_cols cells to a table widget. */
int kp_table_add_row(struct kp_widget *t, enum kp_status st, const char *const *cells);

/* Set a note under a widget (copied). */
void kp_widget_set_note(struct kp_widget *w, const char *text);

/* Lookup by id. */
struct kp_widget *kp_form_find(const struct kp_form *f, const char *id);
/* Value of an input/secret/path, or the selected option id of a choice. */
const char *kp_form_value(const struct kp_form *f, const char *id);
int kp_form_set_value(struct kp_form *f, const char *id, const char *value);
int kp_form_checked(const struct kp_form *f, const char *id, size_t i);
/* Number of ticked boxes of a checklist. */
size_t kp_form_count_checked(const struct kp_form *f, const char *id);

/* Set the error shown with the form (copied; NULL clears). */
void kp_form_set_error(struct kp_form *f, const char *msg, const char *hint);
void kp_form_set_notice(struct kp_form *f, enum kp_status st, const char *msg);

/* The mark for a status: "✓" "!" "✗" "i" in UTF-8, "OK" "!!" "XX" "ii" otherwise. */
const char *kp_status_mark(enum kp_status st, int utf8);

#endif
