/* test_sandbox_conformance.c — the sandbox answers in the shapes of the
 * reference specifications (KOPPEL_SHARED/reference): every Loket.nl
 * response used by koppel has the envelope fields, the fields koppel reads,
 * and no field the specification does not name (loket-openapi-subset.json);
 * the AFAS responses have exactly the keys of profit-openapi-inrichting.json. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../support/reference.h"
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbx_client.h"

static struct kp_test_sandbox sb;
static cJSON *loket_spec, *afas_spec;
static char token[128];

static cJSON *load(const char *rel)
{
	char path[1024];
	const char *shared = getenv("KOPPEL_SHARED");
	if (!shared)
		return NULL;
	snprintf(path, sizeof path, "%s/reference/%s", shared, rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	size_t got = fread(buf, 1, (size_t)n, f);
	buf[got] = '\0';
	fclose(f);
	cJSON *o = cJSON_Parse(buf);
	free(buf);
	return o;
}

static int setup(void **state)
{
	char refresh[128];
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	loket_spec = load("loket/loket-openapi-subset.json");
	afas_spec = load("afas/profit-openapi-inrichting.json");
	if (!loket_spec || !afas_spec) {
		fprintf(stderr, "reference files not found under KOPPEL_SHARED\n");
		return -1;
	}
	if (kp_test_sandbox_start(&sb, NULL) != 0)
		return -1;
	return sbx_loket_login(&sb, "demo", token, sizeof token, refresh, sizeof refresh);
}

static int teardown(void **state)
{
	(void)state;
	kp_test_sandbox_stop(&sb);
	cJSON_Delete(loket_spec);
	cJSON_Delete(afas_spec);
	return 0;
}

/* ---- schema helpers ---- */

static cJSON *resolve(cJSON *spec, cJSON *schema)
{
	for (int depth = 0; schema && depth < 20; depth++) {
		cJSON *ref = cJSON_GetObjectItem(schema, "$ref");
		if (!cJSON_IsString(ref) || cJSON_GetObjectItem(schema, "properties"))
			return schema;
		/* "#/components/schemas/name" */
		const char *p = ref->valuestring + 2;
		cJSON *node = spec;
		char part[256];
		while (*p && node) {
			size_t n = strcspn(p, "/");
			snprintf(part, sizeof part, "%.*s", (int)n, p);
			node = cJSON_GetObjectItem(node, part);
			p += n;
			if (*p == '/')
				p++;
		}
		schema = node;
	}
	return schema;
}

/* Union of the properties of schema (through $ref, allOf, oneOf, anyOf)
 * into props. Returns 1 when the schema is open (a stub, or no properties
 * anywhere): then nothing can be checked. */
static int collect(cJSON *spec, cJSON *schema, cJSON *props)
{
	schema = resolve(spec, schema);
	if (!schema)
		return 1;
	if (cJSON_IsTrue(cJSON_GetObjectItem(schema, "x-subset-stub")))
		return 1;
	int open = 1;
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(schema, "properties"))
	{
		if (!cJSON_GetObjectItem(props, p->string))
			cJSON_AddItemReferenceToObject(props, p->string, p);
		open = 0;
	}
	const char *combos[] = { "allOf", "oneOf", "anyOf" };
	for (int k = 0; k < 3; k++) {
		cJSON *sub;
		cJSON_ArrayForEach(sub, cJSON_GetObjectItem(schema, combos[k]))
			if (!collect(spec, sub, props))
				open = 0;
			else if (cJSON_IsTrue(cJSON_GetObjectItem(resolve(spec, sub), "x-subset-stub")))
				return 1;
	}
	if (cJSON_GetObjectItem(schema, "$ref") && !cJSON_GetObjectItem(schema, "properties"))
		open = collect(spec, schema, props) && open;
	return open;
}

static int checked_keys; /* proof that the checker looked at something */

/* Every key of instance is named by schema, recursively. strict: and every
 * named key is present. Returns the number of violations (printed). */
static int violations(cJSON *spec, cJSON *schema, cJSON *instance, const char *where, int strict)
{
	int bad = 0;
	cJSON *props = cJSON_CreateObject();
	int open = collect(spec, schema, props);
	if (open || !cJSON_IsObject(instance)) {
		cJSON_Delete(props);
		return 0;
	}
	cJSON *v;
	cJSON_ArrayForEach(v, instance)
	{
		cJSON *ps = cJSON_GetObjectItem(props, v->string);
		checked_keys++;
		if (!ps) {
			fprintf(stderr, "%s: field '%s' is not in the specification\n", where, v->string);
			bad++;
			continue;
		}
		char sub[512];
		snprintf(sub, sizeof sub, "%s.%s", where, v->string);
		if (cJSON_IsObject(v)) {
			bad += violations(spec, ps, v, sub, strict);
		} else if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
			cJSON *items = cJSON_GetObjectItem(resolve(spec, ps), "items");
			if (items)
				bad += violations(spec, items, cJSON_GetArrayItem(v, 0), sub, strict);
		}
	}
	if (strict) {
		cJSON_ArrayForEach(v, props)
			if (!cJSON_GetObjectItem(instance, v->string)) {
				fprintf(stderr, "%s: field '%s' of the specification is missing\n", where,
					v->string);
				bad++;
			}
	}
	cJSON_Delete(props);
	return bad;
}

static void conforms(cJSON *spec, cJSON *schema, cJSON *instance, const char *where, int strict)
{
	int before = checked_keys;
	assert_int_equal(violations(spec, schema, instance, where, strict), 0);
	if (checked_keys == before)
		fail_msg("%s: nothing was checked (schema not resolved?)", where);
}

static cJSON *response_schema(cJSON *spec, const char *path, const char *status, const char *ctype)
{
	cJSON *op = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(spec, "paths"), path), "get");
	assert_non_null(op);
	cJSON *resp = resolve(spec, cJSON_GetObjectItem(cJSON_GetObjectItem(op, "responses"), status));
	if (cJSON_GetObjectItem(resp, "$ref"))
		resp = resolve(spec, resp);
	cJSON *content = cJSON_GetObjectItem(resp, "content");
	cJSON *media = cJSON_GetObjectItem(content, ctype);
	assert_non_null(media);
	return cJSON_GetObjectItem(media, "schema");
}

/* ---- Loket ---- */

static cJSON *loket(const char *version, const char *path)
{
	struct sbx_resp r;
	sbx_loket_get(&sb, token, version, path, &r);
	if (r.status != 200)
		fail_msg("%s: %ld %s", path, r.status, r.body);
	cJSON *o = cJSON_Parse(r.body);
	sbx_resp_free(&r);
	assert_non_null(o);
	return o;
}

static void loket_check(const char *spec_path, const char *version, const char *path,
			const char *const *must)
{
	char ctype[64];
	snprintf(ctype, sizeof ctype, "application/json;version=%s", version);
	cJSON *schema = response_schema(loket_spec, spec_path, "200", ctype);
	cJSON *o = loket(version, path);
	/* envelope: every field the specification names is there */
	cJSON *props = cJSON_CreateObject();
	collect(loket_spec, schema, props);
	cJSON *p;
	cJSON_ArrayForEach(p, props)
		if (!cJSON_GetObjectItem(o, p->string))
			fail_msg("%s: envelope field '%s' missing", spec_path, p->string);
	cJSON_Delete(props);
	conforms(loket_spec, schema, o, spec_path, 0);
	/* the checker itself: an invented or misplaced field is caught */
	cJSON *item0 = cJSON_GetObjectItem(o, "content");
	if (!item0)
		item0 = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
	cJSON_AddStringToObject(item0, "inventedField", "x");
	assert_int_equal(violations(loket_spec, schema, o, spec_path, 0), 1);
	cJSON_DeleteItemFromObject(item0, "inventedField");
	/* the fields koppel reads */
	cJSON *item = cJSON_GetObjectItem(o, "content");
	if (!item)
		item = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
	assert_non_null(item);
	for (size_t i = 0; must && must[i]; i++)
		if (!cJSON_GetObjectItem(item, must[i]))
			fail_msg("%s: field '%s' missing", spec_path, must[i]);
	cJSON_Delete(o);
}

static void loket_responses_match_the_specification(void **state)
{
	char p[512], employer[40], employment[40], employee[40];
	(void)state;
	cJSON *o = loket("2018-01-01", "/providers/employers");
	snprintf(employer, sizeof employer, "%s",
		 cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0), "id")->valuestring);
	cJSON_Delete(o);
	snprintf(p, sizeof p, "/providers/employers/%s/employees/employments", employer);
	o = loket("2019-12-16", p);
	cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 0);
	snprintf(employment, sizeof employment, "%s", cJSON_GetObjectItem(e, "id")->valuestring);
	snprintf(employee, sizeof employee, "%s",
		 cJSON_GetObjectItem(cJSON_GetObjectItem(e, "employee"), "id")->valuestring);
	cJSON_Delete(o);

	const char *employer_must[] = { "id", "employerNumber", "companyName", NULL };
	loket_check("/v2/providers/employers", "2018-01-01", "/providers/employers", employer_must);
	snprintf(p, sizeof p, "/providers/employers/%s", employer);
	loket_check("/v2/providers/employers/{employerId}", "2018-01-01", p, employer_must);
	const char *employee_must[] = { "id", "employeeNumber", "personalDetails", NULL };
	snprintf(p, sizeof p, "/providers/employers/%s/employees", employer);
	loket_check("/v2/providers/employers/{employerId}/employees", "2021-03-29", p, employee_must);
	loket_check("/v2/providers/employers/{employerId}/employees", "2018-12-31", p, employee_must);
	const char *bsn_must[] = { "employmentId", "citizenServiceNumber", NULL };
	snprintf(p, sizeof p, "/providers/employers/%s/employees/citizenservicenumbers", employer);
	loket_check("/v2/providers/employers/{employerId}/employees/citizenservicenumbers", "2018-01-01",
		    p, bsn_must);
	const char *one_bsn_must[] = { "citizenServiceNumber", NULL };
	snprintf(p, sizeof p, "/providers/employers/employees/%s/citizenservicenumber", employee);
	loket_check("/v2/providers/employers/employees/{employeeId}/citizenservicenumber", "2018-01-01", p,
		    one_bsn_must);
	const char *employment_must[] = { "id", "startDate", "endDate", "employee", NULL };
	snprintf(p, sizeof p, "/providers/employers/%s/employees/employments", employer);
	loket_check("/v2/providers/employers/{employerId}/employees/employments", "2019-12-16", p,
		    employment_must);
	const char *wage_must[] = { "id", "startDate", "grossWage", NULL };
	snprintf(p, sizeof p, "/providers/employers/employees/employments/%s/wages", employment);
	loket_check("/v2/providers/employers/employees/employments/{employmentId}/wages", "2018-01-01", p,
		    wage_must);
	const char *ppd_must[] = { "id", "payrollPeriod", "payrollComponents", NULL };
	snprintf(p, sizeof p, "/providers/employers/employees/employments/%s/payrollperioddata", employment);
	loket_check("/v2/providers/employers/employees/employments/{employmentId}/payrollperioddata",
		    "2018-01-01", p, ppd_must);
	const char *auth_must[] = { "id", "description", NULL };
	snprintf(p, sizeof p, "/providers/employers/%s/authorizations", employer);
	loket_check("/v2/providers/employers/{employerId}/authorizations", "2019-02-11", p, auth_must);
	const char *auth_old_must[] = { "name", NULL };
	loket_check("/v2/providers/employers/{employerId}/authorizations", "2018-01-01", p, auth_old_must);
	const char *partner_must[] = { "id", "firstName", "lastName", NULL };
	snprintf(p, sizeof p, "/providers/employers/employees/%s/partners", employee);
	loket_check("/v2/providers/employers/employees/{employeeId}/partners", "2018-01-01", p,
		    partner_must);
}

/* ---- AFAS ---- */

static cJSON *afas(const char *path, long status)
{
	struct sbx_resp r;
	sbx_afas_get(&sb, "12345", path, &r);
	assert_int_equal(r.status, status);
	cJSON *o = cJSON_Parse(r.body);
	sbx_resp_free(&r);
	assert_non_null(o);
	return o;
}

static void afas_responses_match_the_specification(void **state)
{
	(void)state;
	cJSON *o = afas("/metainfo", 200);
	conforms(afas_spec, response_schema(afas_spec, "/MetaInfo", "200", "application/json"), o,
		 "/MetaInfo", 1);
	cJSON_Delete(o);
	o = afas("/metainfo/get/BP_Medewerkers", 200);
	conforms(afas_spec,
		 response_schema(afas_spec, "/Metainfo/{Type}/{Endpoint}", "200", "application/json"), o,
		 "/Metainfo/get", 1);
	cJSON_Delete(o);
	o = afas("/profitversion", 200);
	conforms(afas_spec, response_schema(afas_spec, "/ProfitVersion", "200", "application/json"), o,
		 "/ProfitVersion", 1);
	cJSON_Delete(o);
	/* rows: the envelope is fixed, the row keys are the connector's own */
	o = afas("/connectors/BP_Werkgever?skip=0&take=10", 200);
	cJSON *schema = response_schema(afas_spec, "/connectors/{Endpoint}", "200", "application/json");
	cJSON *props = cJSON_CreateObject();
	collect(afas_spec, schema, props);
	cJSON *p;
	cJSON_ArrayForEach(p, props)
		assert_non_null(cJSON_GetObjectItem(o, p->string));
	assert_int_equal(cJSON_GetArraySize(o), cJSON_GetArraySize(props));
	cJSON_Delete(props);
	cJSON_Delete(o);
	/* the error bodies */
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"afas.connectors\",\"status\":500}"), 200);
	o = afas("/connectors/BP_Werkgever", 500);
	conforms(afas_spec, response_schema(afas_spec, "/connectors/{Endpoint}", "500", "application/json"),
		 o, "500", 1);
	cJSON_Delete(o);
	assert_int_equal(kp_test_sandbox_control(&sb, "/fault", "{\"route\":\"afas.connectors\",\"status\":503}"), 200);
	o = afas("/connectors/BP_Werkgever", 503);
	cJSON *r503 = cJSON_GetObjectItem(cJSON_GetObjectItem(afas_spec, "components"), "responses");
	conforms(afas_spec,
		 cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(r503, "503"),
									     "content"), "application/json"), "schema"),
		 o, "503", 1);
	cJSON_Delete(o);
}

int main(void)
{
	if (!kp_test_have_reference())
		return KP_TEST_SKIP;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loket_responses_match_the_specification),
		cmocka_unit_test(afas_responses_match_the_specification),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
