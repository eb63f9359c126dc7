/* router.h — libmicrohttpd callbacks installed by main.c. */
#ifndef KOPPEL_SANDBOX_ROUTER_H
#define KOPPEL_SANDBOX_ROUTER_H

#include <microhttpd.h>

/* MHD access handler; cls is the struct sb_server. */
enum MHD_Result sb_access_handler(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls);
/* MHD URI log callback: allocates the per-request struct sb_req. */
void *sb_uri_logger(void *cls, const char *uri, struct MHD_Connection *c);
/* MHD completion callback: frees (and wipes) the per-request state. */
void sb_request_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			  enum MHD_RequestTerminationCode toe);

#endif
