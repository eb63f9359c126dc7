/* connector_zip.c — check and read the GetConnector ZIP (libzip).
 *
 * Everything is checked before anything is read: entry count, every
 * entry's path (absolute, ".."), type (symlink) and encryption, and the
 * total uncompressed size. Only then are the .gcn files read, each capped
 * at its declared size. Extraction writes base names only, with
 * O_EXCL|O_NOFOLLOW relative to the chosen folder, so nothing can land
 * outside it or replace a file that was there. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "koppel/connector_zip.h"
#include "koppel/i18n.h"

static enum kp_err refuse(enum kp_czip_problem why, enum kp_czip_problem *problem,
			  struct kp_error *err, enum kp_err code, const char *hint, const char *fmt,
			  const char *arg)
{
	if (problem)
		*problem = why;
	return kp_error_set(err, code, hint, fmt, arg);
}

/* "/x", "\x" and "C:..." are absolute. */
static int path_absolute(const char *n)
{
	if (n[0] == '/' || n[0] == '\\')
		return 1;
	return ((n[0] >= 'A' && n[0] <= 'Z') || (n[0] >= 'a' && n[0] <= 'z')) && n[1] == ':';
}

/* Does any component (split on / and \) equal comp? */
static int path_has_component(const char *n, const char *comp)
{
	size_t cl = strlen(comp);
	const char *p = n;

	while (*p) {
		size_t l = strcspn(p, "/\\");
		if (l == cl && strncmp(p, comp, cl) == 0)
			return 1;
		p += l;
		if (*p)
			p++;
	}
	return 0;
}

/* Number of folders above an entry. */
static size_t path_depth(const char *n)
{
	size_t d = 0;

	for (; *n; n++)
		d += *n == '/' || *n == '\\';
	return d;
}

static const char *base_name(const char *n)
{
	const char *b = n;

	for (const char *p = n; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

/* A .gcn we read: ends in .gcn, not macOS resource junk. */
static int is_gcn(const char *n)
{
	const char *b = base_name(n);
	size_t l = strlen(b);

	if (l < 5 || strcasecmp(b + l - 4, ".gcn") != 0)
		return 0;
	if (path_has_component(n, "__MACOSX") || strncmp(b, "._", 2) == 0)
		return 0;
	return 1;
}

static const char *gcn_hint(void)
{
	return _("Ask a.s.r. (inkomen.relatiebeheer@asr.nl) for the connector ZIP again; open the "
		 "ZIP from their e-mail as it is.");
}

/* Check every entry, then read the .gcn files. za is closed by the caller. */
static enum kp_err check_and_read(zip_t *za, struct kp_connector_zip *out,
				  enum kp_czip_problem *problem, struct kp_error *err)
{
	zip_int64_t n = zip_get_num_entries(za, 0);
	uint64_t total = 0;
	size_t n_gcn = 0;
	enum kp_err rc = KP_OK;
	char num[64];

	if (n <= 0)
		return refuse(KP_CZIP_EMPTY, problem, err, KP_ERR_INVALID, gcn_hint(), "%s",
			      _("The ZIP is empty."));
	if (n > KP_CZIP_MAX_ENTRIES) {
		snprintf(num, sizeof num, "%lld", (long long)n);
		return refuse(KP_CZIP_TOO_MANY, problem, err, KP_ERR_INVALID, gcn_hint(),
			      _("The ZIP holds %s entries; koppel refuses more than 1000, a "
				"connector ZIP has only a few."),
			      num);
	}
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_uint8_t opsys;
		zip_uint32_t attr;
		const char *name;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
			return refuse(KP_CZIP_DAMAGED, problem, err, KP_ERR_PARSE, gcn_hint(), "%s",
				      _("The ZIP is damaged: an entry cannot be read."));
		name = st.name;
		if (path_absolute(name))
			return refuse(KP_CZIP_ABSOLUTE, problem, err, KP_ERR_INVALID, gcn_hint(),
				      _("The ZIP contains an entry with an absolute path (%s); "
					"koppel does not open such archives."),
				      name);
		if (path_has_component(name, ".."))
			return refuse(KP_CZIP_DOTDOT, problem, err, KP_ERR_INVALID, gcn_hint(),
				      _("The ZIP contains an entry that points outside its folder "
					"(%s); koppel does not open such archives."),
				      name);
		if (zip_file_get_external_attributes(za, (zip_uint64_t)i, 0, &opsys, &attr) == 0 &&
		    opsys == ZIP_OPSYS_UNIX && ((attr >> 16) & S_IFMT) == S_IFLNK)
			return refuse(KP_CZIP_SYMLINK, problem, err, KP_ERR_INVALID, gcn_hint(),
				      _("The ZIP contains a symbolic link (%s); koppel does not "
					"open such archives."),
				      name);
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
			return refuse(KP_CZIP_ENCRYPTED, problem, err, KP_ERR_INVALID,
				      _("Ask a.s.r. for a ZIP without a password, or unpack it "
					"yourself and zip the .gcn files again."),
				      _("The ZIP is protected with a password (%s is encrypted)."),
				      name);
		if (st.valid & ZIP_STAT_SIZE)
			total += st.size;
		if (total > KP_CZIP_MAX_TOTAL)
			return refuse(KP_CZIP_TOO_BIG, problem, err, KP_ERR_INVALID, gcn_hint(),
				      "%s",
				      _("The ZIP unpacks to more than 50 MB; a connector ZIP is "
					"far smaller, so koppel refuses it."));
		if (is_gcn(name))
			n_gcn++;
	}
	out->n_entries = (size_t)n;
	out->total_size = total;
	if (n_gcn == 0)
		return refuse(KP_CZIP_NO_GCN, problem, err, KP_ERR_INVALID,
			      _("Check that you chose the ZIP with the Benefits-Plaza connectors "
				"from a.s.r.; it holds .gcn files."),
			      "%s", _("The ZIP contains no GetConnector files (.gcn)."));
	out->items = calloc(n_gcn, sizeof *out->items);
	if (!out->items)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_file_t *zf;
		struct kp_czip_entry *e;
		zip_int64_t got;
		char extra;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
			continue;
		if (!is_gcn(st.name)) {
			out->n_ignored++;
			continue;
		}
		e = &out->items[out->n];
		snprintf(e->name, sizeof e->name, "%s", st.name);
		e->data = malloc(st.size ? st.size : 1);
		if (!e->data)
			return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
		out->n++;
		zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		got = zf ? zip_fread(zf, e->data, st.size) : -1;
		/* One byte more than declared means the header lies (a bomb). */
		if (got >= 0 && (zip_uint64_t)got == st.size && zip_fread(zf, &extra, 1) != 0)
			got = -1;
		if (zf)
			zip_fclose(zf);
		if (got < 0 || (zip_uint64_t)got != st.size)
			return refuse(KP_CZIP_DAMAGED, problem, err, KP_ERR_PARSE, gcn_hint(),
				      _("The ZIP is damaged: %s cannot be unpacked."), st.name);
		e->len = st.size;
		rc = kp_gcn_parse(e->data, e->len, &e->gcn, err);
		if (rc) {
			/* Name the file in front of the reader's message. */
			if (err) {
				char m[sizeof err->msg];
				snprintf(m, sizeof m, "%.200s: %.300s", st.name, err->msg);
				snprintf(err->msg, sizeof err->msg, "%s", m);
			}
			if (problem)
				*problem = KP_CZIP_BAD_GCN;
			return rc;
		}
		for (size_t j = 0; j + 1 < out->n; j++) {
			struct kp_czip_entry *o = &out->items[j];
			if (strcmp(o->gcn.connector_id, e->gcn.connector_id) != 0)
				continue;
			/* A second copy (say, format 7 for older Profit in a subfolder). */
			if (path_depth(e->name) < path_depth(o->name)) {
				kp_gcn_free(&o->gcn);
				free(o->data);
				*o = *e;
			} else {
				kp_gcn_free(&e->gcn);
				free(e->data);
			}
			memset(e, 0, sizeof *e);
			out->n--;
			out->n_duplicates++;
			break;
		}
	}
	return KP_OK;
}

/* Map libzip's open errors; data/len (may be NULL) tell a damaged ZIP
 * (starts with the local header signature) from something else. */
static enum kp_err open_error(int ze, const unsigned char *head, size_t head_len,
			      enum kp_czip_problem *problem, struct kp_error *err, const char *path)
{
	int zip_magic = head_len >= 4 && memcmp(head, "PK\x03\x04", 4) == 0;

	if (ze == ZIP_ER_NOENT || ze == ZIP_ER_OPEN || ze == ZIP_ER_READ)
		return refuse(KP_CZIP_NOT_FOUND, problem, err, KP_ERR_IO,
			      _("Check the path; Tab completes it."), _("Cannot open %s."),
			      path ? path : "ZIP");
	if (zip_magic || ze == ZIP_ER_INCONS)
		return refuse(KP_CZIP_DAMAGED, problem, err, KP_ERR_PARSE,
			      _("The file is probably incomplete (an interrupted download?). Save "
				"the attachment from the e-mail again."),
			      "%s", _("The ZIP is damaged or truncated."));
	return refuse(KP_CZIP_NOT_ZIP, problem, err, KP_ERR_INVALID,
		      _("Choose the .zip file with the Benefits-Plaza connectors from a.s.r."),
		      "%s", _("This file is not a ZIP archive."));
}

enum kp_err kp_connector_zip_open_buffer(const void *data, size_t len, struct kp_connector_zip *out,
					 enum kp_czip_problem *problem, struct kp_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za = NULL;
	enum kp_err rc;

	memset(out, 0, sizeof *out);
	if (problem)
		*problem = KP_CZIP_OK;
	if (len == 0)
		return refuse(KP_CZIP_EMPTY, problem, err, KP_ERR_INVALID, gcn_hint(), "%s",
			      _("The ZIP is empty."));
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src)
		za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		rc = open_error(zip_error_code_zip(&ze), data, len, problem, err, NULL);
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	rc = check_and_read(za, out, problem, err);
	zip_discard(za);
	if (rc)
		kp_connector_zip_free(out);
	return rc;
}

enum kp_err kp_connector_zip_open(const char *path, struct kp_connector_zip *out,
				  enum kp_czip_problem *problem, struct kp_error *err)
{
	unsigned char head[4] = {0};
	size_t head_len = 0;
	struct stat sb;
	FILE *f;
	zip_t *za;
	int ze = 0;
	enum kp_err rc;

	memset(out, 0, sizeof *out);
	if (problem)
		*problem = KP_CZIP_OK;
	if (stat(path, &sb) != 0)
		return refuse(KP_CZIP_NOT_FOUND, problem, err, KP_ERR_IO,
			      _("Check the path; Tab completes it."), _("There is no file %s."),
			      path);
	if (S_ISDIR(sb.st_mode))
		return refuse(KP_CZIP_NOT_FOUND, problem, err, KP_ERR_IO,
			      _("Choose the .zip file itself, not the folder it is in."),
			      _("%s is a folder."), path);
	if (sb.st_size == 0)
		return refuse(KP_CZIP_EMPTY, problem, err, KP_ERR_INVALID,
			      _("The file is empty (an interrupted download?). Save the attachment "
				"from the e-mail again."),
			      "%s", _("The ZIP is empty."));
	f = fopen(path, "rb");
	if (f) {
		head_len = fread(head, 1, sizeof head, f);
		fclose(f);
	}
	za = zip_open(path, ZIP_RDONLY, &ze);
	if (!za)
		return open_error(ze, head, head_len, problem, err, path);
	rc = check_and_read(za, out, problem, err);
	zip_discard(za);
	if (rc)
		kp_connector_zip_free(out);
	return rc;
}

/* Same bytes as the file open at fd? */
static int same_content(int fd, const unsigned char *data, size_t len)
{
	unsigned char buf[8192];
	size_t off = 0;
	ssize_t r;

	while ((r = read(fd, buf, sizeof buf)) > 0) {
		if (off + (size_t)r > len || memcmp(buf, data + off, (size_t)r) != 0)
			return 0;
		off += (size_t)r;
	}
	return r == 0 && off == len;
}

enum kp_err kp_connector_zip_extract(const struct kp_connector_zip *z, const char *dir,
				     size_t *written, struct kp_error *err)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	enum kp_err rc = KP_OK;

	if (written)
		*written = 0;
	if (dfd < 0)
		return kp_error_set(err, KP_ERR_IO,
				    _("Choose an existing folder you can write to."),
				    _("Cannot open the folder %s: %s."), dir, strerror(errno));
	for (size_t i = 0; i < z->n; i++) {
		const struct kp_czip_entry *e = &z->items[i];
		const char *b = base_name(e->name);
		int fd = openat(dfd, b, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		size_t off = 0;

		if (fd < 0 && errno == EEXIST) {
			int rfd = openat(dfd, b, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			int same = rfd >= 0 && same_content(rfd, e->data, e->len);
			if (rfd >= 0)
				close(rfd);
			if (same)
				continue;
			rc = kp_error_set(err, KP_ERR_IO,
					  _("Move or rename the existing file, or choose another "
					    "folder; koppel does not overwrite it."),
					  _("%s already exists in %s with other content."), b, dir);
			goto out;
		}
		if (fd < 0) {
			rc =
			    kp_error_set(err, KP_ERR_IO, _("Choose a folder you can write to."),
					 _("Cannot create %s in %s: %s."), b, dir, strerror(errno));
			goto out;
		}
		while (off < e->len) {
			ssize_t w = write(fd, e->data + off, e->len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		if (off != e->len || fsync(fd) != 0) {
			int saved = errno;
			close(fd);
			unlinkat(dfd, b, 0);
			rc = kp_error_set(err, KP_ERR_IO, _("Check the free space and try again."),
					  _("Writing %s failed: %s."), b, strerror(saved));
			goto out;
		}
		close(fd);
		if (written)
			(*written)++;
	}
out:
	close(dfd);
	return rc;
}

const struct kp_czip_entry *kp_connector_zip_find(const struct kp_connector_zip *z,
						  const char *connector_id)
{
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->items[i].gcn.connector_id, connector_id) == 0)
			return &z->items[i];
	return NULL;
}

void kp_connector_zip_free(struct kp_connector_zip *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->n; i++) {
		kp_gcn_free(&z->items[i].gcn);
		free(z->items[i].data);
	}
	free(z->items);
	memset(z, 0, sizeof *z);
}
