/* gcn.c — reader for AFAS GetConnector files (.gcn), versions 7 and 8.
 *
 * Layout (see include/koppel/gcn.h and shared/api-facts.md): an OLE variant
 * array; element 0 = format version, 1 = GUID, 3 = description, 11 =
 * product; one element is a byte array holding a ZIP with "ExternalData".
 * ExternalData ends with: system, view GUID, connector id, field count and
 * (fieldId, alias) pairs. We read that tail backwards, because the part
 * before it (SQL text, settings) varies between Profit versions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "koppel/gcn.h"
#include "koppel/http.h"
#include "koppel/i18n.h"

/* Upper bounds that keep a hostile file from costing much memory. */
#define GCN_MAX_EXTERNAL (32u * 1024 * 1024)
#define GCN_MAX_FIELDS 10000

enum { VT_I4 = 3, VT_DATE = 7, VT_BSTR = 8, VT_BOOL = 0x0B, VT_ARRAY_UI1 = 0x2011 };

struct rd {
	const unsigned char *p;
	size_t len, pos;
};

static int rd_u16(struct rd *r, uint16_t *v)
{
	if (r->len - r->pos < 2)
		return -1;
	*v = (uint16_t)(r->p[r->pos] | r->p[r->pos + 1] << 8);
	r->pos += 2;
	return 0;
}

static int rd_i32(struct rd *r, int32_t *v)
{
	if (r->len - r->pos < 4)
		return -1;
	*v = (int32_t)((uint32_t)r->p[r->pos] | (uint32_t)r->p[r->pos + 1] << 8 |
		       (uint32_t)r->p[r->pos + 2] << 16 | (uint32_t)r->p[r->pos + 3] << 24);
	r->pos += 4;
	return 0;
}

/* Latin-1 bytes to UTF-8 into out (always NUL-terminated, truncated safely). */
static void latin1_to_utf8(const unsigned char *s, size_t n, char *out, size_t outlen)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x80) {
			if (j + 1 >= outlen)
				break;
			out[j++] = (char)s[i];
		} else {
			if (j + 2 >= outlen)
				break;
			out[j++] = (char)(0xC0 | s[i] >> 6);
			out[j++] = (char)(0x80 | (s[i] & 0x3F));
		}
	}
	out[j] = '\0';
}

/* Copy n bytes as a string, failing when it does not fit. */
static int copy_str(char *dst, size_t dstlen, const char *src, size_t n)
{
	if (n >= dstlen)
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

/* One value of the ExternalData stream. */
struct tok {
	char kind;     /* 's' string, 'i' integer, 'o' other */
	const char *s; /* string bytes (not NUL-terminated) */
	size_t n;
	long i;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static int toks_push(struct toks *t, struct tok k)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct tok *nv = realloc(t->v, cap * sizeof *nv);
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n++] = k;
	return 0;
}

/* Version 7: text tokens, every value preceded by "@D0@" (the marker). We
 * split on the marker; each piece is one value: "I<string>", "D<hex>",
 * "L", "A" (null), "H<double>". */
static int tokenize_v7(const char *s, size_t len, struct toks *t)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *q = memmem(p, (size_t)(end - p), "@D0@", 4);
		const char *e = q ? q : end;
		struct tok k = {.kind = 'o', .s = p, .n = (size_t)(e - p)};

		if (k.n >= 1 && p[0] == 'I') {
			k.kind = 's';
			k.s = p + 1;
			k.n--;
		} else if (k.n >= 2 && p[0] == 'D') {
			char buf[20];
			char *ep;
			if (k.n - 1 < sizeof buf) {
				memcpy(buf, p + 1, k.n - 1);
				buf[k.n - 1] = '\0';
				k.i = strtol(buf, &ep, 16);
				if (*ep == '\0')
					k.kind = 'i';
			}
		}
		if (toks_push(t, k))
			return -1;
		p = q ? q + 4 : end;
	}
	return 0;
}

/* Version 8: a binary stream after a 16-byte prefix: 0x00 null, 0x02 int32,
 * 0x08 double, 0x09 varint-length string, 0x0A bool. The int32 0 markers
 * are kept as ordinary integer tokens; the tail reader skips them. */
static int tokenize_v8(const unsigned char *d, size_t len, struct toks *t)
{
	struct rd r = {d, len, 16};

	if (len < 16)
		return -1;
	while (r.pos < r.len) {
		unsigned char tag = d[r.pos++];
		struct tok k = {.kind = 'o'};
		int32_t iv;

		switch (tag) {
		case 0x00:
			break;
		case 0x02:
			if (rd_i32(&r, &iv))
				return -1;
			k.kind = 'i';
			k.i = iv;
			break;
		case 0x08:
			if (r.len - r.pos < 8)
				return -1;
			r.pos += 8;
			break;
		case 0x0A:
			if (r.len - r.pos < 1)
				return -1;
			r.pos += 1;
			break;
		case 0x09: {
			size_t n = 0;
			int shift = 0;
			for (;;) {
				unsigned char b;
				if (r.pos >= r.len || shift > 28)
					return -1;
				b = d[r.pos++];
				n |= (size_t)(b & 0x7F) << shift;
				shift += 7;
				if (!(b & 0x80))
					break;
			}
			if (r.len - r.pos < n)
				return -1;
			k.kind = 's';
			k.s = (const char *)d + r.pos;
			k.n = n;
			r.pos += n;
			break;
		}
		default:
			return -1;
		}
		if (toks_push(t, k))
			return -1;
	}
	return 0;
}

/* Read the tail: walking back from the end, values alternate with markers
 * in v8 (stride 2) and are already marker-free in v7 (stride 1). Collect
 * strings until an integer n with exactly 2n strings after it; before it
 * come the connector id, the view GUID and the system. */
static enum kp_err read_tail(const struct toks *t, size_t stride, struct kp_gcn *g,
			     struct kp_error *err)
{
	size_t nvals = 0, i;
	long count = -1;

	if (t->n == 0)
		goto bad;
	i = t->n - 1;
	for (;;) {
		const struct tok *k = &t->v[i];
		if (stride == 2 && (i == 0 || t->v[i - 1].kind != 'i' || t->v[i - 1].i != 0))
			goto bad;
		if (k->kind == 'i') {
			if (k->i >= 0 && (size_t)k->i * 2 == nvals)
				count = k->i;
			break;
		}
		if (k->kind != 's')
			goto bad;
		nvals++;
		if (i < stride)
			goto bad;
		i -= stride;
	}
	if (count < 0 || count > GCN_MAX_FIELDS || i < 1 * stride)
		goto bad;
	{
		const struct tok *id = &t->v[i - stride];
		if (id->kind != 's' || id->n == 0)
			goto bad;
		if (copy_str(g->connector_id, sizeof g->connector_id, id->s, id->n))
			goto bad;
	}
	g->n_fields = (size_t)count;
	g->fields = calloc(count ? (size_t)count : 1, sizeof *g->fields);
	if (!g->fields)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	for (size_t f = 0; f < (size_t)count; f++) {
		const struct tok *fid = &t->v[i + stride * (1 + 2 * f)];
		const struct tok *al = &t->v[i + stride * (2 + 2 * f)];
		if (copy_str(g->fields[f].field_id, sizeof g->fields[f].field_id, fid->s, fid->n) ||
		    copy_str(g->fields[f].alias, sizeof g->fields[f].alias, al->s, al->n))
			goto bad;
	}
	return KP_OK;
bad:
	return kp_error_set(err, KP_ERR_PARSE,
			    _("Ask the sender for a fresh export of the GetConnector from AFAS."),
			    "%s",
			    _("The connector definition inside the .gcn file is damaged: the "
			      "connector id and field list could not be found."));
}

/* Unpack "ExternalData" from the ZIP held in the byte array. */
static enum kp_err external_data(const unsigned char *zipdata, size_t ziplen, unsigned char **out,
				 size_t *outlen, struct kp_error *err)
{
	const char *hint = _("Ask the sender for a fresh export of the GetConnector from AFAS.");
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_file_t *zf = NULL;
	zip_stat_t st;
	unsigned char *buf = NULL;
	enum kp_err rc = KP_OK;
	zip_int64_t got;

	zip_error_init(&ze);
	src = zip_source_buffer_create(zipdata, ziplen, 0, &ze);
	if (!src || !(za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE, hint, "%s",
		    _("The .gcn file is damaged: its embedded archive cannot be opened."));
		goto out;
	}
	src = NULL; /* owned by za now */
	if (zip_stat(za, "ExternalData", 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		rc = kp_error_set(err, KP_ERR_PARSE, hint, "%s",
				  _("The .gcn file is damaged: it holds no connector definition "
				    "(ExternalData)."));
		goto out;
	}
	if (st.size > GCN_MAX_EXTERNAL) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE, hint, "%s",
		    _("The .gcn file is damaged: its connector definition is implausibly large."));
		goto out;
	}
	buf = malloc(st.size + 1);
	if (!buf) {
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		goto out;
	}
	zf = zip_fopen(za, "ExternalData", 0);
	got = zf ? zip_fread(zf, buf, st.size) : -1;
	if (got < 0 || (zip_uint64_t)got != st.size) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE, hint, "%s",
		    _("The .gcn file is damaged: its connector definition cannot be unpacked."));
		goto out;
	}
	buf[st.size] = '\0';
	*out = buf;
	*outlen = st.size;
	buf = NULL;
out:
	if (zf)
		zip_fclose(zf);
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	free(buf);
	return rc;
}

enum kp_err kp_gcn_parse(const unsigned char *data, size_t len, struct kp_gcn *out,
			 struct kp_error *err)
{
	const char *hint = _("Ask the sender for a fresh export of the GetConnector from AFAS.");
	struct rd r = {data, len, 0};
	uint16_t vt, dims;
	int32_t count, lbound;
	const unsigned char *blob = NULL;
	size_t blob_len = 0;
	unsigned char *ext = NULL, *bin = NULL;
	size_t ext_len = 0, bin_len = 0;
	struct toks t = {0};
	enum kp_err rc = KP_OK;

	memset(out, 0, sizeof *out);
	if (rd_u16(&r, &vt) || vt != 0x200C || rd_u16(&r, &dims) || dims != 1 ||
	    rd_i32(&r, &count) || rd_i32(&r, &lbound) || count < 2 || count > 1000) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE,
		    _("Use the .gcn files exported from AFAS (General → Output → Management → "
		      "GetConnector → Export)."),
		    "%s", _("This is not an AFAS GetConnector file (.gcn): its header is wrong."));
		goto out;
	}
	for (int32_t e = 0; e < count; e++) {
		uint16_t tag, n16, bdims;
		int32_t i32, bcount, blb;

		if (rd_u16(&r, &tag))
			goto truncated;
		switch (tag) {
		case VT_I4:
			if (rd_i32(&r, &i32))
				goto truncated;
			if (e == 0)
				out->version = i32;
			break;
		case VT_DATE:
		case 5:	   /* VT_R8 */
		case 6:	   /* VT_CY */
		case 0x14: /* VT_I8 */
		case 0x15: /* VT_UI8 */
			if (r.len - r.pos < 8)
				goto truncated;
			r.pos += 8;
			break;
		/* Not seen in any real file, but valid variants: skip them. */
		case 0: /* VT_EMPTY */
		case 1: /* VT_NULL */
			break;
		case 0x11: /* VT_UI1 */
			if (r.len - r.pos < 1)
				goto truncated;
			r.pos += 1;
			break;
		case 2:	   /* VT_I2 */
		case 0x12: /* VT_UI2 */
			if (r.len - r.pos < 2)
				goto truncated;
			r.pos += 2;
			break;
		case 4:	   /* VT_R4 */
		case 0x13: /* VT_UI4 */
			if (r.len - r.pos < 4)
				goto truncated;
			r.pos += 4;
			break;
		case VT_BOOL:
			if (rd_u16(&r, &n16))
				goto truncated;
			break;
		case VT_BSTR:
			if (rd_u16(&r, &n16) || r.len - r.pos < n16)
				goto truncated;
			if (e == 1)
				latin1_to_utf8(data + r.pos, n16, out->guid, sizeof out->guid);
			else if (e == 3)
				latin1_to_utf8(data + r.pos, n16, out->description,
					       sizeof out->description);
			else if (e == 11)
				latin1_to_utf8(data + r.pos, n16, out->product,
					       sizeof out->product);
			r.pos += n16;
			break;
		case VT_ARRAY_UI1:
			if (rd_u16(&r, &bdims) || rd_i32(&r, &bcount) || rd_i32(&r, &blb) ||
			    bcount < 0 || r.len - r.pos < (size_t)bcount)
				goto truncated;
			if (!blob) {
				blob = data + r.pos;
				blob_len = (size_t)bcount;
			}
			r.pos += (size_t)bcount;
			break;
		default:
			rc = kp_error_set(err, KP_ERR_PARSE, hint,
					  _("The .gcn file holds an element of unknown type 0x%04X "
					    "(element %d)."),
					  tag, (int)e + 1);
			goto out;
		}
	}
	if (out->version != 7 && out->version != 8) {
		rc = kp_error_set(
		    err, KP_ERR_PARSE,
		    _("Export the GetConnector again from a current AFAS Profit version."),
		    _("This .gcn file has format version %d; koppel reads versions 7 and 8."),
		    out->version);
		goto out;
	}
	if (!blob) {
		rc = kp_error_set(err, KP_ERR_PARSE, hint, "%s",
				  _("The .gcn file is damaged: it holds no connector definition."));
		goto out;
	}
	rc = external_data(blob, blob_len, &ext, &ext_len, err);
	if (rc)
		goto out;
	/* The stream's own form decides (version 7 text starts with "D1@"). */
	if (ext_len >= 3 && memcmp(ext, "D1@", 3) == 0) {
		if (tokenize_v7((const char *)ext, ext_len, &t))
			goto damaged;
		rc = read_tail(&t, 1, out, err);
	} else {
		bin = kp_base64_decode((const char *)ext, &bin_len);
		if (!bin || tokenize_v8(bin, bin_len, &t))
			goto damaged;
		rc = read_tail(&t, 2, out, err);
	}
	goto out;
truncated:
	rc = kp_error_set(err, KP_ERR_PARSE, hint, "%s",
			  _("The .gcn file is incomplete: it ends in the middle of its data."));
	goto out;
damaged:
	rc = kp_error_set(err, KP_ERR_PARSE, hint, "%s",
			  _("The .gcn file is damaged: its connector definition cannot be read."));
out:
	free(t.v);
	free(ext);
	free(bin);
	if (rc)
		kp_gcn_free(out);
	return rc;
}

void kp_gcn_free(struct kp_gcn *g)
{
	if (!g)
		return;
	free(g->fields);
	g->fields = NULL;
	g->n_fields = 0;
}
