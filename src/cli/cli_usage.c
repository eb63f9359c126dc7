/* cli_usage.c — a subcommand's usage error: first what was wrong, in one
 * line a script's log keeps, then the subcommand's own usage. */
#include <stdarg.h>
#include <stdio.h>
#include "commands.h"
#include "koppel/i18n.h"

int kp_cli_usage(const char *usage, const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		fputs("koppel: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		va_end(ap);
	}
	fprintf(stderr, "%s\n", usage);
	return 2;
}
