/* sandbox_fixture.h — integration tests start a real koppel-sandbox (HTTPS,
 * own CA, ephemeral ports) and talk to it with the real client code. */
#ifndef KOPPEL_TEST_SANDBOX_FIXTURE_H
#define KOPPEL_TEST_SANDBOX_FIXTURE_H

#include <sys/types.h>
#include "koppel/endpoints.h"

struct cJSON;

struct kp_test_sandbox {
	pid_t pid;
	char dir[512];          /* temporary state folder (CA, certs, info) */
	char info_path[600];    /* --info FILE */
	struct cJSON *info;     /* parsed info file (docs/sandbox.md) */
	struct kp_endpoints ep; /* filled from the info file */
	char control_url[512];
	char control_key[128];
};

/* Start build/src/sandbox/koppel-sandbox (found via KOPPEL_BUILD_ROOT) with
 * extra_args (NULL-terminated, may be NULL); wait for "ready". 0 = ok. */
int kp_test_sandbox_start(struct kp_test_sandbox *s, const char *const *extra_args);
void kp_test_sandbox_stop(struct kp_test_sandbox *s);

/* POST body (JSON) to control_url + path (e.g. "/fault", "/reset") with the
 * control key. Returns the HTTP status, or -1. */
int kp_test_sandbox_control(struct kp_test_sandbox *s, const char *path, const char *json_body);

#endif
