/* afas_sync.h — the test sync: read every row of every connector with
 * skip/take paging (orderbyfieldids always set), at most 5 requests at a
 * time (AFAS' advice per environment), and keep only counts: rows per
 * connector, fields that are always empty, and BSN-like fields checked
 * with the elfproef. No row data is kept or written anywhere. */
#ifndef KOPPEL_AFAS_SYNC_H
#define KOPPEL_AFAS_SYNC_H

#include <stddef.h>
#include "koppel/error.h"
#include "koppel/progress.h"

struct kp_afas_conn;
struct kp_connector_zip;

#define KP_AFAS_SYNC_MAX_PARALLEL 5
#define KP_AFAS_SYNC_MAX_RETRIES 3 /* 429 answers retried per connector */
#define KP_AFAS_SYNC_MAX_WAIT 10   /* seconds of Retry-After koppel waits out */
#define KP_AFAS_SYNC_TAKE 500
/* Fields in orderbyfieldids (the first ones of the connector). */
#define KP_AFAS_SYNC_ORDER_FIELDS 3

struct kp_afas_sync_field {
	char alias[128];
	unsigned long filled;	   /* rows with a non-empty value */
	int name_bsn;		   /* the alias names a BSN (bsn, sofi, ...) */
	unsigned long nine_digits; /* values of exactly 9 digits */
	unsigned long other;	   /* other non-empty values */
	unsigned long bsn_valid;   /* 9-digit values passing the elfproef */
};

struct kp_afas_sync_conn {
	char id[128];
	char order[512]; /* orderbyfieldids, URL-escaped */
	unsigned long rows, pages;
	size_t n_fields, cap_fields;
	struct kp_afas_sync_field *fields;
	enum kp_err code; /* KP_OK or why this connector failed */
	char msg[512];
	char hint[512];   /* what to do about it */
	char ref[64]; /* AFAS profitLogReference on a 500 */
	/* paging (internal) */
	unsigned long next_page;
	long end_page; /* last page index, -1 unknown */
	int got_full_page;
	int in_flight;
	unsigned long retry_page[4]; /* pages answered 429, to ask again */
	int n_retry, retries;
};

struct kp_afas_sync {
	size_t n;
	struct kp_afas_sync_conn *c;
	size_t take; /* rows per page */
	int max_parallel;
	unsigned long total_rows;
	unsigned long requests;
	double seconds;
};

/* Prepare a sync of every connector in zip (ordering by its aliases). */
enum kp_err kp_afas_sync_prepare(struct kp_afas_sync *s, const struct kp_connector_zip *zip,
				 struct kp_error *err);

/* Run it. Progress: done = rows so far, label = "<rows> rows, <n> rows/s".
 * Returns KP_OK when it ran to the end (per-connector failures are in
 * c[i].code), KP_ERR_CANCELLED on Esc, another code when nothing worked. */
enum kp_err kp_afas_sync_run(const struct kp_afas_conn *conn, struct kp_afas_sync *s,
			     const struct kp_progress *progress, struct kp_error *err);

/* Does a field look like it holds BSNs (by name or by every value)? */
int kp_afas_sync_field_bsn_like(const struct kp_afas_sync_field *f);
/* BSN-like values failing the elfproef (or of another form under a BSN name). */
unsigned long kp_afas_sync_field_bsn_invalid(const struct kp_afas_sync_field *f);
/* Rows of c where the BSN-like field f is empty: no BSN at all. */
unsigned long kp_afas_sync_field_bsn_missing(const struct kp_afas_sync_conn *c,
					     const struct kp_afas_sync_field *f);
/* Connectors that failed. */
size_t kp_afas_sync_failures(const struct kp_afas_sync *s);

/* Free the per-connector counts. */
void kp_afas_sync_free(struct kp_afas_sync *s);

#endif
