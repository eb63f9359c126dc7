/* afas_token.c — parse, normalise and encode the App Connector token. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "koppel/afas_token.h"
#include "koppel/http.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"

/* Copy src without any whitespace into a new secret buffer. */
static char *strip_space(const char *src)
{
	size_t n = strlen(src);
	char *out = malloc(n + 1);
	size_t j = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)src[i]))
			out[j++] = src[i];
	out[j] = '\0';
	return out;
}

/* Find the text between <tag> and </tag> (case-insensitive) in s; returns a
 * pointer into s and its length, or NULL when absent. */
static const char *xml_element(const char *s, const char *tag, size_t *len)
{
	char open[32], close[32];
	const char *p, *q;

	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	p = strcasestr(s, open);
	if (!p)
		return NULL;
	p += strlen(open);
	q = strcasestr(p, close);
	if (!q)
		return NULL;
	*len = (size_t)(q - p);
	return p;
}

static enum kp_err fail(enum kp_afas_token_problem why, enum kp_afas_token_problem *problem,
			struct kp_error *err, const char *hint, const char *msg)
{
	if (problem)
		*problem = why;
	return kp_error_set(err, KP_ERR_INVALID, hint, "%s", msg);
}

/* Version: digits only, 1..9999. */
static int version_ok(const char *v, size_t len)
{
	if (len == 0 || len > 4)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return strtol(v, NULL, 10) > 0;
}

enum kp_err kp_afas_token_parse(const char *input, const char *version, struct kp_afas_token *out,
				enum kp_afas_token_problem *problem, struct kp_error *err)
{
	enum kp_err rc = KP_OK;
	char *s = NULL, *ver = NULL;
	const char *data, *v = NULL;
	size_t data_len, v_len = 0;
	char msg[512];

	memset(out, 0, sizeof *out);
	if (problem)
		*problem = KP_TOKEN_OK;
	s = strip_space(input ? input : "");
	ver = strip_space(version ? version : "");
	if (!s || !ver) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	if (!*s) {
		rc = fail(KP_TOKEN_EMPTY, problem, err,
			  _("Paste the token from the App Connector in AFAS."),
			  _("No token was entered."));
		goto out;
	}
	if (strchr(s, '<') || strchr(s, '>')) {
		data = xml_element(s, "data", &data_len);
		if (!data) {
			rc = fail(
			    KP_TOKEN_BAD_XML, problem, err,
			    _("Copy the whole token from AFAS, from <token> up to and including "
			      "</token>, or only the text between <data> and </data>."),
			    _("The token looks like XML but has no <data> part."));
			goto out;
		}
		v = xml_element(s, "version", &v_len);
		if (!v) {
			rc =
			    fail(KP_TOKEN_NO_VERSION, problem, err,
				 _("Copy the whole token from AFAS including <version>…</version>, "
				   "or enter the data part and its version separately."),
				 _("The token has no version."));
			goto out;
		}
		if (*ver && (strlen(ver) != v_len || strncmp(ver, v, v_len) != 0)) {
			rc = fail(KP_TOKEN_BAD_VERSION, problem, err,
				  _("Leave the version empty when you paste the whole token, or "
				    "correct it."),
				  _("The version you entered differs from the version inside the "
				    "token."));
			goto out;
		}
	} else {
		data = s;
		data_len = strlen(s);
		if (!*ver) {
			rc = fail(KP_TOKEN_NO_VERSION, problem, err,
				  _("Enter the token version shown in AFAS (1 for a first token), "
				    "or paste the whole token including <version>."),
				  _("Only the data part was entered, without a version."));
			goto out;
		}
		v = ver;
		v_len = strlen(ver);
	}
	if (!version_ok(v, v_len)) {
		rc = fail(KP_TOKEN_BAD_VERSION, problem, err,
			  _("The version is a whole number such as 1; check it in the App "
			    "Connector in AFAS."),
			  _("The token version is not a whole number."));
		goto out;
	}
	for (size_t i = 0; i < data_len; i++) {
		if (!isxdigit((unsigned char)data[i])) {
			snprintf(msg, sizeof msg,
				 _("The token data is not hexadecimal: character %zu is not one of "
				   "0-9 or A-F."),
				 i + 1);
			rc = fail(KP_TOKEN_NOT_HEX, problem, err,
				  _("Copy the token again from AFAS; it holds only the digits 0-9 "
				    "and the letters A-F."),
				  msg);
			goto out;
		}
	}
	if (data_len != KP_AFAS_TOKEN_DATA_LEN) {
		snprintf(msg, sizeof msg,
			 _("The token data has the wrong length: %zu characters instead of %d."),
			 data_len, KP_AFAS_TOKEN_DATA_LEN);
		rc = fail(KP_TOKEN_BAD_LENGTH, problem, err,
			  _("Part of the token is missing or something extra was copied; copy it "
			    "again from AFAS in one go."),
			  msg);
		goto out;
	}
	memcpy(out->version, v, v_len);
	out->version[v_len] = '\0';
	for (size_t i = 0; i < data_len; i++)
		out->data[i] = (char)toupper((unsigned char)data[i]);
	out->data[data_len] = '\0';
out:
	if (rc != KP_OK)
		kp_afas_token_wipe(out);
	kp_secret_free(s);
	kp_secret_free(ver);
	return rc;
}

char *kp_afas_token_xml(const struct kp_afas_token *t)
{
	size_t n = strlen(t->version) + strlen(t->data) + 64;
	char *x = malloc(n);

	if (!x)
		return NULL;
	snprintf(x, n, "<token><version>%s</version><data>%s</data></token>", t->version, t->data);
	return x;
}

char *kp_afas_token_auth_header(const struct kp_afas_token *t)
{
	char *xml = kp_afas_token_xml(t), *b64 = NULL, *h = NULL;
	size_t n;

	if (!xml)
		return NULL;
	b64 = kp_base64_encode(xml, strlen(xml));
	if (!b64)
		goto out;
	n = strlen(b64) + 40;
	h = malloc(n);
	if (h)
		snprintf(h, n, "Authorization: AfasToken %s", b64);
out:
	kp_secret_free(xml);
	kp_secret_free(b64);
	return h;
}

void kp_afas_token_wipe(struct kp_afas_token *t) { kp_wipe(t, sizeof *t); }
