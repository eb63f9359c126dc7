/* endpoints.h — where koppel talks to: the real services, a test/accept
 * environment, a proxy, or the sandbox (--sandbox-info FILE).
 *
 * TLS verification is never switched off; ca_file adds a trust anchor. */
#ifndef KOPPEL_ENDPOINTS_H
#define KOPPEL_ENDPOINTS_H

#include <stddef.h>
#include "koppel/error.h"

struct kp_endpoints {
	int sandbox;              /* 1 when talking to koppel-sandbox */
	char afas_url[512];       /* template with {id}; empty = by environment */
	char loket_oauth_url[512];
	char loket_api_url[512];  /* up to and including /v2 */
	char ca_file[4096];       /* empty = system trust store */
	char loket_client_id[256];
};

/* Real production defaults (AFAS by environment; oauth.loket.nl, api.loket.nl/v2). */
void kp_endpoints_defaults(struct kp_endpoints *ep);

/* Read a sandbox --info JSON file (docs/sandbox.md) into ep. */
enum kp_err kp_endpoints_from_sandbox_info(struct kp_endpoints *ep, const char *path,
					   struct kp_error *err);

/* The AFAS base URL (up to /ProfitRestServices) for participant and
 * environment ("production", "test", "accept"), into out. */
enum kp_err kp_endpoints_afas_base(const struct kp_endpoints *ep, const char *participant,
				   const char *environment, char *out, size_t outlen,
				   struct kp_error *err);

#endif
