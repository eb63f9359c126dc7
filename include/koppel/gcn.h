/* gcn.h — AFAS GetConnector definition files (.gcn), format versions 7 and 8.
 * The format (see shared/api-facts.md): an OLE variant array whose elements
 * carry the version, GUID, description, dates, product, and a byte array
 * holding a ZIP with one entry "ExternalData" that ends with the connector
 * id and the (fieldId, alias) pairs; version 7 as text tokens, version 8 as
 * base64 of a binary stream. Reader: src/core/afas/gcn.c. The sandbox has a
 * writer for its demo files; both follow this header. */
#ifndef KOPPEL_GCN_H
#define KOPPEL_GCN_H

#include <stddef.h>
#include "koppel/error.h"

struct kp_gcn_field {
	char field_id[64];   /* AFAS field id, e.g. "U002" or "EmId" */
	char alias[128];     /* the JSON row key the REST API returns */
};

struct kp_gcn {
	int version;              /* 7 or 8 */
	char guid[40];            /* 32 hex characters */
	char connector_id[128];   /* what /metainfo lists; match by this */
	char description[256];    /* UTF-8 (converted from Latin-1) */
	char product[16];         /* "Hrm", "Pay", ... may be empty */
	size_t n_fields;
	struct kp_gcn_field *fields;
};

/* Parse one .gcn from memory. KP_ERR_PARSE with a precise message when the
 * data is not a .gcn or is damaged. */
enum kp_err kp_gcn_parse(const unsigned char *data, size_t len, struct kp_gcn *out,
			 struct kp_error *err);

void kp_gcn_free(struct kp_gcn *g);

#endif
