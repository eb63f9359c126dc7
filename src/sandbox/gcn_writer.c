/* gcn_writer.c — .gcn writer. Outer layer: a little-endian OLE variant
 * array (0C 20, one dimension, count, lower bound 0) of tagged elements
 * (3 int32, 7 date, 8 string, 0B bool, 2011 byte array). The byte array is
 * a ZIP holding one entry "ExternalData": the definition as a token stream
 * that ends with system, view GUID, connector id, field count and the
 * (fieldId, alias) pairs. Version 7 writes the stream as "@"-separated text
 * tokens, version 8 as base64 of a binary stream after a 16-byte prefix.
 * The token sequence follows the public samples' structure; its SQL-ish
 * view text is our own. The signature is filler (we cannot sign), so AFAS
 * itself would refuse to import these files — they are for the sandbox. */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "gcn_writer.h"
#include "sandbox.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const void *d, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->len + n)
			cap *= 2;
		unsigned char *np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

static void put_u8(struct buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	put(b, &c, 1);
}

static void put_u16(struct buf *b, unsigned v)
{
	unsigned char c[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	put(b, c, 2);
}

static void put_i32(struct buf *b, int32_t v)
{
	uint32_t u = (uint32_t)v;
	unsigned char c[4] = { (unsigned char)u, (unsigned char)(u >> 8), (unsigned char)(u >> 16),
			       (unsigned char)(u >> 24) };
	put(b, c, 4);
}

static void put_f64(struct buf *b, double d)
{
	uint64_t u;
	unsigned char c[8];
	memcpy(&u, &d, 8);
	for (int i = 0; i < 8; i++)
		c[i] = (unsigned char)(u >> (8 * i));
	put(b, c, 8);
}

/* ---- the ExternalData token stream, in two encodings ---- */

struct tok {
	struct buf b;
	int version;
	int first;
};

static void t_sep(struct tok *t)
{
	if (t->version == 7 && !t->first)
		put(&t->b, "@", 1);
	t->first = 0;
}

static void t_int(struct tok *t, int32_t v)
{
	t_sep(t);
	if (t->version == 7) {
		char s[16];
		int n = snprintf(s, sizeof s, "D%X", (uint32_t)v);
		put(&t->b, s, (size_t)n);
	} else {
		put_u8(&t->b, 0x02);
		put_i32(&t->b, v);
	}
}

static void t_str(struct tok *t, const char *s)
{
	size_t n = strlen(s);
	t_sep(t);
	if (t->version == 7) {
		put(&t->b, "I", 1);
		put(&t->b, s, n);
	} else {
		put_u8(&t->b, 0x09);
		size_t v = n;
		do { /* 7-bit little-endian varint length */
			unsigned char c = (unsigned char)(v & 0x7f);
			v >>= 7;
			put_u8(&t->b, c | (v ? 0x80 : 0));
		} while (v);
		put(&t->b, s, n);
	}
}

static void t_bool(struct tok *t, int v)
{
	t_sep(t);
	if (t->version == 7) {
		put(&t->b, v ? "L1" : "L", v ? 2 : 1);
	} else {
		put_u8(&t->b, 0x0A);
		put_u8(&t->b, v ? 1 : 0);
	}
}

static void t_null(struct tok *t)
{
	t_sep(t);
	if (t->version == 7)
		put(&t->b, "A", 1);
	else
		put_u8(&t->b, 0x00);
}

static void t_double(struct tok *t, double d)
{
	t_sep(t);
	if (t->version == 7) {
		char s[40];
		int n = snprintf(s, sizeof s, "H %.10g", d);
		put(&t->b, s, (size_t)n);
	} else {
		put_u8(&t->b, 0x08);
		put_f64(&t->b, d);
	}
}

/* Every value after the header is preceded by an int32 0 marker. */
static void m_str(struct tok *t, const char *s) { t_int(t, 0); t_str(t, s); }
static void m_int(struct tok *t, int32_t v) { t_int(t, 0); t_int(t, v); }
static void m_bool(struct tok *t, int v) { t_int(t, 0); t_bool(t, v); }
static void m_null(struct tok *t) { t_int(t, 0); t_null(t); }
static void m_double(struct tok *t, double d) { t_int(t, 0); t_double(t, d); }
static void prop_str(struct tok *t, const char *k, const char *v) { m_str(t, k); if (v) m_str(t, v); else m_null(t); }

static void external_data(const struct sb_gcn_def *d, struct tok *t)
{
	char sql[4096];
	size_t o;
	/* header: record kind and counts */
	t_int(t, 1);
	t_int(t, 0x47);
	t_int(t, 0x2009);
	m_int(t, 1);
	m_int(t, 4);
	m_bool(t, 0);
	m_int(t, 0);
	m_int(t, 0x1D);
	/* the definition's properties as name/value pairs */
	prop_str(t, "Guid", d->guid);
	m_str(t, "Type");
	m_int(t, 8);
	prop_str(t, "Code", NULL);
	prop_str(t, "Ds", d->description);
	prop_str(t, "Info", d->info);
	prop_str(t, "PrId", d->product);
	prop_str(t, "CtId", NULL);
	prop_str(t, "AuId", "VTR");
	prop_str(t, "Comp", NULL);
	m_str(t, "Temp");
	m_bool(t, 0);
	m_str(t, "Bl");
	m_bool(t, 0);
	prop_str(t, "Own", "10000.koppel");
	prop_str(t, "CrUs", "10000.koppel");
	m_str(t, "CrDt");
	m_double(t, d->created);
	prop_str(t, "ChUs", "10000.koppel");
	m_str(t, "ChDt");
	m_double(t, d->changed);
	prop_str(t, "ClUs", NULL);
	prop_str(t, "ClDt", NULL);
	m_str(t, "MntL");
	m_int(t, 0);
	m_str(t, "UnCn");
	m_bool(t, 0);
	prop_str(t, "SyId", d->system);
	m_str(t, "CnSn");
	m_int(t, 0x2AF8);
	prop_str(t, "ObId", "B_BP01");
	m_str(t, "Visi");
	m_bool(t, 1);
	prop_str(t, "Md", NULL);
	prop_str(t, "NCnd", NULL);
	m_str(t, "UsAu");
	m_bool(t, 0);
	m_str(t, "Bu");
	m_int(t, 0x258);
	m_str(t, "Sp");
	m_int(t, 1);
	/* the view record */
	t_int(t, 1);
	t_int(t, 0x1B);
	t_int(t, 0x2009);
	m_int(t, 1);
	m_str(t, "1");
	m_int(t, 1);
	m_int(t, 3);
	m_str(t, "");
	m_str(t, d->system);
	m_str(t, d->view_guid);
	m_str(t, "");
	m_int(t, 3);
	m_int(t, 0);
	m_int(t, 0xF);
	o = (size_t)snprintf(sql, sizeof sql,
			     "insert AfasMdView (AfasMdSystemId, AfasMdViewId, AfasMdName, "
			     "AfasMdDescription, AfasMdCreateStatement) values ('%s','%s',"
			     "'Vw_Afas%s%s','%s','create view Vw_Afas%s%s as~-~*select ",
			     d->system, d->view_guid, d->system, d->view_guid, d->view_name,
			     d->system, d->view_guid);
	for (size_t i = 0; i < d->n_pairs && o < sizeof sql - 200; i++)
		o += (size_t)snprintf(sql + o, sizeof sql - o, "%sBp.Afas%s AfasQW%s%s",
				      i ? ",~-~*" : "", d->pairs[i].alias, d->system,
				      d->pairs[i].field_id);
	snprintf(sql + o, sizeof sql - o, "~-~*from AfasBpDemo as Bp~-~*go')");
	m_str(t, sql);
	for (size_t i = 0; i < d->n_pairs; i++) {
		snprintf(sql, sizeof sql,
			 "insert AfasMdViewField (AfasMdSystemId, AfasMdViewId, AfasMdFieldId, "
			 "AfasMdSeqNo, AfasMdDescription) values ('%s','%s','%s',%zu,'%s')",
			 d->system, d->view_guid, d->pairs[i].field_id, i + 1, d->pairs[i].alias);
		m_str(t, sql);
	}
	/* the tail readers look for: system, view, connector id, fields */
	m_bool(t, 0);
	m_null(t);
	m_str(t, d->system);
	m_str(t, d->view_guid);
	m_str(t, d->connector_id);
	m_int(t, (int32_t)d->n_pairs);
	for (size_t i = 0; i < d->n_pairs; i++) {
		m_str(t, d->pairs[i].field_id);
		m_str(t, d->pairs[i].alias);
	}
}

/* ZIP (deflate) holding one entry "ExternalData", built in memory. */
static int zip_external(const unsigned char *data, size_t len, struct buf *out, char *msg,
			size_t ml)
{
	zip_error_t ze;
	zip_source_t *src = NULL, *file = NULL;
	zip_t *za = NULL;
	int rc = -1;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto fail;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto fail;
	file = zip_source_buffer(za, data, len, 0);
	if (!file)
		goto fail;
	zip_int64_t idx = zip_file_add(za, "ExternalData", file, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(file);
		goto fail;
	}
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9);
	zip_file_set_mtime(za, (zip_uint64_t)idx, 1709287200, 0); /* fixed: same bytes every run */
	if (zip_close(za) != 0) {
		zip_discard(za);
		za = NULL;
		goto fail;
	}
	za = NULL;
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		goto fail;
	unsigned char chunk[8192];
	zip_int64_t n;
	while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
		put(out, chunk, (size_t)n);
	zip_source_close(src);
	rc = out->oom ? -1 : 0;
	if (rc)
		snprintf(msg, ml, "out of memory");
	goto out;
fail:
	snprintf(msg, ml, "libzip: %s", zip_error_strerror(&ze));
	if (za)
		zip_discard(za);
out:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

static void el_int(struct buf *b, int32_t v) { put_u16(b, 3); put_i32(b, v); }
static void el_date(struct buf *b, double d) { put_u16(b, 7); put_f64(b, d); }
static void el_bool(struct buf *b, int v) { put_u16(b, 0x0B); put_u16(b, v ? 0xFFFF : 0); }

static void el_str(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	put_u16(b, 8);
	put_u16(b, (unsigned)n);
	put(b, s, n);
}

int sb_gcn_write(const struct sb_gcn_def *d, unsigned char **out, size_t *len, char *msg,
		 size_t ml)
{
	struct tok t = { .version = d->version, .first = 1 };
	struct buf zipped = { 0 }, b = { 0 }, ext = { 0 };
	unsigned char sig[144];
	char sig64[200];
	int rc = -1;

	if (d->version != 7 && d->version != 8) {
		snprintf(msg, ml, "format version must be 7 or 8");
		return -1;
	}
	if (d->version == 8) {
		/* 16-byte prefix (derived from the GUID) then the binary stream. */
		unsigned char prefix[32];
		gnutls_hash_fast(GNUTLS_DIG_SHA256, d->guid, strlen(d->guid), prefix);
		put(&t.b, prefix, 16);
		put(&t.b, "\0\0", 2);
	}
	external_data(d, &t);
	if (t.b.oom)
		goto oom;
	if (d->version == 8) {
		size_t off = 0;
		char *b64 = malloc(4 * (t.b.len + 2) / 3 + 4);
		if (!b64)
			goto oom;
		sb_base64(t.b.p + off, t.b.len - off, b64);
		put(&ext, b64, strlen(b64));
		free(b64);
	} else {
		put(&ext, t.b.p, t.b.len);
	}
	if (ext.oom)
		goto oom;
	if (zip_external(ext.p, ext.len, &zipped, msg, ml) != 0)
		goto out;

	/* Filler signature: 144 bytes → 192 base64 characters, as in real files. */
	for (int i = 0; i < 144; i += 32) {
		char seed[96];
		unsigned char dg[32];
		snprintf(seed, sizeof seed, "koppel-sandbox-signature:%s:%d", d->guid, i);
		gnutls_hash_fast(GNUTLS_DIG_SHA256, seed, strlen(seed), dg);
		memcpy(sig + i, dg, (size_t)(144 - i < 32 ? 144 - i : 32));
	}
	sb_base64(sig, sizeof sig, sig64);

	put(&b, "\x0c\x20", 2);
	put_u16(&b, 1);
	put_i32(&b, d->version == 8 ? 17 : 16);
	put_i32(&b, 0);
	el_int(&b, d->version);
	el_str(&b, d->guid);
	el_int(&b, 8);
	el_str(&b, d->description);
	el_date(&b, d->created);
	el_date(&b, d->changed);
	el_int(&b, 0);
	el_int(&b, d->version == 8 ? 3000 : 11000);
	el_str(&b, "2");
	el_str(&b, "9");
	el_str(&b, "1400");
	el_str(&b, d->product);
	el_str(&b, d->system);
	el_bool(&b, 0);
	put_u16(&b, 0x2011);
	put_u16(&b, 1);
	put_i32(&b, (int32_t)zipped.len);
	put_i32(&b, 0);
	put(&b, zipped.p, zipped.len);
	el_str(&b, sig64);
	if (d->version == 8)
		el_bool(&b, 0);
	if (b.oom)
		goto oom;
	*out = b.p;
	*len = b.len;
	b.p = NULL;
	rc = 0;
	goto out;
oom:
	snprintf(msg, ml, "out of memory");
out:
	free(t.b.p);
	free(ext.p);
	free(zipped.p);
	free(b.p);
	return rc;
}
