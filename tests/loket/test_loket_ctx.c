/* test_loket_ctx.c — which keyring environment and client id the Loket.nl
 * path uses, and that the context wipes and frees what it holds. */
/* cmocka.h needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "koppel/app.h"
#include "koppel/loket.h"
#include "koppel/secure.h"
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void environment_names(void **s)
{
	struct kp_app app;
	(void)s;
	kp_app_init(&app);
	assert_string_equal(kp_loket_environment(&app), "production");
	snprintf(app.ep.loket_oauth_url, sizeof app.ep.loket_oauth_url, "https://oauth.loket-acc.nl");
	assert_string_equal(kp_loket_environment(&app), "accept");
	app.ep.sandbox = 1;
	assert_string_equal(kp_loket_environment(&app), "sandbox");
	kp_app_free(&app);
}

static void client_id_sources(void **s)
{
	struct kp_app app;
	char path[] = "/tmp/koppel-ctx-XXXXXX";
	char file[64];
	(void)s;
	kp_app_init(&app);
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/k.json", path);
	assert_int_equal(kp_state_load(&app.state, file, NULL), KP_OK);
	assert_null(kp_loket_client_id(&app));
	kp_state_set_str(&app.state, "loket.client_id", "from-settings");
	assert_string_equal(kp_loket_client_id(&app), "from-settings");
	/* the endpoints (sandbox info, --loket-* options) win over settings */
	snprintf(app.ep.loket_client_id, sizeof app.ep.loket_client_id, "from-endpoints");
	assert_string_equal(kp_loket_client_id(&app), "from-endpoints");
	kp_app_free(&app);
	rmdir(path);
}

static void session_secret_without_keyring(void **s)
{
	struct kp_app app;
	char *secret = NULL;
	(void)s;
	kp_app_init(&app);
	snprintf(app.ep.loket_client_id, sizeof app.ep.loket_client_id, "c");
	kp_loket_ctx_get(&app)->no_keyring = 1;
	assert_int_equal(kp_loket_client_secret(&app, &secret, NULL), KP_ERR_NOTFOUND);
	assert_int_equal(kp_loket_client_secret_set(&app, "s3cret", 1, NULL), KP_OK);
	assert_int_equal(kp_loket_client_secret(&app, &secret, NULL), KP_OK);
	assert_string_equal(secret, "s3cret");
	kp_secret_free(secret);
	/* tokens kept in memory only; loading them again needs no keyring */
	{
		struct kp_oauth_tokens t = { kp_secret_dup("A"), kp_secret_dup("R"), 4102444800LL };
		const char *at = NULL;
		assert_int_equal(kp_loket_tokens_save(&app, &t, NULL), KP_OK);
		assert_null(t.access_token); /* taken over */
		assert_int_equal(kp_loket_access_token(&app, &at, NULL), KP_OK);
		assert_string_equal(at, "A");
	}
	kp_app_free(&app); /* frees app->loket through kp_loket_ctx_free */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(environment_names),
		cmocka_unit_test(client_id_sources),
		cmocka_unit_test(session_secret_without_keyring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
