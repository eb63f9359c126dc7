/* error.h — one error shape for every fallible function in koppel.
 *
 * Contract: a fallible function returns an enum kp_err (KP_OK == 0) and,
 * when it fails and err is not NULL, fills err with a message that says what
 * happened and a hint that says what to do next, both already translated.
 * The first layer that fails fills it; callers above add nothing unless they
 * know better (curl style). */
#ifndef KOPPEL_ERROR_H
#define KOPPEL_ERROR_H

#include <stddef.h>

enum kp_err {
	KP_OK = 0,
	KP_ERR_USAGE,     /* wrong arguments or input the user can fix */
	KP_ERR_INVALID,   /* data that does not have the expected form */
	KP_ERR_IO,        /* file system */
	KP_ERR_PARSE,     /* a file or response could not be read */
	KP_ERR_DNS,       /* host name did not resolve */
	KP_ERR_CONNECT,   /* refused, reset, unreachable */
	KP_ERR_TLS,       /* certificate or handshake */
	KP_ERR_TIMEOUT,   /* no answer in time */
	KP_ERR_HTTP,      /* an unexpected HTTP status (see http_status) */
	KP_ERR_AUTH,      /* 401: token or credentials refused */
	KP_ERR_FORBIDDEN, /* 403 */
	KP_ERR_NOTFOUND,  /* 404, or a missing item (keyring, file) */
	KP_ERR_CANCELLED, /* the user pressed Esc / Ctrl-C */
	KP_ERR_KEYRING,   /* no usable Secret Service */
	KP_ERR_NOMEM,
	KP_ERR_INTERNAL,
};

struct kp_error {
	enum kp_err code;
	long http_status;  /* 0 when not an HTTP error */
	char msg[512];     /* what happened, translated */
	char hint[512];    /* what to do next, translated; may be empty */
	char ref[64];      /* a support reference (e.g. AFAS profitLogReference) */
};

/* Fill err (if not NULL and not already set) and return code. hint may be NULL. */
enum kp_err kp_error_set(struct kp_error *err, enum kp_err code, const char *hint,
			 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reset err to KP_OK with empty texts. */
void kp_error_clear(struct kp_error *err);

/* Short stable name of a code, for JSON output ("auth", "tls", ...). */
const char *kp_err_name(enum kp_err code);

#endif
