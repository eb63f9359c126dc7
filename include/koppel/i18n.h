/* i18n.h — gettext set-up and run-time language switching.
 *
 * Source strings are English; Dutch lives in po/nl.po. The language comes
 * from --lang, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG (first that names
 * nl or en). When the user's locale is not generated on the machine (common
 * over SSH: LANG=nl_NL.UTF-8 on a server with only C.UTF-8), we fall back to
 * C.UTF-8 for the character set and still take the language from LANG. */
#ifndef KOPPEL_I18N_H
#define KOPPEL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set locale, text domain and language. lang is "nl", "en" or NULL (from
 * the environment). Returns the language chosen ("nl" or "en"). */
const char *kp_i18n_init(const char *lang);

/* Switch the language at run time ("nl" or "en"); strings fetched with _()
 * afterwards are in the new language. */
void kp_i18n_set_language(const char *lang);

/* The current language: "nl" or "en". */
const char *kp_i18n_language(void);

/* True when the terminal's character set is UTF-8 (for ✓ ! ✗ vs ASCII). */
int kp_i18n_utf8(void);

#endif
