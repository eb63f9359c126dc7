/* afas_common.c — see afas_common.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afas_common.h"
#include "koppel/app.h"
#include "koppel/form.h"
#include "koppel/i18n.h"

void kp_afas_expand_home(const char *in, char *out, size_t outlen)
{
	const char *home = getenv("HOME");

	if (in[0] == '~' && (in[1] == '/' || in[1] == '\0') && home)
		snprintf(out, outlen, "%s%s", home, in + 1);
	else
		snprintf(out, outlen, "%s", in);
}

void kp_afas_focus(struct kp_form *f, const char *id)
{
	struct kp_widget *w = kp_form_find(f, id);

	if (w)
		f->focus = (int)(w - f->w);
}
