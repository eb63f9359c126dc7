/* chromium_browser.c — test stand-in for a person using a real browser:
 * used as $BROWSER, it starts Debian's chromium headless and drives it over
 * the DevTools protocol (--remote-debugging-pipe): the sandbox's login page
 * is filled in and "Inloggen" clicked, then "Toestaan", and the browser
 * follows the redirect to koppel's loopback listener on its own.
 *
 * Chromium trusts the sandbox only through the CA's public key pin
 * (--ignore-certificate-errors-spki-list), nothing wider.
 * Configuration as fake_browser.c: KOPPEL_TEST_SANDBOX_INFO,
 * KOPPEL_TEST_LOKET_USER (default demo). Exit 0 when the loopback page
 * "Consent received" was reached. */
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int to_chrome = -1, from_chrome = -1, next_id = 1;
static char rbuf[1 << 20];
static size_t rlen;

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

/* base64(SHA-256(SubjectPublicKeyInfo)) of the first certificate in pem. */
static int spki_pin(const char *pem_path, char *out, size_t outlen)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d, b64;
	unsigned char id[32];
	size_t idlen = sizeof id;
	char *pem = slurp(pem_path);
	int rc = -1;
	if (!pem)
		return -1;
	d.data = (unsigned char *)pem;
	d.size = (unsigned)strlen(pem);
	gnutls_x509_crt_init(&crt);
	if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM) == 0 &&
	    gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA256, id, &idlen) == 0) {
		gnutls_datum_t raw = {id, (unsigned)idlen};
		if (gnutls_base64_encode2(&raw, &b64) == 0) {
			snprintf(out, outlen, "%.*s", (int)b64.size, b64.data);
			gnutls_free(b64.data);
			rc = 0;
		}
	}
	gnutls_x509_crt_deinit(crt);
	free(pem);
	return rc;
}

/* Send a command (NUL-terminated JSON); return its id. */
static int send_cmd(const char *method, cJSON *params, const char *session)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	int id = next_id++;
	cJSON_AddNumberToObject(o, "id", id);
	cJSON_AddStringToObject(o, "method", method);
	if (session)
		cJSON_AddStringToObject(o, "sessionId", session);
	cJSON_AddItemToObject(o, "params", params ? params : cJSON_CreateObject());
	s = cJSON_PrintUnformatted(o);
	if (write(to_chrome, s, strlen(s) + 1) < 0)
		id = -1;
	free(s);
	cJSON_Delete(o);
	return id;
}

/* Wait for the reply to id (events are skipped); NULL on timeout. */
static cJSON *wait_reply(int id, int timeout_ms)
{
	for (;;) {
		char *nul = memchr(rbuf, '\0', rlen);
		if (nul) {
			size_t len = (size_t)(nul - rbuf) + 1;
			cJSON *o = cJSON_Parse(rbuf);
			memmove(rbuf, rbuf + len, rlen - len);
			rlen -= len;
			cJSON *jid = cJSON_GetObjectItem(o, "id");
			if (cJSON_IsNumber(jid) && jid->valueint == id)
				return o;
			cJSON_Delete(o);
			continue;
		}
		struct pollfd p = {from_chrome, POLLIN, 0};
		if (poll(&p, 1, timeout_ms) <= 0)
			return NULL;
		ssize_t n = read(from_chrome, rbuf + rlen, sizeof rbuf - rlen - 1);
		if (n <= 0)
			return NULL;
		rlen += (size_t)n;
	}
}

static cJSON *call(const char *method, cJSON *params, const char *session)
{
	int id = send_cmd(method, params, session);
	return id < 0 ? NULL : wait_reply(id, 20000);
}

int main(int argc, char **argv)
{
	const char *info_path = getenv("KOPPEL_TEST_SANDBOX_INFO");
	const char *user = getenv("KOPPEL_TEST_LOKET_USER");
	const char *password = NULL, *ca;
	char *info_txt, pin[128], flag[400], udd[] = "/tmp/koppel-chromium-XXXXXX", js[1024];
	char session[128] = "";
	cJSON *info, *u, *r;
	int in[2], out[2], rc = 1, devnull;
	pid_t pid;
	posix_spawn_file_actions_t fa;
	if (argc < 2 || !info_path)
		return 2;
	user = user && *user ? user : "demo";
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
	if (!ca || !password || spki_pin(ca, pin, sizeof pin) < 0 || !mkdtemp(udd)) {
		fprintf(stderr, "chromium_browser: bad sandbox info\n");
		return 2;
	}
	{ /* the server's own certificate too: the chain it sends may stop at the leaf */
		char server[4096], pin2[128];
		const char *slash = strrchr(ca, '/');
		snprintf(server, sizeof server, "%.*s/server.pem", slash ? (int)(slash - ca) : 1,
			 slash ? ca : ".");
		if (spki_pin(server, pin2, sizeof pin2) == 0)
			snprintf(flag, sizeof flag, "--ignore-certificate-errors-spki-list=%s,%s",
				 pin, pin2);
		else
			snprintf(flag, sizeof flag, "--ignore-certificate-errors-spki-list=%s",
				 pin);
	}
	char uddflag[128];
	snprintf(uddflag, sizeof uddflag, "--user-data-dir=%s", udd);
	char *args[] = {"chromium",
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--remote-debugging-pipe",
			uddflag,
			flag,
			"about:blank",
			NULL};
	if (pipe(in) < 0 || pipe(out) < 0)
		return 1;
	devnull = open("/dev/null", O_WRONLY);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 3);
	posix_spawn_file_actions_adddup2(&fa, out[1], 4);
	posix_spawn_file_actions_adddup2(&fa, devnull, 1);
	posix_spawn_file_actions_adddup2(&fa, devnull, 2);
	if (posix_spawnp(&pid, "chromium", &fa, NULL, args, environ) != 0) {
		fprintf(stderr, "chromium_browser: cannot start chromium\n");
		return 1;
	}
	close(in[0]);
	close(out[1]);
	to_chrome = in[1];
	from_chrome = out[0];

	/* a page target for the address, and a session on it */
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "url", argv[1]);
	r = call("Target.createTarget", p, NULL);
	const char *tid =
	    cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "result"), "targetId"));
	if (!tid) {
		fprintf(stderr, "chromium_browser: no page target\n");
		goto out;
	}
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "targetId", tid);
	cJSON_AddBoolToObject(p, "flatten", 1);
	cJSON_Delete(r);
	r = call("Target.attachToTarget", p, NULL);
	snprintf(
	    session, sizeof session, "%s",
	    cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "result"), "sessionId"))
		?: "");
	cJSON_Delete(r);
	/* act like a person: fill in and click whatever page is showing */
	char *juser = cJSON_PrintUnformatted(u = cJSON_CreateString(user));
	cJSON_Delete(u);
	char *jpass = cJSON_PrintUnformatted(u = cJSON_CreateString(password));
	cJSON_Delete(u);
	snprintf(js, sizeof js,
		 "(function(){var d=document;"
		 "if(d.body&&d.body.innerText.indexOf('Consent received')>=0)return 'done';"
		 "var u=d.getElementById('username');"
		 "if(u&&!window.__k){window.__k=1;u.value=%s;d.getElementById('password').value=%s;"
		 "d.getElementById('login').click();return 'login';}"
		 "var a=d.getElementById('allow');"
		 "if(a&&!window.__k){window.__k=1;a.click();return 'allow';}"
		 "return 'wait:'+location.href;})()",
		 juser, jpass);
	free(juser);
	free(jpass);
	for (int i = 0; i < 150; i++) {
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "expression", js);
		r = call("Runtime.evaluate", p, session);
		const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(
		    cJSON_GetObjectItem(cJSON_GetObjectItem(r, "result"), "result"), "value"));
		int done = v && strcmp(v, "done") == 0;
		if (getenv("KOPPEL_TEST_BROWSER_DEBUG"))
			fprintf(stderr, "chromium_browser: %s\n", v ? v : "(no value)");
		cJSON_Delete(r);
		if (done) {
			rc = 0;
			break;
		}
		usleep(200 * 1000);
	}
	if (rc)
		fprintf(stderr, "chromium_browser: consent page flow did not finish\n");
out:
	cJSON_Delete(call("Browser.close", NULL, NULL));
	waitpid(pid, NULL, 0);
	{
		char *rm[] = {"rm", "-rf", udd, NULL};
		pid_t rp;
		if (posix_spawnp(&rp, "rm", NULL, NULL, rm, environ) == 0)
			waitpid(rp, NULL, 0);
	}
	cJSON_Delete(info);
	free(info_txt);
	return rc;
}
