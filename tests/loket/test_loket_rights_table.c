/* test_loket_rights_table.c — the one rights table covers the six rights
 * the manual names, each with an activity and a probe; the verdict logic
 * for a right checked two ways; Werkgever IDs in settings round-trip. */
/* cmocka.h needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "koppel/loket_rights.h"
#include <cmocka.h>
#include <stdio.h>
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

/* Several gaps on one employer: one sentence naming each right once, and
 * every one of the six fits in the screen's buffer. */
static void remedy_for_several_rights(void **s)
{
	char out[1024], one[512];
	const struct kp_loket_right *all[8] = {0};
	(void)s;
	assert_true(kp_loket_n_rights <= 8);
	for (size_t i = 0; i < kp_loket_n_rights; i++)
		all[i] = &kp_loket_rights[i];
	kp_loket_rights_remedy(all, 1, "Voorbeeld B.V.", out, sizeof out);
	kp_loket_right_remedy(&kp_loket_rights[0], "Voorbeeld B.V.", one, sizeof one);
	assert_string_equal(out, one);
	kp_loket_rights_remedy(all, kp_loket_n_rights, "Voorbeeld B.V.", out, sizeof out);
	for (size_t i = 0; i < kp_loket_n_rights; i++) {
		char quoted[200]; /* quoted: one right's name may start another's */
		snprintf(quoted, sizeof quoted, "\"%s\"", kp_loket_rights[i].name);
		const char *at = strstr(out, quoted);
		assert_non_null(at);
		assert_null(strstr(at + 1, quoted));
	}
	assert_non_null(strstr(out, " and "));
	assert_non_null(strstr(out, "api@loket.nl")); /* not cut off */
	assert_int_equal(strncmp(out, "Voorbeeld B.V.: ", 16), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(six_rights),
	    cmocka_unit_test(verdicts),
	    cmocka_unit_test(remedy_names_right_and_contact),
	    cmocka_unit_test(remedy_for_several_rights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
