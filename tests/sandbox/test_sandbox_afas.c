/* test_sandbox_afas.c — AFAS Profit routes of the real koppel-sandbox over
 * HTTPS: token rules, participants, metainfo, paging to the last page,
 * ordering, filters, error bodies, path case. */
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
#include <strings.h>

#include "sbx_client.h"

static struct kp_test_sandbox sb;

static int setup(void **state)
{
	static const char *const args[] = { "--rows", "237", NULL };
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return kp_test_sandbox_start(&sb, args);
}

static int teardown(void **state)
{
	(void)state;
	kp_test_sandbox_stop(&sb);
	return 0;
}

static cJSON *get_json(const char *participant, const char *path, long want_status)
{
	struct sbx_resp r;
	assert_int_equal(sbx_afas_get(&sb, participant, path, &r), CURLE_OK);
	if (r.status != want_status)
		fail_msg("%s: status %ld, want %ld: %s", path, r.status, want_status, r.body);
	cJSON *o = cJSON_Parse(r.body);
	sbx_resp_free(&r);
	assert_non_null(o);
	return o;
}

static int elfproef(const char *b)
{
	int sum = 0;
	if (strlen(b) != 9)
		return 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * (b[i] - '0');
	sum -= b[8] - '0';
	return sum != 0 && sum % 11 == 0;
}

static void token_exact_or_401(void **state)
{
	char base[512], url[700], auth[512];
	struct sbx_resp r;
	(void)state;
	sbx_afas_base(&sb, "12345", base, sizeof base);
	snprintf(url, sizeof url, "%s/metainfo", base);
	/* no header */
	sbx_request(&sb, "GET", url, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	/* the raw XML instead of its base64 */
	const char *raw[] = { "Authorization: AfasToken <token><version>1</version></token>", NULL };
	sbx_request(&sb, "GET", url, raw, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	/* another participant's token */
	sbx_afas_auth(&sb, "23456", auth, sizeof auth);
	const char *other[] = { auth, NULL };
	sbx_request(&sb, "GET", url, other, NULL, &r);
	assert_int_equal(r.status, 401);
	sbx_resp_free(&r);
	/* Bearer scheme instead of AfasToken */
	sbx_afas_auth(&sb, "12345", auth, sizeof auth);
	char bearer[600];
	snprintf(bearer, sizeof bearer, "Authorization: Bearer %s", strstr(auth, "AfasToken ") + 10);
	const char *b[] = { bearer, NULL };
	sbx_request(&sb, "GET", url, b, NULL, &r);
	assert_int_equal(r.status, 401);
	sbx_resp_free(&r);
	/* the right one */
	const char *ok[] = { auth, NULL };
	sbx_request(&sb, "GET", url, ok, NULL, &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
}

static void revoked_and_unknown_participants(void **state)
{
	struct sbx_resp r;
	(void)state;
	sbx_afas_get(&sb, "34567", "/metainfo", &r);
	assert_int_equal(r.status, 401);
	assert_int_equal(r.len, 0);
	sbx_resp_free(&r);
	sbx_afas_get(&sb, "99999", "/profitversion", &r);
	assert_int_equal(r.status, 401);
	sbx_resp_free(&r);
}

static int lists_connector(cJSON *meta, const char *id)
{
	cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(meta, "getConnectors"))
		if (strcmp(cJSON_GetObjectItem(c, "id")->valuestring, id) == 0)
			return 1;
	return 0;
}

static void metainfo_per_participant(void **state)
{
	(void)state;
	cJSON *m = get_json("12345", "/metainfo", 200);
	assert_true(lists_connector(m, "BP_Medewerkers"));
	assert_true(lists_connector(m, "BP_Dienstverbanden"));
	assert_true(lists_connector(m, "BP_Salarissen"));
	assert_true(lists_connector(m, "BP_Werkgever"));
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "info"), "envid")->valuestring,
			    "O12345AA");
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(m, "updateConnectors")));
	cJSON_Delete(m);
	m = get_json("23456", "/metainfo", 200);
	assert_true(lists_connector(m, "BP_Medewerkers"));
	assert_false(lists_connector(m, "BP_Salarissen"));
	cJSON_Delete(m);
	/* the unassigned one answers with an error naming it */
	m = get_json("23456", "/connectors/BP_Salarissen", 401);
	assert_non_null(strstr(cJSON_GetObjectItem(m, "externalMessage")->valuestring, "BP_Salarissen"));
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(m, "errorNumber")));
	assert_int_equal(strlen(cJSON_GetObjectItem(m, "profitLogReference")->valuestring), 32);
	cJSON_Delete(m);
	m = get_json("12345", "/metainfo/get/BP_Bestaat_Niet", 401);
	cJSON_Delete(m);
}

static void metainfo_get_fields_are_row_keys(void **state)
{
	(void)state;
	const char *ids[] = { "BP_Medewerkers", "BP_Dienstverbanden", "BP_Salarissen", "BP_Werkgever" };
	for (size_t i = 0; i < 4; i++) {
		char path[256];
		snprintf(path, sizeof path, "/metainfo/get/%s", ids[i]);
		cJSON *m = get_json("12345", path, 200);
		snprintf(path, sizeof path, "/connectors/%s?skip=0&take=1", ids[i]);
		cJSON *rows = get_json("12345", path, 200);
		cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(rows, "rows"), 0);
		assert_non_null(row);
		cJSON *f;
		int n = 0;
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(m, "fields"))
		{
			assert_non_null(cJSON_GetObjectItem(row, cJSON_GetObjectItem(f, "id")->valuestring));
			assert_true(cJSON_IsString(cJSON_GetObjectItem(f, "fieldId")));
			assert_true(cJSON_IsString(cJSON_GetObjectItem(f, "dataType")));
			n++;
		}
		assert_int_equal(n, cJSON_GetArraySize(row));
		cJSON_Delete(m);
		cJSON_Delete(rows);
	}
}

static void paging_to_the_last_page(void **state)
{
	(void)state;
	long seen = 0, skip = 0;
	char prev[16] = "";
	for (;;) {
		char path[256];
		snprintf(path, sizeof path,
			 "/connectors/BP_Medewerkers?skip=%ld&take=50&orderbyfieldids=Medewerker", skip);
		cJSON *p = get_json("12345", path, 200);
		cJSON *rows = cJSON_GetObjectItem(p, "rows");
		int n = cJSON_GetArraySize(rows);
		assert_int_equal(cJSON_GetObjectItem(p, "skip")->valueint, skip);
		assert_int_equal(cJSON_GetObjectItem(p, "take")->valueint, 50);
		cJSON *row;
		cJSON_ArrayForEach(row, rows)
		{
			const char *id = cJSON_GetObjectItem(row, "Medewerker")->valuestring;
			assert_true(strcmp(prev, id) < 0); /* ascending, no repeats */
			snprintf(prev, sizeof prev, "%s", id);
		}
		seen += n;
		skip += n;
		cJSON_Delete(p);
		if (n < 50)
			break;
	}
	assert_int_equal(seen, 237);
	assert_string_equal(prev, "100237");
}

static void defaults_and_descending_order(void **state)
{
	(void)state;
	cJSON *p = get_json("12345", "/connectors/BP_Medewerkers", 200);
	assert_int_equal(cJSON_GetObjectItem(p, "skip")->valueint, 0);
	assert_int_equal(cJSON_GetObjectItem(p, "take")->valueint, 100);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p, "rows")), 100);
	cJSON_Delete(p);
	p = get_json("12345", "/connectors/BP_Medewerkers?take=2&orderbyfieldids=-Medewerker", 200);
	cJSON *rows = cJSON_GetObjectItem(p, "rows");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 0), "Medewerker")->valuestring,
			    "100237");
	cJSON_Delete(p);
	/* by another field: sorted by it */
	p = get_json("12345", "/connectors/BP_Salarissen?take=237&orderbyfieldids=-Salaris", 200);
	rows = cJSON_GetObjectItem(p, "rows");
	double last = 1e12;
	cJSON *row;
	cJSON_ArrayForEach(row, rows)
	{
		double v = cJSON_GetObjectItem(row, "Salaris")->valuedouble;
		assert_true(v <= last);
		last = v;
	}
	cJSON_Delete(p);
	/* text with a tie-breaker, and dates descending */
	p = get_json("12345", "/connectors/BP_Medewerkers?take=237&orderbyfieldids=Achternaam,-Voornaam", 200);
	char last_name[64] = "", first_name[64] = "";
	int n = 0;
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(p, "rows"))
	{
		const char *ln = cJSON_GetObjectItem(row, "Achternaam")->valuestring;
		const char *fn = cJSON_GetObjectItem(row, "Voornaam")->valuestring;
		int c = strcasecmp(last_name, ln);
		assert_true(c <= 0);
		if (c == 0)
			assert_true(strcasecmp(first_name, fn) >= 0);
		snprintf(last_name, sizeof last_name, "%s", ln);
		snprintf(first_name, sizeof first_name, "%s", fn);
		n++;
	}
	assert_int_equal(n, 237);
	cJSON_Delete(p);
	p = get_json("12345", "/connectors/BP_Medewerkers?take=237&orderbyfieldids=-Geboortedatum", 200);
	char prev_date[32] = "9999";
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(p, "rows"))
	{
		const char *d = cJSON_GetObjectItem(row, "Geboortedatum")->valuestring;
		assert_true(strcmp(d, prev_date) <= 0);
		snprintf(prev_date, sizeof prev_date, "%s", d);
	}
	cJSON_Delete(p);
	/* nulls sort after values: the empty BSNs come last */
	p = get_json("12345", "/connectors/BP_Medewerkers?take=237&orderbyfieldids=BSN", 200);
	cJSON *rows2 = cJSON_GetObjectItem(p, "rows");
	for (int i = 0; i < 237; i++)
		assert_int_equal(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(rows2, i), "BSN")), i >= 232);
	cJSON_Delete(p);
	p = get_json("12345", "/connectors/BP_Medewerkers?orderbyfieldids=Bestaatniet", 400);
	cJSON_Delete(p);
}

static int count_rows(const char *path)
{
	cJSON *p = get_json("12345", path, 200);
	int n = cJSON_GetArraySize(cJSON_GetObjectItem(p, "rows"));
	cJSON_Delete(p);
	return n;
}

static void filters(void **state)
{
	(void)state;
	/* = on the employer: every third row */
	cJSON *p = get_json("12345", "/connectors/BP_Medewerkers?take=1000&filterfieldids=Werkgever"
				     "&filtervalues=2&operatortypes=1", 200);
	cJSON *row;
	int n = 0;
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(p, "rows"))
	{
		assert_string_equal(cJSON_GetObjectItem(row, "Werkgever")->valuestring, "2");
		n++;
	}
	assert_int_equal(n, 79); /* rows 1, 4, ... of 237 */
	cJSON_Delete(p);
	/* AND (,) and OR (;) */
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=Werkgever,"
				    "Medewerker&filtervalues=2,100100&operatortypes=1,5"), 33);
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=Medewerker;"
				    "Medewerker&filtervalues=100001;100237&operatortypes=1;1"), 2);
	/* empty BSN (the deliberate defect): rows 17, 67, 117, 167, 217 */
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=BSN"
				    "&filtervalues=&operatortypes=8"), 5);
	/* contains / starts with / ends with, case-insensitive */
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=Medewerker"
				    "&filtervalues=1001&operatortypes=10"), 100);
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=Email"
				    "&filtervalues=VOORBEELD&operatortypes=6"), 237);
	assert_int_equal(count_rows("/connectors/BP_Medewerkers?take=1000&filterfieldids=Medewerker"
				    "&filtervalues=7&operatortypes=13"), 24);
	/* numbers compare as numbers; dates as dates */
	assert_int_equal(count_rows("/connectors/BP_Dienstverbanden?take=1000&filterfieldids="
				    "UrenPerWeek&filtervalues=100&operatortypes=4"), 0);
	cJSON *a = get_json("12345", "/connectors/BP_Dienstverbanden?take=1000&filterfieldids=Begindatum"
				     "&filtervalues=2015-01-01T00:00:00&operatortypes=2", 200);
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(a, "rows"))
		assert_true(strcmp(cJSON_GetObjectItem(row, "Begindatum")->valuestring, "2015-01-01") >= 0);
	cJSON_Delete(a);
	/* skip counts filtered rows */
	p = get_json("12345", "/connectors/BP_Medewerkers?skip=78&take=5&filterfieldids=Werkgever"
			      "&filtervalues=2&operatortypes=1", 200);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p, "rows")), 1);
	cJSON_Delete(p);
	/* mismatched lists and unknown fields are refused with an AFAS error body */
	p = get_json("12345", "/connectors/BP_Medewerkers?filterfieldids=A,B&filtervalues=1", 400);
	assert_true(cJSON_IsString(cJSON_GetObjectItem(p, "externalMessage")));
	cJSON_Delete(p);
}

static void bsns_and_defects(void **state)
{
	(void)state;
	cJSON *p = get_json("12345", "/connectors/BP_Medewerkers?take=237", 200);
	int valid = 0, invalid = 0, missing = 0;
	cJSON *row;
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(p, "rows"))
	{
		cJSON *b = cJSON_GetObjectItem(row, "BSN");
		if (cJSON_IsNull(b))
			missing++;
		else if (elfproef(b->valuestring))
			valid++;
		else
			invalid++;
	}
	assert_int_equal(missing, 5);
	assert_int_equal(invalid, 5);
	assert_int_equal(valid, 227);
	cJSON_Delete(p);
	p = get_json("12345", "/connectors/BP_Dienstverbanden?take=237", 200);
	int backwards = 0;
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(p, "rows"))
	{
		cJSON *end = cJSON_GetObjectItem(row, "Einddatum");
		if (cJSON_IsString(end) &&
		    strcmp(end->valuestring, cJSON_GetObjectItem(row, "Begindatum")->valuestring) < 0)
			backwards++;
	}
	assert_int_equal(backwards, 4); /* rows 41, 91, 141, 191 */
	cJSON_Delete(p);
}

static void paths_case_insensitive_and_version(void **state)
{
	struct sbx_resp r;
	char base[512], url[700], auth[512];
	(void)state;
	sbx_afas_base(&sb, "12345", base, sizeof base);
	sbx_afas_auth(&sb, "12345", auth, sizeof auth);
	const char *h[] = { auth, NULL };
	char *pr = strstr(base, "/ProfitRestServices");
	*pr = '\0';
	snprintf(url, sizeof url, "%s/profitrestservices/MetaInfo", base);
	sbx_request(&sb, "GET", url, h, NULL, &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
	snprintf(url, sizeof url, "%s/PROFITRESTSERVICES/ProfitVersion", base);
	sbx_request(&sb, "GET", url, h, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"version\""));
	sbx_resp_free(&r);
	snprintf(url, sizeof url, "%s/ProfitRestServices/nergens", base);
	sbx_request(&sb, "GET", url, h, NULL, &r);
	assert_int_equal(r.status, 404);
	sbx_resp_free(&r);
}

static void long_query_is_404(void **state)
{
	char path[2600];
	struct sbx_resp r;
	(void)state;
	int n = snprintf(path, sizeof path, "/connectors/BP_Medewerkers?filterfieldids=Medewerker"
					    "&operatortypes=1&filtervalues=");
	memset(path + n, '1', 2100);
	path[n + 2100] = '\0';
	sbx_afas_get(&sb, "12345", path, &r);
	assert_int_equal(r.status, 404);
	sbx_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_exact_or_401),
		cmocka_unit_test(revoked_and_unknown_participants),
		cmocka_unit_test(metainfo_per_participant),
		cmocka_unit_test(metainfo_get_fields_are_row_keys),
		cmocka_unit_test(paging_to_the_last_page),
		cmocka_unit_test(defaults_and_descending_order),
		cmocka_unit_test(filters),
		cmocka_unit_test(bsns_and_defects),
		cmocka_unit_test(paths_case_insensitive_and_version),
		cmocka_unit_test(long_query_is_404),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
