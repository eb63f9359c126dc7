/* demo_zip.c — the demo connector ZIPs: the catalog's GetConnectors as .gcn
 * files. The format-8 set lies flat in its ZIP (like AFAS' own ZIPs) and is
 * the one `koppel demo` offers; the format-7 set sits in a folder of a
 * second ZIP, with a read-me, as a mailed ZIP often looks. One set per ZIP,
 * because a ZIP with two files for one connector id is refused by the
 * wizard (rightly: AFAS would import one over the other). Generated here;
 * no third party's file is copied. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "afas_catalog.h"
#include "gcn_writer.h"
#include "sandbox.h"

#define V7_FOLDER "GetConnectoren Benefits-Plaza (formaat 7)/"

static const char readme[] =
	"Benefits-Plaza GetConnectoren (DEMO, gemaakt door koppel-sandbox)\r\n"
	"\r\n"
	"Importeer in AFAS Profit via Algemeen > Output > Beheer > GetConnector > Importeren.\r\n"
	"Er zijn twee ZIP-bestanden met dezelfde GetConnectoren: een in formaat 8\r\n"
	"(nieuwere Profit-versies) en een in formaat 7 (oudere versies).\r\n"
	"Deze bestanden zijn niet ondertekend en werken alleen met de sandbox.\r\n";

static double ole_date(int y, int m, int d, double frac)
{
	return (double)(sb_days(y, m, d) - sb_days(1899, 12, 30)) + frac;
}

static int add_buffer(zip_t *za, const char *name, unsigned char *data, size_t len, char *msg,
		      size_t ml)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 1); /* libzip frees data */
	if (!src) {
		free(data);
		snprintf(msg, ml, "libzip: %s", zip_strerror(za));
		return -1;
	}
	zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		snprintf(msg, ml, "libzip: %s", zip_strerror(za));
		return -1;
	}
	zip_file_set_mtime(za, (zip_uint64_t)idx, 1709287200, 0);
	return 0;
}

int sb_demo_zip_write(const char *path, int version, char *msg, size_t ml)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		snprintf(msg, ml, "cannot create %s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	{
		for (size_t i = 0; i < sb_afas_n_connectors; i++) {
			const struct sb_afas_connector *c = &sb_afas_connectors[i];
			struct sb_gcn_pair pairs[32];
			char name[256], info[256];
			for (size_t f = 0; f < c->n_fields && f < 32; f++) {
				pairs[f].field_id = c->fields[f].field_id;
				pairs[f].alias = c->fields[f].alias;
			}
			snprintf(info, sizeof info, "Gegevens voor de Benefits-Plaza koppeling (a.s.r.): %s",
				 c->description);
			struct sb_gcn_def def = {
				.version = version,
				.guid = c->guid,
				.connector_id = c->id,
				.description = c->description,
				.info = info,
				.product = c->product,
				.system = c->system,
				.view_guid = c->view_guid,
				.view_name = c->description,
				.created = ole_date(2024, 3, 1, 0.4375),
				.changed = ole_date(2024, 3, 4, 0.6),
				.pairs = pairs,
				.n_pairs = c->n_fields,
			};
			unsigned char *data;
			size_t len;
			if (sb_gcn_write(&def, &data, &len, msg, ml) != 0)
				goto fail;
			snprintf(name, sizeof name, "%s%s.gcn", version == 7 ? V7_FOLDER : "", c->id);
			if (add_buffer(za, name, data, len, msg, ml) != 0)
				goto fail;
		}
	}
	char *rd = strdup(readme);
	if (!rd || add_buffer(za, "LEESMIJ.txt", (unsigned char *)rd, strlen(readme), msg, ml) != 0)
		goto fail;
	if (zip_close(za) != 0) {
		snprintf(msg, ml, "cannot write %s: %s", path, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
fail:
	zip_discard(za);
	return -1;
}
