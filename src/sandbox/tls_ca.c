/* tls_ca.c — the sandbox's own CA and server certificate, made with GnuTLS
 * at every start (no openssl command line). Clients trust only ca.pem. */
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"

static int write_file(const char *path, const void *data, size_t len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

static int set_serial(gnutls_x509_crt_t crt)
{
	unsigned char serial[16];
	if (gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial) != 0)
		return -1;
	serial[0] &= 0x7f; /* positive */
	return gnutls_x509_crt_set_serial(crt, serial, sizeof serial);
}

static char *export_pem_crt(gnutls_x509_crt_t crt)
{
	gnutls_datum_t out = { NULL, 0 };
	if (gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &out) < 0)
		return NULL;
	char *s = malloc(out.size + 1);
	if (s) {
		memcpy(s, out.data, out.size);
		s[out.size] = '\0';
	}
	gnutls_free(out.data);
	return s;
}

static char *export_pem_key(gnutls_x509_privkey_t key)
{
	gnutls_datum_t out = { NULL, 0 };
	if (gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM, &out) < 0)
		return NULL;
	char *s = malloc(out.size + 1);
	if (s) {
		memcpy(s, out.data, out.size);
		s[out.size] = '\0';
	}
	gnutls_memset(out.data, 0, out.size);
	gnutls_free(out.data);
	return s;
}

int sb_tls_create(const char *dir, char *ca_path, size_t ca_len, char **key_pem,
		  char **cert_pem, char *msg, size_t msglen)
{
	gnutls_x509_privkey_t ca_key = NULL, srv_key = NULL;
	gnutls_x509_crt_t ca = NULL, srv = NULL;
	char *ca_pem = NULL, *srv_pem = NULL;
	int rc = -1, g;
	time_t now = time(NULL);
	char path[700];
	static const unsigned char ip4[4] = { 127, 0, 0, 1 };

	*key_pem = *cert_pem = NULL;
#define CHECK(x)                                                                                 \
	do {                                                                                     \
		if ((g = (x)) < 0) {                                                             \
			snprintf(msg, msglen, "GnuTLS: %s at %s", gnutls_strerror(g), #x);       \
			goto out;                                                                \
		}                                                                                \
	} while (0)

	/* CA: ECDSA P-256, valid 30 days, may only sign certificates. */
	CHECK(gnutls_x509_privkey_init(&ca_key));
	CHECK(gnutls_x509_privkey_generate(ca_key, GNUTLS_PK_ECDSA,
					   GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	CHECK(gnutls_x509_crt_init(&ca));
	CHECK(gnutls_x509_crt_set_version(ca, 3));
	CHECK(set_serial(ca));
	CHECK(gnutls_x509_crt_set_activation_time(ca, now - 3600));
	CHECK(gnutls_x509_crt_set_expiration_time(ca, now + 30L * 86400));
	CHECK(gnutls_x509_crt_set_dn_by_oid(ca, GNUTLS_OID_X520_COMMON_NAME, 0,
					    "koppel-sandbox CA", strlen("koppel-sandbox CA")));
	CHECK(gnutls_x509_crt_set_dn_by_oid(ca, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
					    "koppel sandbox", strlen("koppel sandbox")));
	CHECK(gnutls_x509_crt_set_key(ca, ca_key));
	CHECK(gnutls_x509_crt_set_basic_constraints(ca, 1, 0));
	CHECK(gnutls_x509_crt_set_key_usage(ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
	{
		unsigned char kid[64];
		size_t kid_len = sizeof kid;
		CHECK(gnutls_x509_crt_get_key_id(ca, 0, kid, &kid_len));
		CHECK(gnutls_x509_crt_set_subject_key_id(ca, kid, kid_len));
	}
	CHECK(gnutls_x509_crt_sign2(ca, ca, ca_key, GNUTLS_DIG_SHA256, 0));

	/* Server: 127.0.0.1 and localhost, TLS server use only. */
	CHECK(gnutls_x509_privkey_init(&srv_key));
	CHECK(gnutls_x509_privkey_generate(srv_key, GNUTLS_PK_ECDSA,
					   GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	CHECK(gnutls_x509_crt_init(&srv));
	CHECK(gnutls_x509_crt_set_version(srv, 3));
	CHECK(set_serial(srv));
	CHECK(gnutls_x509_crt_set_activation_time(srv, now - 3600));
	CHECK(gnutls_x509_crt_set_expiration_time(srv, now + 30L * 86400));
	CHECK(gnutls_x509_crt_set_dn_by_oid(srv, GNUTLS_OID_X520_COMMON_NAME, 0, "127.0.0.1",
					    strlen("127.0.0.1")));
	CHECK(gnutls_x509_crt_set_key(srv, srv_key));
	CHECK(gnutls_x509_crt_set_basic_constraints(srv, 0, -1));
	CHECK(gnutls_x509_crt_set_key_usage(srv, GNUTLS_KEY_DIGITAL_SIGNATURE |
							 GNUTLS_KEY_KEY_ENCIPHERMENT));
	CHECK(gnutls_x509_crt_set_key_purpose_oid(srv, GNUTLS_KP_TLS_WWW_SERVER, 0));
	CHECK(gnutls_x509_crt_set_subject_alt_name(srv, GNUTLS_SAN_IPADDRESS, ip4, sizeof ip4,
						   GNUTLS_FSAN_SET));
	CHECK(gnutls_x509_crt_set_subject_alt_name(srv, GNUTLS_SAN_DNSNAME, "localhost",
						   strlen("localhost"), GNUTLS_FSAN_APPEND));
	{
		unsigned char kid[64];
		size_t kid_len = sizeof kid;
		CHECK(gnutls_x509_crt_get_key_id(ca, 0, kid, &kid_len));
		CHECK(gnutls_x509_crt_set_authority_key_id(srv, kid, kid_len));
	}
	CHECK(gnutls_x509_crt_sign2(srv, ca, ca_key, GNUTLS_DIG_SHA256, 0));
#undef CHECK

	ca_pem = export_pem_crt(ca);
	srv_pem = export_pem_crt(srv);
	*key_pem = export_pem_key(srv_key);
	if (!ca_pem || !srv_pem || !*key_pem) {
		snprintf(msg, msglen, "GnuTLS: could not export the certificates");
		goto out;
	}
	/* Serve the chain (server, then CA), as real servers do: clients that
	 * pin the CA's key (Chromium's SPKI list) find it in the handshake. */
	*cert_pem = malloc(strlen(srv_pem) + strlen(ca_pem) + 1);
	if (!*cert_pem) {
		snprintf(msg, msglen, "out of memory");
		goto out;
	}
	strcpy(*cert_pem, srv_pem);
	strcat(*cert_pem, ca_pem);
	snprintf(ca_path, ca_len, "%s/ca.pem", dir);
	snprintf(path, sizeof path, "%s/server.pem", dir);
	/* The CA key is never written: nobody can sign with it after exit. */
	if (write_file(ca_path, ca_pem, strlen(ca_pem), 0644) != 0 ||
	    write_file(path, *cert_pem, strlen(*cert_pem), 0644) != 0) {
		snprintf(msg, msglen, "cannot write certificates in %s: %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		free(*cert_pem);
		if (*key_pem) {
			memset(*key_pem, 0, strlen(*key_pem));
			free(*key_pem);
		}
		*key_pem = *cert_pem = NULL;
	}
	free(ca_pem);
	free(srv_pem);
	if (ca)
		gnutls_x509_crt_deinit(ca);
	if (srv)
		gnutls_x509_crt_deinit(srv);
	if (ca_key)
		gnutls_x509_privkey_deinit(ca_key);
	if (srv_key)
		gnutls_x509_privkey_deinit(srv_key);
	return rc;
}
