/* afas.h — the AFAS Profit REST client (GET /metainfo, /metainfo/get/{id})
 * and the AFAS path's context (struct kp_afas_ctx, app->afas).
 *
 * Every call maps AFAS' answers to a kp_error whose message and hint a
 * payroll processor can act on: 401 (token refused: the possible causes),
 * 403 (IP restriction on the App Connector), 500 (externalMessage, with the
 * profitLogReference in err->ref), 503 (maintenance, retry_after), and the
 * transport errors from http.h. No curses, no printing. */
#ifndef KOPPEL_AFAS_H
#define KOPPEL_AFAS_H

#include <stddef.h>
#include "koppel/afas_token.h"
#include "koppel/connector_zip.h"
#include "koppel/error.h"
#include "koppel/form.h"

struct kp_app;
struct kp_endpoints;
struct kp_http_opts;
struct kp_http_response;

/* Environments an App Connector token can belong to. */
extern const char *const kp_afas_environments[3]; /* "production", "test", "accept" */

/* One connection: base URL and the Authorization header (a secret). */
struct kp_afas_conn {
	char base[640];	   /* up to /ProfitRestServices */
	char *auth_header; /* "Authorization: AfasToken …" (secret) */
	const struct kp_http_opts *http;
};

struct kp_afas_connector_ref {
	char id[128];
	char description[256];
};

/* GET /metainfo. */
struct kp_afas_metainfo {
	char envid[64];
	char app_name[256];
	char group[256];
	char token_expiry[64];
	size_t n_get, n_update;
	struct kp_afas_connector_ref *get;
	struct kp_afas_connector_ref *update;
};

/* GET /metainfo/get/{id}: a field's alias ("id") and AFAS field id. */
struct kp_afas_field_meta {
	char id[128];
	char field_id[64];
	char data_type[16];
};

struct kp_afas_connector_meta {
	char name[128];
	char description[256];
	size_t n_fields;
	struct kp_afas_field_meta *fields;
};

/* Is participant a 5-digit number 10000..99999? */
int kp_afas_participant_valid(const char *participant);
/* Is env one of production/test/accept? */
int kp_afas_environment_valid(const char *env);

/* Set up conn for participant/environment with the token (copied into the
 * header; the token itself is not kept). */
enum kp_err kp_afas_conn_init(struct kp_afas_conn *conn, const struct kp_endpoints *ep,
			      const struct kp_http_opts *http, const char *participant,
			      const char *environment, const struct kp_afas_token *token,
			      struct kp_error *err);
/* Wipe and free the Authorization header. */
void kp_afas_conn_free(struct kp_afas_conn *conn);

/* GET base+path (path starts with "/"); on KP_OK resp->status is 200. Any
 * other status becomes an error explained for AFAS (what = the thing being
 * fetched, e.g. a connector id, used in 404 messages; may be NULL). */
enum kp_err kp_afas_get(const struct kp_afas_conn *conn, const char *path, const char *what,
			struct kp_http_response *resp, struct kp_error *err);

/* Turn a non-200 AFAS response into err (used by kp_afas_get and the sync). */
enum kp_err kp_afas_status_error(const struct kp_http_response *resp, const char *what,
				 struct kp_error *err);

/* GET /metainfo: 200 means the token works; out lists its connectors. */
enum kp_err kp_afas_metainfo(const struct kp_afas_conn *conn, struct kp_afas_metainfo *out,
			     struct kp_error *err);
/* Free the connector lists. */
void kp_afas_metainfo_free(struct kp_afas_metainfo *m);
/* Is connector id among the getConnectors? */
int kp_afas_metainfo_has(const struct kp_afas_metainfo *m, const char *id);

/* GET /metainfo/get/{id}: the connector's fields as AFAS has them now. */
enum kp_err kp_afas_connector_meta(const struct kp_afas_conn *conn, const char *id,
				   struct kp_afas_connector_meta *out, struct kp_error *err);
/* Free the field list. */
void kp_afas_connector_meta_free(struct kp_afas_connector_meta *m);

/* Assignment of one ZIP connector to the App Connector (step 4). */
enum kp_afas_assign_state {
	KP_ASSIGN_UNKNOWN = 0,
	KP_ASSIGN_OK,	    /* listed, fields equal the .gcn */
	KP_ASSIGN_MISSING,  /* not in /metainfo getConnectors */
	KP_ASSIGN_OUTDATED, /* listed, but its fields differ from the .gcn */
	KP_ASSIGN_ERROR,    /* /metainfo/get/{id} failed (message in msg) */
};

struct kp_afas_assign {
	char id[128];
	enum kp_afas_assign_state state;
	size_t only_gcn, only_afas; /* OUTDATED: aliases in one list but not the other */
	char msg[512];
};

/* Compare the ZIP's connectors with /metainfo and, for each assigned one,
 * /metainfo/get/{id}'s fields with the .gcn aliases. *out (n = zip->n) is
 * a new array (free). Returns KP_OK when every call could be made; the
 * per-connector verdicts are in the array. */
enum kp_err kp_afas_assign_check(const struct kp_afas_conn *conn,
				 const struct kp_afas_metainfo *meta,
				 const struct kp_connector_zip *zip, struct kp_afas_assign **out,
				 struct kp_error *err);

/* Number of results that are not KP_ASSIGN_OK. */
size_t kp_afas_assign_problems(const struct kp_afas_assign *a, size_t n);

struct kp_afas_sync;

/* The AFAS path's context (app->afas), created on first use by the steps
 * and the CLI; freed by kp_app_free through kp_afas_ctx_free. */
struct kp_afas_ctx {
	char zip_path[4096];
	struct kp_connector_zip zip;
	int zip_loaded;
	char extract_dir[4096];
	int extract_done;   /* the .gcn files were written there */
	size_t n_extracted; /* files written (identical ones skipped) */

	char participant[8];
	char environment[16];
	struct kp_afas_token token; /* secret: wiped on free */
	int have_token;
	int token_verified;	   /* /metainfo answered 200 */
	int token_stored;	   /* in the keyring */
	int store_unverified;	   /* the person chose to store it unchecked (offline) */
	struct kp_error store_err; /* why the keyring refused, when it did */
	struct kp_afas_metainfo meta;
	int meta_loaded;
	struct kp_error check_err; /* last failed check, for the screens */

	struct kp_afas_assign *assign;
	size_t n_assign;
	int assign_done;

	struct kp_afas_sync *sync; /* results of the test sync */

	char company[256];
	char email[256];
	int sheet_ready; /* company and e-mail passed: show the sheet */
};

/* The app's AFAS context, created (zeroed) when missing; NULL on OOM. */
struct kp_afas_ctx *kp_afas_ctx_get(struct kp_app *app);
/* Free everything (token wiped). NULL is fine. */
void kp_afas_ctx_free(struct kp_afas_ctx *ctx);

/* Keyring environment for the token: "sandbox" against the sandbox, else env. */
const char *kp_afas_keyring_env(const struct kp_app *app, const char *env);

/* Helpers for the steps and the CLI, to find what an earlier step (or run)
 * produced. */
/* Load the ZIP named in ctx->zip_path or the setting afas.zip, unless loaded. */
enum kp_err kp_afas_ensure_zip(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err);

/* Customer and environment from ctx or the settings; the token from memory
 * or else the keyring. */
enum kp_err kp_afas_ensure_token(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err);

/* A connection for ctx's customer, environment and token. */
enum kp_err kp_afas_ctx_connect(struct kp_app *app, struct kp_afas_ctx *ctx,
				struct kp_afas_conn *conn, struct kp_error *err);

/* Ask AFAS for /metainfo again (the person may just have changed something)
 * and keep it in ctx->meta; ctx->meta_loaded tells whether it succeeded. */
enum kp_err kp_afas_ctx_reload_meta(struct kp_afas_ctx *ctx, const struct kp_afas_conn *conn,
				    struct kp_error *err);

/* Store ctx's token in the keyring (provider afas, account = customer). */
enum kp_err kp_afas_store_token(struct kp_app *app, struct kp_afas_ctx *ctx, struct kp_error *err);

/* Rough e-mail check (one @, a dot in the domain, no spaces). */
int kp_afas_email_valid(const char *email);

#endif
