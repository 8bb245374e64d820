/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsSyncStatus without widgets: the real sync engine against the real
 * yorisoi-server over loopback, a real store file. Its properties across
 * a sync, with the server down, with a rejected row; kick(); the
 * session's getter; a language switch in the middle. */

#define G_LOG_DOMAIN "test-sync-status"

#include "config.h"

#include "yrs-i18n.h"
#include "yrs-session.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-status.h"
#include "yrs-test-server.h"
#include "test-store-util.h"

#define VALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"0781234567\"}}"
#define INVALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"12\"}}"

typedef struct
{
  char          *dir;
  YrsStore      *store;
  YrsTestServer *server;
  YrsSyncEngine *engine;
  char          *owner;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  yrs_i18n_set_language ("en");
  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "yorisoi.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  f->owner = yrs_store_ensure_staff_session (f->store, "nurse-a", &error);
  g_assert_no_error (error);
  f->server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  f->engine = yrs_sync_engine_new (f->store, yrs_test_server_get_url (f->server));
  yrs_sync_engine_set_token (f->engine, yrs_test_server_get_kiosk_token (f->server));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  yrs_sync_engine_stop (f->engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, yrs_test_server_free);
  store_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->owner);
}

typedef struct
{
  GHashTable *seen;   /* property name -> count */
} Notes;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notes      *n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n->seen, pspec->name));

  g_hash_table_insert (n->seen, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notes (Notes      *n,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (n->seen, name));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static char *
get_string (YrsSyncStatus *status,
            const char    *name)
{
  char *value = NULL;

  g_object_get (status, name, &value, NULL);
  return value;
}

static gboolean
status_state_is (YrsSyncStatus *status,
                 const char    *state)
{
  return g_str_equal (yrs_sync_status_get_state (status), state);
}

static void
wait_for_text (YrsSyncStatus *status,
               const char    *text)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *now = yrs_sync_status_dup_text (status);

      if (g_str_equal (now, text) && !status_state_is (status, "syncing"))
        return;
      if (g_get_monotonic_time () > end)
        g_error ("The status says “%s”, not “%s”", now, text);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, NULL);
  *done = TRUE;
}

static void
full_sync (YrsSyncEngine *engine)
{
  gboolean done = FALSE;

  yrs_sync_engine_sync_async (engine, NULL, on_synced, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A good sync, the server down, a rejected row, the server back. */
static void
test_across_syncs (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(YrsSyncStatus) status = yrs_sync_status_new (f->engine);
  g_autoptr(YrsOutboxItem) good = NULL;
  g_autoptr(YrsOutboxItem) bad = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  Notes n = { seen };
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *error_text = NULL;
  g_autofree char *tooltip = NULL;
  guint pending = 99;

  g_signal_connect (status, "notify", G_CALLBACK (on_notify), &n);

  /* Before anything. */
  g_assert_cmpstr (yrs_sync_status_get_state (status), ==, "idle");
  text = get_string (status, "text");
  g_assert_cmpstr (text, ==, "Synced");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (yrs_sync_status_get_icon_name (status), ==, "emblem-ok-symbolic");
  g_assert_cmpstr (yrs_sync_status_get_severity (status), ==, "ok");
  g_assert_null (yrs_sync_status_get_last_error (status));
  error_text = get_string (status, "last-error-text");
  g_assert_cmpstr (error_text, ==, "None");
  g_clear_pointer (&error_text, g_free);
  tooltip = get_string (status, "tooltip");
  g_assert_cmpstr (tooltip, ==, "Outbox: what is waiting to be sent");
  g_clear_pointer (&tooltip, g_free);
  when = get_string (status, "last-success-text");
  g_assert_cmpstr (when, ==, "Never");
  g_clear_pointer (&when, g_free);

  /* A row waiting: the engine counts it at the kick. */
  good = yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_APPLICATION, f->owner, VALID_APPLICATION, &error);
  g_assert_no_error (error);

  /* A full sync that goes through. */
  full_sync (f->engine);
  wait_for_text (status, "Synced");
  g_assert_cmpuint (notes (&n, "state"), >=, 2);   /* syncing, then idle */
  g_assert_cmpuint (notes (&n, "last-success"), ==, 1);
  g_assert_cmpuint (notes (&n, "last-success-text"), ==, 1);
  g_assert_cmpint (yrs_sync_status_get_last_success (status), >, 0);
  when = get_string (status, "last-success-text");
  g_assert_cmpuint (strlen (when), ==, strlen ("2025-06-01 10:00:00"));
  g_clear_pointer (&when, g_free);
  g_assert_cmpuint (yrs_sync_status_get_pending (status), ==, 0);
  g_assert_cmpuint (yrs_sync_status_get_failed (status), ==, 0);
  g_assert_cmpuint (notes (&n, "last-error"), ==, 0);

  /* The server down, a row waiting: offline, with the count, the error
   * as the tooltip. */
  yrs_test_server_stop (f->server);
  bad = yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_APPLICATION, f->owner, INVALID_APPLICATION, &error);
  g_assert_no_error (error);
  g_hash_table_remove_all (seen);
  full_sync (f->engine);
  wait_for_text (status, "Offline: 1 waiting");
  g_assert_cmpstr (yrs_sync_status_get_state (status), ==, "offline");
  g_assert_cmpstr (yrs_sync_status_get_icon_name (status), ==, "network-offline-symbolic");
  g_assert_cmpstr (yrs_sync_status_get_severity (status), ==, "warning");
  g_assert_cmpuint (notes (&n, "severity"), ==, 1);
  g_object_get (status, "pending", &pending, NULL);
  g_assert_cmpuint (pending, ==, 1);
  g_assert_cmpuint (notes (&n, "pending"), >=, 1);
  g_assert_nonnull (yrs_sync_status_get_last_error (status));
  g_assert_cmpuint (notes (&n, "last-error"), ==, 1);
  g_assert_cmpuint (notes (&n, "tooltip"), ==, 1);
  tooltip = get_string (status, "tooltip");
  g_assert_cmpstr (tooltip, ==, yrs_sync_status_get_last_error (status));
  error_text = get_string (status, "last-error-text");
  g_assert_cmpstr (error_text, ==, yrs_sync_status_get_last_error (status));
  g_clear_pointer (&error_text, g_free);
  g_clear_pointer (&tooltip, g_free);
  g_assert_cmpuint (notes (&n, "last-success"), ==, 0);

  /* A language switch in the middle: the same state, in Japanese, and
   * what shows it is told to read it again at once (not at the next
   * sync: the header said オフライン in English until then). */
  {
    guint text_notes = 0;
    gulong handler = g_signal_connect (status, "notify::text", G_CALLBACK (count_notify), &text_notes);

    yrs_i18n_set_language ("ja");
    g_signal_handler_disconnect (status, handler);
    g_assert_cmpuint (text_notes, ==, 1);
  }
  text = yrs_sync_status_dup_text (status);
  g_assert_cmpstr (text, ==, "オフライン：1 件が送信待ち");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (yrs_sync_status_get_state (status), ==, "offline");
  yrs_i18n_set_language ("en");

  /* The server back: the bad row is rejected: "1 failed", an error. */
  g_assert_true (yrs_test_server_restart (f->server, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (seen);
  full_sync (f->engine);
  wait_for_text (status, "1 failed");
  g_assert_cmpstr (yrs_sync_status_get_state (status), ==, "idle");
  g_assert_cmpstr (yrs_sync_status_get_severity (status), ==, "error");
  g_assert_cmpstr (yrs_sync_status_get_icon_name (status), ==, "dialog-warning-symbolic");
  g_assert_cmpuint (yrs_sync_status_get_failed (status), ==, 1);
  g_assert_cmpuint (yrs_sync_status_get_pending (status), ==, 0);
  g_assert_null (yrs_sync_status_get_last_error (status));
  g_assert_cmpuint (notes (&n, "last-error"), ==, 1);
  g_assert_cmpuint (notes (&n, "failed"), ==, 1);
  g_assert_cmpuint (notes (&n, "last-success"), ==, 1);
  tooltip = get_string (status, "tooltip");
  g_assert_cmpstr (tooltip, ==, "Outbox: what is waiting to be sent");

  /* Discarded: kick() makes the engine count again. */
  g_assert_true (yrs_store_outbox_discard (f->store, bad->idempotency_key, f->owner, &error));
  g_assert_no_error (error);
  yrs_sync_status_kick (status);
  wait_for_text (status, "Synced");
  g_assert_cmpstr (yrs_sync_status_get_severity (status), ==, "ok");
}

/* kick() sends what waits; "N waiting to send" before. */
static void
test_kick (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(YrsSyncStatus) status = yrs_sync_status_new (f->engine);
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint text_notified = 0;

  g_signal_connect (status, "notify::text", G_CALLBACK (count_notify), &text_notified);
  item = yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_APPLICATION, f->owner, VALID_APPLICATION, &error);
  g_assert_no_error (error);
  /* Counted at the kick ("1 waiting to send"), then sent. */
  yrs_sync_status_kick (status);
  g_assert_cmpuint (text_notified, >=, 1);
  wait_for_text (status, "Synced");
  {
    g_autoptr(YrsOutboxItem) sent = yrs_store_outbox_get (f->store, item->idempotency_key, &error);

    g_assert_cmpint (sent->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  }
  text = yrs_sync_status_dup_text (status);
  g_assert_cmpstr (text, ==, "Synced");
  g_assert_cmpuint (yrs_sync_status_get_pending (status), ==, 0);
}

/* The session makes it from its engine, keeps it across a wipe (the
 * device's, not the person's), and drops it with the engine. */
static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(YrsSession) session = yrs_session_new ();
  YrsSyncStatus *status;

  g_assert_null (yrs_session_get_sync_status (session));
  yrs_session_set_sync_engine (session, f->engine);
  status = yrs_session_get_sync_status (session);
  g_assert_nonnull (status);
  g_assert_true (yrs_session_get_sync_status (session) == status);
  yrs_session_wipe (session);
  g_assert_true (yrs_session_get_sync_status (session) == status);

  g_object_add_weak_pointer (G_OBJECT (status), (gpointer *) &status);
  yrs_session_set_sync_engine (session, NULL);
  g_assert_null (status);
  g_assert_null (yrs_session_get_sync_status (session));
}

int
main (int   argc,
      char *argv[])
{
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-status/across-syncs", test_across_syncs);
  ADD ("/sync-status/kick", test_kick);
  ADD ("/sync-status/session", test_session);

  return g_test_run ();
}
