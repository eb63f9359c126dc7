/* router.c — the libmicrohttpd access handler: collects the request, adds
 * the configured latency, applies faults, and hands the request to the AFAS,
 * OAuth, Loket API or control handlers by path. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "router.h"
#include "sandbox.h"

int sb_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* A body sent in part: the announced length is the full one, the
 * connection breaks after limit bytes (a truncated transfer). */
struct sb_partial {
	char *data;
	size_t len;
	size_t limit;
};

static ssize_t partial_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sb_partial *p = cls;
	if (pos >= p->limit)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = p->limit - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, p->data + pos, n);
	return (ssize_t)n;
}

static void partial_free(void *cls)
{
	struct sb_partial *p = cls;
	free(p->data);
	free(p);
}

void sb_log(const struct sb_req *r, const char *what)
{
	if (r && r->log)
		fprintf(stderr, "%s %s %s\n", r->method, r->path, what);
}

enum MHD_Result sb_respond_hdr(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			       const char *content_type, const char *body, size_t len,
			       const char *hname, const char *hvalue)
{
	struct MHD_Response *resp = NULL;
	int fault_kind = r && r->have_fault ? (int)r->fault.kind : -1;

	if (!body) {
		body = "";
		len = 0;
	}
	if (fault_kind == SB_FAULT_TRUNCATE && len > 1) {
		struct sb_partial *p = calloc(1, sizeof *p);
		if (p && (p->data = malloc(len))) {
			memcpy(p->data, body, len);
			p->len = len;
			p->limit = len / 2;
			resp = MHD_create_response_from_callback(len, 4096, partial_read, p,
								 partial_free);
		} else {
			free(p);
		}
	} else if (fault_kind == SB_FAULT_INVALID_JSON && len > 1) {
		resp = MHD_create_response_from_buffer(len / 2, (void *)body, MHD_RESPMEM_MUST_COPY);
	} else {
		resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	}
	if (!resp)
		return MHD_NO;
	if (content_type && len)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store, no-cache");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (hname && hvalue)
		MHD_add_response_header(resp, hname, hvalue);
	if (r && r->log) {
		char st[48];
		snprintf(st, sizeof st, "%u%s", status,
			 fault_kind == SB_FAULT_TRUNCATE ? " truncated" :
			 fault_kind == SB_FAULT_INVALID_JSON ? " invalid-json" : "");
		sb_log(r, st);
	}
	enum MHD_Result ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

enum MHD_Result sb_respond(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			   const char *content_type, const char *body, size_t len)
{
	return sb_respond_hdr(c, r, status, content_type, body, len, NULL, NULL);
}

enum MHD_Result sb_respond_json(struct MHD_Connection *c, struct sb_req *r, unsigned status,
				char *json)
{
	if (!json)
		return sb_respond(c, r, 500, NULL, NULL, 0);
	enum MHD_Result ret = sb_respond(c, r, status, "application/json; charset=utf-8", json,
					 strlen(json));
	free(json);
	return ret;
}

static enum MHD_Result reset_connection(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci) {
		/* Linger 0: close() sends RST instead of FIN — a real reset. */
		struct linger lg = { 1, 0 };
		setsockopt(ci->connect_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		shutdown(ci->connect_fd, SHUT_RDWR);
	}
	return MHD_NO;
}

int sb_route_fault(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
		   const char *route_id, enum MHD_Result *ret)
{
	struct sb_fault f;
	if (!sb_fault_take(s, route_id, &f))
		return 0;
	r->have_fault = 1;
	r->fault = f;
	switch (f.kind) {
	case SB_FAULT_DELAY:
		sb_sleep_ms(f.delay_ms);
		r->have_fault = 0;
		return 0;
	case SB_FAULT_TRUNCATE:
	case SB_FAULT_INVALID_JSON:
		return 0;
	case SB_FAULT_RESET:
		sb_log(r, "reset");
		*ret = reset_connection(c);
		return 1;
	case SB_FAULT_STATUS:
		*ret = sb_fault_respond(c, r);
		return 1;
	}
	return 0;
}

static int is_afas_path(const char *url)
{
	/* /{5 digits}/ProfitRestServices[/...] — the participant segment. */
	const char *p = url + 1;
	size_t n = strspn(p, "0123456789");
	if (url[0] != '/' || n == 0 || n > 9 || p[n] != '/')
		return 0;
	return sb_prefix_ci(p + n, "/profitrestservices") &&
	       (p[n + 19] == '\0' || p[n + 19] == '/');
}

static enum MHD_Result dispatch(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
				const char *method, const char *url)
{
	if (strncmp(url, "/control/", 9) == 0) {
		r->family = "control";
		return sb_control_handle(s, c, r, method, url + 8);
	}
	pthread_mutex_lock(&s->lock);
	int latency = s->latency_ms;
	pthread_mutex_unlock(&s->lock);
	if (latency > 0)
		sb_sleep_ms(latency);
	if (is_afas_path(url)) {
		r->family = "afas";
		return sb_afas_handle(s, c, r, method, url);
	}
	if (strncmp(url, "/oauth/", 7) == 0) {
		r->family = "oauth";
		return sb_oauth_handle(s, c, r, method, url + 6);
	}
	if (strncmp(url, "/v2/", 4) == 0 || strcmp(url, "/v2") == 0) {
		r->family = "loket";
		return sb_loket_handle(s, c, r, method, url + 3);
	}
	return sb_respond(c, r, 404, NULL, NULL, 0);
}

enum MHD_Result sb_access_handler(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct sb_server *s = cls;
	struct sb_req *r = *con_cls;
	(void)version;

	if (!r)
		return MHD_NO;
	if (!r->family) {
		/* First call: headers only. Mark it and ask for the body. */
		r->family = "";
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (r->body_len + *upload_data_size > SB_MAX_BODY) {
			r->body_too_big = 1;
		} else {
			char *nb = realloc(r->body, r->body_len + *upload_data_size + 1);
			if (!nb)
				return MHD_NO;
			r->body = nb;
			memcpy(r->body + r->body_len, upload_data, *upload_data_size);
			r->body_len += *upload_data_size;
			r->body[r->body_len] = '\0';
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	r->log = s->log;
	snprintf(r->method, sizeof r->method, "%s", method);
	snprintf(r->path, sizeof r->path, "%s", url);
	if (r->body_too_big)
		return sb_respond(c, r, 413, NULL, NULL, 0);
	return dispatch(s, c, r, method, url);
}

void *sb_uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct sb_req *r = calloc(1, sizeof *r);
	if (r)
		r->raw_uri = strdup(uri ? uri : "");
	return r;
}

void sb_request_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			  enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct sb_req *r = *con_cls;
	if (!r)
		return;
	free(r->raw_uri);
	if (r->body) {
		memset(r->body, 0, r->body_len); /* may hold passwords or secrets */
		free(r->body);
	}
	free(r);
	*con_cls = NULL;
}
