/* control.c — the control API tests and demos use to change the sandbox at
 * run time: POST {control_url}/fault, /reset, /expire-access-tokens,
 * /revoke-refresh-tokens, /settings; GET /status. Every call needs the
 * X-Control-Key header from the info file. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "sandbox.h"

static enum MHD_Result reply(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			     const char *unused, const char *detail)
{
	char body[512];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "ok", status < 300);
	if (detail)
		cJSON_AddStringToObject(o, status < 300 ? "result" : "error", detail);
	(void)unused;
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	snprintf(body, sizeof body, "%s", json ? json : "{}");
	cJSON_free(json);
	return sb_respond(c, r, status, "application/json; charset=utf-8", body, strlen(body));
}

static int settings(struct sb_server *s, const char *json, char *msg, size_t ml)
{
	cJSON *o = cJSON_Parse(json ? json : "");
	int rc = -1;
	if (!cJSON_IsObject(o)) {
		snprintf(msg, ml, "body is not a JSON object");
		goto out;
	}
	const cJSON *ttl = cJSON_GetObjectItemCaseSensitive(o, "access_token_ttl");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(o, "code_ttl");
	const cJSON *lat = cJSON_GetObjectItemCaseSensitive(o, "latency_ms");
	if ((ttl && (!cJSON_IsNumber(ttl) || ttl->valueint < 1)) ||
	    (code && (!cJSON_IsNumber(code) || code->valueint < 1)) ||
	    (lat && (!cJSON_IsNumber(lat) || lat->valueint < 0 || lat->valueint > 600000))) {
		snprintf(msg, ml, "access_token_ttl and code_ttl must be >= 1, latency_ms 0..600000");
		goto out;
	}
	pthread_mutex_lock(&s->lock);
	if (ttl)
		s->access_ttl = ttl->valueint;
	if (code)
		s->code_ttl = code->valueint;
	if (lat)
		s->latency_ms = lat->valueint;
	pthread_mutex_unlock(&s->lock);
	rc = 0;
out:
	cJSON_Delete(o);
	return rc;
}

static enum MHD_Result status(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r)
{
	cJSON *o = cJSON_CreateObject();
	int faults = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_FAULTS; i++)
		faults += s->faults[i].active;
	cJSON_AddNumberToObject(o, "faults", faults);
	cJSON_AddNumberToObject(o, "access_token_ttl", s->access_ttl);
	cJSON_AddNumberToObject(o, "code_ttl", s->code_ttl);
	cJSON_AddNumberToObject(o, "latency_ms", s->latency_ms);
	cJSON_AddNumberToObject(o, "employees", (double)s->employees);
	cJSON_AddNumberToObject(o, "rows", (double)s->rows);
	pthread_mutex_unlock(&s->lock);
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return sb_respond_json(c, r, 200, json);
}

enum MHD_Result sb_control_handle(struct sb_server *s, struct MHD_Connection *c,
				  struct sb_req *r, const char *method, const char *url)
{
	const char *key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Control-Key");
	char msg[256];
	if (!key || !sb_secret_eq(key, s->control_key))
		return reply(c, r, 403, NULL, "X-Control-Key header missing or wrong");
	if (strcmp(url, "/status") == 0 && strcmp(method, "GET") == 0)
		return status(s, c, r);
	if (strcmp(method, "POST") != 0)
		return reply(c, r, 405, NULL, "use POST");
	if (strcmp(url, "/fault") == 0) {
		if (sb_fault_add_json(s, r->body, msg, sizeof msg) != 0)
			return reply(c, r, 400, NULL, msg);
		return reply(c, r, 200, NULL, "fault set");
	}
	if (strcmp(url, "/reset") == 0) {
		sb_fault_clear(s);
		pthread_mutex_lock(&s->lock);
		s->access_ttl = 3599;
		s->code_ttl = 60;
		s->latency_ms = s->latency_base;
		pthread_mutex_unlock(&s->lock);
		return reply(c, r, 200, NULL, "faults cleared, lifetimes and latency restored");
	}
	if (strcmp(url, "/expire-access-tokens") == 0) {
		sb_tokens_expire_access(s);
		return reply(c, r, 200, NULL, "every access token expired");
	}
	if (strcmp(url, "/revoke-refresh-tokens") == 0) {
		sb_tokens_revoke_refresh(s);
		return reply(c, r, 200, NULL, "every refresh token revoked");
	}
	if (strcmp(url, "/settings") == 0) {
		if (settings(s, r->body, msg, sizeof msg) != 0)
			return reply(c, r, 400, NULL, msg);
		return reply(c, r, 200, NULL, "settings changed");
	}
	return reply(c, r, 404, NULL, "unknown control path");
}
