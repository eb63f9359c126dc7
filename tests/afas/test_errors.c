/* test_afas_errors.c — what each AFAS answer means for the user: the
 * mapping from status and body to message, hint, code and reference; and
 * the small validators (customer number, environment, e-mail). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "koppel/afas.h"
#include "koppel/http.h"

static void answer(long status, const char *body, long retry_after, const char *what,
		   struct kp_error *err, enum kp_err want)
{
	struct kp_http_response r = {.status = status,
				     .body = (char *)body,
				     .body_len = body ? strlen(body) : 0,
				     .retry_after = retry_after};

	memset(err, 0, sizeof *err);
	assert_int_equal(kp_afas_status_error(&r, what, err), want);
	assert_int_equal(err->code, want);
	assert_int_equal(err->http_status, status);
	assert_true(err->msg[0] != '\0');
	assert_true(err->hint[0] != '\0');
}

static void test_401_token(void **s)
{
	struct kp_error e;

	(void)s;
	answer(401, "", -1, NULL, &e, KP_ERR_AUTH);
	assert_non_null(strstr(e.msg, "401"));
	/* Every cause the issue names is in the hint. */
	assert_non_null(strstr(e.hint, "customer number"));
	assert_non_null(strstr(e.hint, "environment"));
	assert_non_null(strstr(e.hint, "revoked"));
	assert_non_null(strstr(e.hint, "expired"));
	assert_non_null(strstr(e.hint, "another user"));
}

static void test_401_connector_not_assigned(void **s)
{
	struct kp_error e;

	(void)s;
	answer(401,
	       "{\"externalMessage\":\"GetConnector niet ondersteund voor deze app of de gebruiker "
	       "is niet geautoriseerd\"}",
	       -1, "BP_Salarissen", &e, KP_ERR_AUTH);
	assert_non_null(strstr(e.msg, "BP_Salarissen"));
	assert_non_null(strstr(e.hint, "GetConnectors"));
}

static void test_403_ip(void **s)
{
	struct kp_error e;

	(void)s;
	answer(403, NULL, -1, NULL, &e, KP_ERR_FORBIDDEN);
	assert_non_null(strstr(e.hint, "IP"));
}

static void test_404(void **s)
{
	struct kp_error e;

	(void)s;
	answer(404, NULL, -1, "X_Conn", &e, KP_ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "X_Conn"));
	answer(404, NULL, -1, NULL, &e, KP_ERR_NOTFOUND);
}

static void test_500_reference(void **s)
{
	struct kp_error e;

	(void)s;
	answer(500,
	       "{\"externalMessage\":\"Er is een "
	       "fout\",\"errorNumber\":-2147180999,\"profitLogReference\":"
	       "\"3A4CA18A611A4E07B429AC6BAFC6B8D1\"}",
	       -1, NULL, &e, KP_ERR_HTTP);
	assert_string_equal(e.ref, "3A4CA18A611A4E07B429AC6BAFC6B8D1");
	assert_non_null(strstr(e.msg, "Er is een fout"));
	assert_non_null(strstr(e.msg, "3A4CA18A611A4E07B429AC6BAFC6B8D1"));
	/* A 500 without a body still says something useful. */
	answer(500, "", -1, NULL, &e, KP_ERR_HTTP);
	assert_string_equal(e.ref, "");
}

static void test_503_retry(void **s)
{
	struct kp_error e;

	(void)s;
	answer(503, "{\"error\":{\"code\":\"503\",\"message\":\"Onderhoud\"},\"retry_after\":7200}",
	       -1, NULL, &e, KP_ERR_HTTP);
	assert_non_null(strstr(e.msg, "Onderhoud"));
	assert_non_null(strstr(e.hint, "120 minutes"));
	/* From the Retry-After header when the body has none. */
	answer(503, "", 90, NULL, &e, KP_ERR_HTTP);
	assert_non_null(strstr(e.hint, "2 minutes"));
}

static void test_other_status(void **s)
{
	struct kp_error e;

	(void)s;
	answer(400, "{\"externalMessage\":\"Te veel sorteervelden.\"}", -1, NULL, &e, KP_ERR_HTTP);
	assert_non_null(strstr(e.msg, "400"));
	assert_non_null(strstr(e.msg, "Te veel sorteervelden."));
	answer(502, "<html>bad gateway</html>", -1, NULL, &e, KP_ERR_HTTP);
	assert_non_null(strstr(e.msg, "502"));
}

static void test_validators(void **s)
{
	(void)s;
	assert_true(kp_afas_participant_valid("12345"));
	assert_true(kp_afas_participant_valid("99999"));
	assert_true(kp_afas_participant_valid("10000"));
	assert_false(kp_afas_participant_valid("09999"));
	assert_false(kp_afas_participant_valid("1234"));
	assert_false(kp_afas_participant_valid("123456"));
	assert_false(kp_afas_participant_valid("12a45"));
	assert_false(kp_afas_participant_valid(NULL));
	assert_true(kp_afas_environment_valid("production"));
	assert_true(kp_afas_environment_valid("test"));
	assert_true(kp_afas_environment_valid("accept"));
	assert_false(kp_afas_environment_valid("acceptance"));
	assert_false(kp_afas_environment_valid("sandbox"));
	assert_true(kp_afas_email_valid("salaris@acme.nl"));
	assert_true(kp_afas_email_valid("a.b+c@sub.example.com"));
	assert_false(kp_afas_email_valid(""));
	assert_false(kp_afas_email_valid("acme.nl"));
	assert_false(kp_afas_email_valid("a@b"));
	assert_false(kp_afas_email_valid("a@@b.nl"));
	assert_false(kp_afas_email_valid("a b@c.nl"));
	assert_false(kp_afas_email_valid("a@b.nl, c@d.nl"));
	assert_false(kp_afas_email_valid("@acme.nl"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_401_token),	  cmocka_unit_test(test_401_connector_not_assigned),
	    cmocka_unit_test(test_403_ip),	  cmocka_unit_test(test_404),
	    cmocka_unit_test(test_500_reference), cmocka_unit_test(test_503_retry),
	    cmocka_unit_test(test_other_status),  cmocka_unit_test(test_validators),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
