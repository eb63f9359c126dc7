/* afas.c — AFAS Profit REST: /metainfo, /metainfo/get/{id}, and what each
 * answer means for the person setting up the connection. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>

#include "koppel/afas.h"
#include "koppel/endpoints.h"
#include "koppel/http.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"

const char *const kp_afas_environments[3] = {"production", "test", "accept"};

int kp_afas_participant_valid(const char *p)
{
	if (!p || strlen(p) != 5)
		return 0;
	for (int i = 0; i < 5; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	return p[0] != '0';
}

int kp_afas_environment_valid(const char *env)
{
	for (size_t i = 0; env && i < 3; i++)
		if (strcmp(env, kp_afas_environments[i]) == 0)
			return 1;
	return 0;
}

enum kp_err kp_afas_conn_init(struct kp_afas_conn *conn, const struct kp_endpoints *ep,
			      const struct kp_http_opts *http, const char *participant,
			      const char *environment, const struct kp_afas_token *token,
			      struct kp_error *err)
{
	enum kp_err rc;

	memset(conn, 0, sizeof *conn);
	conn->http = http;
	if (!kp_afas_participant_valid(participant))
		return kp_error_set(err, KP_ERR_USAGE,
				    _("The AFAS customer number has five digits and is shown at "
				      "the top of the AFAS screen."),
				    _("%s is not an AFAS customer number."),
				    participant ? participant : "");
	if (!kp_afas_environment_valid(environment))
		return kp_error_set(err, KP_ERR_USAGE, _("Choose production, test or accept."),
				    _("%s is not an AFAS environment."),
				    environment ? environment : "");
	rc = kp_endpoints_afas_base(ep, participant, environment, conn->base, sizeof conn->base,
				    err);
	if (rc)
		return rc;
	conn->auth_header = kp_afas_token_auth_header(token);
	if (!conn->auth_header)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	return KP_OK;
}

void kp_afas_conn_free(struct kp_afas_conn *conn)
{
	kp_secret_free(conn->auth_header);
	conn->auth_header = NULL;
}

/* Transport failures get an AFAS-specific explanation on top of http.c's. */
static void explain_transport(enum kp_err rc, const struct kp_afas_conn *conn, struct kp_error *err)
{
	const char *host = strstr(conn->base, "://");
	char h[256];
	size_t l;

	if (!err)
		return;
	host = host ? host + 3 : conn->base;
	l = strcspn(host, "/:");
	snprintf(h, sizeof h, "%.*s", (int)(l < 200 ? l : 200), host);
	switch (rc) {
	case KP_ERR_DNS:
		snprintf(err->msg, sizeof err->msg,
			 _("The AFAS address %s does not exist or cannot be looked up."), h);
		snprintf(err->hint, sizeof err->hint, "%s",
			 _("Check the customer number and the environment (production, test, "
			   "accept): each has its own address. If they are right, check the "
			   "network or DNS of this computer."));
		break;
	case KP_ERR_TLS:
		snprintf(err->msg, sizeof err->msg,
			 _("The secure connection to %s could not be set up (certificate or TLS)."),
			 h);
		snprintf(err->hint, sizeof err->hint, "%s",
			 _("A proxy or virus scanner that inspects HTTPS traffic is the usual "
			   "cause; ask IT to let *.afas.online through, or point koppel at their "
			   "CA with --ca-file."));
		break;
	case KP_ERR_TIMEOUT:
		snprintf(err->msg, sizeof err->msg, _("AFAS (%s) did not answer in time."), h);
		snprintf(err->hint, sizeof err->hint, "%s",
			 _("Try again in a moment; if it keeps happening, a firewall or proxy may "
			   "be blocking outgoing HTTPS (port 443)."));
		break;
	case KP_ERR_CONNECT:
		snprintf(err->msg, sizeof err->msg, _("No connection with AFAS (%s)."), h);
		snprintf(err->hint, sizeof err->hint, "%s",
			 _("Check the internet connection; a firewall or proxy may be blocking "
			   "outgoing HTTPS (port 443)."));
		break;
	default:
		break;
	}
}

static void json_str(const cJSON *o, const char *key, char *out, size_t outlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsString(v) && v->valuestring)
		snprintf(out, outlen, "%s", v->valuestring);
	else if (cJSON_IsNumber(v))
		snprintf(out, outlen, "%.0f", v->valuedouble);
}

enum kp_err kp_afas_status_error(const struct kp_http_response *resp, const char *what,
				 struct kp_error *err)
{
	cJSON *j = resp->body_len ? cJSON_ParseWithLength(resp->body, resp->body_len) : NULL;
	char ext[400] = "", ref[64] = "";
	enum kp_err rc;

	switch (resp->status) {
	case 401:
		if (what && resp->body_len > 0 &&
		    (strcasestr(resp->body, "niet ondersteund") ||
		     strcasestr(resp->body, "not supported") ||
		     strcasestr(resp->body, "geautoriseerd") ||
		     strcasestr(resp->body, "authorized"))) {
			rc = kp_error_set(
			    err, KP_ERR_AUTH,
			    _("In AFAS: App Connector → tab GetConnectors → New, and add this "
			      "connector. Import it first if it is missing (General → Output → "
			      "Management → GetConnector → Import)."),
			    _("AFAS says GetConnector %s is not assigned to this App Connector (or "
			      "the user may not use it)."),
			    what);
			break;
		}
		rc = kp_error_set(
		    err, KP_ERR_AUTH,
		    _("Possible causes: the customer number or environment is wrong (a token works "
		      "in one environment only); the token was revoked, replaced or has expired; "
		      "or it belongs to another user or App Connector. Check them in AFAS under "
		      "General → Management → App Connector, or create a new user token."),
		    "%s", _("AFAS refused the token (401)."));
		break;
	case 403:
		rc = kp_error_set(
		    err, KP_ERR_FORBIDDEN,
		    _("The App Connector only accepts calls from certain IP addresses. Add this "
		      "computer's public IP address to the App Connector's IP restriction in AFAS, "
		      "or run koppel from an allowed network."),
		    "%s", _("AFAS refused access from this address (403)."));
		break;
	case 404:
		if (what)
			rc = kp_error_set(err, KP_ERR_NOTFOUND,
					  _("Check that the connector was imported in AFAS and "
					    "that its id is spelled exactly like this."),
					  _("AFAS does not know GetConnector %s (404)."), what);
		else
			rc = kp_error_set(
			    err, KP_ERR_NOTFOUND,
			    _("Check the AFAS address (--afas-url) and the environment."), "%s",
			    _("AFAS answered 404: this address is not an AFAS REST service."));
		break;
	case 500:
		if (j) {
			json_str(j, "externalMessage", ext, sizeof ext);
			json_str(j, "profitLogReference", ref, sizeof ref);
		}
		rc = kp_error_set(
		    err, KP_ERR_HTTP,
		    ref[0] ? _("Give AFAS support the reference (profitLogReference) shown here; "
			       "they can look up the cause with it.")
			   : _("Try again later; if it persists, contact AFAS support."),
		    _("AFAS reported an error (500): %s%s%s"), ext[0] ? ext : _("no details"),
		    ref[0] ? _(" — reference ") : "", ref);
		if (err && ref[0] && !err->ref[0])
			snprintf(err->ref, sizeof err->ref, "%s", ref);
		break;
	case 429: { /* not documented for AFAS, but any HTTP service may send it */
		char hint[256];
		if (resp->retry_after > 0)
			snprintf(hint, sizeof hint,
				 _("Wait %ld seconds, then run it again (fewer requests at once "
				   "help too)."),
				 resp->retry_after);
		else
			snprintf(hint, sizeof hint, "%s",
				 _("Wait a minute, then run it again (fewer requests at once help "
				   "too)."));
		rc = kp_error_set(err, KP_ERR_HTTP, hint, "%s",
				  _("AFAS asks to slow down (HTTP 429)."));
		break;
	}
	case 503: {
		long retry = resp->retry_after;
		const cJSON *ra = j ? cJSON_GetObjectItemCaseSensitive(j, "retry_after") : NULL;
		const cJSON *e = j ? cJSON_GetObjectItemCaseSensitive(j, "error") : NULL;
		if (cJSON_IsNumber(ra))
			retry = (long)ra->valuedouble;
		if (e)
			json_str(e, "message", ext, sizeof ext);
		if (retry > 0) {
			char hint[256];
			snprintf(
			    hint, sizeof hint,
			    _("Try again in about %ld minutes (AFAS asks to wait %ld seconds)."),
			    (retry + 59) / 60, retry);
			rc = kp_error_set(
			    err, KP_ERR_HTTP, hint,
			    _("AFAS is temporarily unavailable (503, maintenance?): %s"),
			    ext[0] ? ext : _("no details"));
		} else {
			rc = kp_error_set(
			    err, KP_ERR_HTTP, _("Try again later."),
			    _("AFAS is temporarily unavailable (503, maintenance?): %s"),
			    ext[0] ? ext : _("no details"));
		}
		break;
	}
	default:
		if (j) {
			json_str(j, "externalMessage", ext, sizeof ext);
			json_str(j, "profitLogReference", ref, sizeof ref);
		}
		if (ext[0])
			rc = kp_error_set(
			    err, KP_ERR_HTTP,
			    _("Try again later; if it persists, contact AFAS support."),
			    _("AFAS answered with HTTP status %ld: %s"), resp->status, ext);
		else
			rc = kp_error_set(
			    err, KP_ERR_HTTP,
			    _("Try again later; if it persists, contact AFAS support."),
			    _("AFAS answered with HTTP status %ld."), resp->status);
		if (err && ref[0] && !err->ref[0])
			snprintf(err->ref, sizeof err->ref, "%s", ref);
		break;
	}
	if (err)
		err->http_status = resp->status;
	cJSON_Delete(j);
	return rc;
}

enum kp_err kp_afas_get(const struct kp_afas_conn *conn, const char *path, const char *what,
			struct kp_http_response *resp, struct kp_error *err)
{
	const char *headers[] = {conn->auth_header, "Accept: application/json", NULL};
	struct kp_http_request req = {.method = "GET", .headers = headers};
	size_t n = strlen(conn->base) + strlen(path) + 1;
	char *url = malloc(n);
	enum kp_err rc;

	memset(resp, 0, sizeof *resp);
	if (!url)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	snprintf(url, n, "%s%s", conn->base, path);
	req.url = url;
	rc = kp_http_do(conn->http, &req, resp, err);
	if (rc) {
		explain_transport(rc, conn, err);
		goto out;
	}
	if (resp->status != 200) {
		rc = kp_afas_status_error(resp, what, err);
		kp_http_response_free(resp);
	}
out:
	free(url);
	return rc;
}

static enum kp_err bad_json(struct kp_error *err, const char *what)
{
	return kp_error_set(
	    err, KP_ERR_PARSE,
	    _("Check the AFAS address (--afas-url); if it is right, contact AFAS support."),
	    _("AFAS sent an answer to %s that koppel cannot read."), what);
}

static enum kp_err read_refs(const cJSON *arr, struct kp_afas_connector_ref **out, size_t *n)
{
	int c = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
	const cJSON *it;

	*out = calloc(c > 0 ? (size_t)c : 1, sizeof **out);
	*n = 0;
	if (!*out)
		return KP_ERR_NOMEM;
	cJSON_ArrayForEach(it, arr)
	{
		json_str(it, "id", (*out)[*n].id, sizeof(*out)[*n].id);
		json_str(it, "description", (*out)[*n].description, sizeof(*out)[*n].description);
		if ((*out)[*n].id[0])
			(*n)++;
	}
	return KP_OK;
}

enum kp_err kp_afas_metainfo(const struct kp_afas_conn *conn, struct kp_afas_metainfo *out,
			     struct kp_error *err)
{
	struct kp_http_response resp;
	cJSON *j = NULL;
	const cJSON *info;
	enum kp_err rc;

	memset(out, 0, sizeof *out);
	rc = kp_afas_get(conn, "/metainfo", NULL, &resp, err);
	if (rc)
		return rc;
	j = cJSON_ParseWithLength(resp.body, resp.body_len);
	if (!cJSON_IsObject(j)) {
		rc = bad_json(err, "/metainfo");
		goto out;
	}
	info = cJSON_GetObjectItemCaseSensitive(j, "info");
	if (info) {
		json_str(info, "envid", out->envid, sizeof out->envid);
		json_str(info, "appName", out->app_name, sizeof out->app_name);
		json_str(info, "group", out->group, sizeof out->group);
		json_str(info, "tokenExpiry", out->token_expiry, sizeof out->token_expiry);
	}
	if (read_refs(cJSON_GetObjectItemCaseSensitive(j, "getConnectors"), &out->get,
		      &out->n_get) ||
	    read_refs(cJSON_GetObjectItemCaseSensitive(j, "updateConnectors"), &out->update,
		      &out->n_update)) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
out:
	cJSON_Delete(j);
	kp_http_response_free(&resp);
	if (rc)
		kp_afas_metainfo_free(out);
	return rc;
}

void kp_afas_metainfo_free(struct kp_afas_metainfo *m)
{
	if (!m)
		return;
	free(m->get);
	free(m->update);
	memset(m, 0, sizeof *m);
}

int kp_afas_metainfo_has(const struct kp_afas_metainfo *m, const char *id)
{
	for (size_t i = 0; i < m->n_get; i++)
		if (strcmp(m->get[i].id, id) == 0)
			return 1;
	return 0;
}

enum kp_err kp_afas_connector_meta(const struct kp_afas_conn *conn, const char *id,
				   struct kp_afas_connector_meta *out, struct kp_error *err)
{
	struct kp_http_response resp;
	char *esc = kp_http_escape(id), *path = NULL;
	cJSON *j = NULL;
	const cJSON *fields, *it;
	enum kp_err rc;
	size_t n;

	memset(out, 0, sizeof *out);
	if (!esc)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	n = strlen(esc) + 32;
	path = malloc(n);
	if (!path) {
		free(esc);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	}
	snprintf(path, n, "/metainfo/get/%s", esc);
	rc = kp_afas_get(conn, path, id, &resp, err);
	free(esc);
	free(path);
	if (rc)
		return rc;
	j = cJSON_ParseWithLength(resp.body, resp.body_len);
	fields = j ? cJSON_GetObjectItemCaseSensitive(j, "fields") : NULL;
	if (!cJSON_IsArray(fields)) {
		rc = bad_json(err, "/metainfo/get");
		goto out;
	}
	json_str(j, "name", out->name, sizeof out->name);
	json_str(j, "description", out->description, sizeof out->description);
	out->fields = calloc((size_t)cJSON_GetArraySize(fields) + 1, sizeof *out->fields);
	if (!out->fields) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	cJSON_ArrayForEach(it, fields)
	{
		struct kp_afas_field_meta *f = &out->fields[out->n_fields];
		json_str(it, "id", f->id, sizeof f->id);
		json_str(it, "fieldId", f->field_id, sizeof f->field_id);
		json_str(it, "dataType", f->data_type, sizeof f->data_type);
		if (f->id[0])
			out->n_fields++;
	}
out:
	cJSON_Delete(j);
	kp_http_response_free(&resp);
	if (rc)
		kp_afas_connector_meta_free(out);
	return rc;
}

void kp_afas_connector_meta_free(struct kp_afas_connector_meta *m)
{
	if (!m)
		return;
	free(m->fields);
	memset(m, 0, sizeof *m);
}

/* Count aliases in a that are missing from b (by alias = the row key). */
static size_t missing_aliases(const struct kp_gcn *g, const struct kp_afas_connector_meta *m,
			      int gcn_side)
{
	size_t miss = 0;

	if (gcn_side) {
		for (size_t i = 0; i < g->n_fields; i++) {
			int found = 0;
			for (size_t k = 0; k < m->n_fields && !found; k++)
				found = strcmp(g->fields[i].alias, m->fields[k].id) == 0;
			miss += !found;
		}
	} else {
		for (size_t k = 0; k < m->n_fields; k++) {
			int found = 0;
			for (size_t i = 0; i < g->n_fields && !found; i++)
				found = strcmp(g->fields[i].alias, m->fields[k].id) == 0;
			miss += !found;
		}
	}
	return miss;
}

enum kp_err kp_afas_assign_check(const struct kp_afas_conn *conn,
				 const struct kp_afas_metainfo *meta,
				 const struct kp_connector_zip *zip, struct kp_afas_assign **out,
				 struct kp_error *err)
{
	struct kp_afas_assign *a = calloc(zip->n ? zip->n : 1, sizeof *a);

	*out = NULL;
	if (!a)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	for (size_t i = 0; i < zip->n; i++) {
		const struct kp_gcn *g = &zip->items[i].gcn;
		struct kp_afas_connector_meta m;
		struct kp_error e = {0};

		snprintf(a[i].id, sizeof a[i].id, "%s", g->connector_id);
		if (!kp_afas_metainfo_has(meta, g->connector_id)) {
			a[i].state = KP_ASSIGN_MISSING;
			snprintf(a[i].msg, sizeof a[i].msg, "%s",
				 _("Not assigned: in AFAS open the App Connector → tab "
				   "GetConnectors → New, and add this connector."));
			continue;
		}
		if (kp_afas_connector_meta(conn, g->connector_id, &m, &e) != KP_OK) {
			a[i].state = KP_ASSIGN_ERROR;
			snprintf(a[i].msg, sizeof a[i].msg, "%s", e.msg);
			if (e.code == KP_ERR_CANCELLED) {
				free(a);
				return kp_error_set(err, KP_ERR_CANCELLED, NULL, "%s", e.msg);
			}
			continue;
		}
		a[i].only_gcn = missing_aliases(g, &m, 1);
		a[i].only_afas = missing_aliases(g, &m, 0);
		if (a[i].only_gcn || a[i].only_afas) {
			a[i].state = KP_ASSIGN_OUTDATED;
			snprintf(a[i].msg, sizeof a[i].msg,
				 _("Assigned, but its fields differ from the ZIP (%zu only in the "
				   "ZIP, %zu only in AFAS): the import in AFAS is probably "
				   "outdated. Import the .gcn from this ZIP again (overwrite)."),
				 a[i].only_gcn, a[i].only_afas);
		} else {
			a[i].state = KP_ASSIGN_OK;
			snprintf(a[i].msg, sizeof a[i].msg,
				 _("Assigned; %zu fields, as in the ZIP."), g->n_fields);
		}
		kp_afas_connector_meta_free(&m);
	}
	*out = a;
	return KP_OK;
}

size_t kp_afas_assign_problems(const struct kp_afas_assign *a, size_t n)
{
	size_t p = 0;

	for (size_t i = 0; i < n; i++)
		p += a[i].state != KP_ASSIGN_OK;
	return p;
}

int kp_afas_email_valid(const char *e)
{
	const char *at, *dot;

	if (!e || !*e || strlen(e) > 254 || strpbrk(e, " \t\r\n<>,;\"'"))
		return 0;
	at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0' && strlen(dot + 1) >= 2;
}
