/* sandbox.h — koppel-sandbox internals: one server struct shared by the
 * router, the AFAS and Loket handlers, the fault table and the control API.
 * The sandbox is its own program (not the core); it still keeps its state in
 * one struct passed to every handler rather than in globals. */
#ifndef KOPPEL_SANDBOX_H
#define KOPPEL_SANDBOX_H

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SB_MAX_FAULTS 32
#define SB_MAX_TOKENS 2048
#define SB_MAX_CODES 256
#define SB_MAX_SESSIONS 256
#define SB_MAX_BODY (64 * 1024)

/* What a fault does to the request it hits. */
enum sb_fault_kind {
	SB_FAULT_STATUS,       /* answer with a status code (and its documented body) */
	SB_FAULT_DELAY,        /* sleep delay_ms, then answer normally */
	SB_FAULT_TRUNCATE,     /* announce the full length, send half, close */
	SB_FAULT_INVALID_JSON, /* send the first half of the body as if complete */
	SB_FAULT_RESET,        /* close the TCP connection with RST, no answer */
};

struct sb_fault {
	int active;
	char route[64];          /* route id, "afas.*", "loket.*", "oauth.*" or "*" */
	enum sb_fault_kind kind;
	int status;
	int retry_after;         /* seconds, for 429 and 503 */
	int delay_ms;
	int count;               /* requests left; -1 = until reset */
};

/* OAuth and API token records (random hex strings, never logged). */
struct sb_token {
	int used;
	char value[72];
	int user;                /* index into the user table */
	time_t expires;          /* access tokens; 0 for refresh tokens */
	int revoked;
};

struct sb_code {
	int used;                /* slot in use */
	char value[72];
	int user;
	char client_id[128];
	char redirect_uri[512];
	char challenge[128];     /* empty = no PKCE */
	time_t expires;
	int redeemed;            /* single use */
	char issued_access[72];  /* tokens it bought: revoked if the code is replayed */
	char issued_refresh[72];
};

/* A login page posted successfully: the consent page refers to it. */
struct sb_session {
	int used;
	char id[72];
	int user;
	char client_id[128];
	char redirect_uri[512];
	char state[256];
	char challenge[128];
	time_t expires;
};

struct sb_server {
	pthread_mutex_t lock;    /* guards faults, tokens, codes, sessions, settings */
	struct MHD_Daemon *daemon;
	int port;
	char base_url[64];       /* https://127.0.0.1:PORT */
	char state_dir[512];
	char ca_file[600];
	char zip_path[600];      /* format 8 set (afas_zip) */
	char zip7_path[600];     /* format 7 set (afas_zip_v7) */
	char control_key[72];
	char client_id[64];
	char client_secret[72];
	long employees;          /* Loket employees per employer */
	long rows;               /* AFAS rows per connector */
	int latency_ms;
	int latency_base;        /* --latency-ms, restored by /reset */
	int log;                 /* --log */
	int access_ttl;          /* seconds, default 3599 */
	int code_ttl;            /* seconds, default 60 */
	struct sb_fault faults[SB_MAX_FAULTS];
	struct sb_token access[SB_MAX_TOKENS];
	struct sb_token refresh[SB_MAX_TOKENS];
	size_t access_next, refresh_next;
	struct sb_code codes[SB_MAX_CODES];
	size_t code_next;
	struct sb_session sessions[SB_MAX_SESSIONS];
	size_t session_next;
};

/* Per-request state kept in MHD's con_cls. */
struct sb_req {
	char *raw_uri;           /* path plus query as received */
	char *body;              /* POST body, NUL-terminated */
	size_t body_len;
	int body_too_big;
	int have_fault;
	struct sb_fault fault;   /* copy of the fault applied to this request */
	const char *family;      /* "afas", "oauth", "loket", "control" */
	int log;                 /* --log: one line per answer on stderr */
	char method[8];
	char path[200];          /* path only: queries may hold personal data */
};

/* --log: "METHOD /path STATUS" on stderr (never query strings or bodies). */
void sb_log(const struct sb_req *r, const char *what);

/* ---- router.c: responses ---- */

/* Queue a response with body (copied); honours truncate / invalid-JSON faults. */
enum MHD_Result sb_respond(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			   const char *content_type, const char *body, size_t len);
/* Queue a JSON response from a cJSON-printed string and free it. */
enum MHD_Result sb_respond_json(struct MHD_Connection *c, struct sb_req *r, unsigned status,
				char *json);
/* Queue a response with an added header (e.g. Location, Retry-After). */
enum MHD_Result sb_respond_hdr(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			       const char *content_type, const char *body, size_t len,
			       const char *hname, const char *hvalue);
/* Case-insensitive "does s start with prefix". */
int sb_prefix_ci(const char *s, const char *prefix);

/* ---- util.c ---- */

/* Fill out with 2*n random hex characters (GnuTLS RNG). */
void sb_random_hex(char *out, size_t n);
/* Standard base64 of data into out (NUL-terminated); out needs 4*(len+2)/3+1. */
void sb_base64(const unsigned char *data, size_t len, char *out);
/* base64url without padding (PKCE). */
void sb_base64url(const unsigned char *data, size_t len, char *out);
/* Decode %XX and '+' in place. */
void sb_url_decode(char *s);
/* Find key in an application/x-www-form-urlencoded body; decoded copy in out. 0 = found. */
int sb_form_get(const char *body, const char *key, char *out, size_t outlen);
/* Append a percent-encoded copy of s to out. */
void sb_url_encode_append(char *out, size_t outlen, const char *s);
/* HTML-escape s into out. */
void sb_html_escape(const char *s, char *out, size_t outlen);
/* Constant-time string compare; 1 = equal. */
int sb_secret_eq(const char *a, const char *b);
/* Sleep ms milliseconds. */
void sb_sleep_ms(int ms);

/* ---- rows.c: deterministic data ---- */

/* 64-bit mix of a seed and an index (splitmix64). */
uint64_t sb_mix(uint64_t seed, uint64_t i);
/* A 9-digit BSN for index i: valid by the elfproef unless invalid != 0. */
void sb_bsn(uint64_t i, int invalid, char out[10]);
/* 1 when the 9-digit string passes the elfproef. */
int sb_bsn_valid(const char *bsn);
/* Date (YYYY-MM-DD) for days since 1970-01-01. */
void sb_date(long days, char out[11]);
/* Days since 1970-01-01 of y-m-d. */
long sb_days(int y, int m, int d);
/* Deterministic Dutch-looking names for index i. */
const char *sb_first_name(uint64_t i, int *female);
const char *sb_last_name(uint64_t i);
const char *sb_prefix_name(uint64_t i); /* NULL = no tussenvoegsel */
/* A GUID that encodes (kind, employer, index) and can be decoded again. */
void sb_guid(unsigned kind, unsigned employer, uint64_t index, char out[37]);
/* Decode a GUID made by sb_guid; 0 = ok and of the expected kind. */
int sb_guid_parse(const char *s, unsigned kind, unsigned *employer, uint64_t *index);

/* ---- faults.c ---- */

/* Take the fault for route_id (decrementing its count); 1 = one applies. */
int sb_fault_take(struct sb_server *s, const char *route_id, struct sb_fault *out);
/* Add a fault from a control request body; 0 = ok, else msg says why. */
int sb_fault_add_json(struct sb_server *s, const char *json, char *msg, size_t msglen);
/* Remove every fault. */
void sb_fault_clear(struct sb_server *s);
/* Answer a status fault with the family's documented body. */
enum MHD_Result sb_fault_respond(struct MHD_Connection *c, struct sb_req *r);

/* ---- handlers ---- */

enum MHD_Result sb_afas_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
			       const char *method, const char *url);
enum MHD_Result sb_oauth_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
				const char *method, const char *url);
enum MHD_Result sb_loket_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
				const char *method, const char *url);
enum MHD_Result sb_control_handle(struct sb_server *s, struct MHD_Connection *c,
				  struct sb_req *r, const char *method, const char *url);

/* Apply the fault for route_id, if any: 1 = the request was answered
 * (status or reset fault), 0 = continue (delay already slept; truncate and
 * invalid-JSON marked in r). *ret holds the MHD result when 1. */
int sb_route_fault(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
		   const char *route_id, enum MHD_Result *ret);

/* ---- loket_tokens (in loket_oauth.c) ---- */

/* User index for a valid, unexpired access token; -1 otherwise. */
int sb_access_token_user(struct sb_server *s, const char *token);
/* Control: expire all access tokens / revoke all refresh tokens. */
void sb_tokens_expire_access(struct sb_server *s);
void sb_tokens_revoke_refresh(struct sb_server *s);

/* ---- tls_ca.c ---- */

/* Create CA and server certificate (127.0.0.1, localhost) in dir; PEM of the
 * server key and certificate returned (malloc'd) for libmicrohttpd. 0 = ok. */
int sb_tls_create(const char *dir, char *ca_path, size_t ca_len, char **key_pem,
		  char **cert_pem, char *msg, size_t msglen);

/* ---- demo_zip.c ---- */

/* Write a demo connector ZIP: version 8 = the set flat, 7 = in a folder. 0 = ok. */
int sb_demo_zip_write(const char *path, int version, char *msg, size_t msglen);

#endif
