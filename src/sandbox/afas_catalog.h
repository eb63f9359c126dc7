/* afas_catalog.h — the demo Benefits-Plaza GetConnectors: one table used by
 * the REST routes (/metainfo, /connectors) and by the .gcn writer, so the
 * aliases in the demo ZIP always match the row keys served. */
#ifndef KOPPEL_SANDBOX_AFAS_CATALOG_H
#define KOPPEL_SANDBOX_AFAS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

enum sb_afas_type { SB_T_STRING, SB_T_INT, SB_T_DECIMAL, SB_T_DATE, SB_T_BOOL };

struct sb_afas_field {
	const char *alias;     /* the JSON row key and metainfo "id" */
	const char *field_id;  /* AFAS field id ("fieldId") */
	enum sb_afas_type type;
	const char *label;
	int length;
	int control_type;
	int decimals;
};

struct sb_afas_connector {
	const char *id;          /* what /metainfo lists */
	const char *description;
	const char *product;     /* "Hrm" or "Pay" */
	const char *system;      /* AFAS system id of the view ("Hr", "Kn") */
	const char *guid;        /* 32 hex: the definition's GUID */
	const char *view_guid;   /* 32 hex: the view it reads */
	const struct sb_afas_field *fields;
	size_t n_fields;
	long fixed_rows;         /* 0 = --rows N */
};

/* One value of a generated row; null = JSON null. */
struct sb_value {
	int null;
	char s[128];
};

extern const struct sb_afas_connector sb_afas_connectors[];
extern const size_t sb_afas_n_connectors;

/* Connector by id (case-insensitive); NULL if unknown. */
const struct sb_afas_connector *sb_afas_find(const char *id);
/* Rows this connector serves with --rows rows. */
long sb_afas_row_count(const struct sb_afas_connector *c, long rows);
/* Row i (0-based, in key order) into vals[c->n_fields]. */
void sb_afas_row(const struct sb_afas_connector *c, uint64_t i, struct sb_value *vals);
/* Name of a type as /metainfo/get reports it ("string", "int", ...). */
const char *sb_afas_type_name(enum sb_afas_type t);

#endif
