/* gcn_writer.h — writes AFAS GetConnector definition files (.gcn) in the
 * binary layout of include/koppel/gcn.h and shared/api-facts.md, format
 * version 7 (text tokens) or 8 (base64 binary stream). */
#ifndef KOPPEL_SANDBOX_GCN_WRITER_H
#define KOPPEL_SANDBOX_GCN_WRITER_H

#include <stddef.h>

struct sb_gcn_pair {
	const char *field_id;
	const char *alias;
};

struct sb_gcn_def {
	int version;               /* 7 or 8 */
	const char *guid;          /* 32 hex */
	const char *connector_id;
	const char *description;   /* ASCII/Latin-1 */
	const char *info;          /* longer text shown in AFAS */
	const char *product;       /* "Hrm" / "Pay" */
	const char *system;        /* "Hr" / "Kn" */
	const char *view_guid;     /* 32 hex */
	const char *view_name;     /* description of the view */
	double created, changed;   /* OLE dates: days since 1899-12-30 */
	const struct sb_gcn_pair *pairs;
	size_t n_pairs;
};

/* Build the .gcn bytes for def into *out (malloc'd), *len. 0 = ok. */
int sb_gcn_write(const struct sb_gcn_def *def, unsigned char **out, size_t *len, char *msg,
		 size_t ml);

#endif
