/* oauth_token.c — the token endpoint: code exchange and refresh
 * (form-encoded POST), and the token pair as one JSON keyring value. */
#include "koppel/i18n.h"
#include "koppel/oauth.h"
#include "koppel/secure.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void kp_oauth_tokens_free(struct kp_oauth_tokens *t)
{
	if (!t)
		return;
	kp_secret_free(t->access_token);
	kp_secret_free(t->refresh_token);
	t->access_token = t->refresh_token = NULL;
	t->expires_at = 0;
}

char *kp_oauth_tokens_to_json(const struct kp_oauth_tokens *t)
{
	cJSON *o = cJSON_CreateObject();
	char *s, *out;
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "access_token", t->access_token ? t->access_token : "");
	cJSON_AddStringToObject(o, "refresh_token", t->refresh_token ? t->refresh_token : "");
	cJSON_AddNumberToObject(o, "expires_at", (double)t->expires_at);
	s = cJSON_PrintUnformatted(o);
	/* cJSON keeps copies of the tokens: wipe them before freeing */
	for (cJSON *c = o->child; c; c = c->next)
		if (cJSON_IsString(c) && c->valuestring)
			kp_wipe(c->valuestring, strlen(c->valuestring));
	cJSON_Delete(o);
	out = kp_secret_dup(s);
	kp_secret_free(s);
	return out;
}

static void wipe_json(cJSON *o)
{
	for (cJSON *c = o ? o->child : NULL; c; c = c->next) {
		if (cJSON_IsString(c) && c->valuestring)
			kp_wipe(c->valuestring, strlen(c->valuestring));
		wipe_json(c);
	}
}

enum kp_err kp_oauth_tokens_from_json(const char *json, struct kp_oauth_tokens *t,
				      struct kp_error *err)
{
	cJSON *o = cJSON_Parse(json ? json : "");
	cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "access_token");
	cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "refresh_token");
	cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "expires_at");
	enum kp_err rc = KP_OK;
	memset(t, 0, sizeof *t);
	if (!cJSON_IsString(a) || !cJSON_IsString(r) || !cJSON_IsNumber(e)) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE,
		    _("Give consent again with `koppel loket login`; it replaces the item."),
		    _("The Loket.nl token item in the keyring cannot be read."));
		goto out;
	}
	t->access_token = kp_secret_dup(a->valuestring);
	t->refresh_token = kp_secret_dup(r->valuestring);
	t->expires_at = (long long)e->valuedouble;
	if (!t->access_token || !t->refresh_token) {
		kp_oauth_tokens_free(t);
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
out:
	wipe_json(o);
	cJSON_Delete(o);
	return rc;
}

/* Append "&key=escaped(value)" to a secret form body. */
static int form_add(char **body, const char *key, const char *value)
{
	char *ev, *nb;
	if (!value)
		return 0;
	ev = kp_http_escape(value);
	if (!ev)
		return -1;
	if (asprintf(&nb, "%s%s%s=%s", *body ? *body : "", *body ? "&" : "", key, ev) < 0) {
		kp_secret_free(ev);
		return -1;
	}
	kp_secret_free(ev);
	kp_secret_free(*body);
	*body = nb;
	return 0;
}

static enum kp_err token_error(const struct kp_http_response *resp, int refresh,
			       struct kp_error *err)
{
	cJSON *o = cJSON_Parse(resp->body ? resp->body : "");
	cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "error");
	const char *code = cJSON_IsString(e) ? e->valuestring : "";
	enum kp_err rc;
	if (strcmp(code, "invalid_client") == 0)
		rc = kp_error_set(
		    err, KP_ERR_AUTH,
		    _("Check the OAuth client id and client secret for Loket.nl (the "
		      "secret is kept in the keyring as \"loket-client\"); ask whoever "
		      "registered the client if unsure."),
		    _("Loket.nl does not accept the OAuth client (invalid_client)."));
	else if (strcmp(code, "invalid_grant") == 0 && refresh)
		rc = kp_error_set(err, KP_ERR_AUTH,
				  _("Give consent again: run `koppel loket login`."),
				  _("Loket.nl no longer accepts the stored refresh token "
				    "(invalid_grant): consent is needed again."));
	else if (strcmp(code, "invalid_grant") == 0)
		rc =
		    kp_error_set(err, KP_ERR_AUTH,
				 _("A code works once and only for about a minute. Start the "
				   "consent again."),
				 _("Loket.nl refused the sign-in code (invalid_grant): it was used "
				   "already, expired, or does not match this session."));
	else if (resp->status >= 500)
		rc = kp_error_set(err, KP_ERR_HTTP, _("Try again in a few minutes."),
				  _("The Loket.nl sign-in service has a problem (HTTP %ld)."),
				  resp->status);
	else
		rc = kp_error_set(err, KP_ERR_AUTH, _("Start the consent again."),
				  _("Loket.nl refused the token request (HTTP %ld%s%s)."),
				  resp->status, *code ? ", " : "",
				  (*code && strlen(code) < 64) ? code : "");
	if (err)
		err->http_status = resp->status;
	cJSON_Delete(o);
	return rc;
}

static enum kp_err token_post(const struct kp_oauth_client *c, char *body, int refresh,
			      struct kp_oauth_tokens *out, struct kp_error *err)
{
	static const char *const headers[] = {"Content-Type: application/x-www-form-urlencoded",
					      "Accept: application/json", NULL};
	struct kp_http_request req = {.method = "POST", .headers = headers};
	struct kp_http_response resp = {0};
	cJSON *o = NULL, *a, *r, *e;
	char *url = NULL;
	enum kp_err rc;
	size_t blen = strlen(c->oauth_base);
	while (blen && c->oauth_base[blen - 1] == '/')
		blen--;
	if (asprintf(&url, "%.*s/token", (int)blen, c->oauth_base) < 0) {
		url = NULL;
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
		goto out;
	}
	req.url = url;
	req.body = body;
	req.body_len = strlen(body);
	rc = kp_http_do(c->http, &req, &resp, err);
	if (rc)
		goto out;
	if (resp.status != 200) {
		rc = token_error(&resp, refresh, err);
		goto out;
	}
	o = cJSON_Parse(resp.body);
	a = cJSON_GetObjectItemCaseSensitive(o, "access_token");
	r = cJSON_GetObjectItemCaseSensitive(o, "refresh_token");
	e = cJSON_GetObjectItemCaseSensitive(o, "expires_in");
	if (!cJSON_IsString(a) || !*a->valuestring) {
		rc = kp_error_set(err, KP_ERR_PARSE,
				  _("Try again; if it persists, contact Loket.nl."),
				  _("The Loket.nl token answer has no access token."));
		goto out;
	}
	memset(out, 0, sizeof *out);
	out->access_token = kp_secret_dup(a->valuestring);
	/* a server that does not rotate may omit the refresh token: keep ours */
	out->refresh_token = kp_secret_dup(cJSON_IsString(r) ? r->valuestring : "");
	out->expires_at =
	    (long long)time(NULL) +
	    (cJSON_IsNumber(e) && e->valuedouble > 0 ? (long long)e->valuedouble : 3599);
	if (!out->access_token || !out->refresh_token) {
		kp_oauth_tokens_free(out);
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
out:
	wipe_json(o);
	cJSON_Delete(o);
	if (resp.body)
		kp_wipe(resp.body, resp.body_len);
	kp_http_response_free(&resp);
	free(url);
	return rc;
}

enum kp_err kp_oauth_exchange_code(const struct kp_oauth_client *c, const char *code,
				   const char *redirect_uri, const char *code_verifier,
				   struct kp_oauth_tokens *out, struct kp_error *err)
{
	char *body = NULL;
	enum kp_err rc;
	if (form_add(&body, "grant_type", "authorization_code") || form_add(&body, "code", code) ||
	    form_add(&body, "redirect_uri", redirect_uri) ||
	    form_add(&body, "client_id", c->client_id) ||
	    form_add(&body, "client_secret",
		     c->client_secret && *c->client_secret ? c->client_secret : NULL) ||
	    form_add(&body, "code_verifier", code_verifier)) {
		kp_secret_free(body);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	rc = token_post(c, body, 0, out, err);
	kp_secret_free(body);
	return rc;
}

enum kp_err kp_oauth_refresh(const struct kp_oauth_client *c, const char *refresh_token,
			     struct kp_oauth_tokens *out, struct kp_error *err)
{
	char *body = NULL;
	enum kp_err rc;
	if (!refresh_token || !*refresh_token)
		return kp_error_set(err, KP_ERR_AUTH,
				    _("Give consent again: run `koppel loket login`."),
				    _("There is no refresh token: consent is needed again."));
	if (form_add(&body, "grant_type", "refresh_token") ||
	    form_add(&body, "refresh_token", refresh_token) ||
	    form_add(&body, "client_id", c->client_id) ||
	    form_add(&body, "client_secret",
		     c->client_secret && *c->client_secret ? c->client_secret : NULL)) {
		kp_secret_free(body);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	rc = token_post(c, body, 1, out, err);
	if (rc == KP_OK && !*out->refresh_token) {
		kp_secret_free(out->refresh_token);
		out->refresh_token = kp_secret_dup(refresh_token);
	}
	kp_secret_free(body);
	return rc;
}
