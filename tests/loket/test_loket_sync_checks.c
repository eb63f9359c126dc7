/* test_loket_sync_checks.c — the test sync's checks on JSON items shaped
 * like Loket.nl's (specification examples): missing and invalid BSN
 * (elfproef), employment without start date, end before start, duplicate
 * employee numbers; BSNs shown masked and wiped from the item after use. */
/* cmocka.h needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "koppel/loket_sync.h"
#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char salt[32] = {1, 2, 3};

static void feed(int (*fn)(void *, const cJSON *), void *acc, const char *json)
{
	cJSON *arr = cJSON_Parse(json), *it;
	assert_non_null(arr);
	cJSON_ArrayForEach(it, arr) assert_int_equal(fn(acc, it), 0);
	cJSON_Delete(arr);
}

static int count(const struct kp_loket_sync_employer *se, enum kp_loket_finding_kind k, long num)
{
	int n = 0;
	for (size_t i = 0; i < se->n_findings; i++)
		n += se->findings[i].kind == k &&
		     (num < 0 || se->findings[i].employee_number == num);
	return n;
}

static void findings(void **s)
{
	struct kp_loket_sync_acc *acc = kp_loket_sync_acc_new(salt, "2025-01-01");
	struct kp_loket_sync_employer se = {0};
	char text[256];
	cJSON *bsns, *it;
	(void)s;
	feed(kp_loket_sync_acc_employee, acc,
	     "[{\"id\":\"a\",\"employeeNumber\":1,\"personalDetails\":{\"lastName\":\"Bergen\"}},"
	     " {\"id\":\"b\",\"employeeNumber\":2},{\"id\":\"c\",\"employeeNumber\":2},"
	     " {\"id\":\"d\",\"employeeNumber\":4}]");
	feed(kp_loket_sync_acc_employment, acc,
	     "[{\"id\":\"e1\",\"employee\":{\"id\":\"a\",\"employeeNumber\":1},\"startDate\":"
	     "\"2020-01-01\",\"endDate\":null},"
	     " {\"id\":\"e2\",\"employee\":{\"id\":\"b\"},\"startDate\":null},"
	     " {\"id\":\"e3\",\"employee\":{\"id\":\"c\"},\"startDate\":\"2020-05-01\",\"endDate\":"
	     "\"2020-04-01\"},"
	     " {\"id\":\"e4\",\"employee\":{\"id\":\"d\"},\"startDate\":\"2019-01-01\",\"endDate\":"
	     "\"2024-12-31\"}]");
	/* keyed by employment, as the specification has it */
	bsns = cJSON_Parse(
	    "[{\"employmentId\":\"e1\",\"citizenServiceNumber\":{\"citizenServiceNumber\":"
	    "\"111222333\"}},"
	    " {\"employmentId\":\"e2\",\"citizenServiceNumber\":{\"citizenServiceNumber\":"
	    "\"123456789\"}},"
	    " {\"employmentId\":\"e3\",\"citizenServiceNumber\":{\"citizenServiceNumber\":null}}]");
	cJSON_ArrayForEach(it, bsns) assert_int_equal(kp_loket_sync_acc_bsn(acc, it), 0);
	/* the BSNs are gone from the page once checked */
	cJSON_ArrayForEach(it, bsns)
	{
		cJSON *b = cJSON_GetObjectItem(cJSON_GetObjectItem(it, "citizenServiceNumber"),
					       "citizenServiceNumber");
		if (cJSON_IsString(b))
			assert_int_equal(strlen(b->valuestring), 0);
	}
	cJSON_Delete(bsns);
	assert_int_equal(kp_loket_sync_acc_finish(acc, &se, NULL), KP_OK);
	assert_int_equal(se.employees, 4);
	assert_int_equal(se.employments, 4);
	assert_int_equal(se.bsns, 3);
	assert_int_equal(count(&se, KP_FIND_BSN_INVALID, 2), 1);
	assert_int_equal(count(&se, KP_FIND_BSN_MISSING, -1), 2); /* null (e3) and absent (e4) */
	assert_int_equal(count(&se, KP_FIND_BSN_MISSING, 4), 1);
	assert_int_equal(count(&se, KP_FIND_NO_START, 2), 1);
	assert_int_equal(count(&se, KP_FIND_END_BEFORE_START, 2), 1);
	assert_int_equal(count(&se, KP_FIND_DUPLICATE_NUMBER, 2), 1);
	assert_int_equal(count(&se, KP_FIND_BSN_INVALID, 1), 0); /* 111222333 passes */
	/* in employee-number order, whatever order the pages came in */
	for (size_t i = 1; i < se.n_findings; i++)
		assert_true(se.findings[i - 1].employee_number <= se.findings[i].employee_number);
	for (size_t i = 0; i < se.n_findings; i++) {
		kp_loket_finding_text(&se.findings[i], text, sizeof text);
		assert_null(strstr(text, "123456789"));
		if (se.findings[i].kind == KP_FIND_BSN_INVALID)
			assert_non_null(strstr(text, "******789"));
	}
	free(se.findings);
	kp_loket_sync_acc_free(acc);
}

static void three_of_a_kind_is_one_finding(void **s)
{
	struct kp_loket_sync_acc *acc = kp_loket_sync_acc_new(salt, NULL);
	struct kp_loket_sync_employer se = {0};
	(void)s;
	feed(kp_loket_sync_acc_employee, acc,
	     "[{\"id\":\"a\",\"employeeNumber\":7},{\"id\":\"b\",\"employeeNumber\":7},"
	     " {\"id\":\"c\",\"employeeNumber\":7},{\"id\":\"d\",\"employeeNumber\":8}]");
	assert_int_equal(kp_loket_sync_acc_finish(acc, &se, NULL), KP_OK);
	assert_int_equal(count(&se, KP_FIND_DUPLICATE_NUMBER, -1), 1);
	assert_int_equal(count(&se, KP_FIND_DUPLICATE_NUMBER, 7), 1);
	free(se.findings);
	kp_loket_sync_acc_free(acc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(findings),
	    cmocka_unit_test(three_of_a_kind_is_one_finding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
