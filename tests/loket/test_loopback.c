/* test_loopback.c — the redirect listener on 127.0.0.1 with real HTTP
 * requests: wrong method/path/params keep it waiting, one valid callback
 * ends it and closes the port; wrong state, refusal, timeout and cancel
 * each end with their own error. */
#include "koppel/loopback.h"
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static size_t sink(char *p, size_t s, size_t n, void *u)
{
	(void)p;
	(void)u;
	return s * n;
}

/* One request; returns the HTTP status, or -1 when nothing answered. */
static long request(const char *method, const char *url)
{
	CURL *c = curl_easy_init();
	long status = -1;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	if (strcmp(method, "POST") == 0)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "code=x&state=S");
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	return status;
}

static char *url(struct kp_loopback *lb, const char *rest)
{
	static char buf[300000];
	snprintf(buf, sizeof buf, "http://127.0.0.1:%d%s", kp_loopback_port(lb), rest);
	return buf;
}

static void one_valid_callback(void **s)
{
	struct kp_loopback *lb;
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	char *big;
	(void)s;
	assert_int_equal(kp_loopback_start(&lb, 0, "S", &err), KP_OK);
	assert_true(kp_loopback_port(lb) > 0);
	assert_non_null(strstr(kp_loopback_redirect_uri(lb), "http://127.0.0.1:"));
	assert_int_equal(request("POST", url(lb, "/callback")), 405);
	assert_int_equal(request("PUT", url(lb, "/callback?code=x&state=S")), 405);
	assert_int_equal(request("GET", url(lb, "/favicon.ico")), 404);
	assert_int_equal(request("GET", url(lb, "/callback/../x?code=x&state=S")), 404);
	assert_int_equal(request("GET", url(lb, "/callback")), 400);
	assert_int_equal(request("GET", url(lb, "/callback?code=a&code=b&state=S")), 400);
	assert_int_equal(request("GET", url(lb, "/callback?code=a&state=S&state=S")), 400);
	big = malloc(200000);
	strcpy(big, "/callback?state=S&code=");
	memset(big + strlen(big), 'A', 150000);
	big[150000] = '\0';
	{
		long st = request("GET", url(lb, big));
		assert_true(st != 200); /* refused (414/400) or dropped, never taken */
	}
	free(big);
	/* none of that ended the wait */
	assert_int_equal(kp_loopback_wait(lb, 1, NULL, &cb, &err), KP_ERR_TIMEOUT);
	kp_error_clear(&err);
	/* the real one */
	assert_int_equal(request("GET", url(lb, "/callback?code=THE%2FCODE&state=S")), 200);
	assert_int_equal(kp_loopback_wait(lb, 5, NULL, &cb, &err), KP_OK);
	assert_string_equal(cb.code, "THE/CODE");
	/* the listener is closed now */
	assert_int_equal(request("GET", url(lb, "/callback?code=again&state=S")), -1);
	kp_loopback_stop(lb);
}

static void wrong_state(void **s)
{
	struct kp_loopback *lb;
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	assert_int_equal(kp_loopback_start(&lb, 0, "S", &err), KP_OK);
	assert_int_equal(request("GET", url(lb, "/callback?code=x&state=T")), 200);
	assert_int_equal(kp_loopback_wait(lb, 5, NULL, &cb, &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "wrong state"));
	kp_loopback_stop(lb);
}

static void refused(void **s)
{
	struct kp_loopback *lb;
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	(void)s;
	assert_int_equal(kp_loopback_start(&lb, 0, "S", &err), KP_OK);
	assert_int_equal(request("GET", url(lb, "/callback?error=access_denied&state=S")), 200);
	assert_int_equal(kp_loopback_wait(lb, 5, NULL, &cb, &err), KP_ERR_AUTH);
	assert_non_null(strstr(err.msg, "refused"));
	kp_loopback_stop(lb);
}

static void timeout_and_cancel(void **s)
{
	struct kp_loopback *lb;
	struct kp_oauth_callback cb;
	struct kp_error err = {0};
	atomic_int cancel = 1;
	struct kp_progress p = {.cancel = &cancel};
	(void)s;
	assert_int_equal(kp_loopback_start(&lb, 0, "S", &err), KP_OK);
	assert_int_equal(kp_loopback_wait(lb, 1, NULL, &cb, &err), KP_ERR_TIMEOUT);
	assert_non_null(strstr(err.msg, "1 seconds"));
	kp_error_clear(&err);
	assert_int_equal(kp_loopback_wait(lb, 30, &p, &cb, &err), KP_ERR_CANCELLED);
	kp_loopback_stop(lb);
}

static void fixed_port(void **s)
{
	struct kp_loopback *lb, *lb2;
	struct kp_error err = {0};
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;
	char want[64];
	(void)s;
	/* find a free port */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	close(fd);
	assert_int_equal(kp_loopback_start(&lb, port, "S", &err), KP_OK);
	snprintf(want, sizeof want, "http://127.0.0.1:%d/callback", port);
	assert_string_equal(kp_loopback_redirect_uri(lb), want);
	/* the same port twice: a clear error naming it */
	assert_int_equal(kp_loopback_start(&lb2, port, "S", &err), KP_ERR_CONNECT);
	assert_non_null(strstr(err.msg, want + 7 /* 127.0.0.1:port */)
			    ? err.msg
			    : strstr(err.msg, "127.0.0.1"));
	kp_loopback_stop(lb);
	assert_int_equal(kp_loopback_start(&lb2, 70000, "S", NULL), KP_ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_valid_callback),
	    cmocka_unit_test(wrong_state),
	    cmocka_unit_test(refused),
	    cmocka_unit_test(timeout_and_cancel),
	    cmocka_unit_test(fixed_port),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
