/* http.c — libcurl, verification always on. One request, or a batch with
 * several transfers in flight (curl multi), each with its own buffer. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "koppel/http.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"

#define DEFAULT_MAX_BODY (80u * 1024 * 1024)

struct xfer {
	CURL *h;
	struct curl_slist *hdrs;
	struct kp_http_response resp;
	size_t cap;
	size_t max_body;
	int too_big;
	const struct kp_http_opts *opts;
	void *user;
	char errbuf[CURL_ERROR_SIZE];
};

/* Bodies may hold tokens, BSNs and salaries: wipe before giving memory back. */
static void body_free(char *body, size_t cap)
{
	if (!body)
		return;
	kp_wipe(body, cap);
	free(body);
}

void kp_http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void kp_http_global_cleanup(void)
{
	curl_global_cleanup();
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;
	if (x->resp.body_len + n + 1 > x->max_body) {
		x->too_big = 1;
		return 0;
	}
	if (x->resp.body_len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 16384;
		while (cap < x->resp.body_len + n + 1)
			cap *= 2;
		/* Grow by copy so the old buffer can be wiped (realloc may move
		 * it and leave personal data behind in freed memory). */
		char *nb = malloc(cap);
		if (!nb)
			return 0;
		if (x->resp.body) {
			memcpy(nb, x->resp.body, x->resp.body_len + 1);
			body_free(x->resp.body, x->cap);
		}
		x->resp.body = nb;
		x->cap = cap;
	}
	memcpy(x->resp.body + x->resp.body_len, ptr, n);
	x->resp.body_len += n;
	x->resp.body[x->resp.body_len] = '\0';
	return n;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;
	char line[2100];
	size_t l = n < sizeof line - 1 ? n : sizeof line - 1;
	memcpy(line, ptr, l);
	line[l] = '\0';
	char *end = line + strlen(line);
	while (end > line && (end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	if (strncasecmp(line, "Retry-After:", 12) == 0)
		x->resp.retry_after = strtol(line + 12, NULL, 10);
	else if (strncasecmp(line, "Content-Type:", 13) == 0)
		snprintf(x->resp.content_type, sizeof x->resp.content_type, "%s",
			 line + 13 + strspn(line + 13, " "));
	else if (strncasecmp(line, "Location:", 9) == 0)
		snprintf(x->resp.location, sizeof x->resp.location, "%s",
			 line + 9 + strspn(line + 9, " "));
	return n;
}

static int on_progress(void *ud, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	struct xfer *x = ud;
	(void)a, (void)b, (void)c, (void)d;
	/* Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK. */
	return x->opts->cancel && atomic_load(x->opts->cancel);
}

static int xfer_setup(struct xfer *x, const struct kp_http_opts *opts,
		      const struct kp_http_request *req)
{
	memset(x, 0, sizeof *x);
	x->opts = opts;
	x->resp.retry_after = -1;
	x->max_body = opts->max_body ? opts->max_body : DEFAULT_MAX_BODY;
	x->h = curl_easy_init();
	if (!x->h)
		return -1;
	CURL *h = x->h;
	curl_easy_setopt(h, CURLOPT_URL, req->url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (opts->ca_file && *opts->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, opts->ca_file);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, opts->timeout_s ? opts->timeout_s : 60L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
			 opts->connect_timeout_s ? opts->connect_timeout_s : 15L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "koppel/" KOPPEL_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	for (const char *const *p = req->headers; p && *p; p++)
		x->hdrs = curl_slist_append(x->hdrs, *p);
	if (x->hdrs)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
	const char *method = req->method ? req->method : "GET";
	if (strcmp(method, "GET") != 0) {
		if (strcmp(method, "POST") == 0)
			curl_easy_setopt(h, CURLOPT_POST, 1L);
		else
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE,
				 (long)(req->body ? (req->body_len ? req->body_len : strlen(req->body)) : 0));
	}
	return 0;
}

static void xfer_cleanup(struct xfer *x)
{
	if (x->h)
		curl_easy_cleanup(x->h);
	curl_slist_free_all(x->hdrs);
	x->h = NULL;
	x->hdrs = NULL;
}

/* Map a transport failure to our codes, with a hint a person can act on. */
static enum kp_err map_curl(CURLcode c, struct xfer *x, const char *url, struct kp_error *err)
{
	const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(c);
	switch (c) {
	case CURLE_OK:
		return KP_OK;
	case CURLE_ABORTED_BY_CALLBACK:
		return kp_error_set(err, KP_ERR_CANCELLED, NULL, "%s", _("Cancelled."));
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return kp_error_set(err, KP_ERR_DNS,
				    _("Check the address (participant number and environment), the "
				      "network connection and the DNS or proxy settings."),
				    _("The server name in %s could not be found (%s)."), url, detail);
	case CURLE_OPERATION_TIMEDOUT:
		return kp_error_set(err, KP_ERR_TIMEOUT,
				    _("Try again; if it keeps happening, check the network, a "
				      "firewall or proxy in between, or the service's status."),
				    _("No answer from the server in time (%s)."), detail);
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return kp_error_set(err, KP_ERR_TLS,
				    _("The connection is not trusted. Behind a company proxy that "
				      "inspects traffic, pass its CA with --ca-file FILE; check the "
				      "computer's date and time. Verification is never switched off."),
				    _("Secure connection failed: %s"), detail);
	case CURLE_WRITE_ERROR:
		if (x->too_big)
			return kp_error_set(err, KP_ERR_HTTP, NULL,
					    _("The answer from %s is larger than koppel accepts."), url);
		/* fall through */
	default:
		return kp_error_set(err, KP_ERR_CONNECT,
				    _("Check the network connection, a firewall or proxy, and try again."),
				    _("Connection to the server failed: %s"), detail);
	}
}

static void finish_response(struct xfer *x)
{
	long status = 0;
	double t = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->h, CURLINFO_TOTAL_TIME, &t);
	x->resp.status = status;
	x->resp.seconds = t;
	if (!x->resp.body) {
		x->resp.body = calloc(1, 1);
		x->resp.body_len = 0;
	}
}

enum kp_err kp_http_do(const struct kp_http_opts *opts, const struct kp_http_request *req,
		       struct kp_http_response *resp, struct kp_error *err)
{
	struct xfer x;
	memset(resp, 0, sizeof *resp);
	if (xfer_setup(&x, opts, req) != 0)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	CURLcode c = curl_easy_perform(x.h);
	enum kp_err rc = map_curl(c, &x, req->url, err);
	if (rc == KP_OK) {
		finish_response(&x);
		*resp = x.resp;
	} else {
		body_free(x.resp.body, x.cap);
	}
	xfer_cleanup(&x);
	return rc;
}

void kp_http_response_free(struct kp_http_response *resp)
{
	if (!resp)
		return;
	body_free(resp->body, resp->body_len);
	memset(resp, 0, sizeof *resp);
}

enum kp_err kp_http_batch_run(struct kp_http_batch *b, struct kp_error *err)
{
	int maxp = b->max_parallel < 1 ? 1 : b->max_parallel > 16 ? 16 : b->max_parallel;
	struct xfer *slots = calloc((size_t)maxp, sizeof *slots);
	CURLM *m = curl_multi_init();
	enum kp_err rc = KP_OK;
	int active = 0, exhausted = 0, stop = 0;

	if (!slots || !m) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	for (;;) {
		/* Fill free slots while the producer has work. */
		for (int i = 0; i < maxp && !exhausted && !stop; i++) {
			if (slots[i].h)
				continue;
			struct kp_http_request req = {0};
			void *user = NULL;
			if (!b->next(b->ctx, &req, &user)) {
				exhausted = 1;
				break;
			}
			if (xfer_setup(&slots[i], b->opts, &req) != 0) {
				rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
				stop = 1;
				break;
			}
			slots[i].user = user;
			curl_easy_setopt(slots[i].h, CURLOPT_PRIVATE, &slots[i]);
			curl_multi_add_handle(m, slots[i].h);
			active++;
			b->requests++;
		}
		if (active == 0)
			break;
		int running = 0;
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct xfer *x = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			struct kp_error xerr = {0};
			enum kp_err xrc = map_curl(msg->data.result, x, "", &xerr);
			if (xrc == KP_OK)
				finish_response(x);
			b->bytes += x->resp.body_len;
			curl_multi_remove_handle(m, x->h);
			if (!stop) {
				int r = b->done(b->ctx, x->user, xrc, xrc == KP_OK ? &x->resp : NULL, &xerr);
				if (r) {
					stop = 1;
					if (rc == KP_OK)
						rc = (enum kp_err)r;
				}
			}
			body_free(x->resp.body, x->cap);
			xfer_cleanup(x);
			active--;
			/* A finished page may reveal more work (e.g. the total). */
			exhausted = 0;
		}
		if (stop && active == 0)
			break;
		if (b->opts && b->opts->cancel && atomic_load(b->opts->cancel)) {
			stop = 1;
			if (rc == KP_OK)
				rc = kp_error_set(err, KP_ERR_CANCELLED, NULL, "%s", _("Cancelled."));
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
out:
	if (slots) {
		for (int i = 0; i < maxp; i++) {
			if (slots[i].h) {
				curl_multi_remove_handle(m, slots[i].h);
				body_free(slots[i].resp.body, slots[i].cap);
				xfer_cleanup(&slots[i]);
			}
		}
	}
	if (m)
		curl_multi_cleanup(m);
	free(slots);
	return rc;
}

char *kp_http_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	if (!e)
		return NULL;
	char *r = strdup(e);
	curl_free(e);
	return r;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *kp_base64_encode(const void *data, size_t len)
{
	const unsigned char *p = data;
	char *out = malloc(4 * ((len + 2) / 3) + 1), *o = out;
	if (!out)
		return NULL;
	size_t i;
	for (i = 0; i + 2 < len; i += 3) {
		*o++ = b64[p[i] >> 2];
		*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		*o++ = b64[p[i + 2] & 63];
	}
	if (i < len) {
		*o++ = b64[p[i] >> 2];
		if (i + 1 < len) {
			*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
			*o++ = b64[(p[i + 1] & 15) << 2];
		} else {
			*o++ = b64[(p[i] & 3) << 4];
			*o++ = '=';
		}
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

unsigned char *kp_base64_decode(const char *s, size_t *outlen)
{
	size_t len = strlen(s);
	unsigned char *out = malloc(len / 4 * 3 + 3), *o = out;
	if (!out)
		return NULL;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '=' )
			break;
		if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
			continue;
		const char *q = strchr(b64, c);
		if (!q || !c) {
			free(out);
			return NULL;
		}
		v = (v << 6) | (unsigned)(q - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			*o++ = (unsigned char)((v >> bits) & 0xff);
		}
	}
	*outlen = (size_t)(o - out);
	return out;
}
