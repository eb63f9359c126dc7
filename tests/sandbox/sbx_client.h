/* sbx_client.h — libcurl helpers for the sandbox integration tests: plain
 * requests with the sandbox CA, the AFAS token header, and a browser-less
 * walk through the Loket.nl login and consent forms. */
#ifndef KOPPEL_TEST_SBX_CLIENT_H
#define KOPPEL_TEST_SBX_CLIENT_H

#include <stddef.h>
#include "sandbox_fixture.h"

struct sbx_resp {
	int curl_code;      /* CURLE_* */
	long status;
	char *body;         /* NUL-terminated, malloc'd */
	size_t len;
	char headers[8192];
	double seconds;     /* total time */
};

/* GET or POST (body != NULL, form-encoded unless content_type given). */
int sbx_request(struct kp_test_sandbox *s, const char *method, const char *url,
		const char *const *headers, const char *body, struct sbx_resp *r);
void sbx_resp_free(struct sbx_resp *r);
/* Value of a response header (case-insensitive name) into out; 0 = found. */
int sbx_header(const struct sbx_resp *r, const char *name, char *out, size_t outlen);

/* AFAS base for participant, e.g. https://127.0.0.1:P/12345/ProfitRestServices */
void sbx_afas_base(struct kp_test_sandbox *s, const char *participant, char *out, size_t len);
/* "Authorization: AfasToken <base64>" for a participant from the info file. */
void sbx_afas_auth(struct kp_test_sandbox *s, const char *participant, char *out, size_t len);
/* GET an AFAS path (after /ProfitRestServices) as participant with its token. */
int sbx_afas_get(struct kp_test_sandbox *s, const char *participant, const char *path,
		 struct sbx_resp *r);

/* The demo password of a Loket user from the info file. */
const char *sbx_loket_password(struct kp_test_sandbox *s, const char *user);
/* Log in and decide on the consent page. challenge may be NULL (no PKCE).
 * On "allow" the code is in code_out; the Location header in location. */
int sbx_loket_consent(struct kp_test_sandbox *s, const char *user, const char *password,
		      const char *challenge, int allow, const char *redirect_uri, char *code_out,
		      size_t code_len, char *location, size_t loc_len);
/* POST /token with a form body; fills r. */
int sbx_loket_token(struct kp_test_sandbox *s, const char *form, struct sbx_resp *r);
/* Full flow with PKCE: access and refresh token. 0 = ok. */
int sbx_loket_login(struct kp_test_sandbox *s, const char *user, char *access, size_t alen,
		    char *refresh, size_t rlen);
/* GET a Loket API path (after /v2) with bearer token and Accept version. */
int sbx_loket_get(struct kp_test_sandbox *s, const char *token, const char *version,
		  const char *path, struct sbx_resp *r);
/* S256 challenge of a verifier (base64url, no padding). */
void sbx_pkce_challenge(const char *verifier, char *out, size_t outlen);
/* VmRSS of pid in kB, or -1. */
long sbx_rss_kb(pid_t pid);

#endif
