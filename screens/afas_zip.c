/* afas_zip.c — AFAS step 1: the connector ZIP from a.s.r.: choose it, check
 * it, show its connectors, optionally unpack the .gcn files, and say where
 * to import them in AFAS. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afas_common.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

#define MAX_SUGGESTIONS 20

/* Add the .zip files of dir (full paths) to v. */
static void add_zips(const char *dir, char **v, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) && *n < MAX_SUGGESTIONS) {
		size_t l = strlen(e->d_name);
		char p[4096];
		if (l < 5 || strcasecmp(e->d_name + l - 4, ".zip") != 0)
			continue;
		if (strcmp(dir, ".") == 0)
			snprintf(p, sizeof p, "%s", e->d_name);
		else
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		v[(*n)++] = strdup(p);
	}
	closedir(d);
}

static void zip_enter(struct kp_app *app, struct kp_form *f)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	char *sugg[MAX_SUGGESTIONS + 1];
	size_t n = 0;
	const char *home = getenv("HOME");
	const char *initial = "";
	struct kp_widget *w;

	if (!ctx)
		return;
	if (app->demo && app->sandbox_afas_zip)
		sugg[n++] = strdup(app->sandbox_afas_zip);
	if (home) {
		char dl[4096];
		snprintf(dl, sizeof dl, "%s/Downloads", home);
		add_zips(dl, sugg, &n);
	}
	add_zips(".", sugg, &n);
	if (ctx->zip_path[0])
		initial = ctx->zip_path;
	else if (kp_state_get_str(&app->state, "afas.zip"))
		initial = kp_state_get_str(&app->state, "afas.zip");
	else if (app->demo && app->sandbox_afas_zip)
		initial = app->sandbox_afas_zip;

	kp_form_text(
	    f, 0, "%s",
	    _("a.s.r. sends the Benefits-Plaza GetConnectors as a ZIP file by e-mail (ask "
	      "inkomen.relatiebeheer@asr.nl if you do not have it). Save the attachment and "
	      "choose it here; koppel checks it and lists the connectors inside."));
	kp_form_path(f, "zip", _("Connector ZIP"), initial, (const char *const *)sugg, n);
	for (size_t i = 0; i < n; i++)
		free(sugg[i]);

	if (!ctx->zip_loaded)
		return;
	{
		const char *hdr[] = {_("Connector"), _("Description"), _("Format"), _("Fields")};
		struct kp_widget *t = kp_form_table(f, "connectors", 4, hdr);
		for (size_t i = 0; t && i < ctx->zip.n; i++) {
			const struct kp_gcn *g = &ctx->zip.items[i].gcn;
			char ver[16], nf[16];
			const char *row[4];
			snprintf(ver, sizeof ver, "v%d", g->version);
			snprintf(nf, sizeof nf, "%zu", g->n_fields);
			row[0] = g->connector_id;
			row[1] = g->description;
			row[2] = ver;
			row[3] = nf;
			kp_table_add_row(t, KP_ST_OK, row);
		}
	}
	kp_form_text(f, 0, _("%zu connector(s) read; %zu other file(s) in the ZIP ignored."),
		     ctx->zip.n, ctx->zip.n_ignored);
	if (ctx->zip.n_duplicates)
		kp_form_text(
		    f, 0,
		    _("%zu more .gcn file(s) define a connector already listed (for example a copy "
		      "for older Profit versions); the one nearest the top of the ZIP is used."),
		    ctx->zip.n_duplicates);
	kp_form_text(f, KP_WF_EMPHASIS, "%s", _("Import them in AFAS:"));
	kp_form_text(f, 0, "%s",
		     _("General → Output → Management → GetConnector, then the function Import; "
		       "import every .gcn file. AFAS imports .gcn files, not the ZIP: unpack them "
		       "first (koppel can do that below)."));
	w = kp_form_path(f, "extract", _("Unpack the .gcn files into this folder (optional)"),
			 ctx->extract_dir, NULL, 0);
	if (w) {
		w->flags |= KP_WF_OPTIONAL;
		kp_widget_set_note(w,
				   _("Leave empty to skip. Existing files are never overwritten."));
	}
	if (ctx->extract_done) {
		char note[512];
		snprintf(
		    note, sizeof note,
		    _("Unpacked into %s: %zu file(s) written, identical files left as they were."),
		    ctx->extract_dir, ctx->n_extracted);
		kp_form_set_notice(f, KP_ST_OK, note);
		kp_afas_focus(f, "extract");
	}
	kp_form_text(f, 0, "%s", _("When the connectors are imported, press Enter."));
}

static enum kp_next zip_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	const char *v = kp_form_value(f, "zip");
	const char *x = kp_form_value(f, "extract");
	char path[4096], dir[4096] = "";

	if (!ctx) {
		kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		return KP_STAY;
	}
	if (!v || !*v) {
		kp_error_set(err, KP_ERR_USAGE, _("Type the path of the ZIP; Tab completes it."),
			     "%s", _("Choose the connector ZIP first."));
		return KP_STAY;
	}
	kp_afas_expand_home(v, path, sizeof path);
	if (!ctx->zip_loaded || strcmp(path, ctx->zip_path) != 0) {
		kp_connector_zip_free(&ctx->zip);
		ctx->zip_loaded = 0;
		snprintf(ctx->zip_path, sizeof ctx->zip_path, "%s", path);
		ctx->extract_dir[0] = '\0';
		ctx->extract_done = 0;
		return KP_RUN_TASK;
	}
	if (x && *x)
		kp_afas_expand_home(x, dir, sizeof dir);
	if (dir[0] && strcmp(dir, ctx->extract_dir) != 0) {
		snprintf(ctx->extract_dir, sizeof ctx->extract_dir, "%s", dir);
		ctx->extract_done = 0;
		return KP_RUN_TASK;
	}
	/* Keep the choice: the later steps and a resumed run use it. */
	{
		const char **ids = calloc(ctx->zip.n + 1, sizeof *ids);
		for (size_t i = 0; ids && i < ctx->zip.n; i++)
			ids[i] = ctx->zip.items[i].gcn.connector_id;
		kp_state_set_str(&app->state, "afas.zip", ctx->zip_path);
		if (ids)
			kp_state_set_strv(&app->state, "afas.connectors", ids, ctx->zip.n);
		free(ids);
	}
	return KP_NEXT;
}

static enum kp_err zip_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_afas_ctx *ctx = kp_afas_ctx_get(app);
	enum kp_err rc;
	size_t written = 0;

	(void)p;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	if (!ctx->zip_loaded) {
		rc = kp_connector_zip_open(ctx->zip_path, &ctx->zip, NULL, err);
		if (rc)
			return rc;
		ctx->zip_loaded = 1;
		return KP_OK;
	}
	if (ctx->extract_dir[0]) {
		rc = kp_connector_zip_extract(&ctx->zip, ctx->extract_dir, &written, err);
		if (rc) {
			ctx->extract_dir[0] = '\0';
			return rc;
		}
		ctx->extract_done = 1;
		ctx->n_extracted = written;
	}
	return KP_OK;
}

const struct kp_step kp_step_afas_zip = {
    .id = "afas-zip",
    .title = N_("AFAS: connector ZIP"),
    .help = N_("Choose the ZIP file with the Benefits-Plaza GetConnectors that a.s.r. e-mailed "
	       "you. Tab completes the path; the suggestions are ZIP files in Downloads and the "
	       "current folder. koppel refuses damaged, encrypted or unsafe ZIPs and says why. "
	       "In AFAS, import each .gcn under General → Output → Management → GetConnector → "
	       "Import."),
    .enter = zip_enter,
    .submit = zip_submit,
    .task = zip_task,
    .task_label = N_("Reading the connector ZIP"),
};
