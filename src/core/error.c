/* error.c — filling struct kp_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "koppel/error.h"

enum kp_err kp_error_set(struct kp_error *err, enum kp_err code, const char *hint,
			 const char *fmt, ...)
{
	/* The first layer that fails knows best; later layers keep its words. */
	if (!err || err->code != KP_OK)
		return code;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	snprintf(err->hint, sizeof err->hint, "%s", hint ? hint : "");
	return code;
}

void kp_error_clear(struct kp_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *kp_err_name(enum kp_err code)
{
	static const char *const names[] = {
		[KP_OK] = "ok", [KP_ERR_USAGE] = "usage", [KP_ERR_INVALID] = "invalid",
		[KP_ERR_IO] = "io", [KP_ERR_PARSE] = "parse", [KP_ERR_DNS] = "dns",
		[KP_ERR_CONNECT] = "connect", [KP_ERR_TLS] = "tls", [KP_ERR_TIMEOUT] = "timeout",
		[KP_ERR_HTTP] = "http", [KP_ERR_AUTH] = "auth", [KP_ERR_FORBIDDEN] = "forbidden",
		[KP_ERR_NOTFOUND] = "not-found", [KP_ERR_CANCELLED] = "cancelled",
		[KP_ERR_KEYRING] = "keyring", [KP_ERR_NOMEM] = "nomem",
		[KP_ERR_INTERNAL] = "internal",
	};
	if ((unsigned)code < sizeof names / sizeof names[0] && names[code])
		return names[code];
	return "unknown";
}
