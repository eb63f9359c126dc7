/* token_helper.c — test helper for the "tokens by hand" case: gets a fresh
 * token pair from the sandbox (consent through the fake browser, nothing
 * stored) and prints "ACCESS REFRESH" on stdout, as a person would copy
 * them from elsewhere. Usage: loket-token-helper INFO_FILE
 * Also `loket-token-helper INFO_FILE control PATH` posts {} to the sandbox's
 * control PATH (e.g. /revoke-refresh-tokens) and exits 0 on HTTP 200. */
#include "koppel/app.h"
#include "koppel/loket.h"
#include "koppel/loopback.h"
#include <cjson/cJSON.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

static int control(const char *info_path, const char *path)
{
	struct kp_endpoints ep;
	struct kp_http_opts opts = {0};
	struct kp_http_response resp = {0};
	char *txt = NULL, url[1024], hdr[256];
	size_t cap = 0;
	FILE *f = fopen(info_path, "r");
	cJSON *o;
	int rc = 1;
	if (!f || getdelim(&txt, &cap, '\0', f) < 0)
		return 1;
	fclose(f);
	o = cJSON_Parse(txt);
	kp_endpoints_defaults(&ep);
	if (kp_endpoints_from_sandbox_info(&ep, info_path, NULL) == KP_OK) {
		const char *headers[] = {hdr, "Content-Type: application/json", NULL};
		struct kp_http_request req = {"POST", url, headers, "{}", 2};
		snprintf(url, sizeof url, "%s%s",
			 cJSON_GetStringValue(cJSON_GetObjectItem(o, "control_url")), path);
		snprintf(hdr, sizeof hdr, "X-Control-Key: %s",
			 cJSON_GetStringValue(cJSON_GetObjectItem(o, "control_key")));
		opts.ca_file = ep.ca_file;
		if (kp_http_do(&opts, &req, &resp, NULL) == KP_OK && resp.status == 200)
			rc = 0;
		kp_http_response_free(&resp);
	}
	cJSON_Delete(o);
	free(txt);
	return rc;
}

int main(int argc, char **argv)
{
	struct kp_app app;
	struct kp_error err = {0};
	struct kp_oauth_callback cb;
	char bin[4096], *secret = NULL;
	size_t cap = 0;
	ssize_t n;
	pid_t pid;
	int st;
	if (argc == 4 && strcmp(argv[2], "control") == 0) {
		int rc;
		kp_http_global_init();
		rc = control(argv[1], argv[3]);
		kp_http_global_cleanup();
		return rc;
	}
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
	free(secret);
	if (kp_loket_consent_begin(&app, 1, &err))
		goto fail;
	snprintf(bin, sizeof bin, "%s/tests/loket/loket-fake-browser",
		 getenv("KOPPEL_BUILD_ROOT") ? getenv("KOPPEL_BUILD_ROOT") : ".");
	setenv("KOPPEL_TEST_SANDBOX_INFO", argv[1], 1);
	{
		char *args[] = {bin, app.loket->authorize_url, NULL};
		if (posix_spawn(&pid, bin, NULL, NULL, args, environ) != 0)
			return 1;
		waitpid(pid, &st, 0);
	}
	if (kp_loopback_wait(app.loket->loopback, 10, NULL, &cb, &err) ||
	    kp_loket_exchange(&app, cb.code, app.loket->redirect_uri, app.loket->pkce.verifier,
			      &err))
		goto fail;
	printf("%s %s\n", app.loket->tokens.access_token, app.loket->tokens.refresh_token);
	kp_app_free(&app);
	kp_http_global_cleanup();
	return 0;
fail:
	fprintf(stderr, "%s\n%s\n", err.msg, err.hint);
	kp_app_free(&app);
	kp_http_global_cleanup();
	return 1;
}
