/* sandbox_child.c — `koppel demo`: run koppel-sandbox as a child process.
 *
 * The child gets a private 0700 temporary folder (state, CA, info file, its
 * log), its own process group (so the terminal's Ctrl-C reaches koppel, not
 * the sandbox) and PR_SET_PDEATHSIG (so it dies when koppel dies, even on a
 * crash). Note: the death signal follows the *thread* that forked, so call
 * kp_sandbox_start from the main thread. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/sandbox_child.h"

#define READY_TIMEOUT_MS 20000

struct kp_sandbox_child {
	pid_t pid;
	char dir[PATH_MAX];
};

static int exists_exec(const char *path)
{
	return access(path, X_OK) == 0;
}

/* Next to koppel; in the build tree (src/cli/koppel → src/sandbox/);
 * KOPPEL_LIBEXECDIR (environment, then the configured directory). */
static int find_sandbox(char *out, size_t outlen)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, outlen, "%.3900s/koppel-sandbox", exe);
			if (exists_exec(out))
				return 0;
			snprintf(out, outlen, "%.3900s/../sandbox/koppel-sandbox", exe);
			if (exists_exec(out))
				return 0;
		}
	}
	const char *env = getenv("KOPPEL_LIBEXECDIR");
	if (env && *env) {
		snprintf(out, outlen, "%s/koppel-sandbox", env);
		if (exists_exec(out))
			return 0;
	}
#ifdef KOPPEL_LIBEXECDIR
	snprintf(out, outlen, "%s/koppel-sandbox", KOPPEL_LIBEXECDIR);
	if (exists_exec(out))
		return 0;
#endif
	/* Tests run from build/tests/...: they name the build root. */
	const char *root = getenv("KOPPEL_BUILD_ROOT");
	if (root && *root) {
		snprintf(out, outlen, "%s/src/sandbox/koppel-sandbox", root);
		if (exists_exec(out))
			return 0;
	}
	return -1;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *dir)
{
	if (dir[0])
		nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Last non-empty line of the child's log, for the error message. */
static void last_log_line(const char *dir, char *out, size_t outlen)
{
	char path[PATH_MAX + 32], line[512];
	out[0] = '\0';
	snprintf(path, sizeof path, "%s/sandbox.log", dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0])
			snprintf(out, outlen, "%s", line);
	}
	fclose(f);
}

static void child_exec(const char *bin, const char *dir, int out_fd, pid_t parent)
{
	char info[PATH_MAX + 32], state[PATH_MAX + 32], log[PATH_MAX + 32];
	snprintf(info, sizeof info, "%s/info.json", dir);
	snprintf(state, sizeof state, "%s/state", dir);
	snprintf(log, sizeof log, "%s/sandbox.log", dir);
	/* Die with koppel, even when koppel crashes. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
	setpgid(0, 0);
	int devnull = open("/dev/null", O_RDONLY);
	int logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (devnull < 0 || logfd < 0 || dup2(devnull, 0) < 0 || dup2(out_fd, 1) < 0 ||
	    dup2(logfd, 2) < 0)
		_exit(127);
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	char *const argv[] = { (char *)bin, "--info", info, "--state-dir", state, "--cleanup-dir",
			       (char *)dir, NULL };
	execv(bin, argv);
	_exit(127);
}

/* Wait for the line "ready" on fd; 0 = ready. */
static int wait_ready(int fd, pid_t pid)
{
	char buf[64];
	size_t have = 0;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long spent = (now.tv_sec - start.tv_sec) * 1000 +
			     (now.tv_nsec - start.tv_nsec) / 1000000;
		if (spent >= READY_TIMEOUT_MS)
			return -2;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, (int)(READY_TIMEOUT_MS - spent));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -2;
		ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1; /* closed: the child exited */
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, "ready\n"))
			return 0;
		if (have >= sizeof buf - 1)
			return -1;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -1;
	}
}

static const char *participant_text(const char *number, const char *fallback)
{
	if (strcmp(number, "12345") == 0)
		return _("every Benefits-Plaza connector assigned");
	if (strcmp(number, "23456") == 0)
		return _("one connector not assigned");
	if (strcmp(number, "34567") == 0)
		return _("token revoked");
	return fallback;
}

static const char *user_text(const char *username, const char *fallback)
{
	if (strcmp(username, "demo") == 0)
		return _("all six rights on three employers");
	if (strcmp(username, "beperkt") == 0)
		return _("two rights missing on one employer");
	if (strcmp(username, "webservice") == 0)
		return _("webservice user: cannot log in");
	return fallback;
}

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(*buf ? *buf + *len : NULL, *buf ? *cap - *len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (*buf && *len + (size_t)n < *cap) {
			*len += (size_t)n;
			return;
		}
		size_t ncap = (*cap ? *cap : 512) * 2 + (size_t)n;
		char *nb = realloc(*buf, ncap);
		if (!nb)
			return;
		*buf = nb;
		*cap = ncap;
	}
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* The welcome screen's text and the ZIP path, from the info file. */
static enum kp_err read_demo_details(struct kp_app *app, const char *info_path,
				     struct kp_error *err)
{
	FILE *f = fopen(info_path, "rb");
	char *data = NULL, *text = NULL, *afas = NULL, *loket = NULL;
	size_t len = 0, cap = 0, alen = 0, acap = 0, llen = 0, lcap = 0;
	enum kp_err rc = KP_ERR_PARSE;
	cJSON *root = NULL;
	if (!f)
		goto bad;
	data = calloc(1, 65536);
	if (!data) {
		fclose(f);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	}
	fread(data, 1, 65535, f);
	fclose(f);
	root = cJSON_Parse(data);
	if (!cJSON_IsObject(root))
		goto bad;
	/* Lines fit 80 columns: the token's data part only (version 1), which
	 * the token step accepts as well as the whole XML. The ZIP is offered
	 * in the ZIP step itself. */
	append(&text, &len, &cap, "%s\n", _("Demo accounts of the built-in sandbox (made up; AFAS tokens are version 1):"));
	const cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(root, "afas_participants"))
	{
		const char *xml = jstr(p, "token"), *d = strstr(xml, "<data>"), *e = strstr(xml, "</data>");
		append(&text, &len, &cap, _("AFAS participant %s: %s"), jstr(p, "participant"),
		       participant_text(jstr(p, "participant"), jstr(p, "purpose")));
		if (d && e && e > d)
			append(&text, &len, &cap, "\n  %s %.*s\n", _("token:"), (int)(e - d - 6), d + 6);
		else
			append(&text, &len, &cap, "\n  %s %s\n", _("token:"), xml);
		/* the token step shows the first one again: the welcome screen is
		 * steps away by then, and a newcomer has nothing else to paste */
		if (!afas && d && e && e > d)
			append(&afas, &alen, &acap, _("Demo: customer number %s, token version 1, "
						      "token data:\n%.*s"),
			       jstr(p, "participant"), (int)(e - d - 6), d + 6);
	}
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(root, "loket_users"))
	{
		append(&text, &len, &cap, _("Loket.nl user %s, password %s"), jstr(p, "username"),
		       jstr(p, "password"));
		append(&text, &len, &cap, "\n  %s\n", user_text(jstr(p, "username"), jstr(p, "purpose")));
	}
	/* the Werkgever IDs step asks for them; the number is enough */
	const cJSON *emps = cJSON_GetObjectItemCaseSensitive(root, "loket_employers");
	if (cJSON_GetArraySize(emps) > 0)
		append(&text, &len, &cap, "%s\n", _("Loket.nl employers (type the number as Werkgever ID):"));
	cJSON_ArrayForEach(p, emps)
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(p, "employerNumber");
		append(&loket, &llen, &lcap, "%s%d", loket ? " " : "",
		       cJSON_IsNumber(n) ? n->valueint : 0);
		append(&text, &len, &cap, "  %d %s%s\n", cJSON_IsNumber(n) ? n->valueint : 0,
		       jstr(p, "companyName"),
		       cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "main"))
			   ? _(" (main entity)")
			   : _(" (underlying)"));
	}
	if (!text || !*jstr(root, "afas_zip"))
		goto bad;
	free(app->demo_credentials);
	free(app->sandbox_afas_zip);
	free(app->demo_afas_hint);
	free(app->demo_loket_hint);
	app->demo_credentials = text;
	app->sandbox_afas_zip = strdup(jstr(root, "afas_zip"));
	app->demo_afas_hint = afas;
	app->demo_loket_hint = NULL;
	if (loket && asprintf(&app->demo_loket_hint,
			      _("Demo: the sandbox's Werkgever IDs are %s (the first is the main "
				"entity)."),
			      loket) < 0)
		app->demo_loket_hint = NULL;
	text = afas = NULL;
	rc = app->sandbox_afas_zip ? KP_OK : KP_ERR_NOMEM;
	goto out;
bad:
	rc = kp_error_set(err, KP_ERR_PARSE, _("Restart koppel demo; if it happens again, reinstall koppel."),
			  "%s", _("The demo sandbox's description could not be read."));
out:
	free(text);
	free(afas);
	free(loket);
	if (data) {
		memset(data, 0, 65536); /* demo passwords */
		free(data);
	}
	cJSON_Delete(root);
	return rc;
}

enum kp_err kp_sandbox_start(struct kp_app *app, struct kp_error *err)
{
	char bin[PATH_MAX], info[PATH_MAX + 32], why[512];
	struct kp_sandbox_child *sc = NULL;
	int pipefd[2] = { -1, -1 };
	enum kp_err rc;

	if (app->sandbox)
		return KP_OK;
	if (find_sandbox(bin, sizeof bin) != 0)
		return kp_error_set(err, KP_ERR_NOTFOUND,
				    _("Install koppel completely (or build it with ninja) so that "
				      "koppel-sandbox sits next to the koppel program."),
				    "%s", _("The demo sandbox (koppel-sandbox) was not found."));
	sc = calloc(1, sizeof *sc);
	if (!sc)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	const char *tmp = getenv("TMPDIR");
	snprintf(sc->dir, sizeof sc->dir, "%s/koppel-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(sc->dir)) {
		rc = kp_error_set(err, KP_ERR_IO, _("Make sure the temporary folder (TMPDIR or /tmp) is writable."),
				  _("Could not create a temporary folder for the demo sandbox: %s."),
				  strerror(errno));
		sc->dir[0] = '\0';
		goto fail;
	}
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		rc = kp_error_set(err, KP_ERR_INTERNAL, NULL, _("Could not start the demo sandbox: %s."),
				  strerror(errno));
		goto fail;
	}
	pid_t parent = getpid();
	sc->pid = fork();
	if (sc->pid < 0) {
		rc = kp_error_set(err, KP_ERR_INTERNAL, NULL, _("Could not start the demo sandbox: %s."),
				  strerror(errno));
		sc->pid = 0;
		goto fail;
	}
	if (sc->pid == 0)
		child_exec(bin, sc->dir, pipefd[1], parent);
	close(pipefd[1]);
	pipefd[1] = -1;
	int ready = wait_ready(pipefd[0], sc->pid);
	close(pipefd[0]);
	pipefd[0] = -1;
	if (ready != 0) {
		last_log_line(sc->dir, why, sizeof why);
		if (ready == -2)
			rc = kp_error_set(err, KP_ERR_TIMEOUT, _("Try again; if it keeps failing, run koppel-sandbox by hand to see why."),
					  _("The demo sandbox did not start within %d seconds. %s"),
					  READY_TIMEOUT_MS / 1000, why);
		else
			rc = kp_error_set(err, KP_ERR_INTERNAL, _("Try again; if it keeps failing, run koppel-sandbox by hand to see why."),
					  _("The demo sandbox stopped while starting. %s"), why);
		goto fail;
	}
	snprintf(info, sizeof info, "%s/info.json", sc->dir);
	rc = kp_endpoints_from_sandbox_info(&app->ep, info, err);
	if (rc != KP_OK)
		goto fail;
	rc = read_demo_details(app, info, err);
	if (rc != KP_OK)
		goto fail;
	app->http.ca_file = app->ep.ca_file;
	app->demo = 1;
	snprintf(app->environment, sizeof app->environment, "sandbox");
	app->sandbox = sc;
	return KP_OK;
fail:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	app->sandbox = sc;
	kp_sandbox_stop(app);
	return rc;
}

void kp_sandbox_stop(struct kp_app *app)
{
	struct kp_sandbox_child *sc = app ? app->sandbox : NULL;
	if (!sc)
		return;
	if (sc->pid > 0) {
		kill(sc->pid, SIGTERM);
		int done = 0;
		for (int i = 0; i < 200 && !done; i++) { /* 2 s in 10 ms steps */
			pid_t w = waitpid(sc->pid, NULL, WNOHANG);
			if (w == sc->pid || (w < 0 && errno == ECHILD))
				done = 1;
			else
				usleep(10000);
		}
		if (!done) {
			kill(sc->pid, SIGKILL);
			waitpid(sc->pid, NULL, 0);
		}
	}
	remove_tree(sc->dir);
	free(sc);
	app->sandbox = NULL;
}
