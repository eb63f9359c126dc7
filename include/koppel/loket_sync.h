/* loket_sync.h — the test sync: per employer, employees, employments and
 * BSNs (all pages, several requests at once), findings, and a comparison
 * with the previous run's snapshot like Benefits-Plaza's "Ophalen gegevens".
 *
 * The snapshot ($XDG_STATE_HOME/koppel/loket-snapshot.json, 0600) holds
 * only salted hashes (HMAC-SHA-256 with a random per-machine salt) of
 * employer and employee ids and of each employee's data: no names, no BSNs,
 * nothing personal. BSNs are checked in memory and shown masked. */
#ifndef KOPPEL_LOKET_SYNC_H
#define KOPPEL_LOKET_SYNC_H

#include "koppel/error.h"
#include "koppel/progress.h"
#include <stddef.h>

struct kp_app;
struct cJSON;

enum kp_loket_finding_kind {
	KP_FIND_BSN_MISSING,
	KP_FIND_BSN_INVALID,
	KP_FIND_NO_START,
	KP_FIND_END_BEFORE_START,
	KP_FIND_DUPLICATE_NUMBER,
};

struct kp_loket_finding {
	enum kp_loket_finding_kind kind;
	long employee_number; /* 0 when unknown */
	char detail[64];      /* masked BSN or dates; never a full BSN */
};

struct kp_loket_sync_employer {
	char id[40];
	char name[256];
	enum kp_err result;
	char error[512];
	char hint[512];
	unsigned long employees, employments, bsns, requests;
	double seconds;
	struct kp_loket_finding *findings;
	size_t n_findings;
	int first_sync; /* no previous snapshot for this employer */
	unsigned long n_new, n_changed, n_ended;
};

struct kp_loket_sync_report {
	size_t n;
	struct kp_loket_sync_employer *emp;
	int all_ok; /* every employer fetched and no findings */
};

/* The checks on their own, item by item (the test sync feeds them from the
 * pages it reads; unit tests feed them JSON items directly). BSNs are
 * checked and hashed as they come and wiped from the item. */
struct kp_loket_sync_acc;

/* New accumulator; today ("YYYY-MM-DD", NULL = now) decides who is active. */
struct kp_loket_sync_acc *kp_loket_sync_acc_new(const unsigned char salt[32], const char *today);
/* One item of .../employees (a kp_loket_item_fn; returns non-zero on out of memory). */
int kp_loket_sync_acc_employee(void *acc, const struct cJSON *item);
/* One item of .../employees/employments. */
int kp_loket_sync_acc_employment(void *acc, const struct cJSON *item);
/* One item of .../employees/citizenservicenumbers (after the employments). */
int kp_loket_sync_acc_bsn(void *acc, const struct cJSON *item);
/* Counts and findings into se. */
enum kp_err kp_loket_sync_acc_finish(struct kp_loket_sync_acc *acc,
				     struct kp_loket_sync_employer *se, struct kp_error *err);
void kp_loket_sync_acc_free(struct kp_loket_sync_acc *acc);

/* Stable JSON name of a finding kind ("bsn_missing", ...). */
const char *kp_loket_finding_name(enum kp_loket_finding_kind k);
/* Translated one-line description of a finding. */
void kp_loket_finding_text(const struct kp_loket_finding *f, char *out, size_t outlen);

/* Run the test sync for the reachable resolved employers of app->loket;
 * stores the report in app->loket->sync and updates the snapshot. */
enum kp_err kp_loket_sync_run(struct kp_app *app, const struct kp_progress *p,
			      struct kp_error *err);

/* Snapshot path: $XDG_STATE_HOME/koppel/loket-snapshot.json (else ~/.local/state/...). */
enum kp_err kp_loket_snapshot_path(char *out, size_t outlen, struct kp_error *err);

struct cJSON *kp_loket_sync_json(const struct kp_loket_sync_report *rep);

void kp_loket_sync_report_free(struct kp_loket_sync_report *rep);

#endif
