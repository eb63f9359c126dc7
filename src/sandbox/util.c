/* util.c — small helpers for the sandbox: random hex, base64, form and URL
 * coding, HTML escaping. */
#include <ctype.h>
#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sandbox.h"

void sb_random_hex(char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char buf[64];
	if (n > sizeof buf)
		n = sizeof buf;
	if (gnutls_rnd(GNUTLS_RND_KEY, buf, n) != 0) {
		/* The RNG failing is fatal for a server handing out tokens. */
		fputs("koppel-sandbox: random generator failed\n", stderr);
		abort();
	}
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[buf[i] >> 4];
		out[2 * i + 1] = hex[buf[i] & 15];
	}
	out[2 * n] = '\0';
}

static void b64(const unsigned char *d, size_t len, char *out, const char *alpha, int pad)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)d[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)d[i + 1] << 8;
		if (i + 2 < len)
			v |= d[i + 2];
		out[o++] = alpha[(v >> 18) & 63];
		out[o++] = alpha[(v >> 12) & 63];
		if (i + 1 < len)
			out[o++] = alpha[(v >> 6) & 63];
		else if (pad)
			out[o++] = '=';
		if (i + 2 < len)
			out[o++] = alpha[v & 63];
		else if (pad)
			out[o++] = '=';
	}
	out[o] = '\0';
}

void sb_base64(const unsigned char *data, size_t len, char *out)
{
	b64(data, len, out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 1);
}

void sb_base64url(const unsigned char *data, size_t len, char *out)
{
	b64(data, len, out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 0);
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

void sb_url_decode(char *s)
{
	char *w = s;
	for (char *p = s; *p; p++) {
		if (*p == '+') {
			*w++ = ' ';
		} else if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			*w++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
}

int sb_form_get(const char *body, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = body;
	if (!body || !outlen)
		return -1;
	while (*p) {
		const char *amp = strchr(p, '&');
		size_t seglen = amp ? (size_t)(amp - p) : strlen(p);
		if (seglen > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			size_t vlen = seglen - klen - 1;
			if (vlen >= outlen)
				return -1;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = '\0';
			sb_url_decode(out);
			return 0;
		}
		if (!amp)
			break;
		p = amp + 1;
	}
	return -1;
}

void sb_url_encode_append(char *out, size_t outlen, const char *s)
{
	size_t o = strlen(out);
	for (; *s && o + 4 < outlen; s++) {
		unsigned char ch = (unsigned char)*s;
		if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
			out[o++] = (char)ch;
		} else {
			snprintf(out + o, outlen - o, "%%%02X", ch);
			o += 3;
		}
	}
	out[o] = '\0';
}

void sb_html_escape(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	if (!outlen)
		return;
	for (; s && *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			size_t n = strlen(rep);
			if (o + n >= outlen)
				break;
			memcpy(out + o, rep, n);
			o += n;
		} else {
			if (o + 1 >= outlen)
				break;
			out[o++] = *s;
		}
	}
	out[o] = '\0';
}

int sb_secret_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = (unsigned char)(la != lb);
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

void sb_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
