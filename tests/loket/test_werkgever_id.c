/* test_werkgever_id.c — Werkgever IDs: GUID or employer number, lists,
 * duplicates dropped, clear refusal of anything else. */
#include "koppel/werkgever_id.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void guid_forms(void **s)
{
	struct kp_werkgever_id id;
	(void)s;
	assert_int_equal(
	    kp_werkgever_id_parse(" {B14ACD0D-75D7-4FC8-8B22-4A3924585CAB} ", &id, NULL), KP_OK);
	assert_int_equal(id.kind, KP_WG_GUID);
	assert_string_equal(id.value, "b14acd0d-75d7-4fc8-8b22-4a3924585cab");
	assert_int_equal(kp_werkgever_id_parse("b14acd0d75d74fc88b224a3924585cab", &id, NULL),
			 KP_OK);
	assert_string_equal(id.value, "b14acd0d-75d7-4fc8-8b22-4a3924585cab");
	/* dashes in the wrong places, a non-hex digit, one digit short */
	assert_int_equal(kp_werkgever_id_parse("b14acd0d7-5d7-4fc8-8b22-4a3924585cab", &id, NULL),
			 KP_ERR_USAGE);
	assert_int_equal(kp_werkgever_id_parse("g14acd0d-75d7-4fc8-8b22-4a3924585cab", &id, NULL),
			 KP_ERR_USAGE);
	assert_int_equal(kp_werkgever_id_parse("b14acd0d-75d7-4fc8-8b22-4a3924585ca", &id, NULL),
			 KP_ERR_USAGE);
}

static void numbers(void **s)
{
	struct kp_werkgever_id id;
	struct kp_error err = {0};
	(void)s;
	assert_int_equal(kp_werkgever_id_parse("020720", &id, NULL), KP_OK);
	assert_int_equal(id.kind, KP_WG_NUMBER);
	assert_string_equal(id.value, "20720");
	assert_int_equal(kp_werkgever_id_parse("0", &id, NULL), KP_ERR_USAGE);
	assert_int_equal(kp_werkgever_id_parse("1234567890", &id, NULL), KP_ERR_USAGE);
	assert_int_equal(kp_werkgever_id_parse("12a", &id, &err), KP_ERR_USAGE);
	assert_non_null(strstr(err.hint, "Bedrijfsgegevens"));
	assert_int_equal(kp_werkgever_id_parse("", &id, NULL), KP_ERR_USAGE);
}

static void lists_and_duplicates(void **s)
{
	struct kp_werkgever_id *v = NULL;
	size_t n = 0;
	(void)s;
	assert_int_equal(kp_werkgever_ids_parse("123, 0123;{B14ACD0D-75D7-4FC8-8B22-4A3924585CAB}\n"
						"b14acd0d-75d7-4fc8-8b22-4a3924585cab 456",
						&v, &n, NULL),
			 KP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].value, "123");
	assert_string_equal(v[1].value, "b14acd0d-75d7-4fc8-8b22-4a3924585cab");
	assert_string_equal(v[2].value, "456");
	free(v);
	assert_int_equal(kp_werkgever_ids_parse(" , ;\n", &v, &n, NULL), KP_ERR_USAGE);
	assert_null(v);
	assert_int_equal(kp_werkgever_ids_parse("123 nope", &v, &n, NULL), KP_ERR_USAGE);
	assert_null(v);
	{ /* a very long token is refused, not truncated into something valid */
		char big[300];
		memset(big, '1', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		assert_int_equal(kp_werkgever_ids_parse(big, &v, &n, NULL), KP_ERR_USAGE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(guid_forms),
	    cmocka_unit_test(numbers),
	    cmocka_unit_test(lists_and_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
