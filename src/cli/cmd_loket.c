/* cmd_loket.c — `koppel loket login|rights`: the scriptable twin of the
 * wizard's Loket.nl steps. Secrets are read from the keyring or prompted
 * (echo off); never from argv or the environment. */
#include "cmd_loket.h"
#include "commands.h"
#include "koppel/app.h"
#include "koppel/form.h"
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/loket.h"
#include "koppel/loket_rights.h"
#include "koppel/loopback.h"
#include "koppel/secure.h"
#include "koppel/state.h"
#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Seconds to wait for the browser's callback. */
#define KP_CONSENT_TIMEOUT 300

static atomic_int *interrupt_flag; /* CLI only: the signal handler's target */

static void on_interrupt(int sig)
{
	(void)sig;
	if (interrupt_flag)
		atomic_store(interrupt_flag, 1);
}

void kp_cli_catch_interrupt(struct kp_app *app)
{
	struct sigaction sa = {0};
	interrupt_flag = &app->cancel;
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

void kp_cli_print_error(const struct kp_error *err)
{
	fprintf(stderr, "koppel: %s\n", err->msg[0] ? err->msg : _("Something went wrong."));
	if (err->hint[0])
		fprintf(stderr, "  %s\n", err->hint);
}

static void progress_update(void *ctx, unsigned long done, unsigned long total, const char *label)
{
	(void)ctx;
	if (!isatty(STDERR_FILENO))
		return;
	if (total)
		fprintf(stderr, "\r\033[K%s %lu/%lu", label ? label : "", done, total);
	else
		fprintf(stderr, "\r\033[K%s %lu", label ? label : "", done);
	fflush(stderr);
}

void kp_cli_progress(struct kp_app *app, struct kp_progress *p)
{
	p->update = progress_update;
	p->ctx = NULL;
	p->cancel = &app->cancel;
}

static void progress_end(void)
{
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
}

/* Read one line; with echo off when hidden and stdin is a terminal. The
 * result is a secret buffer (kp_secret_free). NULL at end of input. */
static char *prompt_line(const char *question, int hidden)
{
	struct termios old, noecho;
	int tty = isatty(STDIN_FILENO), restore = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (tty) {
		fprintf(stderr, "%s ", question);
		fflush(stderr);
		if (hidden && tcgetattr(STDIN_FILENO, &old) == 0) {
			noecho = old;
			noecho.c_lflag &= ~(tcflag_t)ECHO;
			restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho) == 0;
		}
	}
	n = getline(&line, &cap, stdin);
	if (restore) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		if (line)
			kp_wipe(line, cap);
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	return line;
}

static int ask_yes(const char *question)
{
	char *a;
	int yes;
	if (!isatty(STDIN_FILENO))
		return 0;
	a = prompt_line(question, 0);
	yes = a && (a[0] == 'y' || a[0] == 'Y' || a[0] == 'j' || a[0] == 'J');
	free(a);
	return yes;
}

/* Parse --employer values (GUID or number, repeatable, also comma lists). */
static enum kp_err parse_ids(const char *const *v, size_t n, struct kp_werkgever_id **ids,
			     size_t *nids, struct kp_error *err)
{
	size_t len = 1;
	char *joined;
	enum kp_err rc;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	joined = calloc(1, len);
	if (!joined)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	for (size_t i = 0; i < n; i++) {
		strcat(joined, v[i]);
		strcat(joined, " ");
	}
	rc = kp_werkgever_ids_parse(joined, ids, nids, err);
	free(joined);
	return rc;
}

int kp_cli_loket_configured(struct kp_app *app)
{
	const char **v = NULL;
	size_t n = kp_state_get_strv(&app->state, "loket.employers", &v);
	free(v);
	return kp_loket_client_id(app) && n > 0;
}

enum kp_err kp_cli_loket_resolve(struct kp_app *app, const char *const *given, size_t n,
				 struct kp_error *err)
{
	struct kp_werkgever_id *ids = NULL;
	size_t nids = 0;
	struct kp_progress p;
	enum kp_err rc;
	rc = n ? parse_ids(given, n, &ids, &nids, err)
	       : kp_loket_settings_ids(app, &ids, &nids, err);
	if (rc)
		return rc;
	kp_cli_progress(app, &p);
	rc = kp_loket_fetch_employers(app, &p, err);
	progress_end();
	if (rc == KP_OK)
		kp_loket_resolve(app, ids, nids);
	free(ids);
	return rc;
}

/* The client id from settings or a prompt (it is not a secret). */
static enum kp_err ensure_client_id(struct kp_app *app, struct kp_error *err)
{
	char *id;
	if (kp_loket_client_id(app))
		return KP_OK;
	if (!isatty(STDIN_FILENO))
		return kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Run `koppel loket login` on a terminal once, or use the wizard."),
		    _("No OAuth client id for Loket.nl is set."));
	id = prompt_line(_("OAuth client id for Loket.nl:"), 0);
	if (!id || !*id) {
		free(id);
		return kp_error_set(err, KP_ERR_USAGE, NULL, _("No OAuth client id was entered."));
	}
	kp_state_set_str(&app->state, "loket.client_id", id);
	free(id);
	return KP_OK;
}

/* The client secret from the keyring, else a hidden prompt (stored). */
static enum kp_err ensure_client_secret(struct kp_app *app, struct kp_error *err)
{
	struct kp_error e = {0};
	char *s = NULL;
	enum kp_err rc = kp_loket_client_secret(app, &s, &e);
	if (rc == KP_OK) {
		kp_secret_free(s);
		return KP_OK;
	}
	if (rc != KP_ERR_NOTFOUND) {
		*err = e;
		return rc;
	}
	s = prompt_line(_("OAuth client secret (empty when the client has none):"), 1);
	if (!s)
		return KP_OK; /* end of input: try as a public client */
	if (*s)
		rc = kp_loket_client_secret_set(app, s, 1, err);
	else
		rc = KP_OK;
	kp_secret_free(s);
	return rc;
}

static enum kp_err consent_browser(struct kp_app *app, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = app->loket;
	struct kp_oauth_callback cb;
	struct kp_progress p;
	struct kp_error be = {0};
	enum kp_err rc = kp_loket_consent_begin(app, 1, err);
	if (rc)
		return rc;
	printf("%s\n\n  %s\n\n",
	       _("Sign in to Loket.nl and choose \"Toestaan\" (Allow). If no "
		 "browser opens, open this address yourself:"),
	       ctx->authorize_url);
	fflush(stdout);
	if (kp_loket_open_browser(ctx->authorize_url, &be))
		fprintf(stderr, "koppel: %s\n", be.msg);
	kp_cli_progress(app, &p);
	rc = kp_loopback_wait(ctx->loopback, KP_CONSENT_TIMEOUT, &p, &cb, err);
	progress_end();
	if (rc == KP_OK)
		rc = kp_loket_exchange(app, cb.code, ctx->redirect_uri, ctx->pkce.verifier, err);
	kp_wipe(&cb, sizeof cb);
	kp_loket_consent_end(app);
	return rc;
}

static enum kp_err consent_paste(struct kp_app *app, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = app->loket;
	struct kp_oauth_callback cb;
	char *line;
	enum kp_err rc = kp_loket_consent_begin(app, 0, err);
	if (rc)
		return rc;
	printf("%s\n\n  %s\n\n%s\n",
	       _("Open this address in a browser on any machine, sign in to "
		 "Loket.nl and choose \"Toestaan\" (Allow):"),
	       ctx->authorize_url,
	       _("The browser then ends on an address starting with http://127.0.0.1 that shows "
		 "an error page — that is expected. Copy that whole address from the address bar "
		 "and paste it here."));
	fflush(stdout);
	line = prompt_line(_("Address:"), 0);
	if (!line) {
		kp_loket_consent_end(app);
		return kp_error_set(err, KP_ERR_CANCELLED, NULL, _("No address was pasted."));
	}
	rc = kp_oauth_parse_callback_url(line, ctx->redirect_uri, &cb, err);
	if (!rc)
		rc = kp_oauth_check_callback(&cb, ctx->state, err);
	if (!rc)
		rc = kp_loket_exchange(app, cb.code, ctx->redirect_uri, ctx->pkce.verifier, err);
	kp_secret_free(line);
	kp_wipe(&cb, sizeof cb);
	kp_loket_consent_end(app);
	return rc;
}

static enum kp_err consent_manual(struct kp_app *app, struct kp_error *err)
{
	struct kp_oauth_tokens t = {0};
	enum kp_err rc;
	printf("%s\n", _("Type (or paste) the access token and the refresh token; they are not "
			 "shown."));
	t.access_token = prompt_line(_("Access token:"), 1);
	t.refresh_token = t.access_token ? prompt_line(_("Refresh token:"), 1) : NULL;
	if (!t.access_token || !t.refresh_token || !*t.access_token || !*t.refresh_token) {
		kp_oauth_tokens_free(&t);
		return kp_error_set(err, KP_ERR_USAGE, _("Enter both tokens."),
				    _("An access token and a refresh token are both needed."));
	}
	/* the real expiry is unknown: a 401 triggers a refresh, which learns it */
	t.expires_at = (long long)time(NULL) + 3599;
	rc = kp_loket_tokens_save(app, &t, err);
	kp_oauth_tokens_free(&t);
	return rc;
}

static void print_resolved(struct kp_app *app)
{
	struct kp_loket_ctx *ctx = app->loket;
	for (size_t i = 0; i < ctx->n_resolved; i++) {
		const struct kp_loket_resolved *r = &ctx->resolved[i];
		if (r->reachable)
			printf("  %s %s (%ld, %s)\n", kp_status_mark(KP_ST_OK, app->utf8),
			       r->emp.name, r->emp.number, r->emp.id);
		else
			printf("  %s %s: %s\n", kp_status_mark(KP_ST_FAIL, app->utf8),
			       r->input.value,
			       _("not reachable for this user: it is not linked to this employer, "
				 "directly or through a team"));
	}
}

static const char *login_usage(void)
{
	return _("Usage: koppel loket login [--employer ID]... [--no-browser|--manual-tokens]");
}

static const char *rights_usage(void)
{
	return _("Usage: koppel loket rights [--employer ID]... [--json]");
}

/* Split "--employer=X" / "--employer X"; returns the value or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static int cmd_login(struct kp_app *app, int argc, char **argv)
{
	const char **given = calloc((size_t)argc + 1, sizeof *given);
	struct kp_werkgever_id *ids = NULL;
	struct kp_error err = {0};
	size_t n_given = 0, nids = 0;
	int mode = 0, code = 1; /* 0 browser, 1 paste, 2 manual */
	enum kp_err rc;
	if (!given)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = opt_value(argc, argv, &i, "--employer")))
			given[n_given++] = v;
		else if (strcmp(argv[i], "--no-browser") == 0 && mode == 0)
			mode = 1;
		else if (strcmp(argv[i], "--manual-tokens") == 0 && mode == 0)
			mode = 2;
		else {
			free(given);
			if (strcmp(argv[i], "--no-browser") == 0 || strcmp(argv[i], "--manual-tokens") == 0)
				return kp_cli_usage(login_usage(), "%s",
						    _("--no-browser and --manual-tokens exclude each "
						      "other."));
			if (strcmp(argv[i], "--employer") == 0)
				return kp_cli_usage(login_usage(), _("%s needs a value."), argv[i]);
			return kp_cli_usage(login_usage(), _("unknown option '%s'."), argv[i]);
		}
	}
	if (n_given && parse_ids(given, n_given, &ids, &nids, &err)) {
		kp_cli_print_error(&err);
		free(given);
		return 2;
	}
	if (!kp_loket_ctx_get(app))
		goto out;
	kp_cli_catch_interrupt(app);
	if ((rc = ensure_client_id(app, &err)))
		goto fail;
	/* keyring first: a fresh token must never be lost */
	if ((rc = kp_keyring_probe(&err))) {
		kp_cli_print_error(&err);
		if (!ask_yes(_("Continue without saving the tokens (they last for this run only)? "
			       "[y/N]")))
			goto out;
		app->loket->no_keyring = 1;
		kp_error_clear(&err);
	}
	if (mode != 2 && (rc = ensure_client_secret(app, &err)))
		goto fail;
	rc = mode == 0	 ? consent_browser(app, &err)
	     : mode == 1 ? consent_paste(app, &err)
			 : consent_manual(app, &err);
	if (rc)
		goto fail;
	printf("%s\n", app->loket->no_keyring
			   ? _("Consent given; the tokens are kept for this run only.")
			   : _("Consent given; the tokens are stored in the keyring."));
	if (nids)
		kp_loket_settings_set_ids(app, ids, nids);
	kp_state_save(&app->state, NULL);
	/* prove the tokens work and show who is reachable */
	if (nids || kp_cli_loket_configured(app)) {
		if ((rc = kp_cli_loket_resolve(app, NULL, 0, &err)))
			goto fail;
		print_resolved(app);
		code = 0;
		for (size_t i = 0; i < app->loket->n_resolved; i++)
			if (!app->loket->resolved[i].reachable)
				code = 1;
	} else {
		struct kp_progress p;
		kp_cli_progress(app, &p);
		rc = kp_loket_fetch_employers(app, &p, &err);
		progress_end();
		if (rc)
			goto fail;
		printf(_("This user reaches %zu employer(s).\n"), app->loket->n_reachable);
		code = 0;
	}
	goto out;
fail:
	kp_cli_print_error(&err);
out:
	free(ids);
	free(given);
	return code;
}

static void print_matrix(struct kp_app *app, const struct kp_loket_rights_report *rep)
{
	char rem[512];
	for (size_t i = 0; i < rep->n; i++) {
		const struct kp_loket_rights_row *row = &rep->rows[i];
		if (!row->reachable) {
			printf("%s %s\n  %s\n\n", kp_status_mark(KP_ST_FAIL, app->utf8), row->input,
			       row->cause);
			continue;
		}
		printf("%s (%ld, %s)\n", row->name, row->number, row->id);
		printf("  %-32s %-14s %s\n", _("right"), _("activities"), _("probe"));
		for (size_t k = 0; k < kp_loket_n_rights; k++) {
			const struct kp_loket_right_result *r = &row->r[k];
			const char *yn[] = {"?", _("yes"), _("no")};
			printf("%s %-32s %-14s %s\n",
			       kp_status_mark(kp_loket_right_status(r), app->utf8),
			       kp_loket_rights[k].name, yn[r->listed], yn[r->probe]);
			if (!kp_loket_right_ok(r)) {
				kp_loket_right_remedy(&kp_loket_rights[k], row->name, rem,
						      sizeof rem);
				printf("      %s\n", rem);
			} else if (r->note[0] && kp_loket_right_status(r) != KP_ST_OK) {
				printf("      %s\n", r->note);
			}
		}
		printf("\n");
	}
	printf("%s\n", rep->user_note);
	/* offer what else is reachable: the user may have forgotten an entity */
	struct kp_loket_ctx *ctx = app->loket;
	int header = 0;
	for (size_t j = 0; j < ctx->n_reachable; j++) {
		int listed = 0;
		for (size_t i = 0; i < rep->n; i++)
			listed |= strcmp(rep->rows[i].id, ctx->reachable[j].id) == 0;
		if (listed)
			continue;
		if (!header++)
			printf("\n%s\n", _("Other employers this user can reach:"));
		printf("  %s (%ld, %s)\n", ctx->reachable[j].name, ctx->reachable[j].number,
		       ctx->reachable[j].id);
	}
}

static int cmd_rights(struct kp_app *app, int argc, char **argv)
{
	const char **given = calloc((size_t)argc + 1, sizeof *given);
	struct kp_error err = {0};
	struct kp_progress p;
	size_t n_given = 0;
	int json = 0, code = 1;
	enum kp_err rc;
	if (!given)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = opt_value(argc, argv, &i, "--employer")))
			given[n_given++] = v;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else {
			free(given);
			if (strcmp(argv[i], "--employer") == 0)
				return kp_cli_usage(rights_usage(), _("%s needs a value."), argv[i]);
			return kp_cli_usage(rights_usage(), _("unknown option '%s'."), argv[i]);
		}
	}
	if (!kp_loket_ctx_get(app))
		goto out;
	kp_cli_catch_interrupt(app);
	rc = kp_cli_loket_resolve(app, given, n_given, &err);
	if (rc == KP_ERR_USAGE) {
		kp_cli_print_error(&err);
		code = 2;
		goto out;
	}
	if (!rc) {
		kp_cli_progress(app, &p);
		rc = kp_loket_rights_check(app, &p, &err);
		progress_end();
	}
	if (rc) {
		kp_cli_print_error(&err);
		goto out;
	}
	if (json) {
		cJSON *o = kp_loket_rights_json(app->loket->rights);
		char *s = cJSON_Print(o);
		printf("%s\n", s ? s : "{}");
		free(s);
		cJSON_Delete(o);
	} else {
		print_matrix(app, app->loket->rights);
	}
	code = app->loket->rights->all_ok ? 0 : 1;
out:
	kp_state_save(&app->state, NULL);
	free(given);
	return code;
}

int kp_cmd_loket(struct kp_app *app, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "login") == 0)
		return cmd_login(app, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rights") == 0)
		return cmd_rights(app, argc - 1, argv + 1);
	fprintf(stderr, "koppel: %s\n",
		argc < 2 ? _("say what to do: login or rights.") : _("unknown command."));
	fprintf(stderr, "%s\n%s\n", login_usage(), rights_usage());
	return 2;
}
