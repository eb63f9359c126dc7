/* afas_catalog.c — demo GetConnectors and their deterministic rows.
 * Defects on purpose (so the test sync has findings): every 50th employee
 * from row 17 has no BSN, from row 33 an invalid BSN, and every 50th
 * employment from row 41 ends before it starts. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "afas_catalog.h"
#include "sandbox.h"

static const struct sb_afas_field medewerkers[] = {
	{ "Medewerker", "EmId", SB_T_STRING, "Medewerker", 15, 1, 0 },
	{ "Persoonsnummer", "BcCo", SB_T_STRING, "Persoonsnummer", 15, 1, 0 },
	{ "Werkgever", "CmId", SB_T_STRING, "Werkgever", 15, 1, 0 },
	{ "BSN", "SoSe", SB_T_STRING, "Burgerservicenummer", 9, 1, 0 },
	{ "Voornaam", "FiNm", SB_T_STRING, "Voornaam", 50, 1, 0 },
	{ "Voorletters", "In", SB_T_STRING, "Voorletters", 15, 1, 0 },
	{ "Voorvoegsel", "Is", SB_T_STRING, "Voorvoegsel", 15, 1, 0 },
	{ "Achternaam", "LaNm", SB_T_STRING, "Achternaam", 80, 1, 0 },
	{ "Geboortedatum", "DaBi", SB_T_DATE, "Geboortedatum", 10, 4, 0 },
	{ "Geslacht", "ViGe", SB_T_STRING, "Geslacht", 1, 1, 0 },
	{ "Email", "EmAd", SB_T_STRING, "E-mail werk", 255, 1, 0 },
};

static const struct sb_afas_field dienstverbanden[] = {
	{ "Medewerker", "EmId", SB_T_STRING, "Medewerker", 15, 1, 0 },
	{ "Werkgever", "CmId", SB_T_STRING, "Werkgever", 15, 1, 0 },
	{ "Volgnummer", "DvSn", SB_T_INT, "Volgnummer dienstverband", 5, 5, 0 },
	{ "Begindatum", "DaBe", SB_T_DATE, "Begindatum contract", 10, 4, 0 },
	{ "Einddatum", "DaEn", SB_T_DATE, "Einddatum contract", 10, 4, 0 },
	{ "UrenPerWeek", "HrWk", SB_T_DECIMAL, "Uren per week", 8, 6, 2 },
	{ "Parttimepercentage", "PtPc", SB_T_DECIMAL, "Parttimepercentage", 8, 6, 2 },
	{ "DienstverbandActief", "U001", SB_T_BOOL, "Dienstverband actief", 1, 3, 0 },
};

static const struct sb_afas_field salarissen[] = {
	{ "Medewerker", "EmId", SB_T_STRING, "Medewerker", 15, 1, 0 },
	{ "Werkgever", "CmId", SB_T_STRING, "Werkgever", 15, 1, 0 },
	{ "Begindatum", "DaBe", SB_T_DATE, "Begindatum salaris", 10, 4, 0 },
	{ "Salaris", "SaAm", SB_T_DECIMAL, "Bruto salaris", 12, 6, 2 },
	{ "Periodetabel", "PtId", SB_T_STRING, "Periodetabel", 10, 1, 0 },
	{ "Jaarsalaris", "U002", SB_T_DECIMAL, "Jaarsalaris incl. vakantiegeld", 12, 6, 2 },
};

static const struct sb_afas_field werkgever[] = {
	{ "Werkgever", "CmId", SB_T_STRING, "Werkgever", 15, 1, 0 },
	{ "Naam", "Nm", SB_T_STRING, "Naam werkgever", 80, 1, 0 },
	{ "Loonheffingennummer", "U003", SB_T_STRING, "Loonheffingennummer", 12, 1, 0 },
	{ "KvKNummer", "CcNr", SB_T_STRING, "KvK-nummer", 8, 1, 0 },
};

#define N(a) (sizeof(a) / sizeof *(a))

const struct sb_afas_connector sb_afas_connectors[] = {
	{ "BP_Medewerkers", "Benefits-Plaza - Medewerkers", "Hrm", "Hr",
	  "5A1D3C2E8F0B4C6D9E7A1B2C3D4E5F60", "7B2E4D3F901C4D7EAF8B2C3D4E5F6071", medewerkers,
	  N(medewerkers), 0 },
	{ "BP_Dienstverbanden", "Benefits-Plaza - Dienstverbanden", "Hrm", "Hr",
	  "6B2E4D3F901C4D7EAF8B2C3D4E5F6071", "8C3F5E4A012D4E8FB09C3D4E5F607182",
	  dienstverbanden, N(dienstverbanden), 0 },
	{ "BP_Salarissen", "Benefits-Plaza - Salarissen", "Pay", "Hr",
	  "7C3F5E4A012D4E8FB09C3D4E5F607182", "9D4A6F5B123E4F90C1AD4E5F60718293", salarissen,
	  N(salarissen), 0 },
	{ "BP_Werkgever", "Benefits-Plaza - Werkgevers", "Pay", "Kn",
	  "8D4A6F5B123E4F90C1AD4E5F60718293", "AE5B7A6C234F4A01D2BE5F6071829304", werkgever,
	  N(werkgever), 3 },
};
const size_t sb_afas_n_connectors = N(sb_afas_connectors);

static const char *const employer_names[] = {
	"Voorbeeld Holding B.V.",
	"Voorbeeld Zorg B.V.",
	"Voorbeeld Techniek B.V.",
};

const struct sb_afas_connector *sb_afas_find(const char *id)
{
	for (size_t i = 0; i < sb_afas_n_connectors; i++)
		if (strcasecmp(sb_afas_connectors[i].id, id) == 0)
			return &sb_afas_connectors[i];
	return NULL;
}

long sb_afas_row_count(const struct sb_afas_connector *c, long rows)
{
	return c->fixed_rows ? c->fixed_rows : rows;
}

const char *sb_afas_type_name(enum sb_afas_type t)
{
	switch (t) {
	case SB_T_STRING: return "string";
	case SB_T_INT: return "int";
	case SB_T_DECIMAL: return "decimal";
	case SB_T_DATE: return "date";
	case SB_T_BOOL: return "boolean";
	}
	return "string";
}

static void set(struct sb_value *v, const char *fmt_value)
{
	v->null = 0;
	snprintf(v->s, sizeof v->s, "%s", fmt_value);
}

static void set_date(struct sb_value *v, long days)
{
	char d[11];
	sb_date(days, d);
	v->null = 0;
	snprintf(v->s, sizeof v->s, "%sT00:00:00Z", d);
}

static long start_days(uint64_t i)
{
	return sb_days(2008, 1, 1) + (long)(sb_mix(23, i) % 5800);
}

static double hours(uint64_t i)
{
	static const double h[] = { 40, 40, 36, 32, 24, 20, 38 };
	return h[sb_mix(29, i) % 7];
}

static double salary(uint64_t i)
{
	return 2150.0 + (double)(sb_mix(31, i) % 420000) / 100.0;
}

static void row_medewerker(uint64_t i, struct sb_value *v)
{
	char buf[128];
	int female;
	const char *first = sb_first_name(i, &female);
	const char *last = sb_last_name(i);
	const char *pre = sb_prefix_name(i);
	snprintf(buf, sizeof buf, "%06llu", (unsigned long long)(100001 + i));
	set(&v[0], buf);
	snprintf(buf, sizeof buf, "P%07llu", (unsigned long long)(2000001 + i));
	set(&v[1], buf);
	snprintf(buf, sizeof buf, "%u", (unsigned)(i % 3) + 1);
	set(&v[2], buf);
	if (i % 50 == 17) {
		v[3].null = 1;
	} else {
		sb_bsn(i, i % 50 == 33, buf);
		set(&v[3], buf);
	}
	set(&v[4], first);
	snprintf(buf, sizeof buf, "%c.", first[0]);
	set(&v[5], buf);
	if (pre)
		set(&v[6], pre);
	else
		v[6].null = 1;
	set(&v[7], last);
	set_date(&v[8], sb_days(1960, 1, 1) + (long)(sb_mix(19, i) % (42 * 365)));
	set(&v[9], female ? "V" : "M");
	snprintf(buf, sizeof buf, "%s.%s%llu@voorbeeld.nl", first, last, (unsigned long long)(i + 1));
	for (char *p = buf; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	set(&v[10], buf);
}

static void row_dienstverband(uint64_t i, struct sb_value *v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%06llu", (unsigned long long)(100001 + i));
	set(&v[0], buf);
	snprintf(buf, sizeof buf, "%u", (unsigned)(i % 3) + 1);
	set(&v[1], buf);
	set(&v[2], "1");
	long start = start_days(i);
	set_date(&v[3], start);
	int active = 1;
	if (i % 50 == 41) {
		set_date(&v[4], start - 30); /* defect: ends before it starts */
	} else if (i % 10 == 3) {
		set_date(&v[4], start + 700);
		active = 0;
	} else {
		v[4].null = 1;
	}
	snprintf(buf, sizeof buf, "%.2f", hours(i));
	set(&v[5], buf);
	snprintf(buf, sizeof buf, "%.2f", hours(i) / 40.0 * 100.0);
	set(&v[6], buf);
	set(&v[7], active ? "true" : "false");
}

static void row_salaris(uint64_t i, struct sb_value *v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%06llu", (unsigned long long)(100001 + i));
	set(&v[0], buf);
	snprintf(buf, sizeof buf, "%u", (unsigned)(i % 3) + 1);
	set(&v[1], buf);
	set_date(&v[2], start_days(i));
	snprintf(buf, sizeof buf, "%.2f", salary(i));
	set(&v[3], buf);
	set(&v[4], "Maand");
	snprintf(buf, sizeof buf, "%.2f", salary(i) * 12 * 1.08);
	set(&v[5], buf);
}

static void row_werkgever(uint64_t i, struct sb_value *v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%u", (unsigned)i + 1);
	set(&v[0], buf);
	set(&v[1], employer_names[i % 3]);
	snprintf(buf, sizeof buf, "8%08lluL01", (unsigned long long)(sb_mix(37, i) % 100000000));
	set(&v[2], buf);
	snprintf(buf, sizeof buf, "%08llu", (unsigned long long)(sb_mix(41, i) % 100000000));
	set(&v[3], buf);
}

void sb_afas_row(const struct sb_afas_connector *c, uint64_t i, struct sb_value *vals)
{
	if (c->fields == medewerkers)
		row_medewerker(i, vals);
	else if (c->fields == dienstverbanden)
		row_dienstverband(i, vals);
	else if (c->fields == salarissen)
		row_salaris(i, vals);
	else
		row_werkgever(i, vals);
}
