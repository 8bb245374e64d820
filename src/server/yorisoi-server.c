/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yorisoi-server: the reference central API.
 *
 *   yorisoi-server [--port N] [--listen ADDR] [--db FILE] [--catalog FILE]
 *                  [--demo] [--approve-after SECONDS]
 *                  [--tls-cert FILE --tls-key FILE] [--list-routes]
 *                  [--config FILE] [--header-timeout S] [--body-timeout S]
 *                  [--idle-timeout S] [--max-connections N]
 *   yorisoi-server admin COMMAND …      (see yrs-server-admin.c)
 *
 * Settings come from the command line, then the [server] group of the
 * configuration file (--config, else /etc/yorisoi/server.conf when it
 * exists), then the defaults. The metrics token is only read from the
 * file (metrics-token=), never from the command line.
 *
 * The first line on stdout is "listening on URL". With --demo the next
 * lines are "demo staff: ID PASSWORD" and "demo kiosk token: TOKEN", then
 * "ready". One line per request goes to stderr. With --demo, the
 * environment variables YRS_DEMO_PASSWORD and YRS_DEMO_KIOSK_TOKEN, when
 * set, give the demo credentials instead of new random ones. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#ifdef YRS_HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "yrs-server-admin.h"
#include "yrs-server-seal.h"
#include "yrs-server.h"

#define DEFAULT_CONFIG "/etc/yorisoi/server.conf"
#define UNSET G_MININT

/* Fills an unset string from the file. */
static void
take_string (GKeyFile    *keys,
             const char  *key,
             char       **value)
{
  if (*value == NULL && keys != NULL)
    *value = g_key_file_get_string (keys, "server", key, NULL);
}

/* Fills an unset integer from the file; FALSE when the file's value is
 * not an integer. */
static gboolean
take_int (GKeyFile   *keys,
          const char *key,
          int        *value,
          int         fallback,
          GError    **error)
{
  if (*value == UNSET && keys != NULL && g_key_file_has_key (keys, "server", key, NULL))
    {
      g_autoptr(GError) local = NULL;
      int v = g_key_file_get_integer (keys, "server", key, &local);

      if (local != NULL)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[server] %s: not an integer", key);
          return FALSE;
        }
      *value = v;
    }
  if (*value == UNSET)
    *value = fallback;
  return TRUE;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *db = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *metrics_token = NULL;
  g_autofree char *seal_keys = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  int port = UNSET;
  int approve_after = UNSET;
  int workers = UNSET;
  int db_pool = UNSET;
  int header_timeout = UNSET;
  int body_timeout = UNSET;
  int idle_timeout = UNSET;
  int max_connections = UNSET;
  int retention_days = UNSET;
  int retention_interval = UNSET;
  int cases_page_size = 0;
  gboolean demo = FALSE;
  gboolean list_routes = FALSE;
  GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path,
      "Configuration file, a [server] group (" DEFAULT_CONFIG " when it exists)", "FILE" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free one)", "N" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on (127.0.0.1)", "ADDR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "SQLite database file (yorisoi-server.db), or PostgreSQL: postgresql://HOST/DB (password from ~/.pgpass)", "FILE|URI" },
    { "db-pool", 0, 0, G_OPTION_ARG_INT, &db_pool, "Database connections of this instance (as many as workers)", "N" },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog, "Catalogue to serve (the bundled one)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed demo slots, a staff account and a kiosk token", NULL },
    { "approve-after", 0, 0, G_OPTION_ARG_INT, &approve_after,
      "Approve registrations after SECONDS (0: at once, -1: only by staff; 5 with --demo, else -1)", "SECONDS" },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, "Request threads (4)", "N" },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &header_timeout,
      "Seconds a client has to send a request head (10)", "SECONDS" },
    { "body-timeout", 0, 0, G_OPTION_ARG_INT, &body_timeout,
      "Seconds a client has to send a declared body (30)", "SECONDS" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      "Seconds a kept-alive connection may wait for its next request (60)", "SECONDS" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      "Open connections at most (the descriptor limit less 64)", "N" },
    { "retention-days", 0, 0, G_OPTION_ARG_INT, &retention_days,
      "Erase the personal fields of submissions the city has had for DAYS (0: never)", "DAYS" },
    { "retention-interval", 0, 0, G_OPTION_ARG_INT, &retention_interval,
      "Seconds between retention runs (3600)", "SECONDS" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "TLS certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "TLS private key (PEM)", "FILE" },
    { "seal-keys", 0, 0, G_OPTION_ARG_FILENAME, &seal_keys,
      "Secret keys that open the personal fields devices seal (\"KEY-ID BASE64\" lines)", "FILE" },
    { "cases-page-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &cases_page_size,
      "GET /v1/cases without a limit answers this many (100; for tests)", "N" },
    { "list-routes", 0, 0, G_OPTION_ARG_NONE, &list_routes, "Print the routes served and exit", NULL },
    { NULL }
  };
  YrsServerConfig config = { 0 };

  setlocale (LC_ALL, "");
  yrs_server_install_log_writer ();
  if (argc > 1 && g_strcmp0 (argv[1], "admin") == 0)
    return yrs_server_admin_main (argc, argv);
  if (argc > 1 && g_strcmp0 (argv[1], "seal-keygen") == 0)
    return _yrs_server_seal_keygen_main (argc, argv);
  context = g_option_context_new ("- the Yorisoi reference central API");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("yorisoi-server: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr ("yorisoi-server: unexpected argument \"%s\"\n", argv[1]);
      return 2;
    }

  if (list_routes)
    {
      g_autofree char *routes = yrs_server_dup_route_list ();

      fputs (routes, stdout);
      return 0;
    }

  if (config_path != NULL || g_file_test (DEFAULT_CONFIG, G_FILE_TEST_EXISTS))
    {
      const char *path = config_path != NULL ? config_path : DEFAULT_CONFIG;

      keys = g_key_file_new ();
      if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &error))
        {
          g_printerr ("yorisoi-server: %s: %s\n", path, error->message);
          return 2;
        }
    }
  take_string (keys, "listen", &listen);
  take_string (keys, "db", &db);
  take_string (keys, "catalog", &catalog);
  take_string (keys, "tls-cert", &tls_cert);
  take_string (keys, "tls-key", &tls_key);
  take_string (keys, "metrics-token", &metrics_token);
  take_string (keys, "seal-keys", &seal_keys);
  if (!take_int (keys, "port", &port, 8080, &error) ||
      !take_int (keys, "approve-after", &approve_after, demo ? 5 : -1, &error) ||
      !take_int (keys, "workers", &workers, 0, &error) ||
      !take_int (keys, "db-pool", &db_pool, 0, &error) ||
      !take_int (keys, "header-timeout", &header_timeout, 0, &error) ||
      !take_int (keys, "body-timeout", &body_timeout, 0, &error) ||
      !take_int (keys, "idle-timeout", &idle_timeout, 0, &error) ||
      !take_int (keys, "max-connections", &max_connections, 0, &error) ||
      !take_int (keys, "retention-days", &retention_days, 0, &error) ||
      !take_int (keys, "retention-interval", &retention_interval, 0, &error))
    {
      g_printerr ("yorisoi-server: %s\n", error->message);
      return 2;
    }

  if (cases_page_size < 0 || cases_page_size > 500)
    {
      g_printerr ("yorisoi-server: --cases-page-size: %d is not 1 to 500\n", cases_page_size);
      return 2;
    }
  if (approve_after < -1)
    {
      g_printerr ("yorisoi-server: --approve-after: %d is not 0 or more, or -1\n", approve_after);
      return 2;
    }

  config.listen = listen;
  config.port = port;
  config.db_path = db != NULL ? db : "yorisoi-server.db";
  config.catalog_path = catalog;
  config.tls_cert = tls_cert;
  config.tls_key = tls_key;
  config.demo = demo;
  config.approve_after = approve_after;
  config.workers = workers;
  config.db_pool = db_pool;
  config.header_timeout = header_timeout;
  config.body_timeout = body_timeout;
  config.idle_timeout = idle_timeout;
  config.max_connections = max_connections;
  config.metrics_token = metrics_token;
  config.retention_days = retention_days;
  config.cases_page_size = cases_page_size;
  config.retention_interval = retention_interval;

  if (seal_keys != NULL && !_yrs_server_seal_load_keys (seal_keys, &error))
    {
      g_printerr ("yorisoi-server: %s\n", error->message);
      return 2;
    }

  loop = g_main_loop_new (NULL, FALSE);
  server = yrs_server_new (&config, &error);
  if (server == NULL || !yrs_server_listen (server, &error))
    {
      g_printerr ("yorisoi-server: %s\n", error->message);
      return 1;
    }

  /* Before anyone is told the server is there: a SIGTERM right after
   * READY=1 must stop it cleanly, not kill it. */
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);

  url = yrs_server_dup_url (server);
  printf ("listening on %s\n", url);
  if (demo)
    {
      printf ("demo staff: %s %s\n", yrs_server_get_demo_staff_id (server),
              yrs_server_get_demo_password (server));
      printf ("demo kiosk token: %s\n", yrs_server_get_demo_kiosk_token (server));
    }
  printf ("ready\n");
  fflush (stdout);
#ifdef YRS_HAVE_LIBSYSTEMD
  /* Type=notify: ready once listening (a no-op outside systemd). */
  sd_notifyf (0, "READY=1\nSTATUS=listening on %s", url);
#endif

  g_main_loop_run (loop);
#ifdef YRS_HAVE_LIBSYSTEMD
  sd_notify (0, "STOPPING=1");
#endif
  return 0;
}
