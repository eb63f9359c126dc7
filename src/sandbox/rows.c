/* rows.c — deterministic demo data: every value is a pure function of an
 * index, so any page can be produced on its own and 100 000 rows never sit
 * in memory together. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sandbox.h"

uint64_t sb_mix(uint64_t seed, uint64_t i)
{
	uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (i + 1);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int bsn_sum(const char *d)
{
	int sum = 0;
	for (int k = 0; k < 8; k++)
		sum += (9 - k) * (d[k] - '0');
	return sum - (d[8] - '0');
}

int sb_bsn_valid(const char *bsn)
{
	if (strlen(bsn) != 9 || strspn(bsn, "0123456789") != 9)
		return 0;
	int sum = bsn_sum(bsn);
	return sum != 0 && sum % 11 == 0;
}

void sb_bsn(uint64_t i, int invalid, char out[10])
{
	/* 8 digits unique per index (7919 is coprime with 10^8), then the
	 * check digit; a remainder of 10 has no digit, so nudge digit 8. */
	uint64_t base = (12345678ULL + i * 7919ULL) % 100000000ULL;
	snprintf(out, 10, "%08" PRIu64 "0", base);
	for (;;) {
		int s = 0;
		for (int k = 0; k < 8; k++)
			s += (9 - k) * (out[k] - '0');
		int check = s % 11;
		if (check < 10 && !(s == 0)) {
			out[8] = (char)('0' + check);
			break;
		}
		out[7] = (char)('0' + (out[7] - '0' + 1) % 10);
	}
	if (invalid)
		out[8] = (char)('0' + (out[8] - '0' + 1) % 10);
}

/* Howard Hinnant's civil-from-days. */
void sb_date(long days, char out[11])
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)(y % 10000), (int)(m % 100), (int)(d % 100));
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

long sb_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char *const female_names[] = {
	"Anna", "Sanne", "Fleur", "Lotte", "Eva", "Iris", "Noor", "Fatima", "Emma", "Lieke",
	"Maaike", "Sophie", "Yara", "Ingrid", "Marieke", "Esra",
};
static const char *const male_names[] = {
	"Daan", "Bram", "Sem", "Jeroen", "Mohamed", "Thijs", "Ruben", "Kees", "Lucas", "Pieter",
	"Youssef", "Joris", "Hendrik", "Milan", "Sven", "Wouter",
};
static const char *const last_names[] = {
	"Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
	"Dekker", "Brouwer", "Koster", "Kaya", "Yilmaz", "Willems", "Groen", "Schouten", "Hoekstra",
	"Postma",
};
static const char *const prefixes[] = { "van", "de", "van der", "van den", "ter" };

const char *sb_first_name(uint64_t i, int *female)
{
	uint64_t h = sb_mix(11, i);
	*female = (int)(h & 1);
	if (*female)
		return female_names[(h >> 8) % (sizeof female_names / sizeof *female_names)];
	return male_names[(h >> 8) % (sizeof male_names / sizeof *male_names)];
}

const char *sb_last_name(uint64_t i)
{
	return last_names[sb_mix(13, i) % (sizeof last_names / sizeof *last_names)];
}

const char *sb_prefix_name(uint64_t i)
{
	uint64_t h = sb_mix(17, i);
	if (h % 4 != 0)
		return NULL;
	return prefixes[(h >> 8) % (sizeof prefixes / sizeof *prefixes)];
}

void sb_guid(unsigned kind, unsigned employer, uint64_t index, char out[37])
{
	/* The first group is a checksum of (kind, employer, index); the other
	 * groups carry them, masked with bits derived from the first group so
	 * the GUID looks random yet decodes without a lookup table. */
	uint32_t check = (uint32_t)sb_mix(kind * 7919u + employer, index);
	uint64_t mask = sb_mix(0x5A17, check);
	unsigned g2 = (employer ^ (unsigned)mask) & 0xffff;
	unsigned g3 = (kind ^ (unsigned)(mask >> 16)) & 0xfff;
	unsigned g4 = (unsigned)(mask >> 28) & 0x3ff;
	uint64_t g5 = (index ^ (mask >> 16)) & 0xffffffffffffULL;
	snprintf(out, 37, "%08" PRIx32 "-%04x-4%03x-%04x-%012" PRIx64, check, g2, g3, 0x8000 | g4,
		 (uint64_t)g5);
}

int sb_guid_parse(const char *s, unsigned kind, unsigned *employer, uint64_t *index)
{
	unsigned c, g2, g3, g4;
	uint64_t g5;
	int n = 0;
	if (!s || strlen(s) != 36)
		return -1;
	if (sscanf(s, "%8x-%4x-4%3x-%4x-%12" SCNx64 "%n", &c, &g2, &g3, &g4, &g5, &n) != 5 || n != 36)
		return -1;
	uint64_t mask = sb_mix(0x5A17, c);
	unsigned e = (g2 ^ (unsigned)mask) & 0xffff;
	unsigned k = (g3 ^ (unsigned)(mask >> 16)) & 0xfff;
	uint64_t idx = (g5 ^ (mask >> 16)) & 0xffffffffffffULL;
	char again[37];
	sb_guid(k, e, idx, again);
	if (k != kind || strcasecmp(again, s) != 0)
		return -1;
	*employer = e;
	*index = idx;
	return 0;
}
