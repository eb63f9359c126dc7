/* token_helper.c — test helper for the "tokens by hand" case: gets a fresh
 * token pair from the sandbox (consent through the fake browser, nothing
 * stored) and prints "ACCESS REFRESH" on stdout, as a person would copy
 * them from elsewhere. Usage: loket-token-helper INFO_FILE */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cjson/cJSON.h>
#include "koppel/app.h"
#include "koppel/loket.h"
#include "koppel/loopback.h"

extern char **environ;

int main(int argc, char **argv)
{
	struct kp_app app;
	struct kp_error err = { 0 };
	struct kp_oauth_callback cb;
	char bin[4096], *secret = NULL;
	size_t cap = 0;
	ssize_t n;
	pid_t pid;
	int st;
	if (argc != 2)
		return 2;
	kp_http_global_init();
	kp_app_init(&app);
	if (kp_endpoints_from_sandbox_info(&app.ep, argv[1], &err))
		goto fail;
	app.http.ca_file = app.ep.ca_file;
	kp_loket_ctx_get(&app)->no_keyring = 1;
	n = getline(&secret, &cap, stdin);
	if (n > 0 && secret[n - 1] == '\n')
		secret[n - 1] = '\0';
	if (n > 0)
		kp_loket_client_secret_set(&app, secret, 0, NULL);
	if (kp_loket_consent_begin(&app, 1, &err))
		goto fail;
	snprintf(bin, sizeof bin, "%s/tests/loket/loket-fake-browser", getenv("KOPPEL_BUILD_ROOT")
		 ? getenv("KOPPEL_BUILD_ROOT") : ".");
	setenv("KOPPEL_TEST_SANDBOX_INFO", argv[1], 1);
	{
		char *args[] = { bin, app.loket->authorize_url, NULL };
		if (posix_spawn(&pid, bin, NULL, NULL, args, environ) != 0)
			return 1;
		waitpid(pid, &st, 0);
	}
	if (kp_loopback_wait(app.loket->loopback, 10, NULL, &cb, &err) ||
	    kp_loket_exchange(&app, cb.code, app.loket->redirect_uri, app.loket->pkce.verifier, &err))
		goto fail;
	printf("%s %s\n", app.loket->tokens.access_token, app.loket->tokens.refresh_token);
	kp_app_free(&app);
	return 0;
fail:
	fprintf(stderr, "%s\n%s\n", err.msg, err.hint);
	return 1;
}
