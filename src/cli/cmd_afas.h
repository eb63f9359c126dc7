/* cmd_afas.h — the AFAS part of `koppel sync --test` (cmd_sync.c calls it). */
#ifndef KOPPEL_CLI_CMD_AFAS_H
#define KOPPEL_CLI_CMD_AFAS_H

struct kp_app;
struct cJSON;

/* Test sync of the configured AFAS connection (settings afas.customer,
 * afas.environment, afas.zip; token from the keyring). *ran = 1 when AFAS is
 * configured. With json, adds an "afas" object to out; else prints text.
 * Returns 1 when every connector could be read. */
int kp_cli_afas_sync_test(struct kp_app *app, int json, struct cJSON *out, int *ran);

#endif
