/* test_integration.c — the AFAS client against the real koppel-sandbox over
 * HTTPS with its own CA: participants 12345 (all assigned), 23456 (one
 * connector missing), 34567 (revoked token); 500 and 503 answers with their
 * profitLogReference / retry_after; the paged test sync; and the CLI's
 * `koppel afas check` exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "koppel/afas.h"
#include "koppel/afas_sync.h"
#include "koppel/http.h"
#include "sandbox_fixture.h"

static struct kp_test_sandbox sb;
static struct kp_http_opts http;
static struct kp_connector_zip zip;
static atomic_int cancel_flag;

static const char *token_of(const char *participant)
{
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(sb.info, "afas_participants"), *p;

	cJSON_ArrayForEach(p, parts)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "participant");
		if (cJSON_IsString(id) && strcmp(id->valuestring, participant) == 0)
			return cJSON_GetObjectItemCaseSensitive(p, "token")->valuestring;
	}
	fail_msg("no token for %s in the sandbox info", participant);
	return NULL;
}

static void conn_for(struct kp_afas_conn *conn, const char *participant)
{
	struct kp_afas_token t;
	struct kp_error err = {0};

	assert_int_equal(kp_afas_token_parse(token_of(participant), NULL, &t, NULL, &err), KP_OK);
	assert_int_equal(kp_afas_conn_init(conn, &sb.ep, &http, participant, "test", &t, &err),
			 KP_OK);
	kp_afas_token_wipe(&t);
}

static int setup(void **s)
{
	const cJSON *z;
	struct kp_error err = {0};

	(void)s;
	kp_http_global_init();
	if (kp_test_sandbox_start(&sb, (const char *const[]){"--rows", "1234", NULL}) != 0)
		return -1;
	http.ca_file = sb.ep.ca_file;
	http.cancel = &cancel_flag;
	z = cJSON_GetObjectItemCaseSensitive(sb.info, "afas_zip");
	if (!cJSON_IsString(z) ||
	    kp_connector_zip_open(z->valuestring, &zip, NULL, &err) != KP_OK) {
		fprintf(stderr, "demo ZIP: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	kp_connector_zip_free(&zip);
	kp_test_sandbox_stop(&sb);
	kp_http_global_cleanup();
	return 0;
}

static void test_12345_all_assigned(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_metainfo m;
	struct kp_afas_assign *a = NULL;
	struct kp_error err = {0};

	(void)s;
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_OK);
	assert_true(m.envid[0] && m.app_name[0] && m.group[0]);
	assert_true(m.n_get >= zip.n);
	assert_true(zip.n >= 2);
	assert_int_equal(kp_afas_assign_check(&conn, &m, &zip, &a, &err), KP_OK);
	for (size_t i = 0; i < zip.n; i++) {
		print_message("%s: %s\n", a[i].id, a[i].msg);
		assert_int_equal(a[i].state, KP_ASSIGN_OK);
	}
	assert_int_equal(kp_afas_assign_problems(a, zip.n), 0);
	free(a);
	kp_afas_metainfo_free(&m);
	kp_afas_conn_free(&conn);
}

static void test_23456_one_missing(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_metainfo m;
	struct kp_afas_assign *a = NULL;
	struct kp_error err = {0};
	size_t missing = 0;

	(void)s;
	conn_for(&conn, "23456");
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_OK);
	assert_int_equal(kp_afas_assign_check(&conn, &m, &zip, &a, &err), KP_OK);
	for (size_t i = 0; i < zip.n; i++) {
		print_message("%s: %s\n", a[i].id, a[i].msg);
		if (a[i].state == KP_ASSIGN_MISSING) {
			missing++;
			assert_non_null(strstr(a[i].msg, "GetConnectors"));
		} else {
			assert_int_equal(a[i].state, KP_ASSIGN_OK);
		}
	}
	assert_int_equal(missing, 1);
	free(a);
	kp_afas_metainfo_free(&m);
	kp_afas_conn_free(&conn);
}

static void test_34567_revoked(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_metainfo m;
	struct kp_error err = {0};

	(void)s;
	conn_for(&conn, "34567");
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_ERR_AUTH);
	assert_int_equal(err.http_status, 401);
	print_message("%s | %s\n", err.msg, err.hint);
	assert_non_null(strstr(err.hint, "revoked"));
	kp_afas_conn_free(&conn);
}

static void test_wrong_token_refused(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_token t;
	struct kp_afas_metainfo m;
	struct kp_error err = {0};

	(void)s;
	/* 23456's token used for 12345: tied to its own participant. */
	assert_int_equal(kp_afas_token_parse(token_of("23456"), NULL, &t, NULL, &err), KP_OK);
	assert_int_equal(kp_afas_conn_init(&conn, &sb.ep, &http, "12345", "test", &t, &err), KP_OK);
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_ERR_AUTH);
	kp_afas_conn_free(&conn);
}

static void test_500_reference(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_metainfo m;
	struct kp_error err = {0};

	(void)s;
	assert_int_equal(
	    kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"afas.metainfo\",\"status\":500}"),
	    200);
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_ERR_HTTP);
	print_message("%s | %s | ref %s\n", err.msg, err.hint, err.ref);
	assert_int_equal(err.http_status, 500);
	assert_int_equal(strlen(err.ref), 32);
	assert_non_null(strstr(err.msg, err.ref));
	assert_non_null(strstr(err.hint, "profitLogReference"));
	/* The fault was for one call: the next one works. */
	memset(&err, 0, sizeof err);
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_OK);
	kp_afas_metainfo_free(&m);
	kp_afas_conn_free(&conn);
}

static void test_503_retry_after(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_metainfo m;
	struct kp_error err = {0};

	(void)s;
	assert_int_equal(
	    kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"afas.metainfo\",\"status\":503}"),
	    200);
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_metainfo(&conn, &m, &err), KP_ERR_HTTP);
	print_message("%s | %s\n", err.msg, err.hint);
	assert_int_equal(err.http_status, 503);
	assert_non_null(strstr(err.hint, "120 minutes"));
	kp_afas_conn_free(&conn);
}

static void test_sync_12345(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};
	struct kp_progress p = {.cancel = &cancel_flag};
	size_t bsn_fields = 0;

	(void)s;
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	sync.take = 100;
	assert_int_equal(kp_afas_sync_run(&conn, &sync, &p, &err), KP_OK);
	assert_int_equal(kp_afas_sync_failures(&sync), 0);
	print_message("%lu rows, %lu requests, %.2f s\n", sync.total_rows, sync.requests,
		      sync.seconds);
	for (size_t i = 0; i < sync.n; i++) {
		print_message("  %s: %lu rows in %lu pages\n", sync.c[i].id, sync.c[i].rows,
			      sync.c[i].pages);
		assert_true(sync.c[i].rows > 0);
		for (size_t k = 0; k < sync.c[i].n_fields; k++)
			if (kp_afas_sync_field_bsn_like(&sync.c[i].fields[k])) {
				const struct kp_afas_sync_field *f = &sync.c[i].fields[k];
				unsigned long missing = kp_afas_sync_field_bsn_missing(&sync.c[i], f);
				bsn_fields++;
				assert_true(f->bsn_valid > 0);
				/* the sandbox leaves some BSNs out and spoils others: every
				 * row is counted once as valid, invalid or missing */
				assert_true(missing > 0);
				assert_true(kp_afas_sync_field_bsn_invalid(f) > 0);
				assert_int_equal(f->bsn_valid + kp_afas_sync_field_bsn_invalid(f) + missing,
						 sync.c[i].rows);
			}
	}
	/* Paging reached every row: the sandbox serves exactly --rows per
	 * row-level connector. */
	{
		int found = 0;
		for (size_t i = 0; i < sync.n; i++)
			found |= sync.c[i].rows == 1234;
		assert_true(found);
	}
	assert_true(bsn_fields >= 1);
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

static void test_sync_23456_partial(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};

	(void)s;
	conn_for(&conn, "23456");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	assert_int_equal(kp_afas_sync_run(&conn, &sync, NULL, &err), KP_OK);
	assert_int_equal(kp_afas_sync_failures(&sync), 1);
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

/* A revoked token: every connector fails, and the one error the screen
 * shows says what to do, not only what happened. */
static void test_sync_34567_all_fail_with_remedy(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};

	(void)s;
	conn_for(&conn, "34567");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	assert_int_equal(kp_afas_sync_run(&conn, &sync, NULL, &err), KP_ERR_AUTH);
	assert_int_equal(kp_afas_sync_failures(&sync), sync.n);
	print_message("%s | %s\n", err.msg, err.hint);
	assert_true(err.msg[0] != '\0');
	assert_non_null(strstr(err.hint, "revoked"));
	assert_non_null(strstr(sync.c[0].hint, "revoked"));
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

/* Every page answered with broken JSON, short last pages and the 3-row
 * BP_Werkgever included: each connector fails on its own, with a remedy;
 * none is counted as read. */
static void test_sync_invalid_json_every_page(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};

	(void)s;
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault",
						 "{\"route\":\"afas.connectors\",\"kind\":"
						 "\"invalid_json\",\"count\":-1}"),
			 200);
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	kp_afas_sync_run(&conn, &sync, NULL, &err);
	assert_int_equal(kp_afas_sync_failures(&sync), sync.n);
	for (size_t i = 0; i < sync.n; i++) {
		assert_int_equal(sync.c[i].code, KP_ERR_PARSE);
		assert_true(sync.c[i].hint[0] != '\0');
	}
	kp_test_sandbox_control(&sb, "/reset", "{}");
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

/* AFAS asks to slow down (429, Retry-After 1 s) twice: the pages are asked
 * again after the wait and the sync ends complete; a 429 that does not stop
 * fails that connector alone, with its own message. */
static void test_sync_429_waits_and_retries(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};
	unsigned long rows_before;

	(void)s;
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	assert_int_equal(kp_afas_sync_run(&conn, &sync, NULL, &err), KP_OK);
	rows_before = sync.total_rows;
	kp_afas_sync_free(&sync);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault",
						 "{\"route\":\"afas.connectors\",\"status\":429,"
						 "\"retry_after\":1,\"count\":2}"),
			 200);
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	assert_int_equal(kp_afas_sync_run(&conn, &sync, NULL, &err), KP_OK);
	assert_int_equal(kp_afas_sync_failures(&sync), 0);
	assert_int_equal(sync.total_rows, rows_before);
	kp_afas_sync_free(&sync);
	/* one that keeps answering 429 (Retry-After 0: no need to wait here) */
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault",
						 "{\"route\":\"afas.connectors\",\"status\":429,"
						 "\"retry_after\":0,\"count\":-1}"),
			 200);
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	kp_afas_sync_run(&conn, &sync, NULL, &err);
	assert_int_equal(kp_afas_sync_failures(&sync), sync.n);
	assert_non_null(strstr(sync.c[0].msg, "429"));
	assert_true(sync.c[0].hint[0] != '\0');
	kp_test_sandbox_control(&sb, "/reset", "{}");
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

/* Esc during the sync: the progress callback raises the cancel flag after
 * the first page; the run stops with KP_ERR_CANCELLED, well before the end. */
static void cancel_after_first(void *ctx, unsigned long done, unsigned long total,
			       const char *label)
{
	(void)total;
	(void)label;
	if (done > 0)
		atomic_store((atomic_int *)ctx, 1);
}

static void test_sync_cancel(void **s)
{
	struct kp_afas_conn conn;
	struct kp_afas_sync sync;
	struct kp_error err = {0};
	struct kp_progress p = {
	    .update = cancel_after_first, .ctx = &cancel_flag, .cancel = &cancel_flag};

	(void)s;
	conn_for(&conn, "12345");
	assert_int_equal(kp_afas_sync_prepare(&sync, &zip, &err), KP_OK);
	sync.take = 10;
	atomic_store(&cancel_flag, 0);
	assert_int_equal(kp_afas_sync_run(&conn, &sync, &p, &err), KP_ERR_CANCELLED);
	assert_int_equal(err.code, KP_ERR_CANCELLED);
	assert_true(sync.total_rows < 1234);
	print_message("cancelled after %lu rows, %lu requests\n", sync.total_rows, sync.requests);
	atomic_store(&cancel_flag, 0);
	kp_afas_sync_free(&sync);
	kp_afas_conn_free(&conn);
}

/* Run build/src/cli/koppel afas check with a token file; return exit code. */
static int run_check(const char *participant, int with_zip)
{
	char tokfile[600], cmd[4096];
	const cJSON *z = cJSON_GetObjectItemCaseSensitive(sb.info, "afas_zip");
	const char *root = getenv("KOPPEL_BUILD_ROOT");
	FILE *f;
	int st;

	snprintf(tokfile, sizeof tokfile, "%s/tok-%s", sb.dir, participant);
	f = fopen(tokfile, "w");
	assert_non_null(f);
	chmod(tokfile, 0600);
	fputs(token_of(participant), f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "HOME='%s' XDG_CONFIG_HOME='%s/cfg' '%s/src/cli/koppel' --lang en --sandbox-info "
		 "'%s' afas check "
		 "--customer %s --env test --token-file '%s' %s%s%s --json >'%s/out.json' 2>&1",
		 sb.dir, sb.dir, root ? root : ".", sb.info_path, participant, tokfile,
		 with_zip ? "--zip '" : "", with_zip ? z->valuestring : "", with_zip ? "'" : "",
		 sb.dir);
	st = system(cmd);
	unlink(tokfile);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* `koppel afas check --save` then `koppel sync --test --json`: the saved
 * token (keyring) and settings are enough for the sync. Needs a session
 * bus with a Secret Service (tools/test provides one). */
static void test_cli_save_and_sync(void **s)
{
	char cmd[4096], tokfile[600], out[700];
	const cJSON *z = cJSON_GetObjectItemCaseSensitive(sb.info, "afas_zip");
	const char *root = getenv("KOPPEL_BUILD_ROOT");
	FILE *f;
	char *body;
	long n;
	int st;

	(void)s;
	if (!getenv("DBUS_SESSION_BUS_ADDRESS"))
		skip();
	snprintf(tokfile, sizeof tokfile, "%s/tok-save", sb.dir);
	f = fopen(tokfile, "w");
	chmod(tokfile, 0600);
	fputs(token_of("12345"), f);
	fclose(f);
	snprintf(out, sizeof out, "%s/sync.json", sb.dir);
	snprintf(cmd, sizeof cmd,
		 "export HOME='%s' XDG_CONFIG_HOME='%s/cfg2'; K='%s/src/cli/koppel'; "
		 "\"$K\" --sandbox-info '%s' afas check --customer 12345 --env test --token-file - "
		 "--zip '%s' --save < '%s' > /dev/null && "
		 "\"$K\" --sandbox-info '%s' sync --test --json > '%s'",
		 sb.dir, sb.dir, root ? root : ".", sb.info_path, z->valuestring, tokfile,
		 sb.info_path, out);
	st = system(cmd);
	unlink(tokfile);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	f = fopen(out, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	body = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(body, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	{
		cJSON *j = cJSON_Parse(body);
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "afas");
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "ok")));
		assert_int_equal(cJSON_GetObjectItemCaseSensitive(a, "rows")->valueint,
				 3 * 1234 + 3);
		assert_int_equal(
		    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "connectors")),
		    (int)zip.n);
		cJSON_Delete(j);
	}
	/* Counts only: no row value of the sandbox (a BSN, a name) in the output. */
	assert_null(strstr(body, "123456782"));
	assert_null(strstr(body, "Willems"));
	free(body);
}

static void test_cli_check(void **s)
{
	(void)s;
	assert_int_equal(run_check("12345", 1), 0);
	assert_int_equal(run_check("23456", 1), 1);
	assert_int_equal(run_check("34567", 0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_12345_all_assigned), cmocka_unit_test(test_23456_one_missing),
	    cmocka_unit_test(test_34567_revoked),      cmocka_unit_test(test_wrong_token_refused),
	    cmocka_unit_test(test_500_reference),      cmocka_unit_test(test_503_retry_after),
	    cmocka_unit_test(test_sync_12345),	       cmocka_unit_test(test_sync_23456_partial),
	    cmocka_unit_test(test_sync_34567_all_fail_with_remedy),
	    cmocka_unit_test(test_sync_invalid_json_every_page),
	    cmocka_unit_test(test_sync_429_waits_and_retries),
	    cmocka_unit_test(test_sync_cancel),	       cmocka_unit_test(test_cli_check),
	    cmocka_unit_test(test_cli_save_and_sync),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
