/* tui_lang.c — F2 / Ctrl-T: switch between Dutch and English while the
 * wizard runs, rebuilding the step on screen in the new language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include "tui_priv.h"

struct saved_value {
	char *id;
	char *value;
	int selected;
	int *checked;
	size_t n_options;
	int flags;
};

/* F2 / Ctrl-T: switch nl <-> en and rebuild the step's texts by entering it
 * again; what the user typed or chose is carried over by widget id. */
void tui_lang_switch(struct tui *t)
{
	const char *to = strcmp(kp_i18n_language(), "nl") == 0 ? "en" : "nl";
	struct kp_form *f = t->form;
	struct saved_value *sv = NULL;
	struct {
		char error[sizeof t->form->error], hint[sizeof t->form->hint];
		char notice[sizeof t->form->notice];
		enum kp_status notice_status;
	} msg;
	size_t i, n = 0;
	int focus, edited;

	kp_i18n_set_language(to);
	if (!f || !t->step || !t->step->enter)
		goto out;
	sv = calloc(f->n ? f->n : 1, sizeof *sv);
	if (!sv)
		goto out;
	for (i = 0; i < f->n; i++) {
		struct kp_widget *w = &f->w[i];
		if (!w->id)
			continue;
		sv[n].id = strdup(w->id);
		sv[n].value = w->value ? kp_secret_dup(w->value) : NULL;
		sv[n].selected = w->selected;
		sv[n].flags = w->flags;
		sv[n].n_options = w->n_options;
		if (w->checked && w->n_options) {
			sv[n].checked = malloc(w->n_options * sizeof(int));
			if (sv[n].checked)
				memcpy(sv[n].checked, w->checked, w->n_options * sizeof(int));
		}
		n++;
	}
	focus = f->focus;
	edited = f->edited;
	/* messages from submit or a task are not rebuilt by enter(): keep them
	 * (in the old language) rather than lose what went wrong */
	snprintf(msg.error, sizeof msg.error, "%s", f->error);
	snprintf(msg.hint, sizeof msg.hint, "%s", f->hint);
	snprintf(msg.notice, sizeof msg.notice, "%s", f->notice);
	msg.notice_status = f->notice_status;
	kp_form_clear(f);
	t->step->enter(t->app, f);
	if (!f->error[0] && !f->hint[0]) {
		snprintf(f->error, sizeof f->error, "%s", msg.error);
		snprintf(f->hint, sizeof f->hint, "%s", msg.hint);
	}
	if (!f->notice[0]) {
		snprintf(f->notice, sizeof f->notice, "%s", msg.notice);
		f->notice_status = msg.notice_status;
	}
	for (i = 0; i < n; i++) {
		struct kp_widget *w = sv[i].id ? kp_form_find(f, sv[i].id) : NULL;
		if (!w)
			continue;
		if (sv[i].value &&
		    (w->kind == KP_W_INPUT || w->kind == KP_W_SECRET || w->kind == KP_W_PATH))
			kp_form_set_value(f, sv[i].id, sv[i].value);
		if (w->kind == KP_W_SECRET)
			w->flags = (w->flags & ~KP_WF_REVEALED) | (sv[i].flags & KP_WF_REVEALED);
		if (w->kind == KP_W_CHOICE && sv[i].n_options == w->n_options)
			w->selected = sv[i].selected;
		if (w->kind == KP_W_CHECKLIST && w->checked && sv[i].checked &&
		    sv[i].n_options == w->n_options)
			memcpy(w->checked, sv[i].checked, w->n_options * sizeof(int));
	}
	if (focus >= 0 && (size_t)focus < f->n)
		f->focus = focus;
	f->edited = edited;
	t->focus_seen = -2; /* widgets are new: cursor to the end */
	tui_widgets_drop_cands(t);
	tui_widgets_fix_focus(t);
out:
	for (i = 0; i < n; i++) {
		free(sv[i].id);
		kp_secret_free(sv[i].value);
		free(sv[i].checked);
	}
	free(sv);
	/* the same msgid reads "Taal: Nederlands" in Dutch */
	snprintf(t->flash, sizeof t->flash, "%s", _("Language: English"));
	t->flash_status = KP_ST_INFO;
}
