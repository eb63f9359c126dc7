/* gallery.c — every widget of the TUI in a small flow, for the end-to-end
 * tests (tmux's regress manner: drive the real frontend, read the screen).
 * The last step prints what the steps received, so a test sees that the
 * edits reached submit(). Usage: koppel-tui-gallery [all|table|task|long] [ENV]
 * [plain] — "plain" runs the same flow in the line frontend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/secure.h"
#include "koppel/wizard.h"
#include "../../src/plain/plain.h"
#include "../../src/tui/tui.h"

/* What the steps received (a test program: one run, one result). */
static struct {
	char name[256], number[32], file[1024], note[4096], items[64], color[16];
	size_t token_len;
	int task_done;
} got;

static void fields_enter(struct kp_app *app, struct kp_form *f)
{
	static const char *const sugg[] = {"/etc/hostname", "/etc/hosts"};

	(void)app;
	kp_form_text(f, 0, "Gallery of widgets for the end-to-end tests.");
	kp_form_input(f, "name", "Name", NULL, 200, 0);
	kp_form_secret(f, "token", "Token", 100, KP_WF_COPYABLE);
	kp_form_input(f, "number", "Number", NULL, 9, KP_WF_DIGITS | KP_WF_OPTIONAL);
	kp_form_input(f, "note", "Note", NULL, 0, KP_WF_OPTIONAL);
	kp_form_path(f, "file", "File", NULL, sugg, 2);
}

static enum kp_next fields_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	const char *name = kp_form_value(f, "name"), *tok = kp_form_value(f, "token");

	(void)app;
	if (!name || !name[0]) {
		kp_error_set(err, KP_ERR_USAGE, "Type a name in the first field.",
			     "Name is empty.");
		/* like a real step: the focus goes to the field to fix */
		f->focus = (int)(kp_form_find(f, "name") - f->w);
		return KP_STAY;
	}
	snprintf(got.name, sizeof got.name, "%s", name);
	got.token_len = tok ? strlen(tok) : 0;
	snprintf(got.number, sizeof got.number, "%s", kp_form_value(f, "number") ?: "");
	snprintf(got.note, sizeof got.note, "%s", kp_form_value(f, "note") ?: "");
	snprintf(got.file, sizeof got.file, "%s", kp_form_value(f, "file") ?: "");
	return KP_NEXT;
}

static void choices_enter(struct kp_app *app, struct kp_form *f)
{
	static const char *const ids[] = {"alpha", "beta", "gamma"};
	static const char *const labels[] = {"Alpha", "Beta", "Gamma"};
	static const char *const cids[] = {"red", "green", "blue"};
	static const char *const clabels[] = {"Red", "Green", "Blue"};
	static const int checked[] = {0, 1, 0};

	(void)app;
	kp_form_checklist(f, "items", "Items", ids, labels, 3, checked);
	kp_form_choice(f, "color", "Colour", cids, clabels, 3, 0);
}

static enum kp_next choices_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	static const char *const ids[] = {"alpha", "beta", "gamma"};
	size_t i;

	(void)app;
	(void)err;
	got.items[0] = '\0';
	for (i = 0; i < 3; i++)
		if (kp_form_checked(f, "items", i))
			snprintf(got.items + strlen(got.items),
				 sizeof got.items - strlen(got.items), "%s%s",
				 got.items[0] ? "," : "", ids[i]);
	snprintf(got.color, sizeof got.color, "%s", kp_form_value(f, "color") ?: "");
	return KP_NEXT;
}

static void table_enter(struct kp_app *app, struct kp_form *f)
{
	static const char *const h[] = {"Check", "Result", "Remedy"};
	struct kp_widget *t;
	const char *r1[] = {"Token", "accepted", ""};
	const char *r2[] = {"Certificate", "expires in 20 days",
			    "Renew it before it expires; the connection stops on the day it does, "
			    "and nobody is warned by the server."};
	const char *r3[] = {"Connector", "missing", "Import the connector ZIP again."};
	char line[64];
	int i;

	(void)app;
	t = kp_form_table(f, "checks", 3, h);
	kp_table_add_row(t, KP_ST_OK, r1);
	kp_table_add_row(t, KP_ST_WARN, r2);
	kp_table_add_row(t, KP_ST_FAIL, r3);
	for (i = 1; i <= 40; i++)
		kp_form_text(f, 0, "filler line %d", i);
	snprintf(line, sizeof line, "LAST ROW");
	kp_form_text(f, KP_WF_EMPHASIS, "%s", line);
}

static void task_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	if (got.task_done)
		kp_form_set_notice(f, KP_ST_OK, "Task finished: 200 rows.");
	kp_form_text(f, 0, "Press Enter to run the task (about 4 seconds).");
}

static enum kp_next task_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app;
	(void)f;
	(void)err;
	return got.task_done ? KP_NEXT : KP_RUN_TASK;
}

static enum kp_err task_run(struct kp_app *app, const struct kp_progress *p, struct kp_error *err)
{
	const struct timespec ts = {0, 20 * 1000 * 1000};
	char label[64];
	unsigned long i;

	(void)app;
	for (i = 1; i <= 200; i++) {
		if (kp_progress_cancelled(p))
			return kp_error_set(err, KP_ERR_CANCELLED, NULL, "Cancelled.");
		nanosleep(&ts, NULL);
		snprintf(label, sizeof label, "row %lu", i);
		kp_progress_report(p, i, 200, label);
	}
	got.task_done = 1;
	return KP_OK;
}

static void result_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	kp_form_text(f, KP_WF_MONO,
		     "name=%s\ntoken_len=%zu\nnumber=%s\nfile=%s\nnote_len=%zu\n"
		     "items=%s\ncolor=%s",
		     got.name, got.token_len, got.number, got.file, strlen(got.note), got.items,
		     got.color);
}

static enum kp_next result_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	(void)app;
	(void)f;
	(void)err;
	return KP_FINISH;
}

/* A form taller than the screen whose check sends the focus back up to a
 * field scrolled out of view (the "long" flow). */
static void long_enter(struct kp_app *app, struct kp_form *f)
{
	(void)app;
	kp_form_text(f, 0, "A form taller than the screen.");
	kp_form_input(f, "first", "First field", NULL, 100, 0);
	for (int i = 0; i < 8; i++) {
		char id[16], label[32];
		snprintf(id, sizeof id, "more%d", i);
		snprintf(label, sizeof label, "Optional field %d", i + 1);
		kp_form_input(f, id, label, NULL, 100, KP_WF_OPTIONAL);
	}
}

static enum kp_next long_submit(struct kp_app *app, struct kp_form *f, struct kp_error *err)
{
	const char *first = kp_form_value(f, "first");

	(void)app;
	if (first && first[0])
		return KP_FINISH;
	kp_error_set(err, KP_ERR_USAGE, "Fill in the first field.", "The first field is empty.");
	f->focus = (int)(kp_form_find(f, "first") - f->w);
	return KP_STAY;
}

static const struct kp_step long_form = {
    .id = "long", .title = "Long form", .enter = long_enter, .submit = long_submit};

static const struct kp_step fields = {.id = "fields",
				      .title = "Fields",
				      .help = "Type in the fields.",
				      .enter = fields_enter,
				      .submit = fields_submit};
static const struct kp_step choices = {
    .id = "choices", .title = "Choices", .enter = choices_enter, .submit = choices_submit};
static const struct kp_step table = {.id = "table", .title = "Table", .enter = table_enter};
static const struct kp_step task = {.id = "task",
				    .title = "Task",
				    .enter = task_enter,
				    .submit = task_submit,
				    .task = task_run,
				    .task_label = "Counting rows"};
static const struct kp_step result = {
    .id = "result", .title = "Result", .enter = result_enter, .submit = result_submit};

static const struct kp_step *const all_steps[] = {&fields, &choices, &table, &task, &result};
static const struct kp_step *const table_steps[] = {&table, &result};
static const struct kp_step *const task_steps[] = {&task, &result};
static const struct kp_flow all_flow = {"all", all_steps, 5};
static const struct kp_flow table_flow = {"table", table_steps, 2};
static const struct kp_flow task_flow = {"task", task_steps, 2};
static const struct kp_step *const long_steps[] = {&long_form};
static const struct kp_flow long_flow = {"long", long_steps, 1};

static const struct kp_flow *get(const char *id)
{
	if (id && strcmp(id, "table") == 0)
		return &table_flow;
	if (id && strcmp(id, "task") == 0)
		return &task_flow;
	if (id && strcmp(id, "all") == 0)
		return &all_flow;
	if (id && strcmp(id, "long") == 0)
		return &long_flow;
	return NULL;
}

int main(int argc, char **argv)
{
	struct kp_flow_table flows = {get, "all", NULL};
	struct kp_frontend fe = {0};
	struct kp_error err = {0};
	struct kp_app app;
	int code;

	kp_i18n_init(NULL);
	kp_app_init(&app);
	app.no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	if (argc > 1)
		flows.start = argv[1];
	if (argc > 2) {
		snprintf(app.environment, sizeof app.environment, "%s", argv[2]);
		app.ep.sandbox = strcmp(argv[2], "sandbox") == 0;
	}
	int plain = argc > 3 && strcmp(argv[3], "plain") == 0;
	if (plain)
		kp_plain_open(&app, &fe, stdin, stdout);
	else if (kp_tui_open(&app, &fe, &err) != KP_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	code = kp_wizard_run(&app, &fe, &flows);
	if (plain)
		kp_plain_close(&fe);
	else
		kp_tui_close(&fe);
	kp_app_free(&app);
	return code;
}
