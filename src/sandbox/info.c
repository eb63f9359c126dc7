/* info.c — the --info FILE: where the sandbox listens and the demo
 * credentials (docs/sandbox.md). Written 0600 via a temporary file and a
 * rename, so a reader never sees half a file. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afas_participants.h"
#include "info.h"
#include "loket_users.h"
#include "sandbox.h"

int sb_info_write(const struct sb_server *s, const char *path, char *msg, size_t ml)
{
	char buf[700], tmp[1100];
	cJSON *o = cJSON_CreateObject();
	int rc = -1, fd = -1;
	char *json = NULL;

	cJSON_AddStringToObject(o, "ca_file", s->ca_file);
	snprintf(buf, sizeof buf, "%s/{id}/ProfitRestServices", s->base_url);
	cJSON_AddStringToObject(o, "afas_url", buf);
	snprintf(buf, sizeof buf, "%s/oauth", s->base_url);
	cJSON_AddStringToObject(o, "loket_oauth_url", buf);
	snprintf(buf, sizeof buf, "%s/v2", s->base_url);
	cJSON_AddStringToObject(o, "loket_api_url", buf);
	snprintf(buf, sizeof buf, "%s/control", s->base_url);
	cJSON_AddStringToObject(o, "control_url", buf);
	cJSON_AddStringToObject(o, "control_key", s->control_key);
	cJSON_AddStringToObject(o, "afas_zip", s->zip_path);
	cJSON_AddStringToObject(o, "afas_zip_v7", s->zip7_path);
	cJSON_AddStringToObject(o, "loket_client_id", s->client_id);
	cJSON_AddStringToObject(o, "loket_client_secret", s->client_secret);
	cJSON_AddBoolToObject(o, "loket_redirect_uris_any_loopback", 1);
	cJSON *users = cJSON_AddArrayToObject(o, "loket_users");
	for (size_t i = 0; i < sb_loket_n_users; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "username", sb_loket_users[i].username);
		cJSON_AddStringToObject(u, "password", sb_loket_users[i].password);
		cJSON_AddStringToObject(u, "purpose", sb_loket_users[i].purpose);
		cJSON_AddItemToArray(users, u);
	}
	/* The demo's Werkgever IDs: a real user knows them from Loket.nl, a
	 * newcomer to the demo could not guess them. */
	cJSON *emps = cJSON_AddArrayToObject(o, "loket_employers");
	for (unsigned e = 0; e < SB_LOKET_EMPLOYERS; e++) {
		char id[37];
		cJSON *m = cJSON_CreateObject();
		sb_loket_employer_id(e, id);
		cJSON_AddStringToObject(m, "id", id);
		cJSON_AddNumberToObject(m, "employerNumber", sb_loket_employers[e].employer_number);
		cJSON_AddStringToObject(m, "companyName", sb_loket_employers[e].company_name);
		cJSON_AddBoolToObject(m, "main", e == 0);
		cJSON_AddItemToArray(emps, m);
	}
	cJSON *parts = cJSON_AddArrayToObject(o, "afas_participants");
	for (size_t i = 0; i < sb_afas_n_participants; i++) {
		char xml[160];
		cJSON *p = cJSON_CreateObject();
		sb_afas_token_xml(sb_afas_participants[i].participant, xml, sizeof xml);
		cJSON_AddStringToObject(p, "participant", sb_afas_participants[i].participant);
		cJSON_AddStringToObject(p, "token", xml);
		cJSON_AddStringToObject(p, "purpose", sb_afas_participants[i].purpose);
		cJSON_AddItemToArray(parts, p);
	}
	json = cJSON_Print(o);
	if (!json) {
		snprintf(msg, ml, "out of memory");
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(msg, ml, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	size_t len = strlen(json), off = 0;
	while (off < len) {
		ssize_t w = write(fd, json + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			snprintf(msg, ml, "cannot write %s: %s", tmp, strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	if (write(fd, "\n", 1) != 1 || fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		snprintf(msg, ml, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		snprintf(msg, ml, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	if (json) {
		memset(json, 0, strlen(json));
		free(json);
	}
	cJSON_Delete(o);
	return rc;
}
