/* http.h — HTTPS with libcurl: one request, or a batch of requests run
 * concurrently (curl multi) with a cap on simultaneous transfers.
 *
 * TLS verification is always on; opts->ca_file adds a CA (the sandbox's).
 * Cancellation: when *opts->cancel becomes non-zero (set by the UI thread on
 * Esc), transfers stop within ~100 ms and return KP_ERR_CANCELLED.
 * Transport failures are mapped to KP_ERR_DNS / CONNECT / TLS / TIMEOUT with
 * a translated hint. HTTP status codes are NOT errors at this layer: callers
 * look at resp->status and interpret it for their service. */
#ifndef KOPPEL_HTTP_H
#define KOPPEL_HTTP_H

#include <stddef.h>
#include <stdatomic.h>
#include "koppel/error.h"

struct kp_http_opts {
	const char *ca_file;       /* NULL/empty: system store */
	long timeout_s;            /* whole transfer; 0 = 60 */
	long connect_timeout_s;    /* 0 = 15 */
	atomic_int *cancel;        /* may be NULL */
	size_t max_body;           /* 0 = 80 MiB (AFAS allows 75 MB per call) */
};

struct kp_http_request {
	const char *method;               /* "GET" when NULL */
	const char *url;
	const char *const *headers;       /* NULL-terminated, "Name: value" */
	const char *body;                 /* may be NULL */
	size_t body_len;
};

struct kp_http_response {
	long status;
	char *body;                /* NUL-terminated, may be empty */
	size_t body_len;
	long retry_after;          /* seconds from Retry-After, -1 when absent */
	char content_type[128];
	char location[2048];       /* Location header, for redirects we don't follow */
	double seconds;            /* total time */
};

/* Process-wide libcurl init/cleanup (call once from main / test setup). */
void kp_http_global_init(void);
void kp_http_global_cleanup(void);

/* Perform one request. On KP_OK resp is filled (any status); free with
 * kp_http_response_free. Redirects are not followed. */
enum kp_err kp_http_do(const struct kp_http_opts *opts, const struct kp_http_request *req,
		       struct kp_http_response *resp, struct kp_error *err);

/* Wipe and free the body (it may hold tokens or personal data). */
void kp_http_response_free(struct kp_http_response *resp);

/* A batch: `next` is called for up to max_parallel requests at a time; it
 * fills req (strings must live until `done` is called for it) and returns 1,
 * or returns 0 when there is nothing more to start (for now: it is asked
 * again after each completion). `done` receives each response (or the
 * transport error) with the slot's user pointer; returning non-zero stops
 * the batch (that code is returned). Used for paging AFAS connectors and
 * Loket lists with at most N requests in flight. */
struct kp_http_batch {
	const struct kp_http_opts *opts;
	int max_parallel;  /* 1..16 */
	void *ctx;
	int (*next)(void *ctx, struct kp_http_request *req, void **slot_user);
	int (*done)(void *ctx, void *slot_user, enum kp_err code,
		    const struct kp_http_response *resp, const struct kp_error *err);
	/* Counters filled during the run (for progress and benchmarks). */
	unsigned long requests;
	unsigned long bytes;
};

/* Run the batch until `next` has nothing more and every transfer is done,
 * or until `done` returns non-zero or the cancel flag is set. When it stops
 * early, transfers still in flight are dropped WITHOUT a `done` call: the
 * caller owns (and frees) whatever it handed out as slot_user for them.
 * Response bodies are wiped before they are freed (they hold personal data). */
enum kp_err kp_http_batch_run(struct kp_http_batch *b, struct kp_error *err);

/* URL-encode s into a new string (caller frees). */
char *kp_http_escape(const char *s);

/* Base64 encode (for AfasToken); returns a new string (caller frees with free,
 * or kp_secret_free when the input was secret). */
char *kp_base64_encode(const void *data, size_t len);

/* Base64 decode; returns new buffer and *outlen, NULL on malformed input. */
unsigned char *kp_base64_decode(const char *s, size_t *outlen);

#endif
