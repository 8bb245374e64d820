/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yorisoi-server: the reference central API.
 *
 *   yorisoi-server [--port N] [--listen ADDR] [--db FILE] [--catalog FILE]
 *                  [--demo] [--approve-after SECONDS]
 *                  [--tls-cert FILE --tls-key FILE] [--list-routes]
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

#include "yrs-server-admin.h"
#include "yrs-server.h"

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
  int port = 8080;
  int approve_after = G_MININT;
  int workers = 0;
  int header_timeout = 0;
  int body_timeout = 0;
  int idle_timeout = 0;
  int max_connections = 0;
  gboolean demo = FALSE;
  gboolean list_routes = FALSE;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free one)", "N" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on (127.0.0.1)", "ADDR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "SQLite database (yorisoi-server.db)", "FILE" },
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
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "TLS certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "TLS private key (PEM)", "FILE" },
    { "list-routes", 0, 0, G_OPTION_ARG_NONE, &list_routes, "Print the routes served and exit", NULL },
    { NULL }
  };
  YrsServerConfig config = { 0 };

  setlocale (LC_ALL, "");
  if (argc > 1 && g_strcmp0 (argv[1], "admin") == 0)
    return yrs_server_admin_main (argc, argv);
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

  if (approve_after == G_MININT)
    approve_after = demo ? 5 : -1;
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
  config.header_timeout = header_timeout;
  config.body_timeout = body_timeout;
  config.idle_timeout = idle_timeout;
  config.max_connections = max_connections;

  loop = g_main_loop_new (NULL, FALSE);
  server = yrs_server_new (&config, &error);
  if (server == NULL || !yrs_server_listen (server, &error))
    {
      g_printerr ("yorisoi-server: %s\n", error->message);
      return 1;
    }

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

  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_main_loop_run (loop);
  return 0;
}
