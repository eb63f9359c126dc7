/* loket_api.c — the Loket.nl REST client: one GET with the bearer token and
 * the Accept version, error bodies mapped, and paged lists fetched several
 * pages at once (curl multi via kp_http_batch_run). */
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/secure.h"
#include "koppel/state.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Pages in flight at once; Loket.nl documents no limit, stay polite. */
#define KP_LOKET_PARALLEL 4
/* A 401 mid-way is refreshed at most this often per list. */
#define KP_LOKET_MAX_REFRESH 2
/* Longest Retry-After we honour before giving up. */
#define KP_LOKET_MAX_RETRY_AFTER 60

static char *api_url(const struct kp_app *app, const char *path)
{
	char *url = NULL;
	size_t blen = strlen(app->ep.loket_api_url);
	while (blen && app->ep.loket_api_url[blen - 1] == '/')
		blen--;
	if (asprintf(&url, "%.*s%s", (int)blen, app->ep.loket_api_url, path) < 0)
		return NULL;
	return url;
}

/* First description in a 400 body's messages[], into out. */
static void first_message(const char *body, char *out, size_t outlen)
{
	cJSON *o = cJSON_Parse(body ? body : ""), *m, *d;
	out[0] = '\0';
	m = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "messages"), 0);
	d = cJSON_GetObjectItemCaseSensitive(m, "description");
	if (cJSON_IsString(d))
		snprintf(out, outlen, "%s", d->valuestring);
	if (!out[0]) {
		d = cJSON_GetObjectItemCaseSensitive(o, "message");
		if (cJSON_IsString(d))
			snprintf(out, outlen, "%s", d->valuestring);
	}
	cJSON_Delete(o);
}

/* Map a non-2xx answer of the API to an error. */
static enum kp_err map_status(const struct kp_app *app, const struct kp_http_response *resp,
			      struct kp_error *err)
{
	int wizard = app->flow_id != NULL;
	char msg[256];
	enum kp_err rc;
	long s = resp->status;
	first_message(resp->body, msg, sizeof msg);
	if (s == 401)
		rc = kp_error_set(err, KP_ERR_AUTH, kp_loket_consent_hint(app),
				  _("Loket.nl refused the access token (HTTP 401)."));
	else if (s == 403)
		rc = kp_error_set(err, KP_ERR_FORBIDDEN,
				  wizard ? _("The Loket.nl user lacks a right for this; the step "
					     "\"Employers and rights\" shows which.")
					 : _("The Loket.nl user lacks a right for this; see `koppel "
					     "loket rights`."),
				  _("Loket.nl refused this for lack of rights (HTTP 403)."));
	else if (s == 400)
		rc = kp_error_set(err, KP_ERR_INVALID, _("Check the Werkgever ID and try again."),
				  _("Loket.nl did not accept the request (HTTP 400): %s"),
				  msg[0] ? msg : "-");
	else if (s == 404)
		rc = kp_error_set(err, KP_ERR_NOTFOUND, _("Check the Werkgever ID."),
				  _("Loket.nl does not know this item (HTTP 404)."));
	else if (s == 429)
		rc = kp_error_set(err, KP_ERR_HTTP, _("Wait a minute and try again."),
				  _("Loket.nl asks to slow down (HTTP 429)."));
	else
		rc = kp_error_set(err, KP_ERR_HTTP,
				  _("Try again later; if it persists, contact "
				    "Loket.nl."),
				  _("Loket.nl answered with an error (HTTP %ld)."), s);
	if (err)
		err->http_status = s;
	return rc;
}

/* Sleep up to secs, checking the cancel flag. */
static int nap(struct kp_app *app, long secs)
{
	for (long i = 0; i < secs * 10; i++) {
		if (atomic_load(&app->cancel))
			return -1;
		usleep(100 * 1000);
	}
	return 0;
}

enum kp_err kp_loket_get(struct kp_app *app, const char *path, const char *version,
			 struct kp_http_response *resp, struct kp_error *err)
{
	char *url = api_url(app, path), *auth = NULL, accept[80];
	const char *headers[3];
	struct kp_http_request req = {.method = "GET"};
	const char *tok;
	enum kp_err rc;
	int refreshed = 0, tries = 0;
	memset(resp, 0, sizeof *resp);
	if (!url)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	snprintf(accept, sizeof accept, "Accept: application/json;version=%s", version);
again:
	rc = kp_loket_access_token(app, &tok, err);
	if (rc)
		goto out;
	kp_secret_free(auth);
	if (asprintf(&auth, "Authorization: Bearer %s", tok) < 0) {
		auth = NULL;
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
		goto out;
	}
	headers[0] = auth;
	headers[1] = accept;
	headers[2] = NULL;
	req.url = url;
	req.headers = headers;
	rc = kp_http_do(&app->http, &req, resp, err);
	if (rc)
		goto out;
	if (resp->status >= 200 && resp->status < 300)
		goto out;
	if (resp->status == 401 && !refreshed) {
		/* the token may have been revoked or expired early: refresh once */
		refreshed = 1;
		kp_http_response_free(resp);
		rc = kp_loket_tokens_refresh(app, err);
		if (rc)
			goto out;
		goto again;
	}
	if (resp->status == 429 && tries++ < 3 && resp->retry_after <= KP_LOKET_MAX_RETRY_AFTER) {
		long wait = resp->retry_after > 0 ? resp->retry_after : 1;
		kp_http_response_free(resp);
		if (nap(app, wait) < 0) {
			rc = kp_error_set(err, KP_ERR_CANCELLED, NULL, _("Cancelled."));
			goto out;
		}
		goto again;
	}
	rc = map_status(app, resp, err);
out:
	if (rc) /* the contract: a response only with KP_OK */
		kp_http_response_free(resp);
	kp_secret_free(auth);
	free(url);
	return rc;
}

enum kp_err kp_loket_parse_list(const char *body, cJSON **root, cJSON **items, long *current_page,
				long *total_pages, struct kp_error *err)
{
	cJSON *o = cJSON_Parse(body ? body : ""), *e, *cp, *tp;
	*root = NULL;
	*items = NULL;
	e = cJSON_GetObjectItemCaseSensitive(o, "_embedded");
	cp = cJSON_GetObjectItemCaseSensitive(o, "currentPage");
	tp = cJSON_GetObjectItemCaseSensitive(o, "totalPages");
	if (!cJSON_IsArray(e)) {
		cJSON_Delete(o);
		return kp_error_set(err, KP_ERR_PARSE,
				    _("Try again; if it persists, contact Loket.nl."),
				    _("Loket.nl sent a list that cannot be read."));
	}
	*root = o;
	*items = e;
	*current_page = cJSON_IsNumber(cp) ? (long)cp->valuedouble : 1;
	*total_pages = cJSON_IsNumber(tp) ? (long)tp->valuedouble : 1;
	return KP_OK;
}

struct slot {
	long page;
	char *url;
	struct slot *next; /* in flight: the batch drops slots unseen when it stops */
};

struct list_run {
	struct kp_app *app;
	const char *path;
	kp_loket_item_fn fn;
	void *fn_ctx;
	const struct kp_progress *p;
	long total_pages, next_page, pages_done;
	long *retry;
	size_t n_retry, cap_retry;
	int need_refresh, stop;
	long retry_after;
	char *auth;
	char accept[80];
	const char *headers[3];
	struct slot *inflight;
	struct kp_error failed; /* a page's transport error, with its remedy */
};

static void slot_forget(struct list_run *r, struct slot *s)
{
	for (struct slot **pp = &r->inflight; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	free(s->url);
	free(s);
}

static int push_retry(struct list_run *r, long page)
{
	if (r->n_retry == r->cap_retry) {
		size_t nc = r->cap_retry ? r->cap_retry * 2 : 8;
		long *n = realloc(r->retry, nc * sizeof *n);
		if (!n)
			return -1;
		r->retry = n;
		r->cap_retry = nc;
	}
	r->retry[r->n_retry++] = page;
	return 0;
}

static char *page_url(struct kp_app *app, const char *path, long page)
{
	char *p = NULL, *url;
	if (asprintf(&p, "%s%spageNumber=%ld&pageSize=%d", path, strchr(path, '?') ? "&" : "?",
		     page, KP_LOKET_PAGE_SIZE) < 0)
		return NULL;
	url = api_url(app, p);
	free(p);
	return url;
}

static int run_next(void *vctx, struct kp_http_request *req, void **slot_user)
{
	struct list_run *r = vctx;
	struct slot *s;
	long page;
	if (r->stop || r->need_refresh || r->retry_after || atomic_load(&r->app->cancel))
		return 0;
	if (r->n_retry)
		page = r->retry[--r->n_retry];
	else if (r->next_page <= r->total_pages)
		page = r->next_page++;
	else
		return 0;
	s = calloc(1, sizeof *s);
	if (!s || !(s->url = page_url(r->app, r->path, page))) {
		free(s);
		r->stop = 1;
		return 0;
	}
	s->page = page;
	s->next = r->inflight;
	r->inflight = s;
	memset(req, 0, sizeof *req);
	req->method = "GET";
	req->url = s->url;
	req->headers = r->headers;
	*slot_user = s;
	return 1;
}

static int feed(struct list_run *r, cJSON *items)
{
	cJSON *it;
	cJSON_ArrayForEach(it, items) if (r->fn(r->fn_ctx, it)) return 1;
	return 0;
}

static int run_done(void *vctx, void *slot_user, enum kp_err code,
		    const struct kp_http_response *resp, const struct kp_error *e)
{
	struct list_run *r = vctx;
	struct slot *s = slot_user;
	int ret = 0;
	if (code) {
		if (e && e->code && !r->failed.code)
			r->failed = *e;
		ret = (int)code;
		goto out;
	}
	if (resp->status == 401) {
		r->need_refresh = 1;
		if (push_retry(r, s->page))
			ret = KP_ERR_NOMEM;
		goto out;
	}
	if (resp->status == 429) {
		r->retry_after = resp->retry_after > 0 ? resp->retry_after : 1;
		if (push_retry(r, s->page))
			ret = KP_ERR_NOMEM;
		goto out;
	}
	if (resp->status < 200 || resp->status >= 300) {
		ret = (int)resp->status; /* mapped by the caller */
		goto out;
	}
	{
		cJSON *root, *items;
		long cp, tp;
		if (kp_loket_parse_list(resp->body, &root, &items, &cp, &tp, NULL)) {
			ret = KP_ERR_PARSE;
			goto out;
		}
		if (feed(r, items))
			r->stop = 1;
		cJSON_Delete(root);
	}
	r->pages_done++;
	kp_progress_report(r->p, (unsigned long)r->pages_done, (unsigned long)r->total_pages, NULL);
out:
	(void)e;
	slot_forget(r, s);
	return ret;
}

enum kp_err kp_loket_list_all(struct kp_app *app, const char *path, const char *version,
			      kp_loket_item_fn fn, void *fn_ctx, const struct kp_progress *p,
			      unsigned long *requests, struct kp_error *err)
{
	struct list_run r = {.app = app, .path = path, .fn = fn, .fn_ctx = fn_ctx, .p = p};
	struct kp_http_response resp = {0};
	struct kp_http_batch b = {0};
	cJSON *root = NULL, *items;
	char *first = NULL;
	long cp;
	int refreshes = 0;
	enum kp_err rc;
	unsigned long nreq = 0;

	if (asprintf(&first, "%s%spageNumber=1&pageSize=%d", path, strchr(path, '?') ? "&" : "?",
		     KP_LOKET_PAGE_SIZE) < 0)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_get(app, first, version, &resp, err);
	free(first);
	nreq++;
	if (rc)
		goto out;
	rc = kp_loket_parse_list(resp.body, &root, &items, &cp, &r.total_pages, err);
	kp_http_response_free(&resp);
	if (rc)
		goto out;
	r.pages_done = 1;
	kp_progress_report(p, 1, (unsigned long)r.total_pages, NULL);
	if (feed(&r, items)) {
		cJSON_Delete(root);
		goto out;
	}
	cJSON_Delete(root);
	r.next_page = 2;
	snprintf(r.accept, sizeof r.accept, "Accept: application/json;version=%s", version);
	b.opts = &app->http;
	b.max_parallel = KP_LOKET_PARALLEL;
	b.ctx = &r;
	b.next = run_next;
	b.done = run_done;
	while (!r.stop && (r.n_retry || r.next_page <= r.total_pages)) {
		const char *tok;
		int brc;
		struct kp_error be = {0};
		if (atomic_load(&app->cancel)) {
			rc = kp_error_set(err, KP_ERR_CANCELLED, NULL, _("Cancelled."));
			goto out;
		}
		if (r.need_refresh) {
			/* the access token expired mid-way: refresh, fetch the failed pages again
			 */
			if (refreshes++ >= KP_LOKET_MAX_REFRESH) {
				rc = kp_error_set(err, KP_ERR_AUTH, kp_loket_consent_hint(app),
						  _("Loket.nl keeps refusing fresh access tokens."));
				goto out;
			}
			rc = kp_loket_tokens_refresh(app, err);
			if (rc)
				goto out;
			r.need_refresh = 0;
		}
		if (r.retry_after) {
			if (r.retry_after > KP_LOKET_MAX_RETRY_AFTER) {
				rc = kp_error_set(
				    err, KP_ERR_HTTP, _("Wait a while and try again."),
				    _("Loket.nl asks to wait %ld seconds."), r.retry_after);
				goto out;
			}
			if (nap(app, r.retry_after) < 0) {
				rc = kp_error_set(err, KP_ERR_CANCELLED, NULL, _("Cancelled."));
				goto out;
			}
			r.retry_after = 0;
		}
		rc = kp_loket_access_token(app, &tok, err);
		if (rc)
			goto out;
		kp_secret_free(r.auth);
		if (asprintf(&r.auth, "Authorization: Bearer %s", tok) < 0) {
			r.auth = NULL;
			rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
			goto out;
		}
		r.headers[0] = r.auth;
		r.headers[1] = r.accept;
		r.headers[2] = NULL;
		b.requests = 0;
		brc = kp_http_batch_run(&b, &be);
		nreq += b.requests;
		if (brc >= 100) { /* an HTTP status from run_done */
			struct kp_http_response fake = {.status = brc};
			rc = map_status(app, &fake, err);
			goto out;
		}
		if (brc) {
			/* the transfer's own error says what happened and what to
			 * do (no network, TLS, timeout): keep it whole */
			if (!be.code)
				be = r.failed;
			if (be.code && err) {
				*err = be;
				rc = be.code;
			} else {
				rc = kp_error_set(err, (enum kp_err)brc,
						  _("Try again; if it keeps failing, check the network "
						    "connection."),
						  _("Reading a list from Loket.nl failed."));
			}
			goto out;
		}
	}
	rc = KP_OK;
out:
	if (requests)
		*requests += nreq;
	while (r.inflight)
		slot_forget(&r, r.inflight);
	kp_secret_free(r.auth);
	free(r.retry);
	return rc;
}

struct emp_acc {
	struct kp_loket_employer *v;
	size_t n, cap;
};

static int add_employer(void *vctx, const cJSON *item)
{
	struct emp_acc *a = vctx;
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(item, "employerNumber");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(item, "companyName");
	if (!cJSON_IsString(id))
		return 0;
	if (a->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 16;
		struct kp_loket_employer *n = realloc(a->v, nc * sizeof *n);
		if (!n)
			return 1;
		a->v = n;
		a->cap = nc;
	}
	memset(&a->v[a->n], 0, sizeof a->v[a->n]);
	snprintf(a->v[a->n].id, sizeof a->v[a->n].id, "%s", id->valuestring);
	for (char *c = a->v[a->n].id; *c; c++)
		*c = (char)((*c >= 'A' && *c <= 'F') ? *c - 'A' + 'a' : *c);
	a->v[a->n].number = cJSON_IsNumber(num) ? (long)num->valuedouble : 0;
	snprintf(a->v[a->n].name, sizeof a->v[a->n].name, "%s",
		 cJSON_IsString(name) ? name->valuestring : "");
	a->n++;
	return 0;
}

enum kp_err kp_loket_fetch_employers(struct kp_app *app, const struct kp_progress *p,
				     struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct emp_acc a = {0};
	enum kp_err rc;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_list_all(app, "/providers/employers", "2018-01-01", add_employer, &a, p, NULL,
			       err);
	if (rc) {
		free(a.v);
		return rc;
	}
	free(ctx->reachable);
	ctx->reachable = a.v;
	ctx->n_reachable = a.n;
	return KP_OK;
}

void kp_loket_resolve(struct kp_app *app, const struct kp_werkgever_id *ids, size_t n)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	if (!ctx)
		return;
	free(ctx->resolved);
	ctx->n_resolved = 0;
	ctx->resolved = calloc(n ? n : 1, sizeof *ctx->resolved);
	if (!ctx->resolved)
		return;
	for (size_t i = 0; i < n; i++) {
		struct kp_loket_resolved *r = &ctx->resolved[ctx->n_resolved];
		int dup = 0;
		r->input = ids[i];
		for (size_t j = 0; j < ctx->n_reachable; j++) {
			const struct kp_loket_employer *e = &ctx->reachable[j];
			if ((ids[i].kind == KP_WG_GUID && strcasecmp(e->id, ids[i].value) == 0) ||
			    (ids[i].kind == KP_WG_NUMBER && e->number == atol(ids[i].value))) {
				r->reachable = 1;
				r->emp = *e;
				break;
			}
		}
		/* a number and a GUID may name the same employer: keep one */
		for (size_t k = 0; r->reachable && k < ctx->n_resolved; k++)
			dup |= ctx->resolved[k].reachable &&
			       strcmp(ctx->resolved[k].emp.id, r->emp.id) == 0;
		if (!dup)
			ctx->n_resolved++;
	}
}

enum kp_err kp_loket_settings_ids(struct kp_app *app, struct kp_werkgever_id **ids, size_t *n,
				  struct kp_error *err)
{
	const char **v = NULL;
	size_t cnt = kp_state_get_strv(&app->state, "loket.employers", &v), len = 0;
	char *joined;
	enum kp_err rc;
	*ids = NULL;
	*n = 0;
	if (cnt == 0) {
		free(v);
		return kp_error_set(
		    err, KP_ERR_USAGE,
		    _("Give them with --employer ID, or run the wizard's Loket.nl path."),
		    _("No Werkgever IDs are set."));
	}
	for (size_t i = 0; i < cnt; i++)
		len += strlen(v[i]) + 1;
	joined = calloc(1, len + 1);
	if (!joined) {
		free(v);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	for (size_t i = 0; i < cnt; i++) {
		strcat(joined, v[i]);
		strcat(joined, " ");
	}
	free(v);
	rc = kp_werkgever_ids_parse(joined, ids, n, err);
	free(joined);
	return rc;
}

void kp_loket_settings_set_ids(struct kp_app *app, const struct kp_werkgever_id *ids, size_t n)
{
	const char **v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = ids[i].value;
	kp_state_set_strv(&app->state, "loket.employers", v, n);
	free(v);
}
