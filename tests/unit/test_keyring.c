/* test_keyring.c — the real Secret Service (gnome-keyring under
 * dbus-run-session, see tools/with-keyring): store, replace, look up, delete,
 * probe; and a clear error with a remedy when no Secret Service answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/keyring.h"
#include "koppel/secure.h"

static void test_store_lookup_delete(void **s)
{
	(void)s;
	const struct kp_secret_key key = {"afas", "test", "12345"};
	struct kp_error err = {0};
	char *v = NULL;
	assert_int_equal(kp_keyring_store(&key, "koppel test", "first", &err), KP_OK);
	assert_int_equal(kp_keyring_store(&key, "koppel test", "second", &err), KP_OK);
	assert_int_equal(kp_keyring_lookup(&key, &v, &err), KP_OK);
	assert_string_equal(v, "second"); /* replaced, not duplicated */
	kp_secret_free(v);
	/* Another environment is another item. */
	const struct kp_secret_key other = {"afas", "production", "12345"};
	assert_int_equal(kp_keyring_lookup(&other, &v, &err), KP_ERR_NOTFOUND);
	assert_null(v);
	kp_error_clear(&err);
	assert_int_equal(kp_keyring_delete(&key, &err), KP_OK);
	assert_int_equal(kp_keyring_lookup(&key, &v, &err), KP_ERR_NOTFOUND);
	kp_error_clear(&err);
	assert_int_equal(kp_keyring_delete(&key, &err), KP_OK); /* missing is fine */
}

static void test_probe(void **s)
{
	(void)s;
	struct kp_error err = {0};
	assert_int_equal(kp_keyring_probe(&err), KP_OK);
	const struct kp_secret_key probe = {"probe", "probe", "koppel-probe"};
	char *v = NULL;
	assert_int_equal(kp_keyring_lookup(&probe, &v, &err), KP_ERR_NOTFOUND); /* cleaned up */
}

static void test_no_secret_service(void **s)
{
	(void)s;
	/* Point D-Bus at nothing: the message must say what to do. Runs last,
	 * since libsecret keeps its connection for the process. */
	setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/koppel-bus", 1);
	struct kp_error err = {0};
	enum kp_err rc = kp_keyring_probe(&err);
	assert_int_equal(rc, KP_ERR_KEYRING);
	assert_non_null(strstr(err.hint, "gnome-keyring"));
	assert_non_null(strstr(err.hint, "dbus-run-session"));
}

int main(int argc, char **argv)
{
	/* The no-service case needs a fresh process (libsecret caches its bus). */
	if (argc > 1 && strcmp(argv[1], "--no-service") == 0) {
		const struct CMUnitTest t[] = {cmocka_unit_test(test_no_secret_service)};
		return cmocka_run_group_tests(t, NULL, NULL);
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_lookup_delete),
		cmocka_unit_test(test_probe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
