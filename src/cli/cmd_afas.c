/* cmd_afas.c — `koppel afas inspect ZIP [--json]` and
 * `koppel afas check --customer N --env E [--token-file FILE|-] [--zip ZIP]
 * [--save] [--json]`: the scriptable twin of the wizard's AFAS steps 1–4.
 * The token never comes from argv or the environment: a file, stdin, or
 * the keyring. */
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cmd_afas.h"
#include "commands.h"
#include "koppel/afas.h"
#include "koppel/afas_sync.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/keyring.h"
#include "koppel/secure.h"

static void print_error(const struct kp_error *err)
{
	fprintf(stderr, "koppel: %s\n", err->msg);
	if (err->hint[0])
		fprintf(stderr, "%s\n", err->hint);
}

static const char *afas_usage(void)
{
	return _("Usage: koppel afas inspect ZIP [--json]\n"
		 "       koppel afas check --customer N --env production|test|accept\n"
		 "                         [--token-file FILE|-] [--zip ZIP] [--save] [--json]");
}

static cJSON *zip_json(const struct kp_connector_zip *z)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < z->n; i++) {
		const struct kp_gcn *g = &z->items[i].gcn;
		cJSON *o = cJSON_CreateObject(), *fields = cJSON_CreateArray();
		cJSON_AddStringToObject(o, "id", g->connector_id);
		cJSON_AddStringToObject(o, "description", g->description);
		cJSON_AddNumberToObject(o, "version", g->version);
		for (size_t f = 0; f < g->n_fields; f++) {
			cJSON *fo = cJSON_CreateObject();
			cJSON_AddStringToObject(fo, "fieldId", g->fields[f].field_id);
			cJSON_AddStringToObject(fo, "alias", g->fields[f].alias);
			cJSON_AddItemToArray(fields, fo);
		}
		cJSON_AddItemToObject(o, "fields", fields);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void print_json(cJSON *j)
{
	char *s = cJSON_Print(j);

	if (s)
		printf("%s\n", s);
	free(s);
}

static int cmd_inspect(struct kp_app *app, int argc, char **argv)
{
	const char *zip = NULL;
	int json = 0;
	struct kp_connector_zip z;
	struct kp_error err = {0};

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return kp_cli_usage(afas_usage(), _("unknown option '%s'."), argv[i]);
		else if (!zip)
			zip = argv[i];
		else
			return kp_cli_usage(afas_usage(), _("one ZIP at a time ('%s' is one too many)."),
					    argv[i]);
	}
	if (!zip)
		return kp_cli_usage(afas_usage(), "%s", _("name the ZIP to inspect."));
	if (kp_connector_zip_open(zip, &z, NULL, &err) != KP_OK) {
		print_error(&err);
		return 1;
	}
	if (json) {
		cJSON *j = zip_json(&z);
		print_json(j);
		cJSON_Delete(j);
	} else {
		printf(_("%zu connector(s) in %s:\n"), z.n, zip);
		for (size_t i = 0; i < z.n; i++) {
			const struct kp_gcn *g = &z.items[i].gcn;
			printf("  %s  %s\n", kp_status_mark(KP_ST_OK, app->utf8), g->connector_id);
			printf(_("      description: %s\n"), g->description);
			printf(_("      format version %d, %zu fields, file %s\n"), g->version,
			       g->n_fields, z.items[i].name);
		}
		if (z.n_duplicates)
			printf(_("%zu more .gcn file(s) define a connector already listed (for "
				 "example a copy for older Profit versions); the one nearest the "
				 "top of the ZIP is used.\n"),
			       z.n_duplicates);
		printf(
		    "%s\n",
		    _("Import them in AFAS: General → Output → Management → GetConnector → Import "
		      "(Dutch: Algemeen → Uitvoer → Beheer → GetConnector → Importeren)."));
	}
	kp_connector_zip_free(&z);
	return 0;
}

/* Read the token text from a file or stdin ("-") into a secret buffer. */
static enum kp_err read_token_file(const char *path, char **out, struct kp_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	size_t cap = 65536, n = 0, r;
	char *buf;

	*out = NULL;
	if (!f)
		return kp_error_set(err, KP_ERR_IO, _("Check the path of the token file."),
				    _("Cannot read %s: %s."), path, strerror(errno));
	buf = calloc(1, cap);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	}
	while (n < cap - 1 && (r = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += r;
	buf[n] = '\0';
	if (f != stdin)
		fclose(f);
	*out = buf;
	return KP_OK;
}

struct check_opts {
	const char *customer, *env, *token_file, *zip;
	int save, json;
};

/* 0, or the usage error (exit code 2) already printed. */
static int check_parse(int argc, char **argv, struct check_opts *o)
{
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (strcmp(a, "--save") == 0) {
			o->save = 1;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			o->json = 1;
			continue;
		}
		if (strcmp(a, "--customer") == 0)
			dst = &o->customer;
		else if (strcmp(a, "--env") == 0)
			dst = &o->env;
		else if (strcmp(a, "--token-file") == 0)
			dst = &o->token_file;
		else if (strcmp(a, "--zip") == 0)
			dst = &o->zip;
		if (!dst)
			return kp_cli_usage(afas_usage(), _("unknown option '%s'."), a);
		if (i + 1 >= argc)
			return kp_cli_usage(afas_usage(), _("%s needs a value."), a);
		*dst = argv[++i];
	}
	if (!o->customer || !o->env)
		return kp_cli_usage(afas_usage(), "%s",
				    !o->customer ? _("--customer is required.")
						 : _("--env is required."));
	return 0;
}

static cJSON *error_json(const struct kp_error *e)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "code", kp_err_name(e->code));
	if (e->http_status)
		cJSON_AddNumberToObject(o, "httpStatus", (double)e->http_status);
	cJSON_AddStringToObject(o, "message", e->msg);
	cJSON_AddStringToObject(o, "hint", e->hint);
	if (e->ref[0])
		cJSON_AddStringToObject(o, "profitLogReference", e->ref);
	return o;
}

static const char *assign_word(enum kp_afas_assign_state s)
{
	switch (s) {
	case KP_ASSIGN_OK:
		return "ok";
	case KP_ASSIGN_MISSING:
		return "missing";
	case KP_ASSIGN_OUTDATED:
		return "outdated";
	case KP_ASSIGN_ERROR:
		return "error";
	default:
		return "unknown";
	}
}

static int cmd_check(struct kp_app *app, int argc, char **argv)
{
	struct check_opts o = {0};
	struct kp_error err = {0};
	struct kp_afas_token tok = {0};
	struct kp_afas_conn conn = {0};
	struct kp_afas_metainfo meta = {0};
	struct kp_connector_zip zip = {0};
	struct kp_afas_assign *assign = NULL;
	size_t n_assign = 0, n_list = 0;
	const char **list = NULL;
	char *text = NULL;
	int ok = 0, token_ok = 0, saved = 0, zip_loaded = 0;
	cJSON *j = cJSON_CreateObject(), *conns = NULL;
	char abs_zip[PATH_MAX] = "";

	if (check_parse(argc, argv, &o)) {
		cJSON_Delete(j);
		return 2;
	}
	if (!kp_afas_participant_valid(o.customer) || !kp_afas_environment_valid(o.env)) {
		fprintf(stderr, "koppel: %s\n",
			!kp_afas_participant_valid(o.customer)
			    ? _("--customer takes the 5-digit AFAS customer number (10000-99999).")
			    : _("--env takes production, test or accept."));
		cJSON_Delete(j);
		return 2;
	}
	cJSON_AddStringToObject(j, "customer", o.customer);
	cJSON_AddStringToObject(j, "environment", o.env);

	/* The ZIP first: a broken ZIP is reported before any network call. */
	if (o.zip) {
		if (kp_connector_zip_open(o.zip, &zip, NULL, &err) != KP_OK)
			goto fail;
		zip_loaded = 1;
		if (!realpath(o.zip, abs_zip))
			snprintf(abs_zip, sizeof abs_zip, "%s", o.zip);
	} else {
		/* The ZIP saved earlier gives the full check (fields too); if it
		 * has gone, the saved connector list still checks the assignment. */
		const char *saved_zip = kp_state_get_str(&app->state, "afas.zip");
		struct kp_error ignored = {0};
		if (saved_zip && kp_connector_zip_open(saved_zip, &zip, NULL, &ignored) == KP_OK)
			zip_loaded = 1;
		else
			n_list = kp_state_get_strv(&app->state, "afas.connectors", &list);
	}

	/* The token: file, stdin, or the keyring. */
	if (o.token_file) {
		if (read_token_file(o.token_file, &text, &err) != KP_OK)
			goto fail;
		if (kp_afas_token_parse(text, NULL, &tok, NULL, &err) != KP_OK)
			goto fail;
	} else {
		struct kp_secret_key key = {"afas", kp_afas_keyring_env(app, o.env), o.customer};
		if (kp_keyring_lookup(&key, &text, &err) != KP_OK) {
			if (err.code == KP_ERR_NOTFOUND) {
				kp_error_clear(&err);
				kp_error_set(
				    &err, KP_ERR_NOTFOUND,
				    _("Give the token with --token-file FILE (or - for standard "
				      "input), or store it with the wizard or --save."),
				    _("No token for customer %s (%s) in the keyring."), o.customer,
				    o.env);
			}
			goto fail;
		}
		if (kp_afas_token_parse(text, NULL, &tok, NULL, &err) != KP_OK)
			goto fail;
	}
	kp_secret_free(text);
	text = NULL;

	if (kp_afas_conn_init(&conn, &app->ep, &app->http, o.customer, o.env, &tok, &err) != KP_OK)
		goto fail;
	if (kp_afas_metainfo(&conn, &meta, &err) != KP_OK)
		goto fail;
	token_ok = 1;
	{
		cJSON *t = cJSON_CreateObject();
		cJSON_AddBoolToObject(t, "ok", 1);
		cJSON_AddStringToObject(t, "envid", meta.envid);
		cJSON_AddStringToObject(t, "appName", meta.app_name);
		cJSON_AddStringToObject(t, "group", meta.group);
		cJSON_AddItemToObject(j, "token", t);
	}
	if (!o.json) {
		printf("%s %s\n", kp_status_mark(KP_ST_OK, app->utf8),
		       _("AFAS accepted the token."));
		printf(_("   environment %s, App Connector \"%s\", user group \"%s\"\n"),
		       meta.envid, meta.app_name, meta.group);
	}

	/* Assignment: the ZIP's connectors with field comparison, or the stored list. */
	ok = 1;
	conns = cJSON_AddArrayToObject(j, "connectors");
	if (zip_loaded) {
		if (kp_afas_assign_check(&conn, &meta, &zip, &assign, &err) != KP_OK)
			goto fail;
		n_assign = zip.n;
		for (size_t i = 0; i < n_assign; i++) {
			cJSON *c = cJSON_CreateObject();
			enum kp_status st = assign[i].state == KP_ASSIGN_OK	    ? KP_ST_OK
					    : assign[i].state == KP_ASSIGN_OUTDATED ? KP_ST_WARN
										    : KP_ST_FAIL;
			cJSON_AddStringToObject(c, "id", assign[i].id);
			cJSON_AddBoolToObject(c, "assigned", assign[i].state != KP_ASSIGN_MISSING);
			cJSON_AddStringToObject(c, "state", assign_word(assign[i].state));
			cJSON_AddStringToObject(c, "message", assign[i].msg);
			cJSON_AddItemToArray(conns, c);
			if (assign[i].state != KP_ASSIGN_OK)
				ok = 0;
			if (!o.json)
				printf("%s %s\n   %s\n", kp_status_mark(st, app->utf8),
				       assign[i].id, assign[i].msg);
		}
	} else {
		for (size_t i = 0; i < n_list; i++) {
			int has = kp_afas_metainfo_has(&meta, list[i]);
			cJSON *c = cJSON_CreateObject();
			cJSON_AddStringToObject(c, "id", list[i]);
			cJSON_AddBoolToObject(c, "assigned", has);
			cJSON_AddStringToObject(c, "state", has ? "ok" : "missing");
			cJSON_AddItemToArray(conns, c);
			if (!has)
				ok = 0;
			if (!o.json)
				printf("%s %s%s\n",
				       kp_status_mark(has ? KP_ST_OK : KP_ST_FAIL, app->utf8),
				       list[i],
				       has ? ""
					   : _(" — not assigned: App Connector → tab GetConnectors "
					       "→ New"));
		}
		if (n_list == 0 && !o.json)
			printf("%s\n", _("No connector list to compare with: give --zip ZIP to "
					 "check the assignment too."));
	}

	if (o.save) {
		struct kp_secret_key key = {"afas", kp_afas_keyring_env(app, o.env), o.customer};
		char *xml = kp_afas_token_xml(&tok);
		char label[128];
		enum kp_err rc;

		snprintf(label, sizeof label, "koppel: AFAS App Connector token %s (%s)",
			 o.customer, o.env);
		rc = xml ? kp_keyring_store(&key, label, xml, &err) : KP_ERR_NOMEM;
		kp_secret_free(xml);
		if (rc != KP_OK) {
			ok = 0;
			if (!err.msg[0])
				kp_error_set(&err, rc, NULL, "%s", _("Out of memory."));
			goto fail;
		}
		kp_state_set_str(&app->state, "afas.customer", o.customer);
		kp_state_set_str(&app->state, "afas.environment", o.env);
		if (zip_loaded) {
			const char **ids = calloc(zip.n ? zip.n : 1, sizeof *ids);
			for (size_t i = 0; ids && i < zip.n; i++)
				ids[i] = zip.items[i].gcn.connector_id;
			if (abs_zip[0])
				kp_state_set_str(&app->state, "afas.zip", abs_zip);
			if (ids)
				kp_state_set_strv(&app->state, "afas.connectors", ids, zip.n);
			free(ids);
		}
		if (kp_state_save(&app->state, &err) != KP_OK)
			goto fail;
		saved = 1;
		if (!o.json)
			printf("%s %s\n", kp_status_mark(KP_ST_OK, app->utf8),
			       _("Saved: the token in the keyring, customer, environment and "
				 "connectors in the settings."));
	}
	goto done;
fail:
	ok = 0;
	if (o.json) {
		if (!token_ok) {
			cJSON *t = cJSON_CreateObject();
			cJSON_AddBoolToObject(t, "ok", 0);
			cJSON_AddItemToObject(j, "token", t);
		}
		cJSON_AddItemToObject(j, "error", error_json(&err));
	} else {
		fprintf(stderr, "%s ", kp_status_mark(KP_ST_FAIL, app->utf8));
		print_error(&err);
		if (err.ref[0])
			fprintf(stderr, _("AFAS reference (profitLogReference): %s\n"), err.ref);
	}
done:
	cJSON_AddBoolToObject(j, "saved", saved);
	cJSON_AddBoolToObject(j, "ok", ok);
	if (o.json)
		print_json(j);
	cJSON_Delete(j);
	kp_secret_free(text);
	kp_afas_token_wipe(&tok);
	kp_afas_conn_free(&conn);
	kp_afas_metainfo_free(&meta);
	kp_connector_zip_free(&zip);
	free(assign);
	free(list);
	return ok ? 0 : 1;
}

/* Progress on stderr when it is a terminal: one line, redrawn. */
static void sync_progress(void *ctx, unsigned long done, unsigned long total, const char *label)
{
	(void)ctx;
	(void)done;
	(void)total;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[KAFAS: %s", label ? label : "");
}

static cJSON *sync_json(const struct kp_afas_sync *s)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < s->n; i++) {
		const struct kp_afas_sync_conn *c = &s->c[i];
		cJSON *o = cJSON_CreateObject(), *empty = cJSON_CreateArray(),
		      *bsn = cJSON_CreateArray();
		cJSON_AddStringToObject(o, "id", c->id);
		cJSON_AddBoolToObject(o, "ok", c->code == KP_OK);
		cJSON_AddNumberToObject(o, "rows", (double)c->rows);
		cJSON_AddNumberToObject(o, "pages", (double)c->pages);
		if (c->code != KP_OK) {
			cJSON_AddStringToObject(o, "error", kp_err_name(c->code));
			cJSON_AddStringToObject(o, "message", c->msg);
			cJSON_AddStringToObject(o, "hint", c->hint);
			if (c->ref[0])
				cJSON_AddStringToObject(o, "profitLogReference", c->ref);
		}
		for (size_t k = 0; k < c->n_fields && c->code == KP_OK; k++) {
			const struct kp_afas_sync_field *f = &c->fields[k];
			if (!f->filled)
				cJSON_AddItemToArray(empty, cJSON_CreateString(f->alias));
			if (kp_afas_sync_field_bsn_like(f)) {
				cJSON *b = cJSON_CreateObject();
				cJSON_AddStringToObject(b, "field", f->alias);
				cJSON_AddNumberToObject(b, "valid", (double)f->bsn_valid);
				cJSON_AddNumberToObject(b, "invalid",
							(double)kp_afas_sync_field_bsn_invalid(f));
				cJSON_AddNumberToObject(b, "missing",
							(double)kp_afas_sync_field_bsn_missing(c, f));
				cJSON_AddItemToArray(bsn, b);
			}
		}
		cJSON_AddItemToObject(o, "alwaysEmpty", empty);
		cJSON_AddItemToObject(o, "bsnFields", bsn);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void sync_print(struct kp_app *app, const struct kp_afas_sync *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct kp_afas_sync_conn *c = &s->c[i];
		size_t n_empty = 0;
		if (c->code != KP_OK) {
			printf("%s AFAS: %s\n    %s\n", kp_status_mark(KP_ST_FAIL, app->utf8),
			       c->id, c->msg);
			if (c->hint[0]) /* what to do, as under every failure */
				printf("    %s\n", c->hint);
			continue;
		}
		for (size_t k = 0; k < c->n_fields; k++)
			n_empty += !c->fields[k].filled;
		printf(c->pages == 1 ? _("%s AFAS: %s: %lu rows in 1 page\n")
				     : _("%s AFAS: %s: %lu rows in %lu pages\n"),
		       kp_status_mark(n_empty ? KP_ST_WARN : KP_ST_OK, app->utf8), c->id, c->rows,
		       c->pages);
		for (size_t k = 0; k < c->n_fields; k++) {
			const struct kp_afas_sync_field *f = &c->fields[k];
			if (!f->filled)
				printf(_("    always empty: %s\n"), f->alias);
			if (kp_afas_sync_field_bsn_like(f))
				printf(_("    %s: %lu valid BSNs, %lu fail the elfproef, %lu missing\n"),
				       f->alias, f->bsn_valid, kp_afas_sync_field_bsn_invalid(f),
				       kp_afas_sync_field_bsn_missing(c, f));
		}
	}
	printf(_("AFAS: %lu rows in %.1f s (%.0f rows/s), %lu requests\n"), s->total_rows,
	       s->seconds, s->seconds > 0 ? (double)s->total_rows / s->seconds : 0.0, s->requests);
}

int kp_cli_afas_sync_test(struct kp_app *app, int json, cJSON *out, int *ran)
{
	struct kp_afas_ctx *ctx;
	struct kp_afas_conn conn = {0};
	struct kp_afas_sync s = {0};
	struct kp_error err = {0};
	struct kp_progress p = {.update = sync_progress, .cancel = &app->cancel};
	enum kp_err rc;
	int ok;

	*ran = 0;
	if (!kp_state_get_str(&app->state, "afas.customer") ||
	    !kp_state_get_str(&app->state, "afas.environment"))
		return 1;
	*ran = 1;
	ctx = kp_afas_ctx_get(app);
	if (!ctx) {
		rc = kp_error_set(&err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	rc = kp_afas_ensure_zip(app, ctx, &err);
	if (!rc)
		rc = kp_afas_ctx_connect(app, ctx, &conn, &err);
	if (!rc)
		rc = kp_afas_sync_prepare(&s, &ctx->zip, &err);
	if (!rc)
		rc = kp_afas_sync_run(&conn, &s, &p, &err);
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
out:
	ok = rc == KP_OK && kp_afas_sync_failures(&s) == 0;
	if (json) {
		cJSON *a = cJSON_CreateObject();
		cJSON_AddStringToObject(a, "customer",
					kp_state_get_str(&app->state, "afas.customer"));
		cJSON_AddStringToObject(a, "environment",
					kp_state_get_str(&app->state, "afas.environment"));
		cJSON_AddBoolToObject(a, "ok", ok);
		cJSON_AddNumberToObject(a, "rows", (double)s.total_rows);
		cJSON_AddNumberToObject(a, "requests", (double)s.requests);
		cJSON_AddNumberToObject(a, "seconds", s.seconds);
		if (rc)
			cJSON_AddItemToObject(a, "error", error_json(&err));
		cJSON_AddItemToObject(a, "connectors", sync_json(&s));
		cJSON_AddItemToObject(out, "afas", a);
	} else {
		if (s.n)
			sync_print(app, &s);
		if (rc) {
			fprintf(stderr, "%s ", kp_status_mark(KP_ST_FAIL, app->utf8));
			print_error(&err);
			if (err.ref[0])
				fprintf(stderr, _("AFAS reference (profitLogReference): %s\n"),
					err.ref);
		}
	}
	kp_afas_sync_free(&s);
	kp_afas_conn_free(&conn);
	return ok;
}

int kp_cmd_afas(struct kp_app *app, int argc, char **argv)
{
	if (argc < 2)
		return kp_cli_usage(afas_usage(), "%s", _("say what to do: inspect or check."));
	if (strcmp(argv[1], "inspect") == 0)
		return cmd_inspect(app, argc, argv);
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(app, argc, argv);
	return kp_cli_usage(afas_usage(), _("unknown command 'afas %s'."), argv[1]);
}
