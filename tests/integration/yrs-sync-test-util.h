/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the sync tests: a real yorisoi-server started from the build
 * tree on a free loopback port, and a look into its database. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *dir;          /* the server's database and log live here */
  char        *db_path;
  char        *log_path;     /* its stderr: one "request METHOD PATH STATUS" line per request */
  char        *url;
  char        *kiosk_token;  /* with --demo */
  char        *staff_id;
  char        *staff_password;
  char        *city_key;     /* "KEY-ID:BASE64": the app's city-key for it (issue 18) */
} YrsTestServer;

/* Starts build/src/server/yorisoi-server --port 0 --db DIR/server.db with
 * the extra arguments (NULL-terminated, may be NULL) and waits for its
 * "ready" line. Aborts the test on failure. The server opens what is
 * sealed to city_key (a key pair made in DIR/seal-keys): give it to the
 * device's store (yrs_store_set_city_key()), which takes no submission
 * without one. */
YrsTestServer *yrs_test_server_start      (const char          *dir,
                                           const char * const  *extra_args);
/* SIGTERM, wait, free. */
void           yrs_test_server_stop       (YrsTestServer       *server);
/* The request log lines so far that start with "request " + prefix
 * (e.g. "GET /v1/catalog"). */
GPtrArray     *yrs_test_server_log_lines  (YrsTestServer       *server,
                                           const char          *prefix);
/* Runs one SQL query on the server's database (read-only) and returns the
 * first column of every row as text. */
GPtrArray     *yrs_test_server_query      (YrsTestServer       *server,
                                           const char          *sql);
/* Runs SQL that writes on the server's database (seeding for tests). */
void           yrs_test_server_exec       (YrsTestServer       *server,
                                           const char          *sql);

/* Replaces the server's slots with n slots over its facilities, revisions
 * 1..n (the server may be running). */
void           yrs_test_server_seed_slots (YrsTestServer       *server,
                                           guint                n);

/* Spins the default main context until *flag is TRUE or timeout_ms pass;
 * returns *flag. */
gboolean       yrs_test_wait_flag         (gboolean            *flag,
                                           guint                timeout_ms);

G_END_DECLS
