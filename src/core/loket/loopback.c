/* loopback.c — the OAuth redirect listener on 127.0.0.1 (libmicrohttpd,
 * its own polling thread). One valid callback ends the wait; everything
 * else is answered and ignored. See loopback.h for the contract. */
#include "koppel/loopback.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct kp_loopback {
	struct MHD_Daemon *d;
	int port;
	char redirect_uri[128];
	char state[KP_OAUTH_STATE_MAX + 1];
	pthread_mutex_t lock;
	int done;     /* a callback ended the wait */
	int answered; /* its response went out */
	enum kp_err result;
	struct kp_error err;
	struct kp_oauth_callback cb;
};

static const char page_fmt[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>koppel</title></head>"
    "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
    "<h1>%s</h1><p>%s</p></body></html>";

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *title,
			     const char *text)
{
	char *page = NULL;
	struct MHD_Response *r;
	enum MHD_Result ret;
	if (asprintf(&page, page_fmt, title, text) < 0)
		return MHD_NO;
	r = MHD_create_response_from_buffer(strlen(page), page, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(page);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	(void)kind;
	kp_oauth_callback_add(cls, key, value);
	return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct kp_loopback *lb = cls;
	struct kp_oauth_callback *cb;
	struct kp_error e = {0};
	enum kp_err rc;
	int done;
	(void)version;
	(void)upload;
	if (*con_cls == NULL) { /* first call: headers only */
		*con_cls = lb;
		return MHD_YES;
	}
	if (*upload_size) { /* ignore any body */
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "405", _("Only GET is used here."));
	if (strcmp(url, KP_LOOPBACK_PATH) != 0)
		return reply(c, MHD_HTTP_NOT_FOUND, "404", _("Nothing here."));
	pthread_mutex_lock(&lb->lock);
	done = lb->done;
	pthread_mutex_unlock(&lb->lock);
	if (done)
		return reply(c, MHD_HTTP_GONE, _("Already done"),
			     _("This sign-in was already handled. Go back to the terminal."));
	cb = calloc(1, sizeof *cb);
	if (!cb)
		return MHD_NO;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, cb);
	if ((!cb->n_code && !cb->n_error && !cb->n_state) || cb->too_long || cb->n_code > 1 ||
	    cb->n_state > 1 || cb->n_error > 1) {
		/* not a usable redirect: keep waiting for the real one */
		kp_wipe(cb, sizeof *cb);
		free(cb);
		return reply(c, MHD_HTTP_BAD_REQUEST, "400",
			     _("This is not a sign-in response koppel can use."));
	}
	rc = kp_oauth_check_callback(cb, lb->state, &e);
	pthread_mutex_lock(&lb->lock);
	if (!lb->done) {
		lb->done = 1;
		lb->result = rc;
		lb->err = e;
		lb->cb = *cb;
	}
	pthread_mutex_unlock(&lb->lock);
	kp_wipe(cb, sizeof *cb);
	free(cb);
	if (rc == KP_OK)
		return reply(c, MHD_HTTP_OK, _("Consent received"),
			     _("koppel has what it needs. You can close this tab and go back to "
			       "the terminal."));
	return reply(c, MHD_HTTP_OK, _("Sign-in not completed"), e.msg);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct kp_loopback *lb = cls;
	(void)c;
	(void)con_cls;
	(void)toe;
	pthread_mutex_lock(&lb->lock);
	if (lb->done)
		lb->answered = 1;
	pthread_mutex_unlock(&lb->lock);
}

enum kp_err kp_loopback_start(struct kp_loopback **out, int port, const char *expected_state,
			      struct kp_error *err)
{
	struct kp_loopback *lb;
	struct sockaddr_in sa = {0};
	const union MHD_DaemonInfo *info;
	*out = NULL;
	if (port < 0 || port > 65535)
		return kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Set loket.redirect_port to a number from 1024 to 65535, or 0."),
		    _("The redirect port %d is not a valid port."), port);
	lb = calloc(1, sizeof *lb);
	if (!lb)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	pthread_mutex_init(&lb->lock, NULL);
	snprintf(lb->state, sizeof lb->state, "%s", expected_state ? expected_state : "");
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lb->d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, (uint16_t)port, NULL, NULL, handle, lb,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned int)16, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)8,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)15, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)32768, MHD_OPTION_NOTIFY_COMPLETED, completed, lb, MHD_OPTION_END);
	if (!lb->d) {
		pthread_mutex_destroy(&lb->lock);
		free(lb);
		if (port)
			return kp_error_set(
			    err, KP_ERR_CONNECT,
			    _("Close the program using that port, or change "
			      "loket.redirect_port (it must match the redirect URI "
			      "registered for the client)."),
			    _("Cannot listen on 127.0.0.1:%d for the sign-in response."), port);
		return kp_error_set(err, KP_ERR_CONNECT,
				    _("Use the way without a browser (paste the address)."),
				    _("Cannot listen on 127.0.0.1 for the sign-in response."));
	}
	info = MHD_get_daemon_info(lb->d, MHD_DAEMON_INFO_BIND_PORT);
	lb->port = info ? info->port : port;
	snprintf(lb->redirect_uri, sizeof lb->redirect_uri, "http://127.0.0.1:%d%s", lb->port,
		 KP_LOOPBACK_PATH);
	*out = lb;
	return KP_OK;
}

const char *kp_loopback_redirect_uri(const struct kp_loopback *lb) { return lb->redirect_uri; }

int kp_loopback_port(const struct kp_loopback *lb) { return lb->port; }

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

enum kp_err kp_loopback_wait(struct kp_loopback *lb, int timeout_s, const struct kp_progress *p,
			     struct kp_oauth_callback *cb, struct kp_error *err)
{
	double start = now_s(), done_at = 0;
	long last = -1;
	enum kp_err rc;
	for (;;) {
		double t = now_s();
		int done, answered;
		pthread_mutex_lock(&lb->lock);
		done = lb->done;
		answered = lb->answered;
		pthread_mutex_unlock(&lb->lock);
		if (done && !done_at)
			done_at = t;
		/* let the browser receive its page before the listener closes */
		if (done && (answered || t - done_at > 2.0))
			break;
		if (!done && kp_progress_cancelled(p))
			return kp_error_set(err, KP_ERR_CANCELLED,
					    _("Choose a way and press Enter to start again."),
					    _("Waiting for consent was cancelled."));
		if (!done && t - start >= timeout_s)
			return kp_error_set(
			    err, KP_ERR_TIMEOUT,
			    _("Start again and finish the Loket.nl sign-in within the "
			      "time shown, or use the way without a browser."),
			    _("No answer from the browser within %d seconds."), timeout_s);
		if ((long)(t - start) != last) {
			last = (long)(t - start);
			kp_progress_report(p, (unsigned long)last, (unsigned long)timeout_s, NULL);
		}
		usleep(50 * 1000);
	}
	MHD_stop_daemon(lb->d); /* one callback only: stop accepting at once */
	lb->d = NULL;
	rc = lb->result;
	if (rc) {
		if (err && err->code == KP_OK)
			*err = lb->err;
		return rc;
	}
	*cb = lb->cb;
	return KP_OK;
}

void kp_loopback_stop(struct kp_loopback *lb)
{
	if (!lb)
		return;
	if (lb->d)
		MHD_stop_daemon(lb->d);
	kp_wipe(&lb->cb, sizeof lb->cb);
	pthread_mutex_destroy(&lb->lock);
	free(lb);
}
