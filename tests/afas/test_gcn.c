/* test_gcn.c — the .gcn reader on every real file in shared/reference/afas
 * (the loose version 7 files and the version 8 files inside both ZIPs),
 * and on damaged copies of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../support/reference.h"
#include <zip.h>

#include "koppel/connector_zip.h"
#include "koppel/gcn.h"
#include "gcn_expected.h"

#define N_EXPECTED (sizeof gcn_expected / sizeof gcn_expected[0])

static char *ref_path(const char *rel)
{
	const char *shared = getenv("KOPPEL_SHARED");
	char *p = malloc(4096);

	snprintf(p, 4096, "%s/reference/afas/%s", shared ? shared : "../shared", rel);
	return p;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The bytes of one expected file: loose, or an entry of a reference ZIP. */
static unsigned char *expected_bytes(const struct gcn_expect *e, size_t *len)
{
	char *p = ref_path(e->file);
	unsigned char *buf;

	if (!e->entry) {
		buf = slurp(p, len);
	} else {
		int ze;
		zip_t *za = zip_open(p, ZIP_RDONLY, &ze);
		zip_stat_t st;
		zip_file_t *zf;

		assert_non_null(za);
		assert_int_equal(zip_stat(za, e->entry, 0, &st), 0);
		buf = malloc(st.size);
		zf = zip_fopen(za, e->entry, 0);
		assert_non_null(zf);
		assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
		zip_fclose(zf);
		zip_discard(za);
		*len = st.size;
	}
	free(p);
	return buf;
}

static void check(const struct kp_gcn *g, const struct gcn_expect *e)
{
	assert_int_equal(g->version, e->version);
	assert_string_equal(g->guid, e->guid);
	assert_string_equal(g->description, e->description);
	assert_string_equal(g->product, e->product);
	assert_string_equal(g->connector_id, e->connector_id);
	assert_int_equal(g->n_fields, e->n_fields);
	for (size_t i = 0; i < e->n_fields; i++) {
		assert_string_equal(g->fields[i].field_id, e->pairs[2 * i]);
		assert_string_equal(g->fields[i].alias, e->pairs[2 * i + 1]);
	}
}

static void test_every_reference_gcn(void **s)
{
	(void)s;
	assert_int_equal(N_EXPECTED, 12);
	for (size_t i = 0; i < N_EXPECTED; i++) {
		size_t len;
		unsigned char *d = expected_bytes(&gcn_expected[i], &len);
		struct kp_gcn g;
		struct kp_error err = {0};

		print_message("%s %s\n", gcn_expected[i].file,
			      gcn_expected[i].entry ? gcn_expected[i].entry : "");
		assert_int_equal(kp_gcn_parse(d, len, &g, &err), KP_OK);
		check(&g, &gcn_expected[i]);
		kp_gcn_free(&g);
		free(d);
	}
}

/* The facts api-facts.md states, asserted independently of the table. */
static void test_documented_facts(void **s)
{
	size_t len;
	char *p = ref_path("t4e-v7/T4E_HelloID_Users_v2.gcn");
	unsigned char *d = slurp(p, &len);
	struct kp_gcn g;

	(void)s;
	assert_int_equal(kp_gcn_parse(d, len, &g, NULL), KP_OK);
	assert_int_equal(g.version, 7);
	assert_string_equal(g.connector_id, "T4E_HelloID_Users_v2");
	assert_string_equal(g.description, "Tools4ever - HelloID - T4E_HelloID_Users_v2");
	assert_int_equal(g.n_fields, 25);
	assert_string_equal(g.fields[0].alias, "Medewerker");
	assert_string_equal(g.fields[1].alias, "Gebruiker");
	assert_string_equal(g.fields[2].alias, "Persoonsnummer");
	kp_gcn_free(&g);
	free(d);
	free(p);
}

/* The ZIP reader gives the same connectors, in ZIP order. */
static void test_reference_zips(void **s)
{
	static const char *const zips[] = {"GetConnectoren_La_Sa.zip",
					   "GetConnectoren_La_Sa_en.zip"};

	(void)s;
	for (size_t z = 0; z < 2; z++) {
		char *p = ref_path(zips[z]);
		struct kp_connector_zip cz;
		struct kp_error err = {0};
		size_t k = 0;

		assert_int_equal(kp_connector_zip_open(p, &cz, NULL, &err), KP_OK);
		assert_int_equal(cz.n, 3);
		assert_int_equal(cz.n_ignored, 0);
		for (size_t i = 0; i < N_EXPECTED; i++) {
			if (!gcn_expected[i].entry || strcmp(gcn_expected[i].file, zips[z]) != 0)
				continue;
			assert_string_equal(cz.items[k].name, gcn_expected[i].entry);
			check(&cz.items[k].gcn, &gcn_expected[i]);
			k++;
		}
		assert_int_equal(k, 3);
		assert_non_null(kp_connector_zip_find(&cz, "SH_AUDIT_Plannen"));
		assert_null(kp_connector_zip_find(&cz, "SH_AUDIT_Nope"));
		kp_connector_zip_free(&cz);
		free(p);
	}
}

/* Every truncation of a real file fails cleanly (no crash, a message). */
static void test_truncated_and_damaged(void **s)
{
	(void)s;
	for (size_t i = 0; i < N_EXPECTED; i += 6) {
		size_t len;
		unsigned char *d = expected_bytes(&gcn_expected[i], &len);
		for (size_t cut = 0; cut < len; cut += (cut < 300 ? 1 : 97)) {
			struct kp_gcn g;
			struct kp_error err = {0};
			assert_int_not_equal(kp_gcn_parse(d, cut, &g, &err), KP_OK);
			assert_int_equal(err.code, KP_ERR_PARSE);
			assert_true(err.msg[0] != '\0');
		}
		/* Flip the format version to 9. */
		{
			struct kp_gcn g;
			struct kp_error err = {0};
			d[14] = 9;
			assert_int_equal(kp_gcn_parse(d, len, &g, &err), KP_ERR_PARSE);
			assert_non_null(strstr(err.msg, "9"));
		}
		free(d);
	}
	{
		struct kp_gcn g;
		const unsigned char junk[] = "PK\x03\x04 this is not a gcn";
		assert_int_equal(kp_gcn_parse(junk, sizeof junk, &g, NULL), KP_ERR_PARSE);
	}
}

/* Damaged files never crash the reader (run under ASan in tools/test):
 * deterministic byte flips in every reference file, parsed each time. */
static void test_flipped_bytes(void **s)
{
	unsigned long seed = 12345;

	(void)s;
	for (size_t i = 0; i < N_EXPECTED; i++) {
		size_t len;
		unsigned char *d = expected_bytes(&gcn_expected[i], &len);
		for (int round = 0; round < 300; round++) {
			unsigned char *c = malloc(len);
			struct kp_gcn g;
			memcpy(c, d, len);
			for (int k = 0; k < 4; k++) {
				seed = seed * 6364136223846793005ul + 1442695040888963407ul;
				c[(seed >> 33) % len] ^= (unsigned char)(1u << ((seed >> 20) & 7));
			}
			if (kp_gcn_parse(c, len, &g, NULL) == KP_OK)
				kp_gcn_free(&g);
			free(c);
		}
		free(d);
	}
}

int main(void)
{
	if (!kp_test_have_reference())
		return KP_TEST_SKIP;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_reference_gcn),
	    cmocka_unit_test(test_documented_facts),
	    cmocka_unit_test(test_reference_zips),
	    cmocka_unit_test(test_truncated_and_damaged),
	    cmocka_unit_test(test_flipped_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
