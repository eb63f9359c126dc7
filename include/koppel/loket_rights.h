/* loket_rights.h — the six Loket.nl rights Benefits-Plaza needs, checked
 * both ways: the activities /authorizations lists, and a one-row probe of
 * the endpoint each right governs (403 = missing). The mapping right →
 * activity → probe is inferred (no source states it) and lives in ONE
 * table, src/core/loket/loket_rights_table.c, so it can be corrected. */
#ifndef KOPPEL_LOKET_RIGHTS_H
#define KOPPEL_LOKET_RIGHTS_H

#include "koppel/error.h"
#include "koppel/form.h"
#include "koppel/progress.h"
#include <stddef.h>

struct kp_app;
struct cJSON;

/* What a probe path needs filled in besides the employer. */
enum kp_loket_probe_scope {
	KP_PROBE_EMPLOYER,   /* {employer} */
	KP_PROBE_EMPLOYMENT, /* {employment} (one employment of the employer) */
	KP_PROBE_EMPLOYEE,   /* {employee} (one employee of the employer) */
};

struct kp_loket_right {
	const char *key;      /* stable id for JSON: "bsn", "employments", ... */
	const char *name;     /* Loket.nl's own (Dutch) name of the right */
	const char *activity; /* the operationId /authorizations lists */
	enum kp_loket_probe_scope scope;
	const char *probe;   /* path under /v2 with {employer}/{employment}/{employee}/{year} */
	const char *version; /* Accept version date */
};

/* The table (loket_rights_table.c). */
extern const struct kp_loket_right kp_loket_rights[];
extern const size_t kp_loket_n_rights;

/* Result of one check. */
enum kp_right_state { KP_RIGHT_UNKNOWN = 0, KP_RIGHT_YES, KP_RIGHT_NO };

struct kp_loket_right_result {
	enum kp_right_state listed; /* in /authorizations */
	enum kp_right_state probe;  /* one-row probe */
	char note[256];		    /* why unknown (translated) */
};

struct kp_loket_rights_row {
	char input[48]; /* what the user typed (normalised) */
	char id[40];	/* GUID, empty when unreachable */
	long number;
	char name[256];
	int reachable;
	char cause[512]; /* why unreachable / why checks failed (translated) */
	struct kp_loket_right_result r[8];
};

struct kp_loket_rights_report {
	size_t n;
	struct kp_loket_rights_row *rows;
	int all_ok;
	char user_note[512]; /* the user requirements (normal user, active) */
};

/* 1 when the right counts as present: the probe worked, or it could not
 * run and /authorizations lists the activity. */
int kp_loket_right_ok(const struct kp_loket_right_result *r);

/* The mark for a matrix cell: OK both ways, WARN when the ways disagree or
 * one could not be checked, FAIL when missing. */
enum kp_status kp_loket_right_status(const struct kp_loket_right_result *r);

/* Check every resolved employer in app->loket (after kp_loket_resolve) and
 * store the report in app->loket->rights. */
enum kp_err kp_loket_rights_check(struct kp_app *app, const struct kp_progress *p,
				  struct kp_error *err);

/* The remedy for a missing right (translated, into out). */
void kp_loket_right_remedy(const struct kp_loket_right *right, const char *employer, char *out,
			   size_t outlen);

/* The remedy for every right missing on one employer in one sentence (the
 * person asks the provider once, for all of them); n >= 1. */
void kp_loket_rights_remedy(const struct kp_loket_right *const *rights, size_t n,
			    const char *employer, char *out, size_t outlen);

/* The report as JSON (for --json); caller cJSON_Delete()s. */
struct cJSON *kp_loket_rights_json(const struct kp_loket_rights_report *rep);

void kp_loket_rights_report_free(struct kp_loket_rights_report *rep);

#endif
