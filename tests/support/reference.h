/* reference.h — the reference files beside the repository
 * (../shared/reference: AFAS' OpenAPI and .gcn files, the Loket.nl OpenAPI
 * subset; KOPPEL_SHARED points there). They are not part of koppel, so a
 * clone on its own lacks them: tests that read them then skip (exit 77,
 * meson's SKIP) and say why, rather than fail for a missing folder. */
#ifndef KOPPEL_TEST_REFERENCE_H
#define KOPPEL_TEST_REFERENCE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define KP_TEST_SKIP 77

static inline int kp_test_have_reference(void)
{
	const char *shared = getenv("KOPPEL_SHARED");
	char path[4096];
	struct stat st;

	if (shared && *shared) {
		snprintf(path, sizeof path, "%s/reference", shared);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return 1;
	}
	fprintf(stderr, "SKIP: the reference files are not here (KOPPEL_SHARED=%s; expected "
			"../shared/reference beside the repository)\n",
		shared ? shared : "");
	return 0;
}

#endif
