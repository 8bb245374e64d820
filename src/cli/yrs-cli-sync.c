/* SPDX-License-Identifier: GPL-3.0-or-later */

/* yorisoi-cli sync: the app's sync engine, headless, for support staff and
 * for the tests. The bearer token comes from $YORISOI_TOKEN (not from the
 * command line, where other users could read it). */

#define G_LOG_DOMAIN "yorisoi-cli"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "yrs-cli.h"
#include "yrs-server-url.h"
#include "yrs-sync-engine.h"

typedef struct
{
  GMainLoop     *loop;
  YrsSyncEngine *engine;
  gboolean       once;
  gboolean       first_done;
  gboolean       timed_out;
} SyncRun;

static void
check_done (SyncRun *run)
{
  if (run->once && run->first_done &&
      yrs_sync_engine_get_pending (run->engine) == 0 &&
      yrs_sync_engine_get_state (run->engine) != YRS_SYNC_STATE_SYNCING)
    g_main_loop_quit (run->loop);
}

static void
on_first_sync (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &error))
    g_printerr ("yorisoi-cli: sync: %s\n", error->message);
  run->first_done = TRUE;
  check_done (run);
}

static void
on_changed (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  check_done (user_data);
}

static gboolean
on_deadline (gpointer user_data)
{
  SyncRun *run = user_data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* The app's settings when its schema is installed, else NULL. */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  return schema != NULL ? g_settings_new (SCHEMA_ID) : NULL;
}

static void
print_summary (YrsStore *store)
{
  g_autoptr(GPtrArray) rows = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, NULL);
  guint counts[YRS_OUTBOX_STATE_CONFLICT + 1] = { 0 };

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (rows, i);

      if (row->state >= 0 && row->state <= YRS_OUTBOX_STATE_CONFLICT)
        counts[row->state]++;
    }
  printf ("outbox: %u accepted, %u rejected, %u conflict, %u pending\n",
          counts[YRS_OUTBOX_STATE_ACCEPTED], counts[YRS_OUTBOX_STATE_REJECTED],
          counts[YRS_OUTBOX_STATE_CONFLICT],
          counts[YRS_OUTBOX_STATE_QUEUED] + counts[YRS_OUTBOX_STATE_SENDING]);
}

int
yrs_cli_sync (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *db = NULL;
  g_autofree char *server = NULL;
  g_autofree char *extra_ca = NULL;
  gboolean once = FALSE;
  int deadline_s = 120;
  int request_timeout_ms = 30000;
  int backoff_ms = 2000;
  int interval_s = 0;
  const char *token = g_getenv ("YORISOI_TOKEN");
  SyncRun run = { 0 };
  guint deadline_id = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The device database (default: the app’s)", "FILE" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The central API (default: the app’s server-url)", "URL" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "Sync until the outbox is empty, then exit", NULL },
    { "deadline", 0, 0, G_OPTION_ARG_INT, &deadline_s, "With --once: give up after SECONDS (120)", "SECONDS" },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &request_timeout_ms, "Request timeout (30000)", "MS" },
    { "backoff", 0, 0, G_OPTION_ARG_INT, &backoff_ms, "First retry backoff (2000; capped at 300 times that)", "MS" },
    { "interval", 0, 0, G_OPTION_ARG_INT, &interval_s, "Seconds between syncs (the app’s setting)", "SECONDS" },
    { NULL }
  };

  context = g_option_context_new ("- sync the device’s outbox and cache with the central API");
  g_option_context_set_description (context, "The bearer token (staff or device) is read from $YORISOI_TOKEN.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return yrs_cli_bad_input ("sync: %s", error->message);
  if (argc > 1)
    return yrs_cli_bad_input ("sync: unexpected argument “%s”", argv[1]);
  if (deadline_s < 1 || request_timeout_ms < 1 || backoff_ms < 1 || interval_s < 0)
    return yrs_cli_bad_input ("sync: --deadline, --request-timeout and --backoff must be positive");

  settings = app_settings ();
  if (server == NULL)
    server = settings != NULL ? g_settings_get_string (settings, "server-url") : g_strdup ("http://127.0.0.1:8080");
  if (settings != NULL)
    {
      extra_ca = g_settings_get_string (settings, "extra-ca-file");
      if (interval_s == 0)
        interval_s = g_settings_get_uint (settings, "sync-interval-seconds");
    }
  if (!yrs_server_url_check (server, &error))
    return yrs_cli_bad_input ("sync: --server: %s", error->message);

  store = yrs_store_open (db, &error);
  if (store == NULL)
    return yrs_cli_bad_input ("sync: %s", error->message);

  engine = yrs_sync_engine_new (store, server);
  if (!yrs_api_client_set_extra_ca_file (yrs_sync_engine_get_client (engine), extra_ca, &error))
    return yrs_cli_bad_input ("sync: %s", error->message);
  yrs_api_client_set_timeouts (yrs_sync_engine_get_client (engine), MIN (10000, request_timeout_ms),
                               request_timeout_ms);
  yrs_sync_engine_set_backoff (engine,
                               backoff_ms, MIN ((guint64) backoff_ms * 300, G_MAXUINT));
  if (interval_s > 0)
    yrs_sync_engine_set_interval (engine, interval_s);
  if (token != NULL)
    yrs_sync_engine_set_token (engine, token);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.engine = engine;
  run.once = once;
  g_signal_connect (engine, "notify::pending", G_CALLBACK (on_changed), &run);
  g_signal_connect (engine, "notify::state", G_CALLBACK (on_changed), &run);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  if (once)
    deadline_id = g_timeout_add_seconds (deadline_s, on_deadline, &run);

  yrs_sync_engine_sync_async (engine, NULL, on_first_sync, &run);
  yrs_sync_engine_start (engine);
  g_main_loop_run (loop);
  yrs_sync_engine_stop (engine);
  g_signal_handlers_disconnect_by_data (engine, &run);
  if (!run.timed_out)
    g_clear_handle_id (&deadline_id, g_source_remove);

  print_summary (store);
  if (yrs_sync_engine_get_last_error (engine) != NULL)
    printf ("last error: %s\n", yrs_sync_engine_get_last_error (engine));
  if (once && (run.timed_out || yrs_sync_engine_get_pending (engine) > 0))
    return YRS_CLI_FAILED;
  return YRS_CLI_OK;
}
