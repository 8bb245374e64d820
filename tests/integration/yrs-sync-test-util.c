/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync-test"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "yrs-sync-test-util.h"

YrsTestServer *
yrs_test_server_start (const char         *dir,
                       const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  const char *build_root = g_getenv ("YRS_BUILD_ROOT");
  YrsTestServer *server = g_new0 (YrsTestServer, 1);

  g_assert_nonnull (build_root);
  server->dir = g_strdup (dir);
  server->db_path = g_build_filename (dir, "server.db", NULL);
  server->log_path = g_build_filename (dir, "server.log", NULL);

  g_ptr_array_add (argv, g_build_filename (build_root, "src", "server", "yorisoi-server", NULL));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (server->db_path));
  /* The city's key pair: the secret half for the server, the public one
   * for the device (issue 18). Made once per directory, unless the test
   * brings its own (--seal-keys among the extra arguments). */
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    if (g_str_equal (extra_args[i], "--seal-keys"))
      goto own_keys;
  {
    g_autofree char *keys = g_build_filename (dir, "seal-keys", NULL);
    g_autofree char *public_path = g_build_filename (dir, "city-key", NULL);
    g_autofree char *line = NULL;

    if (!g_file_get_contents (public_path, &line, NULL, NULL))
      {
        g_autoptr(GSubprocess) keygen =
          g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv->pdata[0],
                            "seal-keygen", "test-1", keys, NULL);

        g_assert_no_error (error);
        g_assert_true (g_subprocess_communicate_utf8 (keygen, NULL, NULL, &line, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (g_subprocess_get_successful (keygen));
        g_assert_true (g_file_set_contents (public_path, line, -1, &error));
      }
    server->city_key = g_strdup (g_strstrip (line));
    g_ptr_array_add (argv, g_strdup ("--seal-keys"));
    g_ptr_array_add (argv, g_steal_pointer (&keys));
  }
own_keys:
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("yorisoi-server ended before it was ready; see %s", server->log_path);
      if (g_str_has_prefix (line, "listening on "))
        server->url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "demo kiosk token: "))
        server->kiosk_token = g_strdup (line + strlen ("demo kiosk token: "));
      else if (g_str_has_prefix (line, "demo staff: "))
        {
          g_auto(GStrv) parts = g_strsplit (line + strlen ("demo staff: "), " ", 2);

          server->staff_id = g_strdup (parts[0]);
          server->staff_password = g_strdup (parts[1]);
        }
      else if (g_str_equal (line, "ready"))
        break;
    }
  g_assert_nonnull (server->url);
  return server;
}

void
yrs_test_server_stop (YrsTestServer *server)
{
  if (server == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->log_path);
  g_free (server->url);
  g_free (server->city_key);
  g_free (server->kiosk_token);
  g_free (server->staff_id);
  g_free (server->staff_password);
  g_free (server);
}

GPtrArray *
yrs_test_server_log_lines (YrsTestServer *server,
                           const char    *prefix)
{
  g_autofree char *text = NULL;
  g_autofree char *want = g_strconcat ("request ", prefix, NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (server->log_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], want))
      g_ptr_array_add (result, g_strdup (lines[i]));
  return result;
}

GPtrArray *
yrs_test_server_query (YrsTestServer *server,
                       const char    *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (server->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

void
yrs_test_server_exec (YrsTestServer *server,
                      const char    *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (server->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("seeding the server database: %s", message);
  sqlite3_close (db);
}

void
yrs_test_server_seed_slots (YrsTestServer *server,
                            guint          n)
{
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "DELETE FROM slots;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u),"
    " f(id, k) AS (SELECT id, row_number() OVER (ORDER BY id) - 1 FROM facilities),"
    " c(total) AS (SELECT count(*) FROM facilities)"
    "INSERT INTO slots (id, facility, kind, starts_at, ends_at, starts_unix, capacity, booked, revision, deleted)"
    " SELECT 'bulk-' || i, f.id, 'day',"
    "  strftime('%%Y-%%m-%%dT%%H:%%M:00', 1830297600 + i * 1800 + 32400, 'unixepoch') || '+09:00',"
    "  strftime('%%Y-%%m-%%dT%%H:%%M:00', 1830297600 + i * 1800 + 32400 + 7200, 'unixepoch') || '+09:00',"
    "  1830297600 + i * 1800, 3, i %% 4 = 0, i, 0"
    " FROM n, c JOIN f ON f.k = i %% c.total;"
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('slot_revision', '%u');"
    "COMMIT;", n, n);

  yrs_test_server_exec (server, sql);
}

static gboolean
on_wait_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
yrs_test_wait_flag (gboolean *flag,
                    guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}
