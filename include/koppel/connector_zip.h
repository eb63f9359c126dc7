/* connector_zip.h — the GetConnector ZIP that a.s.r. mails: open it with
 * libzip, refuse anything unsafe or odd with its own clear message, read
 * every .gcn at any depth (ignoring __MACOSX/ and other files), and
 * optionally extract the .gcn files into one folder, never outside it. */
#ifndef KOPPEL_CONNECTOR_ZIP_H
#define KOPPEL_CONNECTOR_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include "koppel/error.h"
#include "koppel/gcn.h"

/* Limits from the issue: more entries or more bytes is refused. */
#define KP_CZIP_MAX_ENTRIES 1000
#define KP_CZIP_MAX_TOTAL (50ull * 1000 * 1000)

/* Why a ZIP was refused (also in err->msg, translated). */
enum kp_czip_problem {
	KP_CZIP_OK = 0,
	KP_CZIP_NOT_FOUND, /* cannot open the file */
	KP_CZIP_NOT_ZIP,   /* not a ZIP at all */
	KP_CZIP_DAMAGED,   /* truncated or inconsistent */
	KP_CZIP_EMPTY,	   /* no entries */
	KP_CZIP_TOO_MANY,  /* more than 1000 entries */
	KP_CZIP_TOO_BIG,   /* more than 50 MB uncompressed */
	KP_CZIP_ABSOLUTE,  /* an entry with an absolute path */
	KP_CZIP_DOTDOT,	   /* an entry with ".." in its path */
	KP_CZIP_SYMLINK,   /* an entry that is a symbolic link */
	KP_CZIP_ENCRYPTED, /* password protected */
	KP_CZIP_NO_GCN,	   /* no .gcn file inside */
	KP_CZIP_BAD_GCN,   /* a .gcn that cannot be read */
};

struct kp_czip_entry {
	char name[512]; /* path inside the ZIP */
	struct kp_gcn gcn;
	unsigned char *data; /* the .gcn bytes (for extraction) */
	size_t len;
};

struct kp_connector_zip {
	size_t n; /* .gcn files, in ZIP order */
	struct kp_czip_entry *items;
	size_t n_entries;    /* all entries in the ZIP */
	size_t n_ignored;    /* entries that are not .gcn (README, __MACOSX/...) */
	size_t n_duplicates; /* .gcn files for a connector already read (e.g. a copy
				for older Profit versions in a subfolder): skipped */
	uint64_t total_size; /* uncompressed, all entries */
};

/* Open and check the ZIP at path; read every .gcn. When several define the
 * same connector id, the one nearest the top of the ZIP is kept (the first
 * on a tie) and the others counted in n_duplicates. On failure *problem
 * (may be NULL) names the reason and err says it in words; out is empty. */
enum kp_err kp_connector_zip_open(const char *path, struct kp_connector_zip *out,
				  enum kp_czip_problem *problem, struct kp_error *err);

/* The same for a ZIP already in memory (data must outlive the call only). */
enum kp_err kp_connector_zip_open_buffer(const void *data, size_t len, struct kp_connector_zip *out,
					 enum kp_czip_problem *problem, struct kp_error *err);

/* Write every .gcn (by its base name) into the existing folder dir. Never
 * follows links and never replaces a different existing file; an identical
 * one is left as it is. *written (may be NULL) = files written. */
enum kp_err kp_connector_zip_extract(const struct kp_connector_zip *z, const char *dir,
				     size_t *written, struct kp_error *err);

/* Find a connector by id; NULL when not in the ZIP. */
const struct kp_czip_entry *kp_connector_zip_find(const struct kp_connector_zip *z,
						  const char *connector_id);

/* Free every entry; z is empty afterwards. */
void kp_connector_zip_free(struct kp_connector_zip *z);

#endif
