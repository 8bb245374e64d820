/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Crash test of the sync engine: `yorisoi-cli sync --once` with queued
 * submissions syncs through the fault proxy and is killed with SIGKILL at
 * random moments, 200 times; then it runs to the end. The server must hold
 * each submission exactly once, and the device must know each one's
 * reference. */

#define G_LOG_DOMAIN "test-sync-crash"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "yrs-fault-proxy.h"
#include "yrs-store.h"
#include "yrs-sync-test-util.h"

#define N_SUBMISSIONS 60
#define N_ROUNDS      200

static GSubprocess *
spawn_sync (const char *cli,
            const char *db,
            const char *url,
            const char *token)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "YORISOI_TOKEN", token, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "sync", "--db", db, "--server", url,
                                         "--once", "--request-timeout", "300", "--backoff", "5",
                                         "--deadline", "60", NULL);
  g_assert_no_error (error);
  return process;
}

static void
test_crash (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yrs-sync-crash-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "device.db", NULL);
  g_autofree char *cli = g_build_filename (g_getenv ("YRS_BUILD_ROOT"), "src", "cli", "yorisoi-cli", NULL);
  g_autoptr(YrsFaultProxy) proxy = NULL;
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) server_refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) server_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GSubprocess) last = NULL;
  guint weights[YRS_FAULT_N] = { 0 };
  YrsTestServer *server;
  guint killed_busy = 0;

  g_assert_no_error (error);
  server = yrs_test_server_start (dir, args);
  proxy = yrs_fault_proxy_new (server->url, &error);
  g_assert_no_error (error);
  weights[YRS_FAULT_NONE] = 6;
  weights[YRS_FAULT_STATUS_500] = 1;
  weights[YRS_FAULT_RESET_RESPONSE] = 1;
  weights[YRS_FAULT_STALL] = 1;
  weights[YRS_FAULT_DRIP] = 1;
  yrs_fault_proxy_set_random (proxy, g_test_rand_int (), weights);
  yrs_fault_proxy_set_drip (proxy, 10, 3);

  /* The queued submissions, from three people. */
  {
    g_autoptr(YrsStore) store = yrs_store_open (db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < N_SUBMISSIONS; i++)
      {
        g_autofree char *owner = NULL;
        g_autofree char *payload = g_strdup_printf ("{\"programme\":\"support_payment_birth\",\"fields\":"
                                                    "{\"applicant.name\":\"寄添花子 %u\",\"applicant.phone\":\"0781234567\"}}",
                                                    i);
        g_autoptr(YrsOutboxItem) row = NULL;

        owner = yrs_store_ensure_staff_session (store, i % 3 == 0 ? "nurse-a" : i % 3 == 1 ? "nurse-b" : "nurse-c", &error);
        g_assert_no_error (error);
        row = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, owner, payload, &error);
        g_assert_no_error (error);
      }
  }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = spawn_sync (cli, db, yrs_fault_proxy_get_url (proxy), server->kiosk_token);

      /* Anywhere from start-up to the middle of a sync. */
      g_usleep (g_test_rand_int_range (30000, 220000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      if (g_subprocess_get_if_signaled (child))
        killed_busy++;
    }
  g_test_message ("%u rounds, %u killed while running; %u requests through the proxy",
                  N_ROUNDS, killed_busy, yrs_fault_proxy_get_n_requests (proxy));
  /* Most kills must land in a running client for the test to mean
   * anything; on a quiet machine a client with its queue already sent
   * exits before its kill, so the bound leaves room for that. */
  g_assert_cmpuint (killed_busy, >=, N_ROUNDS / 4);

  /* Now let it finish. */
  last = spawn_sync (cli, db, yrs_fault_proxy_get_url (proxy), server->kiosk_token);
  g_subprocess_wait (last, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (last));
  g_assert_cmpint (g_subprocess_get_exit_status (last), ==, 0);

  references = yrs_test_server_query (server, "SELECT reference FROM applications");
  keys = yrs_test_server_query (server, "SELECT key FROM idempotency WHERE status = 201");
  for (guint i = 0; i < references->len; i++)
    g_hash_table_add (server_refs, references->pdata[i]);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (server_keys, keys->pdata[i]);
  /* Exactly once: as many applications on the server as submissions. */
  g_assert_cmpuint (references->len, ==, N_SUBMISSIONS);
  g_assert_cmpuint (g_hash_table_size (server_refs), ==, N_SUBMISSIONS);

  {
    g_autoptr(YrsStore) store = yrs_store_open (db, &error);
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_no_error (error);
    g_assert_true (yrs_store_check_integrity (store, &error));
    rows = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, &error);
    g_assert_cmpuint (rows->len, ==, N_SUBMISSIONS);
    for (guint i = 0; i < rows->len; i++)
      {
        YrsOutboxItem *row = g_ptr_array_index (rows, i);

        g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
        g_assert_true (g_hash_table_contains (server_refs, row->server_reference));
        g_assert_true (g_hash_table_contains (server_keys, row->idempotency_key));
        g_assert_false (g_hash_table_contains (seen, row->server_reference));
        g_hash_table_add (seen, row->server_reference);
      }
  }

  yrs_fault_proxy_stop (proxy);
  yrs_test_server_stop (server);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_remove (child);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_test_add_func ("/sync/crash/sigkill-200", test_crash);
  return g_test_run ();
}
