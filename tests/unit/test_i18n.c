/* test_i18n.c — Dutch and English through gettext: from --lang, from LANG
 * even when that locale is not generated (SSH servers), and switched at run
 * time; every step title of every flow has a Dutch translation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "koppel/i18n.h"

static void clear_env(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void test_lang_option(void **s)
{
	(void)s;
	clear_env();
	setenv("LANG", "en_US.UTF-8", 1);
	assert_string_equal(kp_i18n_init("nl"), "nl"); /* the option wins */
	assert_string_equal(_("Welcome"), "Welkom");
	assert_string_equal(_("step %zu of %zu"), "stap %zu van %zu");
	kp_i18n_set_language("en");
	assert_string_equal(kp_i18n_language(), "en");
	assert_string_equal(_("Welcome"), "Welcome");
	kp_i18n_set_language("nl");
	assert_string_equal(_("Welcome"), "Welkom");
}

static void test_lang_from_ungenerated_locale(void **s)
{
	(void)s;
	clear_env();
	/* nl_NL.UTF-8 is not generated on the test machines (nor on many
	 * servers): the language still comes from LANG, the charset stays UTF-8. */
	setenv("LANG", "nl_NL.UTF-8", 1);
	assert_string_equal(kp_i18n_init(NULL), "nl");
	assert_string_equal(_("Summary"), "Samenvatting");
	assert_true(kp_i18n_utf8());
}

static void test_language_list_and_default(void **s)
{
	(void)s;
	clear_env();
	setenv("LANGUAGE", "en:nl", 1);
	setenv("LANG", "nl_NL.UTF-8", 1);
	assert_string_equal(kp_i18n_init(NULL), "en");
	assert_string_equal(_("Summary"), "Summary");
	clear_env();
	setenv("LANG", "C", 1);
	assert_string_equal(kp_i18n_init(NULL), "en");
	/* With LANG=C and --lang nl, Dutch still works (LC_MESSAGES moved off C). */
	assert_string_equal(kp_i18n_init("nl"), "nl");
	assert_string_equal(_("Summary"), "Samenvatting");
}

static void test_every_step_title_translated(void **s)
{
	(void)s;
	clear_env();
	kp_i18n_init("nl");
	const char *flows[] = {"start", "afas", "loket", "doctor"};
	for (size_t i = 0; i < 4; i++) {
		const struct kp_flow *f = kp_flows.get(flows[i]);
		assert_non_null(f);
		for (size_t j = 0; j < f->n; j++) {
			const char *t = f->steps[j]->title;
			if (strcmp(_(t), t) == 0 && strcmp(t, "Start") != 0)
				fail_msg("step %s: title \"%s\" has no Dutch translation",
					 f->steps[j]->id, t);
			if (f->steps[j]->help && strcmp(_(f->steps[j]->help), f->steps[j]->help) == 0)
				fail_msg("step %s: help has no Dutch translation", f->steps[j]->id);
		}
	}
	assert_non_null(kp_flows.resume);
	assert_string_not_equal(_(kp_flows.resume->title), kp_flows.resume->title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_option),
		cmocka_unit_test(test_lang_from_ungenerated_locale),
		cmocka_unit_test(test_language_list_and_default),
		cmocka_unit_test(test_every_step_title_translated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
