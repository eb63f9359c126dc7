/* test_tui_complete.c — Tab completion of path fields against a real
 * folder: a unique match, a folder gets its slash, several matches give
 * their common start and the list, hidden files only when asked, "~/" for
 * $HOME kept as typed, no match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "../../src/tui/tui_priv.h"

static char dir[256];

static void touch(const char *name)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
}

static int setup(void **state)
{
	char p[512];

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/koppel-complete-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	touch("report-2024.gcn");
	touch("report-2025.gcn");
	touch("unique.zip");
	touch(".hidden");
	snprintf(p, sizeof p, "%s/folder", dir);
	mkdir(p, 0700);
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *complete(const char *typed, char ***c, size_t *n)
{
	char v[512];

	snprintf(v, sizeof v, "%s/%s", dir, typed);
	return tui_complete_path(v, c, n);
}

static void test_unique(void **state)
{
	char **c, *r, want[512];
	size_t n;

	(void)state;
	r = complete("un", &c, &n);
	snprintf(want, sizeof want, "%s/unique.zip", dir);
	assert_int_equal(n, 1);
	assert_string_equal(r, want);
	free(r);
	tui_complete_free(c, n);
	/* already complete: nothing changes (the field then lets Tab move on) */
	r = complete("unique.zip", &c, &n);
	assert_null(r);
	assert_int_equal(n, 1);
	tui_complete_free(c, n);
}

static void test_folder_slash(void **state)
{
	char **c, *r, want[512];
	size_t n;

	(void)state;
	r = complete("fo", &c, &n);
	snprintf(want, sizeof want, "%s/folder/", dir);
	assert_string_equal(r, want);
	free(r);
	tui_complete_free(c, n);
}

static void test_common_prefix(void **state)
{
	char **c, *r, want[512];
	size_t n;

	(void)state;
	r = complete("rep", &c, &n);
	snprintf(want, sizeof want, "%s/report-202", dir);
	assert_string_equal(r, want);
	assert_int_equal(n, 2);
	snprintf(want, sizeof want, "%s/report-2024.gcn", dir);
	assert_string_equal(c[0], want); /* sorted */
	free(r);
	tui_complete_free(c, n);
}

static void test_hidden(void **state)
{
	char **c, *r;
	size_t n, i;

	(void)state;
	r = complete("", &c, &n);
	assert_int_equal(n, 4); /* not .hidden */
	for (i = 0; i < n; i++)
		assert_null(strstr(c[i], ".hidden"));
	free(r);
	tui_complete_free(c, n);
	r = complete(".h", &c, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(r, "/.hidden"));
	free(r);
	tui_complete_free(c, n);
}

static void test_home(void **state)
{
	char **c, *r;
	size_t n;

	(void)state;
	setenv("HOME", dir, 1);
	r = tui_complete_path("~/uni", &c, &n);
	assert_string_equal(r, "~/unique.zip");
	free(r);
	tui_complete_free(c, n);
}

static void test_none(void **state)
{
	char **c, *r;
	size_t n;

	(void)state;
	r = complete("nothing-like-this", &c, &n);
	assert_null(r);
	assert_int_equal(n, 0);
	tui_complete_free(c, n);
	r = tui_complete_path("/no/such/folder/x", &c, &n);
	assert_null(r);
	assert_int_equal(n, 0);
	tui_complete_free(c, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unique),	  cmocka_unit_test(test_folder_slash),
	    cmocka_unit_test(test_common_prefix), cmocka_unit_test(test_hidden),
	    cmocka_unit_test(test_home),	  cmocka_unit_test(test_none),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
