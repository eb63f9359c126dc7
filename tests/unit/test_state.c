/* test_state.c — the settings file: atomic write, 0600, dotted keys, and a
 * damaged file kept as a backup with a clear message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "koppel/state.h"

static char dir[256];

static int setup(void **s)
{
	(void)s;
	snprintf(dir, sizeof dir, "/tmp/kp-state-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int count_entries(const char *d, const char *prefix)
{
	DIR *dd = opendir(d);
	int n = 0;
	struct dirent *e;
	while (dd && (e = readdir(dd)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	if (dd)
		closedir(dd);
	return n;
}

static void test_roundtrip_and_mode(void **s)
{
	(void)s;
	char path[400];
	snprintf(path, sizeof path, "%s/sub/koppel.json", dir);
	struct kp_state st;
	struct kp_error err = {0};
	assert_int_equal(kp_state_load(&st, path, &err), KP_OK);
	kp_state_set_str(&st, "afas.customer", "12345");
	kp_state_set_int(&st, "loket.redirect_port", 8765);
	kp_state_set_bool(&st, "wizard.finished", 1);
	const char *ids[] = {"a", "b"};
	kp_state_set_strv(&st, "loket.employers", ids, 2);
	assert_int_equal(st.dirty, 1);
	assert_int_equal(kp_state_save(&st, &err), KP_OK);
	assert_int_equal(st.dirty, 0);
	kp_state_free(&st);

	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* No temporary file left beside it. */
	char sub[300];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(count_entries(sub, "koppel.json.tmp"), 0);

	assert_int_equal(kp_state_load(&st, path, &err), KP_OK);
	assert_string_equal(kp_state_get_str(&st, "afas.customer"), "12345");
	assert_int_equal(kp_state_get_int(&st, "loket.redirect_port", 0), 8765);
	assert_int_equal(kp_state_get_bool(&st, "wizard.finished", 0), 1);
	assert_null(kp_state_get_str(&st, "afas.missing"));
	assert_int_equal(kp_state_get_int(&st, "afas.customer", -7), -7); /* wrong type */
	const char **v = NULL;
	assert_int_equal(kp_state_get_strv(&st, "loket.employers", &v), 2);
	assert_string_equal(v[0], "a");
	assert_string_equal(v[1], "b");
	free(v);
	kp_state_remove(&st, "afas.customer");
	assert_null(kp_state_get_str(&st, "afas.customer"));
	kp_state_free(&st);
}

static void test_missing_file_is_empty(void **s)
{
	(void)s;
	char path[400];
	snprintf(path, sizeof path, "%s/none.json", dir);
	struct kp_state st;
	struct kp_error err = {0};
	assert_int_equal(kp_state_load(&st, path, &err), KP_OK);
	assert_null(kp_state_get_str(&st, "wizard.step"));
	kp_state_free(&st);
}

static void test_corrupt_file_backed_up(void **s)
{
	(void)s;
	char path[400];
	snprintf(path, sizeof path, "%s/koppel.json", dir);
	write_text(path, "{\"wizard\": {\"step\": \"afas-tok");
	struct kp_state st;
	struct kp_error err = {0};
	assert_int_equal(kp_state_load(&st, path, &err), KP_ERR_PARSE);
	/* The message names the backup, the damaged content is kept there. */
	assert_non_null(strstr(err.msg, "koppel.json.corrupt-"));
	assert_true(err.hint[0] != '\0');
	assert_int_equal(count_entries(dir, "koppel.json.corrupt-"), 1);
	assert_int_equal(access(path, F_OK), -1);
	/* And the state is usable (empty) afterwards. */
	assert_non_null(st.root);
	kp_state_set_str(&st, "x", "y");
	struct kp_error err2 = {0};
	assert_int_equal(kp_state_save(&st, &err2), KP_OK);
	kp_state_free(&st);
	assert_int_equal(access(path, F_OK), 0);
}

static void test_not_an_object(void **s)
{
	(void)s;
	char path[400];
	snprintf(path, sizeof path, "%s/arr.json", dir);
	write_text(path, "[1,2,3]");
	struct kp_state st;
	struct kp_error err = {0};
	assert_int_equal(kp_state_load(&st, path, &err), KP_ERR_PARSE);
	assert_int_equal(count_entries(dir, "arr.json.corrupt-"), 1);
	kp_state_free(&st);
}

static void test_overwrite_is_atomic(void **s)
{
	(void)s;
	/* A reader of the path sees either the old or the new whole file: the
	 * inode changes on save (rename), the old one is never truncated. */
	char path[400];
	snprintf(path, sizeof path, "%s/atomic.json", dir);
	struct kp_state st;
	struct kp_error err = {0};
	assert_int_equal(kp_state_load(&st, path, &err), KP_OK);
	kp_state_set_str(&st, "a", "1");
	assert_int_equal(kp_state_save(&st, &err), KP_OK);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	FILE *old = fopen(path, "r");
	assert_non_null(old);
	kp_state_set_str(&st, "a", "2");
	assert_int_equal(kp_state_save(&st, &err), KP_OK);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	char buf[256] = {0};
	size_t n = fread(buf, 1, sizeof buf - 1, old);
	fclose(old);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "\"1\""));
	kp_state_free(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip_and_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_file_backed_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_an_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overwrite_is_atomic, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
