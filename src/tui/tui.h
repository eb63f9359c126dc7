/* tui.h — the curses frontend. The only module that includes curses. */
#ifndef KOPPEL_TUI_H
#define KOPPEL_TUI_H

#include "koppel/error.h"
#include "koppel/frontend.h"

struct kp_app;

/* Initialise the terminal (UTF-8, colours unless NO_COLOR, keypad, signal
 * handlers for SIGHUP/SIGTERM/SIGWINCH) and fill fe. */
enum kp_err kp_tui_open(struct kp_app *app, struct kp_frontend *fe, struct kp_error *err);
/* Restore the terminal; safe to call twice and from an atexit path. */
void kp_tui_close(struct kp_frontend *fe);

#endif
