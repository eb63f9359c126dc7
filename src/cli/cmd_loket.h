/* cmd_loket.h — helpers cmd_loket.c shares with cmd_sync.c. */
#ifndef KOPPEL_CLI_CMD_LOKET_H
#define KOPPEL_CLI_CMD_LOKET_H

#include "koppel/error.h"
#include <stdio.h>

struct kp_app;

/* Print err (message and hint) to stderr with the "koppel: " prefix. */
void kp_cli_print_error(const struct kp_error *err);

/* Ctrl-C sets app->cancel while slow work runs (instead of killing us). */
void kp_cli_catch_interrupt(struct kp_app *app);

/* Progress on stderr when it is a terminal (one line, redrawn). */
struct kp_progress;
void kp_cli_progress(struct kp_app *app, struct kp_progress *p);

/* Resolve the Werkgever IDs (given ones, else settings) against the user's
 * employers: loads and refreshes tokens as needed. */
enum kp_err kp_cli_loket_resolve(struct kp_app *app, const char *const *ids, size_t n,
				 struct kp_error *err);

/* 1 when the Loket path is configured (client id and Werkgever IDs). */
int kp_cli_loket_configured(struct kp_app *app);

/* Print the test sync report as text. */
void kp_cli_loket_print_sync(struct kp_app *app, FILE *o);

#endif
