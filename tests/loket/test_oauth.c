/* test_oauth.c — PKCE (RFC 7636 appendix B), state, the authorize address,
 * callback parsing with hostile input, and the token JSON. */
#include "koppel/oauth.h"
#include "koppel/secure.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void pkce_rfc7636_appendix_b(void **s)
{
	char ch[64];
	struct kp_error err = {0};
	(void)s;
	assert_int_equal(
	    kp_pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", ch, sizeof ch, &err),
	    KP_OK);
	assert_string_equal(ch, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void pkce_appendix_b_octets_encode(void **s)
{
	/* the appendix's 32 octets encode to its verifier */
	static const unsigned char oct[32] = {116, 24,	223, 180, 151, 153, 224, 37,  79,  250, 96,
					      125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
					      191, 240, 91,  88,  5,   88,  83,	 132, 141, 121};
	char out[64];
	(void)s;
	assert_int_equal(kp_base64url(oct, sizeof oct, out, sizeof out), 0);
	assert_string_equal(out, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

static void pkce_generate_fresh(void **s)
{
	struct kp_pkce a, b;
	char ch[64];
	(void)s;
	assert_int_equal(kp_pkce_generate(&a, NULL), KP_OK);
	assert_int_equal(kp_pkce_generate(&b, NULL), KP_OK);
	assert_int_equal(strlen(a.verifier), 43);
	assert_int_equal(
	    strspn(a.verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
	    43);
	assert_string_not_equal(a.verifier, b.verifier);
	assert_int_equal(kp_pkce_challenge(a.verifier, ch, sizeof ch, NULL), KP_OK);
	assert_string_equal(ch, a.challenge);
	assert_int_equal(kp_pkce_challenge("short", ch, sizeof ch, NULL), KP_ERR_INVALID);
}

static void state_random_and_compare(void **s)
{
	char a[64], b[64];
	(void)s;
	assert_int_equal(kp_oauth_random_state(a, sizeof a, NULL), KP_OK);
	assert_int_equal(kp_oauth_random_state(b, sizeof b, NULL), KP_OK);
	assert_int_equal(strlen(a), 32);
	assert_string_not_equal(a, b);
	assert_true(kp_oauth_state_equal(a, a));
	assert_false(kp_oauth_state_equal(a, b));
	assert_false(kp_oauth_state_equal(a, ""));
	assert_false(kp_oauth_state_equal("", ""));
	assert_false(kp_oauth_state_equal("abc", "abcd"));
	assert_false(kp_oauth_state_equal(a, NULL));
}

static void authorize_url_has_pkce(void **s)
{
	char *u = kp_oauth_authorize_url("https://oauth.example/", "client 1",
					 "http://127.0.0.1:5000/callback", "st", "CH");
	(void)s;
	assert_non_null(u);
	assert_non_null(strstr(u, "https://oauth.example/authorize?client_id=client%201&"));
	assert_non_null(strstr(u, "redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback"));
	assert_non_null(strstr(u, "response_type=code&scope=all&state=st"));
	assert_non_null(strstr(u, "code_challenge=CH&code_challenge_method=S256"));
	assert_null(strstr(u, "secret"));
	free(u);
}

static void query_good(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	assert_int_equal(kp_oauth_parse_query("code=a%2Fb+c&state=XYZ&extra=1", &cb, &err), KP_OK);
	assert_string_equal(cb.code, "a/b c");
	assert_string_equal(cb.state, "XYZ");
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_OK);
}

static void query_wrong_state(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	kp_oauth_parse_query("code=abc&state=other", &cb, NULL);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "wrong state"));
	kp_error_clear(&err);
	kp_oauth_parse_query("code=abc", &cb, NULL); /* state missing */
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "wrong state"));
}

static void query_refused(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	kp_oauth_parse_query("error=access_denied&state=XYZ", &cb, NULL);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "refused"));
	kp_error_clear(&err);
	kp_oauth_parse_query("error=%3Cscript%3E&state=XYZ", &cb, NULL); /* not echoed */
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_AUTH);
	assert_null(strstr(err.msg, "<script>"));
}

static void query_missing_and_duplicated(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	kp_oauth_parse_query("state=XYZ", &cb, NULL);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_INVALID);
	assert_non_null(strstr(err.msg, "no code"));
	kp_error_clear(&err);
	kp_oauth_parse_query("code=a&code=b&state=XYZ", &cb, NULL);
	assert_int_equal(cb.n_code, 2);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_INVALID);
	assert_non_null(strstr(err.msg, "twice"));
	kp_error_clear(&err);
	kp_oauth_parse_query("code=a&state=XYZ&state=XYZ", &cb, NULL);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_INVALID);
	kp_oauth_parse_query("", &cb, NULL);
	assert_int_not_equal(kp_oauth_check_callback(&cb, "XYZ", NULL), KP_OK);
	kp_oauth_parse_query("&&&=&code", &cb, NULL);
	assert_int_not_equal(kp_oauth_check_callback(&cb, "XYZ", NULL), KP_OK);
}

static void query_hostile(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	char *big = malloc(KP_OAUTH_CODE_MAX + 100);
	(void)s;
	strcpy(big, "state=XYZ&code=");
	memset(big + 15, 'A', KP_OAUTH_CODE_MAX + 10);
	big[15 + KP_OAUTH_CODE_MAX + 10] = '\0';
	assert_int_equal(kp_oauth_parse_query(big, &cb, NULL), KP_OK);
	assert_true(cb.too_long);
	assert_int_equal(kp_oauth_check_callback(&cb, "XYZ", &err), KP_ERR_INVALID);
	free(big);
	big = malloc(100000);
	memset(big, 'x', 99999);
	big[99999] = '\0';
	assert_int_equal(kp_oauth_parse_query(big, &cb, NULL), KP_ERR_INVALID);
	free(big);
	/* broken escapes and an embedded NUL are refused */
	assert_int_equal(kp_oauth_parse_query("code=%zz&state=XYZ", &cb, NULL), KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_query("code=abc%&state=XYZ", &cb, NULL), KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_query("code=a%00b&state=XYZ", &cb, NULL), KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_query("code=abc%4", &cb, NULL), KP_ERR_INVALID);
}

static void pasted_url(void **s)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	const char *ru = "http://127.0.0.1:51234/callback";
	(void)s;
	assert_int_equal(
	    kp_oauth_parse_callback_url(
		"  \"http://127.0.0.1:51234/callback?code=C1&state=S1#frag\"\n", ru, &cb, &err),
	    KP_OK);
	assert_string_equal(cb.code, "C1");
	assert_string_equal(cb.state, "S1");
	assert_int_equal(kp_oauth_check_callback(&cb, "S1", NULL), KP_OK);
	/* wrong path, wrong port, wrong host: not our redirect */
	assert_int_equal(kp_oauth_parse_callback_url("http://127.0.0.1:51234/other?code=C&state=S",
						     ru, &cb, NULL),
			 KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_callback_url("http://127.0.0.1:1/callback?code=C&state=S",
						     ru, &cb, NULL),
			 KP_ERR_INVALID);
	assert_int_equal(
	    kp_oauth_parse_callback_url("http://evil.example:51234/callback?code=C", ru, &cb, NULL),
	    KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_callback_url("code=C&state=S", ru, &cb, NULL),
			 KP_ERR_INVALID);
	assert_int_equal(kp_oauth_parse_callback_url("   ", ru, &cb, NULL), KP_ERR_USAGE);
	assert_int_equal(kp_oauth_parse_callback_url("javascript://x/callback", ru, &cb, NULL),
			 KP_ERR_INVALID);
	/* an error page address carries the refusal */
	assert_int_equal(
	    kp_oauth_parse_callback_url(
		"http://127.0.0.1:51234/callback?error=access_denied&state=S1", ru, &cb, NULL),
	    KP_OK);
	kp_error_clear(&err);
	assert_int_equal(kp_oauth_check_callback(&cb, "S1", &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "refused"));
	{
		char *big = malloc(20000);
		strcpy(big, "http://127.0.0.1:51234/callback?code=");
		memset(big + strlen(big), 'a', 15000);
		big[19000] = '\0';
		assert_int_equal(kp_oauth_parse_callback_url(big, ru, &cb, NULL), KP_ERR_INVALID);
		free(big);
	}
}

static void tokens_json(void **s)
{
	struct kp_oauth_tokens t = {kp_secret_dup("AT\"1"), kp_secret_dup("RT2"), 1234567890}, u;
	char *j = kp_oauth_tokens_to_json(&t);
	(void)s;
	assert_non_null(j);
	assert_int_equal(kp_oauth_tokens_from_json(j, &u, NULL), KP_OK);
	assert_string_equal(u.access_token, "AT\"1");
	assert_string_equal(u.refresh_token, "RT2");
	assert_int_equal(u.expires_at, 1234567890);
	kp_oauth_tokens_free(&u);
	kp_oauth_tokens_free(&t);
	kp_secret_free(j);
	assert_int_equal(kp_oauth_tokens_from_json("{\"access_token\":1}", &u, NULL), KP_ERR_PARSE);
	assert_int_equal(kp_oauth_tokens_from_json("nonsense", &u, NULL), KP_ERR_PARSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pkce_rfc7636_appendix_b),
	    cmocka_unit_test(pkce_appendix_b_octets_encode),
	    cmocka_unit_test(pkce_generate_fresh),
	    cmocka_unit_test(state_random_and_compare),
	    cmocka_unit_test(authorize_url_has_pkce),
	    cmocka_unit_test(query_good),
	    cmocka_unit_test(query_wrong_state),
	    cmocka_unit_test(query_refused),
	    cmocka_unit_test(query_missing_and_duplicated),
	    cmocka_unit_test(query_hostile),
	    cmocka_unit_test(pasted_url),
	    cmocka_unit_test(tokens_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
