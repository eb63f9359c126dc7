/* sandbox_signin.c — `koppel demo` only: sign in on the sandbox's own
 * Loket.nl pages from the terminal, for a demo on a machine without a
 * browser (a server over SSH, where the sandbox's 127.0.0.1 cannot be
 * reached from the person's own browser). It posts the login form and the
 * consent form as a browser would and returns the address the browser
 * would end on; the wizard then takes that exactly like a pasted one.
 * The wizard offers it only against the sandbox, never the real Loket.nl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "koppel/app.h"
#include "koppel/http.h"
#include "koppel/i18n.h"
#include "koppel/loket.h"
#include "koppel/secure.h"

/* POST a form (body, NULL = out of memory building it) to {oauth}/page. */
static enum kp_err post_form(struct kp_app *app, const char *page, const char *body,
			     struct kp_http_response *resp, struct kp_error *err)
{
	static const char *const headers[] = {"Content-Type: application/x-www-form-urlencoded",
					      NULL};
	char *url = NULL;
	enum kp_err rc;
	if (!body || asprintf(&url, "%s/%s", app->ep.loket_oauth_url, page) < 0)
		return kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
	struct kp_http_request req = {"POST", url, headers, body, strlen(body)};
	rc = kp_http_do(&app->http, &req, resp, err);
	free(url);
	return rc;
}

/* The value of the hidden field "session" of the consent page, or "". */
static void session_of(const char *html, char *out, size_t outlen)
{
	static const char key[] = "name=\"session\" value=\"";
	const char *p = html ? strstr(html, key) : NULL;
	size_t n;
	out[0] = '\0';
	if (!p)
		return;
	p += sizeof key - 1;
	n = strcspn(p, "\"");
	if (n < outlen && n == strspn(p, "0123456789abcdefABCDEF"))
		snprintf(out, outlen, "%.*s", (int)n, p);
}

enum kp_err kp_loket_sandbox_signin(struct kp_app *app, const char *user, const char *password,
				    int allow, char **landing, struct kp_error *err)
{
	struct kp_loket_ctx *ctx = app->loket;
	struct kp_http_response resp = {0};
	char *body = NULL, *eu = NULL, *ep = NULL, sid[80];
	const char *query = ctx && ctx->authorize_url ? strchr(ctx->authorize_url, '?') : NULL;
	enum kp_err rc;

	*landing = NULL;
	if (!app->ep.sandbox || !query)
		return kp_error_set(err, KP_ERR_INTERNAL, NULL, "%s",
				    _("Signing in from the terminal works only with the sandbox."));
	/* the login form's hidden fields are the authorize parameters */
	eu = kp_http_escape(user);
	ep = kp_http_escape(password);
	if (!eu || !ep || asprintf(&body, "%s&username=%s&password=%s", query + 1, eu, ep) < 0)
		body = NULL;
	rc = post_form(app, "login", body, &resp, err);
	if (rc)
		goto out;
	session_of(resp.body, sid, sizeof sid);
	if (resp.status == 403) {
		rc = kp_error_set(err, KP_ERR_AUTH,
				  _("Sign in with a normal user, such as demo or beperkt."),
				  "%s", _("This is a webservice user: it cannot sign in or give "
					  "consent."));
		goto out;
	}
	if (resp.status != 200 || !sid[0]) {
		int login_again = resp.body && strstr(resp.body, "name=\"password\"");
		rc = kp_error_set(err, KP_ERR_AUTH,
				  login_again ? _("The demo users and their passwords are on the "
						  "welcome screen.")
					      : _("Start the consent again."),
				  "%s",
				  login_again ? _("The sandbox does not know this user name and "
						  "password.")
					      : _("The sandbox did not show its consent page."));
		goto out;
	}
	kp_http_response_free(&resp);
	kp_secret_free(body);
	if (asprintf(&body, "session=%s&decision=%s", sid, allow ? "allow" : "deny") < 0)
		body = NULL;
	rc = post_form(app, "consent", body, &resp, err);
	if (rc)
		goto out;
	if (resp.status != 302 || !resp.location[0]) {
		rc = kp_error_set(err, KP_ERR_HTTP, _("Start the consent again."),
				  _("The sandbox did not send the browser back (HTTP %ld)."),
				  resp.status);
		goto out;
	}
	*landing = kp_secret_dup(resp.location);
	if (!*landing)
		rc = kp_error_set(err, KP_ERR_NOMEM, NULL, "%s", _("Out of memory."));
out:
	kp_http_response_free(&resp);
	kp_secret_free(body);
	kp_secret_free(ep);
	free(eu);
	return rc;
}
