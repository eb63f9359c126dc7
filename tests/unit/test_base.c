/* test_base.c — small base pieces: the elfproef and masking, base64 (the
 * AfasToken header depends on it), forms, error filling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/bsn.h"
#include "koppel/error.h"
#include "koppel/form.h"
#include "koppel/http.h"

static void test_bsn(void **s)
{
	(void)s;
	/* Loket's documented example fails the elfproef: a format example only. */
	assert_false(kp_bsn_valid("042168588"));
	assert_true(kp_bsn_valid("111222333"));
	assert_true(kp_bsn_valid("123456782"));
	assert_false(kp_bsn_valid("123456789"));
	assert_false(kp_bsn_valid("000000000"));
	assert_false(kp_bsn_valid("12345678"));
	assert_false(kp_bsn_valid("1234567822"));
	assert_false(kp_bsn_valid("12345678a"));
	assert_false(kp_bsn_valid(NULL));
	char m[16];
	kp_bsn_mask("042168588", m, sizeof m);
	assert_string_equal(m, "******588");
	kp_bsn_mask("12", m, sizeof m);
	assert_string_equal(m, "*********");
	kp_bsn_mask(NULL, m, sizeof m);
	assert_string_equal(m, "*********");
}

static void test_base64(void **s)
{
	(void)s;
	const char *xml = "<token><version>1</version><data>ADE370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96F</data></token>";
	char *b = kp_base64_encode(xml, strlen(xml));
	assert_string_equal(b, "PHRva2VuPjx2ZXJzaW9uPjE8L3ZlcnNpb24+PGRhdGE+QURFMzcwQkU4REFGNDBEMEExN0ZGQjkxNEU0MjY3NUU5OTk4QzJENTQ2QTJGNEZBM0U0RjNBQkZBODY3Qjk2RjwvZGF0YT48L3Rva2VuPg==");
	size_t n = 0;
	unsigned char *d = kp_base64_decode(b, &n);
	assert_int_equal(n, strlen(xml));
	assert_memory_equal(d, xml, n);
	free(b);
	free(d);
	const char *v[][2] = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}};
	for (int i = 0; i < 4; i++) {
		b = kp_base64_encode(v[i][0], strlen(v[i][0]));
		assert_string_equal(b, v[i][1]);
		free(b);
	}
	assert_null(kp_base64_decode("Zm9v!", &n));
}

static void test_form(void **s)
{
	(void)s;
	struct kp_form f;
	kp_form_init(&f);
	kp_form_text(&f, 0, "Hello %s", "world");
	kp_form_input(&f, "n", "Number", "12", 5, KP_WF_DIGITS);
	kp_form_secret(&f, "t", "Token", 0, KP_WF_COPYABLE);
	const char *ids[] = {"x", "y"}, *labels[] = {"X", "Y"};
	kp_form_choice(&f, "c", "Choice", ids, labels, 2, 1);
	const int checked[] = {1, 0};
	kp_form_checklist(&f, "k", "Check", ids, labels, 2, checked);
	const char *hdr[] = {"A", "B"};
	struct kp_widget *t = kp_form_table(&f, "tbl", 2, hdr);
	const char *row[] = {"1", "2"};
	assert_int_equal(kp_table_add_row(t, KP_ST_FAIL, row), 0);
	assert_string_equal(f.w[0].text, "Hello world");
	assert_string_equal(kp_form_value(&f, "n"), "12");
	assert_string_equal(kp_form_value(&f, "c"), "y");
	assert_int_equal(kp_form_set_value(&f, "c", "x"), 0);
	assert_string_equal(kp_form_value(&f, "c"), "x");
	assert_int_equal(kp_form_set_value(&f, "c", "nope"), -1);
	assert_int_equal(kp_form_set_value(&f, "t", "secret"), 0);
	assert_string_equal(kp_form_value(&f, "t"), "secret");
	assert_true(kp_form_checked(&f, "k", 0));
	assert_false(kp_form_checked(&f, "k", 1));
	assert_int_equal(kp_form_count_checked(&f, "k"), 1);
	assert_int_equal(t->n_rows, 1);
	assert_string_equal(t->cells[1], "2");
	assert_null(kp_form_value(&f, "missing"));
	assert_string_equal(kp_status_mark(KP_ST_FAIL, 1), "✗");
	assert_string_equal(kp_status_mark(KP_ST_OK, 0), "OK");
	kp_form_clear(&f);
	assert_int_equal(f.n, 0);
}

static void test_error_first_wins(void **s)
{
	(void)s;
	struct kp_error e = {0};
	assert_int_equal(kp_error_set(&e, KP_ERR_TLS, "hint 1", "first %d", 1), KP_ERR_TLS);
	assert_int_equal(kp_error_set(&e, KP_ERR_IO, "hint 2", "second"), KP_ERR_IO);
	assert_string_equal(e.msg, "first 1");
	assert_string_equal(e.hint, "hint 1");
	assert_int_equal(e.code, KP_ERR_TLS);
	assert_string_equal(kp_err_name(KP_ERR_AUTH), "auth");
	kp_error_clear(&e);
	assert_int_equal(e.code, KP_OK);
	assert_int_equal(kp_error_set(NULL, KP_ERR_IO, NULL, "x"), KP_ERR_IO);
}

/* List items in texts get a hanging indent as wide as their marker. */
static void test_list_marker(void **state)
{
	(void)state;
	assert_int_equal(kp_form_list_marker("- item"), 2);
	assert_int_equal(kp_form_list_marker("• item"), 2);
	assert_int_equal(kp_form_list_marker("* item"), 2);
	assert_int_equal(kp_form_list_marker("1. Go to"), 3);
	assert_int_equal(kp_form_list_marker("12. Go to"), 4);
	assert_int_equal(kp_form_list_marker("3) [x] Saved"), 3);
	assert_int_equal(kp_form_list_marker("1.5 million rows"), 0);
	assert_int_equal(kp_form_list_marker("12345 is a number."), 0);
	assert_int_equal(kp_form_list_marker("-5 degrees"), 0);
	assert_int_equal(kp_form_list_marker("Plain text."), 0);
	assert_int_equal(kp_form_list_marker(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsn),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_list_marker),
		cmocka_unit_test(test_error_first_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
