/* tui.c — placeholder: the curses frontend lands with the TUI work. */
#include <curses.h>
#include "koppel/i18n.h"
#include "tui.h"

enum kp_err kp_tui_open(struct kp_app *app, struct kp_frontend *fe, struct kp_error *err)
{
	(void)app; (void)fe;
	return kp_error_set(err, KP_ERR_INTERNAL, NULL, "%s", _("The full-screen interface is not available yet; use --plain."));
}

void kp_tui_close(struct kp_frontend *fe)
{
	(void)fe;
}
