/* test_screens.c — the base steps' content: the summary reports what the
 * settings hold and the next steps of the chosen path; the choice step
 * switches the flow; the resume step continues or starts over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/step.h"

extern const struct kp_step kp_step_summary;
extern const struct kp_step kp_step_choose_path;
extern const struct kp_step kp_step_resume;

static int form_has_text(const struct kp_form *f, const char *needle)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct kp_widget *w = &f->w[i];
		if (w->text && strstr(w->text, needle))
			return 1;
		for (size_t c = 0; w->kind == KP_W_TABLE && c < w->n_rows * w->n_cols; c++)
			if (strstr(w->cells[c], needle))
				return 1;
	}
	return 0;
}

static void test_summary_afas(void **s)
{
	(void)s;
	struct kp_app app;
	kp_app_init(&app);
	app.state.root = NULL;
	kp_state_set_str(&app.state, "wizard.path", "afas");
	kp_state_set_str(&app.state, "afas.customer", "12345");
	kp_state_set_str(&app.state, "afas.environment", "test");
	const char *c[] = {"BP_Medewerkers", "BP_Werkgever"};
	kp_state_set_strv(&app.state, "afas.connectors", c, 2);
	struct kp_form f;
	kp_form_init(&f);
	kp_step_summary.enter(&app, &f);
	assert_true(form_has_text(&f, "12345 (test)"));
	assert_true(form_has_text(&f, "www.asr.nl/salarisverwerkers"));
	assert_true(form_has_text(&f, "www.asr.nl/salariskoppeling"));
	assert_false(form_has_text(&f, "Ophalen gegevens"));
	assert_false(form_has_text(&f, "Nothing was set up"));
	struct kp_error err = {0};
	assert_int_equal(kp_step_summary.submit(&app, &f, &err), KP_FINISH);
	kp_form_clear(&f);
	kp_app_free(&app);
}

static void test_summary_loket_and_empty(void **s)
{
	(void)s;
	struct kp_app app;
	kp_app_init(&app);
	struct kp_form f;
	kp_form_init(&f);
	kp_step_summary.enter(&app, &f);
	assert_true(form_has_text(&f, "Nothing was set up"));
	kp_form_clear(&f);
	kp_state_set_str(&app.state, "wizard.path", "loket");
	const char *ids[] = {"20720", "b14acd0d-75d7-4fc8-8b22-4a3924585cab"};
	kp_state_set_strv(&app.state, "loket.employers", ids, 2);
	kp_step_summary.enter(&app, &f);
	assert_true(form_has_text(&f, "20720, b14acd0d"));
	assert_true(form_has_text(&f, "Ophalen gegevens"));
	assert_false(form_has_text(&f, "www.asr.nl/salarisverwerkers"));
	kp_form_clear(&f);
	kp_app_free(&app);
}

/* A failing step is named in the summary until it passes again; the
 * environment is shown in the reader's language. */
static void test_summary_failed_steps(void **s)
{
	(void)s;
	struct kp_app app;
	kp_app_init(&app);
	kp_state_set_str(&app.state, "wizard.path", "afas");
	kp_state_set_str(&app.state, "afas.customer", "23456");
	kp_state_set_str(&app.state, "afas.environment", "accept");
	kp_app_step_result(&app, "AFAS: connectors assigned", 1);
	kp_app_step_result(&app, "AFAS: test sync", 1);
	kp_app_step_result(&app, "AFAS: test sync", 1); /* twice: listed once */
	assert_int_equal(app.checks_failed, 2);
	struct kp_form f;
	kp_form_init(&f);
	kp_step_summary.enter(&app, &f);
	assert_true(form_has_text(&f, "failing check"));
	assert_true(form_has_text(&f, "AFAS: connectors assigned"));
	assert_true(form_has_text(&f, "AFAS: test sync"));
	kp_form_clear(&f);

	kp_app_step_result(&app, "AFAS: connectors assigned", 0); /* fixed */
	assert_int_equal(app.checks_failed, 1);
	kp_step_summary.enter(&app, &f);
	assert_false(form_has_text(&f, "AFAS: connectors assigned"));
	assert_true(form_has_text(&f, "AFAS: test sync"));
	kp_form_clear(&f);
	kp_app_step_result(&app, "AFAS: test sync", 0);
	assert_int_equal(app.checks_failed, 0);
	kp_step_summary.enter(&app, &f);
	assert_false(form_has_text(&f, "failing check"));
	kp_form_clear(&f);

	kp_i18n_init("nl");
	kp_step_summary.enter(&app, &f);
	assert_true(form_has_text(&f, "23456 (acceptatie)"));
	kp_form_clear(&f);
	kp_i18n_init("en");
	kp_app_free(&app);
}

static void test_choose_and_resume(void **s)
{
	(void)s;
	struct kp_app app;
	kp_app_init(&app);
	struct kp_form f;
	struct kp_error err = {0};
	kp_form_init(&f);
	kp_step_choose_path.enter(&app, &f);
	assert_int_equal(kp_form_set_value(&f, "path", "loket"), 0);
	assert_int_equal(kp_step_choose_path.submit(&app, &f, &err), KP_NEXT);
	assert_string_equal(app.flow_id, "loket");
	assert_string_equal(kp_state_get_str(&app.state, "wizard.path"), "loket");
	kp_form_clear(&f);

	app.resume_flow = "afas";
	app.resume_index = 4;
	app.resume_title = "AFAS: App Connector token";
	app.flow_id = "start";
	app.step_index = 0;
	kp_step_resume.enter(&app, &f);
	assert_true(form_has_text(&f, "step 5"));
	assert_int_equal(kp_form_set_value(&f, "resume", "restart"), 0);
	kp_step_resume.submit(&app, &f, &err);
	assert_string_equal(app.flow_id, "start");
	assert_int_equal(app.step_index, 0);
	assert_int_equal(kp_form_set_value(&f, "resume", "continue"), 0);
	kp_step_resume.submit(&app, &f, &err);
	assert_string_equal(app.flow_id, "afas");
	assert_int_equal(app.step_index, 4);
	kp_form_clear(&f);
	kp_app_free(&app);
}

int main(void)
{
	unsetenv("LANGUAGE");
	kp_i18n_init("en");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_afas),
		cmocka_unit_test(test_summary_loket_and_empty),
		cmocka_unit_test(test_summary_failed_steps),
		cmocka_unit_test(test_choose_and_resume),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
