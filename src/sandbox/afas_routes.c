/* afas_routes.c — AFAS Profit REST: /profitversion, /metainfo,
 * /metainfo/get/{id}, /connectors/{id} with skip/take, ordering and filters.
 * Rows are produced while the response is being sent (a content reader), so
 * take=100000 costs a few kilobytes, not the whole result. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afas_catalog.h"
#include "afas_participants.h"
#include "sandbox.h"

#define MAX_TERMS 16

struct filter_term {
	int field;        /* index into the connector's fields */
	int op;           /* 1..15 */
	char value[128];
	int group;        /* OR group number */
};

struct afas_stream {
	const struct sb_afas_connector *conn;
	long total;         /* rows before filtering */
	long skip, take;    /* take < 0: all */
	int reverse;        /* key order descending */
	uint32_t *order;    /* explicit order for other sort fields, or NULL */
	struct filter_term terms[MAX_TERMS];
	int n_terms, n_groups;
	long k;             /* next position in the underlying order */
	long matched, emitted;
	int phase;          /* 0 header, 1 rows, 2 footer, 3 done */
	char buf[8192];
	size_t len, pos;
	int fault;          /* -1 none, else SB_FAULT_TRUNCATE / SB_FAULT_INVALID_JSON */
	long fault_after;   /* rows before the fault strikes */
	struct sb_value vals[32];
};

static enum MHD_Result afas_error(struct MHD_Connection *c, struct sb_req *r, unsigned status,
				  const char *message)
{
	char ref[33], body[1024];
	cJSON *o = cJSON_CreateObject();
	sb_random_hex(ref, 16);
	for (char *p = ref; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	cJSON_AddStringToObject(o, "externalMessage", message);
	cJSON_AddNumberToObject(o, "errorNumber", -2147180999.0);
	cJSON_AddStringToObject(o, "profitLogReference", ref);
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	snprintf(body, sizeof body, "%s", json ? json : "{}");
	free(json);
	return sb_respond(c, r, status, "application/json; charset=utf-8", body, strlen(body));
}

static int check_token(struct MHD_Connection *c, const struct sb_afas_participant *p)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	char xml[160], want[260];
	if (!p || p->revoked || !auth)
		return 0;
	sb_afas_token_xml(p->participant, xml, sizeof xml);
	strcpy(want, "AfasToken ");
	sb_base64((const unsigned char *)xml, strlen(xml), want + strlen(want));
	return sb_secret_eq(auth, want);
}

static int assigned(const struct sb_afas_participant *p, const struct sb_afas_connector *conn)
{
	return conn && !(p->unassigned && strcmp(p->unassigned, conn->id) == 0);
}

static enum MHD_Result not_assigned(struct MHD_Connection *c, struct sb_req *r, const char *id)
{
	char msg[300];
	snprintf(msg, sizeof msg,
		 "GetConnector '%.120s' niet ondersteund voor deze app of de gebruiker is niet "
		 "geautoriseerd.",
		 id);
	return afas_error(c, r, 401, msg);
}

static enum MHD_Result metainfo(struct MHD_Connection *c, struct sb_req *r,
				const struct sb_afas_participant *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "updateConnectors", cJSON_CreateArray());
	cJSON *gets = cJSON_AddArrayToObject(o, "getConnectors");
	for (size_t i = 0; i < sb_afas_n_connectors; i++) {
		const struct sb_afas_connector *conn = &sb_afas_connectors[i];
		if (!assigned(p, conn))
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", conn->id);
		cJSON_AddStringToObject(e, "description", conn->description);
		cJSON_AddItemToArray(gets, e);
	}
	cJSON *info = cJSON_AddObjectToObject(o, "info");
	char buf[128];
	snprintf(buf, sizeof buf, "O%sAA", p->participant);
	cJSON_AddStringToObject(info, "envid", buf);
	cJSON_AddStringToObject(info, "appName", "Benefits-Plaza koppeling");
	snprintf(buf, sizeof buf, "AuthorizationGroup 7 (%s.BENEFITSPLAZA)", p->participant);
	cJSON_AddStringToObject(info, "group", buf);
	cJSON_AddStringToObject(info, "tokenExpiry", "0");
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return sb_respond_json(c, r, 200, json);
}

static enum MHD_Result metainfo_get(struct MHD_Connection *c, struct sb_req *r,
				    const struct sb_afas_connector *conn)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", conn->id);
	cJSON_AddStringToObject(o, "description", conn->description);
	cJSON *fields = cJSON_AddArrayToObject(o, "fields");
	for (size_t i = 0; i < conn->n_fields; i++) {
		const struct sb_afas_field *f = &conn->fields[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", f->alias);
		cJSON_AddStringToObject(e, "fieldId", f->field_id);
		cJSON_AddStringToObject(e, "dataType", sb_afas_type_name(f->type));
		cJSON_AddStringToObject(e, "label", f->label);
		cJSON_AddNumberToObject(e, "length", f->length);
		cJSON_AddNumberToObject(e, "controlType", f->control_type);
		cJSON_AddNumberToObject(e, "decimals", f->decimals);
		cJSON_AddStringToObject(e, "decimalsFieldId", "");
		cJSON_AddItemToArray(fields, e);
	}
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return sb_respond_json(c, r, 200, json);
}

/* ---- filters ---- */

static int field_index(const struct sb_afas_connector *conn, const char *alias)
{
	for (size_t i = 0; i < conn->n_fields; i++)
		if (strcasecmp(conn->fields[i].alias, alias) == 0)
			return (int)i;
	return -1;
}

/* Split "a,b;c" into tokens with their OR group. Returns count or -1. */
static int split_terms(const char *s, char out[][128], int *groups, int max)
{
	int n = 0, g = 0;
	const char *p = s;
	for (;;) {
		size_t len = strcspn(p, ",;");
		if (n >= max || len >= 128)
			return -1;
		memcpy(out[n], p, len);
		out[n][len] = '\0';
		groups[n++] = g;
		if (p[len] == '\0')
			break;
		if (p[len] == ';')
			g++;
		p += len + 1;
	}
	return n;
}

static int parse_filters(struct MHD_Connection *c, struct afas_stream *st, char *msg, size_t ml)
{
	const char *ids = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "filterfieldids");
	const char *vals = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "filtervalues");
	const char *ops = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "operatortypes");
	char tid[MAX_TERMS][128], tval[MAX_TERMS][128], top[MAX_TERMS][128];
	int gid[MAX_TERMS], gval[MAX_TERMS], gop[MAX_TERMS];
	if (!ids || !*ids)
		return 0;
	int n = split_terms(ids, tid, gid, MAX_TERMS);
	int nv = split_terms(vals ? vals : "", tval, gval, MAX_TERMS);
	int no = ops ? split_terms(ops, top, gop, MAX_TERMS) : n;
	if (n < 0 || nv < 0 || no < 0) {
		snprintf(msg, ml, "Te veel of te lange filters.");
		return -1;
	}
	if (nv != n || no != n) {
		snprintf(msg, ml,
			 "Het aantal filtervelden (%d), filterwaarden (%d) en operatoren (%d) is niet "
			 "gelijk.",
			 n, nv, no);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct filter_term *t = &st->terms[i];
		t->field = field_index(st->conn, tid[i]);
		if (t->field < 0) {
			snprintf(msg, ml, "Filterveld '%.100s' bestaat niet in GetConnector '%.100s'.", tid[i],
				 st->conn->id);
			return -1;
		}
		t->op = ops ? atoi(top[i]) : 1;
		if (t->op < 1 || t->op > 15) {
			snprintf(msg, ml, "Operator '%s' is ongeldig (1 tot en met 15).", top[i]);
			return -1;
		}
		snprintf(t->value, sizeof t->value, "%s", tval[i]);
		t->group = gid[i];
		if (gid[i] + 1 > st->n_groups)
			st->n_groups = gid[i] + 1;
	}
	st->n_terms = n;
	return 0;
}

static int cmp_value(enum sb_afas_type type, const struct sb_value *v, const char *want)
{
	if (type == SB_T_INT || type == SB_T_DECIMAL) {
		double a = strtod(v->s, NULL), b = strtod(want, NULL);
		return a < b ? -1 : a > b;
	}
	if (type == SB_T_DATE)
		return strncmp(v->s, want, 10);
	return strcasecmp(v->s, want);
}

static int str_contains_ci(const char *h, const char *n)
{
	return strcasestr(h, n) != NULL;
}

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static int term_matches(const struct sb_afas_connector *conn, const struct filter_term *t,
			const struct sb_value *vals)
{
	const struct sb_value *v = &vals[t->field];
	enum sb_afas_type type = conn->fields[t->field].type;
	if (t->op == 8)
		return v->null || !v->s[0];
	if (t->op == 9)
		return !v->null && v->s[0];
	if (v->null)
		return t->op == 7 || t->op == 11 || t->op == 12 || t->op == 14;
	switch (t->op) {
	case 1: return cmp_value(type, v, t->value) == 0;
	case 2: return cmp_value(type, v, t->value) >= 0;
	case 3: return cmp_value(type, v, t->value) <= 0;
	case 4: return cmp_value(type, v, t->value) > 0;
	case 5: return cmp_value(type, v, t->value) < 0;
	case 6: return str_contains_ci(v->s, t->value);
	case 7: return cmp_value(type, v, t->value) != 0;
	case 10: return strncasecmp(v->s, t->value, strlen(t->value)) == 0;
	case 11: return !str_contains_ci(v->s, t->value);
	case 12: return strncasecmp(v->s, t->value, strlen(t->value)) != 0;
	case 13: return ends_with_ci(v->s, t->value);
	case 14: return !ends_with_ci(v->s, t->value);
	case 15: return str_contains_ci(v->s, t->value); /* quick filter: contains */
	}
	return 0;
}

static int row_matches(const struct afas_stream *st, const struct sb_value *vals)
{
	if (!st->n_terms)
		return 1;
	for (int g = 0; g < st->n_groups; g++) {
		int all = 1;
		for (int i = 0; i < st->n_terms && all; i++)
			if (st->terms[i].group == g && !term_matches(st->conn, &st->terms[i], vals))
				all = 0;
		if (all)
			return 1;
	}
	return 0;
}

/* ---- ordering by a field other than the key ---- */

struct sort_ctx {
	const struct sb_afas_connector *conn;
	int fields[8];
	int desc[8];
	int n;
};

static int sort_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *sc = arg;
	struct sb_value va[32], vb[32];
	uint32_t ia = *(const uint32_t *)a, ib = *(const uint32_t *)b;
	sb_afas_row(sc->conn, ia, va);
	sb_afas_row(sc->conn, ib, vb);
	for (int k = 0; k < sc->n; k++) {
		int f = sc->fields[k];
		const struct sb_value *x = &va[f], *y = &vb[f];
		int c;
		if (x->null || y->null)
			c = x->null - y->null;
		else
			c = cmp_value(sc->conn->fields[f].type, x, y->s);
		if (c)
			return sc->desc[k] ? -c : c;
	}
	return ia < ib ? -1 : ia > ib;
}

/* Row number plus a compact key of the first sort field, so most
 * comparisons need no row; rows are regenerated only on ties. */
struct sort_item {
	uint32_t idx;
	int null;
	double num;        /* numbers and dates (as days) */
	uint64_t prefix;   /* text: first 8 bytes, lower case, big-endian */
};

static void sort_key(const struct sb_afas_connector *conn, int f, uint32_t idx,
		     struct sort_item *it)
{
	struct sb_value v[32];
	sb_afas_row(conn, idx, v);
	it->idx = idx;
	it->null = v[f].null;
	it->num = 0;
	it->prefix = 0;
	if (it->null)
		return;
	switch (conn->fields[f].type) {
	case SB_T_INT:
	case SB_T_DECIMAL:
		it->num = strtod(v[f].s, NULL);
		break;
	case SB_T_DATE: {
		int y = 0, m = 0, d = 0;
		sscanf(v[f].s, "%d-%d-%d", &y, &m, &d);
		it->num = (double)sb_days(y, m, d);
		break;
	}
	default:
		for (int k = 0; k < 8; k++) {
			unsigned char ch = (unsigned char)v[f].s[k];
			it->prefix = it->prefix << 8 | (unsigned char)tolower(ch);
			if (!ch) {
				it->prefix <<= 8 * (7 - k);
				break;
			}
		}
	}
}

static int sort_item_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *sc = arg;
	const struct sort_item *x = a, *y = b;
	int c = 0, f = sc->fields[0];
	enum sb_afas_type t = sc->conn->fields[f].type;
	int numeric = t == SB_T_INT || t == SB_T_DECIMAL || t == SB_T_DATE;
	if (x->null || y->null)
		c = x->null - y->null;
	else if (numeric)
		c = x->num < y->num ? -1 : x->num > y->num;
	else
		c = x->prefix < y->prefix ? -1 : x->prefix > y->prefix;
	if (c)
		return sc->desc[0] ? -c : c;
	if ((numeric || x->null) && sc->n == 1)
		return x->idx < y->idx ? -1 : x->idx > y->idx;
	return sort_cmp(&x->idx, &y->idx, arg); /* tie on the key: full rows */
}

static int parse_order(struct MHD_Connection *c, struct afas_stream *st, char *msg, size_t ml)
{
	const char *ob = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "orderbyfieldids");
	struct sort_ctx sc = { .conn = st->conn };
	char terms[8][128];
	int groups[8];
	if (!ob || !*ob)
		return 0;
	int n = split_terms(ob, terms, groups, 8);
	if (n < 0) {
		snprintf(msg, ml, "Te veel sorteervelden.");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *name = terms[i];
		int desc = 0;
		if (*name == '-') {
			desc = 1;
			name++;
		}
		int f = field_index(st->conn, name);
		if (f < 0) {
			snprintf(msg, ml, "Sorteerveld '%.100s' bestaat niet in GetConnector '%.100s'.", name,
				 st->conn->id);
			return -1;
		}
		sc.fields[sc.n] = f;
		sc.desc[sc.n++] = desc;
	}
	/* Field 0 is the key and rows are generated in key order: no sort. */
	if (sc.fields[0] == 0) {
		st->reverse = sc.desc[0];
		return 0;
	}
	/* Any other field: sort row numbers with a compact key (24 bytes a
	 * row while sorting, 4 kept while streaming), never the rows. */
	if (st->total <= 0)
		return 0;
	struct sort_item *items = malloc((size_t)st->total * sizeof *items);
	st->order = malloc((size_t)st->total * sizeof *st->order);
	if (!items || !st->order) {
		free(items);
		snprintf(msg, ml, "Onvoldoende geheugen om te sorteren.");
		return -1;
	}
	for (long i = 0; i < st->total; i++)
		sort_key(st->conn, sc.fields[0], (uint32_t)i, &items[i]);
	qsort_r(items, (size_t)st->total, sizeof *items, sort_item_cmp, &sc);
	for (long i = 0; i < st->total; i++)
		st->order[i] = items[i].idx;
	free(items);
	return 0;
}

/* ---- the content reader ---- */

static void json_str(char *out, size_t outlen, size_t *o, const char *s)
{
	if (*o + 2 >= outlen)
		return;
	out[(*o)++] = '"';
	for (; *s && *o + 8 < outlen; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			out[(*o)++] = '\\';
			out[(*o)++] = (char)ch;
		} else if (ch < 0x20) {
			*o += (size_t)snprintf(out + *o, outlen - *o, "\\u%04x", ch);
		} else {
			out[(*o)++] = (char)ch;
		}
	}
	out[(*o)++] = '"';
	out[*o] = '\0';
}

static void append_row(struct afas_stream *st)
{
	size_t o = st->len;
	const struct sb_afas_connector *conn = st->conn;
	o += (size_t)snprintf(st->buf + o, sizeof st->buf - o, "%s{", st->emitted ? "," : "");
	for (size_t f = 0; f < conn->n_fields; f++) {
		const struct sb_value *v = &st->vals[f];
		if (f)
			st->buf[o++] = ',';
		json_str(st->buf, sizeof st->buf, &o, conn->fields[f].alias);
		st->buf[o++] = ':';
		if (v->null)
			o += (size_t)snprintf(st->buf + o, sizeof st->buf - o, "null");
		else if (conn->fields[f].type == SB_T_STRING || conn->fields[f].type == SB_T_DATE)
			json_str(st->buf, sizeof st->buf, &o, v->s);
		else
			o += (size_t)snprintf(st->buf + o, sizeof st->buf - o, "%s", v->s);
	}
	st->buf[o++] = '}';
	st->len = o;
}

/* Next row that passes the filters, past skip; 0 = none left. */
static int next_row(struct afas_stream *st)
{
	while (st->k < st->total) {
		long pos = st->k++;
		uint64_t idx = st->order ? st->order[pos]
			     : st->reverse ? (uint64_t)(st->total - 1 - pos) : (uint64_t)pos;
		sb_afas_row(st->conn, idx, st->vals);
		if (!row_matches(st, st->vals))
			continue;
		if (st->matched++ < st->skip)
			continue;
		return 1;
	}
	return 0;
}

static void fill(struct afas_stream *st)
{
	st->len = st->pos = 0;
	if (st->phase == 0) {
		st->len = (size_t)snprintf(st->buf, sizeof st->buf, "{\"skip\":%ld,\"take\":%ld,\"rows\":[",
					   st->skip, st->take);
		st->phase = 1;
		return;
	}
	if (st->phase == 1) {
		/* A few rows per fill keeps the buffer well below its size. */
		for (int n = 0; n < 8; n++) {
			if ((st->take >= 0 && st->emitted >= st->take) || !next_row(st)) {
				st->phase = 2;
				break;
			}
			append_row(st);
			st->emitted++;
			if (st->fault >= 0 && st->emitted >= st->fault_after) {
				st->phase = st->fault == SB_FAULT_TRUNCATE ? 4 : 3;
				return;
			}
		}
		return;
	}
	if (st->phase == 2) {
		st->len = (size_t)snprintf(st->buf, sizeof st->buf, "]}");
		st->phase = 3;
	}
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct afas_stream *st = cls;
	(void)pos;
	while (st->pos >= st->len) {
		if (st->phase == 3)
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (st->phase == 4)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		fill(st);
	}
	size_t n = st->len - st->pos;
	if (n > max)
		n = max;
	memcpy(out, st->buf + st->pos, n);
	st->pos += n;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	struct afas_stream *st = cls;
	free(st->order);
	free(st);
}

static int parse_long(const char *s, long *out)
{
	char *end;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end)
		return -1;
	*out = v;
	return 0;
}

static enum MHD_Result connector_rows(struct sb_server *s, struct MHD_Connection *c,
				      struct sb_req *r, const struct sb_afas_connector *conn)
{
	char msg[300];
	struct afas_stream *st = calloc(1, sizeof *st);
	if (!st)
		return MHD_NO;
	st->conn = conn;
	st->total = sb_afas_row_count(conn, s->rows);
	st->take = 100;
	st->fault = -1;
	if (parse_long(MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "skip"), &st->skip) ||
	    parse_long(MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "take"), &st->take) ||
	    st->skip < 0) {
		free(st);
		return afas_error(c, r, 400, "Ongeldige waarde voor skip of take.");
	}
	if (parse_filters(c, st, msg, sizeof msg) || parse_order(c, st, msg, sizeof msg)) {
		stream_free(st);
		return afas_error(c, r, 400, msg);
	}
	/* Without filters row k is the k-th match: jump to skip rather than
	 * generate every row before it (paging 100 000 rows would cost
	 * O(rows²) row generations otherwise). */
	if (st->n_terms == 0) {
		st->k = st->skip < st->total ? st->skip : st->total;
		st->matched = st->k;
	}
	if (r->have_fault && (r->fault.kind == SB_FAULT_TRUNCATE ||
			      r->fault.kind == SB_FAULT_INVALID_JSON)) {
		/* halfway through what this page will really hold: a last page
		 * shorter than take must break too, or the fault goes unseen */
		long left = st->total > st->skip ? st->total - st->skip : 0;
		long expect = st->take >= 0 && st->take < left ? st->take : left;
		st->fault = (int)r->fault.kind;
		st->fault_after = expect / 2 > 0 ? expect / 2 : 1;
	}
	struct MHD_Response *resp =
		MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, stream_read, st, stream_free);
	if (!resp) {
		stream_free(st);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store, no-cache");
	sb_log(r, st->fault == SB_FAULT_TRUNCATE ? "200 streamed, truncated"
		  : st->fault == SB_FAULT_INVALID_JSON ? "200 streamed, invalid-json" : "200 streamed");
	enum MHD_Result ret = MHD_queue_response(c, 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

enum MHD_Result sb_afas_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
			       const char *method, const char *url)
{
	char participant[16], rest[256];
	const char *p = url + 1;
	size_t n = strspn(p, "0123456789");
	enum MHD_Result ret;
	const char *route = NULL;
	const char *id = NULL;

	snprintf(participant, sizeof participant, "%.*s", (int)n, p);
	snprintf(rest, sizeof rest, "%s", p + n + strlen("/ProfitRestServices"));
	size_t rl = strlen(rest);
	if (rl > 1 && rest[rl - 1] == '/')
		rest[rl - 1] = '\0';

	if (strcasecmp(rest, "/profitversion") == 0) {
		route = "afas.profitversion";
	} else if (strcasecmp(rest, "/metainfo") == 0) {
		route = "afas.metainfo";
	} else if (sb_prefix_ci(rest, "/metainfo/get/") && rest[14]) {
		route = "afas.metainfo_get";
		id = rest + 14;
	} else if (sb_prefix_ci(rest, "/connectors/") && rest[12]) {
		route = "afas.connectors";
		id = rest + 12;
	}
	if (!route)
		return sb_respond(c, r, 404, NULL, NULL, 0);
	if (sb_route_fault(s, c, r, route, &ret))
		return ret;
	if (strcmp(method, "GET") != 0)
		return sb_respond(c, r, 405, NULL, NULL, 0);
	/* AFAS answers 404 to a query string over 2049 characters. */
	const char *q = r->raw_uri ? strchr(r->raw_uri, '?') : NULL;
	if (q && strlen(q + 1) > 2049)
		return sb_respond(c, r, 404, NULL, NULL, 0);

	const struct sb_afas_participant *part = sb_afas_participant_find(participant);
	if (!check_token(c, part))
		return sb_respond(c, r, 401, NULL, NULL, 0);

	if (strcmp(route, "afas.profitversion") == 0) {
		const char *body = "{\"version\":\"22.22.5\"}";
		return sb_respond(c, r, 200, "application/json; charset=utf-8", body, strlen(body));
	}
	if (strcmp(route, "afas.metainfo") == 0)
		return metainfo(c, r, part);
	const struct sb_afas_connector *conn = sb_afas_find(id);
	if (!assigned(part, conn))
		return not_assigned(c, r, id);
	if (strcmp(route, "afas.metainfo_get") == 0)
		return metainfo_get(c, r, conn);
	return connector_rows(s, c, r, conn);
}
