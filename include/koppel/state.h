/* state.h — non-secret settings and wizard progress in one JSON file.
 *
 * The file is $XDG_CONFIG_HOME/koppel/koppel.json (else ~/.config/...),
 * mode 0600, written atomically: temporary file in the same folder, fsync,
 * rename, fsync of the folder. A file that cannot be parsed is never
 * silently discarded: it is renamed to koppel.json.corrupt-<time> and
 * loading fails with a message that names the backup.
 *
 * Values are addressed by dotted keys ("afas.customer", "wizard.step").
 * NEVER store a secret, a BSN or a salary here. */
#ifndef KOPPEL_STATE_H
#define KOPPEL_STATE_H

#include <stddef.h>
#include "koppel/error.h"

struct cJSON;

struct kp_state {
	struct cJSON *root; /* always an object once loaded */
	char path[4096];
	int dirty;          /* set by setters, cleared by save */
};

/* Default path: $XDG_CONFIG_HOME/koppel/koppel.json. Returns KP_ERR_IO when
 * neither XDG_CONFIG_HOME nor HOME is set. */
enum kp_err kp_state_default_path(char *out, size_t outlen, struct kp_error *err);

/* Load path into st (a missing file gives an empty state, not an error). */
enum kp_err kp_state_load(struct kp_state *st, const char *path, struct kp_error *err);

/* Write st atomically (creating the folder with 0700). */
enum kp_err kp_state_save(struct kp_state *st, struct kp_error *err);

void kp_state_free(struct kp_state *st);

/* Getters return NULL / def when the key is missing or of another type. */
const char *kp_state_get_str(const struct kp_state *st, const char *key);
long kp_state_get_int(const struct kp_state *st, const char *key, long def);
int kp_state_get_bool(const struct kp_state *st, const char *key, int def);
/* Array of strings: returns the count; *out is a new NULL-terminated array
 * (free() it) whose strings point into st (do not free those). */
size_t kp_state_get_strv(const struct kp_state *st, const char *key, const char ***out);

/* Setters create intermediate objects; value NULL removes the key. */
void kp_state_set_str(struct kp_state *st, const char *key, const char *value);
void kp_state_set_int(struct kp_state *st, const char *key, long value);
void kp_state_set_bool(struct kp_state *st, const char *key, int value);
void kp_state_set_strv(struct kp_state *st, const char *key, const char *const *v, size_t n);
void kp_state_remove(struct kp_state *st, const char *key);

#endif
