/* loket_oauth.c — Loket.nl OAuth 2.0 authorization code flow: a Dutch
 * login page, a consent page with "Toestaan" / "Weigeren" (plain HTML forms,
 * no JavaScript), POST /token with PKCE S256, single-use codes, rotating
 * refresh tokens; plus the token store used by the API. */
#include <cjson/cJSON.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loket_users.h"
#include "sandbox.h"

#define PAGE_MAX 8192

struct auth_params {
	char client_id[128];
	char redirect_uri[512];
	char state[256];
	char challenge[128];
	char method[16];
	char scope[64];
	char response_type[32];
};

/* ---- token store ---- */

static const char *new_token(struct sb_server *s, struct sb_token *ring, size_t *next, int user,
			     time_t expires, char *out, size_t outlen)
{
	struct sb_token *t = &ring[*next % SB_MAX_TOKENS];
	(*next)++;
	memset(t, 0, sizeof *t);
	t->used = 1;
	sb_random_hex(t->value, 32);
	t->user = user;
	t->expires = expires;
	snprintf(out, outlen, "%s", t->value);
	(void)s;
	return out;
}

int sb_access_token_user(struct sb_server *s, const char *token)
{
	int user = -1;
	time_t now = time(NULL);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_TOKENS; i++) {
		struct sb_token *t = &s->access[i];
		if (t->used && !t->revoked && t->expires > now && sb_secret_eq(t->value, token)) {
			user = t->user;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	return user;
}

void sb_tokens_expire_access(struct sb_server *s)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_TOKENS; i++)
		s->access[i].expires = 0;
	pthread_mutex_unlock(&s->lock);
}

void sb_tokens_revoke_refresh(struct sb_server *s)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_TOKENS; i++)
		s->refresh[i].revoked = 1;
	pthread_mutex_unlock(&s->lock);
}

/* ---- pages ---- */

static enum MHD_Result page(struct MHD_Connection *c, struct sb_req *r, unsigned status,
			    const char *title, const char *inner)
{
	char *html = malloc(PAGE_MAX * 2);
	if (!html)
		return MHD_NO;
	int n = snprintf(html, PAGE_MAX * 2,
			 "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<title>%s - Loket.nl (sandbox)</title>\n"
			 "<style>body{font-family:sans-serif;max-width:34em;margin:2em auto;padding:0 1em}"
			 "label{display:block;margin-top:1em}input{font-size:1em;padding:.3em;width:100%%}"
			 "button{font-size:1em;margin:1.5em 1em 0 0;padding:.5em 1.5em}"
			 ".note{background:#fff3cd;padding:.5em}.error{color:#a00;font-weight:bold}</style>\n"
			 "</head>\n<body>\n<p class=\"note\">SANDBOX &mdash; dit is de nagebootste "
			 "Loket.nl van koppel-sandbox, niet de echte.</p>\n<h1>%s</h1>\n%s\n</body>\n</html>\n",
			 title, title, inner);
	enum MHD_Result ret = sb_respond(c, r, status, "text/html; charset=utf-8", html,
					 (size_t)(n < PAGE_MAX * 2 ? n : PAGE_MAX * 2 - 1));
	free(html);
	return ret;
}

static enum MHD_Result error_page(struct MHD_Connection *c, struct sb_req *r, unsigned status,
				  const char *text)
{
	char inner[1024], esc[800];
	sb_html_escape(text, esc, sizeof esc);
	snprintf(inner, sizeof inner, "<p class=\"error\">%s</p>", esc);
	return page(c, r, status, "Er ging iets mis", inner);
}

static void hidden(char *out, size_t outlen, const char *name, const char *value)
{
	char esc[1200];
	size_t o = strlen(out);
	sb_html_escape(value, esc, sizeof esc);
	snprintf(out + o, outlen - o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, esc);
}

static enum MHD_Result login_page(struct MHD_Connection *c, struct sb_req *r,
				  const struct auth_params *p, const char *error)
{
	char inner[PAGE_MAX] = "";
	size_t o;
	if (error)
		snprintf(inner, sizeof inner, "<p class=\"error\">%s</p>\n", error);
	o = strlen(inner);
	snprintf(inner + o, sizeof inner - o,
		 "<p>Log in met je Loket.nl-gebruiker om de koppeling toegang te geven.</p>\n"
		 "<form method=\"post\" action=\"/oauth/login\">\n");
	hidden(inner, sizeof inner, "client_id", p->client_id);
	hidden(inner, sizeof inner, "redirect_uri", p->redirect_uri);
	hidden(inner, sizeof inner, "state", p->state);
	hidden(inner, sizeof inner, "code_challenge", p->challenge);
	hidden(inner, sizeof inner, "code_challenge_method", p->method);
	hidden(inner, sizeof inner, "scope", p->scope);
	hidden(inner, sizeof inner, "response_type", p->response_type);
	o = strlen(inner);
	snprintf(inner + o, sizeof inner - o,
		 "<label for=\"username\">Gebruikersnaam</label>\n"
		 "<input id=\"username\" name=\"username\" autocomplete=\"username\" autofocus>\n"
		 "<label for=\"password\">Wachtwoord</label>\n"
		 "<input id=\"password\" name=\"password\" type=\"password\" "
		 "autocomplete=\"current-password\">\n"
		 "<button type=\"submit\" id=\"login\">Inloggen</button>\n</form>\n");
	return page(c, r, 200, "Inloggen bij Loket.nl", inner);
}

static enum MHD_Result consent_page(struct MHD_Connection *c, struct sb_req *r,
				    const char *session, int user)
{
	char inner[PAGE_MAX];
	snprintf(inner, sizeof inner,
		 "<p>Je bent ingelogd als <strong>%s</strong>.</p>\n"
		 "<p>De applicatie <strong>koppel (Benefits-Plaza)</strong> vraagt toegang tot de "
		 "gegevens van de werkgevers waar jij bij kunt:</p>\n<ul>\n"
		 "<li>werkgevers en werknemers</li>\n<li>burgerservicenummers (BSN)</li>\n"
		 "<li>dienstverbanden</li>\n<li>beloningen</li>\n<li>variabele gegevens</li>\n"
		 "<li>loonresultaten</li>\n<li>partners en kinderen</li>\n</ul>\n"
		 "<p>De toegang blijft geldig tot je hem intrekt.</p>\n"
		 "<form method=\"post\" action=\"/oauth/consent\">\n"
		 "<input type=\"hidden\" name=\"session\" value=\"%s\">\n"
		 "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Toestaan</button>\n"
		 "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Weigeren</button>\n"
		 "</form>\n",
		 sb_loket_users[user].username, session);
	return page(c, r, 200, "Toestemming geven", inner);
}

/* ---- parameters ---- */

static int loopback_redirect(const char *uri)
{
	static const char *const hosts[] = { "http://127.0.0.1:", "http://localhost:",
					     "http://[::1]:" };
	for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
		size_t n = strlen(hosts[i]);
		if (strncmp(uri, hosts[i], n) != 0)
			continue;
		const char *p = uri + n;
		size_t digits = strspn(p, "0123456789");
		if (digits == 0 || digits > 5 || atoi(p) > 65535)
			return 0;
		return p[digits] == '\0' || p[digits] == '/';
	}
	return 0;
}

static void get_arg(struct MHD_Connection *c, struct sb_req *r, const char *key, char *out,
		    size_t outlen)
{
	out[0] = '\0';
	if (r->body) {
		if (sb_form_get(r->body, key, out, outlen) != 0)
			out[0] = '\0';
		return;
	}
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
	if (v)
		snprintf(out, outlen, "%s", v);
}

static void read_params(struct MHD_Connection *c, struct sb_req *r, struct auth_params *p)
{
	get_arg(c, r, "client_id", p->client_id, sizeof p->client_id);
	get_arg(c, r, "redirect_uri", p->redirect_uri, sizeof p->redirect_uri);
	get_arg(c, r, "state", p->state, sizeof p->state);
	get_arg(c, r, "code_challenge", p->challenge, sizeof p->challenge);
	get_arg(c, r, "code_challenge_method", p->method, sizeof p->method);
	get_arg(c, r, "scope", p->scope, sizeof p->scope);
	get_arg(c, r, "response_type", p->response_type, sizeof p->response_type);
}

static enum MHD_Result redirect(struct MHD_Connection *c, struct sb_req *r, const char *uri,
				const char *k1, const char *v1, const char *state)
{
	char loc[2048];
	snprintf(loc, sizeof loc, "%s%s%s=", uri, strchr(uri, '?') ? "&" : "?", k1);
	sb_url_encode_append(loc, sizeof loc, v1);
	if (state && *state) {
		size_t n = strlen(loc);
		snprintf(loc + n, sizeof loc - n, "&state=");
		sb_url_encode_append(loc, sizeof loc, state);
	}
	return sb_respond_hdr(c, r, 302, "text/plain; charset=utf-8", "Doorsturen\n", 11,
			      MHD_HTTP_HEADER_LOCATION, loc);
}

/* Validate client and redirect first (an error there must not redirect). */
static int check_params(struct sb_server *s, const struct auth_params *p, const char **why,
			const char **redirect_error)
{
	*why = NULL;
	*redirect_error = NULL;
	if (strcmp(p->client_id, s->client_id) != 0) {
		*why = "Onbekende applicatie (client_id). Controleer de client-id in de koppeling.";
		return -1;
	}
	if (!loopback_redirect(p->redirect_uri)) {
		*why = "Deze redirect_uri is niet geregistreerd voor deze applicatie. Alleen "
		       "http://127.0.0.1:POORT/... of http://localhost:POORT/... is toegestaan.";
		return -1;
	}
	if (strcmp(p->response_type, "code") != 0) {
		*redirect_error = "unsupported_response_type";
		return -1;
	}
	if (p->scope[0] && strcmp(p->scope, "all") != 0) {
		*redirect_error = "invalid_scope";
		return -1;
	}
	if (p->challenge[0] && strcmp(p->method, "S256") != 0) {
		*redirect_error = "invalid_request";
		return -1;
	}
	return 0;
}

static enum MHD_Result authorize(struct sb_server *s, struct MHD_Connection *c,
				 struct sb_req *r)
{
	struct auth_params p;
	const char *why, *rerr;
	read_params(c, r, &p);
	if (check_params(s, &p, &why, &rerr) != 0) {
		if (why)
			return error_page(c, r, 400, why);
		return redirect(c, r, p.redirect_uri, "error", rerr, p.state);
	}
	return login_page(c, r, &p, NULL);
}

static enum MHD_Result login(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r)
{
	struct auth_params p;
	const char *why, *rerr;
	char username[128], password[128];
	read_params(c, r, &p);
	if (check_params(s, &p, &why, &rerr) != 0) {
		if (why)
			return error_page(c, r, 400, why);
		return redirect(c, r, p.redirect_uri, "error", rerr, p.state);
	}
	get_arg(c, r, "username", username, sizeof username);
	get_arg(c, r, "password", password, sizeof password);
	int user = sb_loket_user_find(username);
	int ok = user >= 0 && sb_secret_eq(sb_loket_users[user].password, password);
	memset(password, 0, sizeof password);
	if (!ok)
		return login_page(c, r, &p, "Gebruikersnaam of wachtwoord onjuist. Probeer het opnieuw.");
	if (sb_loket_users[user].webservice)
		return error_page(c, r, 403,
				  "Dit is een webservicegebruiker. Een webservicegebruiker kan niet "
				  "inloggen en geen toestemming geven. Log in met een gewone "
				  "Loket.nl-gebruiker met de benodigde rechten.");
	char sid[72];
	pthread_mutex_lock(&s->lock);
	struct sb_session *ss = &s->sessions[s->session_next++ % SB_MAX_SESSIONS];
	memset(ss, 0, sizeof *ss);
	ss->used = 1;
	sb_random_hex(ss->id, 32);
	ss->user = user;
	snprintf(ss->client_id, sizeof ss->client_id, "%s", p.client_id);
	snprintf(ss->redirect_uri, sizeof ss->redirect_uri, "%s", p.redirect_uri);
	snprintf(ss->state, sizeof ss->state, "%s", p.state);
	snprintf(ss->challenge, sizeof ss->challenge, "%s", p.challenge);
	ss->expires = time(NULL) + 600;
	snprintf(sid, sizeof sid, "%s", ss->id);
	pthread_mutex_unlock(&s->lock);
	return consent_page(c, r, sid, user);
}

static enum MHD_Result consent(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r)
{
	char sid[80], decision[16];
	struct sb_session ss;
	int found = 0;
	get_arg(c, r, "session", sid, sizeof sid);
	get_arg(c, r, "decision", decision, sizeof decision);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < SB_MAX_SESSIONS && sid[0]; i++) {
		struct sb_session *x = &s->sessions[i];
		if (x->used && x->expires > time(NULL) && strcmp(x->id, sid) == 0) {
			ss = *x;
			x->used = 0; /* one decision per login */
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	if (!found)
		return error_page(c, r, 400,
				  "Deze inlogsessie is verlopen of al gebruikt. Start de koppeling "
				  "opnieuw vanuit koppel.");
	if (strcmp(decision, "allow") != 0)
		return redirect(c, r, ss.redirect_uri, "error", "access_denied", ss.state);
	char code[72];
	pthread_mutex_lock(&s->lock);
	struct sb_code *cd = &s->codes[s->code_next++ % SB_MAX_CODES];
	memset(cd, 0, sizeof *cd);
	cd->used = 1;
	sb_random_hex(cd->value, 24);
	cd->user = ss.user;
	snprintf(cd->client_id, sizeof cd->client_id, "%s", ss.client_id);
	snprintf(cd->redirect_uri, sizeof cd->redirect_uri, "%s", ss.redirect_uri);
	snprintf(cd->challenge, sizeof cd->challenge, "%s", ss.challenge);
	cd->expires = time(NULL) + s->code_ttl;
	snprintf(code, sizeof code, "%s", cd->value);
	pthread_mutex_unlock(&s->lock);
	return redirect(c, r, ss.redirect_uri, "code", code, ss.state);
}

/* ---- /token ---- */

static enum MHD_Result oauth_error(struct MHD_Connection *c, struct sb_req *r, unsigned status,
				   const char *error)
{
	char body[128];
	snprintf(body, sizeof body, "{\"error\":\"%s\"}", error);
	return sb_respond(c, r, status, "application/json; charset=utf-8", body, strlen(body));
}

static int pkce_ok(const char *challenge, const char *verifier)
{
	unsigned char digest[32];
	char b64[64];
	size_t n = strlen(verifier);
	if (n < 43 || n > 128)
		return 0;
	gnutls_hash_fast(GNUTLS_DIG_SHA256, verifier, n, digest);
	sb_base64url(digest, sizeof digest, b64);
	return strcmp(b64, challenge) == 0;
}

static enum MHD_Result issue(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
			     int user, const char *code)
{
	char access[72], refresh[72], body[512];
	pthread_mutex_lock(&s->lock);
	int ttl = s->access_ttl;
	new_token(s, s->access, &s->access_next, user, time(NULL) + ttl, access, sizeof access);
	new_token(s, s->refresh, &s->refresh_next, user, 0, refresh, sizeof refresh);
	for (size_t i = 0; code && i < SB_MAX_CODES; i++) {
		struct sb_code *x = &s->codes[i];
		if (x->used && strcmp(x->value, code) == 0) {
			snprintf(x->issued_access, sizeof x->issued_access, "%s", access);
			snprintf(x->issued_refresh, sizeof x->issued_refresh, "%s", refresh);
		}
	}
	pthread_mutex_unlock(&s->lock);
	snprintf(body, sizeof body,
		 "{\"access_token\":\"%s\",\"token_type\":\"bearer\",\"expires_in\":%d,"
		 "\"refresh_token\":\"%s\",\"two_factor_state\":\"None\"}",
		 access, ttl, refresh);
	enum MHD_Result ret =
		sb_respond(c, r, 200, "application/json; charset=utf-8", body, strlen(body));
	memset(body, 0, sizeof body);
	return ret;
}

/* Caller holds s->lock. */
static void revoke_issued(struct sb_server *s, const struct sb_code *cd)
{
	for (size_t i = 0; i < SB_MAX_TOKENS; i++) {
		if (cd->issued_access[0] && s->access[i].used &&
		    strcmp(s->access[i].value, cd->issued_access) == 0)
			s->access[i].revoked = 1;
		if (cd->issued_refresh[0] && s->refresh[i].used &&
		    strcmp(s->refresh[i].value, cd->issued_refresh) == 0)
			s->refresh[i].revoked = 1;
	}
}

static enum MHD_Result token(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r)
{
	char grant[64], client_id[128], secret[128], code[128], redirect_uri[512], verifier[160],
		rtoken[128];
	char *basic_pass = NULL;
	char *basic_user = MHD_basic_auth_get_username_password(c, &basic_pass);
	enum MHD_Result ret;

	if (!r->body)
		r->body = calloc(1, 1);
	get_arg(c, r, "grant_type", grant, sizeof grant);
	get_arg(c, r, "client_id", client_id, sizeof client_id);
	get_arg(c, r, "client_secret", secret, sizeof secret);
	if (basic_user) {
		snprintf(client_id, sizeof client_id, "%s", basic_user);
		snprintf(secret, sizeof secret, "%s", basic_pass ? basic_pass : "");
		MHD_free(basic_user);
		if (basic_pass) {
			memset(basic_pass, 0, strlen(basic_pass));
			MHD_free(basic_pass);
		}
	}
	if (strcmp(client_id, s->client_id) != 0 ||
	    (secret[0] && !sb_secret_eq(secret, s->client_secret))) {
		ret = oauth_error(c, r, 401, "invalid_client");
		goto out;
	}
	if (strcmp(grant, "authorization_code") == 0) {
		get_arg(c, r, "code", code, sizeof code);
		get_arg(c, r, "redirect_uri", redirect_uri, sizeof redirect_uri);
		get_arg(c, r, "code_verifier", verifier, sizeof verifier);
		if (!code[0]) {
			ret = oauth_error(c, r, 400, "invalid_request");
			goto out;
		}
		struct sb_code cd = { 0 };
		int found = 0, reused = 0;
		pthread_mutex_lock(&s->lock);
		for (size_t i = 0; i < SB_MAX_CODES; i++) {
			struct sb_code *x = &s->codes[i];
			if (x->used && sb_secret_eq(x->value, code)) {
				reused = x->redeemed;
				x->redeemed = 1; /* any attempt uses the code up */
				cd = *x;
				found = 1;
				break;
			}
		}
		if (reused) /* a replayed code: withdraw what it bought (RFC 6749 4.1.2) */
			revoke_issued(s, &cd);
		pthread_mutex_unlock(&s->lock);
		if (!found || reused || cd.expires <= time(NULL) ||
		    strcmp(cd.client_id, client_id) != 0 ||
		    strcmp(cd.redirect_uri, redirect_uri) != 0) {
			ret = oauth_error(c, r, 400, "invalid_grant");
			goto out;
		}
		if (cd.challenge[0] ? !pkce_ok(cd.challenge, verifier) : !secret[0]) {
			/* A public client must use PKCE; with PKCE the verifier must match. */
			ret = oauth_error(c, r, 400, cd.challenge[0] ? "invalid_grant" : "invalid_client");
			goto out;
		}
		ret = issue(s, c, r, cd.user, cd.value);
		goto out;
	}
	if (strcmp(grant, "refresh_token") == 0) {
		get_arg(c, r, "refresh_token", rtoken, sizeof rtoken);
		int user = -1;
		pthread_mutex_lock(&s->lock);
		for (size_t i = 0; i < SB_MAX_TOKENS && rtoken[0]; i++) {
			struct sb_token *t = &s->refresh[i];
			if (t->used && !t->revoked && sb_secret_eq(t->value, rtoken)) {
				t->revoked = 1; /* rotation: the old one stops working */
				user = t->user;
				break;
			}
		}
		pthread_mutex_unlock(&s->lock);
		if (user < 0) {
			ret = oauth_error(c, r, 400, "invalid_grant");
			goto out;
		}
		ret = issue(s, c, r, user, NULL);
		goto out;
	}
	ret = oauth_error(c, r, 400, grant[0] ? "unsupported_grant_type" : "invalid_request");
out:
	memset(secret, 0, sizeof secret);
	return ret;
}

enum MHD_Result sb_oauth_handle(struct sb_server *s, struct MHD_Connection *c, struct sb_req *r,
				const char *method, const char *url)
{
	enum MHD_Result ret;
	const char *route = NULL;
	int post = strcmp(method, "POST") == 0;
	if (strcmp(url, "/authorize") == 0)
		route = "oauth.authorize";
	else if (strcmp(url, "/login") == 0)
		route = "oauth.login";
	else if (strcmp(url, "/consent") == 0)
		route = "oauth.consent";
	else if (strcmp(url, "/token") == 0)
		route = "oauth.token";
	if (!route)
		return sb_respond(c, r, 404, NULL, NULL, 0);
	if (sb_route_fault(s, c, r, route, &ret))
		return ret;
	if (strcmp(route, "oauth.authorize") == 0)
		return strcmp(method, "GET") == 0 ? authorize(s, c, r) : sb_respond(c, r, 405, NULL, NULL, 0);
	if (!post)
		return sb_respond(c, r, 405, NULL, NULL, 0);
	if (!r->body)
		r->body = calloc(1, 1);
	if (strcmp(route, "oauth.login") == 0)
		return login(s, c, r);
	if (strcmp(route, "oauth.consent") == 0)
		return consent(s, c, r);
	return token(s, c, r);
}
