/* keyring.c — libsecret with one schema. The Secret Service may be missing
 * (a bare server, SSH): every failure then says how to get one. */
#include <libsecret/secret.h>
#include <string.h>
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/secure.h"

static const SecretSchema *schema(void)
{
	static const SecretSchema s = {
		"nl.koppel.Secret",
		SECRET_SCHEMA_NONE,
		{
			{"provider", SECRET_SCHEMA_ATTRIBUTE_STRING},
			{"environment", SECRET_SCHEMA_ATTRIBUTE_STRING},
			{"account", SECRET_SCHEMA_ATTRIBUTE_STRING},
			{NULL, 0},
		},
		0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	};
	return &s;
}

static const char *no_service_hint(void)
{
	return _("Start a Secret Service: log in to a desktop session with GNOME Keyring or "
		 "KeePassXC, or on a server run koppel inside `dbus-run-session` after "
		 "`gnome-keyring-daemon --unlock`. koppel never stores secrets in a plain file.");
}

static enum kp_err from_gerror(GError *gerr, struct kp_error *err)
{
	enum kp_err rc = kp_error_set(err, KP_ERR_KEYRING, no_service_hint(),
				      _("The keyring could not be used: %s"),
				      gerr && gerr->message ? gerr->message : "?");
	if (gerr)
		g_error_free(gerr);
	return rc;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

enum kp_err kp_keyring_store(const struct kp_secret_key *key, const char *label,
			     const char *secret, struct kp_error *err)
{
	GError *gerr = NULL;
	gboolean ok = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label, secret,
						 NULL, &gerr, "provider", nz(key->provider),
						 "environment", nz(key->environment), "account",
						 nz(key->account), NULL);
	if (!ok)
		return from_gerror(gerr, err);
	return KP_OK;
}

enum kp_err kp_keyring_lookup(const struct kp_secret_key *key, char **secret_out,
			      struct kp_error *err)
{
	GError *gerr = NULL;
	*secret_out = NULL;
	gchar *pw = secret_password_lookup_sync(schema(), NULL, &gerr, "provider",
						nz(key->provider), "environment",
						nz(key->environment), "account", nz(key->account),
						NULL);
	if (gerr)
		return from_gerror(gerr, err);
	if (!pw)
		return kp_error_set(err, KP_ERR_NOTFOUND, NULL,
				    _("No secret stored for %s (%s, %s)."), nz(key->provider),
				    nz(key->environment), nz(key->account));
	*secret_out = strdup(pw);
	secret_password_free(pw); /* wipes libsecret's copy */
	return *secret_out ? KP_OK : kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
}

enum kp_err kp_keyring_delete(const struct kp_secret_key *key, struct kp_error *err)
{
	GError *gerr = NULL;
	secret_password_clear_sync(schema(), NULL, &gerr, "provider", nz(key->provider),
				   "environment", nz(key->environment), "account",
				   nz(key->account), NULL);
	if (gerr)
		return from_gerror(gerr, err);
	return KP_OK;
}

enum kp_err kp_keyring_probe(struct kp_error *err)
{
	const struct kp_secret_key key = {"probe", "probe", "koppel-probe"};
	const char *value = "koppel keyring probe";
	char *back = NULL;
	enum kp_err rc = kp_keyring_store(&key, "koppel keyring probe", value, err);
	if (rc != KP_OK)
		return rc;
	rc = kp_keyring_lookup(&key, &back, err);
	if (rc == KP_OK && strcmp(back, value) != 0)
		rc = kp_error_set(err, KP_ERR_KEYRING, no_service_hint(), "%s",
				  _("The keyring returned something else than was stored."));
	kp_secret_free(back);
	enum kp_err drc = kp_keyring_delete(&key, rc == KP_OK ? err : NULL);
	return rc != KP_OK ? rc : drc;
}
