/* keyring.h — secrets in the Secret Service (libsecret), nowhere else.
 *
 * One schema, "nl.koppel.Secret", attributes provider ("afas", "loket",
 * "loket-client"), environment ("production", "test", "accept", "sandbox")
 * and account (AFAS participant number, Loket client id, ...). One item per
 * connection. Values are UTF-8 strings; structured secrets (Loket's access
 * and refresh token with expiry) are stored as one JSON string, so that a
 * rotated pair is replaced in one write.
 *
 * Failures: KP_ERR_KEYRING when no Secret Service answers (with a hint on
 * how to get one), KP_ERR_NOTFOUND when the item does not exist. */
#ifndef KOPPEL_KEYRING_H
#define KOPPEL_KEYRING_H

#include "koppel/error.h"

struct kp_secret_key {
	const char *provider;
	const char *environment;
	const char *account;
};

/* Store (create or replace) secret under key, with a human label. */
enum kp_err kp_keyring_store(const struct kp_secret_key *key, const char *label,
			     const char *secret, struct kp_error *err);

/* Look up; *secret_out is a new string to release with kp_secret_free. */
enum kp_err kp_keyring_lookup(const struct kp_secret_key *key, char **secret_out,
			      struct kp_error *err);

/* Delete; deleting a missing item is not an error. */
enum kp_err kp_keyring_delete(const struct kp_secret_key *key, struct kp_error *err);

/* Store, read back and delete a probe item: proves the keyring is usable
 * before a one-time secret (a new token) depends on it. */
enum kp_err kp_keyring_probe(struct kp_error *err);

#endif
