/* test_sandbox_cli.c — koppel-sandbox as a program: the --info file has
 * every documented field (mode 0600), --latency-ms delays answers, bad
 * options exit 2, the default state folder is removed at exit, and only
 * 127.0.0.1 is listened on (/proc/net/tcp, tcp6). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sbx_client.h"

static const char *str(cJSON *o, const char *k)
{
	cJSON *v = cJSON_GetObjectItem(o, k);
	if (!cJSON_IsString(v))
		fail_msg("info field '%s' missing or not a string", k);
	return v->valuestring;
}

static void info_file_fields(void **state)
{
	struct kp_test_sandbox sb;
	struct stat st;
	(void)state;
	assert_int_equal(kp_test_sandbox_start(&sb, NULL), 0);
	assert_int_equal(stat(sb.info_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	cJSON *i = sb.info;
	assert_int_equal(stat(str(i, "ca_file"), &st), 0);
	assert_non_null(strstr(str(i, "afas_url"), "https://127.0.0.1:"));
	assert_non_null(strstr(str(i, "afas_url"), "/{id}/ProfitRestServices"));
	assert_int_equal(strncmp(str(i, "loket_oauth_url"), "https://127.0.0.1:", 18), 0);
	const char *api = str(i, "loket_api_url");
	assert_string_equal(api + strlen(api) - 3, "/v2");
	assert_int_equal(strncmp(str(i, "control_url"), "https://127.0.0.1:", 18), 0);
	assert_true(strlen(str(i, "control_key")) >= 32);
	assert_int_equal(stat(str(i, "afas_zip"), &st), 0);
	assert_int_equal(stat(str(i, "afas_zip_v7"), &st), 0);
	assert_true(strlen(str(i, "loket_client_id")) > 0);
	assert_true(strlen(str(i, "loket_client_secret")) >= 32);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(i, "loket_redirect_uris_any_loopback")));
	cJSON *u;
	int users = 0;
	cJSON_ArrayForEach(u, cJSON_GetObjectItem(i, "loket_users"))
	{
		str(u, "username");
		str(u, "password");
		str(u, "purpose");
		users++;
	}
	assert_int_equal(users, 3);
	int emps = 0, mains = 0;
	cJSON_ArrayForEach(u, cJSON_GetObjectItem(i, "loket_employers"))
	{
		assert_int_equal(strlen(str(u, "id")), 36);
		assert_true(strlen(str(u, "companyName")) > 0);
		assert_true(cJSON_IsNumber(cJSON_GetObjectItem(u, "employerNumber")));
		mains += cJSON_IsTrue(cJSON_GetObjectItem(u, "main"));
		emps++;
	}
	assert_int_equal(emps, 3);
	assert_int_equal(mains, 1);
	int parts = 0;
	cJSON_ArrayForEach(u, cJSON_GetObjectItem(i, "afas_participants"))
	{
		assert_int_equal(strlen(str(u, "participant")), 5);
		const char *t = str(u, "token");
		assert_int_equal(strncmp(t, "<token><version>1</version><data>", 33), 0);
		assert_int_equal(strlen(t), 33 + 64 + strlen("</data></token>"));
		str(u, "purpose");
		parts++;
	}
	assert_int_equal(parts, 3);
	kp_test_sandbox_stop(&sb);
}

static void latency_option(void **state)
{
	struct kp_test_sandbox sb;
	struct sbx_resp r;
	static const char *const args[] = { "--latency-ms", "400", NULL };
	(void)state;
	assert_int_equal(kp_test_sandbox_start(&sb, args), 0);
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_int_equal(r.status, 200);
	assert_true(r.seconds >= 0.38);
	sbx_resp_free(&r);
	/* /reset keeps the command-line latency */
	assert_int_equal(kp_test_sandbox_control(&sb, "/reset", "{}"), 200);
	sbx_afas_get(&sb, "12345", "/profitversion", &r);
	assert_true(r.seconds >= 0.38);
	sbx_resp_free(&r);
	kp_test_sandbox_stop(&sb);
}

static int run(const char *const *argv, char *out, size_t outlen)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t k;
	while (n + 1 < outlen && (k = read(fds[0], out + n, outlen - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void bad_options(void **state)
{
	char bin[1024], out[4096];
	(void)state;
	snprintf(bin, sizeof bin, "%s/src/sandbox/koppel-sandbox", getenv("KOPPEL_BUILD_ROOT"));
	const char *a1[] = { bin, "--rows", "many", NULL };
	assert_int_equal(run(a1, out, sizeof out), 2);
	assert_non_null(strstr(out, "--rows"));
	const char *a2[] = { bin, "--what", NULL };
	assert_int_equal(run(a2, out, sizeof out), 2);
	const char *a3[] = { bin, "--help", NULL };
	assert_int_equal(run(a3, out, sizeof out), 0);
	assert_non_null(strstr(out, "--info"));
}

/* Listening sockets on port: count those on 127.0.0.1 and elsewhere. */
static void listeners(const char *file, unsigned port, int *loopback, int *other)
{
	char line[512];
	FILE *f = fopen(file, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char local[80];
		unsigned st;
		if (sscanf(line, " %*d: %79s %*s %x", local, &st) != 2 || st != 0x0A)
			continue;
		char *colon = strrchr(local, ':');
		if (!colon || (unsigned)strtoul(colon + 1, NULL, 16) != port)
			continue;
		*colon = '\0';
		if (strcmp(local, "0100007F") == 0)
			(*loopback)++;
		else
			(*other)++;
	}
	fclose(f);
}

static void listens_on_loopback_only(void **state)
{
	struct kp_test_sandbox sb;
	(void)state;
	assert_int_equal(kp_test_sandbox_start(&sb, NULL), 0);
	const char *u = sb.ep.loket_api_url + strlen("https://127.0.0.1:");
	unsigned port = (unsigned)atoi(u);
	int lo = 0, other = 0;
	listeners("/proc/net/tcp", port, &lo, &other);
	listeners("/proc/net/tcp6", port, &lo, &other);
	kp_test_sandbox_stop(&sb);
	assert_int_equal(lo, 1);
	assert_int_equal(other, 0);
}

static void default_state_dir_removed(void **state)
{
	char bin[1024], info[600], ca[1024];
	(void)state;
	char dir[] = "/tmp/kp-sbx-cli-XXXXXX";
	assert_non_null(mkdtemp(dir));
	snprintf(bin, sizeof bin, "%s/src/sandbox/koppel-sandbox", getenv("KOPPEL_BUILD_ROOT"));
	snprintf(info, sizeof info, "%s/info.json", dir);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl(bin, bin, "--info", info, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char buf[16] = "";
	assert_int_equal(read(fds[0], buf, sizeof buf - 1), 6);
	assert_string_equal(buf, "ready\n");
	FILE *f = fopen(info, "r");
	assert_non_null(f);
	char text[8192];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	cJSON *o = cJSON_Parse(text);
	snprintf(ca, sizeof ca, "%s", str(o, "ca_file"));
	cJSON_Delete(o);
	struct stat st;
	assert_int_equal(stat(ca, &st), 0);
	kill(pid, SIGTERM);
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_not_equal(stat(ca, &st), 0); /* its temporary folder is gone */
	unlink(info);
	rmdir(dir);
	close(fds[0]);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(info_file_fields),
		cmocka_unit_test(latency_option),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(default_state_dir_removed),
		cmocka_unit_test(listens_on_loopback_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
