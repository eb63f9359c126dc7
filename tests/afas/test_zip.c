/* test_zip.c — connector ZIP checks with hostile archives built here with
 * libzip: zip-slip, absolute path, symlink, bomb, encrypted, truncated,
 * not a ZIP, empty, no .gcn inside, too many entries; and a mailed-style
 * ZIP with folders, a README and __MACOSX junk; and safe extraction. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "../support/reference.h"
#include <zip.h>

#include "koppel/connector_zip.h"

static char tmpdir[256];
static unsigned char *real_gcn;
static size_t real_gcn_len;

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

static int setup(void **s)
{
	const char *shared = getenv("KOPPEL_SHARED");
	char p[4096];

	(void)s;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/koppel-test-zip-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(p, sizeof p, "%s/reference/afas/t4e-v7/T4E_HelloID_Groups_v2.gcn",
		 shared ? shared : "../shared");
	real_gcn = slurp(p, &real_gcn_len);
	return 0;
}

static int teardown(void **s)
{
	char cmd[512];

	(void)s;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	free(real_gcn);
	return system(cmd);
}

static char *tmp(const char *name)
{
	static char p[512];

	snprintf(p, sizeof p, "%s/%s", tmpdir, name);
	return p;
}

/* Build a ZIP at path: entries as name/data pairs; data NULL = real gcn. */
static zip_t *zip_new(const char *path)
{
	int ze;
	zip_t *za;

	unlink(path);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	return za;
}

static zip_int64_t zip_put(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t *src;
	zip_int64_t idx;

	if (!data) {
		data = real_gcn;
		len = real_gcn_len;
	}
	src = zip_source_buffer(za, data, len, 0);
	assert_non_null(src);
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	assert_true(idx >= 0);
	return idx;
}

static void zip_done(zip_t *za) { assert_int_equal(zip_close(za), 0); }

static void expect_refused(const char *path, enum kp_czip_problem want)
{
	struct kp_connector_zip z;
	struct kp_error err = {0};
	enum kp_czip_problem why = KP_CZIP_OK;

	assert_int_not_equal(kp_connector_zip_open(path, &z, &why, &err), KP_OK);
	print_message("%-40s -> %s | %s\n", strrchr(path, '/') + 1, err.msg, err.hint);
	assert_int_equal(why, want);
	assert_true(err.msg[0] != '\0');
	assert_true(err.hint[0] != '\0');
	assert_int_equal(z.n, 0);
	assert_null(z.items);
}

static void test_zip_slip(void **s)
{
	zip_t *za = zip_new(tmp("slip.zip"));

	(void)s;
	zip_put(za, "good.gcn", NULL, 0);
	zip_put(za, "folder/../../evil.gcn", NULL, 0);
	zip_done(za);
	expect_refused(tmp("slip.zip"), KP_CZIP_DOTDOT);
	za = zip_new(tmp("slip2.zip"));
	zip_put(za, "..\\evil.gcn", NULL, 0);
	zip_done(za);
	expect_refused(tmp("slip2.zip"), KP_CZIP_DOTDOT);
}

static void test_absolute(void **s)
{
	zip_t *za = zip_new(tmp("abs.zip"));

	(void)s;
	zip_put(za, "/etc/evil.gcn", NULL, 0);
	zip_done(za);
	expect_refused(tmp("abs.zip"), KP_CZIP_ABSOLUTE);
	za = zip_new(tmp("abs2.zip"));
	zip_put(za, "C:\\Windows\\evil.gcn", NULL, 0);
	zip_done(za);
	expect_refused(tmp("abs2.zip"), KP_CZIP_ABSOLUTE);
}

static void test_symlink(void **s)
{
	zip_t *za = zip_new(tmp("link.zip"));
	zip_int64_t i;

	(void)s;
	zip_put(za, "a.gcn", NULL, 0);
	i = zip_put(za, "link.gcn", "/etc/passwd", 11);
	assert_int_equal(zip_file_set_external_attributes(za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
							  (zip_uint32_t)(S_IFLNK | 0777) << 16),
			 0);
	zip_done(za);
	expect_refused(tmp("link.zip"), KP_CZIP_SYMLINK);
}

static void test_bomb(void **s)
{
	size_t big = 51u * 1000 * 1000;
	unsigned char *zeros = calloc(1, big);
	zip_t *za = zip_new(tmp("bomb.zip"));
	struct stat st;

	(void)s;
	zip_put(za, "a.gcn", NULL, 0);
	zip_put(za, "zeros.bin", zeros, big);
	zip_done(za);
	free(zeros);
	assert_int_equal(stat(tmp("bomb.zip"), &st), 0);
	assert_true(st.st_size < 1000 * 1000); /* small on disk, huge unpacked */
	expect_refused(tmp("bomb.zip"), KP_CZIP_TOO_BIG);
}

static void test_encrypted(void **s)
{
	zip_t *za = zip_new(tmp("enc.zip"));
	zip_int64_t i;

	(void)s;
	i = zip_put(za, "a.gcn", NULL, 0);
	assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)i, ZIP_EM_AES_256, "secret"), 0);
	zip_done(za);
	expect_refused(tmp("enc.zip"), KP_CZIP_ENCRYPTED);
}

static void test_truncated(void **s)
{
	zip_t *za = zip_new(tmp("full.zip"));
	unsigned char *d;
	size_t len;
	FILE *f;

	(void)s;
	zip_put(za, "a.gcn", NULL, 0);
	zip_put(za, "b.gcn", NULL, 0);
	zip_done(za);
	d = slurp(tmp("full.zip"), &len);
	f = fopen(tmp("trunc.zip"), "wb");
	fwrite(d, 1, len / 2, f);
	fclose(f);
	expect_refused(tmp("trunc.zip"), KP_CZIP_DAMAGED);
	/* Directory intact, compressed data damaged: caught on reading (CRC). */
	for (size_t i = 80; i < 400 && i < len; i++)
		d[i] ^= 0x5A;
	f = fopen(tmp("corrupt.zip"), "wb");
	fwrite(d, 1, len, f);
	fclose(f);
	for (size_t i = 80; i < 400 && i < len; i++)
		d[i] ^= 0x5A;
	expect_refused(tmp("corrupt.zip"), KP_CZIP_DAMAGED);
	/* Also in memory. */
	{
		struct kp_connector_zip z;
		enum kp_czip_problem why;
		assert_int_not_equal(kp_connector_zip_open_buffer(d, len - 10, &z, &why, NULL),
				     KP_OK);
		assert_int_equal(why, KP_CZIP_DAMAGED);
	}
	free(d);
}

static void test_not_zip(void **s)
{
	FILE *f = fopen(tmp("notzip.zip"), "w");

	(void)s;
	fputs("Dear a.s.r., please send me the connectors.\n", f);
	fclose(f);
	expect_refused(tmp("notzip.zip"), KP_CZIP_NOT_ZIP);
	expect_refused(tmp("does-not-exist.zip"), KP_CZIP_NOT_FOUND);
	expect_refused(tmpdir, KP_CZIP_NOT_FOUND);
}

static void test_empty(void **s)
{
	static const unsigned char eocd[22] = {'P', 'K', 5, 6};
	FILE *f = fopen(tmp("zero.zip"), "w");

	(void)s;
	fclose(f);
	expect_refused(tmp("zero.zip"), KP_CZIP_EMPTY);
	f = fopen(tmp("empty.zip"), "wb");
	fwrite(eocd, 1, sizeof eocd, f);
	fclose(f);
	expect_refused(tmp("empty.zip"), KP_CZIP_EMPTY);
}

static void test_no_gcn(void **s)
{
	zip_t *za = zip_new(tmp("nogcn.zip"));

	(void)s;
	zip_put(za, "README.txt", "hello", 5);
	zip_put(za, "__MACOSX/._a.gcn", "junk", 4);
	zip_put(za, "docs/", "", 0);
	zip_done(za);
	expect_refused(tmp("nogcn.zip"), KP_CZIP_NO_GCN);
}

static void test_too_many(void **s)
{
	zip_t *za = zip_new(tmp("many.zip"));
	char name[32];

	(void)s;
	zip_put(za, "a.gcn", NULL, 0);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "f%04d.txt", i);
		zip_put(za, name, "x", 1);
	}
	zip_done(za);
	expect_refused(tmp("many.zip"), KP_CZIP_TOO_MANY);
}

static void test_bad_gcn_named(void **s)
{
	zip_t *za = zip_new(tmp("badgcn.zip"));
	struct kp_connector_zip z;
	struct kp_error err = {0};
	enum kp_czip_problem why;

	(void)s;
	zip_put(za, "sub/broken.gcn", "not a gcn at all", 16);
	zip_done(za);
	assert_int_not_equal(kp_connector_zip_open(tmp("badgcn.zip"), &z, &why, &err), KP_OK);
	assert_int_equal(why, KP_CZIP_BAD_GCN);
	assert_non_null(strstr(err.msg, "sub/broken.gcn"));
}

/* The same connector twice (a copy for older Profit in a subfolder): the
 * one nearest the top is kept, the other counted, not an error. */
static void test_duplicate(void **s)
{
	zip_t *za = zip_new(tmp("dup.zip"));
	struct kp_connector_zip z;
	struct kp_error err = {0};

	(void)s;
	zip_put(za, "older/a.gcn", NULL, 0);
	zip_put(za, "a.gcn", NULL, 0);
	zip_put(za, "b/c/a.gcn", NULL, 0);
	zip_done(za);
	assert_int_equal(kp_connector_zip_open(tmp("dup.zip"), &z, NULL, &err), KP_OK);
	assert_int_equal(z.n, 1);
	assert_int_equal(z.n_duplicates, 2);
	assert_string_equal(z.items[0].name, "a.gcn");
	assert_string_equal(z.items[0].gcn.connector_id, "T4E_HelloID_Groups_v2");
	kp_connector_zip_free(&z);
}

/* As mailed: nested folders, README, macOS junk; only the .gcn counts. */
static void test_mailed_layout_and_extract(void **s)
{
	zip_t *za = zip_new(tmp("mailed.zip"));
	struct kp_connector_zip z;
	struct kp_error err = {0};
	size_t written = 9, len;
	unsigned char *d;
	char p[600];

	(void)s;
	zip_put(za, "Benefits-Plaza/", "", 0);
	zip_put(za, "Benefits-Plaza/README.txt", "read me", 7);
	zip_put(za, "Benefits-Plaza/deep/er/T4E_HelloID_Groups_v2.GCN", NULL, 0);
	zip_put(za, "__MACOSX/Benefits-Plaza/deep/er/._T4E_HelloID_Groups_v2.GCN", "junk", 4);
	zip_put(za, ".DS_Store", "junk", 4);
	zip_done(za);
	assert_int_equal(kp_connector_zip_open(tmp("mailed.zip"), &z, NULL, &err), KP_OK);
	assert_int_equal(z.n, 1);
	assert_int_equal(z.n_entries, 5);
	assert_int_equal(z.n_ignored, 4);
	assert_string_equal(z.items[0].gcn.connector_id, "T4E_HelloID_Groups_v2");

	/* Extract: flat, into the folder only. */
	snprintf(p, sizeof p, "%s/out", tmpdir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(kp_connector_zip_extract(&z, p, &written, &err), KP_OK);
	assert_int_equal(written, 1);
	snprintf(p, sizeof p, "%s/out/T4E_HelloID_Groups_v2.GCN", tmpdir);
	d = slurp(p, &len);
	assert_int_equal(len, real_gcn_len);
	assert_memory_equal(d, real_gcn, len);
	free(d);
	/* Again: the identical file is left alone, not an error. */
	snprintf(p, sizeof p, "%s/out", tmpdir);
	assert_int_equal(kp_connector_zip_extract(&z, p, &written, &err), KP_OK);
	assert_int_equal(written, 0);
	/* A different file of that name is never replaced. */
	snprintf(p, sizeof p, "%s/out/T4E_HelloID_Groups_v2.GCN", tmpdir);
	{
		FILE *f = fopen(p, "w");
		fputs("mine", f);
		fclose(f);
	}
	snprintf(p, sizeof p, "%s/out", tmpdir);
	assert_int_equal(kp_connector_zip_extract(&z, p, &written, &err), KP_ERR_IO);
	snprintf(p, sizeof p, "%s/out/T4E_HelloID_Groups_v2.GCN", tmpdir);
	d = slurp(p, &len);
	assert_int_equal(len, 4);
	free(d);
	/* A symlink planted at the name is not followed. */
	snprintf(p, sizeof p, "%s/out2", tmpdir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/out2/T4E_HelloID_Groups_v2.GCN", tmpdir);
	assert_int_equal(symlink(tmp("victim"), p), 0);
	snprintf(p, sizeof p, "%s/out2", tmpdir);
	memset(&err, 0, sizeof err);
	assert_int_equal(kp_connector_zip_extract(&z, p, &written, &err), KP_ERR_IO);
	assert_int_equal(access(tmp("victim"), F_OK), -1);
	/* A folder that does not exist. */
	memset(&err, 0, sizeof err);
	assert_int_equal(kp_connector_zip_extract(&z, tmp("nope"), &written, &err), KP_ERR_IO);
	kp_connector_zip_free(&z);
}

int main(void)
{
	if (!kp_test_have_reference())
		return KP_TEST_SKIP;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zip_slip),
	    cmocka_unit_test(test_absolute),
	    cmocka_unit_test(test_symlink),
	    cmocka_unit_test(test_bomb),
	    cmocka_unit_test(test_encrypted),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_not_zip),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_no_gcn),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_bad_gcn_named),
	    cmocka_unit_test(test_duplicate),
	    cmocka_unit_test(test_mailed_layout_and_extract),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
