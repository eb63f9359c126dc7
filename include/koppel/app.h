/* app.h — the one context passed everywhere (htop's State). No mutable
 * globals: whatever a step or command needs lives here or below it. */
#ifndef KOPPEL_APP_H
#define KOPPEL_APP_H

#include <stdatomic.h>
#include <stddef.h>
#include "koppel/endpoints.h"
#include "koppel/http.h"
#include "koppel/state.h"

struct kp_afas_ctx;       /* src/core/afas: owned by the AFAS path */
struct kp_loket_ctx;      /* src/core/loket: owned by the Loket path */
struct kp_sandbox_child;  /* src/core/sandbox_child.c: koppel demo */

struct kp_app {
	struct kp_state state;       /* settings + wizard position */
	struct kp_endpoints ep;      /* where to connect */
	struct kp_http_opts http;    /* ca_file points into ep; cancel into .cancel */
	atomic_int cancel;           /* Esc / Ctrl-C during a task */
	int plain;                   /* 1 = line frontend */
	int utf8;                    /* terminal can show ✓ ! ✗ */
	int no_color;                /* NO_COLOR set or monochrome */
	int demo;                    /* koppel demo */
	char environment[16];        /* banner: "production" "test" "accept" "sandbox" */
	const char *flow_id;         /* current flow */
	size_t step_index;
	const char *resume_flow;     /* set by the wizard when a run was interrupted */
	size_t resume_index;
	const char *resume_title;    /* untranslated title of that step (N_) */
	int checks_failed;           /* steps in failed_steps: exit code 1 when > 0 */
	const char *failed_steps[8]; /* untranslated titles (N_) of steps left failing */
	char *demo_credentials;      /* text for the welcome step in demo mode */
	char *demo_afas_hint;        /* demo: the token step's reminder (participant, token) */
	char *demo_loket_hint;       /* demo: the Werkgever IDs step's reminder */
	char *sandbox_afas_zip;      /* demo connector ZIP offered in the ZIP step */
	struct kp_afas_ctx *afas;
	struct kp_loket_ctx *loket;
	struct kp_sandbox_child *sandbox;
};

/* Initialise with defaults (production endpoints, empty state). */
void kp_app_init(struct kp_app *app);
/* Free everything the app owns (path contexts, sandbox, state). */
void kp_app_free(struct kp_app *app);

/* Record whether the step titled title (its N_ string) was left with a
 * failing check; a step that passes later is taken off the list. */
void kp_app_step_result(struct kp_app *app, const char *title, int failed);

/* Environment name for people, translated: "production" → "productie". */
const char *kp_app_environment_label(const char *environment);

/* Banner word for the header: "SANDBOX", "PRODUCTION", "TEST", "ACCEPT". */
const char *kp_app_banner(const struct kp_app *app);

#endif
