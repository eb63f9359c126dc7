/* sbx_client.c — see sbx_client.h. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sbx_client.h"

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct sbx_resp *r = ud;
	size_t add = size * n;
	char *nb = realloc(r->body, r->len + add + 1);
	if (!nb)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, add);
	r->len += add;
	r->body[r->len] = '\0';
	return add;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct sbx_resp *r = ud;
	size_t add = size * n, have = strlen(r->headers);
	if (have + add < sizeof r->headers) {
		memcpy(r->headers + have, p, add);
		r->headers[have + add] = '\0';
	}
	return add;
}

int sbx_request(struct kp_test_sandbox *s, const char *method, const char *url,
		const char *const *headers, const char *body, struct sbx_resp *r)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	memset(r, 0, sizeof *r);
	r->body = calloc(1, 1);
	for (size_t i = 0; headers && headers[i]; i++)
		h = curl_slist_append(h, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, s->ep.ca_file);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (method && strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	r->curl_code = (int)curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &r->seconds);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return r->curl_code;
}

void sbx_resp_free(struct sbx_resp *r)
{
	free(r->body);
	r->body = NULL;
}

int sbx_header(const struct sbx_resp *r, const char *name, char *out, size_t outlen)
{
	const char *p = r->headers;
	size_t n = strlen(name);
	while (p && *p) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, "\r\n");
			snprintf(out, outlen, "%.*s", (int)len, p);
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static const char *info_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

void sbx_afas_base(struct kp_test_sandbox *s, const char *participant, char *out, size_t len)
{
	const char *t = info_str(s->info, "afas_url");
	const char *id = strstr(t, "{id}");
	snprintf(out, len, "%.*s%s%s", (int)(id - t), t, participant, id + 4);
}

void sbx_afas_auth(struct kp_test_sandbox *s, const char *participant, char *out, size_t len)
{
	const cJSON *p;
	const char *xml = "";
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->info, "afas_participants"))
		if (strcmp(info_str(p, "participant"), participant) == 0)
			xml = info_str(p, "token");
	gnutls_datum_t in = { (unsigned char *)xml, (unsigned)strlen(xml) }, b64 = { 0 };
	gnutls_base64_encode2(&in, &b64);
	snprintf(out, len, "Authorization: AfasToken %.*s", (int)b64.size, b64.data);
	gnutls_free(b64.data);
}

int sbx_afas_get(struct kp_test_sandbox *s, const char *participant, const char *path,
		 struct sbx_resp *r)
{
	char base[512], url[4096], auth[512];
	sbx_afas_base(s, participant, base, sizeof base);
	snprintf(url, sizeof url, "%s%s", base, path);
	sbx_afas_auth(s, participant, auth, sizeof auth);
	const char *h[] = { auth, NULL };
	return sbx_request(s, "GET", url, h, NULL, r);
}

const char *sbx_loket_password(struct kp_test_sandbox *s, const char *user)
{
	const cJSON *u;
	cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(s->info, "loket_users"))
		if (strcmp(info_str(u, "username"), user) == 0)
			return info_str(u, "password");
	return "";
}

static void urlenc(char *out, size_t outlen, const char *s)
{
	CURL *c = curl_easy_init();
	char *e = curl_easy_escape(c, s, 0);
	snprintf(out, outlen, "%s", e ? e : "");
	curl_free(e);
	curl_easy_cleanup(c);
}

/* Append name=value for every hidden input of the page. */
static void hidden_fields(const char *html, char *form, size_t flen)
{
	const char *p = html;
	while ((p = strstr(p, "type=\"hidden\" name=\"")) != NULL) {
		char name[64], value[1024], enc[2048];
		p += strlen("type=\"hidden\" name=\"");
		size_t n = strcspn(p, "\"");
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		const char *v = strstr(p, "value=\"");
		if (!v)
			break;
		v += 7;
		n = strcspn(v, "\"");
		snprintf(value, sizeof value, "%.*s", (int)n, v);
		urlenc(enc, sizeof enc, value);
		size_t have = strlen(form);
		snprintf(form + have, flen - have, "%s%s=%s", have ? "&" : "", name, enc);
		p = v + n;
	}
}

int sbx_loket_consent(struct kp_test_sandbox *s, const char *user, const char *password,
		      const char *challenge, int allow, const char *redirect_uri, char *code_out,
		      size_t code_len, char *location, size_t loc_len)
{
	char url[2048], enc[1024], form[8192] = "", tmp[1200];
	struct sbx_resp r;
	int rc = -1;
	urlenc(enc, sizeof enc, redirect_uri);
	snprintf(url, sizeof url,
		 "%s/authorize?client_id=%s&redirect_uri=%s&response_type=code&scope=all&state=st4te%s%s%s",
		 s->ep.loket_oauth_url, s->ep.loket_client_id, enc,
		 challenge ? "&code_challenge=" : "", challenge ? challenge : "",
		 challenge ? "&code_challenge_method=S256" : "");
	if (sbx_request(s, "GET", url, NULL, NULL, &r) || r.status != 200)
		goto out;
	hidden_fields(r.body, form, sizeof form);
	sbx_resp_free(&r);
	urlenc(enc, sizeof enc, user);
	snprintf(tmp, sizeof tmp, "&username=%s", enc);
	strncat(form, tmp, sizeof form - strlen(form) - 1);
	urlenc(enc, sizeof enc, password);
	snprintf(tmp, sizeof tmp, "&password=%s", enc);
	strncat(form, tmp, sizeof form - strlen(form) - 1);
	snprintf(url, sizeof url, "%s/login", s->ep.loket_oauth_url);
	if (sbx_request(s, "POST", url, NULL, form, &r) || r.status != 200 ||
	    !strstr(r.body, "Toestaan")) {
		if (location)
			snprintf(location, loc_len, "%s", r.body ? r.body : "");
		goto out;
	}
	form[0] = '\0';
	hidden_fields(r.body, form, sizeof form);
	sbx_resp_free(&r);
	strncat(form, allow ? "&decision=allow" : "&decision=deny", sizeof form - strlen(form) - 1);
	snprintf(url, sizeof url, "%s/consent", s->ep.loket_oauth_url);
	if (sbx_request(s, "POST", url, NULL, form, &r) || r.status != 302)
		goto out;
	char loc[2048];
	if (sbx_header(&r, "Location", loc, sizeof loc) != 0)
		goto out;
	if (location)
		snprintf(location, loc_len, "%s", loc);
	if (code_out) {
		const char *c = strstr(loc, "code=");
		code_out[0] = '\0';
		if (c)
			snprintf(code_out, code_len, "%.*s", (int)strcspn(c + 5, "&"), c + 5);
	}
	rc = 0;
out:
	sbx_resp_free(&r);
	return rc;
}

int sbx_loket_token(struct kp_test_sandbox *s, const char *form, struct sbx_resp *r)
{
	char url[700];
	snprintf(url, sizeof url, "%s/token", s->ep.loket_oauth_url);
	return sbx_request(s, "POST", url, NULL, form, r);
}

void sbx_pkce_challenge(const char *verifier, char *out, size_t outlen)
{
	unsigned char d[32];
	gnutls_hash_fast(GNUTLS_DIG_SHA256, verifier, strlen(verifier), d);
	gnutls_datum_t in = { d, 32 }, b64 = { 0 };
	gnutls_base64_encode2(&in, &b64);
	size_t o = 0;
	for (unsigned i = 0; i < b64.size && o + 1 < outlen; i++) {
		char ch = (char)b64.data[i];
		if (ch == '=')
			break;
		out[o++] = ch == '+' ? '-' : ch == '/' ? '_' : ch;
	}
	out[o] = '\0';
	gnutls_free(b64.data);
}

int sbx_loket_login(struct kp_test_sandbox *s, const char *user, char *access, size_t alen,
		    char *refresh, size_t rlen)
{
	const char *verifier = "verifier-0123456789-0123456789-0123456789-abcdef";
	const char *redirect = "http://127.0.0.1:53682/callback";
	char challenge[64], code[128], form[1024], enc[256];
	struct sbx_resp r;
	sbx_pkce_challenge(verifier, challenge, sizeof challenge);
	if (sbx_loket_consent(s, user, sbx_loket_password(s, user), challenge, 1, redirect, code,
			      sizeof code, NULL, 0) != 0)
		return -1;
	urlenc(enc, sizeof enc, redirect);
	snprintf(form, sizeof form,
		 "grant_type=authorization_code&code=%s&redirect_uri=%s&client_id=%s&code_verifier=%s",
		 code, enc, s->ep.loket_client_id, verifier);
	if (sbx_loket_token(s, form, &r) || r.status != 200) {
		sbx_resp_free(&r);
		return -1;
	}
	cJSON *o = cJSON_Parse(r.body);
	snprintf(access, alen, "%s", info_str(o, "access_token"));
	snprintf(refresh, rlen, "%s", info_str(o, "refresh_token"));
	cJSON_Delete(o);
	sbx_resp_free(&r);
	return access[0] && refresh[0] ? 0 : -1;
}

int sbx_loket_get(struct kp_test_sandbox *s, const char *token, const char *version,
		  const char *path, struct sbx_resp *r)
{
	char url[2048], auth[256], accept[128];
	const char *h[3] = { NULL, NULL, NULL };
	int n = 0;
	snprintf(url, sizeof url, "%s%s", s->ep.loket_api_url, path);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[n++] = auth;
	}
	if (version) {
		snprintf(accept, sizeof accept, "Accept: application/json;version=%s", version);
		h[n++] = accept;
	}
	return sbx_request(s, "GET", url, h, NULL, r);
}

long sbx_rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}
