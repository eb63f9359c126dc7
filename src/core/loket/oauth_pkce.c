/* oauth_pkce.c — PKCE S256 (RFC 7636), state and the authorize address. */
#include "koppel/i18n.h"
#include "koppel/oauth.h"
#include "koppel/secure.h"
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kp_base64url(const unsigned char *data, size_t len, char *out, size_t outlen)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t need = (len * 4 + 2) / 3 + 1, o = 0;
	if (outlen < need)
		return -1;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		size_t rem = len - i;
		if (rem > 1)
			v |= (unsigned)data[i + 1] << 8;
		if (rem > 2)
			v |= data[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		if (rem > 1)
			out[o++] = tab[(v >> 6) & 63];
		if (rem > 2)
			out[o++] = tab[v & 63];
	}
	out[o] = '\0';
	return 0;
}

enum kp_err kp_pkce_challenge(const char *verifier, char *out, size_t outlen, struct kp_error *err)
{
	unsigned char digest[32];
	size_t n = verifier ? strlen(verifier) : 0;
	if (n < 43 || n > 128)
		return kp_error_set(err, KP_ERR_INVALID, NULL,
				    _("The PKCE verifier must be 43 to 128 characters long."));
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, verifier, n, digest) < 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, _("SHA-256 is not available."));
	if (kp_base64url(digest, sizeof digest, out, outlen) < 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, "PKCE buffer too small");
	return KP_OK;
}

enum kp_err kp_pkce_generate(struct kp_pkce *p, struct kp_error *err)
{
	unsigned char raw[32];
	enum kp_err rc;
	if (gnutls_rnd(GNUTLS_RND_KEY, raw, sizeof raw) < 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL,
				    _("No random numbers available for the sign-in."));
	kp_base64url(raw, sizeof raw, p->verifier, sizeof p->verifier);
	kp_wipe(raw, sizeof raw);
	rc = kp_pkce_challenge(p->verifier, p->challenge, sizeof p->challenge, err);
	return rc;
}

enum kp_err kp_oauth_random_state(char *out, size_t outlen, struct kp_error *err)
{
	unsigned char raw[24];
	if (gnutls_rnd(GNUTLS_RND_NONCE, raw, sizeof raw) < 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL,
				    _("No random numbers available for the sign-in."));
	if (kp_base64url(raw, sizeof raw, out, outlen) < 0)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, "state buffer too small");
	return KP_OK;
}

int kp_oauth_state_equal(const char *expected, const char *got)
{
	size_t a, b;
	unsigned char diff = 0;
	if (!expected || !got || !*expected)
		return 0;
	a = strlen(expected);
	b = strlen(got);
	if (a != b)
		return 0;
	/* constant time: the state is a CSRF secret for the length of the login */
	for (size_t i = 0; i < a; i++)
		diff |= (unsigned char)(expected[i] ^ got[i]);
	return diff == 0;
}

char *kp_oauth_authorize_url(const char *oauth_base, const char *client_id,
			     const char *redirect_uri, const char *state,
			     const char *code_challenge)
{
	char *cid = kp_http_escape(client_id), *ru = kp_http_escape(redirect_uri);
	char *st = kp_http_escape(state), *url = NULL;
	size_t blen = strlen(oauth_base);
	while (blen && oauth_base[blen - 1] == '/')
		blen--;
	if (cid && ru && st &&
	    asprintf(&url,
		     "%.*s/authorize?client_id=%s&redirect_uri=%s&response_type=code&scope=all"
		     "&state=%s&code_challenge=%s&code_challenge_method=S256",
		     (int)blen, oauth_base, cid, ru, st, code_challenge) < 0)
		url = NULL;
	free(cid);
	free(ru);
	free(st);
	return url;
}
