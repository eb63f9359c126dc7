/* test_sandbox_faults.c — every fault kind of the control API against the
 * real koppel-sandbox: status codes with their documented bodies and
 * Retry-After, delay, truncated body, invalid JSON, connection reset,
 * counts, wildcards, reset and the control key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbx_client.h"

static struct kp_test_sandbox sb;
static char access_token[128];

static int setup(void **state)
{
	char refresh[128];
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (kp_test_sandbox_start(&sb, NULL) != 0)
		return -1;
	return sbx_loket_login(&sb, "demo", access_token, sizeof access_token, refresh, sizeof refresh);
}

static int teardown(void **state)
{
	(void)state;
	kp_test_sandbox_stop(&sb);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	return kp_test_sandbox_control(&sb, "/reset", "{}") == 200 ? 0 : -1;
}

static void fault(const char *json)
{
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", json), 200);
}

static void afas_500_body_and_count(void **state)
{
	struct sbx_resp r;
	(void)state;
	fault("{\"route\":\"afas.connectors\",\"status\":500,\"count\":2}");
	for (int i = 0; i < 2; i++) {
		sbx_afas_get(&sb, "12345", "/connectors/BP_Medewerkers?take=1", &r);
		assert_int_equal(r.status, 500);
		cJSON *o = cJSON_Parse(r.body);
		assert_non_null(o);
		assert_true(cJSON_IsString(cJSON_GetObjectItem(o, "externalMessage")));
		assert_int_equal((long)cJSON_GetObjectItem(o, "errorNumber")->valuedouble, -2147180999L);
		assert_int_equal(strlen(cJSON_GetObjectItem(o, "profitLogReference")->valuestring), 32);
		cJSON_Delete(o);
		sbx_resp_free(&r);
	}
	sbx_afas_get(&sb, "12345", "/connectors/BP_Medewerkers?take=1", &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
}

static void afas_503_and_401(void **state)
{
	struct sbx_resp r;
	char ra[32];
	(void)state;
	fault("{\"route\":\"afas.metainfo\",\"status\":503}");
	sbx_afas_get(&sb, "12345", "/metainfo", &r);
	assert_int_equal(r.status, 503);
	assert_int_equal(sbx_header(&r, "Retry-After", ra, sizeof ra), 0);
	assert_string_equal(ra, "7200");
	cJSON *o = cJSON_Parse(r.body);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "error"), "code")->valuestring, "503");
	assert_int_equal(cJSON_GetObjectItem(o, "retry_after")->valueint, 7200);
	cJSON_Delete(o);
	sbx_resp_free(&r);
	fault("{\"route\":\"afas.*\",\"status\":401}");
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_int_equal(r.status, 401);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	fault("{\"route\":\"afas.profitversion\",\"status\":403}");
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_int_equal(r.status, 403);
	sbx_resp_free(&r);
}

static void loket_statuses(void **state)
{
	struct sbx_resp r;
	char ra[32];
	(void)state;
	fault("{\"route\":\"loket.employers\",\"status\":429,\"retry_after\":3}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 429);
	assert_int_equal(sbx_header(&r, "Retry-After", ra, sizeof ra), 0);
	assert_string_equal(ra, "3");
	sbx_resp_free(&r);
	fault("{\"route\":\"loket.*\",\"status\":401}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 401);
	assert_string_equal(r.body, "{\"message\":\"Authorization has been denied for this request.\"}");
	sbx_resp_free(&r);
	fault("{\"route\":\"loket.employers\",\"status\":403}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "Insufficient rights"));
	sbx_resp_free(&r);
	fault("{\"route\":\"loket.employers\",\"status\":404}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 404);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	fault("{\"route\":\"loket.employers\",\"status\":500}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 500);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	fault("{\"route\":\"oauth.token\",\"status\":400}");
	sbx_loket_token(&sb, "grant_type=refresh_token&refresh_token=x&client_id=y", &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.body, "{\"error\":\"invalid_grant\"}");
	sbx_resp_free(&r);
	/* after the faults are used up, the route works again */
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
}

static void delay_and_latency(void **state)
{
	struct sbx_resp r;
	(void)state;
	fault("{\"route\":\"afas.profitversion\",\"kind\":\"delay\",\"delay_ms\":1200}");
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_int_equal(r.status, 200);
	assert_true(r.seconds >= 1.1);
	sbx_resp_free(&r);
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_true(r.seconds < 1.0);
	sbx_resp_free(&r);
	assert_int_equal(kp_test_sandbox_control(&sb, "/settings", "{\"latency_ms\":700}"), 200);
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.status, 200);
	assert_true(r.seconds >= 0.65);
	sbx_resp_free(&r);
	assert_int_equal(kp_test_sandbox_control(&sb, "/settings", "{\"latency_ms\":0}"), 200);
}

static void truncated_bodies(void **state)
{
	struct sbx_resp r;
	(void)state;
	/* fixed length (Loket): announced in full, half sent */
	fault("{\"route\":\"loket.employers\",\"kind\":\"truncate\"}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.curl_code, CURLE_PARTIAL_FILE);
	sbx_resp_free(&r);
	/* streamed rows (AFAS): the transfer breaks halfway */
	fault("{\"route\":\"afas.connectors\",\"kind\":\"truncate\"}");
	sbx_afas_get(&sb, "12345", "/connectors/BP_Medewerkers?take=100", &r);
	assert_true(r.curl_code == CURLE_PARTIAL_FILE || r.curl_code == CURLE_RECV_ERROR);
	assert_null(strstr(r.body, "]}"));
	sbx_resp_free(&r);
}

static void invalid_json(void **state)
{
	struct sbx_resp r;
	(void)state;
	fault("{\"route\":\"loket.employers\",\"kind\":\"invalid_json\"}");
	sbx_loket_get(&sb, access_token, "2018-01-01", "/providers/employers", &r);
	assert_int_equal(r.curl_code, CURLE_OK);
	assert_int_equal(r.status, 200);
	cJSON *o = cJSON_Parse(r.body);
	assert_null(o);
	sbx_resp_free(&r);
	fault("{\"route\":\"afas.connectors\",\"kind\":\"invalid_json\"}");
	sbx_afas_get(&sb, "12345", "/connectors/BP_Medewerkers?take=10", &r);
	assert_int_equal(r.curl_code, CURLE_OK);
	assert_int_equal(r.status, 200);
	assert_null(cJSON_Parse(r.body));
	sbx_resp_free(&r);
}

static void connection_reset(void **state)
{
	struct sbx_resp r;
	(void)state;
	fault("{\"route\":\"oauth.token\",\"kind\":\"reset\"}");
	sbx_loket_token(&sb, "grant_type=refresh_token&refresh_token=x&client_id=y", &r);
	assert_int_not_equal(r.curl_code, CURLE_OK);
	assert_int_equal(r.status, 0);
	sbx_resp_free(&r);
	fault("{\"route\":\"*\",\"kind\":\"reset\",\"count\":-1}");
	for (int i = 0; i < 3; i++) {
		sbx_afas_get(&sb, "12345", "/profitversion", &r);
		assert_int_not_equal(r.curl_code, CURLE_OK);
		sbx_resp_free(&r);
	}
	assert_int_equal(kp_test_sandbox_control(&sb, "/reset", "{}"), 200);
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
}

static void control_key_and_validation(void **state)
{
	struct sbx_resp r;
	char url[700];
	(void)state;
	snprintf(url, sizeof url, "%s/reset", sb.control_url);
	const char *wrong[] = { "X-Control-Key: nope", NULL };
	sbx_request(&sb, "POST", url, wrong, "{}", &r);
	assert_int_equal(r.status, 403);
	sbx_resp_free(&r);
	sbx_request(&sb, "POST", url, NULL, "{}", &r);
	assert_int_equal(r.status, 403);
	sbx_resp_free(&r);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "{\"status\":500}"), 400);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"*\",\"status\":200}"), 400);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"*\",\"kind\":\"boom\"}"), 400);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "not json"), 400);
	assert_int_equal(kp_test_sandbox_control(&sb, "/nothing", "{}"), 404);
	/* GET /status shows the active faults and settings */
	fault("{\"route\":\"loket.wages\",\"status\":500,\"count\":-1}");
	assert_int_equal(kp_test_sandbox_control(&sb, "/settings", "{\"access_token_ttl\":77}"), 200);
	char key[200];
	snprintf(url, sizeof url, "%s/status", sb.control_url);
	snprintf(key, sizeof key, "X-Control-Key: %s", sb.control_key);
	const char *h[] = { key, NULL };
	sbx_request(&sb, "GET", url, h, NULL, &r);
	assert_int_equal(r.status, 200);
	cJSON *o = cJSON_Parse(r.body);
	assert_int_equal(cJSON_GetObjectItem(o, "faults")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(o, "access_token_ttl")->valueint, 77);
	cJSON_Delete(o);
	sbx_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(afas_500_body_and_count, reset),
		cmocka_unit_test_setup(afas_503_and_401, reset),
		cmocka_unit_test_setup(loket_statuses, reset),
		cmocka_unit_test_setup(delay_and_latency, reset),
		cmocka_unit_test_setup(truncated_bodies, reset),
		cmocka_unit_test_setup(invalid_json, reset),
		cmocka_unit_test_setup(connection_reset, reset),
		cmocka_unit_test_setup(control_key_and_validation, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
