/* test_sandbox_gcn.c — the sandbox's demo connector ZIPs read back with the
 * project's own readers (kp_connector_zip_open / kp_gcn_parse): the right
 * format versions, ids, and aliases equal to the fields /metainfo/get
 * serves; and the outer element layout equal to AFAS' real files in
 * shared/reference/afas (via KOPPEL_SHARED). */
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

#include "koppel/connector_zip.h"
#include "koppel/gcn.h"
#include "sbx_client.h"

static struct kp_test_sandbox sb;

static int setup(void **state)
{
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return kp_test_sandbox_start(&sb, NULL);
}

static int teardown(void **state)
{
	(void)state;
	kp_test_sandbox_stop(&sb);
	return 0;
}

static const char *info(const char *key)
{
	cJSON *v = cJSON_GetObjectItem(sb.info, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void check_zip(const char *path, int version, const char *folder)
{
	struct kp_connector_zip z;
	struct kp_error err = { 0 };
	enum kp_czip_problem problem;
	const char *ids[] = { "BP_Medewerkers", "BP_Dienstverbanden", "BP_Salarissen", "BP_Werkgever" };
	if (kp_connector_zip_open(path, &z, &problem, &err) != KP_OK)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(z.n, 4);
	for (size_t i = 0; i < 4; i++) {
		const struct kp_czip_entry *e = kp_connector_zip_find(&z, ids[i]);
		assert_non_null(e);
		assert_int_equal(e->gcn.version, version);
		assert_int_equal(strncmp(e->name, folder, strlen(folder)), 0);
		assert_int_equal(strlen(e->gcn.guid), 32);
		assert_true(strncmp(e->gcn.description, "Benefits-Plaza - ", 17) == 0);
		assert_true(strcmp(e->gcn.product, "Hrm") == 0 || strcmp(e->gcn.product, "Pay") == 0);
		/* parse the bytes again on their own */
		struct kp_gcn g;
		assert_int_equal(kp_gcn_parse(e->data, e->len, &g, &err), KP_OK);
		assert_string_equal(g.connector_id, ids[i]);
		kp_gcn_free(&g);
		/* the aliases are what /metainfo/get reports (and the row keys) */
		char p[128];
		struct sbx_resp r;
		snprintf(p, sizeof p, "/metainfo/get/%s", ids[i]);
		sbx_afas_get(&sb, "12345", p, &r);
		assert_int_equal(r.status, 200);
		cJSON *m = cJSON_Parse(r.body);
		sbx_resp_free(&r);
		cJSON *fields = cJSON_GetObjectItem(m, "fields");
		assert_int_equal((size_t)cJSON_GetArraySize(fields), e->gcn.n_fields);
		for (size_t f = 0; f < e->gcn.n_fields; f++) {
			cJSON *mf = cJSON_GetArrayItem(fields, (int)f);
			assert_string_equal(e->gcn.fields[f].alias, cJSON_GetObjectItem(mf, "id")->valuestring);
			assert_string_equal(e->gcn.fields[f].field_id,
					    cJSON_GetObjectItem(mf, "fieldId")->valuestring);
		}
		cJSON_Delete(m);
	}
	kp_connector_zip_free(&z);
}

static void format8_zip_reads_back(void **state)
{
	(void)state;
	check_zip(info("afas_zip"), 8, "BP_");
}

static void format7_zip_reads_back(void **state)
{
	(void)state;
	check_zip(info("afas_zip_v7"), 7, "GetConnectoren Benefits-Plaza (formaat 7)/");
}

/* The outer element tags, e.g. "3,8,3,8,7,7,3,3,8,8,8,8,8,b,2011,8". */
static void tag_sequence(const unsigned char *d, size_t len, char *out, size_t outlen)
{
	size_t p = 12, o = 0;
	int32_t count;
	out[0] = '\0';
	assert_true(len > 12 && d[0] == 0x0C && d[1] == 0x20);
	memcpy(&count, d + 4, 4);
	for (int32_t i = 0; i < count && p + 2 <= len; i++) {
		unsigned tag = (unsigned)(d[p] | d[p + 1] << 8);
		p += 2;
		o += (size_t)snprintf(out + o, outlen - o, "%s%x", i ? "," : "", tag);
		switch (tag) {
		case 3: p += 4; break;
		case 7: p += 8; break;
		case 0xB: p += 2; break;
		case 8: p += 2 + (size_t)(d[p] | d[p + 1] << 8); break;
		case 0x2011: {
			int32_t n;
			memcpy(&n, d + p + 2, 4);
			p += 10 + (size_t)n;
			break;
		}
		default: fail_msg("unknown tag %x", tag);
		}
	}
	assert_int_equal(p, len); /* nothing left over */
}

static void same_layout_as_real_files(void **state)
{
	const char *shared = getenv("KOPPEL_SHARED");
	char path[1024], mine[256], real[256];
	struct kp_connector_zip ours, theirs;
	struct kp_error err = { 0 };
	(void)state;
	if (!kp_test_have_reference())
		skip();
	/* version 8: AFAS' own ZIP */
	snprintf(path, sizeof path, "%s/reference/afas/GetConnectoren_La_Sa_en.zip", shared);
	assert_int_equal(kp_connector_zip_open(path, &theirs, NULL, &err), KP_OK);
	assert_int_equal(kp_connector_zip_open(info("afas_zip"), &ours, NULL, &err), KP_OK);
	tag_sequence(theirs.items[0].data, theirs.items[0].len, real, sizeof real);
	for (size_t i = 0; i < ours.n; i++) {
		tag_sequence(ours.items[i].data, ours.items[i].len, mine, sizeof mine);
		assert_string_equal(mine, real);
	}
	kp_connector_zip_free(&theirs);
	kp_connector_zip_free(&ours);
	/* version 7: a public sample file */
	snprintf(path, sizeof path, "%s/reference/afas/t4e-v7/T4E_HelloID_Groups_v2.gcn", shared);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static unsigned char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	tag_sequence(buf, n, real, sizeof real);
	assert_int_equal(kp_connector_zip_open(info("afas_zip_v7"), &ours, NULL, &err), KP_OK);
	for (size_t i = 0; i < ours.n; i++) {
		tag_sequence(ours.items[i].data, ours.items[i].len, mine, sizeof mine);
		assert_string_equal(mine, real);
	}
	kp_connector_zip_free(&ours);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format8_zip_reads_back),
		cmocka_unit_test(format7_zip_reads_back),
		cmocka_unit_test(same_layout_as_real_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
