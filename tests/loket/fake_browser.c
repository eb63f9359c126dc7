/* fake_browser.c — a test stand-in for a person with a browser: used as
 * $BROWSER, it opens the authorize address, logs in on the sandbox's HTML
 * login page, clicks "Toestaan" (or "Weigeren"), and follows the redirect
 * to koppel's loopback listener, all over plain HTTP(S) forms.
 *
 * Configuration (test-only, no secrets: the demo password comes from the
 * sandbox info file):
 *   KOPPEL_TEST_SANDBOX_INFO  the sandbox --info file (ca_file, loket_users)
 *   KOPPEL_TEST_LOKET_USER    demo (default), beperkt, webservice
 *   KOPPEL_TEST_DECISION      allow (default) or deny
 *   KOPPEL_TEST_BROWSER_OUT   write the final redirect address here
 *   KOPPEL_TEST_BROWSER_FOLLOW 0 = do not follow it (the no-browser way)
 * Exit 0 when the final redirect was reached. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *p;
	size_t n;
};

static size_t on_data(char *d, size_t s, size_t n, void *u)
{
	struct buf *b = u;
	char *np = realloc(b->p, b->n + s * n + 1);
	if (!np)
		return 0;
	b->p = np;
	memcpy(b->p + b->n, d, s * n);
	b->n += s * n;
	b->p[b->n] = '\0';
	return s * n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = calloc(1, (size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

/* One request; returns the status; body in b, Location in loc. */
static long fetch(const char *ca, const char *url, const char *post, struct buf *b, char *loc,
		  size_t loclen)
{
	CURL *c = curl_easy_init();
	long status = -1;
	char *l = NULL;
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	if (ca && *ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	if (post)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
	if (curl_easy_perform(c) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &l) == CURLE_OK && l && loc)
			snprintf(loc, loclen, "%s", l);
	}
	curl_easy_cleanup(c);
	return status;
}

static void unescape_html(char *s)
{
	static const struct {
		const char *e;
		char c;
	} tab[] = {
	    {"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&#39;", '\''},
	};
	char *o = s;
	while (*s) {
		size_t i;
		for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
			if (strncmp(s, tab[i].e, strlen(tab[i].e)) == 0)
				break;
		if (i < sizeof tab / sizeof tab[0]) {
			*o++ = tab[i].c;
			s += strlen(tab[i].e);
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

/* Attribute attr="..." inside tag [t, end) into out. */
static int attr(const char *t, const char *end, const char *name, char *out, size_t outlen)
{
	char key[64];
	const char *p, *q;
	snprintf(key, sizeof key, "%s=\"", name);
	p = strstr(t, key);
	if (!p || p >= end)
		return -1;
	p += strlen(key);
	q = strchr(p, '"');
	if (!q || q > end)
		return -1;
	snprintf(out, outlen, "%.*s", (int)(q - p), p);
	unescape_html(out);
	return 0;
}

/* The first form's action and its hidden fields, url-encoded, into body. */
static int read_form(const char *html, char *action, size_t alen, char *body, size_t blen)
{
	const char *f = strstr(html, "<form"), *end, *p;
	CURL *c = curl_easy_init();
	if (!f)
		return -1;
	end = strchr(f, '>');
	if (attr(f, end, "action", action, alen) < 0)
		return -1;
	body[0] = '\0';
	for (p = f; (p = strstr(p, "<input")) != NULL; p++) {
		char type[32] = "", name[128], value[2048];
		char *en, *ev;
		const char *e = strchr(p, '>');
		if (!e)
			break;
		attr(p, e, "type", type, sizeof type);
		if (strcmp(type, "hidden") != 0)
			continue;
		if (attr(p, e, "name", name, sizeof name) < 0 ||
		    attr(p, e, "value", value, sizeof value) < 0)
			continue;
		en = curl_easy_escape(c, name, 0);
		ev = curl_easy_escape(c, value, 0);
		snprintf(body + strlen(body), blen - strlen(body), "%s%s=%s", body[0] ? "&" : "",
			 en, ev);
		curl_free(en);
		curl_free(ev);
	}
	curl_easy_cleanup(c);
	return 0;
}

static void add_field(char *body, size_t blen, const char *k, const char *v)
{
	char *ev = curl_easy_escape(NULL, v, 0);
	snprintf(body + strlen(body), blen - strlen(body), "%s%s=%s", body[0] ? "&" : "", k, ev);
	curl_free(ev);
}

int main(int argc, char **argv)
{
	const char *info_path = getenv("KOPPEL_TEST_SANDBOX_INFO");
	const char *user = getenv("KOPPEL_TEST_LOKET_USER");
	const char *decision = getenv("KOPPEL_TEST_DECISION");
	const char *out = getenv("KOPPEL_TEST_BROWSER_OUT");
	const char *follow = getenv("KOPPEL_TEST_BROWSER_FOLLOW");
	char *info_txt = NULL, origin[512], action[512], body[8192], loc[4096] = "", url[1024];
	const char *ca = NULL, *password = NULL;
	cJSON *info = NULL, *u;
	struct buf b = {0};
	long st;
	int rc = 1;
	if (argc < 2 || !info_path) {
		fprintf(stderr, "usage: KOPPEL_TEST_SANDBOX_INFO=FILE fake_browser URL\n");
		return 2;
	}
	user = user && *user ? user : "demo";
	decision = decision && *decision ? decision : "allow";
	info_txt = slurp(info_path);
	info = cJSON_Parse(info_txt ? info_txt : "");
	ca = cJSON_GetStringValue(cJSON_GetObjectItem(info, "ca_file"));
	cJSON_ArrayForEach(
	    u,
	    cJSON_GetObjectItem(
		info,
		"loket_users")) if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(u, "username")),
					   user) == 0) password =
	    cJSON_GetStringValue(cJSON_GetObjectItem(u, "password"));
	if (!password) {
		fprintf(stderr, "fake_browser: no user %s in %s\n", user, info_path);
		rc = 2;
		goto out;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	{ /* origin = scheme://host:port of the authorize address */
		const char *s = strstr(argv[1], "://");
		size_t n = s ? (size_t)(strchr(s + 3, '/') ? strchr(s + 3, '/') - argv[1]
							   : (long)strlen(argv[1]))
			     : 0;
		snprintf(origin, sizeof origin, "%.*s", (int)n, argv[1]);
	}
	st = fetch(ca, argv[1], NULL, &b, loc, sizeof loc);
	if (st != 200 || read_form(b.p, action, sizeof action, body, sizeof body) < 0) {
		fprintf(stderr, "fake_browser: no login page (HTTP %ld)\n", st);
		goto out;
	}
	add_field(body, sizeof body, "username", user);
	add_field(body, sizeof body, "password", password);
	snprintf(url, sizeof url, "%s%s", origin, action);
	st = fetch(ca, url, body, &b, loc, sizeof loc);
	if (st != 200 || read_form(b.p, action, sizeof action, body, sizeof body) < 0) {
		fprintf(stderr, "fake_browser: login refused (HTTP %ld)\n", st);
		goto out;
	}
	add_field(body, sizeof body, "decision", decision);
	snprintf(url, sizeof url, "%s%s", origin, action);
	st = fetch(ca, url, body, &b, loc, sizeof loc);
	if (st != 302 || !loc[0]) {
		fprintf(stderr, "fake_browser: no redirect after consent (HTTP %ld)\n", st);
		goto out;
	}
	if (out) {
		FILE *f = fopen(out, "w");
		if (f) {
			fprintf(f, "%s\n", loc);
			fclose(f);
		}
	}
	if (!follow || strcmp(follow, "0") != 0) {
		st = fetch(NULL, loc, NULL, &b, NULL, 0);
		if (st != 200) {
			fprintf(stderr, "fake_browser: loopback answered HTTP %ld\n", st);
			goto out;
		}
	}
	rc = 0;
out:
	free(b.p);
	cJSON_Delete(info);
	free(info_txt);
	curl_global_cleanup();
	return rc;
}
