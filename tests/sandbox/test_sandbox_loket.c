/* test_sandbox_loket.c — Loket.nl OAuth and API of the real koppel-sandbox:
 * login and consent pages, PKCE, single-use and expiring codes, refresh
 * rotation, client errors, every API route, paging, Accept versions,
 * 401/403 bodies, rights of the demo users. */
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
#include <unistd.h>

#include "sbx_client.h"

#define REDIRECT "http://127.0.0.1:53682/callback"
#define REDIRECT_ENC "http%3A%2F%2F127.0.0.1%3A53682%2Fcallback"
#define VERIFIER "verifier-0123456789-0123456789-0123456789-abcdef"

static struct kp_test_sandbox sb;

static int setup(void **state)
{
	static const char *const args[] = { "--employees", "60", NULL };
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

static int reset(void **state)
{
	(void)state;
	return kp_test_sandbox_control(&sb, "/reset", "{}") == 200 ? 0 : -1;
}

static const char *jstr(cJSON *o, const char *k)
{
	cJSON *v = cJSON_GetObjectItem(o, k);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void token_form(char *form, size_t len, const char *code, const char *verifier)
{
	snprintf(form, len,
		 "grant_type=authorization_code&code=%s&redirect_uri=%s&client_id=%s%s%s",
		 code, REDIRECT_ENC, sb.ep.loket_client_id, verifier ? "&code_verifier=" : "", verifier ? verifier : "");
}

static void pages_are_dutch_forms(void **state)
{
	char url[1024];
	struct sbx_resp r;
	(void)state;
	snprintf(url, sizeof url,
		 "%s/authorize?client_id=%s&redirect_uri=%s&response_type=code&scope=all&state=x",
		 sb.ep.loket_oauth_url, sb.ep.loket_client_id, REDIRECT_ENC);
	sbx_request(&sb, "GET", url, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<form method=\"post\" action=\"/oauth/login\">"));
	assert_non_null(strstr(r.body, "Gebruikersnaam"));
	assert_non_null(strstr(r.body, "Wachtwoord"));
	assert_null(strstr(r.body, "<script"));
	sbx_resp_free(&r);
	/* wrong password: the login page again with a Dutch error */
	char loc[4096];
	assert_int_equal(sbx_loket_consent(&sb, "demo", "fout", NULL, 1, REDIRECT, NULL, 0, loc,
					   sizeof loc), -1);
	assert_non_null(strstr(loc, "onjuist"));
	/* a webservice user is refused with a clear page */
	assert_int_equal(sbx_loket_consent(&sb, "webservice", sbx_loket_password(&sb, "webservice"),
					   NULL, 1, REDIRECT, NULL, 0, loc, sizeof loc), -1);
	assert_non_null(strstr(loc, "webservicegebruiker"));
}

static void unknown_client_or_redirect_not_redirected(void **state)
{
	char url[1024];
	struct sbx_resp r;
	(void)state;
	snprintf(url, sizeof url,
		 "%s/authorize?client_id=wie&redirect_uri=%s&response_type=code",
		 sb.ep.loket_oauth_url, REDIRECT_ENC);
	sbx_request(&sb, "GET", url, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_int_not_equal(sbx_header(&r, "Location", url, 16), 0);
	sbx_resp_free(&r);
	snprintf(url, sizeof url,
		 "%s/authorize?client_id=%s&redirect_uri=https%%3A%%2F%%2Fevil.example%%2Fcb&response_type=code",
		 sb.ep.loket_oauth_url, sb.ep.loket_client_id);
	sbx_request(&sb, "GET", url, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	sbx_resp_free(&r);
	/* any loopback port is fine (registered loopback client) */
	char code[128];
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), NULL, 1,
					   "http://localhost:1234/x", code, sizeof code, NULL, 0), 0);
}

static void refusal_redirects_access_denied(void **state)
{
	char loc[2048];
	(void)state;
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), NULL, 0,
					   REDIRECT, NULL, 0, loc, sizeof loc), 0);
	assert_non_null(strstr(loc, REDIRECT "?error=access_denied&state=st4te"));
}

static void pkce_right_wrong_missing(void **state)
{
	char ch[64], code[128], form[1024], loc[2048];
	struct sbx_resp r;
	(void)state;
	sbx_pkce_challenge(VERIFIER, ch, sizeof ch);
	/* right */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, loc, sizeof loc), 0);
	assert_non_null(strstr(loc, "&state=st4te"));
	token_form(form, sizeof form, code, VERIFIER);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 200);
	cJSON *o = cJSON_Parse(r.body);
	assert_string_equal(jstr(o, "token_type"), "bearer");
	assert_int_equal(cJSON_GetObjectItem(o, "expires_in")->valueint, 3599);
	assert_true(strlen(jstr(o, "refresh_token")) > 20);
	assert_string_equal(jstr(o, "two_factor_state"), "None");
	cJSON_Delete(o);
	sbx_resp_free(&r);
	/* wrong verifier */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	token_form(form, sizeof form, code, "verifier-WRONG-0123456789-0123456789-0123456789");
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.body, "{\"error\":\"invalid_grant\"}");
	sbx_resp_free(&r);
	/* missing verifier although a challenge was sent */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	token_form(form, sizeof form, code, NULL);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "invalid_grant"));
	sbx_resp_free(&r);
	/* no PKCE at all and no secret: a public client is refused */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), NULL, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	token_form(form, sizeof form, code, NULL);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "invalid_client"));
	sbx_resp_free(&r);
	/* no PKCE with the client secret: the classic confidential flow */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), NULL, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	token_form(form, sizeof form, code, NULL);
	char secret[200];
	snprintf(secret, sizeof secret, "&client_secret=%s",
		 jstr(sb.info, "loket_client_secret"));
	strcat(form, secret);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 200);
	sbx_resp_free(&r);
}

static void code_single_use_and_expiry(void **state)
{
	char ch[64], code[128], form[1024];
	struct sbx_resp r;
	(void)state;
	sbx_pkce_challenge(VERIFIER, ch, sizeof ch);
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	token_form(form, sizeof form, code, VERIFIER);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 200);
	cJSON *o = cJSON_Parse(r.body);
	char access[128];
	snprintf(access, sizeof access, "%s", jstr(o, "access_token"));
	cJSON_Delete(o);
	sbx_resp_free(&r);
	struct sbx_resp a;
	sbx_loket_get(&sb, access, "2018-01-01", "/providers/employers", &a);
	assert_int_equal(a.status, 200);
	sbx_resp_free(&a);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.body, "{\"error\":\"invalid_grant\"}");
	sbx_resp_free(&r);
	/* the replay also withdrew the tokens the code bought */
	sbx_loket_get(&sb, access, "2018-01-01", "/providers/employers", &a);
	assert_int_equal(a.status, 401);
	sbx_resp_free(&a);
	/* a code older than its lifetime (60 s; 1 s here) is refused */
	assert_int_equal(kp_test_sandbox_control(&sb, "/settings", "{\"code_ttl\":1}"), 200);
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	sleep(2);
	token_form(form, sizeof form, code, VERIFIER);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "invalid_grant"));
	sbx_resp_free(&r);
	/* the redirect_uri must match the one of the authorization */
	assert_int_equal(sbx_loket_consent(&sb, "demo", sbx_loket_password(&sb, "demo"), ch, 1,
					   REDIRECT, code, sizeof code, NULL, 0), 0);
	snprintf(form, sizeof form,
		 "grant_type=authorization_code&code=%s&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A1%%2F"
		 "&client_id=%s&code_verifier=" VERIFIER, code, sb.ep.loket_client_id);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	sbx_resp_free(&r);
}

static void refresh_rotation_and_client_errors(void **state)
{
	char access[128], refresh[128], form[1024];
	struct sbx_resp r;
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	snprintf(form, sizeof form, "grant_type=refresh_token&refresh_token=%s&client_id=%s", refresh,
		 sb.ep.loket_client_id);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 200);
	cJSON *o = cJSON_Parse(r.body);
	char newer[128];
	snprintf(newer, sizeof newer, "%s", jstr(o, "refresh_token"));
	assert_string_not_equal(newer, refresh);
	cJSON_Delete(o);
	sbx_resp_free(&r);
	/* the old refresh token stopped working */
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.body, "{\"error\":\"invalid_grant\"}");
	sbx_resp_free(&r);
	/* wrong secret → invalid_client (401) */
	snprintf(form, sizeof form,
		 "grant_type=refresh_token&refresh_token=%s&client_id=%s&client_secret=nope", newer,
		 sb.ep.loket_client_id);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 401);
	assert_string_equal(r.body, "{\"error\":\"invalid_client\"}");
	sbx_resp_free(&r);
	/* unknown client */
	snprintf(form, sizeof form, "grant_type=refresh_token&refresh_token=%s&client_id=x", newer);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 401);
	sbx_resp_free(&r);
	/* unknown grant type */
	snprintf(form, sizeof form, "grant_type=password&client_id=%s", sb.ep.loket_client_id);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "unsupported_grant_type"));
	sbx_resp_free(&r);
	/* revoke every refresh token through the control API */
	assert_int_equal(kp_test_sandbox_control(&sb, "/revoke-refresh-tokens", "{}"), 200);
	snprintf(form, sizeof form, "grant_type=refresh_token&refresh_token=%s&client_id=%s", newer,
		 sb.ep.loket_client_id);
	sbx_loket_token(&sb, form, &r);
	assert_int_equal(r.status, 400);
	sbx_resp_free(&r);
}

static cJSON *api(const char *token, const char *version, const char *path, long want)
{
	struct sbx_resp r;
	assert_int_equal(sbx_loket_get(&sb, token, version, path, &r), CURLE_OK);
	if (r.status != want)
		fail_msg("%s: status %ld, want %ld: %s", path, r.status, want, r.body);
	cJSON *o = r.len ? cJSON_Parse(r.body) : cJSON_CreateNull();
	sbx_resp_free(&r);
	assert_non_null(o);
	return o;
}

static void employer_ids(const char *token, char ids[3][40])
{
	cJSON *o = api(token, "2018-01-01", "/providers/employers", 200);
	cJSON *e;
	int i = 0;
	assert_int_equal(cJSON_GetObjectItem(o, "totalSize")->valueint, 3);
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "_embedded"))
	{
		assert_int_equal(strlen(jstr(e, "id")), 36);
		assert_true(cJSON_IsNumber(cJSON_GetObjectItem(e, "employerNumber")));
		assert_true(strlen(jstr(e, "companyName")) > 0);
		/* one main entity, two underlying ones linked to it */
		cJSON *parent = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "providerSettings"),
						    "parentEmployerForConsolidatedOverviews");
		if (i == 0)
			assert_true(cJSON_IsNull(parent));
		else
			assert_int_equal(parent->valueint, 20720);
		snprintf(ids[i++], 40, "%s", jstr(e, "id"));
	}
	assert_int_equal(i, 3);
	cJSON_Delete(o);
}

static void every_route_for_demo(void **state)
{
	char access[128], refresh[128], ids[3][40], path[512];
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	employer_ids(access, ids);
	for (int e = 0; e < 3; e++) {
		snprintf(path, sizeof path, "/providers/employers/%s", ids[e]);
		cJSON *o = api(access, "2018-01-01", path, 200);
		assert_string_equal(jstr(cJSON_GetObjectItem(o, "content"), "id"), ids[e]);
		cJSON_Delete(o);
		snprintf(path, sizeof path, "/providers/employers/%s/employees/employments?pageSize=5", ids[e]);
		o = api(access, "2019-12-16", path, 200);
		cJSON *emp = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
		char employment[40], employee[40];
		snprintf(employment, sizeof employment, "%s", jstr(emp, "id"));
		snprintf(employee, sizeof employee, "%s", jstr(cJSON_GetObjectItem(emp, "employee"), "id"));
		assert_true(strlen(jstr(emp, "startDate")) == 10);
		cJSON_Delete(o);
		const char *lists[] = { "/providers/employers/%s/employees",
					"/providers/employers/%s/employees/citizenservicenumbers",
					"/providers/employers/%s/authorizations" };
		for (int k = 0; k < 3; k++) {
			snprintf(path, sizeof path, lists[k], ids[e]);
			o = api(access, "2030-01-01", path, 200);
			assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(o, "_embedded")) > 0);
			cJSON_Delete(o);
		}
		const char *per_employment[] = { "wages", "payrollperioddata",
						 "payrollperiodresults/year/2025" };
		for (int k = 0; k < 3; k++) {
			snprintf(path, sizeof path, "/providers/employers/employees/employments/%s/%s",
				 employment, per_employment[k]);
			o = api(access, "2018-01-01", path, 200);
			assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(o, "_embedded")) > 0);
			cJSON_Delete(o);
		}
		snprintf(path, sizeof path, "/providers/employers/employees/%s/partners", employee);
		o = api(access, "2018-01-01", path, 200);
		assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "_embedded")), 1);
		cJSON_Delete(o);
		snprintf(path, sizeof path, "/providers/employers/employees/%s/citizenservicenumber", employee);
		o = api(access, "2018-01-01", path, 200);
		assert_true(cJSON_IsString(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "content"),
							       "citizenServiceNumber")));
		cJSON_Delete(o);
		/* payslips are for the Loket.nl application only */
		snprintf(path, sizeof path, "/providers/employers/employees/employments/%s/payslips", employment);
		cJSON_Delete(api(access, "2018-01-01", path, 403));
	}
}

static void paging_envelope_and_bsn_keys(void **state)
{
	char access[128], refresh[128], ids[3][40], path[512];
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	employer_ids(access, ids);
	int page = 1, seen = 0, pages = 0;
	for (;;) {
		snprintf(path, sizeof path,
			 "/providers/employers/%s/employees/citizenservicenumbers?pageSize=25&pageNumber=%d",
			 ids[0], page);
		cJSON *o = api(access, "2018-01-01", path, 200);
		assert_int_equal(cJSON_GetObjectItem(o, "totalSize")->valueint, 60);
		assert_int_equal(cJSON_GetObjectItem(o, "pageSize")->valueint, 25);
		assert_int_equal(cJSON_GetObjectItem(o, "currentPage")->valueint, page);
		pages = cJSON_GetObjectItem(o, "totalPages")->valueint;
		cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(o, "_embedded"))
		{
			assert_int_equal(strlen(jstr(it, "employmentId")), 36);
			cJSON *b = cJSON_GetObjectItem(cJSON_GetObjectItem(it, "citizenServiceNumber"),
						       "citizenServiceNumber");
			assert_true(cJSON_IsString(b) || cJSON_IsNull(b));
			seen++;
		}
		assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "version"), "obsoleteDate")));
		assert_true(cJSON_IsArray(cJSON_GetObjectItem(o, "messages")));
		cJSON_Delete(o);
		if (page == pages)
			break;
		page++;
	}
	assert_int_equal(pages, 3);
	assert_int_equal(seen, 60);
	/* pageSize is capped at 250 */
	snprintf(path, sizeof path, "/providers/employers/%s/employees?pageSize=1000", ids[0]);
	cJSON *o = api(access, "2021-03-29", path, 200);
	assert_int_equal(cJSON_GetObjectItem(o, "pageSize")->valueint, 250);
	cJSON_Delete(o);
}

static void accept_version_rules(void **state)
{
	char access[128], refresh[128], ids[3][40], path[512];
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	employer_ids(access, ids);
	snprintf(path, sizeof path, "/providers/employers/%s/employees", ids[1]);
	cJSON *o = api(access, "2020-06-01", path, 200);
	assert_string_equal(jstr(cJSON_GetObjectItem(o, "version"), "resourceVersion"), "2018-12-31");
	cJSON_Delete(o);
	o = api(access, "2024-01-01", path, 200);
	assert_string_equal(jstr(cJSON_GetObjectItem(o, "version"), "resourceVersion"), "2021-03-29");
	cJSON_Delete(o);
	/* no version at all → 400 with a BrokenBusinessRule message */
	o = api(access, NULL, path, 400);
	cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "messages"), 0);
	assert_string_equal(jstr(m, "type"), "BrokenBusinessRule");
	assert_int_equal(cJSON_GetObjectItem(m, "code")->valueint, 83);
	cJSON_Delete(o);
	/* before the first version of the resource → 400 */
	snprintf(path, sizeof path, "/providers/employers/%s/employees/employments", ids[1]);
	cJSON_Delete(api(access, "2019-01-01", path, 400));
	/* authorizations: 2019-02-11 gives {id, description}, 2018-01-01 {name} */
	snprintf(path, sizeof path, "/providers/employers/%s/authorizations", ids[1]);
	o = api(access, "2019-02-11", path, 200);
	cJSON *a = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
	assert_true(strlen(jstr(a, "id")) == 36 && strlen(jstr(a, "description")) > 0);
	cJSON_Delete(o);
	o = api(access, "2018-06-01", path, 200);
	a = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
	assert_true(strlen(jstr(a, "name")) > 0);
	assert_null(cJSON_GetObjectItem(a, "id"));
	cJSON_Delete(o);
}

static void unauthorized_bodies(void **state)
{
	char access[128], refresh[128];
	(void)state;
	cJSON *o = api(NULL, "2018-01-01", "/providers/employers", 401);
	assert_string_equal(jstr(o, "message"), "Authorization has been denied for this request.");
	cJSON_Delete(o);
	cJSON_Delete(api("bogus", "2018-01-01", "/providers/employers", 401));
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	cJSON_Delete(api(access, "2018-01-01", "/providers/employers", 200));
	/* expire every access token: the same token now gets 401 */
	assert_int_equal(kp_test_sandbox_control(&sb, "/expire-access-tokens", "{}"), 200);
	cJSON_Delete(api(access, "2018-01-01", "/providers/employers", 401));
	/* a short lifetime set through the control API shows in expires_in and expires */
	assert_int_equal(kp_test_sandbox_control(&sb, "/settings", "{\"access_token_ttl\":1}"), 200);
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	sleep(2);
	cJSON_Delete(api(access, "2018-01-01", "/providers/employers", 401));
	/* an unknown employer GUID */
	assert_int_equal(kp_test_sandbox_control(&sb, "/reset", "{}"), 200);
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	cJSON_Delete(api(access, "2021-03-29",
			 "/providers/employers/b14acd0d-75d7-4fc8-8b22-4a3924585cab/employees", 403));
	cJSON_Delete(api(access, "2018-01-01", "/providers/nothing", 404));
}

static int has_activity(cJSON *list, const char *name)
{
	cJSON *a;
	cJSON_ArrayForEach(a, cJSON_GetObjectItem(list, "_embedded"))
		if (strcmp(jstr(a, "description"), name) == 0)
			return 1;
	return 0;
}

static void beperkt_lacks_two_rights_on_one_employer(void **state)
{
	char access[128], refresh[128], ids[3][40], path[512];
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "beperkt", access, sizeof access, refresh, sizeof refresh), 0);
	employer_ids(access, ids);
	for (int e = 0; e < 3; e++) {
		long want = e == 1 ? 403 : 200;
		snprintf(path, sizeof path, "/providers/employers/%s/employees/citizenservicenumbers", ids[e]);
		cJSON *o = api(access, "2018-01-01", path, want);
		if (want == 403)
			assert_non_null(strstr(jstr(o, "message"), "rechten"));
		cJSON_Delete(o);
		snprintf(path, sizeof path, "/providers/employers/%s/authorizations", ids[e]);
		o = api(access, "2019-02-11", path, 200);
		assert_int_equal(has_activity(o, "GetCitizenServiceNumbersByEmployerId"), e != 1);
		assert_int_equal(has_activity(o, "GetPayrollPeriodResultsByEmploymentIdAndYear"), e != 1);
		assert_true(has_activity(o, "GetWagesByEmploymentId"));
		cJSON_Delete(o);
		snprintf(path, sizeof path, "/providers/employers/%s/employees/employments?pageSize=1", ids[e]);
		o = api(access, "2019-12-16", path, 200);
		cJSON *emp = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
		char employment[40], employee[40];
		snprintf(employment, sizeof employment, "%s", jstr(emp, "id"));
		snprintf(employee, sizeof employee, "%s", jstr(cJSON_GetObjectItem(emp, "employee"), "id"));
		cJSON_Delete(o);
		snprintf(path, sizeof path,
			 "/providers/employers/employees/employments/%s/payrollperiodresults/year/2025", employment);
		cJSON_Delete(api(access, "2018-01-01", path, want));
		snprintf(path, sizeof path, "/providers/employers/employees/%s/citizenservicenumber", employee);
		cJSON_Delete(api(access, "2018-01-01", path, want));
		snprintf(path, sizeof path, "/providers/employers/employees/employments/%s/wages", employment);
		cJSON_Delete(api(access, "2018-01-01", path, 200));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(pages_are_dutch_forms, reset),
		cmocka_unit_test_setup(unknown_client_or_redirect_not_redirected, reset),
		cmocka_unit_test_setup(refusal_redirects_access_denied, reset),
		cmocka_unit_test_setup(pkce_right_wrong_missing, reset),
		cmocka_unit_test_setup(code_single_use_and_expiry, reset),
		cmocka_unit_test_setup(refresh_rotation_and_client_errors, reset),
		cmocka_unit_test_setup(every_route_for_demo, reset),
		cmocka_unit_test_setup(paging_envelope_and_bsn_keys, reset),
		cmocka_unit_test_setup(accept_version_rules, reset),
		cmocka_unit_test_setup(unauthorized_bodies, reset),
		cmocka_unit_test_setup(beperkt_lacks_two_rights_on_one_employer, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
