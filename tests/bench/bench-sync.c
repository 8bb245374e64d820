/* SPDX-License-Identifier: GPL-3.0-or-later */

/* bench-sync: the sync engine against a local yorisoi-server over
 * loopback. 1,000 queued submissions flushed, and a first sync of 10,000
 * slots; times, requests per second and the largest gap between ticks of a
 * 1 ms timeout on the main context. */

#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "yrs-sync-engine.h"
#include "yrs-sync-test-util.h"

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Ticker;

static gboolean
on_tick (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();

  if (t->last != 0)
    t->max_gap = MAX (t->max_gap, now - t->last);
  t->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &error))
    g_printerr ("bench-sync: %s\n", error->message);
  *(gboolean *) user_data = TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
bench_flush (const char *dir,
             guint       n)
{
  const char *args[] = { "--demo", NULL };
  g_autofree char *db = g_build_filename (dir, "flush-device.db", NULL);
  g_autofree char *server_dir = g_build_filename (dir, "flush", NULL);
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  YrsTestServer *server;
  Ticker ticker = { 0 };
  guint tick_id, requests;
  gint64 start, elapsed;
  double seconds;

  g_mkdir (server_dir, 0700);
  server = yrs_test_server_start (server_dir, args);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *staff = g_strdup_printf ("nurse-%u", i % 8);
      g_autofree char *owner = yrs_store_ensure_staff_session (store, staff, &error);
      g_autofree char *payload = g_strdup_printf ("{\"programme\":\"support_payment_birth\",\"fields\":"
                                                  "{\"applicant.name\":\"寄添花子 %u\",\"applicant.phone\":\"0781234567\"}}", i);
      g_autoptr(YrsOutboxItem) row = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, owner, payload, &error);

      g_assert_no_error (error);
    }

  engine = yrs_sync_engine_new (store, server->url);
  yrs_sync_engine_set_token (engine, server->kiosk_token);
  tick_id = g_timeout_add (1, on_tick, &ticker);
  start = g_get_monotonic_time ();
  yrs_sync_engine_kick (engine);
  while (yrs_sync_engine_get_pending (engine) > 0 ||
         yrs_sync_engine_get_state (engine) == YRS_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick_id);
  requests = yrs_api_client_get_n_requests (yrs_sync_engine_get_client (engine));
  seconds = elapsed / (double) G_USEC_PER_SEC;

  printf ("bench-sync\tflush %u submissions\t%.0f\tms\t-\n", n, elapsed / 1000.0);
  printf ("bench-sync\tflush requests per second\t%.0f\treq/s\t-\n", requests / seconds);
  printf ("bench-sync\tflush accepted\t%u\trows\t%u\n",
          n - yrs_sync_engine_get_pending (engine) - yrs_sync_engine_get_failed (engine), n);
  printf ("bench-sync\tflush largest main-loop gap\t%.1f\tms\t16\n", ticker.max_gap / 1000.0);
  yrs_test_server_stop (server);
}

static void
bench_slots (const char *dir,
             guint       n)
{
  g_autofree char *db = g_build_filename (dir, "slots-device.db", NULL);
  g_autofree char *server_dir = g_build_filename (dir, "slots", NULL);
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  YrsTestServer *server;
  Ticker ticker = { 0 };
  gboolean done = FALSE;
  guint tick_id, requests;
  gint64 start, elapsed;

  g_mkdir (server_dir, 0700);
  server = yrs_test_server_start (server_dir, NULL);
  yrs_test_server_seed_slots (server, n);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  engine = yrs_sync_engine_new (store, server->url);

  tick_id = g_timeout_add (1, on_tick, &ticker);
  start = g_get_monotonic_time ();
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick_id);
  requests = yrs_api_client_get_n_requests (yrs_sync_engine_get_client (engine));

  printf ("bench-sync\tfirst sync of %u slots\t%.0f\tms\t-\n", yrs_store_count_slots (store, NULL),
          elapsed / 1000.0);
  printf ("bench-sync\tfirst sync requests per second\t%.0f\treq/s\t-\n",
          requests / (elapsed / (double) G_USEC_PER_SEC));
  printf ("bench-sync\tfirst sync largest main-loop gap\t%.1f\tms\t16\n", ticker.max_gap / 1000.0);
  yrs_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  bench_flush (dir, 1000);
  bench_slots (dir, 10000);
  remove_tree (dir);
  return 0;
}
