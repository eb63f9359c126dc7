/* info.h — writing the --info FILE (docs/sandbox.md). */
#ifndef KOPPEL_SANDBOX_INFO_H
#define KOPPEL_SANDBOX_INFO_H

#include <stddef.h>

struct sb_server;

/* Write the info JSON to path atomically (mode 0600). 0 = ok. */
int sb_info_write(const struct sb_server *s, const char *path, char *msg, size_t ml);

#endif
