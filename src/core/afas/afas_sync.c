/* afas_sync.c — the test sync over every connector (see afas_sync.h).
 *
 * Paging: a connector's page 0 goes out first; once a full page came back
 * its further pages are requested ahead (up to the batch's parallel cap),
 * and a page shorter than `take` marks the end. Pages requested beyond the
 * end come back empty and add nothing. Every connector gets page 0 early,
 * so small connectors run side by side. Only counts are kept. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "koppel/afas.h"
#include "koppel/afas_sync.h"
#include "koppel/bsn.h"
#include "koppel/http.h"
#include "koppel/i18n.h"

/* Aliases that name a BSN ("burgerservicenummer", "sofinummer"). */
static int alias_names_bsn(const char *a)
{
	static const char *const words[] = {"bsn", "sofi", "burgerservice", "citizenservice",
					    "socialsecurity"};

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasestr(a, words[i]))
			return 1;
	return 0;
}

static struct kp_afas_sync_field *field_get(struct kp_afas_sync_conn *c, const char *alias)
{
	for (size_t i = 0; i < c->n_fields; i++)
		if (strcmp(c->fields[i].alias, alias) == 0)
			return &c->fields[i];
	if (c->n_fields == c->cap_fields) {
		size_t cap = c->cap_fields ? c->cap_fields * 2 : 16;
		struct kp_afas_sync_field *nf = realloc(c->fields, cap * sizeof *nf);
		if (!nf)
			return NULL;
		c->fields = nf;
		c->cap_fields = cap;
	}
	memset(&c->fields[c->n_fields], 0, sizeof c->fields[0]);
	snprintf(c->fields[c->n_fields].alias, sizeof c->fields[0].alias, "%s", alias);
	c->fields[c->n_fields].name_bsn = alias_names_bsn(alias);
	return &c->fields[c->n_fields++];
}

enum kp_err kp_afas_sync_prepare(struct kp_afas_sync *s, const struct kp_connector_zip *zip,
				 struct kp_error *err)
{
	memset(s, 0, sizeof *s);
	s->take = KP_AFAS_SYNC_TAKE;
	s->max_parallel = KP_AFAS_SYNC_MAX_PARALLEL;
	s->c = calloc(zip->n ? zip->n : 1, sizeof *s->c);
	if (!s->c)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	s->n = zip->n;
	for (size_t i = 0; i < zip->n; i++) {
		const struct kp_gcn *g = &zip->items[i].gcn;
		struct kp_afas_sync_conn *c = &s->c[i];
		size_t used = 0;

		snprintf(c->id, sizeof c->id, "%s", g->connector_id);
		c->end_page = -1;
		for (size_t f = 0; f < g->n_fields; f++) {
			char *esc = kp_http_escape(g->fields[f].alias);
			size_t l;
			if (!field_get(c, g->fields[f].alias) || !esc) {
				free(esc);
				kp_afas_sync_free(s);
				return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s",
						    _("Out of memory."));
			}
			/* Order by the first few fields: a stable order for paging,
			 * far below AFAS' 2049-character query limit. */
			l = strlen(esc);
			if (f < KP_AFAS_SYNC_ORDER_FIELDS && used + l + 4 < sizeof c->order) {
				used += (size_t)snprintf(c->order + used, sizeof c->order - used,
							 "%s%s", used ? "%2C" : "", esc);
			}
			free(esc);
		}
	}
	return KP_OK;
}

struct slot {
	int in_use;
	size_t ci;
	unsigned long page;
	char url[1200];
};

struct run {
	const struct kp_afas_conn *conn;
	struct kp_afas_sync *s;
	const struct kp_progress *progress;
	const char *headers[3];
	struct timespec t0;
	enum kp_err fatal;
	/* Slots live here, not on the heap: when the batch stops early (Esc),
	 * transfers still in flight get no `done` call, and nothing may leak. */
	struct slot slots[2 * KP_AFAS_SYNC_MAX_PARALLEL];
};

static struct slot *slot_get(struct run *r)
{
	for (size_t i = 0; i < sizeof r->slots / sizeof r->slots[0]; i++)
		if (!r->slots[i].in_use) {
			memset(&r->slots[i], 0, sizeof r->slots[i]);
			r->slots[i].in_use = 1;
			return &r->slots[i];
		}
	return NULL;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int next_req(void *ctx, struct kp_http_request *req, void **slot_user)
{
	struct run *r = ctx;
	struct kp_afas_sync *s = r->s;

	if (kp_progress_cancelled(r->progress))
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		struct kp_afas_sync_conn *c = &s->c[i];
		struct slot *sl;
		char *id;

		if (c->code != KP_OK)
			continue;
		int again = c->n_retry > 0; /* a page AFAS asked to wait for */
		if (!again && c->end_page >= 0 && (long)c->next_page > c->end_page)
			continue;
		if (!again && c->next_page > 0 && !c->got_full_page)
			continue; /* wait for page 0 before reading ahead */
		id = kp_http_escape(c->id);
		sl = id ? slot_get(r) : NULL;
		if (!sl) {
			free(id);
			return 0;
		}
		sl->ci = i;
		sl->page = again ? c->retry_page[--c->n_retry] : c->next_page++;
		snprintf(sl->url, sizeof sl->url, "%s/connectors/%s?skip=%zu&take=%zu%s%s",
			 r->conn->base, id, sl->page * s->take, s->take,
			 c->order[0] ? "&orderbyfieldids=" : "", c->order);
		free(id);
		c->in_flight++;
		memset(req, 0, sizeof *req);
		req->method = "GET";
		req->url = sl->url;
		req->headers = r->headers;
		*slot_user = sl;
		return 1;
	}
	return 0;
}

static int nine_digits(const char *v)
{
	if (strlen(v) != 9)
		return 0;
	for (int i = 0; i < 9; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

/* Count one row: filled fields and BSN checks. The values are looked at
 * here and nowhere else; nothing of them is kept. */
static int count_row(struct kp_afas_sync_conn *c, const cJSON *row)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, row)
	{
		struct kp_afas_sync_field *f;
		char num[32];
		const char *str = NULL;

		if (!v->string)
			continue;
		f = field_get(c, v->string);
		if (!f)
			return -1;
		if (cJSON_IsNull(v) || (cJSON_IsString(v) && (!v->valuestring || !*v->valuestring)))
			continue;
		f->filled++;
		if (cJSON_IsString(v)) {
			str = v->valuestring;
		} else if (cJSON_IsNumber(v) && f->name_bsn && v->valuedouble >= 0 &&
			   v->valuedouble < 1e9) {
			/* A BSN stored as a number lost its leading zeros. */
			snprintf(num, sizeof num, "%09.0f", v->valuedouble);
			str = num;
		}
		if (str && nine_digits(str)) {
			f->nine_digits++;
			if (kp_bsn_valid(str))
				f->bsn_valid++;
		} else {
			f->other++;
		}
	}
	return 0;
}

static void report(struct run *r)
{
	char label[160];
	double t = elapsed(&r->t0);
	double rate = t > 0.05 ? (double)r->s->total_rows / t : 0;
	size_t finished = 0;

	for (size_t i = 0; i < r->s->n; i++) {
		const struct kp_afas_sync_conn *c = &r->s->c[i];
		finished += c->code != KP_OK || (c->end_page >= 0 && c->in_flight == 0);
	}
	snprintf(label, sizeof label, _("%lu rows, %.0f rows/s; %zu of %zu connectors done"),
		 r->s->total_rows, rate, finished, r->s->n);
	kp_progress_report(r->progress, r->s->total_rows, 0, label);
}

static int done_req(void *ctx, void *slot_user, enum kp_err code,
		    const struct kp_http_response *resp, const struct kp_error *err)
{
	struct run *r = ctx;
	struct slot *sl = slot_user;
	struct kp_afas_sync_conn *c = &r->s->c[sl->ci];
	cJSON *j = NULL;
	const cJSON *rows, *row;
	int stop = 0;
	unsigned long n = 0;

	c->in_flight--;
	if (code == KP_ERR_CANCELLED) {
		r->fatal = KP_ERR_CANCELLED;
		stop = KP_ERR_CANCELLED;
		goto out;
	}
	if (c->code != KP_OK)
		goto out; /* already failed: ignore pages still in flight */
	if (code != KP_OK) {
		c->code = code;
		snprintf(c->msg, sizeof c->msg, "%s", err ? err->msg : "");
		snprintf(c->hint, sizeof c->hint, "%s", err ? err->hint : "");
		goto out;
	}
	if (resp->status == 429 && c->retries < KP_AFAS_SYNC_MAX_RETRIES &&
	    c->n_retry < (int)(sizeof c->retry_page / sizeof c->retry_page[0]) &&
	    resp->retry_after <= KP_AFAS_SYNC_MAX_WAIT) {
		/* AFAS documents no rate limit, but any HTTP service may ask to
		 * slow down: wait as asked (the other transfers wait too, which is
		 * the point), then ask for this page again */
		long ms = (resp->retry_after >= 0 ? resp->retry_after : 1) * 1000;
		for (; ms > 0 && !kp_progress_cancelled(r->progress); ms -= 100)
			usleep(100 * 1000);
		c->retries++;
		c->retry_page[c->n_retry++] = sl->page;
		goto out;
	}
	if (resp->status != 200) {
		struct kp_error e = {0};
		c->code = kp_afas_status_error(resp, c->id, &e);
		snprintf(c->msg, sizeof c->msg, "%s", e.msg);
		snprintf(c->hint, sizeof c->hint, "%s", e.hint);
		snprintf(c->ref, sizeof c->ref, "%s", e.ref);
		goto out;
	}
	j = cJSON_ParseWithLength(resp->body, resp->body_len);
	rows = j ? cJSON_GetObjectItemCaseSensitive(j, "rows") : NULL;
	if (!cJSON_IsArray(rows)) {
		c->code = KP_ERR_PARSE;
		snprintf(c->msg, sizeof c->msg, "%s",
			 _("AFAS sent a page without rows that koppel cannot read."));
		snprintf(c->hint, sizeof c->hint, "%s",
			 _("Run the test sync again; when it keeps happening for this connector, "
			   "ask AFAS support with the time it happened."));
		goto out;
	}
	cJSON_ArrayForEach(row, rows)
	{
		if (count_row(c, row)) {
			c->code = KP_ERR_NOMEM;
			snprintf(c->msg, sizeof c->msg, "%s", _("Out of memory."));
			goto out;
		}
		n++;
	}
	c->rows += n;
	c->pages++;
	r->s->total_rows += n;
	if (n >= r->s->take)
		c->got_full_page = 1;
	else if (c->end_page < 0 || (long)sl->page < c->end_page)
		c->end_page = (long)sl->page;
	report(r);
out:
	if (kp_progress_cancelled(r->progress) && !stop) {
		r->fatal = KP_ERR_CANCELLED;
		stop = KP_ERR_CANCELLED;
	}
	cJSON_Delete(j);
	sl->in_use = 0;
	return stop;
}

enum kp_err kp_afas_sync_run(const struct kp_afas_conn *conn, struct kp_afas_sync *s,
			     const struct kp_progress *progress, struct kp_error *err)
{
	struct run r;
	struct kp_http_batch b = {0};
	enum kp_err rc;

	memset(&r, 0, sizeof r);
	r.conn = conn;
	r.s = s;
	r.progress = progress;
	r.headers[0] = conn->auth_header;
	r.headers[1] = "Accept: application/json";
	r.headers[2] = NULL;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	s->total_rows = 0;
	b.opts = conn->http;
	b.max_parallel = s->max_parallel > 0 ? s->max_parallel : KP_AFAS_SYNC_MAX_PARALLEL;
	if (b.max_parallel > KP_AFAS_SYNC_MAX_PARALLEL)
		b.max_parallel = KP_AFAS_SYNC_MAX_PARALLEL;
	b.ctx = &r;
	b.next = next_req;
	b.done = done_req;
	report(&r);
	rc = kp_http_batch_run(&b, err);
	s->requests = b.requests;
	s->seconds = elapsed(&r.t0);
	if (rc == KP_ERR_CANCELLED || r.fatal == KP_ERR_CANCELLED ||
	    kp_progress_cancelled(progress)) {
		if (err && err->code == KP_OK)
			kp_error_set(err, KP_ERR_CANCELLED,
				     _("Run the test sync again when you are ready (F5)."), "%s",
				     _("The test sync was cancelled."));
		return KP_ERR_CANCELLED;
	}
	if (rc)
		return rc;
	if (s->n > 0 && kp_afas_sync_failures(s) == s->n) {
		/* every connector failed (AFAS unreachable, the token refused):
		 * one error, with what to do about it */
		kp_error_set(err, s->c[0].code, s->c[0].hint[0] ? s->c[0].hint : NULL, "%s",
			     s->c[0].msg);
		if (err)
			snprintf(err->ref, sizeof err->ref, "%s", s->c[0].ref);
		return s->c[0].code;
	}
	report(&r);
	return KP_OK;
}

int kp_afas_sync_field_bsn_like(const struct kp_afas_sync_field *f)
{
	return f->name_bsn || (f->nine_digits > 0 && f->other == 0);
}

unsigned long kp_afas_sync_field_bsn_invalid(const struct kp_afas_sync_field *f)
{
	return (f->nine_digits - f->bsn_valid) + (f->name_bsn ? f->other : 0);
}

unsigned long kp_afas_sync_field_bsn_missing(const struct kp_afas_sync_conn *c,
					     const struct kp_afas_sync_field *f)
{
	return c->rows > f->filled ? c->rows - f->filled : 0;
}

size_t kp_afas_sync_failures(const struct kp_afas_sync *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->c[i].code != KP_OK;
	return n;
}

void kp_afas_sync_free(struct kp_afas_sync *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->c[i].fields);
	free(s->c);
	memset(s, 0, sizeof *s);
}
