/* SPDX-License-Identifier: GPL-3.0-or-later */

/* bench-sync: the sync engine against a local yorisoi-server over
 * loopback. 1,000 queued submissions flushed, and a first sync of 10,000
 * slots; times, requests per second and the largest gap between ticks of a
 * 1 ms timeout on the main context. */

#define G_LOG_DOMAIN "bench-sync"
#define _GNU_SOURCE   /* SCHED_RESET_ON_FORK */

#include "config.h"

#include <glib/gstdio.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#include "yrs-sync-engine.h"
#include "yrs-sync-test-util.h"

typedef struct
{
  gint64 last;
  gint64 last_wait;
  gint64 max_gap;
  gint64 max_own;   /* the largest gap less the main thread's run-queue wait */
} Ticker;

/* How long this thread has waited for a CPU while runnable (µs), from
 * /proc/thread-self/schedstat; -1 where the kernel does not say. */
static gint64
run_queue_wait_us (void)
{
  g_autofree char *text = NULL;
  guint64 run_ns, wait_ns;

  if (g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) &&
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run_ns, &wait_ns) == 2)
    return (gint64) (wait_ns / 1000);
  return -1;
}

/* Where a gap comes from: the longest run of work between two polls of
 * the main context (callbacks dispatched), in wall-clock time and in the
 * main thread's CPU time, and the longest a poll came back after its
 * timeout (the thread waiting for a CPU). On a loaded machine the wall
 * times include time the thread was preempted; the CPU time is what the
 * main thread itself did. */
static GPollFunc real_poll;
static gint64 poll_returned;
static gint64 poll_returned_cpu;
static gint64 max_work;
static gint64 max_work_cpu;
static gint64 max_late;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 entered = g_get_monotonic_time ();
  gint64 entered_cpu = thread_cpu_us ();
  int ret;

  if (poll_returned != 0)
    {
      max_work = MAX (max_work, entered - poll_returned);
      max_work_cpu = MAX (max_work_cpu, entered_cpu - poll_returned_cpu);
    }
  ret = real_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();
  poll_returned_cpu = thread_cpu_us ();
  if (timeout >= 0)
    max_late = MAX (max_late, poll_returned - entered - (gint64) timeout * 1000);
  return ret;
}

static void
reset_poll_times (void)
{
  poll_returned = poll_returned_cpu = max_work = max_work_cpu = max_late = 0;
}

static gboolean
on_tick (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 wait = run_queue_wait_us ();

  if (t->last != 0)
    {
      t->max_gap = MAX (t->max_gap, now - t->last);
      t->max_own = MAX (t->max_own, now - t->last -
                        (wait >= 0 && t->last_wait >= 0 ? wait - t->last_wait : 0));
    }
  t->last = now;
  t->last_wait = wait;
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
  reset_poll_times ();
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
  printf ("bench-sync\tflush largest gap less waits for a CPU\t%.1f\tms\t16\n", ticker.max_own / 1000.0);
  printf ("bench-sync\tflush longest work between polls\t%.1f\tms\t-\n", max_work / 1000.0);
  printf ("bench-sync\tflush longest main-thread CPU between polls\t%.1f\tms\t16\n", max_work_cpu / 1000.0);
  printf ("bench-sync\tflush longest late wake-up\t%.1f\tms\t-\n", max_late / 1000.0);
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
  reset_poll_times ();
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
  printf ("bench-sync\tfirst sync largest gap less waits for a CPU\t%.1f\tms\t16\n", ticker.max_own / 1000.0);
  printf ("bench-sync\tfirst sync longest work between polls\t%.1f\tms\t-\n", max_work / 1000.0);
  printf ("bench-sync\tfirst sync longest main-thread CPU between polls\t%.1f\tms\t16\n", max_work_cpu / 1000.0);
  printf ("bench-sync\tfirst sync longest late wake-up\t%.1f\tms\t-\n", max_late / 1000.0);
  yrs_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-XXXXXX", &error);

  g_assert_no_error (error);
  /* YRS_BENCH_REALTIME=1: the main thread alone runs SCHED_FIFO (threads
   * and the server it starts do not: SCHED_RESET_ON_FORK), so that on a
   * machine busy with other work the gaps show what the program does, not
   * how long it waited for a CPU. Needs CAP_SYS_NICE. */
  if (g_strcmp0 (g_getenv ("YRS_BENCH_REALTIME"), "1") == 0)
    {
      struct sched_param param = { .sched_priority = 1 };

      if (sched_setscheduler (0, SCHED_FIFO | SCHED_RESET_ON_FORK, &param) != 0)
        g_printerr ("bench-sync: cannot run the main thread SCHED_FIFO: %s\n", g_strerror (errno));
      else
        printf ("bench-sync\tmain thread\tSCHED_FIFO\t-\t-\n");
    }
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  bench_flush (dir, 1000);
  bench_slots (dir, 10000);
  remove_tree (dir);
  return 0;
}
