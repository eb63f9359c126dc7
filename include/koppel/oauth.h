/* oauth.h — OAuth 2.0 authorization code flow for Loket.nl: PKCE S256
 * (RFC 7636), a random state, the authorize address, parsing the callback
 * (from the loopback listener or an address the user pastes), and the code
 * exchange and refresh at {oauth}/token.
 *
 * Contract: tokens and secrets are held in buffers released with
 * kp_oauth_tokens_free / kp_secret_free (wiped). Nothing here prints. */
#ifndef KOPPEL_OAUTH_H
#define KOPPEL_OAUTH_H

#include "koppel/error.h"
#include "koppel/http.h"
#include <stddef.h>

/* RFC 7636: verifier 43..128 unreserved characters; S256 challenge is 43. */
struct kp_pkce {
	char verifier[129];
	char challenge[64];
};

/* Fill p with a fresh verifier (32 random bytes, base64url) and its S256 challenge. */
enum kp_err kp_pkce_generate(struct kp_pkce *p, struct kp_error *err);

/* S256 challenge of verifier: base64url(SHA-256(verifier)) without padding. */
enum kp_err kp_pkce_challenge(const char *verifier, char *out, size_t outlen, struct kp_error *err);

/* base64url without padding of len bytes into out (NUL-terminated). -1 if too small. */
int kp_base64url(const unsigned char *data, size_t len, char *out, size_t outlen);

/* A random state of 32 base64url characters (24 random bytes). */
enum kp_err kp_oauth_random_state(char *out, size_t outlen, struct kp_error *err);

/* Constant-time comparison of the expected and the received state; 1 = equal. */
int kp_oauth_state_equal(const char *expected, const char *got);

/* The browser address: {oauth}/authorize?client_id&redirect_uri&response_type=code
 * &scope=all&state&code_challenge&code_challenge_method=S256. Caller frees. */
char *kp_oauth_authorize_url(const char *oauth_base, const char *client_id,
			     const char *redirect_uri, const char *state,
			     const char *code_challenge);

/* Limits for what a callback may carry; longer values are refused. */
#define KP_OAUTH_CODE_MAX 2048
#define KP_OAUTH_STATE_MAX 256

/* The parameters of a redirect back from the authorize page. */
struct kp_oauth_callback {
	char code[KP_OAUTH_CODE_MAX + 1];
	char state[KP_OAUTH_STATE_MAX + 1];
	char error[64];
	int n_code, n_state, n_error; /* how often each appeared (duplicates are refused) */
	int too_long;		      /* a value exceeded its limit */
};

/* Record one (already decoded) query parameter in cb; unknown keys are ignored. */
void kp_oauth_callback_add(struct kp_oauth_callback *cb, const char *key, const char *value);

/* Parse a raw query string (a=b&c=d, percent-encoded) into cb. */
enum kp_err kp_oauth_parse_query(const char *query, struct kp_oauth_callback *cb,
				 struct kp_error *err);

/* Parse the full address the browser ended on (pasted by the user, no
 * browser on this machine). When expected_redirect is given its host, port
 * and path must match. Surrounding whitespace and quotes are tolerated. */
enum kp_err kp_oauth_parse_callback_url(const char *url, const char *expected_redirect,
					struct kp_oauth_callback *cb, struct kp_error *err);

/* Judge a parsed callback: duplicates or overlong values, error=access_denied
 * (refused), another error, a missing code, a wrong state — each its own
 * message. KP_OK when cb carries a code and the expected state. */
enum kp_err kp_oauth_check_callback(const struct kp_oauth_callback *cb, const char *expected_state,
				    struct kp_error *err);

/* Access and refresh token with the absolute expiry (seconds since the epoch). */
struct kp_oauth_tokens {
	char *access_token;
	char *refresh_token;
	long long expires_at;
};

/* Wipe and free both tokens; t itself is kept. */
void kp_oauth_tokens_free(struct kp_oauth_tokens *t);

/* The tokens as one JSON string (the keyring item); caller kp_secret_free()s. */
char *kp_oauth_tokens_to_json(const struct kp_oauth_tokens *t);

/* Read the keyring JSON back. KP_ERR_PARSE when it is not ours. */
enum kp_err kp_oauth_tokens_from_json(const char *json, struct kp_oauth_tokens *t,
				      struct kp_error *err);

/* Who we are at the token endpoint. client_secret may be NULL (public client). */
struct kp_oauth_client {
	const char *oauth_base; /* e.g. https://oauth.loket.nl */
	const char *client_id;
	const char *client_secret;
	const struct kp_http_opts *http;
};

/* POST {oauth}/token grant_type=authorization_code (with code_verifier when
 * given). invalid_grant / invalid_client become clear messages (KP_ERR_AUTH). */
enum kp_err kp_oauth_exchange_code(const struct kp_oauth_client *c, const char *code,
				   const char *redirect_uri, const char *code_verifier,
				   struct kp_oauth_tokens *out, struct kp_error *err);

/* POST {oauth}/token grant_type=refresh_token. A refused refresh token is
 * KP_ERR_AUTH saying consent is needed again (`koppel loket login`). */
enum kp_err kp_oauth_refresh(const struct kp_oauth_client *c, const char *refresh_token,
			     struct kp_oauth_tokens *out, struct kp_error *err);

#endif
