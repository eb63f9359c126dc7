/* test_wizard.c — step navigation through a fake frontend: next, back,
 * staying with an error, tasks, goto, quit, the saved position, resume, and
 * the real flows' choose-path switch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "flow.h"
#include "koppel/app.h"
#include "koppel/wizard.h"

/* ---- a scripted frontend ---- */
struct fake {
	const enum kp_action *script;
	const char *const *values; /* per interact: "id=value" or NULL */
	size_t n, pos;
	char seen[32][64];         /* step ids in order of interact calls */
	char errors[32][512];      /* form error shown at each call */
	int tasks_run;
};

static enum kp_action fake_interact(void *priv, struct kp_app *app, const struct kp_step *step,
				    size_t index, size_t count, struct kp_form *form)
{
	struct fake *f = priv;
	(void)app, (void)index, (void)count;
	if (f->pos >= f->n) {
		for (size_t i = 0; i < f->n; i++)
			fprintf(stderr, "seen[%zu] = %s\n", i, f->seen[i]);
		fail_msg("the wizard asked more than the script has (now at %s)", step->id);
	}
	snprintf(f->seen[f->pos], sizeof f->seen[0], "%s", step->id);
	snprintf(f->errors[f->pos], sizeof f->errors[0], "%s", form->error);
	const char *v = f->values ? f->values[f->pos] : NULL;
	if (v) {
		char id[64];
		const char *eq = strchr(v, '=');
		snprintf(id, sizeof id, "%.*s", (int)(eq - v), v);
		assert_int_equal(kp_form_set_value(form, id, eq + 1), 0);
	}
	return f->script[f->pos++];
}

static enum kp_err fake_run_task(void *priv, struct kp_app *app, const struct kp_step *step,
				 struct kp_error *err)
{
	struct fake *f = priv;
	f->tasks_run++;
	return kp_wizard_run_task_sync(app, step, NULL, err);
}

static int fake_confirm(void *priv, struct kp_app *app, const char *q)
{
	(void)priv, (void)app, (void)q;
	return 1;
}

/* ---- test steps ---- */
static int task_calls;

static void a_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	kp_form_input(f, "name", "Name", "", 0, 0);
}

static enum kp_next a_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app;
	const char *v = kp_form_value(f, "name");
	if (!v || !*v) {
		kp_error_set(err, KP_ERR_USAGE, "Type a name.", "The name is empty.");
		return KP_STAY;
	}
	return KP_NEXT;
}

static enum kp_err b_task(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	(void)app, (void)p;
	task_calls++;
	if (task_calls == 1)
		return kp_error_set(err, KP_ERR_AUTH, "Check the token.", "Token refused.");
	return KP_OK;
}

static enum kp_next b_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app, (void)f, (void)err;
	return task_calls >= 2 ? KP_NEXT : KP_RUN_TASK;
}

static int c_submits;

/* c jumps back to a the first time it is submitted, then moves on. */
static enum kp_next c_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app, (void)err;
	if (c_submits++ > 0)
		return KP_NEXT;
	snprintf(f->goto_id, sizeof f->goto_id, "a");
	return KP_GOTO;
}

static const struct kp_step step_a = {.id = "a", .title = "A", .enter = a_enter, .submit = a_submit};
static const struct kp_step step_b = {.id = "b", .title = "B", .submit = b_submit, .task = b_task};
static const struct kp_step step_c = {.id = "c", .title = "C", .submit = c_submit};
static const struct kp_step step_d = {.id = "d", .title = "D"};
static const struct kp_step step_resume = {.id = "resume", .title = "R"};

static const struct kp_step *const t_steps[] = {&step_a, &step_b, &step_c, &step_d};
static const struct kp_flow t_flow = {"t", t_steps, 4};
static const struct kp_flow *t_get(const char *id)
{
	return id && strcmp(id, "t") == 0 ? &t_flow : NULL;
}
static const struct kp_flow_table t_table = {.get = t_get, .start = "t", .resume = &step_resume};

static char tmpdir[128];

static int setup(void **s)
{
	(void)s;
	task_calls = 0;
	c_submits = 0;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/kp-wiz-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static void new_app(struct kp_app *app)
{
	char path[256];
	struct kp_error err = {0};
	kp_app_init(app);
	snprintf(path, sizeof path, "%s/koppel.json", tmpdir);
	assert_int_equal(kp_state_load(&app->state, path, &err), KP_OK);
}

static void test_navigation(void **s)
{
	(void)s;
	struct kp_app app;
	new_app(&app);
	/* a: empty submit → stays with an error; then a name; b: runs its task
	 * (fails first, error shown), F5 reruns (ok), next; c: goto a; a: back
	 * is ignored at the first step... then quit. */
	const enum kp_action script[] = {
		KP_ACT_SUBMIT, KP_ACT_SUBMIT, /* a: empty, then with a value */
		KP_ACT_SUBMIT,                /* b: submit → task (fails) */
		KP_ACT_RERUN,                 /* b: F5 → task (ok) */
		KP_ACT_SUBMIT,                /* b: next */
		KP_ACT_BACK,                  /* c: back to b */
		KP_ACT_SUBMIT,                /* b: next (task done already) */
		KP_ACT_SUBMIT,                /* c: goto a */
		KP_ACT_QUIT,                  /* a: quit */
	};
	const char *const values[] = {NULL, "name=Jan", NULL, NULL, NULL, NULL, NULL, NULL, NULL};
	struct fake f = {script, values, sizeof script / sizeof script[0], 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe = {&f, fake_interact, fake_run_task, fake_confirm};

	int code = kp_wizard_run(&app, &fe, &t_table);
	assert_int_equal(code, 1); /* quit = aborted */
	assert_int_equal(f.pos, f.n);
	const char *expect[] = {"a", "a", "b", "b", "b", "c", "b", "c", "a"};
	for (size_t i = 0; i < f.n; i++)
		assert_string_equal(f.seen[i], expect[i]);
	assert_string_equal(f.errors[1], "The name is empty.");
	assert_string_equal(f.errors[3], "Token refused."); /* task error shown after it ran */
	assert_string_equal(f.errors[4], "");              /* gone after a good run */
	assert_int_equal(f.tasks_run, 2);
	/* The position is on disk: step a of flow t. */
	kp_state_free(&app.state);
	struct kp_error err = {0};
	char path[256];
	snprintf(path, sizeof path, "%s/koppel.json", tmpdir);
	assert_int_equal(kp_state_load(&app.state, path, &err), KP_OK);
	assert_string_equal(kp_state_get_str(&app.state, "wizard.step"), "a");
	assert_string_equal(kp_state_get_str(&app.state, "wizard.flow"), "t");
	kp_app_free(&app);
}

/* A step with screens of its own (like the consent step's ways): Esc on its
 * second screen goes back to its first, Esc there to the previous step. */
static int two_screens_inner; /* 1: on the second screen */
static int two_screens_enters;
static void two_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	two_screens_enters++;
	kp_form_text(f, 0, "%s", two_screens_inner ? "second" : "first");
}
static enum kp_next two_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app, (void)f, (void)err;
	if (two_screens_inner)
		return KP_NEXT;
	two_screens_inner = 1;
	snprintf(f->goto_id, sizeof f->goto_id, "%s", "two");
	return KP_GOTO;
}
static int two_back(struct kp_app *app)
{
	(void)app;
	if (!two_screens_inner)
		return 0;
	two_screens_inner = 0;
	return 1;
}
static const struct kp_step step_two = {
    .id = "two", .title = "Two", .enter = two_enter, .submit = two_submit, .back = two_back};
static const struct kp_step *const b_steps[] = {&step_d, &step_two, &step_c};
static const struct kp_flow b_flow = {"t", b_steps, 3};
static const struct kp_flow *b_get(const char *id)
{
	return strcmp(id, "t") == 0 ? &b_flow : NULL;
}
static const struct kp_flow_table b_table = {.get = b_get, .start = "t", .resume = &step_resume};

static void test_back_inside_a_step(void **s)
{
	(void)s;
	struct kp_app app;
	new_app(&app);
	two_screens_inner = 0;
	two_screens_enters = 0;
	const enum kp_action script[] = {
	    KP_ACT_SUBMIT, /* d → two (first screen) */
	    KP_ACT_SUBMIT, /* two: first → second screen */
	    KP_ACT_BACK,   /* two, second: back to its first screen */
	    KP_ACT_BACK,   /* two, first: back to d */
	    KP_ACT_QUIT,   /* d */
	};
	struct fake f = {script, NULL, sizeof script / sizeof script[0], 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe = {&f, fake_interact, fake_run_task, fake_confirm};
	assert_int_equal(kp_wizard_run(&app, &fe, &b_table), 1);
	const char *expect[] = {"d", "two", "two", "two", "d"};
	for (size_t i = 0; i < f.n; i++)
		assert_string_equal(f.seen[i], expect[i]);
	assert_int_equal(two_screens_inner, 0);
	assert_int_equal(two_screens_enters, 3); /* first, second, first again */
	kp_app_free(&app);
}

static void test_finish_and_resume(void **s)
{
	(void)s;
	struct kp_app app;
	new_app(&app);
	/* Stop at c by an interrupt. */
	task_calls = 1; /* b's task succeeds */
	const enum kp_action s1[] = {KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_INTERRUPT};
	const char *const v1[] = {"name=Jan", NULL, NULL, NULL};
	struct fake f1 = {s1, v1, 4, 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe1 = {&f1, fake_interact, fake_run_task, fake_confirm};
	assert_int_equal(kp_wizard_run(&app, &fe1, &t_table), 1);
	assert_string_equal(f1.seen[3], "c");
	/* The position on disk says where it stopped. */
	assert_string_equal(kp_state_get_str(&app.state, "wizard.step"), "c");
	assert_int_equal(kp_state_get_bool(&app.state, "wizard.finished", 1), 0);
	kp_app_free(&app);
}

static enum kp_next resume_continue(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)f, (void)err;
	app->flow_id = app->resume_flow;
	app->step_index = app->resume_index;
	return KP_NEXT;
}

static void test_resume_continues(void **s)
{
	(void)s;
	struct kp_app app;
	new_app(&app);
	kp_state_set_str(&app.state, "wizard.flow", "t");
	kp_state_set_str(&app.state, "wizard.step", "c");
	const struct kp_step resume = {.id = "resume", .title = "R", .submit = resume_continue};
	const struct kp_flow_table table = {.get = t_get, .start = "t", .resume = &resume};
	/* resume → c; c goto a; a (value) → b → task ok → c → d → end */
	task_calls = 1;
	const enum kp_action sc[] = {KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_SUBMIT,
				     KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_SUBMIT};
	const char *const v[] = {NULL, NULL, "name=Piet", NULL, NULL, NULL, NULL};
	struct fake f = {sc, v, 7, 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe = {&f, fake_interact, fake_run_task, fake_confirm};
	assert_int_equal(kp_wizard_run(&app, &fe, &table), 0);
	const char *expect[] = {"resume", "c", "a", "b", "b", "c", "d"};
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(f.seen[i], expect[i]);
	assert_int_equal(kp_state_get_bool(&app.state, "wizard.finished", 0), 1);
	kp_app_free(&app);

	/* A finished run offers no resume. */
	new_app(&app);
	const enum kp_action s2[] = {KP_ACT_QUIT};
	struct fake f2 = {s2, NULL, 1, 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe2 = {&f2, fake_interact, fake_run_task, fake_confirm};
	assert_int_equal(kp_wizard_run(&app, &fe2, &table), 1);
	assert_string_equal(f2.seen[0], "a");
	kp_app_free(&app);
}

static void test_real_flows_choose_path(void **s)
{
	(void)s;
	struct kp_app app;
	new_app(&app);
	/* welcome → choose (Loket) → the Loket flow's third step; Esc → choose;
	 * choose AFAS → the AFAS flow's third step; quit. */
	const enum kp_action sc[] = {KP_ACT_SUBMIT, KP_ACT_SUBMIT, KP_ACT_BACK, KP_ACT_SUBMIT,
				     KP_ACT_QUIT};
	const char *const v[] = {NULL, "path=loket", NULL, "path=afas", NULL};
	struct fake f = {sc, v, 5, 0, {{0}}, {{0}}, 0};
	struct kp_frontend fe = {&f, fake_interact, fake_run_task, fake_confirm};
	assert_int_equal(kp_wizard_run(&app, &fe, &kp_flows), 1);
	assert_string_equal(f.seen[0], "welcome");
	assert_string_equal(f.seen[1], "choose-path");
	assert_string_equal(f.seen[3], "choose-path");
	assert_string_equal(kp_state_get_str(&app.state, "wizard.flow"), "afas");
	const struct kp_flow *loket = kp_flows.get("loket");
	const struct kp_flow *afas = kp_flows.get("afas");
	assert_non_null(loket);
	assert_non_null(afas);
	assert_string_equal(f.seen[2], loket->steps[2]->id);
	assert_string_equal(f.seen[4], afas->steps[2]->id);
	/* Every flow starts alike and ends with the summary. */
	const char *ids[] = {"afas", "loket", "doctor"};
	for (int i = 0; i < 3; i++) {
		const struct kp_flow *fl = kp_flows.get(ids[i]);
		assert_string_equal(fl->steps[0]->id, "welcome");
		assert_string_equal(fl->steps[1]->id, "choose-path");
		assert_string_equal(fl->steps[fl->n - 1]->id, "summary");
	}
	kp_app_free(&app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_navigation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_finish_and_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_inside_a_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_continues, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_flows_choose_path, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
