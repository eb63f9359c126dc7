/* endpoints.c — real service addresses, overrides, and the sandbox's. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/endpoints.h"
#include "koppel/i18n.h"

void kp_endpoints_defaults(struct kp_endpoints *ep)
{
	memset(ep, 0, sizeof *ep);
	snprintf(ep->loket_oauth_url, sizeof ep->loket_oauth_url, "https://oauth.loket.nl");
	snprintf(ep->loket_api_url, sizeof ep->loket_api_url, "https://api.loket.nl/v2");
}

static void copy_field(cJSON *root, const char *name, char *dst, size_t len)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(root, name);
	if (cJSON_IsString(v))
		snprintf(dst, len, "%s", v->valuestring);
}

enum kp_err kp_endpoints_from_sandbox_info(struct kp_endpoints *ep, const char *path,
					   struct kp_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return kp_error_set(err, KP_ERR_IO,
				    _("Start koppel-sandbox with --info FILE and pass that file."),
				    _("Cannot read the sandbox description %s."), path);
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	cJSON *root = cJSON_Parse(buf);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return kp_error_set(err, KP_ERR_PARSE, _("Restart the sandbox and try again."),
				    _("The sandbox description %s is not valid JSON."), path);
	}
	copy_field(root, "ca_file", ep->ca_file, sizeof ep->ca_file);
	copy_field(root, "afas_url", ep->afas_url, sizeof ep->afas_url);
	copy_field(root, "loket_oauth_url", ep->loket_oauth_url, sizeof ep->loket_oauth_url);
	copy_field(root, "loket_api_url", ep->loket_api_url, sizeof ep->loket_api_url);
	copy_field(root, "loket_client_id", ep->loket_client_id, sizeof ep->loket_client_id);
	cJSON_Delete(root);
	ep->sandbox = 1;
	return KP_OK;
}

enum kp_err kp_endpoints_afas_base(const struct kp_endpoints *ep, const char *participant,
				   const char *environment, char *out, size_t outlen,
				   struct kp_error *err)
{
	const char *tmpl = ep->afas_url;
	if (!*tmpl) {
		if (!environment || strcmp(environment, "production") == 0)
			tmpl = "https://{id}.rest.afas.online/ProfitRestServices";
		else if (strcmp(environment, "test") == 0)
			tmpl = "https://{id}.resttest.afas.online/ProfitRestServices";
		else if (strcmp(environment, "accept") == 0)
			tmpl = "https://{id}.restaccept.afas.online/ProfitRestServices";
		else
			return kp_error_set(err, KP_ERR_USAGE,
					    _("Choose production, test or accept."),
					    _("Unknown AFAS environment \"%s\"."), environment);
	}
	const char *at = strstr(tmpl, "{id}");
	int n;
	if (at)
		n = snprintf(out, outlen, "%.*s%s%s", (int)(at - tmpl), tmpl, participant, at + 4);
	else
		n = snprintf(out, outlen, "%s", tmpl);
	if (n < 0 || (size_t)n >= outlen)
		return kp_error_set(err, KP_ERR_USAGE, NULL, "%s", _("The AFAS address is too long."));
	/* No trailing slash: callers append "/metainfo" etc. */
	size_t l = strlen(out);
	while (l > 0 && out[l - 1] == '/')
		out[--l] = '\0';
	return KP_OK;
}
