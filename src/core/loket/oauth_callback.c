/* oauth_callback.c — reading the redirect back from the authorize page,
 * whether the loopback listener got it or the user pasted the address.
 * Input is hostile by assumption: lengths bounded, duplicates refused. */
#include "koppel/i18n.h"
#include "koppel/oauth.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest address we accept from a paste. */
#define KP_CALLBACK_URL_MAX 8192

static void put(char *dst, size_t dstlen, const char *v, int *too_long)
{
	size_t n = strlen(v);
	if (n >= dstlen) {
		*too_long = 1;
		n = 0;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
}

void kp_oauth_callback_add(struct kp_oauth_callback *cb, const char *key, const char *value)
{
	if (!key)
		return;
	if (!value)
		value = "";
	if (strcmp(key, "code") == 0) {
		if (cb->n_code++ == 0)
			put(cb->code, sizeof cb->code, value, &cb->too_long);
	} else if (strcmp(key, "state") == 0) {
		if (cb->n_state++ == 0)
			put(cb->state, sizeof cb->state, value, &cb->too_long);
	} else if (strcmp(key, "error") == 0) {
		if (cb->n_error++ == 0)
			put(cb->error, sizeof cb->error, value, &cb->too_long);
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decode s[0..n) into a new string ('+' is a space in queries).
 * NULL on a malformed escape or an embedded NUL. */
static char *decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h, l;
			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0)) {
				free(out);
				return NULL;
			}
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else if (s[i] == '+') {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

enum kp_err kp_oauth_parse_query(const char *query, struct kp_oauth_callback *cb,
				 struct kp_error *err)
{
	const char *p = query;
	memset(cb, 0, sizeof *cb);
	if (!query)
		return KP_OK;
	if (strlen(query) > KP_CALLBACK_URL_MAX) {
		cb->too_long = 1;
		return kp_error_set(err, KP_ERR_INVALID,
				    _("Copy the address again, exactly as the browser shows it."),
				    _("The address is too long to be a sign-in response."));
	}
	while (*p) {
		const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		char *k, *v;
		if (end == p) {
			p++;
			continue;
		}
		k = decode(p, (size_t)((eq ? eq : end) - p));
		v = eq ? decode(eq + 1, (size_t)(end - eq - 1)) : calloc(1, 1);
		if (!k || !v) {
			free(k);
			free(v);
			return kp_error_set(
			    err, KP_ERR_INVALID,
			    _("Copy the address again, exactly as the browser shows it."),
			    _("The address contains a damaged parameter."));
		}
		kp_oauth_callback_add(cb, k, v);
		free(k);
		free(v);
		p = amp ? amp + 1 : end;
	}
	return KP_OK;
}

/* The parts of an http(s) address; each a new string. */
struct url_parts {
	char *host; /* host[:port], lower case */
	char *path;
	char *query;
};

static void url_parts_free(struct url_parts *u)
{
	free(u->host);
	free(u->path);
	free(u->query);
}

static int split_url(const char *url, struct url_parts *u)
{
	const char *s = strstr(url, "://"), *a, *q, *f;
	size_t hl;
	memset(u, 0, sizeof *u);
	if (!s || (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0))
		return -1;
	a = s + 3;
	hl = strcspn(a, "/?#");
	if (hl == 0)
		return -1;
	u->host = strndup(a, hl);
	a += hl;
	f = strchr(a, '#'); /* a fragment is never sent to a server */
	if (!f)
		f = a + strlen(a);
	q = memchr(a, '?', (size_t)(f - a));
	if (!q)
		q = f;
	u->path = (q == a) ? strdup("/") : strndup(a, (size_t)(q - a));
	u->query = (q < f) ? strndup(q + 1, (size_t)(f - q - 1)) : strdup("");
	if (!u->host || !u->path || !u->query) {
		url_parts_free(u);
		return -1;
	}
	for (char *c = u->host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return 0;
}

enum kp_err kp_oauth_parse_callback_url(const char *url, const char *expected_redirect,
					struct kp_oauth_callback *cb, struct kp_error *err)
{
	struct url_parts got = {0}, want = {0};
	char *copy = NULL;
	const char *hint = _("Copy the whole address from the browser's address bar (it starts "
			     "with http://127.0.0.1) and paste it here.");
	enum kp_err rc = KP_OK;
	size_t n;

	memset(cb, 0, sizeof *cb);
	if (!url)
		url = "";
	while (isspace((unsigned char)*url) || *url == '"' || *url == '\'' || *url == '<')
		url++;
	n = strlen(url);
	if (n > KP_CALLBACK_URL_MAX) {
		cb->too_long = 1;
		return kp_error_set(err, KP_ERR_INVALID, hint,
				    _("The address is too long to be a sign-in response."));
	}
	copy = strndup(url, n);
	if (!copy)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	while (n && (isspace((unsigned char)copy[n - 1]) || copy[n - 1] == '"' ||
		     copy[n - 1] == '\'' || copy[n - 1] == '>'))
		copy[--n] = '\0';
	if (n == 0) {
		rc = kp_error_set(err, KP_ERR_USAGE, hint, _("No address was pasted."));
		goto out;
	}
	if (split_url(copy, &got) < 0) {
		rc = kp_error_set(err, KP_ERR_INVALID, hint,
				  _("That is not a web address (it must start with http://)."));
		goto out;
	}
	if (expected_redirect && *expected_redirect) {
		if (split_url(expected_redirect, &want) < 0) {
			rc = kp_error_set(err, KP_ERR_INTERNAL, NULL, "bad redirect uri");
			goto out;
		}
		if (strcmp(want.host, got.host) != 0 || strcmp(want.path, got.path) != 0) {
			rc = kp_error_set(
			    err, KP_ERR_INVALID, hint,
			    _("This address is not the sign-in response: it should start "
			      "with %s."),
			    expected_redirect);
			goto out;
		}
	}
	rc = kp_oauth_parse_query(got.query, cb, err);
out:
	free(copy);
	url_parts_free(&got);
	url_parts_free(&want);
	return rc;
}

enum kp_err kp_oauth_check_callback(const struct kp_oauth_callback *cb, const char *expected_state,
				    struct kp_error *err)
{
	const char *again =
	    _("Start the consent again (`koppel loket login`, or go back one step).");
	if (cb->too_long)
		return kp_error_set(
		    err, KP_ERR_INVALID, again,
		    _("The sign-in response carries a value that is far too long."));
	if (cb->n_code > 1 || cb->n_state > 1 || cb->n_error > 1)
		return kp_error_set(err, KP_ERR_INVALID, again,
				    _("The sign-in response carries a parameter twice; it was not "
				      "accepted."));
	if (cb->n_error) {
		if (strcmp(cb->error, "access_denied") == 0)
			return kp_error_set(
			    err, KP_ERR_AUTH,
			    _("Without consent the connection cannot fetch data. Start "
			      "again and choose \"Toestaan\" (Allow) in Loket.nl."),
			    _("Consent was refused in Loket.nl (\"Weigeren\")."));
		for (const char *c = cb->error; *c; c++)
			if (!isalnum((unsigned char)*c) && *c != '_')
				return kp_error_set(
				    err, KP_ERR_AUTH, again,
				    _("Loket.nl returned an error instead of a code."));
		return kp_error_set(err, KP_ERR_AUTH, again,
				    _("Loket.nl returned the error \"%s\" instead of a code."),
				    cb->error);
	}
	if (!cb->n_state || !kp_oauth_state_equal(expected_state, cb->state))
		return kp_error_set(err, KP_ERR_AUTH,
				    _("Use the address from this session only. If you had another "
				      "sign-in open, close it and start the consent again."),
				    _("The sign-in response does not belong to this session (wrong "
				      "state)."));
	if (!cb->n_code || !cb->code[0])
		return kp_error_set(err, KP_ERR_INVALID, again,
				    _("The sign-in response carries no code."));
	return KP_OK;
}
