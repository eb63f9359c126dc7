/* commands.h — subcommands of koppel. Each returns the process exit code:
 * 0 all good, 1 a check failed or the user aborted, 2 usage error. argv[0]
 * is the subcommand's own name ("afas", "loket", "sync"). */
#ifndef KOPPEL_CLI_COMMANDS_H
#define KOPPEL_CLI_COMMANDS_H

struct kp_app;

int kp_cmd_afas(struct kp_app *app, int argc, char **argv);
int kp_cmd_loket(struct kp_app *app, int argc, char **argv);
int kp_cmd_sync(struct kp_app *app, int argc, char **argv);

/* Print "koppel: " + what was wrong (printf-style; NULL = nothing) and the
 * usage text to stderr; returns 2, the usage-error exit code. */
int kp_cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
