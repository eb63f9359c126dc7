/* loopback.h — the OAuth redirect listener on 127.0.0.1 (libmicrohttpd).
 *
 * Contract: listens on 127.0.0.1 only, on an ephemeral port (port 0) or a
 * fixed one (clients whose redirect URI is registered with a port). Only
 * GET on the callback path counts: another path answers 404, another method
 * 405, both keep waiting; a request without code/error, with duplicated or
 * overlong parameters answers 400 and keeps waiting. The first callback that
 * carries a code, an error or a state ends the wait (a wrong state, a
 * refusal: each its own message) and the listener stops accepting. */
#ifndef KOPPEL_LOOPBACK_H
#define KOPPEL_LOOPBACK_H

#include "koppel/error.h"
#include "koppel/oauth.h"
#include "koppel/progress.h"

struct kp_loopback;

/* Path of the redirect URI on the loopback listener. */
#define KP_LOOPBACK_PATH "/callback"

/* Start listening. port 0 = ephemeral. expected_state is copied. */
enum kp_err kp_loopback_start(struct kp_loopback **out, int port, const char *expected_state,
			      struct kp_error *err);

/* The redirect URI, e.g. http://127.0.0.1:43125/callback. */
const char *kp_loopback_redirect_uri(const struct kp_loopback *lb);

/* The port actually bound. */
int kp_loopback_port(const struct kp_loopback *lb);

/* Wait up to timeout_s for the callback; progress gets the seconds left
 * (done = elapsed, total = timeout) once a second, and its cancel flag
 * stops the wait (KP_ERR_CANCELLED). On KP_OK cb holds a checked code. */
enum kp_err kp_loopback_wait(struct kp_loopback *lb, int timeout_s, const struct kp_progress *p,
			     struct kp_oauth_callback *cb, struct kp_error *err);

/* Stop and free (NULL is fine). */
void kp_loopback_stop(struct kp_loopback *lb);

#endif
