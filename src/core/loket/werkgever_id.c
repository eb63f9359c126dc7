/* werkgever_id.c — parsing the Werkgever IDs a user types or pastes. */
#include "koppel/werkgever_id.h"
#include "koppel/i18n.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *where(void)
{
	return _("In Loket.nl open Werkgever → Bedrijfsgegevens; the field \"Werkgever id\" "
		 "holds it. Enter that id (like b14acd0d-75d7-4fc8-8b22-4a3924585cab) or the "
		 "employer number.");
}

enum kp_err kp_werkgever_id_parse(const char *text, struct kp_werkgever_id *out,
				  struct kp_error *err)
{
	char buf[64];
	size_t n, i, o = 0;
	memset(out, 0, sizeof *out);
	while (text && isspace((unsigned char)*text))
		text++;
	n = text ? strlen(text) : 0;
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	if (n >= 2 && text[0] == '{' && text[n - 1] == '}') {
		text++;
		n -= 2;
	}
	if (n == 0)
		return kp_error_set(err, KP_ERR_USAGE, where(), _("No Werkgever ID was entered."));
	if (n >= sizeof buf)
		goto bad;
	/* employer number: digits only */
	for (i = 0; i < n && isdigit((unsigned char)text[i]); i++)
		;
	if (i == n) {
		while (n > 1 && *text == '0') {
			text++;
			n--;
		}
		if (n > 9 || (n == 1 && *text == '0'))
			goto bad;
		out->kind = KP_WG_NUMBER;
		memcpy(out->value, text, n);
		out->value[n] = '\0';
		return KP_OK;
	}
	/* GUID 8-4-4-4-12, any case; also the 32 hex digits without dashes */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '-')
			continue;
		if (!isxdigit(c))
			goto bad;
		buf[o++] = (char)tolower(c);
	}
	if (o != 32)
		goto bad;
	if (n == 36 && !(text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-'))
		goto bad;
	if (n != 36 && n != 32)
		goto bad;
	out->kind = KP_WG_GUID;
	memcpy(out->value, buf, 8);
	out->value[8] = '-';
	memcpy(out->value + 9, buf + 8, 4);
	out->value[13] = '-';
	memcpy(out->value + 14, buf + 12, 4);
	out->value[18] = '-';
	memcpy(out->value + 19, buf + 16, 4);
	out->value[23] = '-';
	memcpy(out->value + 24, buf + 20, 12);
	out->value[36] = '\0';
	return KP_OK;
bad:
	return kp_error_set(err, KP_ERR_USAGE, where(),
			    _("\"%.*s\" is not a Werkgever ID (neither an id like "
			      "b14acd0d-75d7-4fc8-8b22-4a3924585cab nor an employer number)."),
			    (int)(n > 60 ? 60 : n), text);
}

int kp_werkgever_id_equal(const struct kp_werkgever_id *a, const struct kp_werkgever_id *b)
{
	return a->kind == b->kind && strcmp(a->value, b->value) == 0;
}

enum kp_err kp_werkgever_ids_parse(const char *text, struct kp_werkgever_id **out, size_t *n,
				   struct kp_error *err)
{
	struct kp_werkgever_id *v = NULL, one;
	size_t cnt = 0;
	const char *p = text ? text : "";
	enum kp_err rc = KP_OK;
	*out = NULL;
	*n = 0;
	for (;;) {
		size_t len;
		char tok[80];
		p += strspn(p, " \t\r\n,;");
		if (!*p)
			break;
		len = strcspn(p, " \t\r\n,;");
		snprintf(tok, sizeof tok, "%.*s",
			 (int)(len < sizeof tok - 1 ? len : sizeof tok - 1), p);
		if (len >= sizeof tok - 1)
			tok[sizeof tok - 2] = 'x'; /* too long: make sure it fails */
		rc = kp_werkgever_id_parse(tok, &one, err);
		if (rc)
			goto fail;
		int dup = 0;
		for (size_t i = 0; i < cnt; i++)
			dup |= kp_werkgever_id_equal(&v[i], &one);
		if (!dup) {
			struct kp_werkgever_id *nv = realloc(v, (cnt + 1) * sizeof *v);
			if (!nv) {
				rc = kp_error_set(err, KP_ERR_NOMEM, NULL, _("Out of memory."));
				goto fail;
			}
			v = nv;
			v[cnt++] = one;
		}
		p += len;
	}
	if (cnt == 0) {
		rc = kp_error_set(err, KP_ERR_USAGE, where(), _("No Werkgever ID was entered."));
		goto fail;
	}
	*out = v;
	*n = cnt;
	return KP_OK;
fail:
	free(v);
	return rc;
}
