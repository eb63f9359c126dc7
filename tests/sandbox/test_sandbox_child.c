/* test_sandbox_child.c — `koppel demo`'s child launcher (sandbox_child.c):
 * start fills the endpoints and the demo texts, the child runs in its own
 * process group, stop leaves no process and no files, and a crashing
 * parent takes the sandbox with it (PR_SET_PDEATHSIG). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "koppel/app.h"
#include "koppel/sandbox_child.h"
#include "sbx_client.h"

/* The koppel-sandbox child of parent, from /proc; 0 if none. */
static pid_t find_child(pid_t parent)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;
	while (d && (e = readdir(d)) != NULL) {
		char path[300], buf[512];
		int pid = atoi(e->d_name);
		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%d/stat", pid);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof buf, f)) {
			char *close_paren = strrchr(buf, ')');
			char state;
			int ppid;
			if (strstr(buf, "(koppel-sandbox)") && close_paren &&
			    sscanf(close_paren + 2, "%c %d", &state, &ppid) == 2 && ppid == parent &&
			    state != 'Z')
				found = pid;
		}
		fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

static int gone(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 1;
	char buf[512] = "";
	if (!fgets(buf, sizeof buf, f))
		buf[0] = '\0';
	fclose(f);
	char *p = strrchr(buf, ')');
	return p && p[2] == 'Z'; /* a zombie waiting for its reaper is gone too */
}

/* The --info path from the child's command line → its folder. */
static void child_dir(pid_t pid, char *out, size_t outlen)
{
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	FILE *f = fopen(path, "r");
	out[0] = '\0';
	if (!f)
		return;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (size_t i = 0; i < n;) {
		const char *arg = buf + i;
		i += strlen(arg) + 1;
		if (strcmp(arg, "--info") == 0 && i < n) {
			snprintf(out, outlen, "%s", buf + i);
			char *slash = strrchr(out, '/');
			if (slash)
				*slash = '\0';
			return;
		}
	}
}

static int exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static void start_and_stop(void **state)
{
	struct kp_app app;
	struct kp_error err = { 0 };
	char dir[1024];
	(void)state;
	kp_app_init(&app);
	if (kp_sandbox_start(&app, &err) != KP_OK)
		fail_msg("start: %s / %s", err.msg, err.hint);
	pid_t pid = find_child(getpid());
	assert_true(pid > 0);
	/* its own process group: the terminal's Ctrl-C does not reach it */
	assert_int_not_equal(getpgid(pid), getpgrp());
	child_dir(pid, dir, sizeof dir);
	assert_true(exists(dir));
	assert_int_equal(app.ep.sandbox, 1);
	assert_true(exists(app.ep.ca_file));
	assert_non_null(strstr(app.ep.afas_url, "{id}/ProfitRestServices"));
	assert_non_null(strstr(app.ep.loket_api_url, "/v2"));
	assert_int_equal(strncmp(app.ep.loket_client_id, "koppel-sandbox-client-", 22), 0);
	assert_string_equal(kp_app_banner(&app), "SANDBOX");
	assert_int_equal(app.demo, 1);
	assert_non_null(app.demo_credentials);
	assert_non_null(strstr(app.demo_credentials, "12345"));
	/* the token data of 12345 (64 hex), every line within 80 columns */
	assert_non_null(strstr(app.demo_credentials, "token: "));
	for (const char *line = app.demo_credentials; *line;) {
		size_t n = strcspn(line, "\n");
		assert_true(n <= 80);
		line += n + (line[n] == '\n');
	}
	assert_non_null(strstr(app.demo_credentials, "beperkt"));
	/* the Werkgever IDs the Loket path asks for, main entity first */
	const char *main_e = strstr(app.demo_credentials, "20720 Voorbeeld Holding B.V. (main entity)");
	assert_non_null(main_e);
	assert_non_null(strstr(main_e, "20721 Voorbeeld Zorg B.V. (underlying)"));
	assert_non_null(strstr(main_e, "20722 Voorbeeld Techniek B.V. (underlying)"));
	/* reminders for the token and Werkgever IDs steps, steps away from
	 * the welcome screen */
	assert_non_null(app.demo_afas_hint);
	assert_non_null(strstr(app.demo_afas_hint, "customer number 12345"));
	assert_non_null(strstr(app.demo_afas_hint,
			       "85A7CA1B75A495B1F0D62F2C4F17F2107E0D6CC523C06D9346DA5CDFE36966B3"));
	assert_non_null(app.demo_loket_hint);
	assert_non_null(strstr(app.demo_loket_hint, "20720 20721 20722"));
	assert_non_null(app.sandbox_afas_zip);
	assert_true(exists(app.sandbox_afas_zip));
	/* it serves, trusted through its CA only */
	struct kp_test_sandbox fake = { 0 };
	fake.ep = app.ep;
	struct sbx_resp r;
	char url[700];
	snprintf(url, sizeof url, "%s/authorize", app.ep.loket_oauth_url);
	assert_int_equal(sbx_request(&fake, "GET", url, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 400);
	sbx_resp_free(&r);

	kp_sandbox_stop(&app);
	assert_null(app.sandbox);
	assert_true(gone(pid));
	assert_false(exists(dir));
	kp_sandbox_stop(&app); /* twice is fine */
	kp_app_free(&app);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void dies_with_a_crashing_parent(void **state)
{
	int fds[2];
	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid_t helper = fork();
	if (helper == 0) {
		struct kp_app app;
		struct kp_error err = { 0 };
		kp_app_init(&app);
		if (kp_sandbox_start(&app, &err) != KP_OK)
			_exit(3);
		pid_t pid = find_child(getpid());
		if (write(fds[1], &pid, sizeof pid) != sizeof pid)
			_exit(4);
		signal(SIGABRT, SIG_DFL);
		abort(); /* a crash: no cleanup runs */
	}
	close(fds[1]);
	pid_t pid = 0;
	assert_int_equal(read(fds[0], &pid, sizeof pid), sizeof pid);
	close(fds[0]);
	assert_true(pid > 0);
	char dir[1024];
	child_dir(pid, dir, sizeof dir);
	int status;
	waitpid(helper, &status, 0);
	assert_true(WIFSIGNALED(status));
	int ok = 0;
	for (int i = 0; i < 300 && !ok; i++) { /* up to 3 s */
		ok = gone(pid);
		if (!ok)
			usleep(10000);
	}
	assert_true(ok);
	/* the sandbox removed koppel demo's folder on its way out */
	assert_true(dir[0]);
	int removed = 0;
	for (int i = 0; i < 100 && !removed; i++) {
		removed = !exists(dir);
		if (!removed)
			usleep(10000);
	}
	if (!removed)
		nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	assert_true(removed);
}

static void missing_binary_is_a_clear_error(void **state)
{
	struct kp_app app;
	struct kp_error err = { 0 };
	(void)state;
	char *saved = getenv("KOPPEL_BUILD_ROOT") ? strdup(getenv("KOPPEL_BUILD_ROOT")) : NULL;
	setenv("KOPPEL_BUILD_ROOT", "/nonexistent", 1);
	unsetenv("KOPPEL_LIBEXECDIR");
	kp_app_init(&app);
	enum kp_err rc = kp_sandbox_start(&app, &err);
	if (saved) {
		setenv("KOPPEL_BUILD_ROOT", saved, 1);
		free(saved);
	}
	/* an installed koppel-sandbox in the configured bindir would be found */
	if (rc == KP_OK) {
		kp_app_free(&app);
		skip();
	}
	assert_int_equal(rc, KP_ERR_NOTFOUND);
	assert_true(strlen(err.msg) > 0 && strlen(err.hint) > 0);
	assert_null(app.sandbox);
	kp_app_free(&app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_and_stop),
		cmocka_unit_test(dies_with_a_crashing_parent),
		cmocka_unit_test(missing_binary_is_a_clear_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
