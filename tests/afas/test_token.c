/* test_token.c — App Connector token parsing: every accepted form and
 * every kind of rejection, plus the exact AfasToken header (api-facts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "koppel/afas_token.h"
#include "koppel/secure.h"

#define DATA "ADE370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96F"
#define DATA_LC "ade370be8daf40d0a17ffb914e42675e9998c2d546a2f4fa3e4f3abfa867b96f"
#define VECTOR                                                                                     \
	"PHRva2VuPjx2ZXJzaW9uPjE8L3ZlcnNpb24+PGRhdGE+"                                             \
	"QURFMzcwQkU4REFGNDBEMEExN0ZGQjkxNEU0MjY3NUU5OTk4QzJENTQ2QTJGNEZBM0U0RjNBQkZBODY3Qjk2Rjwv" \
	"ZGF0YT48L3Rva2VuPg=="

static void accept_ok(const char *input, const char *version, const char *want_version)
{
	struct kp_afas_token t;
	struct kp_error err = {0};
	enum kp_afas_token_problem why = KP_TOKEN_EMPTY;

	assert_int_equal(kp_afas_token_parse(input, version, &t, &why, &err), KP_OK);
	assert_int_equal(why, KP_TOKEN_OK);
	assert_string_equal(t.data, DATA);
	assert_string_equal(t.version, want_version);
}

static void reject(const char *input, const char *version, enum kp_afas_token_problem want)
{
	struct kp_afas_token t;
	struct kp_error err = {0};
	enum kp_afas_token_problem why = KP_TOKEN_OK;

	assert_int_not_equal(kp_afas_token_parse(input, version, &t, &why, &err), KP_OK);
	assert_int_equal(why, want);
	assert_true(err.msg[0] != '\0');
	assert_true(err.hint[0] != '\0');
	/* A refused token is not left behind in the output struct. */
	assert_string_equal(t.data, "");
	/* The message never repeats the secret. */
	assert_null(strstr(err.msg, "ADE370BE"));
	assert_null(strstr(err.msg, "ade370be"));
}

static void test_full_xml(void **s)
{
	(void)s;
	accept_ok("<token><version>1</version><data>" DATA "</data></token>", NULL, "1");
	accept_ok("<token><version>1</version><data>" DATA "</data></token>", "", "1");
	/* With the same version typed as well. */
	accept_ok("<token><version>1</version><data>" DATA "</data></token>", "1", "1");
}

static void test_xml_whitespace(void **s)
{
	(void)s;
	accept_ok("  <token>\r\n  <version>2</version>\n  <data>\n" DATA "\n  </data>\n</token>\n",
		  NULL, "2");
	/* A line break in the middle of the data (wrapped e-mail, terminal). */
	accept_ok("<token><version>1</version><data>ADE370BE8DAF40D0A17FFB914E42675E\n  "
		  "9998C2D546A2F4FA3E4F3ABFA867B96F</data></token>",
		  NULL, "1");
	accept_ok("\t<TOKEN><Version> 1 </Version><Data>" DATA "</Data></TOKEN>\t", NULL, "1");
}

static void test_xml_lower_case(void **s)
{
	(void)s;
	accept_ok("<token><version>1</version><data>" DATA_LC "</data></token>", NULL, "1");
}

static void test_data_only(void **s)
{
	(void)s;
	accept_ok(DATA, "1", "1");
	accept_ok(DATA_LC, "1", "1");
	accept_ok("  " DATA "\r\n", " 3 ", "3");
	accept_ok("ADE370BE 8DAF40D0 A17FFB91 4E42675E\n9998C2D5 46A2F4FA 3E4F3ABF A867B96F", "1",
		  "1");
}

static void test_reject_empty(void **s)
{
	(void)s;
	reject("", "1", KP_TOKEN_EMPTY);
	reject(" \n\t ", "1", KP_TOKEN_EMPTY);
	reject(NULL, "1", KP_TOKEN_EMPTY);
}

static void test_reject_no_version(void **s)
{
	(void)s;
	reject(DATA, NULL, KP_TOKEN_NO_VERSION);
	reject(DATA, "  ", KP_TOKEN_NO_VERSION);
	reject("<token><data>" DATA "</data></token>", NULL, KP_TOKEN_NO_VERSION);
}

static void test_reject_bad_version(void **s)
{
	(void)s;
	reject(DATA, "one", KP_TOKEN_BAD_VERSION);
	reject(DATA, "0", KP_TOKEN_BAD_VERSION);
	reject(DATA, "-1", KP_TOKEN_BAD_VERSION);
	reject("<token><version>x</version><data>" DATA "</data></token>", NULL,
	       KP_TOKEN_BAD_VERSION);
	/* Typed version differs from the one inside the XML. */
	reject("<token><version>1</version><data>" DATA "</data></token>", "2",
	       KP_TOKEN_BAD_VERSION);
}

static void test_reject_not_hex(void **s)
{
	struct kp_afas_token t;
	struct kp_error err = {0};

	(void)s;
	reject("ADE370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96G", "1",
	       KP_TOKEN_NOT_HEX);
	reject("<token><version>1</"
	       "version><data>ZZZ370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96F</"
	       "data></token>",
	       NULL, KP_TOKEN_NOT_HEX);
	/* Non-hex wins over length: the more precise reason. */
	reject("hello", "1", KP_TOKEN_NOT_HEX);
	/* The message names the position, not the character. */
	kp_afas_token_parse("ADEX", "1", &t, NULL, &err);
	assert_non_null(strstr(err.msg, "4"));
}

static void test_reject_length(void **s)
{
	struct kp_afas_token t;
	struct kp_error err = {0};

	(void)s;
	reject("ADE370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96", "1",
	       KP_TOKEN_BAD_LENGTH);
	reject(DATA "0", "1", KP_TOKEN_BAD_LENGTH);
	reject("<token><version>1</version><data>ADE370BE</data></token>", NULL,
	       KP_TOKEN_BAD_LENGTH);
	kp_afas_token_parse("ABC", "1", &t, NULL, &err);
	assert_non_null(strstr(err.msg, "3"));
	assert_non_null(strstr(err.msg, "64"));
}

static void test_reject_bad_xml(void **s)
{
	(void)s;
	reject("<token><version>1</version></token>", NULL, KP_TOKEN_BAD_XML);
	reject("<token><version>1</version><data>" DATA "</token>", NULL, KP_TOKEN_BAD_XML);
}

static void test_header_vector(void **s)
{
	struct kp_afas_token t;
	char *xml, *h;

	(void)s;
	assert_int_equal(kp_afas_token_parse(" <token>\n<version>1</version>\n<data>" DATA_LC
					     "</data>\n</token>",
					     NULL, &t, NULL, NULL),
			 KP_OK);
	xml = kp_afas_token_xml(&t);
	assert_string_equal(xml, "<token><version>1</version><data>" DATA "</data></token>");
	h = kp_afas_token_auth_header(&t);
	assert_string_equal(h, "Authorization: AfasToken " VECTOR);
	kp_secret_free(xml);
	kp_secret_free(h);
	kp_afas_token_wipe(&t);
	assert_string_equal(t.data, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full_xml),	       cmocka_unit_test(test_xml_whitespace),
	    cmocka_unit_test(test_xml_lower_case),     cmocka_unit_test(test_data_only),
	    cmocka_unit_test(test_reject_empty),       cmocka_unit_test(test_reject_no_version),
	    cmocka_unit_test(test_reject_bad_version), cmocka_unit_test(test_reject_not_hex),
	    cmocka_unit_test(test_reject_length),      cmocka_unit_test(test_reject_bad_xml),
	    cmocka_unit_test(test_header_vector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
