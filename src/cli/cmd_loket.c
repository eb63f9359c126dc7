/* cmd_loket.c — `koppel loket ...`. Placeholder until its issue lands. */
#include <stdio.h>
#include "commands.h"
#include "koppel/i18n.h"

int kp_cmd_loket(struct kp_app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	fprintf(stderr, "%s\n", _("This subcommand is not available yet."));
	return 2;
}
