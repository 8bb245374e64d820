/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-test-server.h: runs the real yorisoi-server binary for a test.
 *
 *   g_autoptr(YrsTestServer) server = yrs_test_server_new (NULL, &error);
 *   url = yrs_test_server_get_url (server);       "http://127.0.0.1:PORT"
 *   token = yrs_test_server_get_kiosk_token (server);
 *
 * The binary comes from $YRS_SERVER_BIN (set by tests/meson.build), or
 * $YRS_BUILD_ROOT/src/server/yorisoi-server. The database lives in a
 * temporary directory removed by yrs_test_server_free(), unless a path is
 * given. The server is started with --port 0 (a free port) and dies with
 * the test process (PR_SET_PDEATHSIG). Its request log (stderr, one line
 * "request METHOD PATH STATUS DURATIONms" per request) is kept in files
 * that yrs_test_server_dup_log() and _count_requests() read. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _YrsTestServer YrsTestServer;

typedef struct
{
  gboolean            demo;           /* --demo (credentials, slots) */
  const char         *db_path;        /* NULL: a file in a temporary dir */
  const char         *catalog_path;   /* NULL: the server's default */
  int                 approve_after;  /* seconds; -1 staff only */
  const char * const *extra_args;     /* NULL-terminated, or NULL */
} YrsTestServerOptions;

/* options NULL means: demo, a temporary database, the bundled catalogue,
 * registrations approved at once (approve_after 0). */
YrsTestServer *yrs_test_server_new            (const YrsTestServerOptions *options,
                                               GError                    **error);
void           yrs_test_server_free           (YrsTestServer *self);

const char    *yrs_test_server_get_url        (YrsTestServer *self);
guint16        yrs_test_server_get_port       (YrsTestServer *self);
const char    *yrs_test_server_get_db_path    (YrsTestServer *self);
/* With demo; the same across restarts. NULL otherwise. */
const char    *yrs_test_server_get_staff_id   (YrsTestServer *self);
const char    *yrs_test_server_get_staff_password (YrsTestServer *self);
const char    *yrs_test_server_get_kiosk_token (YrsTestServer *self);
gboolean       yrs_test_server_is_running     (YrsTestServer *self);

/* The city's public key, "KEY-ID:BASE64", for yrs_store_set_city_key():
 * every test server has a key pair ("test-1") made with `yorisoi-server
 * seal-keygen` and is started with --seal-keys. add_city_key() makes
 * another (a rotation): get_city_key() then gives the new one, and the
 * server holds both after its next restart. */
const char    *yrs_test_server_get_city_key   (YrsTestServer *self);
gboolean       yrs_test_server_add_city_key   (YrsTestServer *self,
                                               const char    *key_id,
                                               GError       **error);

/* SIGTERM and wait. */
void           yrs_test_server_stop           (YrsTestServer *self);
/* SIGKILL and wait: a crash. */
void           yrs_test_server_kill           (YrsTestServer *self);
/* Starts it again (stopping it first if it runs) on the same port with the
 * same database, options and demo credentials. */
gboolean       yrs_test_server_restart        (YrsTestServer *self,
                                               GError       **error);

/* Everything the server has written to stderr, all runs so far. */
char          *yrs_test_server_dup_log        (YrsTestServer *self);
/* Request-log lines matching method and path (NULL: any) and status
 * (0: any). path is compared without the query ("/v1/catalog"). */
guint          yrs_test_server_count_requests (YrsTestServer *self,
                                               const char    *method,
                                               const char    *path,
                                               guint          status);

/* A catalogue for a test: a copy of the bundled data/catalog/kobe-2025.json
 * (found through $YRS_SOURCE_ROOT) with its "facilities" replaced by those
 * of facilities_path (a JSON file with a "facilities" array; NULL keeps
 * them) and its "version" set to version (NULL keeps it), written into
 * dir. Returns the new file's path. */
char          *yrs_test_server_write_catalog  (const char    *dir,
                                               const char    *facilities_path,
                                               const char    *version,
                                               GError       **error);

/* PostgreSQL (issue 15). YRS_TEST_DB=postgresql puts each server made by
 * yrs_test_server_new() without a db_path on a database of its own in one
 * throw-away cluster per test process (tests/integration/pg-cluster.sh:
 * initdb as "nobody" when root, a free port on loopback, removed at exit). */
gboolean       yrs_test_server_use_postgresql (void);
/* Starts the cluster once; returns "postgresql://yorisoi@127.0.0.1:PORT". */
const char    *yrs_test_pg_cluster_start      (GError       **error);
/* Its directory (for pg-cluster.sh stop / start-again), NULL before. */
const char    *yrs_test_pg_cluster_dir        (void);
/* A new empty database on the cluster: its URI. */
char          *yrs_test_pg_new_database       (GError       **error);
/* psql -At: the answer's text (rows by newline, columns by "|"), or NULL. */
char          *yrs_test_pg_query              (const char    *uri,
                                               const char    *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsTestServer, yrs_test_server_free)

G_END_DECLS
