/* i18n.c — locale and language. gettext keeps the language process-wide
 * (LANGUAGE); we read it back from there rather than keeping a copy. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "koppel/i18n.h"

/* glibc's catalogue cache counter: bumping it makes gettext re-read
 * LANGUAGE (the documented way to switch language at run time). */
extern int _nl_msg_cat_cntr;

static const char *lang_from(const char *v)
{
	if (!v || !*v)
		return NULL;
	/* LANGUAGE may be a list ("nl:en"); its first entry decides. */
	if (strncmp(v, "nl", 2) == 0)
		return "nl";
	if (strncmp(v, "en", 2) == 0)
		return "en";
	return NULL;
}

static int is_c_locale(const char *l)
{
	return !l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0;
}

static const char *locale_dir(void)
{
#ifdef KOPPEL_BUILD_ROOT
	/* An uninstalled binary in the build tree uses the build's catalogue. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		size_t rl = strlen(KOPPEL_BUILD_ROOT);
		if (strncmp(exe, KOPPEL_BUILD_ROOT, rl) == 0 && exe[rl] == '/')
			return KOPPEL_BUILD_LOCALEDIR;
	}
#endif
	return KOPPEL_LOCALEDIR;
}

const char *kp_i18n_init(const char *lang)
{
	if (!setlocale(LC_ALL, "")) {
		/* The user's locale is not generated here (typical over SSH):
		 * keep UTF-8 and take the language from LANG below. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
	}
	/* gettext ignores LANGUAGE under the plain C locale. */
	if (is_c_locale(setlocale(LC_MESSAGES, NULL)))
		setlocale(LC_MESSAGES, "C.UTF-8");

	const char *chosen = lang_from(lang);
	if (!chosen) {
		const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
		for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !chosen; i++)
			chosen = lang_from(getenv(vars[i]));
	}
	if (!chosen)
		chosen = "en";

	bindtextdomain("koppel", locale_dir());
	bind_textdomain_codeset("koppel", "UTF-8");
	textdomain("koppel");
	kp_i18n_set_language(chosen);
	return kp_i18n_language();
}

void kp_i18n_set_language(const char *lang)
{
	const char *l = lang_from(lang);
	setenv("LANGUAGE", l ? l : "en", 1);
	++_nl_msg_cat_cntr;
}

const char *kp_i18n_language(void)
{
	const char *l = lang_from(getenv("LANGUAGE"));
	return l ? l : "en";
}

int kp_i18n_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && strcmp(cs, "UTF-8") == 0;
}
