/* secure.h — handling of secret buffers: wiped before free, no core dumps. */
#ifndef KOPPEL_SECURE_H
#define KOPPEL_SECURE_H

#include <stddef.h>

/* Wipe len bytes in a way the compiler cannot optimise away. */
void kp_wipe(void *p, size_t len);

/* Wipe a NUL-terminated string and free it; NULL is fine. */
void kp_secret_free(char *s);

/* strdup for secrets (so that callers pair it with kp_secret_free). */
char *kp_secret_dup(const char *s);

/* Disable core dumps and ptrace attach for this process (RLIMIT_CORE=0,
 * PR_SET_DUMPABLE=0), so secrets in memory never reach a core file. */
void kp_secure_process(void);

#endif
