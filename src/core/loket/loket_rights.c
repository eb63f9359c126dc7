/* loket_rights.c — checking the six rights per employer, both ways
 * (/authorizations and a one-row probe), and the matrix as JSON. */
#include "koppel/loket_rights.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int kp_loket_right_ok(const struct kp_loket_right_result *r)
{
	return r->probe == KP_RIGHT_YES ||
	       (r->probe == KP_RIGHT_UNKNOWN && r->listed == KP_RIGHT_YES);
}

enum kp_status kp_loket_right_status(const struct kp_loket_right_result *r)
{
	if (!kp_loket_right_ok(r))
		return (r->probe == KP_RIGHT_UNKNOWN && r->listed == KP_RIGHT_UNKNOWN) ? KP_ST_WARN
										       : KP_ST_FAIL;
	if (r->probe == KP_RIGHT_YES && r->listed == KP_RIGHT_YES)
		return KP_ST_OK;
	return KP_ST_WARN;
}

void kp_loket_right_remedy(const struct kp_loket_right *right, const char *employer, char *out,
			   size_t outlen)
{
	snprintf(out, outlen,
		 _("%s: ask your provider (administratiekantoor or accountant) to give this "
		   "Loket.nl user the right \"%s\". If you are the provider, ask Loket.nl at "
		   "api@loket.nl."),
		 employer, right->name);
}

void kp_loket_rights_remedy(const struct kp_loket_right *const *rights, size_t n,
			    const char *employer, char *out, size_t outlen)
{
	char names[600] = "";
	size_t o = 0;
	if (n == 1) {
		kp_loket_right_remedy(rights[0], employer, out, outlen);
		return;
	}
	for (size_t i = 0; i < n && o < sizeof names; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? _(" and ") : ", ";
		int w = snprintf(names + o, sizeof names - o, "%s\"%s\"", sep, rights[i]->name);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	snprintf(out, outlen,
		 _("%s: ask your provider (administratiekantoor or accountant) to give this "
		   "Loket.nl user the rights %s. If you are the provider, ask Loket.nl at "
		   "api@loket.nl."),
		 employer, names);
}

/* Fill {employer}, {employment}, {employee}, {year} in a probe path. */
static void fill_path(const char *tmpl, const char *employer, const char *employment,
		      const char *employee, char *out, size_t outlen)
{
	char year[16];
	size_t o = 0;
	snprintf(year, sizeof year, "%d", 1900 + localtime(&(time_t){time(NULL)})->tm_year);
	for (const char *p = tmpl; *p && o + 1 < outlen;) {
		const char *v = NULL;
		size_t skip = 0;
		if (strncmp(p, "{employer}", 10) == 0)
			v = employer, skip = 10;
		else if (strncmp(p, "{employment}", 12) == 0)
			v = employment, skip = 12;
		else if (strncmp(p, "{employee}", 10) == 0)
			v = employee, skip = 10;
		else if (strncmp(p, "{year}", 6) == 0)
			v = year, skip = 6;
		if (v) {
			o += (size_t)snprintf(out + o, outlen - o, "%s", v);
			if (o >= outlen)
				o = outlen - 1;
			p += skip;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

struct auth_acc {
	enum kp_right_state st[8];
};

static int auth_item(void *vctx, const cJSON *item)
{
	struct auth_acc *a = vctx;
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(item, "description");
	if (!cJSON_IsString(d)) /* version 2018-01-01 says "name" */
		d = cJSON_GetObjectItemCaseSensitive(item, "name");
	if (!cJSON_IsString(d))
		return 0;
	for (size_t i = 0; i < kp_loket_n_rights; i++)
		/* case-insensitive: the specification spells one GetcitizenService... */
		if (strcasecmp(d->valuestring, kp_loket_rights[i].activity) == 0)
			a->st[i] = KP_RIGHT_YES;
	return 0;
}

/* One-row probe: YES on 2xx, NO on 403, UNKNOWN otherwise (note set).
 * *first (may be NULL) receives the first item of a list or content. */
static enum kp_right_state probe(struct kp_app *app, const char *path, const char *version,
				 cJSON **first, char *note, size_t notelen, enum kp_err *fatal,
				 struct kp_error *ferr)
{
	struct kp_http_response resp;
	struct kp_error e = {0};
	char *p = NULL;
	enum kp_err rc;
	enum kp_right_state st;
	if (first)
		*first = NULL;
	if (asprintf(&p, "%s%spageNumber=1&pageSize=1", path, strchr(path, '?') ? "&" : "?") < 0)
		return KP_RIGHT_UNKNOWN;
	rc = kp_loket_get(app, p, version, &resp, &e);
	free(p);
	if (rc == KP_OK) {
		st = KP_RIGHT_YES;
		if (first) {
			cJSON *o = cJSON_Parse(resp.body), *it;
			it =
			    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "_embedded"), 0);
			if (it)
				*first = cJSON_Duplicate(it, 1);
			cJSON_Delete(o);
		}
	} else if (rc == KP_ERR_FORBIDDEN) {
		st = KP_RIGHT_NO;
	} else {
		st = KP_RIGHT_UNKNOWN;
		snprintf(note, notelen, "%.250s", e.msg);
		/* token gone or user cancelled: no point in probing further */
		if (rc == KP_ERR_AUTH || rc == KP_ERR_CANCELLED || rc == KP_ERR_DNS ||
		    rc == KP_ERR_CONNECT || rc == KP_ERR_TLS) {
			*fatal = rc;
			*ferr = e;
		}
	}
	kp_http_response_free(&resp);
	return st;
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
	if (b)
		x = cJSON_GetObjectItemCaseSensitive(x, b);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static enum kp_err check_employer(struct kp_app *app, struct kp_loket_rights_row *row,
				  struct kp_error *err)
{
	struct auth_acc acc = {{0}};
	struct kp_error e = {0}, fe = {0};
	char path[512], employment[64] = "", employee[64] = "";
	char *ap = NULL;
	enum kp_err rc, fatal = KP_OK;
	size_t i;

	/* way 1: the activities the user may perform for this employer */
	if (asprintf(&ap, "/providers/employers/%s/authorizations", row->id) < 0)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_list_all(app, ap, "2019-02-11", auth_item, &acc, NULL, NULL, &e);
	free(ap);
	if (rc == KP_ERR_AUTH || rc == KP_ERR_CANCELLED || rc == KP_ERR_CONNECT ||
	    rc == KP_ERR_DNS || rc == KP_ERR_TLS || rc == KP_ERR_TIMEOUT) {
		if (err)
			*err = e;
		return rc;
	}
	for (i = 0; i < kp_loket_n_rights; i++) {
		if (rc == KP_OK) {
			row->r[i].listed = acc.st[i] == KP_RIGHT_YES ? KP_RIGHT_YES : KP_RIGHT_NO;
		} else {
			row->r[i].listed = KP_RIGHT_UNKNOWN;
			snprintf(row->r[i].note, sizeof row->r[i].note, "%.250s", e.msg);
		}
	}

	/* way 2: a one-row probe per right; employer-wide ones first, they
	 * give us an employment and an employee to probe the others with */
	for (i = 0; i < kp_loket_n_rights && !fatal; i++) {
		const struct kp_loket_right *rt = &kp_loket_rights[i];
		cJSON *first = NULL;
		if (rt->scope != KP_PROBE_EMPLOYER)
			continue;
		fill_path(rt->probe, row->id, "", "", path, sizeof path);
		row->r[i].probe = probe(app, path, rt->version, &first, row->r[i].note,
					sizeof row->r[i].note, &fatal, &fe);
		if (first && !employment[0] && strstr(rt->probe, "/employments")) {
			const char *id = str_at(first, "id", NULL),
				   *emp = str_at(first, "employee", "id");
			snprintf(employment, sizeof employment, "%s", id ? id : "");
			snprintf(employee, sizeof employee, "%s", emp ? emp : "");
		}
		cJSON_Delete(first);
	}
	if (!fatal && !employee[0]) {
		cJSON *first = NULL;
		char note[256];
		snprintf(path, sizeof path, "/providers/employers/%s/employees", row->id);
		if (probe(app, path, "2021-03-29", &first, note, sizeof note, &fatal, &fe) ==
			KP_RIGHT_YES &&
		    first) {
			const char *id = str_at(first, "id", NULL);
			snprintf(employee, sizeof employee, "%s", id ? id : "");
		}
		cJSON_Delete(first);
	}
	for (i = 0; i < kp_loket_n_rights && !fatal; i++) {
		const struct kp_loket_right *rt = &kp_loket_rights[i];
		const char *need = rt->scope == KP_PROBE_EMPLOYMENT ? employment : employee;
		if (rt->scope == KP_PROBE_EMPLOYER)
			continue;
		if (!need[0]) {
			row->r[i].probe = KP_RIGHT_UNKNOWN;
			snprintf(row->r[i].note, sizeof row->r[i].note, "%s",
				 rt->scope == KP_PROBE_EMPLOYMENT
				     ? _("No employment could be read to test this right with.")
				     : _("No employee could be read to test this right with."));
			continue;
		}
		fill_path(rt->probe, row->id, employment, employee, path, sizeof path);
		row->r[i].probe = probe(app, path, rt->version, NULL, row->r[i].note,
					sizeof row->r[i].note, &fatal, &fe);
	}
	if (fatal) {
		if (err)
			*err = fe;
		return fatal;
	}
	return KP_OK;
}

enum kp_err kp_loket_rights_check(struct kp_app *app, const struct kp_progress *p,
				  struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_loket_rights_report *rep;
	enum kp_err rc = KP_OK;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rep = calloc(1, sizeof *rep);
	if (!rep ||
	    !(rep->rows = calloc(ctx->n_resolved ? ctx->n_resolved : 1, sizeof *rep->rows))) {
		free(rep);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	rep->all_ok = ctx->n_resolved > 0;
	snprintf(rep->user_note, sizeof rep->user_note, "%s",
		 _("The user signed in and gave consent, so it is an active, normal Loket.nl user "
		   "(a webservice user or a blocked user cannot sign in)."));
	for (size_t i = 0; i < ctx->n_resolved; i++) {
		struct kp_loket_resolved *res = &ctx->resolved[i];
		struct kp_loket_rights_row *row = &rep->rows[rep->n++];
		snprintf(row->input, sizeof row->input, "%s", res->input.value);
		kp_progress_report(p, i, ctx->n_resolved,
				   res->reachable ? res->emp.name : res->input.value);
		if (kp_progress_cancelled(p)) {
			rc = kp_error_set(err, KP_ERR_CANCELLED, NULL, _("Cancelled."));
			break;
		}
		if (!res->reachable) {
			row->reachable = 0;
			snprintf(
			    row->cause, sizeof row->cause,
			    _("This Loket.nl user cannot reach employer %s: the user is not linked "
			      "to it, directly or through a team. Ask the Loket.nl administrator "
			      "to link the user, or check the Werkgever ID."),
			    res->input.value);
			rep->all_ok = 0;
			continue;
		}
		row->reachable = 1;
		snprintf(row->id, sizeof row->id, "%s", res->emp.id);
		snprintf(row->name, sizeof row->name, "%s", res->emp.name);
		row->number = res->emp.number;
		rc = check_employer(app, row, err);
		if (rc)
			break;
		for (size_t k = 0; k < kp_loket_n_rights; k++)
			if (kp_loket_right_status(&row->r[k]) != KP_ST_OK &&
			    !kp_loket_right_ok(&row->r[k]))
				rep->all_ok = 0;
	}
	if (rc)
		rep->all_ok = 0;
	kp_progress_report(p, ctx->n_resolved, ctx->n_resolved, NULL);
	kp_loket_rights_report_free(ctx->rights);
	ctx->rights = rep;
	return rc;
}

static const char *state_name(enum kp_right_state s)
{
	return s == KP_RIGHT_YES ? "yes" : s == KP_RIGHT_NO ? "no" : "unknown";
}

cJSON *kp_loket_rights_json(const struct kp_loket_rights_report *rep)
{
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(o, "employers");
	cJSON_AddBoolToObject(o, "ok", rep && rep->all_ok);
	for (size_t i = 0; rep && i < rep->n; i++) {
		const struct kp_loket_rights_row *row = &rep->rows[i];
		cJSON *e = cJSON_CreateObject(), *rights;
		cJSON_AddStringToObject(e, "input", row->input);
		cJSON_AddBoolToObject(e, "reachable", row->reachable);
		if (row->reachable) {
			cJSON_AddStringToObject(e, "id", row->id);
			cJSON_AddNumberToObject(e, "employerNumber", (double)row->number);
			cJSON_AddStringToObject(e, "companyName", row->name);
		} else {
			cJSON_AddStringToObject(e, "cause", row->cause);
		}
		rights = cJSON_AddArrayToObject(e, "rights");
		for (size_t k = 0; row->reachable && k < kp_loket_n_rights; k++) {
			const struct kp_loket_right *rt = &kp_loket_rights[k];
			const struct kp_loket_right_result *r = &row->r[k];
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "key", rt->key);
			cJSON_AddStringToObject(x, "right", rt->name);
			cJSON_AddStringToObject(x, "activity", rt->activity);
			cJSON_AddStringToObject(x, "authorizations", state_name(r->listed));
			cJSON_AddStringToObject(x, "probe", state_name(r->probe));
			cJSON_AddBoolToObject(x, "ok", kp_loket_right_ok(r));
			if (r->note[0])
				cJSON_AddStringToObject(x, "note", r->note);
			if (!kp_loket_right_ok(r)) {
				char rem[512];
				kp_loket_right_remedy(rt, row->name, rem, sizeof rem);
				cJSON_AddStringToObject(x, "remedy", rem);
			}
			cJSON_AddItemToArray(rights, x);
		}
		cJSON_AddItemToArray(arr, e);
	}
	if (rep)
		cJSON_AddStringToObject(o, "user", rep->user_note);
	return o;
}

void kp_loket_rights_report_free(struct kp_loket_rights_report *rep)
{
	if (!rep)
		return;
	free(rep->rows);
	free(rep);
}
