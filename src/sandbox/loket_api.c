/* loket_api.c — Loket.nl REST under /v2: employers, employees, BSNs (keyed
 * by employment), employments, wages, payroll period data and results,
 * partners, authorizations. The list envelope with paging, the Accept
 * version header, and the documented 400/401/403 bodies. Each page is built
 * on its own from the deterministic generators. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "loket_rights.h"
#include "loket_users.h"
#include "sandbox.h"

#define BODY_401 "{\"message\":\"Authorization has been denied for this request.\"}"
#define BODY_403                                                                               \
	"{\"message\":\"Insufficient rights for this request, reason \\\"User doesn't have "   \
	"rechten to perform activity for the given Id.\\\"\"}"

enum { K_EMPLOYER = 1, K_EMPLOYEE, K_EMPLOYMENT, K_WAGE, K_PERIODDATA, K_PARTNER, K_ADMIN,
       K_ACTIVITY, K_RESULT };

struct route_def {
	const char *route;
	const char *versions[3]; /* newest first */
};

static const struct route_def routes[] = {
	{ "loket.employers", { "2018-01-01" } },
	{ "loket.employer", { "2018-01-01" } },
	{ "loket.employees", { "2021-03-29", "2018-12-31" } },
	{ "loket.citizenservicenumbers", { "2018-01-01" } },
	{ "loket.citizenservicenumber", { "2018-01-01" } },
	{ "loket.employments", { "2019-12-16" } },
	{ "loket.wages", { "2018-01-01" } },
	{ "loket.payrollperioddata", { "2018-01-01" } },
	{ "loket.payrollperiodresults", { "2018-01-01" } },
	{ "loket.partners", { "2018-01-01" } },
	{ "loket.authorizations", { "2019-02-11", "2018-01-01" } },
	{ "loket.payslips", { "2018-01-01" } },
};

struct api_req {
	struct sb_server *s;
	const char *route;
	const char *version;   /* resource version chosen */
	int user;
	unsigned employer;
	uint64_t index;        /* employee / employment index */
	int year;
};

static enum MHD_Result bad_request(struct MHD_Connection *c, struct sb_req *r,
				   const char *version, const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *v = cJSON_AddObjectToObject(o, "version");
	cJSON_AddNullToObject(v, "obsoleteDate");
	cJSON_AddStringToObject(v, "resourceVersion", version ? version : "2018-01-01");
	cJSON *msgs = cJSON_AddArrayToObject(o, "messages");
	cJSON *m = cJSON_CreateObject();
	cJSON_AddNumberToObject(m, "code", 83);
	cJSON_AddNullToObject(m, "id");
	cJSON_AddStringToObject(m, "type", "BrokenBusinessRule");
	cJSON_AddStringToObject(m, "description", text);
	cJSON_AddItemToObject(m, "properties", cJSON_CreateArray());
	cJSON_AddItemToArray(msgs, m);
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return sb_respond_json(c, r, 400, json);
}

static enum MHD_Result status_body(struct MHD_Connection *c, struct sb_req *r, unsigned st,
				   const char *body)
{
	return sb_respond(c, r, st, "application/json; charset=utf-8", body, strlen(body));
}

/* ---- item builders ---- */

static uint64_t gidx(unsigned e, uint64_t j)
{
	return (uint64_t)e * 1000003ULL + j;
}

static long employment_start(unsigned e, uint64_t j)
{
	return sb_days(2009, 1, 1) + (long)(sb_mix(43, gidx(e, j)) % 5000);
}

static cJSON *gender(int female)
{
	cJSON *g = cJSON_CreateObject();
	cJSON_AddNumberToObject(g, "key", female ? 2 : 1);
	cJSON_AddStringToObject(g, "value", female ? "Vrouw" : "Man");
	return g;
}

static void name_parts(unsigned e, uint64_t j, const char **first, const char **last,
		       const char **pre, int *female, char initials[8], char formatted[160])
{
	uint64_t g = gidx(e, j);
	*first = sb_first_name(g, female);
	*last = sb_last_name(g);
	*pre = sb_prefix_name(g);
	snprintf(initials, 8, "%c.", (*first)[0]);
	snprintf(formatted, 160, "%s%s%s, %s", *pre ? *pre : "", *pre ? " " : "", *last, initials);
}

/* Employee numbers run 1, 2, 3…; every 50th employee (j % 50 == 27) has
 * the number of the one before it: a deliberate defect the test sync must
 * report as a duplicate. */
static uint64_t employee_number(uint64_t j)
{
	return j % 50 == 27 ? j : j + 1;
}

static cJSON *employee_item(unsigned e, uint64_t j)
{
	const char *first, *last, *pre;
	int female;
	char initials[8], formatted[160], id[37], dob[11], mail[160];
	name_parts(e, j, &first, &last, &pre, &female, initials, formatted);
	sb_guid(K_EMPLOYEE, e, j, id);
	sb_date(sb_days(1960, 1, 1) + (long)(sb_mix(47, gidx(e, j)) % (42 * 365)), dob);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "employeeNumber", (double)employee_number(j));
	cJSON *pd = cJSON_AddObjectToObject(o, "personalDetails");
	cJSON_AddStringToObject(pd, "firstName", first);
	cJSON_AddStringToObject(pd, "lastName", last);
	if (pre)
		cJSON_AddStringToObject(pd, "prefix", pre);
	else
		cJSON_AddNullToObject(pd, "prefix");
	cJSON_AddStringToObject(pd, "initials", initials);
	cJSON_AddNullToObject(pd, "lastNamePartner");
	cJSON_AddNullToObject(pd, "prefixPartner");
	cJSON_AddStringToObject(pd, "formattedName", formatted);
	cJSON_AddStringToObject(pd, "dateOfBirth", dob);
	cJSON_AddItemToObject(pd, "gender", gender(female));
	cJSON *ci = cJSON_AddObjectToObject(o, "contactInformation");
	snprintf(mail, sizeof mail, "%s.%s%llu@voorbeeld.nl", first, last,
		 (unsigned long long)(j + 1));
	for (char *p = mail; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	cJSON_AddNullToObject(ci, "phoneNumber");
	cJSON_AddNullToObject(ci, "mobilePhoneNumber");
	cJSON_AddStringToObject(ci, "emailAddress", mail);
	return o;
}

static cJSON *employee_basic(unsigned e, uint64_t j)
{
	const char *first, *last, *pre;
	int female;
	char initials[8], formatted[160], id[37], dob[11];
	name_parts(e, j, &first, &last, &pre, &female, initials, formatted);
	sb_guid(K_EMPLOYEE, e, j, id);
	sb_date(sb_days(1960, 1, 1) + (long)(sb_mix(47, gidx(e, j)) % (42 * 365)), dob);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "employeeNumber", (double)employee_number(j));
	cJSON_AddStringToObject(o, "firstName", first);
	cJSON_AddStringToObject(o, "initials", initials);
	if (pre)
		cJSON_AddStringToObject(o, "prefix", pre);
	else
		cJSON_AddNullToObject(o, "prefix");
	cJSON_AddStringToObject(o, "lastName", last);
	cJSON_AddStringToObject(o, "formattedName", formatted);
	cJSON_AddStringToObject(o, "dateOfBirth", dob);
	return o;
}

static cJSON *employment_item(unsigned e, uint64_t j)
{
	char id[37], d[11], admin[37];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "employee", employee_basic(e, j));
	sb_guid(K_EMPLOYMENT, e, j, id);
	cJSON_AddStringToObject(o, "id", id);
	long start = employment_start(e, j);
	sb_date(start, d);
	if (j % 40 == 29) /* defect: no start date */
		cJSON_AddNullToObject(o, "startDate");
	else
		cJSON_AddStringToObject(o, "startDate", d);
	cJSON_AddNullToObject(o, "historicalStartDate");
	if (j % 25 == 19) {
		sb_date(start - 45, d); /* defect: ends before it starts */
		cJSON_AddStringToObject(o, "endDate", d);
	} else if (j % 10 == 4) {
		sb_date(start + 900, d);
		cJSON_AddStringToObject(o, "endDate", d);
	} else {
		cJSON_AddNullToObject(o, "endDate");
	}
	cJSON *pa = cJSON_AddObjectToObject(o, "payrollAdministration");
	sb_guid(K_ADMIN, e, 0, admin);
	cJSON_AddStringToObject(pa, "id", admin);
	cJSON_AddStringToObject(pa, "name", sb_loket_employers[e].company_name);
	cJSON_AddNumberToObject(pa, "clientNumber", 1000 + e);
	cJSON_AddStringToObject(pa, "description", "Salarisadministratie");
	cJSON_AddNumberToObject(o, "incomeRelationshipNumber", 1);
	cJSON_AddNumberToObject(o, "payrollId", (double)(j + 1));
	return o;
}

static cJSON *bsn_value(unsigned e, uint64_t j)
{
	char bsn[10];
	if (j % 25 == 7)
		return cJSON_CreateNull();
	sb_bsn(gidx(e, j), j % 25 == 13, bsn);
	return cJSON_CreateString(bsn);
}

static cJSON *bsn_item(unsigned e, uint64_t j)
{
	char id[37];
	cJSON *o = cJSON_CreateObject();
	sb_guid(K_EMPLOYMENT, e, j, id);
	cJSON_AddStringToObject(o, "employmentId", id);
	cJSON *inner = cJSON_AddObjectToObject(o, "citizenServiceNumber");
	cJSON_AddItemToObject(inner, "citizenServiceNumber", bsn_value(e, j));
	return o;
}

static cJSON *keyvalue(int key, const char *value)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "key", key);
	cJSON_AddStringToObject(o, "value", value);
	return o;
}

static cJSON *wage_item(unsigned e, uint64_t j)
{
	char id[37], d[11];
	cJSON *o = cJSON_CreateObject();
	sb_guid(K_WAGE, e, j, id);
	cJSON_AddStringToObject(o, "id", id);
	sb_date(employment_start(e, j), d);
	cJSON_AddStringToObject(o, "startDate", d);
	cJSON_AddNullToObject(o, "endDate");
	cJSON_AddItemToObject(o, "payrollPeriodType", keyvalue(1, "Maand"));
	double wage = 2150.0 + (double)(sb_mix(53, gidx(e, j)) % 420000) / 100.0;
	cJSON_AddNumberToObject(o, "grossWage", wage);
	cJSON_AddItemToObject(o, "grossWageType", keyvalue(1, "Periodiek"));
	cJSON_AddBoolToObject(o, "isGrossWageFullTime", 1);
	cJSON_AddNullToObject(o, "netWage");
	cJSON_AddNullToObject(o, "employerCosts");
	return o;
}

static cJSON *period(int year, int month)
{
	char d[11];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "year", year);
	cJSON_AddNumberToObject(o, "periodNumber", month);
	sb_date(sb_days(year, month, 1), d);
	cJSON_AddStringToObject(o, "periodStartDate", d);
	sb_date(sb_days(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1, d);
	cJSON_AddStringToObject(o, "periodEndDate", d);
	return o;
}

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static cJSON *perioddata_item(unsigned e, uint64_t j, int k)
{
	char id[37];
	cJSON *o = cJSON_CreateObject();
	sb_guid(K_PERIODDATA, e, j * 16 + (uint64_t)k, id);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddItemToObject(o, "payrollPeriod", period(this_year(), k + 1));
	cJSON *comps = cJSON_AddArrayToObject(o, "payrollComponents");
	cJSON *pc = cJSON_CreateObject();
	cJSON *comp = cJSON_AddObjectToObject(pc, "payrollComponent");
	cJSON_AddNumberToObject(comp, "key", 3006);
	cJSON_AddStringToObject(comp, "description", "Uren overwerk 125%");
	cJSON_AddNumberToObject(pc, "value", (double)(sb_mix(59, gidx(e, j) * 16 + (uint64_t)k) % 12));
	cJSON_AddBoolToObject(pc, "isSupplement", 0);
	cJSON_AddItemToArray(comps, pc);
	return o;
}

static cJSON *result_item(unsigned e, uint64_t j, int year, int k)
{
	char id[37];
	cJSON *o = cJSON_CreateObject();
	sb_guid(K_RESULT, e, (j * 64 + (uint64_t)(year % 64)) * 16 + (uint64_t)k, id);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddItemToObject(o, "payrollPeriod", period(year, k + 1));
	cJSON *res = cJSON_AddArrayToObject(o, "payrollComponentResults");
	static const struct {
		int key;
		const char *desc;
	} comps[] = { { 1, "Salaris" }, { 260, "Pensioenpremie werknemer" }, { 900, "Netto loon" } };
	double wage = 2150.0 + (double)(sb_mix(53, gidx(e, j)) % 420000) / 100.0;
	double val[] = { wage, -wage * 0.055, wage * 0.71 };
	for (int i = 0; i < 3; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON *pc = cJSON_AddObjectToObject(x, "payrollComponent");
		cJSON_AddNumberToObject(pc, "key", comps[i].key);
		cJSON_AddStringToObject(pc, "description", comps[i].desc);
		cJSON_AddNumberToObject(x, "value", (double)(long long)(val[i] * 100) / 100.0);
		cJSON_AddItemToArray(res, x);
	}
	return o;
}

static cJSON *partner_item(unsigned e, uint64_t j)
{
	char id[37], d[11];
	int female;
	uint64_t g = gidx(e, j) + 500000000ULL;
	const char *first = sb_first_name(g, &female);
	cJSON *o = cJSON_CreateObject();
	sb_guid(K_PARTNER, e, j, id);
	cJSON_AddStringToObject(o, "id", id);
	sb_date(employment_start(e, j) + 200, d);
	cJSON_AddStringToObject(o, "startDate", d);
	cJSON_AddNullToObject(o, "endDate");
	cJSON_AddStringToObject(o, "firstName", first);
	cJSON_AddStringToObject(o, "lastName", sb_last_name(g));
	cJSON_AddNullToObject(o, "prefix");
	char initials[8];
	snprintf(initials, sizeof initials, "%c.", first[0]);
	cJSON_AddStringToObject(o, "initials", initials);
	sb_date(sb_days(1962, 1, 1) + (long)(sb_mix(61, g) % (40 * 365)), d);
	cJSON_AddStringToObject(o, "dateOfBirth", d);
	cJSON_AddItemToObject(o, "gender", gender(female));
	return o;
}

void sb_loket_employer_id(unsigned e, char out[37])
{
	sb_guid(K_EMPLOYER, e, 0, out);
}

static cJSON *employer_item(unsigned e)
{
	char id[37];
	cJSON *o = cJSON_CreateObject();
	sb_loket_employer_id(e, id);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "employerNumber", sb_loket_employers[e].employer_number);
	cJSON_AddStringToObject(o, "companyName", sb_loket_employers[e].company_name);
	cJSON_AddStringToObject(o, "chamberOfCommerceNumber",
				sb_loket_employers[e].chamber_of_commerce);
	/* The two underlying entities point at the main one, as Loket links
	 * employers for consolidated overviews. */
	cJSON *ps = cJSON_AddObjectToObject(o, "providerSettings");
	char admin[16];
	snprintf(admin, sizeof admin, "VB%u", e + 1);
	cJSON_AddStringToObject(ps, "administrationNumber", admin);
	cJSON_AddNumberToObject(ps, "groupCode", 40);
	if (e == 0)
		cJSON_AddNullToObject(ps, "parentEmployerForConsolidatedOverviews");
	else
		cJSON_AddNumberToObject(ps, "parentEmployerForConsolidatedOverviews",
					sb_loket_employers[0].employer_number);
	cJSON_AddBoolToObject(ps, "sendEmailWhenSalarySlipIsAvailable", 0);
	return o;
}

/* ---- envelopes ---- */

static cJSON *envelope(const char *version)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *v = cJSON_AddObjectToObject(o, "version");
	cJSON_AddNullToObject(v, "obsoleteDate");
	cJSON_AddStringToObject(v, "resourceVersion", version);
	cJSON_AddItemToObject(o, "messages", cJSON_CreateArray());
	return o;
}

typedef cJSON *(*item_fn)(const struct api_req *a, long i);

static enum MHD_Result list(struct MHD_Connection *c, struct sb_req *r, const struct api_req *a,
			    long total, item_fn fn)
{
	long page = 1, size = 250;
	const char *pn = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "pageNumber");
	const char *ps = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "pageSize");
	char *end;
	if (pn) {
		page = strtol(pn, &end, 10);
		if (end == pn || *end || page < 1)
			return bad_request(c, r, a->version, "pageNumber must be a number of 1 or more");
	}
	if (ps) {
		size = strtol(ps, &end, 10);
		if (end == ps || *end || size < 1)
			return bad_request(c, r, a->version, "pageSize must be a number of 1 or more");
		if (size > 250)
			size = 250;
	}
	long pages = total ? (total + size - 1) / size : 1;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "totalSize", (double)total);
	cJSON_AddNumberToObject(o, "pageSize", (double)size);
	cJSON_AddNumberToObject(o, "totalPages", (double)pages);
	cJSON_AddNumberToObject(o, "currentPage", (double)page);
	cJSON *env = envelope(a->version);
	cJSON_AddItemToObject(o, "version", cJSON_DetachItemFromObject(env, "version"));
	cJSON_AddItemToObject(o, "messages", cJSON_DetachItemFromObject(env, "messages"));
	cJSON_Delete(env);
	cJSON *items = cJSON_AddArrayToObject(o, "_embedded");
	for (long i = (page - 1) * size; i < total && i < page * size; i++)
		cJSON_AddItemToArray(items, fn(a, i));
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return sb_respond_json(c, r, 200, json);
}

static enum MHD_Result detail(struct MHD_Connection *c, struct sb_req *r,
			      const struct api_req *a, cJSON *content)
{
	cJSON *o = envelope(a->version);
	cJSON_AddItemToObject(o, "content", content);
	char *json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!json)
		return MHD_NO;
	char etag[40];
	snprintf(etag, sizeof etag, "W/\"%016llx\"",
		 (unsigned long long)sb_mix(71, (uint64_t)strlen(json) * 131 + (uint64_t)json[10]));
	enum MHD_Result ret = sb_respond_hdr(c, r, 200, "application/json; charset=utf-8", json,
					     strlen(json), MHD_HTTP_HEADER_ETAG, etag);
	free(json);
	return ret;
}

static cJSON *fn_employer(const struct api_req *a, long i)
{
	(void)a;
	return employer_item((unsigned)i);
}
static cJSON *fn_employee(const struct api_req *a, long i)
{
	return employee_item(a->employer, (uint64_t)i);
}
static cJSON *fn_bsn(const struct api_req *a, long i)
{
	return bsn_item(a->employer, (uint64_t)i);
}
static cJSON *fn_employment(const struct api_req *a, long i)
{
	return employment_item(a->employer, (uint64_t)i);
}
static cJSON *fn_wage(const struct api_req *a, long i)
{
	(void)i;
	return wage_item(a->employer, a->index);
}
static cJSON *fn_perioddata(const struct api_req *a, long i)
{
	return perioddata_item(a->employer, a->index, (int)i);
}
static cJSON *fn_result(const struct api_req *a, long i)
{
	return result_item(a->employer, a->index, a->year, (int)i);
}
static cJSON *fn_partner(const struct api_req *a, long i)
{
	(void)i;
	return partner_item(a->employer, a->index);
}

/* Activities the user holds on the employer, in table order. */
static long allowed_activities(const struct api_req *a, const struct sb_loket_activity **out)
{
	long n = 0;
	for (size_t i = 0; i < sb_loket_n_activities; i++)
		if (sb_loket_user_has(a->user, a->employer, (int)sb_loket_activities[i].right))
			out[n++] = &sb_loket_activities[i];
	return n;
}

static cJSON *fn_authorization(const struct api_req *a, long i)
{
	const struct sb_loket_activity *acts[32];
	allowed_activities(a, acts);
	cJSON *o = cJSON_CreateObject();
	if (strcmp(a->version, "2018-01-01") == 0) {
		cJSON_AddStringToObject(o, "name", acts[i]->activity);
	} else {
		char id[37];
		sb_guid(K_ACTIVITY, 0, (uint64_t)(acts[i] - sb_loket_activities), id);
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddStringToObject(o, "description", acts[i]->activity);
	}
	return o;
}

/* ---- routing ---- */

#define MAX_SEG 10

static int split(const char *url, char seg[MAX_SEG][64])
{
	int n = 0;
	const char *p = url;
	while (*p == '/')
		p++;
	while (*p && n < MAX_SEG) {
		size_t len = strcspn(p, "/");
		if (len >= 64)
			return -1;
		memcpy(seg[n], p, len);
		seg[n++][len] = '\0';
		p += len;
		while (*p == '/')
			p++;
	}
	return *p ? -1 : n;
}

/* Choose the newest resource version on or before the one asked for. */
static const char *pick_version(const char *route, const char *accept, int *missing)
{
	const char *v = accept ? strstr(accept, "version=") : NULL;
	char want[16];
	*missing = 0;
	if (!v) {
		*missing = 1;
		return NULL;
	}
	snprintf(want, sizeof want, "%.10s", v + 8);
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
		if (strcmp(routes[i].route, route) != 0)
			continue;
		for (int k = 0; k < 3 && routes[i].versions[k]; k++)
			if (strcmp(routes[i].versions[k], want) <= 0)
				return routes[i].versions[k];
	}
	return NULL;
}

enum MHD_Result sb_loket_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
				const char *method, const char *url)
{
	char seg[MAX_SEG][64];
	int n = split(url, seg);
	struct api_req a = { .s = s, .user = -1 };
	const char *id = NULL;
	unsigned id_kind = 0;
	enum MHD_Result ret;

	if (n < 2 || strcmp(seg[0], "providers") != 0 || strcmp(seg[1], "employers") != 0)
		return sb_respond(c, r, 404, NULL, NULL, 0);
	if (n == 2) {
		a.route = "loket.employers";
	} else if (strcmp(seg[2], "employees") == 0) {
		/* /providers/employers/employees/... : addressed by employee or employment */
		if (n == 5 && strcmp(seg[4], "citizenservicenumber") == 0)
			a.route = "loket.citizenservicenumber", id = seg[3], id_kind = K_EMPLOYEE;
		else if (n == 5 && strcmp(seg[4], "partners") == 0)
			a.route = "loket.partners", id = seg[3], id_kind = K_EMPLOYEE;
		else if (n == 6 && strcmp(seg[3], "employments") == 0 && strcmp(seg[5], "wages") == 0)
			a.route = "loket.wages", id = seg[4], id_kind = K_EMPLOYMENT;
		else if (n == 6 && strcmp(seg[3], "employments") == 0 &&
			 strcmp(seg[5], "payrollperioddata") == 0)
			a.route = "loket.payrollperioddata", id = seg[4], id_kind = K_EMPLOYMENT;
		else if (n == 6 && strcmp(seg[3], "employments") == 0 &&
			 strcmp(seg[5], "payslips") == 0)
			a.route = "loket.payslips", id = seg[4], id_kind = K_EMPLOYMENT;
		else if (n == 8 && strcmp(seg[3], "employments") == 0 &&
			 strcmp(seg[5], "payrollperiodresults") == 0 && strcmp(seg[6], "year") == 0)
			a.route = "loket.payrollperiodresults", id = seg[4], id_kind = K_EMPLOYMENT;
	} else {
		id = seg[2];
		id_kind = K_EMPLOYER;
		if (n == 3)
			a.route = "loket.employer";
		else if (n == 4 && strcmp(seg[3], "employees") == 0)
			a.route = "loket.employees";
		else if (n == 4 && strcmp(seg[3], "authorizations") == 0)
			a.route = "loket.authorizations";
		else if (n == 5 && strcmp(seg[3], "employees") == 0 &&
			 strcmp(seg[4], "citizenservicenumbers") == 0)
			a.route = "loket.citizenservicenumbers";
		else if (n == 5 && strcmp(seg[3], "employees") == 0 && strcmp(seg[4], "employments") == 0)
			a.route = "loket.employments";
	}
	if (!a.route)
		return sb_respond(c, r, 404, NULL, NULL, 0);
	if (sb_route_fault(s, c, r, a.route, &ret))
		return ret;
	if (strcmp(method, "GET") != 0)
		return sb_respond(c, r, 405, NULL, NULL, 0);

	/* 1. the bearer token */
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0)
		a.user = sb_access_token_user(s, auth + 7);
	if (a.user < 0)
		return status_body(c, r, 401, BODY_401);

	/* 2. the Accept version */
	int missing;
	a.version = pick_version(a.route,
				 MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept"), &missing);
	if (!a.version)
		return bad_request(c, r, NULL,
				   missing ? "The Accept header must name a resource version, e.g. "
					     "application/json;version=2018-01-01"
					   : "No version of this resource exists on or before the "
					     "version in the Accept header");

	/* 3. the id in the path, and whether the user may reach it */
	if (id) {
		if (sb_guid_parse(id, id_kind, &a.employer, &a.index) != 0 ||
		    a.employer >= SB_LOKET_EMPLOYERS ||
		    (id_kind != K_EMPLOYER && a.index >= (uint64_t)s->employees))
			return status_body(c, r, 403, BODY_403);
	}
	if (strcmp(a.route, "loket.payslips") == 0)
		return status_body(c, r, 403, BODY_403); /* Loket.nl application only */
	const struct sb_loket_activity *act = sb_loket_activity_for_route(a.route);
	if (id && act && !sb_loket_user_has(a.user, a.employer, (int)act->right))
		return status_body(c, r, 403, BODY_403);

	if (strcmp(a.route, "loket.employers") == 0)
		return list(c, r, &a, SB_LOKET_EMPLOYERS, fn_employer);
	if (strcmp(a.route, "loket.employer") == 0)
		return detail(c, r, &a, employer_item(a.employer));
	if (strcmp(a.route, "loket.employees") == 0)
		return list(c, r, &a, s->employees, fn_employee);
	if (strcmp(a.route, "loket.citizenservicenumbers") == 0)
		return list(c, r, &a, s->employees, fn_bsn);
	if (strcmp(a.route, "loket.employments") == 0)
		return list(c, r, &a, s->employees, fn_employment);
	if (strcmp(a.route, "loket.authorizations") == 0) {
		const struct sb_loket_activity *acts[32];
		return list(c, r, &a, allowed_activities(&a, acts), fn_authorization);
	}
	if (strcmp(a.route, "loket.citizenservicenumber") == 0) {
		cJSON *content = cJSON_CreateObject();
		cJSON_AddItemToObject(content, "citizenServiceNumber", bsn_value(a.employer, a.index));
		return detail(c, r, &a, content);
	}
	if (strcmp(a.route, "loket.partners") == 0)
		return list(c, r, &a, a.index % 3 == 0 ? 1 : 0, fn_partner);
	if (strcmp(a.route, "loket.wages") == 0)
		return list(c, r, &a, 1, fn_wage);
	if (strcmp(a.route, "loket.payrollperioddata") == 0)
		return list(c, r, &a, 3, fn_perioddata);
	/* payrollperiodresults/year/{year} */
	char *end;
	long year = strtol(seg[7], &end, 10);
	if (end == seg[7] || *end || year < 1900 || year > 9999)
		return bad_request(c, r, a.version, "year must be a year such as 2024");
	a.year = (int)year;
	return list(c, r, &a, (year >= 2020 && year <= this_year()) ? 3 : 0, fn_result);
}
