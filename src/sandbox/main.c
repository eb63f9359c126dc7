/* koppel-sandbox — AFAS Profit and Loket.nl simulated over HTTPS on
 * 127.0.0.1, for `koppel demo` and for the integration tests.
 *
 * Start-up: state dir → CA + server certificate → demo connector ZIP →
 * listen on 127.0.0.1 (ephemeral port unless --port) → write --info FILE →
 * print exactly "ready" on stdout. Stops on SIGTERM, SIGINT or SIGHUP. */
#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "info.h"
#include "router.h"
#include "sandbox.h"

static void usage(FILE *f)
{
	fputs("Usage: koppel-sandbox [--info FILE] [--state-dir DIR] [--employees N] [--rows N]\n"
	      "                      [--latency-ms L] [--port P] [--cleanup-dir DIR] [--log]\n"
	      "Simulates AFAS Profit and Loket.nl over HTTPS on 127.0.0.1 (docs/sandbox.md).\n"
	      "  --info FILE      write URLs, CA file and demo credentials as JSON\n"
	      "  --state-dir DIR  where the CA, certificate and demo ZIP go (default: new temp dir)\n"
	      "  --employees N    Loket.nl employees per employer (default 30)\n"
	      "  --rows N         rows per AFAS GetConnector (default 150)\n"
	      "  --latency-ms L   delay added to every response (default 0)\n"
	      "  --port P         listen on port P instead of an ephemeral one\n"
	      "  --cleanup-dir D  remove folder D (recursively) when stopping\n"
	      "  --log            one line per answer on stderr (method, path, status)\n"
	      "Prints \"ready\" on stdout once it accepts connections.\n",
	      f);
}

static int parse_num(const char *opt, const char *arg, long min, long max, long *out)
{
	char *end;
	if (!arg) {
		fprintf(stderr, "koppel-sandbox: %s needs a value\n", opt);
		return -1;
	}
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		fprintf(stderr, "koppel-sandbox: %s must be a number from %ld to %ld, not '%s'\n", opt,
			min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	static struct sb_server srv; /* large (token tables): not on the stack */
	struct sb_server *s = &srv;
	const char *info_path = NULL, *state_dir = NULL, *cleanup_dir = NULL;
	long employees = 30, rows = 150, latency = 0, port = 0;
	char msg[512], tmpl[512];
	char *key_pem = NULL, *cert_pem = NULL;
	int made_dir = 0, rc = 1;
	sigset_t sigs;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			puts("koppel-sandbox " KOPPEL_VERSION);
			return 0;
		} else if (strcmp(a, "--info") == 0 && v) {
			info_path = v;
			i++;
		} else if (strcmp(a, "--state-dir") == 0 && v) {
			state_dir = v;
			i++;
		} else if (strcmp(a, "--log") == 0) {
			s->log = 1;
		} else if (strcmp(a, "--cleanup-dir") == 0 && v) {
			cleanup_dir = v;
			i++;
		} else if (strcmp(a, "--employees") == 0) {
			if (parse_num(a, v, 0, 10000000, &employees))
				return 2;
			i++;
		} else if (strcmp(a, "--rows") == 0) {
			if (parse_num(a, v, 0, 10000000, &rows))
				return 2;
			i++;
		} else if (strcmp(a, "--latency-ms") == 0) {
			if (parse_num(a, v, 0, 600000, &latency))
				return 2;
			i++;
		} else if (strcmp(a, "--port") == 0) {
			if (parse_num(a, v, 0, 65535, &port))
				return 2;
			i++;
		} else {
			fprintf(stderr, "koppel-sandbox: unknown or incomplete option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}

	/* Block the stop signals before any thread starts; main waits for them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (gnutls_global_init() < 0) {
		fputs("koppel-sandbox: GnuTLS initialisation failed\n", stderr);
		return 1;
	}
	pthread_mutex_init(&s->lock, NULL);
	s->employees = employees;
	s->rows = rows;
	s->latency_ms = s->latency_base = (int)latency;
	s->access_ttl = 3599;
	s->code_ttl = 60;
	sb_random_hex(s->control_key, 24);
	/* Each instance its own client: the client's secret is kept in the
	 * keyring per client id, and tests share one keyring. */
	{
		char suffix[9];
		sb_random_hex(suffix, 4); /* 4 bytes: 8 hex digits */
		snprintf(s->client_id, sizeof s->client_id, "koppel-sandbox-client-%s", suffix);
	}
	sb_random_hex(s->client_secret, 24);

	if (state_dir) {
		if (mkdir(state_dir, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, "koppel-sandbox: cannot create %s: %s\n", state_dir, strerror(errno));
			goto out;
		}
		snprintf(s->state_dir, sizeof s->state_dir, "%s", state_dir);
	} else {
		const char *t = getenv("TMPDIR");
		snprintf(tmpl, sizeof tmpl, "%s/koppel-sandbox-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmpl)) {
			fprintf(stderr, "koppel-sandbox: cannot create a temporary folder: %s\n",
				strerror(errno));
			goto out;
		}
		snprintf(s->state_dir, sizeof s->state_dir, "%s", tmpl);
		made_dir = 1;
	}
	if (sb_tls_create(s->state_dir, s->ca_file, sizeof s->ca_file, &key_pem, &cert_pem, msg,
			  sizeof msg) != 0) {
		fprintf(stderr, "koppel-sandbox: %s\n", msg);
		goto out;
	}
	snprintf(s->zip_path, sizeof s->zip_path, "%.500s/benefits-plaza-demo-getconnectors.zip",
		 s->state_dir);
	snprintf(s->zip7_path, sizeof s->zip7_path,
		 "%.500s/benefits-plaza-demo-getconnectors-formaat7.zip", s->state_dir);
	if (sb_demo_zip_write(s->zip_path, 8, msg, sizeof msg) != 0 ||
	    sb_demo_zip_write(s->zip7_path, 7, msg, sizeof msg) != 0) {
		fprintf(stderr, "koppel-sandbox: demo ZIP: %s\n", msg);
		goto out;
	}

	struct sockaddr_in addr = { 0 };
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never any other interface */
	s->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_TLS |
			MHD_USE_ERROR_LOG,
		(uint16_t)port, NULL, NULL, sb_access_handler, s, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&addr,
		MHD_OPTION_HTTPS_MEM_KEY, key_pem, MHD_OPTION_HTTPS_MEM_CERT, cert_pem,
		MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-TLS1.1:-VERS-TLS1.0",
		MHD_OPTION_URI_LOG_CALLBACK, sb_uri_logger, s, MHD_OPTION_NOTIFY_COMPLETED,
		sb_request_completed, s, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_END);
	if (!s->daemon) {
		fprintf(stderr, "koppel-sandbox: cannot listen on 127.0.0.1:%ld\n", port);
		goto out;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : (int)port;
	snprintf(s->base_url, sizeof s->base_url, "https://127.0.0.1:%d", s->port);

	if (info_path && sb_info_write(s, info_path, msg, sizeof msg) != 0) {
		fprintf(stderr, "koppel-sandbox: info file: %s\n", msg);
		goto out;
	}
	fputs("ready\n", stdout);
	fflush(stdout);

	int sig = 0;
	sigwait(&sigs, &sig);
	rc = 0;
out:
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	if (key_pem) {
		memset(key_pem, 0, strlen(key_pem));
		free(key_pem);
	}
	free(cert_pem);
	if (made_dir)
		nftw(s->state_dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	/* koppel demo's folder: gone even when koppel itself was killed (we
	 * get SIGTERM through PR_SET_PDEATHSIG and clean up here). */
	if (cleanup_dir)
		nftw(cleanup_dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	gnutls_global_deinit();
	return rc;
}
