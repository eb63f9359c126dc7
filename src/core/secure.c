/* secure.c — wiping secrets and keeping them out of core dumps. */
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include "koppel/secure.h"

void kp_wipe(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

void kp_secret_free(char *s)
{
	if (!s)
		return;
	kp_wipe(s, strlen(s));
	free(s);
}

char *kp_secret_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

void kp_secure_process(void)
{
	struct rlimit rl = {0, 0};
	setrlimit(RLIMIT_CORE, &rl);
	/* Also stops other processes of the same user from ptrace-reading us. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
