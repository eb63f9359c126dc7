/* test_sandbox_scale.c — 100 000 AFAS rows and 100 000 Loket employees
 * served with bounded memory: the sandbox's resident size (VmRSS from
 * /proc) is sampled while the rows stream in and must stay small. Also
 * prints throughput figures (rows/s, requests/s). */
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
#include <pthread.h>
#include <time.h>

#include "sbx_client.h"

#define ROWS 100000
/* Generous bound on growth while serving: the rows themselves would be
 * about 30 MB as JSON; streaming keeps the growth to a few buffers. */
#define MAX_GROWTH_KB (12 * 1024)

static struct kp_test_sandbox sb;
static long rss_start;

static int setup(void **state)
{
	static const char *const args[] = { "--rows", "100000", "--employees", "100000", NULL };
	struct sbx_resp r;
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* Under -Dsanitize=true ASan keeps freed blocks in quarantine (256 MB
	 * by default), which would look like growth; keep it small. Ignored by
	 * a normal build. */
	setenv("ASAN_OPTIONS", "quarantine_size_mb=1:thread_local_quarantine_size_kb=64", 1);
	if (kp_test_sandbox_start(&sb, args) != 0)
		return -1;
	sbx_afas_get(&sb, "12345", "/connectors/BP_Medewerkers?take=10", &r); /* warm up */
	sbx_resp_free(&r);
	rss_start = sbx_rss_kb(sb.pid);
	fprintf(stderr, "# sandbox RSS after start: %ld kB\n", rss_start);
	return rss_start > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kp_test_sandbox_stop(&sb);
	return 0;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct counter {
	long rows;
	size_t bytes, next_sample;
	long rss_max;
	char tail[64];     /* the last bytes, to find ids split across calls */
	char last_id[16];
};

/* Count `"Medewerker":"` occurrences without keeping the body. */
static size_t count_rows(char *p, size_t size, size_t n, void *ud)
{
	struct counter *c = ud;
	size_t len = size * n;
	static const char key[] = "\"Medewerker\":\"";
	char buf[64 + 16384];
	size_t off = 0;
	while (off < len) {
		size_t take = len - off > 16384 ? 16384 : len - off;
		size_t tl = strlen(c->tail);
		memcpy(buf, c->tail, tl);
		memcpy(buf + tl, p + off, take);
		buf[tl + take] = '\0';
		const char *q = buf;
		while ((q = strstr(q, key)) != NULL) {
			const char *id = q + sizeof key - 1;
			if (strlen(id) < 7)
				break; /* id not complete yet: counted with the next call */
			if ((size_t)(q - buf) >= tl || !strstr(c->tail, key)) {
				c->rows++;
				snprintf(c->last_id, sizeof c->last_id, "%.6s", id);
			}
			q = id;
		}
		/* keep the last bytes unless they start a match that was counted */
		size_t all = tl + take, keep = all < 40 ? all : 40;
		const char *last = strstr(buf + all - keep, key);
		if (last && strlen(last + sizeof key - 1) >= 7)
			keep = 0;
		memmove(c->tail, buf + all - keep, keep);
		c->tail[keep] = '\0';
		off += take;
	}
	c->bytes += len;
	if (c->bytes >= c->next_sample) {
		long rss = sbx_rss_kb(sb.pid);
		if (rss > c->rss_max)
			c->rss_max = rss;
		c->next_sample = c->bytes + 256 * 1024;
	}
	return len;
}

static void stream(const char *path, struct counter *c, long *status)
{
	char base[512], url[1024], auth[512];
	memset(c, 0, sizeof *c);
	sbx_afas_base(&sb, "12345", base, sizeof base);
	snprintf(url, sizeof url, "%s%s", base, path);
	sbx_afas_auth(&sb, "12345", auth, sizeof auth);
	struct curl_slist *h = curl_slist_append(NULL, auth);
	CURL *cu = curl_easy_init();
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_CAINFO, sb.ep.ca_file);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, count_rows);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, 240L);
	assert_int_equal(curl_easy_perform(cu), CURLE_OK);
	curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(cu);
	curl_slist_free_all(h);
}

static void hundred_thousand_rows_in_one_call(void **state)
{
	struct counter c;
	long status;
	(void)state;
	double t0 = now_s();
	stream("/connectors/BP_Medewerkers?skip=0&take=100000&orderbyfieldids=Medewerker", &c, &status);
	double dt = now_s() - t0;
	assert_int_equal(status, 200);
	assert_int_equal(c.rows, ROWS);
	assert_string_equal(c.last_id, "200000");
	fprintf(stderr, "# 100000 rows, %zu bytes in %.2f s (%.0f rows/s); sandbox RSS max %ld kB "
			"(start %ld kB)\n", c.bytes, dt, ROWS / dt, c.rss_max, rss_start);
	assert_true(c.rss_max > 0);
	assert_true(c.rss_max - rss_start < MAX_GROWTH_KB);
}

static void hundred_thousand_rows_paged(void **state)
{
	struct counter c;
	long status, total = 0;
	long rss_max = 0;
	(void)state;
	double t0 = now_s();
	for (long skip = 0;; skip += 10000) {
		char path[256];
		snprintf(path, sizeof path,
			 "/connectors/BP_Dienstverbanden?skip=%ld&take=10000&orderbyfieldids=Medewerker", skip);
		stream(path, &c, &status);
		assert_int_equal(status, 200);
		total += c.rows;
		if (c.rss_max > rss_max)
			rss_max = c.rss_max;
		if (c.rows < 10000)
			break;
	}
	fprintf(stderr, "# paged 100000 employments in %.2f s, RSS max %ld kB\n", now_s() - t0, rss_max);
	assert_int_equal(total, ROWS);
	assert_true(rss_max - rss_start < MAX_GROWTH_KB);
}

static void sorted_by_other_field_stays_bounded(void **state)
{
	struct counter c;
	long status;
	(void)state;
	double t0 = now_s();
	/* an index of 4 bytes per row, never the rows: 400 kB here */
	stream("/connectors/BP_Medewerkers?skip=99990&take=100&orderbyfieldids=-Geboortedatum", &c,
	       &status);
	assert_int_equal(status, 200);
	assert_int_equal(c.rows, 10);
	long rss = sbx_rss_kb(sb.pid);
	fprintf(stderr, "# sort by Geboortedatum over 100000 rows: %.2f s, RSS %ld kB\n", now_s() - t0, rss);
	assert_true(rss - rss_start < MAX_GROWTH_KB);
}

static void loket_last_page_of_100000(void **state)
{
	char access[128], refresh[128], path[512];
	struct sbx_resp r;
	(void)state;
	assert_int_equal(sbx_loket_login(&sb, "demo", access, sizeof access, refresh, sizeof refresh), 0);
	sbx_loket_get(&sb, access, "2018-01-01", "/providers/employers", &r);
	cJSON *o = cJSON_Parse(r.body);
	sbx_resp_free(&r);
	const char *eid = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 2),
					      "id")->valuestring;
	snprintf(path, sizeof path, "/providers/employers/%s/employees?pageNumber=400", eid);
	cJSON_Delete(o);
	sbx_loket_get(&sb, access, "2021-03-29", path, &r);
	assert_int_equal(r.status, 200);
	o = cJSON_Parse(r.body);
	sbx_resp_free(&r);
	assert_int_equal(cJSON_GetObjectItem(o, "totalPages")->valueint, 400);
	assert_int_equal(cJSON_GetObjectItem(o, "currentPage")->valueint, 400);
	cJSON *last = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "_embedded"), 249);
	assert_int_equal(cJSON_GetObjectItem(last, "employeeNumber")->valueint, 100000);
	cJSON_Delete(o);
	assert_true(sbx_rss_kb(sb.pid) - rss_start < MAX_GROWTH_KB);
}

static void requests_per_second(void **state)
{
	char base[512], url[1024], auth[512];
	struct counter c;
	(void)state;
	sbx_afas_base(&sb, "12345", base, sizeof base);
	snprintf(url, sizeof url, "%s/connectors/BP_Werkgever", base);
	sbx_afas_auth(&sb, "12345", auth, sizeof auth);
	struct curl_slist *h = curl_slist_append(NULL, auth);
	CURL *cu = curl_easy_init(); /* one handle: keep-alive, as a client would */
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_CAINFO, sb.ep.ca_file);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, count_rows);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, &c);
	double t0 = now_s();
	int n = 500;
	for (int i = 0; i < n; i++) {
		long status = 0;
		memset(&c, 0, sizeof c);
		assert_int_equal(curl_easy_perform(cu), CURLE_OK);
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &status);
		assert_int_equal(status, 200);
	}
	double dt = now_s() - t0;
	fprintf(stderr, "# %d sequential AFAS requests on one connection: %.0f requests/s\n", n, n / dt);
	curl_easy_cleanup(cu);
	curl_slist_free_all(h);
}

struct worker_arg {
	const char *url, *auth;
	int n, ok;
};

static size_t sink(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

static void *worker(void *v)
{
	struct worker_arg *a = v;
	struct curl_slist *h = curl_slist_append(NULL, a->auth);
	CURL *cu = curl_easy_init();
	curl_easy_setopt(cu, CURLOPT_URL, a->url);
	curl_easy_setopt(cu, CURLOPT_CAINFO, sb.ep.ca_file);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, sink);
	for (int i = 0; i < a->n; i++) {
		long status = 0;
		if (curl_easy_perform(cu) == CURLE_OK &&
		    curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200)
			a->ok++;
	}
	curl_easy_cleanup(cu);
	curl_slist_free_all(h);
	return NULL;
}

static void five_connections_at_once(void **state)
{
	char base[512], url[1024], auth[512];
	pthread_t t[5];
	struct worker_arg a[5];
	(void)state;
	sbx_afas_base(&sb, "12345", base, sizeof base);
	snprintf(url, sizeof url, "%s/connectors/BP_Medewerkers?skip=500&take=100&orderbyfieldids=Medewerker",
		 base);
	sbx_afas_auth(&sb, "12345", auth, sizeof auth);
	double t0 = now_s();
	for (int i = 0; i < 5; i++) {
		a[i] = (struct worker_arg){ url, auth, 200, 0 };
		pthread_create(&t[i], NULL, worker, &a[i]);
	}
	int ok = 0;
	for (int i = 0; i < 5; i++) {
		pthread_join(t[i], NULL);
		ok += a[i].ok;
	}
	double dt = now_s() - t0;
	fprintf(stderr, "# 5 connections x 200 pages of 100 rows: %.0f requests/s (%.0f rows/s), RSS %ld kB\n",
		1000 / dt, 100000 / dt, sbx_rss_kb(sb.pid));
	assert_int_equal(ok, 1000);
	assert_true(sbx_rss_kb(sb.pid) - rss_start < MAX_GROWTH_KB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hundred_thousand_rows_in_one_call),
		cmocka_unit_test(hundred_thousand_rows_paged),
		cmocka_unit_test(sorted_by_other_field_stays_bounded),
		cmocka_unit_test(loket_last_page_of_100000),
		cmocka_unit_test(requests_per_second),
		cmocka_unit_test(five_connections_at_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
