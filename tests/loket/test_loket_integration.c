/* test_loket_integration.c — the Loket.nl path against the REAL
 * koppel-sandbox over HTTPS with its own CA: consent through the sandbox's
 * HTML pages (the fake browser logs in and clicks), the token endpoint's
 * rules, the rights matrix for demo and beperkt, the test sync, and token
 * trouble mid-way. Needs a Secret Service for the keyring cases. */
/* cmocka.h needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "koppel/app.h"
#include "koppel/keyring.h"
#include "koppel/loket.h"
#include "koppel/loket_rights.h"
#include "koppel/loket_sync.h"
#include "koppel/loopback.h"
#include "koppel/secure.h"
#include "sandbox_fixture.h"
#include <cjson/cJSON.h>
#include <cmocka.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Employees per employer: three pages of 250, so paging really happens. */
#define EMPLOYEES "600"

static struct kp_test_sandbox sb;
static char tmpdir[256];

static int group_setup(void **st)
{
	static const char *const args[] = {"--employees", EMPLOYEES, NULL};
	char path[512];
	(void)st;
	kp_http_global_init();
	snprintf(tmpdir, sizeof tmpdir, "/tmp/koppel-loket-it-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", path, 1);
	if (kp_test_sandbox_start(&sb, args) != 0)
		return -1;
	setenv("KOPPEL_TEST_SANDBOX_INFO", sb.info_path, 1);
	return 0;
}

static int group_teardown(void **st)
{
	(void)st;
	kp_test_sandbox_stop(&sb);
	kp_http_global_cleanup();
	return 0;
}

/* A fresh app against the sandbox; keyring = 0 keeps tokens in memory. */
static struct kp_app *new_app(int keyring)
{
	struct kp_app *app = calloc(1, sizeof *app);
	char path[600];
	const char *secret =
	    cJSON_GetStringValue(cJSON_GetObjectItem(sb.info, "loket_client_secret"));
	kp_app_init(app);
	app->ep = sb.ep;
	app->http.ca_file = app->ep.ca_file;
	snprintf(path, sizeof path, "%s/koppel-%ld.json", tmpdir, (long)random());
	kp_state_load(&app->state, path, NULL);
	kp_loket_ctx_get(app)->no_keyring = !keyring;
	assert_int_equal(kp_loket_client_secret_set(app, secret, 0, NULL), KP_OK);
	kp_test_sandbox_control(&sb, "/reset", "{}");
	return app;
}

static void free_app(struct kp_app *app)
{
	kp_app_free(app);
	free(app);
}

/* Run the fake browser on url as `user`, choosing decision; its exit status. */
static int browse(const char *url, const char *user, const char *decision, int follow)
{
	char bin[600];
	char *argv[] = {bin, (char *)url, NULL};
	pid_t pid;
	int status = -1;
	snprintf(bin, sizeof bin, "%s/tests/loket/loket-fake-browser", getenv("KOPPEL_BUILD_ROOT"));
	setenv("KOPPEL_TEST_LOKET_USER", user, 1);
	setenv("KOPPEL_TEST_DECISION", decision, 1);
	setenv("KOPPEL_TEST_BROWSER_FOLLOW", follow ? "1" : "0", 1);
	if (posix_spawn(&pid, bin, NULL, NULL, argv, environ) != 0)
		return -1;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Consent the browser way; returns the wait's result and the code in cb. */
static enum kp_err consent_code(struct kp_app *app, const char *user, const char *decision,
				struct kp_oauth_callback *cb, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = app->loket;
	assert_int_equal(kp_loket_consent_begin(app, 1, err), KP_OK);
	browse(ctx->authorize_url, user, decision, 1);
	return kp_loopback_wait(ctx->loopback, 5, NULL, cb, err);
}

/* Full consent: code exchanged, tokens in ctx (and keyring when used). */
static void consent(struct kp_app *app, const char *user)
{
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	assert_int_equal(consent_code(app, user, "allow", &cb, &err), KP_OK);
	assert_int_equal(kp_loket_exchange(app, cb.code, app->loket->redirect_uri,
					   app->loket->pkce.verifier, &err),
			 KP_OK);
	kp_loket_consent_end(app);
	assert_non_null(app->loket->tokens.access_token);
	assert_true(app->loket->tokens.expires_at > time(NULL) + 3000);
}

static void resolve_all(struct kp_app *app)
{
	struct kp_werkgever_id *ids;
	size_t n;
	assert_int_equal(kp_werkgever_ids_parse("20720 20721 20722", &ids, &n, NULL), KP_OK);
	assert_int_equal(kp_loket_fetch_employers(app, NULL, NULL), KP_OK);
	kp_loket_resolve(app, ids, n);
	free(ids);
}

static void demo_user_rights_and_sync(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	const struct kp_loket_sync_report *rep;
	char path[4096];
	(void)st;
	consent(app, "demo");
	resolve_all(app);
	assert_int_equal(app->loket->n_reachable, 3);
	for (size_t i = 0; i < 3; i++)
		assert_true(app->loket->resolved[i].reachable);
	assert_int_equal(kp_loket_rights_check(app, NULL, &err), KP_OK);
	assert_true(app->loket->rights->all_ok);
	for (size_t i = 0; i < 3; i++)
		for (size_t k = 0; k < kp_loket_n_rights; k++) {
			assert_int_equal(app->loket->rights->rows[i].r[k].listed, KP_RIGHT_YES);
			assert_int_equal(app->loket->rights->rows[i].r[k].probe, KP_RIGHT_YES);
		}
	/* sync: all pages of every list, the sandbox's deliberate defects found */
	assert_int_equal(kp_loket_sync_run(app, NULL, &err), KP_OK);
	rep = app->loket->sync;
	assert_int_equal(rep->n, 3);
	for (size_t i = 0; i < 3; i++) {
		int kinds[8] = {0};
		assert_int_equal(rep->emp[i].employees, atoi(EMPLOYEES));
		assert_int_equal(rep->emp[i].employments, atoi(EMPLOYEES));
		assert_int_equal(rep->emp[i].bsns, atoi(EMPLOYEES));
		assert_true(rep->emp[i].requests >= 9); /* 3 lists × 3 pages */
		for (size_t k = 0; k < rep->emp[i].n_findings; k++) {
			kinds[rep->emp[i].findings[k].kind]++;
			/* never a full BSN in a finding */
			assert_true(strlen(rep->emp[i].findings[k].detail) == 0 ||
				    strchr(rep->emp[i].findings[k].detail, '*') ||
				    strchr(rep->emp[i].findings[k].detail, '>'));
		}
		assert_true(kinds[KP_FIND_BSN_INVALID] > 0);
		assert_true(kinds[KP_FIND_BSN_MISSING] > 0);
		assert_true(kinds[KP_FIND_END_BEFORE_START] > 0);
		assert_true(kinds[KP_FIND_NO_START] > 0);
		assert_true(kinds[KP_FIND_DUPLICATE_NUMBER] > 0);
	}
	/* the snapshot holds salted hashes only: no id, name or BSN in clear */
	assert_int_equal(kp_loket_snapshot_path(path, sizeof path, NULL), KP_OK);
	{
		FILE *f = fopen(path, "r");
		char *buf = calloc(1, 4 << 20);
		size_t n;
		assert_non_null(f);
		n = fread(buf, 1, (4 << 20) - 1, f);
		fclose(f);
		buf[n] = '\0';
		assert_null(strstr(buf, app->loket->resolved[0].emp.id));
		assert_null(strstr(buf, "Voorbeeld"));
		/* shape: {version, salt, employers: {hash: records}} and nothing else; a
		 * record is 32 hex (id hash) + 32 hex (data hash) + '0'|'1' (active) */
		{
			cJSON *o = cJSON_Parse(buf), *x,
			      *emps = cJSON_GetObjectItem(o, "employers"), *e;
			assert_non_null(emps);
			cJSON_ArrayForEach(x, o) assert_true(strcmp(x->string, "version") == 0 ||
							     strcmp(x->string, "salt") == 0 ||
							     strcmp(x->string, "employers") == 0);
			assert_int_equal(cJSON_GetArraySize(emps), 3);
			cJSON_ArrayForEach(e, emps)
			{
				const char *v = e->valuestring;
				assert_int_equal(strlen(e->string), 32);
				assert_true(cJSON_IsString(e));
				assert_int_equal(strlen(v), 65 * (size_t)atoi(EMPLOYEES));
				for (size_t i = 0; i < strlen(v); i += 65) {
					for (size_t j = 0; j < 64; j++)
						assert_non_null(
						    strchr("0123456789abcdef", v[i + j]));
					assert_true(v[i + 64] == '0' || v[i + 64] == '1');
				}
			}
			cJSON_Delete(o);
		}
		free(buf);
	}
	/* a second run compares: nothing new, changed or ended */
	assert_int_equal(kp_loket_sync_run(app, NULL, &err), KP_OK);
	rep = app->loket->sync;
	for (size_t i = 0; i < 3; i++) {
		assert_false(rep->emp[i].first_sync);
		assert_int_equal(rep->emp[i].n_new + rep->emp[i].n_changed + rep->emp[i].n_ended,
				 0);
	}
	free_app(app);
}

static void beperkt_user_misses_two_rights(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	const struct kp_loket_rights_report *rep;
	(void)st;
	consent(app, "beperkt");
	resolve_all(app);
	assert_int_equal(kp_loket_rights_check(app, NULL, &err), KP_OK);
	rep = app->loket->rights;
	assert_false(rep->all_ok);
	for (size_t i = 0; i < rep->n; i++)
		for (size_t k = 0; k < kp_loket_n_rights; k++) {
			const char *key = kp_loket_rights[k].key;
			int missing =
			    rep->rows[i].number == 20721 &&
			    (strcmp(key, "bsn") == 0 || strcmp(key, "payrollperiodresults") == 0);
			/* both ways agree: absent from /authorizations and 403 on the probe */
			assert_int_equal(rep->rows[i].r[k].listed,
					 missing ? KP_RIGHT_NO : KP_RIGHT_YES);
			assert_int_equal(rep->rows[i].r[k].probe,
					 missing ? KP_RIGHT_NO : KP_RIGHT_YES);
			assert_int_equal(kp_loket_right_ok(&rep->rows[i].r[k]), !missing);
		}
	/* the sync of that employer fails on the BSN list, with a rights hint */
	assert_int_equal(kp_loket_sync_run(app, NULL, &err), KP_OK);
	for (size_t i = 0; i < app->loket->sync->n; i++)
		if (strcmp(app->loket->sync->emp[i].id, app->loket->resolved[1].emp.id) == 0)
			assert_int_equal(app->loket->sync->emp[i].result, KP_ERR_FORBIDDEN);
	free_app(app);
}

static void webservice_user_cannot_consent(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)st;
	assert_int_equal(kp_loket_consent_begin(app, 1, &err), KP_OK);
	/* the login page refuses a webservice user: no redirect ever comes */
	assert_int_not_equal(browse(app->loket->authorize_url, "webservice", "allow", 1), 0);
	assert_int_equal(kp_loopback_wait(app->loket->loopback, 1, NULL, &cb, &err),
			 KP_ERR_TIMEOUT);
	free_app(app);
}

static void refusal_has_its_own_message(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)st;
	assert_int_equal(consent_code(app, "demo", "deny", &cb, &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "refused"));
	free_app(app);
}

static void pkce_mismatch_refused(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	struct kp_pkce other;
	(void)st;
	assert_int_equal(consent_code(app, "demo", "allow", &cb, &err), KP_OK);
	kp_pkce_generate(&other, NULL);
	assert_int_equal(
	    kp_loket_exchange(app, cb.code, app->loket->redirect_uri, other.verifier, &err),
	    KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "invalid_grant"));
	free_app(app);
}

static void code_works_once(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)st;
	assert_int_equal(consent_code(app, "demo", "allow", &cb, &err), KP_OK);
	assert_int_equal(kp_loket_exchange(app, cb.code, app->loket->redirect_uri,
					   app->loket->pkce.verifier, &err),
			 KP_OK);
	assert_int_equal(kp_loket_exchange(app, cb.code, app->loket->redirect_uri,
					   app->loket->pkce.verifier, &err),
			 KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "invalid_grant"));
	free_app(app);
}

static void paste_back_address(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	char out[600], line[4096] = "";
	FILE *f;
	(void)st;
	/* no listener: the browser ends on an error page; the user pastes its address */
	assert_int_equal(kp_loket_consent_begin(app, 0, &err), KP_OK);
	assert_null(app->loket->loopback);
	snprintf(out, sizeof out, "%s/pasted.txt", tmpdir);
	setenv("KOPPEL_TEST_BROWSER_OUT", out, 1);
	assert_int_equal(browse(app->loket->authorize_url, "demo", "allow", 0), 0);
	unsetenv("KOPPEL_TEST_BROWSER_OUT");
	f = fopen(out, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	unlink(out);
	assert_int_equal(kp_oauth_parse_callback_url(line, app->loket->redirect_uri, &cb, &err),
			 KP_OK);
	assert_int_equal(kp_oauth_check_callback(&cb, app->loket->state, &err), KP_OK);
	assert_int_equal(kp_loket_exchange(app, cb.code, app->loket->redirect_uri,
					   app->loket->pkce.verifier, &err),
			 KP_OK);
	assert_int_equal(kp_loket_fetch_employers(app, NULL, &err), KP_OK);
	free_app(app);
}

static int have_keyring(void) { return kp_keyring_probe(NULL) == KP_OK; }

static void refresh_rotates_in_one_item(void **st)
{
	struct kp_app *app;
	struct kp_error err = {0};
	struct kp_secret_key key = {"loket", "sandbox", NULL};
	struct kp_oauth_tokens back;
	struct kp_oauth_client c;
	char *old, *json = NULL;
	(void)st;
	if (!have_keyring())
		skip();
	app = new_app(1);
	consent(app, "demo");
	old = kp_secret_dup(app->loket->tokens.refresh_token);
	assert_int_equal(kp_loket_tokens_refresh(app, &err), KP_OK);
	assert_string_not_equal(old, app->loket->tokens.refresh_token);
	/* the keyring item holds the new pair, as one JSON value */
	key.account = kp_loket_client_id(app);
	assert_int_equal(kp_keyring_lookup(&key, &json, &err), KP_OK);
	assert_int_equal(kp_oauth_tokens_from_json(json, &back, &err), KP_OK);
	assert_string_equal(back.refresh_token, app->loket->tokens.refresh_token);
	assert_string_equal(back.access_token, app->loket->tokens.access_token);
	kp_oauth_tokens_free(&back);
	kp_secret_free(json);
	/* the old refresh token stopped working */
	c.oauth_base = app->ep.loket_oauth_url;
	c.client_id = kp_loket_client_id(app);
	c.client_secret = app->loket->client_secret;
	c.http = &app->http;
	assert_int_equal(kp_oauth_refresh(&c, old, &back, &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.hint, "koppel loket login"));
	kp_secret_free(old);
	/* a new process finds the tokens in the keyring */
	free_app(app);
	app = new_app(1);
	assert_int_equal(kp_loket_fetch_employers(app, NULL, &err), KP_OK);
	key.account = kp_loket_client_id(app);
	kp_keyring_delete(&key, NULL);
	free_app(app);
}

struct expire_ctx {
	int calls;
};

static void expire_midway(void *vctx, unsigned long done, unsigned long total, const char *label)
{
	struct expire_ctx *e = vctx;
	(void)done;
	(void)total;
	(void)label;
	if (++e->calls == 2) /* after the first page of the first list */
		assert_int_equal(kp_test_sandbox_control(&sb, "/expire-access-tokens", "{}"), 200);
}

static void expired_access_token_mid_sync(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	struct expire_ctx e = {0};
	struct kp_progress p = {expire_midway, &e, NULL};
	char *before;
	(void)st;
	consent(app, "demo");
	resolve_all(app);
	before = kp_secret_dup(app->loket->tokens.access_token);
	assert_int_equal(kp_loket_sync_run(app, &p, &err), KP_OK);
	assert_true(e.calls >= 2);
	/* refreshed on the way, and nothing was lost */
	assert_string_not_equal(before, app->loket->tokens.access_token);
	for (size_t i = 0; i < app->loket->sync->n; i++) {
		assert_int_equal(app->loket->sync->emp[i].result, KP_OK);
		assert_int_equal(app->loket->sync->emp[i].employees, atoi(EMPLOYEES));
		assert_int_equal(app->loket->sync->emp[i].bsns, atoi(EMPLOYEES));
	}
	kp_secret_free(before);
	free_app(app);
}

static void revoked_refresh_token_needs_consent(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	(void)st;
	consent(app, "demo");
	assert_int_equal(kp_test_sandbox_control(&sb, "/revoke-refresh-tokens", "{}"), 200);
	assert_int_equal(kp_test_sandbox_control(&sb, "/expire-access-tokens", "{}"), 200);
	assert_int_equal(kp_loket_fetch_employers(app, NULL, &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "consent is needed again"));
	assert_non_null(strstr(err.hint, "koppel loket login"));
	free_app(app);
}

static void cancel_now(void *vctx, unsigned long done, unsigned long total, const char *label)
{
	struct kp_app *app = vctx;
	(void)done;
	(void)total;
	(void)label;
	atomic_store(&app->cancel, 1); /* Esc after the first page */
}

static void esc_cancels_sync(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	struct kp_progress p = {cancel_now, app, &app->cancel};
	(void)st;
	consent(app, "demo");
	resolve_all(app);
	assert_int_equal(kp_loket_sync_run(app, &p, &err), KP_ERR_CANCELLED);
	assert_int_equal(err.code, KP_ERR_CANCELLED);
	free_app(app);
}

static void drop_midway(void *vctx, unsigned long done, unsigned long total, const char *label)
{
	struct expire_ctx *e = vctx;
	(void)done;
	(void)total;
	(void)label;
	if (++e->calls == 1) /* after the first page: the next pages go in parallel */
		assert_int_equal(
		    kp_test_sandbox_control(&sb, "/fault",
					    "{\"route\":\"loket.employees\",\"kind\":\"reset\","
					    "\"count\":-1}"),
		    200);
}

/* Dropped connections: on the first page (one request) and on the pages
 * fetched in parallel after it. Each employer's result says what happened
 * and what to do (the transfer's own error, not a generic line). */
static void dropped_connection_keeps_its_remedy(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	struct expire_ctx e = {0};
	struct kp_progress p = {drop_midway, &e, NULL};
	const struct kp_loket_sync_report *rep;
	size_t failed = 0;
	(void)st;
	consent(app, "demo");
	resolve_all(app);
	assert_int_equal(kp_loket_sync_run(app, &p, &err), KP_OK);
	rep = app->loket->sync;
	for (size_t i = 0; i < rep->n; i++) {
		const struct kp_loket_sync_employer *se = &rep->emp[i];
		if (se->result == KP_OK)
			continue;
		failed++;
		print_message("%s | %s\n", se->error, se->hint);
		assert_int_equal(se->result, KP_ERR_CONNECT);
		assert_true(se->error[0] != '\0');
		assert_null(strstr(se->error, "Reading a list")); /* the transfer's own words */
		assert_non_null(strstr(se->hint, "network"));
	}
	assert_int_equal(failed, rep->n);
	assert_false(rep->all_ok);
	kp_test_sandbox_control(&sb, "/reset", "{}");
	free_app(app);
}

/* The demo's terminal sign-in: with the sandbox it ends on the callback
 * address (code and state, as a browser would); against anything else it
 * refuses before any request — it must never post a password to Loket.nl. */
static void terminal_signin_only_with_sandbox(void **st)
{
	struct kp_app *app = new_app(0);
	struct kp_error err = {0};
	struct kp_oauth_callback cb;
	char *landing = NULL;
	(void)st;
	assert_int_equal(kp_loket_consent_begin(app, 0, &err), KP_OK);
	assert_int_equal(kp_loket_sandbox_signin(app, "demo", "demo-wachtwoord", 1, &landing, &err),
			 KP_OK);
	assert_int_equal(kp_oauth_parse_callback_url(landing, app->loket->redirect_uri, &cb, &err),
			 KP_OK);
	assert_int_equal(kp_oauth_check_callback(&cb, app->loket->state, &err), KP_OK);
	kp_secret_free(landing);
	landing = NULL;
	app->ep.sandbox = 0;
	assert_int_not_equal(kp_loket_sandbox_signin(app, "demo", "demo-wachtwoord", 1, &landing,
						     &err),
			     KP_OK);
	assert_null(landing);
	assert_non_null(strstr(err.msg, "only with the sandbox"));
	app->ep.sandbox = 1;
	kp_loket_consent_end(app);
	free_app(app);
}

/* Count the snapshot's entries for one employer hash that are active (":1"). */
static void snapshot_counts(int *total, int *active)
{
	char path[4096];
	FILE *f;
	char *buf = calloc(1, 4 << 20);
	cJSON *o, *e;
	*total = *active = 0;
	assert_int_equal(kp_loket_snapshot_path(path, sizeof path, NULL), KP_OK);
	f = fopen(path, "r");
	assert_non_null(f);
	buf[fread(buf, 1, (4 << 20) - 1, f)] = '\0';
	fclose(f);
	o = cJSON_Parse(buf);
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "employers"))
	{
		for (size_t i = 0; i + 65 <= strlen(e->valuestring); i += 65) {
			(*total)++;
			*active += e->valuestring[i + 64] == '1';
		}
	}
	cJSON_Delete(o);
	free(buf);
}

/* Restart the sandbox with n employees per employer (same employer ids). */
static void restart_sandbox(const char *n)
{
	const char *const args[] = {"--employees", n, NULL};
	kp_test_sandbox_stop(&sb);
	assert_int_equal(kp_test_sandbox_start(&sb, args), 0);
	setenv("KOPPEL_TEST_SANDBOX_INFO", sb.info_path, 1);
}

static void sync_run_fresh(struct kp_loket_sync_report **rep_out, struct kp_app **app_out)
{
	struct kp_app *app = new_app(0);
	consent(app, "demo");
	resolve_all(app);
	assert_int_equal(kp_loket_sync_run(app, NULL, NULL), KP_OK);
	*rep_out = app->loket->sync;
	*app_out = app;
}

static void snapshot_new_changed_ended(void **st)
{
	struct kp_loket_sync_report *rep;
	struct kp_app *app;
	char path[4096];
	int total_before, active_before, total_after, active_after;
	(void)st;
	char *baseline = calloc(1, 4 << 20);
	sync_run_fresh(&rep, &app); /* baseline with EMPLOYEES */
	free_app(app);
	assert_int_equal(kp_loket_snapshot_path(path, sizeof path, NULL), KP_OK);
	{
		FILE *f = fopen(path, "r");
		baseline[fread(baseline, 1, (4 << 20) - 1, f)] = '\0';
		fclose(f);
	}
	/* ten more employees per employer: ten new each */
	restart_sandbox("610");
	sync_run_fresh(&rep, &app);
	for (size_t i = 0; i < rep->n; i++) {
		assert_int_equal(rep->emp[i].n_new, 10);
		assert_int_equal(rep->emp[i].n_changed, 0);
		assert_int_equal(rep->emp[i].n_ended, 0);
	}
	free_app(app);
	snapshot_counts(&total_before, &active_before);
	assert_int_equal(total_before, 3 * 610);
	/* one fingerprint altered in the snapshot (of an employee that stays):
	 * that employee counts as changed */
	{
		FILE *f = fopen(path, "r+");
		char *buf = calloc(1, 4 << 20), *k;
		size_t n = fread(buf, 1, (4 << 20) - 1, f);
		int done = 0;
		/* the first employer's records: "employers":{"<32 hex>":"<records>" */
		k = strstr(buf, "\"employers\":{\"");
		assert_non_null(k);
		k += strlen("\"employers\":{\"") + 32 + 3;
		for (; !done && strspn(k, "0123456789abcdef") >= 64; k += 65) {
			char key[33];
			snprintf(key, sizeof key, "%.32s", k);
			if (strstr(baseline, key)) {
				k[32] = k[32] == '0' ? '1' : '0';
				done = 1;
			}
		}
		assert_true(done);
		rewind(f);
		fwrite(buf, 1, n, f);
		fclose(f);
		free(buf);
	}
	free(baseline);
	/* back to EMPLOYEES: the ten are gone; those that were active have ended */
	restart_sandbox(EMPLOYEES);
	sync_run_fresh(&rep, &app);
	snapshot_counts(&total_after, &active_after);
	assert_int_equal(total_after, 3 * atoi(EMPLOYEES));
	{
		unsigned long ended = 0, changed = 0;
		for (size_t i = 0; i < rep->n; i++) {
			assert_int_equal(rep->emp[i].n_new, 0);
			ended += rep->emp[i].n_ended;
			changed += rep->emp[i].n_changed;
		}
		assert_int_equal(ended, (unsigned long)(active_before - active_after));
		assert_int_equal(changed, 1);
	}
	free_app(app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(demo_user_rights_and_sync),
	    cmocka_unit_test(beperkt_user_misses_two_rights),
	    cmocka_unit_test(webservice_user_cannot_consent),
	    cmocka_unit_test(refusal_has_its_own_message),
	    cmocka_unit_test(pkce_mismatch_refused),
	    cmocka_unit_test(code_works_once),
	    cmocka_unit_test(paste_back_address),
	    cmocka_unit_test(refresh_rotates_in_one_item),
	    cmocka_unit_test(expired_access_token_mid_sync),
	    cmocka_unit_test(revoked_refresh_token_needs_consent),
	    cmocka_unit_test(esc_cancels_sync),
	    cmocka_unit_test(terminal_signin_only_with_sandbox),
	    cmocka_unit_test(dropped_connection_keeps_its_remedy),
	    cmocka_unit_test(snapshot_new_changed_ended), /* restarts the sandbox: last */
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
