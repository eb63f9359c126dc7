/* faults.c — faults set at run time through the control API: per route, a
 * status code with the documented body, a delay, a truncated body, invalid
 * JSON, or a connection reset, for a number of requests. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "sandbox.h"

static int route_matches(const char *pattern, const char *route)
{
	size_t n = strlen(pattern);
	if (strcmp(pattern, "*") == 0)
		return 1;
	if (n >= 2 && strcmp(pattern + n - 2, ".*") == 0)
		return strncmp(pattern, route, n - 1) == 0;
	return strcmp(pattern, route) == 0;
}

int sb_fault_take(struct sb_server *s, const char *route_id, struct sb_fault *out)
{
	int found = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_FAULTS; i++) {
		struct sb_fault *f = &s->faults[i];
		if (!f->active || !route_matches(f->route, route_id))
			continue;
		*out = *f;
		if (f->count > 0 && --f->count == 0)
			f->active = 0;
		found = 1;
		break;
	}
	pthread_mutex_unlock(&s->lock);
	return found;
}

void sb_fault_clear(struct sb_server *s)
{
	pthread_mutex_lock(&s->lock);
	memset(s->faults, 0, sizeof s->faults);
	pthread_mutex_unlock(&s->lock);
}

static const struct {
	const char *name;
	enum sb_fault_kind kind;
} kinds[] = {
	{ "status", SB_FAULT_STATUS },     { "delay", SB_FAULT_DELAY },
	{ "truncate", SB_FAULT_TRUNCATE }, { "invalid_json", SB_FAULT_INVALID_JSON },
	{ "reset", SB_FAULT_RESET },
};

int sb_fault_add_json(struct sb_server *s, const char *json, char *msg, size_t msglen)
{
	struct sb_fault f = { .active = 1, .count = 1, .kind = SB_FAULT_STATUS };
	cJSON *root = cJSON_Parse(json ? json : "");
	int rc = -1;
	if (!cJSON_IsObject(root)) {
		snprintf(msg, msglen, "body is not a JSON object");
		goto out;
	}
	const cJSON *route = cJSON_GetObjectItemCaseSensitive(root, "route");
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(root, "kind");
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(root, "status");
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(root, "count");
	const cJSON *delay = cJSON_GetObjectItemCaseSensitive(root, "delay_ms");
	const cJSON *retry = cJSON_GetObjectItemCaseSensitive(root, "retry_after");
	if (!cJSON_IsString(route) || !route->valuestring[0] ||
	    strlen(route->valuestring) >= sizeof f.route) {
		snprintf(msg, msglen, "\"route\" (string) is required");
		goto out;
	}
	snprintf(f.route, sizeof f.route, "%s", route->valuestring);
	if (kind) {
		size_t k;
		if (!cJSON_IsString(kind))
			k = sizeof kinds / sizeof *kinds;
		else
			for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
				if (strcmp(kinds[k].name, kind->valuestring) == 0)
					break;
		if (k == sizeof kinds / sizeof *kinds) {
			snprintf(msg, msglen,
				 "\"kind\" must be status, delay, truncate, invalid_json or reset");
			goto out;
		}
		f.kind = kinds[k].kind;
	} else if (!status && delay) {
		f.kind = SB_FAULT_DELAY;
	}
	if (f.kind == SB_FAULT_STATUS) {
		if (!cJSON_IsNumber(status) || status->valueint < 400 || status->valueint > 599) {
			snprintf(msg, msglen, "\"status\" must be a number from 400 to 599");
			goto out;
		}
		f.status = status->valueint;
	}
	if (f.kind == SB_FAULT_DELAY) {
		if (!cJSON_IsNumber(delay) || delay->valueint < 0 || delay->valueint > 600000) {
			snprintf(msg, msglen, "\"delay_ms\" must be a number from 0 to 600000");
			goto out;
		}
		f.delay_ms = delay->valueint;
	}
	f.retry_after = f.status == 503 ? 7200 : 2;
	if (cJSON_IsNumber(retry))
		f.retry_after = retry->valueint;
	if (count) {
		if (!cJSON_IsNumber(count) || count->valueint == 0 || count->valueint < -1) {
			snprintf(msg, msglen, "\"count\" must be a positive number, or -1 for always");
			goto out;
		}
		f.count = count->valueint;
	}
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_FAULTS; i++) {
		if (!s->faults[i].active) {
			s->faults[i] = f;
			rc = 0;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	if (rc != 0)
		snprintf(msg, msglen, "fault table full (%d); POST /reset first", SB_MAX_FAULTS);
out:
	cJSON_Delete(root);
	return rc;
}

#define LOKET_401 "{\"message\":\"Authorization has been denied for this request.\"}"
#define LOKET_403                                                                              \
	"{\"message\":\"Insufficient rights for this request, reason \\\"User doesn't have "   \
	"rechten to perform activity for the given Id.\\\"\"}"

enum MHD_Result sb_fault_respond(struct MHD_Connection *c, struct sb_req *r)
{
	const char *fam = r->family ? r->family : "";
	int st = r->fault.status;
	char retry[32], body[512];
	const char *json = NULL;
	snprintf(retry, sizeof retry, "%d", r->fault.retry_after);
	const char *hname = (st == 429 || st == 503) ? "Retry-After" : NULL;

	/* A status fault answers in full; do not also truncate it. */
	r->have_fault = 0;
	if (strcmp(fam, "afas") == 0) {
		if (st == 500) {
			char ref[33];
			sb_random_hex(ref, 16);
			for (char *p = ref; *p; p++)
				if (*p >= 'a' && *p <= 'f')
					*p = (char)(*p - 'a' + 'A');
			snprintf(body, sizeof body,
				 "{\"externalMessage\":\"Er is een onverwachte fout opgetreden "
				 "(sandbox-storing).\",\"errorNumber\":-2147180999,"
				 "\"profitLogReference\":\"%s\"}",
				 ref);
			json = body;
		} else if (st == 503) {
			snprintf(body, sizeof body,
				 "{\"error\":{\"code\":\"503\",\"message\":\"Service temporarily "
				 "unavailable due to scheduled maintenance. Please check afasstatus.nl "
				 "for details.\"},\"retry_after\":%d}",
				 r->fault.retry_after);
			json = body;
		}
	} else if (strcmp(fam, "loket") == 0) {
		if (st == 401)
			json = LOKET_401;
		else if (st == 403)
			json = LOKET_403;
		else if (st == 400)
			json = "{\"version\":{\"obsoleteDate\":null,\"resourceVersion\":\"2018-01-01\"},"
			       "\"messages\":[{\"code\":83,\"id\":null,\"type\":\"BrokenBusinessRule\","
			       "\"description\":\"Sandbox fault: bad request\",\"properties\":[]}]}";
	} else if (strcmp(fam, "oauth") == 0) {
		if (st == 400)
			json = "{\"error\":\"invalid_grant\"}";
		else if (st == 401)
			json = "{\"error\":\"invalid_client\"}";
	}
	return sb_respond_hdr(c, r, (unsigned)st, json ? "application/json; charset=utf-8" : NULL,
			      json, json ? strlen(json) : 0, hname, hname ? retry : NULL);
}
