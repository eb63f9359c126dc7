/* state.c — the settings file: dotted keys over a cJSON object, written
 * atomically so a crash or Ctrl-C never leaves half a file. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "koppel/i18n.h"
#include "koppel/state.h"

enum kp_err kp_state_default_path(char *out, size_t outlen, struct kp_error *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;
	if (xdg && *xdg == '/')
		n = snprintf(out, outlen, "%s/koppel/koppel.json", xdg);
	else if (home && *home)
		n = snprintf(out, outlen, "%s/.config/koppel/koppel.json", home);
	else
		return kp_error_set(err, KP_ERR_IO, _("Set HOME or XDG_CONFIG_HOME and start again."),
				    "%s", _("Cannot tell where to keep the settings: HOME is not set."));
	if (n < 0 || (size_t)n >= outlen)
		return kp_error_set(err, KP_ERR_IO, NULL, "%s", _("The settings path is too long."));
	return KP_OK;
}

static enum kp_err read_file(const char *path, char **out, size_t *len, struct kp_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return KP_ERR_NOTFOUND;
		return kp_error_set(err, KP_ERR_IO, _("Check the permissions of the file and its folder."),
				    _("Cannot read %s: %s"), path, strerror(errno));
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 >= cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return KP_OK;
}

enum kp_err kp_state_load(struct kp_state *st, const char *path, struct kp_error *err)
{
	memset(st, 0, sizeof *st);
	snprintf(st->path, sizeof st->path, "%s", path);
	char *buf = NULL;
	size_t len = 0;
	enum kp_err rc = read_file(path, &buf, &len, err);
	if (rc == KP_ERR_NOTFOUND) {
		st->root = cJSON_CreateObject();
		return st->root ? KP_OK : kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	}
	if (rc != KP_OK)
		return rc;
	st->root = cJSON_ParseWithLength(buf, len);
	free(buf);
	if (st->root && cJSON_IsObject(st->root))
		return KP_OK;
	cJSON_Delete(st->root);
	st->root = NULL;

	/* Never discard a damaged file silently: keep it beside the new one. */
	char backup[sizeof st->path + 64];
	snprintf(backup, sizeof backup, "%s.corrupt-%ld", path, (long)time(NULL));
	if (rename(path, backup) != 0)
		return kp_error_set(err, KP_ERR_PARSE,
				    _("Repair or remove the file by hand, then start koppel again."),
				    _("The settings file %s is damaged and could not be moved aside: %s"),
				    path, strerror(errno));
	st->root = cJSON_CreateObject();
	return kp_error_set(err, KP_ERR_PARSE,
			    _("koppel starts with empty settings; the old file is kept for support."),
			    _("The settings file %s was damaged; it has been saved as %s."), path, backup);
}

static enum kp_err mkdir_p(const char *dir, struct kp_error *err)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		goto fail;
	return KP_OK;
fail:
	return kp_error_set(err, KP_ERR_IO, _("Check that the folder can be created and is writable."),
			    _("Cannot create the folder %s: %s"), tmp, strerror(errno));
}

enum kp_err kp_state_save(struct kp_state *st, struct kp_error *err)
{
	enum kp_err rc = KP_OK;
	char dir[4096], tmp[4200];
	char *text = NULL;
	int fd = -1;

	snprintf(dir, sizeof dir, "%s", st->path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	if ((rc = mkdir_p(dir, err)) != KP_OK)
		return rc;

	text = cJSON_Print(st->root);
	if (!text)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", st->path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto io;
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto io;
		}
		off += (size_t)w;
	}
	if (write(fd, "\n", 1) != 1 || fsync(fd) != 0)
		goto io;
	close(fd);
	fd = -1;
	if (rename(tmp, st->path) != 0)
		goto io;
	/* Make the rename itself durable. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	st->dirty = 0;
	goto out;
io:
	rc = kp_error_set(err, KP_ERR_IO, _("Check free disk space and the folder's permissions."),
			  _("Cannot write the settings file %s: %s"), st->path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(text);
	return rc;
}

void kp_state_free(struct kp_state *st)
{
	cJSON_Delete(st->root);
	st->root = NULL;
}

/* Walk a dotted key. With create, missing objects are made on the way and
 * the parent of the last part is returned with *last pointing at it. */
static cJSON *walk(cJSON *root, const char *key, int create, const char **last)
{
	cJSON *cur = root;
	const char *p = key;
	char part[128];
	for (;;) {
		const char *dot = strchr(p, '.');
		if (!dot) {
			*last = p;
			return cur;
		}
		size_t n = (size_t)(dot - p);
		if (n >= sizeof part)
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		cJSON *next = cJSON_GetObjectItemCaseSensitive(cur, part);
		if (!cJSON_IsObject(next)) {
			if (!create)
				return NULL;
			if (next)
				cJSON_DeleteItemFromObjectCaseSensitive(cur, part);
			next = cJSON_AddObjectToObject(cur, part);
			if (!next)
				return NULL;
		}
		cur = next;
		p = dot + 1;
	}
}

static cJSON *get(const struct kp_state *st, const char *key)
{
	const char *last;
	if (!st || !st->root)
		return NULL;
	cJSON *parent = walk(st->root, key, 0, &last);
	return parent ? cJSON_GetObjectItemCaseSensitive(parent, last) : NULL;
}

const char *kp_state_get_str(const struct kp_state *st, const char *key)
{
	cJSON *v = get(st, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

long kp_state_get_int(const struct kp_state *st, const char *key, long def)
{
	cJSON *v = get(st, key);
	return cJSON_IsNumber(v) ? (long)v->valuedouble : def;
}

int kp_state_get_bool(const struct kp_state *st, const char *key, int def)
{
	cJSON *v = get(st, key);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

size_t kp_state_get_strv(const struct kp_state *st, const char *key, const char ***out)
{
	cJSON *v = get(st, key);
	*out = NULL;
	if (!cJSON_IsArray(v))
		return 0;
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	const char **arr = calloc(n + 1, sizeof *arr);
	if (!arr)
		return 0;
	cJSON *it;
	cJSON_ArrayForEach(it, v) if (cJSON_IsString(it)) arr[i++] = it->valuestring;
	*out = arr;
	return i;
}

static void set_item(struct kp_state *st, const char *key, cJSON *item)
{
	const char *last;
	if (!st->root)
		st->root = cJSON_CreateObject();
	cJSON *parent = walk(st->root, key, 1, &last);
	if (!parent) {
		cJSON_Delete(item);
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(parent, last))
		cJSON_DeleteItemFromObjectCaseSensitive(parent, last);
	if (item)
		cJSON_AddItemToObject(parent, last, item);
	st->dirty = 1;
}

void kp_state_set_str(struct kp_state *st, const char *key, const char *value)
{
	set_item(st, key, value ? cJSON_CreateString(value) : NULL);
}

void kp_state_set_int(struct kp_state *st, const char *key, long value)
{
	set_item(st, key, cJSON_CreateNumber((double)value));
}

void kp_state_set_bool(struct kp_state *st, const char *key, int value)
{
	set_item(st, key, cJSON_CreateBool(value));
}

void kp_state_set_strv(struct kp_state *st, const char *key, const char *const *v, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
	set_item(st, key, arr);
}

void kp_state_remove(struct kp_state *st, const char *key)
{
	set_item(st, key, NULL);
}
