/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server.h: the reference central API (data/api/openapi.yaml) on its own
 * HTTP/1.1 connections (yrs-server-http.c) with its own SQLite database. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_SERVER_ERROR (yrs_server_error_quark ())

typedef enum
{
  YRS_SERVER_ERROR_DATABASE,
  YRS_SERVER_ERROR_CATALOG,
  YRS_SERVER_ERROR_LISTEN,
  YRS_SERVER_ERROR_TLS,
} YrsServerError;

typedef struct
{
  const char *listen;          /* address, default 127.0.0.1 */
  int         port;            /* 0 = any free port */
  const char *db_path;         /* a SQLite file or a postgresql:// URI */
  int         db_pool;         /* database connections, 0 = as many as workers */
  const char *catalog_path;    /* NULL = the bundled catalogue */
  const char *tls_cert;        /* both or neither */
  const char *tls_key;
  gboolean    demo;            /* seed slots, a staff account, a kiosk */
  int         approve_after;   /* seconds; -1 = only by staff */
  int         workers;         /* request threads, 0 = default */
  int         header_timeout;  /* seconds for a request head, 0 = 10 */
  int         body_timeout;    /* seconds for a declared body, 0 = 30 */
  int         idle_timeout;    /* seconds between kept-alive requests, 0 = 60 */
  int         max_connections; /* 0 = below the descriptor limit */
  const char *metrics_token;   /* GET /metrics and /v1/health beyond loopback */
  int         retention_days;  /* erase personal fields after, 0 = never */
  int         retention_interval; /* seconds between retention runs, 0 = 3600 */
  int         cases_page_size; /* GET /v1/cases without limit, 0 = 100 */
} YrsServerConfig;

#define YRS_TYPE_SERVER (yrs_server_get_type ())

G_DECLARE_FINAL_TYPE (YrsServer, yrs_server, YRS, SERVER, GObject)

GQuark      yrs_server_error_quark        (void);

YrsServer  *yrs_server_new                (const YrsServerConfig *config,
                                           GError               **error);
gboolean    yrs_server_listen             (YrsServer            *self,
                                           GError              **error);
/* "http://127.0.0.1:PORT" once listening. */
char       *yrs_server_dup_url            (YrsServer            *self);
/* With demo: the staff account and the kiosk device token made at start. */
const char *yrs_server_get_demo_staff_id  (YrsServer            *self);
const char *yrs_server_get_demo_password  (YrsServer            *self);
const char *yrs_server_get_demo_kiosk_token (YrsServer          *self);

/* Log lines through g_log_structured: to journald when stderr is the
 * journal, else "request METHOD ROUTE STATUS DURATIONms id=ID" lines and
 * warnings on stderr. Once per process, before anything is logged. */
void        yrs_server_install_log_writer (void);

/* "METHOD /pattern" lines of every route served, for the contract test. */
char       *yrs_server_dup_route_list     (void);

G_END_DECLS
