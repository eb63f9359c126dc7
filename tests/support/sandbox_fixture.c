/* sandbox_fixture.c — start a real koppel-sandbox for a test, read its info
 * file, talk to its control API, stop it (see sandbox_fixture.h). */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "koppel/error.h"
#include "sandbox_fixture.h"

#define READY_TIMEOUT_MS 30000

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
		buf[n] = '\0';
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int wait_ready(int fd, pid_t pid)
{
	char buf[256];
	size_t have = 0;
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		long spent = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (spent >= READY_TIMEOUT_MS)
			return -1;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, (int)(READY_TIMEOUT_MS - spent));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if (strcmp(buf, "ready\n") == 0)
			return 0;
		if (strlen(buf) >= 6 || waitpid(pid, NULL, WNOHANG) == pid) {
			fprintf(stderr, "sandbox fixture: unexpected stdout '%s'\n", buf);
			return -1;
		}
	}
}

int kp_test_sandbox_start(struct kp_test_sandbox *s, const char *const *extra_args)
{
	const char *root = getenv("KOPPEL_BUILD_ROOT");
	char bin[1024], state[700];
	const char *argv[64];
	int n = 0, pipefd[2];
	struct kp_error err = { 0 };

	memset(s, 0, sizeof *s);
#ifdef KOPPEL_BUILD_ROOT
	if (!root || !*root)
		root = KOPPEL_BUILD_ROOT;
#endif
	if (!root) {
		fprintf(stderr, "sandbox fixture: KOPPEL_BUILD_ROOT is not set\n");
		return -1;
	}
	snprintf(bin, sizeof bin, "%s/src/sandbox/koppel-sandbox", root);
	const char *tmp = getenv("TMPDIR");
	snprintf(s->dir, sizeof s->dir, "%s/kp-test-sandbox-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->dir)) {
		perror("sandbox fixture: mkdtemp");
		s->dir[0] = '\0';
		return -1;
	}
	snprintf(s->info_path, sizeof s->info_path, "%s/info.json", s->dir);
	snprintf(state, sizeof state, "%s/state", s->dir);
	argv[n++] = bin;
	argv[n++] = "--info";
	argv[n++] = s->info_path;
	argv[n++] = "--state-dir";
	argv[n++] = state;
	argv[n++] = "--cleanup-dir"; /* so a crashed test leaves no folder */
	argv[n++] = s->dir;
	for (size_t i = 0; extra_args && extra_args[i] && n < 60; i++)
		argv[n++] = extra_args[i];
	argv[n] = NULL;
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		goto fail;
	pid_t parent = getpid();
	s->pid = fork();
	if (s->pid < 0)
		goto fail;
	if (s->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the test; clean up */
		if (getppid() != parent)
			_exit(127);
		dup2(pipefd[1], 1);
		execv(bin, (char *const *)argv);
		perror("sandbox fixture: exec koppel-sandbox");
		_exit(127);
	}
	close(pipefd[1]);
	int ready = wait_ready(pipefd[0], s->pid);
	close(pipefd[0]);
	if (ready != 0) {
		fprintf(stderr, "sandbox fixture: %s did not print ready\n", bin);
		goto fail;
	}
	char *text = slurp(s->info_path);
	s->info = text ? cJSON_Parse(text) : NULL;
	free(text);
	if (!s->info) {
		fprintf(stderr, "sandbox fixture: cannot read %s\n", s->info_path);
		goto fail;
	}
	if (kp_endpoints_from_sandbox_info(&s->ep, s->info_path, &err) != KP_OK) {
		fprintf(stderr, "sandbox fixture: %s\n", err.msg);
		goto fail;
	}
	const cJSON *cu = cJSON_GetObjectItemCaseSensitive(s->info, "control_url");
	const cJSON *ck = cJSON_GetObjectItemCaseSensitive(s->info, "control_key");
	if (!cJSON_IsString(cu) || !cJSON_IsString(ck))
		goto fail;
	snprintf(s->control_url, sizeof s->control_url, "%s", cu->valuestring);
	snprintf(s->control_key, sizeof s->control_key, "%s", ck->valuestring);
	return 0;
fail:
	kp_test_sandbox_stop(s);
	return -1;
}

void kp_test_sandbox_stop(struct kp_test_sandbox *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		int done = 0;
		for (int i = 0; i < 200 && !done; i++) {
			if (waitpid(s->pid, NULL, WNOHANG) == s->pid)
				done = 1;
			else
				usleep(10000);
		}
		if (!done) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, NULL, 0);
		}
		s->pid = 0;
	}
	if (s->dir[0])
		nftw(s->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	s->dir[0] = '\0';
	cJSON_Delete(s->info);
	s->info = NULL;
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

int kp_test_sandbox_control(struct kp_test_sandbox *s, const char *path, const char *json_body)
{
	char url[700], key[200];
	long status = -1;
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	if (!c)
		return -1;
	snprintf(url, sizeof url, "%s%s", s->control_url, path);
	snprintf(key, sizeof key, "X-Control-Key: %s", s->control_key);
	h = curl_slist_append(h, key);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, s->ep.ca_file);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json_body ? json_body : "{}");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return (int)status;
}
