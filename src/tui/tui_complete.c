/* tui_complete.c — Tab completion for path fields: the names in the folder
 * typed so far that start with what follows the last slash. "~/" stands for
 * $HOME and stays in the value as typed. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tui_priv.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tui_complete_free(char **cands, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cands[i]);
	free(cands);
}

/* The folder to read for the typed folder part (which ends in '/' or is
 * empty): "~/" expanded, "" meaning the current folder. */
static char *real_dir(const char *typed, size_t len)
{
	const char *home = getenv("HOME");
	char *out;

	if (len == 0)
		return strdup(".");
	if (typed[0] == '~' && (len == 1 || typed[1] == '/') && home) {
		size_t hl = strlen(home);
		out = malloc(hl + len + 1);
		if (!out)
			return NULL;
		memcpy(out, home, hl);
		memcpy(out + hl, typed + 1, len - 1);
		out[hl + len - 1] = '\0';
		return out;
	}
	return strndup(typed, len);
}

char *tui_complete_path(const char *value, char ***cands_out, size_t *n_out)
{
	const char *slash = strrchr(value, '/'), *base;
	size_t dir_len = slash ? (size_t)(slash - value) + 1 : 0, base_len, n = 0, cap = 0, i;
	char *dir = NULL, **cands = NULL, *result = NULL;
	DIR *d = NULL;
	struct dirent *de;

	*cands_out = NULL;
	*n_out = 0;
	/* "~" alone means the home folder */
	if (strcmp(value, "~") == 0) {
		char **one = malloc(sizeof *one);
		if (one && (one[0] = strdup("~/")) != NULL) {
			*cands_out = one;
			*n_out = 1;
			return strdup("~/");
		}
		free(one);
		return NULL;
	}
	base = value + dir_len;
	base_len = strlen(base);
	dir = real_dir(value, dir_len);
	if (!dir)
		goto out;
	d = opendir(dir);
	if (!d)
		goto out;
	while ((de = readdir(d)) != NULL) {
		char *full, *path;
		struct stat sb;
		int is_dir = 0;
		size_t nl;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && (base_len == 0 || base[0] != '.'))
			continue; /* hidden files only when asked for */
		if (strncmp(de->d_name, base, base_len) != 0)
			continue;
		if (n >= TUI_MAX_CANDS)
			break;
		nl = strlen(de->d_name);
		path = malloc(strlen(dir) + nl + 2);
		if (!path)
			goto out;
		sprintf(path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			is_dir = 1;
		free(path);
		full = malloc(dir_len + nl + 2);
		if (!full)
			goto out;
		memcpy(full, value, dir_len);
		memcpy(full + dir_len, de->d_name, nl);
		full[dir_len + nl] = is_dir ? '/' : '\0';
		full[dir_len + nl + is_dir] = '\0';
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			char **grown = realloc(cands, nc * sizeof *grown);
			if (!grown) {
				free(full);
				goto out;
			}
			cands = grown;
			cap = nc;
		}
		cands[n++] = full;
	}
	if (n == 0)
		goto out;
	qsort(cands, n, sizeof *cands, cmp_str);
	/* the longest common prefix of all matches */
	{
		size_t common = strlen(cands[0]);
		for (i = 1; i < n; i++) {
			size_t j = 0;
			while (j < common && cands[i][j] == cands[0][j])
				j++;
			common = j;
		}
		/* never cut a UTF-8 character in half */
		while (common > 0 && ((unsigned char)cands[0][common] & 0xC0) == 0x80)
			common--;
		if (common > strlen(value))
			result = strndup(cands[0], common);
	}
out:
	if (d)
		closedir(d);
	free(dir);
	*cands_out = cands;
	*n_out = n;
	return result;
}
