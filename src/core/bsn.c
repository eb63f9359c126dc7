/* bsn.c — the elfproef and masking of BSNs. */
#include <string.h>
#include "koppel/bsn.h"

int kp_bsn_valid(const char *s)
{
	if (!s || strlen(s) != 9)
		return 0;
	long sum = 0;
	for (int i = 0; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		int d = s[i] - '0';
		sum += (i < 8) ? (long)(9 - i) * d : -(long)d;
	}
	/* All zeros passes the arithmetic but is no BSN. */
	return sum % 11 == 0 && strcmp(s, "000000000") != 0;
}

void kp_bsn_mask(const char *bsn, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return;
	size_t n = bsn ? strlen(bsn) : 0;
	if (outlen < 10) {
		out[0] = '\0';
		return;
	}
	memset(out, '*', 9);
	if (n == 9)
		memcpy(out + 6, bsn + 6, 3);
	out[9] = '\0';
}
