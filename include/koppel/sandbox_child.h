/* sandbox_child.h — koppel demo: start koppel-sandbox as a child on
 * ephemeral ports, read its --info file, stop it on exit, Ctrl-C or crash
 * (PR_SET_PDEATHSIG), leaving no orphan. */
#ifndef KOPPEL_SANDBOX_CHILD_H
#define KOPPEL_SANDBOX_CHILD_H

#include <stddef.h>
#include "koppel/error.h"

struct kp_app;
struct kp_sandbox_child;

/* Start the sandbox next to the koppel binary (or KOPPEL_LIBEXECDIR),
 * wait for its "ready" line, fill app->ep from its info file (sandbox = 1),
 * set app->demo_credentials and app->sandbox_afas_zip, and keep the child in
 * app->sandbox. */
enum kp_err kp_sandbox_start(struct kp_app *app, struct kp_error *err);

/* Stop the child (SIGTERM, then SIGKILL after 2 s) and remove its files.
 * Safe to call twice; called by kp_app_free. */
void kp_sandbox_stop(struct kp_app *app);

#endif
