/* main.c — arguments, subcommands and exit codes (0 finished, 1 a check
 * failed or the user aborted, 2 usage error). Global options may stand
 * anywhere on the line; they are taken out before a subcommand sees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../plain/plain.h"
#include "../tui/tui.h"
#include "commands.h"
#include "flow.h"
#include "koppel/app.h"
#include "koppel/i18n.h"
#include "koppel/sandbox_child.h"
#include "koppel/secure.h"
#include "koppel/wizard.h"

struct options {
	int plain;
	int help;
	int version;
	const char *lang;
	const char *sandbox_info;
	const char *afas_url;
	const char *loket_oauth_url;
	const char *loket_api_url;
	const char *ca_file;
};

/* After a usage error: one line to the full text, so the error itself
 * stays on screen rather than scrolling away above the help. */
static void try_help(void)
{
	fprintf(stderr, "%s\n", _("Try 'koppel --help' for the commands and options."));
}

static void usage(FILE *o)
{
	fprintf(o, "%s", _("Usage: koppel [OPTION]... [COMMAND [ARG]...]\n"
			   "Set up, test and diagnose the payroll connection with Benefits-Plaza.\n"
			   "\n"
			   "Commands:\n"
			   "  (none)                 the wizard\n"
			   "  demo                   the wizard against the built-in sandbox\n"
			   "  afas inspect ZIP [--json]\n"
			   "                         list the connectors in a connector ZIP\n"
			   "  afas check --customer N --env production|test|accept\n"
			   "             [--token-file FILE|-] [--zip ZIP] [--save] [--json]\n"
			   "                         check an App Connector token and connectors\n"
			   "  loket login [--employer ID]... [--no-browser|--manual-tokens]\n"
			   "                         give (or renew) the Loket.nl consent\n"
			   "  loket rights [--employer ID]... [--json]\n"
			   "                         the rights matrix per employer\n"
			   "  sync --test [--json]   a test sync of the configured connections\n"
			   "\n"
			   "Options:\n"
			   "  --plain                line-by-line prompts instead of the full screen\n"
			   "  --lang nl|en           language (default: from LANGUAGE/LANG)\n"
			   "  --sandbox-info FILE    talk to a koppel-sandbox described by FILE\n"
			   "  --afas-url URL         AFAS base URL, {id} = participant number\n"
			   "  --loket-oauth-url URL  Loket.nl OAuth server\n"
			   "  --loket-api-url URL    Loket.nl API, up to and including /v2\n"
			   "  --ca-file FILE         also trust this CA (proxy, test server)\n"
			   "  --help                 this text\n"
			   "  --version              the version\n"
			   "\n"
			   "Exit status: 0 finished, 1 a check failed or aborted, 2 usage error.\n"));
}

/* Take the global options out of argv (in place); returns the new argc or
 * -1 on a usage error. */
static int take_globals(int argc, char **argv, struct options *o)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--plain") == 0) {
			o->plain = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			o->help = 1;
			continue;
		}
		if (strcmp(a, "--version") == 0) {
			o->version = 1;
			continue;
		}
		if (strcmp(a, "--lang") == 0)
			dst = &o->lang;
		else if (strcmp(a, "--sandbox-info") == 0)
			dst = &o->sandbox_info;
		else if (strcmp(a, "--afas-url") == 0)
			dst = &o->afas_url;
		else if (strcmp(a, "--loket-oauth-url") == 0)
			dst = &o->loket_oauth_url;
		else if (strcmp(a, "--loket-api-url") == 0)
			dst = &o->loket_api_url;
		else if (strcmp(a, "--ca-file") == 0)
			dst = &o->ca_file;
		if (dst) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("koppel: %s needs a value\n"), a);
				return -1;
			}
			*dst = argv[++i];
			continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

static int apply_endpoints(struct kp_app *app, const struct options *o)
{
	struct kp_error err = {0};
	if (o->sandbox_info &&
	    kp_endpoints_from_sandbox_info(&app->ep, o->sandbox_info, &err) != KP_OK) {
		fprintf(stderr, "koppel: %s\n%s\n", err.msg, err.hint);
		return 2;
	}
	if (app->ep.sandbox)
		snprintf(app->environment, sizeof app->environment, "sandbox");
	if (o->afas_url)
		snprintf(app->ep.afas_url, sizeof app->ep.afas_url, "%s", o->afas_url);
	if (o->loket_oauth_url)
		snprintf(app->ep.loket_oauth_url, sizeof app->ep.loket_oauth_url, "%s",
			 o->loket_oauth_url);
	if (o->loket_api_url)
		snprintf(app->ep.loket_api_url, sizeof app->ep.loket_api_url, "%s", o->loket_api_url);
	if (o->ca_file) {
		if (access(o->ca_file, R_OK) != 0) {
			fprintf(stderr, _("koppel: cannot read the CA file %s\n"), o->ca_file);
			return 2;
		}
		snprintf(app->ep.ca_file, sizeof app->ep.ca_file, "%s", o->ca_file);
	}
	return 0;
}

static int run_wizard(struct kp_app *app, int plain)
{
	struct kp_frontend fe = {0};
	struct kp_error err = {0};
	int code;
	if (!plain && kp_tui_open(app, &fe, &err) != KP_OK) {
		/* No usable terminal: say so and fall back to the line interface. */
		fprintf(stderr, "koppel: %s\n", err.msg);
		plain = 1;
	}
	if (plain) {
		app->plain = 1;
		kp_plain_open(app, &fe, stdin, stdout);
		code = kp_wizard_run(app, &fe, &kp_flows);
		kp_plain_close(&fe);
	} else {
		code = kp_wizard_run(app, &fe, &kp_flows);
		kp_tui_close(&fe);
	}
	return code;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct kp_app app;
	struct kp_error err = {0};
	int code = 0;

	kp_secure_process();
	kp_i18n_init(NULL); /* LANG's language for errors in the options themselves */
	argc = take_globals(argc, argv, &o);
	kp_i18n_init(o.lang);
	if (argc < 0) {
		try_help();
		return 2;
	}
	if (o.lang && strcmp(o.lang, "nl") != 0 && strcmp(o.lang, "en") != 0) {
		fprintf(stderr, "%s\n", _("koppel: --lang takes nl or en"));
		return 2;
	}
	if (o.help) {
		usage(stdout);
		return 0;
	}
	if (o.version) {
		printf("koppel %s\n", KOPPEL_VERSION);
		return 0;
	}

	kp_http_global_init();
	kp_app_init(&app);
	app.no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	if ((code = apply_endpoints(&app, &o)) != 0)
		goto out;

	char path[4096];
	if (kp_state_default_path(path, sizeof path, &err) != KP_OK ||
	    kp_state_load(&app.state, path, &err) != KP_OK) {
		/* A damaged file was moved aside: tell, then go on with empty settings. */
		fprintf(stderr, "koppel: %s\n%s\n", err.msg, err.hint);
		if (!app.state.root) {
			code = 1;
			goto out;
		}
	}

	int plain = o.plain || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO);
	const char *cmd = argc > 1 ? argv[1] : NULL;
	if (!cmd) {
		code = run_wizard(&app, plain);
	} else if (strcmp(cmd, "demo") == 0) {
		if (kp_sandbox_start(&app, &err) != KP_OK) {
			fprintf(stderr, "koppel: %s\n%s\n", err.msg, err.hint);
			code = 1;
			goto out;
		}
		snprintf(app.environment, sizeof app.environment, "sandbox");
		app.demo = 1;
		code = run_wizard(&app, plain);
	} else if (strcmp(cmd, "afas") == 0) {
		code = kp_cmd_afas(&app, argc - 1, argv + 1);
	} else if (strcmp(cmd, "loket") == 0) {
		code = kp_cmd_loket(&app, argc - 1, argv + 1);
	} else if (strcmp(cmd, "sync") == 0) {
		code = kp_cmd_sync(&app, argc - 1, argv + 1);
	} else {
		fprintf(stderr, _("koppel: unknown command \"%s\"\n"), cmd);
		try_help();
		code = 2;
	}
out:
	kp_app_free(&app);
	kp_http_global_cleanup();
	return code;
}
