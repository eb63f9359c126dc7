/* test_sandbox_rows.c — the sandbox's deterministic data helpers (unit):
 * generated BSNs pass the elfproef unless asked not to and are unique;
 * GUIDs decode back to what they encode and random ones are refused;
 * dates round-trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void bsns(void **state)
{
	(void)state;
	enum { N = 100000 };
	char (*all)[10] = malloc(sizeof *all * N);
	assert_non_null(all);
	for (uint64_t i = 0; i < N; i++) {
		char b[10];
		sb_bsn(i, 0, all[i]);
		assert_true(sb_bsn_valid(all[i]));
		sb_bsn(i, 1, b);
		assert_false(sb_bsn_valid(b));
	}
	qsort(all, N, sizeof *all, cmp_str);
	int dups = 0;
	for (size_t i = 1; i < N; i++)
		dups += strcmp(all[i - 1], all[i]) == 0;
	assert_true(dups < 20); /* a nudged check digit may rarely collide */
	free(all);
	assert_true(sb_bsn_valid("123456782"));
	assert_false(sb_bsn_valid("123456789"));
	assert_false(sb_bsn_valid("000000000"));
	assert_false(sb_bsn_valid("12345678"));
}

static void guids(void **state)
{
	(void)state;
	for (unsigned kind = 1; kind < 10; kind++)
		for (unsigned e = 0; e < 3; e++)
			for (uint64_t i = 0; i < 2000; i += 7) {
				char g[37];
				unsigned e2;
				uint64_t i2;
				sb_guid(kind, e, i, g);
				assert_int_equal(strlen(g), 36);
				assert_int_equal(sb_guid_parse(g, kind, &e2, &i2), 0);
				assert_int_equal(e2, e);
				assert_int_equal(i2, i);
				assert_int_not_equal(sb_guid_parse(g, kind + 1, &e2, &i2), 0);
			}
	unsigned e;
	uint64_t i;
	assert_int_not_equal(sb_guid_parse("b14acd0d-75d7-4fc8-8b22-4a3924585cab", 2, &e, &i), 0);
	assert_int_not_equal(sb_guid_parse("nonsense", 2, &e, &i), 0);
	assert_int_not_equal(sb_guid_parse(NULL, 2, &e, &i), 0);
}

static void dates(void **state)
{
	char d[11];
	(void)state;
	sb_date(0, d);
	assert_string_equal(d, "1970-01-01");
	sb_date(sb_days(2024, 2, 29), d);
	assert_string_equal(d, "2024-02-29");
	sb_date(sb_days(1899, 12, 30), d);
	assert_string_equal(d, "1899-12-30");
	for (long x = -30000; x < 30000; x += 13) {
		int y, m, dd;
		sb_date(x, d);
		assert_int_equal(sscanf(d, "%d-%d-%d", &y, &m, &dd), 3);
		assert_int_equal(sb_days(y, m, dd), x);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bsns),
		cmocka_unit_test(guids),
		cmocka_unit_test(dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
