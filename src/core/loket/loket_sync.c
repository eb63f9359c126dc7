/* loket_sync.c — the test sync for Loket.nl: fetch employees, employments
 * and BSNs per employer (all pages, several at once), report findings, and
 * compare with the previous snapshot of salted hashes. BSNs stay in memory
 * only as long as a page is being read; they are wiped after hashing. */
#include "koppel/loket_sync.h"
#include "koppel/app.h"
#include "koppel/bsn.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/secure.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bytes of each HMAC kept in the snapshot: enough to tell employees apart. */
#define KP_SNAP_HASH 16

struct employee {
	char id[40];
	long number;
	unsigned char fp[KP_SNAP_HASH]; /* XOR of the hashes of its data */
	int active;
};

enum bsn_state { BSN_ABSENT = 0, BSN_NULL, BSN_VALID, BSN_INVALID };

struct employment {
	char id[40];
	char employee_id[40];
	long employee_number;
	char start[11], end[11];
	enum bsn_state bsn;
	char bsn_masked[16];
	unsigned char h[KP_SNAP_HASH];
};

struct kp_loket_sync_acc {
	unsigned char salt[32];
	struct employee *ee;
	size_t n_ee, cap_ee;
	struct employment *em;
	size_t n_em, cap_em;
	unsigned long n_bsn;
	int oom;
	int sorted; /* employments sorted by id (for the BSN lookup) */
	char today[11];
};

static void hmac(const unsigned char *salt, const char *a, const char *b,
		 unsigned char out[KP_SNAP_HASH])
{
	unsigned char full[32];
	gnutls_hmac_hd_t h;
	if (gnutls_hmac_init(&h, GNUTLS_MAC_SHA256, salt, 32) < 0) {
		memset(out, 0, KP_SNAP_HASH);
		return;
	}
	gnutls_hmac(h, a, strlen(a));
	if (b) {
		gnutls_hmac(h, "\x1f", 1);
		gnutls_hmac(h, b, strlen(b));
	}
	gnutls_hmac_deinit(h, full);
	memcpy(out, full, KP_SNAP_HASH);
	kp_wipe(full, sizeof full);
}

static void hex(const unsigned char *d, size_t n, char *out)
{
	static const char x[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 256;
	void *p = realloc(*v, nc * size);
	if (!p)
		return -1;
	*v = p;
	*cap = nc;
	return 0;
}

int kp_loket_sync_acc_employee(void *vctx, const cJSON *item)
{
	struct kp_loket_sync_acc *r = vctx;
	const char *id = jstr(item, "id");
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(item, "employeeNumber");
	struct employee *e;
	char *txt;
	if (!id)
		return 0;
	if (grow((void **)&r->ee, &r->cap_ee, r->n_ee, sizeof *r->ee)) {
		r->oom = 1;
		return 1;
	}
	e = &r->ee[r->n_ee++];
	memset(e, 0, sizeof *e);
	snprintf(e->id, sizeof e->id, "%s", id);
	e->number = cJSON_IsNumber(num) ? (long)num->valuedouble : 0;
	/* the whole record, hashed: any change to it shows as "changed" */
	txt = cJSON_PrintUnformatted(item);
	if (txt) {
		hmac(r->salt, "employee", txt, e->fp);
		kp_wipe(txt, strlen(txt));
		free(txt);
	}
	return 0;
}

int kp_loket_sync_acc_employment(void *vctx, const cJSON *item)
{
	struct kp_loket_sync_acc *r = vctx;
	const char *id = jstr(item, "id"), *s = jstr(item, "startDate"),
		   *en = jstr(item, "endDate");
	const cJSON *emp = cJSON_GetObjectItemCaseSensitive(item, "employee");
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(emp, "employeeNumber");
	const char *eid = jstr(emp, "id");
	struct employment *m;
	char buf[128];
	if (!id)
		return 0;
	if (grow((void **)&r->em, &r->cap_em, r->n_em, sizeof *r->em)) {
		r->oom = 1;
		return 1;
	}
	m = &r->em[r->n_em++];
	r->sorted = 0;
	memset(m, 0, sizeof *m);
	snprintf(m->id, sizeof m->id, "%s", id);
	snprintf(m->employee_id, sizeof m->employee_id, "%s", eid ? eid : "");
	m->employee_number = cJSON_IsNumber(num) ? (long)num->valuedouble : 0;
	snprintf(m->start, sizeof m->start, "%.10s", s ? s : "");
	snprintf(m->end, sizeof m->end, "%.10s", en ? en : "");
	snprintf(buf, sizeof buf, "%s|%s|%s", m->id, m->start, m->end);
	hmac(r->salt, "employment", buf, m->h);
	return 0;
}

static int cmp_employment(const void *a, const void *b)
{
	return strcmp(((const struct employment *)a)->id, ((const struct employment *)b)->id);
}

static int cmp_employee_id(const void *a, const void *b)
{
	return strcmp(((const struct employee *)a)->id, ((const struct employee *)b)->id);
}

int kp_loket_sync_acc_bsn(void *vctx, const cJSON *item)
{
	struct kp_loket_sync_acc *r = vctx;
	const char *eid = jstr(item, "employmentId");
	cJSON *c = cJSON_GetObjectItemCaseSensitive(item, "citizenServiceNumber");
	cJSON *b = cJSON_GetObjectItemCaseSensitive(c, "citizenServiceNumber");
	struct employment key = {0}, *m;
	unsigned char h[KP_SNAP_HASH];
	if (!eid)
		return 0;
	if (!r->sorted) {
		qsort(r->em, r->n_em, sizeof *r->em, cmp_employment);
		r->sorted = 1;
	}
	snprintf(key.id, sizeof key.id, "%s", eid);
	m = bsearch(&key, r->em, r->n_em, sizeof *r->em, cmp_employment);
	r->n_bsn++;
	if (!m)
		return 0;
	if (!cJSON_IsString(b) || !b->valuestring[0]) {
		m->bsn = BSN_NULL;
		return 0;
	}
	m->bsn = kp_bsn_valid(b->valuestring) ? BSN_VALID : BSN_INVALID;
	kp_bsn_mask(b->valuestring, m->bsn_masked, sizeof m->bsn_masked);
	hmac(r->salt, "bsn", b->valuestring, h);
	for (int i = 0; i < KP_SNAP_HASH; i++)
		m->h[i] ^= h[i];
	/* the page's copy of the BSN is not needed any more */
	kp_wipe(b->valuestring, strlen(b->valuestring));
	return 0;
}

static int add_finding(struct kp_loket_sync_employer *se, enum kp_loket_finding_kind k, long number,
		       const char *detail)
{
	struct kp_loket_finding *n = realloc(se->findings, (se->n_findings + 1) * sizeof *n);
	if (!n)
		return -1;
	se->findings = n;
	n[se->n_findings].kind = k;
	n[se->n_findings].employee_number = number;
	snprintf(n[se->n_findings].detail, sizeof n[se->n_findings].detail, "%s",
		 detail ? detail : "");
	se->n_findings++;
	return 0;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Employee number, then kind: pages arrive in any order (several requests
 * at once), and a list read out on the phone must be the same every run. */
static int cmp_finding(const void *a, const void *b)
{
	const struct kp_loket_finding *x = a, *y = b;
	if (x->employee_number != y->employee_number)
		return x->employee_number < y->employee_number ? -1 : 1;
	return (x->kind > y->kind) - (x->kind < y->kind);
}

/* Findings, and each employee's fingerprint and active flag. */
static int analyse(struct kp_loket_sync_acc *r, struct kp_loket_sync_employer *se)
{
	long *nums;
	qsort(r->ee, r->n_ee, sizeof *r->ee, cmp_employee_id);
	for (size_t i = 0; i < r->n_em; i++) {
		struct employment *m = &r->em[i];
		struct employee key = {0}, *e;
		char d[64];
		snprintf(key.id, sizeof key.id, "%s", m->employee_id);
		e = bsearch(&key, r->ee, r->n_ee, sizeof *r->ee, cmp_employee_id);
		if (e) {
			if (!m->employee_number)
				m->employee_number = e->number;
			for (int k = 0; k < KP_SNAP_HASH; k++)
				e->fp[k] ^= m->h[k];
			if (!m->end[0] || strcmp(m->end, r->today) >= 0)
				e->active = 1;
		}
		if (m->bsn == BSN_ABSENT || m->bsn == BSN_NULL) {
			if (add_finding(se, KP_FIND_BSN_MISSING, m->employee_number, NULL))
				return -1;
		} else if (m->bsn == BSN_INVALID) {
			if (add_finding(se, KP_FIND_BSN_INVALID, m->employee_number, m->bsn_masked))
				return -1;
		}
		if (!m->start[0]) {
			if (add_finding(se, KP_FIND_NO_START, m->employee_number, NULL))
				return -1;
		} else if (m->end[0] && strcmp(m->end, m->start) < 0) {
			snprintf(d, sizeof d, "%s > %s", m->start, m->end);
			if (add_finding(se, KP_FIND_END_BEFORE_START, m->employee_number, d))
				return -1;
		}
	}
	nums = malloc((r->n_ee ? r->n_ee : 1) * sizeof *nums);
	if (!nums)
		return -1;
	for (size_t i = 0; i < r->n_ee; i++)
		nums[i] = r->ee[i].number;
	qsort(nums, r->n_ee, sizeof *nums, cmp_long);
	for (size_t i = 1; i < r->n_ee; i++)
		if (nums[i] == nums[i - 1] && nums[i] && (i < 2 || nums[i - 2] != nums[i]))
			if (add_finding(se, KP_FIND_DUPLICATE_NUMBER, nums[i], NULL)) {
				free(nums);
				return -1;
			}
	free(nums);
	if (se->n_findings > 1)
		qsort(se->findings, se->n_findings, sizeof *se->findings, cmp_finding);
	return 0;
}

enum kp_err kp_loket_snapshot_path(char *out, size_t outlen, struct kp_error *err)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	int n;
	if (x && *x)
		n = snprintf(out, outlen, "%s/koppel/loket-snapshot.json", x);
	else if (h && *h)
		n = snprintf(out, outlen, "%s/.local/state/koppel/loket-snapshot.json", h);
	else
		return kp_error_set(err, KP_ERR_IO, _("Set HOME or XDG_STATE_HOME."),
				    _("There is no place to keep the sync snapshot."));
	if (n < 0 || (size_t)n >= outlen)
		return kp_error_set(err, KP_ERR_IO, NULL, _("The state folder path is too long."));
	return KP_OK;
}

static cJSON *snapshot_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;
	cJSON *o = NULL;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		o = cJSON_Parse(buf);
	}
	free(buf);
	fclose(f);
	if (o && !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		o = NULL;
	}
	return o;
}

static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static enum kp_err snapshot_save(const char *path, cJSON *snap, struct kp_error *err)
{
	char tmp[4200], dir[4096];
	char *txt = cJSON_PrintUnformatted(snap);
	int fd = -1;
	enum kp_err rc = KP_OK;
	size_t len;
	if (!txt)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	snprintf(dir, sizeof dir, "%s", path);
	mkdirs(dir);
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	len = strlen(txt);
	if (fd < 0 || write(fd, txt, len) != (ssize_t)len || fsync(fd) < 0 || close(fd) < 0 ||
	    rename(tmp, path) < 0) {
		rc =
		    kp_error_set(err, KP_ERR_IO, _("Check that the folder is writable."),
				 _("Cannot write the sync snapshot %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	free(txt);
	return rc;
}

/* One employee in the snapshot: 32 hex of HMAC(id), 32 hex of HMAC(data),
 * '1' when active. Records are kept sorted by key in one string per
 * employer, so loading, comparing and saving stay linear in memory and
 * O(n log n) in time, also for 100 000 employees. */
#define REC_KEY (2 * KP_SNAP_HASH)
#define REC_LEN (2 * REC_KEY + 1)

static int cmp_rec(const void *a, const void *b) { return memcmp(a, b, REC_KEY); }

/* Compare with the employer's previous snapshot and replace it. */
static int compare(struct kp_loket_sync_acc *r, cJSON *snap, struct kp_loket_sync_employer *se)
{
	cJSON *emps = cJSON_GetObjectItemCaseSensitive(snap, "employers"), *old;
	char ek[REC_KEY + 1], *cur, *o = NULL, *c;
	unsigned char h[KP_SNAP_HASH];
	size_t n_old = 0, io = 0, ic = 0;
	if (!emps)
		emps = cJSON_AddObjectToObject(snap, "employers");
	hmac(r->salt, "employer", se->id, h);
	hex(h, KP_SNAP_HASH, ek);
	old = cJSON_GetObjectItemCaseSensitive(emps, ek);
	if (cJSON_IsString(old) && strlen(old->valuestring) % REC_LEN == 0) {
		o = old->valuestring;
		n_old = strlen(o) / REC_LEN;
	}
	se->first_sync = o == NULL;
	cur = malloc(r->n_ee * REC_LEN + 1);
	if (!cur)
		return -1;
	for (size_t i = 0; i < r->n_ee; i++) {
		const struct employee *e = &r->ee[i];
		char buf[REC_KEY + 1];
		hmac(r->salt, "employee-id", e->id, h);
		hex(h, KP_SNAP_HASH, buf);
		memcpy(cur + i * REC_LEN, buf, REC_KEY);
		hex(e->fp, KP_SNAP_HASH, buf);
		memcpy(cur + i * REC_LEN + REC_KEY, buf, REC_KEY);
		cur[i * REC_LEN + 2 * REC_KEY] = e->active ? '1' : '0';
	}
	qsort(cur, r->n_ee, REC_LEN, cmp_rec);
	cur[r->n_ee * REC_LEN] = '\0';
	/* merge walk over both sorted lists */
	while (o && (io < n_old || ic < r->n_ee)) {
		const char *a = io < n_old ? o + io * REC_LEN : NULL;
		const char *b = ic < r->n_ee ? cur + ic * REC_LEN : NULL;
		int d = !a ? 1 : !b ? -1 : memcmp(a, b, REC_KEY);
		if (d < 0) { /* only before: left, if still active then */
			se->n_ended += a[2 * REC_KEY] == '1';
			io++;
		} else if (d > 0) {
			se->n_new++;
			ic++;
		} else {
			se->n_changed += memcmp(a + REC_KEY, b + REC_KEY, REC_KEY) != 0;
			se->n_ended += a[2 * REC_KEY] == '1' && b[2 * REC_KEY] == '0';
			io++;
			ic++;
		}
	}
	c = cur;
	if (old)
		cJSON_DeleteItemFromObjectCaseSensitive(emps, ek);
	cJSON_AddStringToObject(emps, ek, c);
	free(cur);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct prog {
	const struct kp_progress *outer;
	char label[320];
};

static void prog_update(void *ctx, unsigned long done, unsigned long total, const char *label)
{
	struct prog *p = ctx;
	(void)label;
	kp_progress_report(p->outer, done, total, p->label);
}

struct kp_loket_sync_acc *kp_loket_sync_acc_new(const unsigned char salt[32], const char *today)
{
	struct kp_loket_sync_acc *r = calloc(1, sizeof *r);
	time_t now = time(NULL);
	if (!r)
		return NULL;
	memcpy(r->salt, salt, sizeof r->salt);
	if (today)
		snprintf(r->today, sizeof r->today, "%.10s", today);
	else
		strftime(r->today, sizeof r->today, "%Y-%m-%d", localtime(&now));
	return r;
}

enum kp_err kp_loket_sync_acc_finish(struct kp_loket_sync_acc *r, struct kp_loket_sync_employer *se,
				     struct kp_error *err)
{
	se->employees = r->n_ee;
	se->employments = r->n_em;
	se->bsns = r->n_bsn;
	if (r->oom || analyse(r, se) < 0)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	return KP_OK;
}

void kp_loket_sync_acc_free(struct kp_loket_sync_acc *r)
{
	if (!r)
		return;
	if (r->em)
		kp_wipe(r->em, r->n_em * sizeof *r->em);
	free(r->em);
	free(r->ee);
	kp_wipe(r->salt, sizeof r->salt);
	free(r);
}

static enum kp_err sync_one(struct kp_app *app, const unsigned char *salt, cJSON *snap,
			    struct kp_loket_sync_employer *se, const struct kp_progress *outer,
			    struct kp_error *err)
{
	struct kp_loket_sync_acc *r = kp_loket_sync_acc_new(salt, NULL);
	struct prog pg = {.outer = outer};
	struct kp_progress p = {
	    .update = prog_update, .ctx = &pg, .cancel = outer ? outer->cancel : NULL};
	char path[256];
	enum kp_err rc;
	double t0 = now_s();
	if (!r)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	snprintf(pg.label, sizeof pg.label, _("%s: employees"), se->name);
	snprintf(path, sizeof path, "/providers/employers/%s/employees", se->id);
	rc = kp_loket_list_all(app, path, "2021-03-29", kp_loket_sync_acc_employee, r, &p,
			       &se->requests, err);
	if (!rc) {
		snprintf(pg.label, sizeof pg.label, _("%s: employments"), se->name);
		snprintf(path, sizeof path, "/providers/employers/%s/employees/employments",
			 se->id);
		rc = kp_loket_list_all(app, path, "2019-12-16", kp_loket_sync_acc_employment, r, &p,
				       &se->requests, err);
	}
	if (!rc) {
		snprintf(pg.label, sizeof pg.label, _("%s: BSNs"), se->name);
		snprintf(path, sizeof path,
			 "/providers/employers/%s/employees/citizenservicenumbers", se->id);
		rc = kp_loket_list_all(app, path, "2018-01-01", kp_loket_sync_acc_bsn, r, &p,
				       &se->requests, err);
	}
	if (!rc)
		rc = kp_loket_sync_acc_finish(r, se, err);
	else { /* counts of what was read before the failure */
		se->employees = r->n_ee;
		se->employments = r->n_em;
		se->bsns = r->n_bsn;
	}
	if (!rc && compare(r, snap, se) < 0)
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	se->seconds = now_s() - t0;
	kp_loket_sync_acc_free(r);
	return rc;
}

/* The per-machine salt, created on first use. */
static int snapshot_salt(cJSON *snap, unsigned char salt[32])
{
	cJSON *s = cJSON_GetObjectItemCaseSensitive(snap, "salt");
	char hx[65];
	if (cJSON_IsString(s) && strlen(s->valuestring) == 64) {
		for (int i = 0; i < 32; i++) {
			unsigned v;
			if (sscanf(s->valuestring + 2 * i, "%2x", &v) != 1)
				goto fresh;
			salt[i] = (unsigned char)v;
		}
		return 0;
	}
fresh:
	if (gnutls_rnd(GNUTLS_RND_KEY, salt, 32) < 0)
		return -1;
	hex(salt, 32, hx);
	cJSON_DeleteItemFromObjectCaseSensitive(snap, "salt");
	cJSON_DeleteItemFromObjectCaseSensitive(snap, "employers");
	cJSON_AddStringToObject(snap, "salt", hx);
	return 0;
}

enum kp_err kp_loket_sync_run(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = kp_loket_ctx_get(app);
	struct kp_loket_sync_report *rep;
	char path[4096];
	unsigned char salt[32];
	cJSON *snap;
	enum kp_err rc = KP_OK, fatal = KP_OK;
	if (!ctx)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	rc = kp_loket_snapshot_path(path, sizeof path, err);
	if (rc)
		return rc;
	rep = calloc(1, sizeof *rep);
	if (!rep || !(rep->emp = calloc(ctx->n_resolved ? ctx->n_resolved : 1, sizeof *rep->emp))) {
		free(rep);
		return kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
	}
	snap = snapshot_load(path);
	if (!snap)
		snap = cJSON_CreateObject();
	if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(snap, "version")) != 2)
		cJSON_DeleteItemFromObjectCaseSensitive(snap, "employers"); /* older layout */
	cJSON_DeleteItemFromObjectCaseSensitive(snap, "version");
	cJSON_AddNumberToObject(snap, "version", 2);
	if (snapshot_salt(snap, salt) < 0) {
		cJSON_Delete(snap);
		kp_loket_sync_report_free(rep);
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, _("No random numbers available."));
	}
	rep->all_ok = 1;
	for (size_t i = 0; i < ctx->n_resolved; i++) {
		struct kp_loket_resolved *res = &ctx->resolved[i];
		struct kp_loket_sync_employer *se;
		struct kp_error e = {0};
		if (!res->reachable) {
			rep->all_ok = 0;
			continue;
		}
		se = &rep->emp[rep->n++];
		snprintf(se->id, sizeof se->id, "%s", res->emp.id);
		snprintf(se->name, sizeof se->name, "%s", res->emp.name);
		se->result = sync_one(app, salt, snap, se, p, &e);
		if (se->result) {
			snprintf(se->error, sizeof se->error, "%s", e.msg);
			snprintf(se->hint, sizeof se->hint, "%s", e.hint);
			rep->all_ok = 0;
			if (se->result == KP_ERR_CANCELLED || se->result == KP_ERR_AUTH) {
				fatal = se->result;
				if (err)
					*err = e;
				break;
			}
		}
		if (se->n_findings)
			rep->all_ok = 0;
	}
	kp_wipe(salt, sizeof salt);
	if (!fatal)
		rc = snapshot_save(path, snap, err);
	cJSON_Delete(snap);
	kp_loket_sync_report_free(ctx->sync);
	ctx->sync = rep;
	return fatal ? fatal : rc;
}

const char *kp_loket_finding_name(enum kp_loket_finding_kind k)
{
	switch (k) {
	case KP_FIND_BSN_MISSING:
		return "bsn_missing";
	case KP_FIND_BSN_INVALID:
		return "bsn_invalid";
	case KP_FIND_NO_START:
		return "employment_without_start";
	case KP_FIND_END_BEFORE_START:
		return "end_before_start";
	case KP_FIND_DUPLICATE_NUMBER:
		return "duplicate_employee_number";
	}
	return "unknown";
}

void kp_loket_finding_text(const struct kp_loket_finding *f, char *out, size_t outlen)
{
	switch (f->kind) {
	case KP_FIND_BSN_MISSING:
		snprintf(out, outlen, _("Employee %ld: an employment without a BSN."),
			 f->employee_number);
		break;
	case KP_FIND_BSN_INVALID:
		snprintf(out, outlen, _("Employee %ld: BSN %s fails the elfproef."),
			 f->employee_number, f->detail);
		break;
	case KP_FIND_NO_START:
		snprintf(out, outlen, _("Employee %ld: an employment without a start date."),
			 f->employee_number);
		break;
	case KP_FIND_END_BEFORE_START:
		snprintf(out, outlen, _("Employee %ld: an employment ends before it starts (%s)."),
			 f->employee_number, f->detail);
		break;
	case KP_FIND_DUPLICATE_NUMBER:
		snprintf(out, outlen, _("Employee number %ld is used more than once."),
			 f->employee_number);
		break;
	}
}

cJSON *kp_loket_sync_json(const struct kp_loket_sync_report *rep)
{
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(o, "employers");
	cJSON_AddBoolToObject(o, "ok", rep && rep->all_ok);
	for (size_t i = 0; rep && i < rep->n; i++) {
		const struct kp_loket_sync_employer *se = &rep->emp[i];
		cJSON *e = cJSON_CreateObject(), *f, *ch;
		cJSON_AddStringToObject(e, "id", se->id);
		cJSON_AddStringToObject(e, "companyName", se->name);
		cJSON_AddBoolToObject(e, "ok", se->result == KP_OK && !se->n_findings);
		if (se->result) {
			cJSON_AddStringToObject(e, "error", kp_err_name(se->result));
			cJSON_AddStringToObject(e, "message", se->error);
			cJSON_AddStringToObject(e, "hint", se->hint);
		}
		cJSON_AddNumberToObject(e, "employees", (double)se->employees);
		cJSON_AddNumberToObject(e, "employments", (double)se->employments);
		cJSON_AddNumberToObject(e, "bsns", (double)se->bsns);
		cJSON_AddNumberToObject(e, "requests", (double)se->requests);
		cJSON_AddNumberToObject(e, "seconds", se->seconds);
		f = cJSON_AddArrayToObject(e, "findings");
		for (size_t k = 0; k < se->n_findings; k++) {
			cJSON *x = cJSON_CreateObject();
			char txt[256];
			kp_loket_finding_text(&se->findings[k], txt, sizeof txt);
			cJSON_AddStringToObject(x, "kind",
						kp_loket_finding_name(se->findings[k].kind));
			cJSON_AddNumberToObject(x, "employeeNumber",
						(double)se->findings[k].employee_number);
			cJSON_AddStringToObject(x, "message", txt);
			cJSON_AddItemToArray(f, x);
		}
		ch = cJSON_AddObjectToObject(e, "changes");
		cJSON_AddBoolToObject(ch, "first_sync", se->first_sync);
		cJSON_AddNumberToObject(ch, "new", (double)se->n_new);
		cJSON_AddNumberToObject(ch, "changed", (double)se->n_changed);
		cJSON_AddNumberToObject(ch, "ended", (double)se->n_ended);
		cJSON_AddItemToArray(arr, e);
	}
	return o;
}

void kp_loket_sync_report_free(struct kp_loket_sync_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->n; i++)
		free(rep->emp[i].findings);
	free(rep->emp);
	free(rep);
}
