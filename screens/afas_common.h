/* afas_common.h — helpers shared by the AFAS steps (screens/afas_*.c):
 * find or reload what earlier steps produced (ZIP, token) after a resume. */
#ifndef KOPPEL_SCREENS_AFAS_COMMON_H
#define KOPPEL_SCREENS_AFAS_COMMON_H

#include <stddef.h>
#include "koppel/afas.h"

struct kp_app;

/* "~/x" to "$HOME/x"; other paths copied as they are. */
void kp_afas_expand_home(const char *in, char *out, size_t outlen);

struct kp_form;
/* Put the focus on widget id, so that one Enter submits from there (the
 * frontends start at the focused field; Enter on the last one submits). */
void kp_afas_focus(struct kp_form *f, const char *id);

#endif
