/* sandbox_child.c — placeholder until the sandbox issue lands. */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/sandbox_child.h"

enum kp_err kp_sandbox_start(struct kp_app *app, struct kp_error *err)
{
	(void)app;
	return kp_error_set(err, KP_ERR_INTERNAL, NULL, "%s", _("The sandbox is not available yet."));
}

void kp_sandbox_stop(struct kp_app *app)
{
	(void)app;
}
