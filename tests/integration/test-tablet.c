/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tablet mode against the real yorisoi-server over loopback HTTP, under
 * Xvfb: staff sign-in online and offline (within and after the offline
 * period), idle lock and unlock by the same staff member only, per-staff
 * separation of drafts, outbox rows and receipts, the outbox page and the
 * live sync indicator. */

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "yrs-apply-page.h"
#include "yrs-gui-test-util.h"
#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-outbox-page.h"
#include "yrs-preferences-window.h"
#include "yrs-sign-in-page.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-indicator.h"
#include "yrs-sync-messages.h"
#include "yrs-sync-status.h"
#include "yrs-tablet.h"
#include "yrs-sos-page.h"
#include "yrs-test-server.h"
#include "yrs-window.h"

#define STAFF_B_ID       "nurse-b"
#define STAFF_B_PASSWORD "b-password-2025"
#define A_SECRET         "山田花子テスト太郎"

typedef struct
{
  YrsTestServer *server;
  char          *dir;
  YrsStore      *store;
  GSettings     *settings;
  YrsSyncEngine *sync;
  YrsStaffAuth  *auth;
  YrsWindow     *window;
  YrsTablet     *tablet;
} Fixture;

/* A second staff account, written into the server's database as the
 * server itself stores them (Argon2id, libsodium). */
static void
add_staff (const char *db_path,
           const char *id,
           const char *password)
{
  char hash[crypto_pwhash_STRBYTES];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (crypto_pwhash_str (hash, password, strlen (password),
                                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO staff (id, pwhash) VALUES (?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  add_staff (yrs_test_server_get_db_path (f->server), STAFF_B_ID, STAFF_B_PASSWORD);

  f->dir = g_dir_make_tmp ("yrs-tablet-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "yorisoi.db", NULL);
  f->store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  /* The city's key, as the tablet's configuration gives it (issue 18). */
  g_assert_true (yrs_store_set_city_key (f->store, yrs_test_server_get_city_key (f->server), &error));
  g_assert_no_error (error);

  f->settings = g_settings_new (SCHEMA_ID);
  g_settings_set_uint (f->settings, "idle-timeout-seconds", 3600);
  g_settings_set_uint (f->settings, "offline-signin-days", 7);

  f->sync = yrs_sync_engine_new (f->store, yrs_test_server_get_url (f->server));
  f->auth = yrs_staff_auth_new (f->store, yrs_sync_engine_get_client (f->sync), f->settings);
  f->window = yrs_window_new (NULL, NULL);
  /* The outbox page and the indicator read it; the engine is not started,
   * so nothing is sent behind the tests' backs. */
  f->tablet = yrs_tablet_new (f->window, f->settings, f->store, f->auth, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  yrs_gui_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  yrs_gui_flush ();
  g_clear_object (&f->tablet);
  g_clear_object (&f->auth);
  g_clear_object (&f->sync);
  g_settings_reset (f->settings, "idle-timeout-seconds");
  g_settings_reset (f->settings, "offline-signin-days");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, yrs_test_server_free);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
page_not_busy (gpointer data)
{
  GtkWidget *spinner = yrs_gui_find (GTK_WIDGET (data), GTK_TYPE_SPINNER);

  return spinner == NULL || !gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* Types into the gate's fields and presses its button; returns the error
 * it shows, or NULL when the gate opened. */
static char *
sign_in (Fixture    *f,
         const char *staff_id,
         const char *password)
{
  GtkWidget *gate = yrs_window_get_gate (f->window);
  GtkWidget *page;
  GtkWidget *row;

  g_assert_nonnull (gate);
  page = yrs_gui_find (gate, YRS_TYPE_SIGN_IN_PAGE);
  g_assert_nonnull (page);

  if (staff_id != NULL)
    {
      row = yrs_gui_find (page, ADW_TYPE_ENTRY_ROW);
      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), staff_id);
    }
  row = yrs_gui_find (page, ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), password);
  yrs_sign_in_page_submit (YRS_SIGN_IN_PAGE (page));

  g_object_ref (page);
  yrs_gui_wait_until (page_not_busy, page, 30000);
  yrs_gui_flush ();
  if (yrs_window_get_gate (f->window) != page)
    {
      g_object_unref (page);
      return NULL;
    }
  {
    char *message = g_strdup (yrs_sign_in_page_get_error (YRS_SIGN_IN_PAGE (page)));

    g_object_unref (page);
    g_assert_nonnull (message);
    return message;
  }
}

static void
test_sign_in_online_offline (Fixture       *f,
                             gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  const char *password_a = yrs_test_server_get_staff_password (f->server);
  g_autoptr(GError) error = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *message = NULL;
  gint64 last_online = 0;

  /* Nothing shows before a sign-in. */
  g_assert_nonnull (yrs_window_get_gate (f->window));

  message = sign_in (f, staff_a, "not-the-password");
  g_assert_nonnull (strstr (message, "not right"));
  g_assert_null (yrs_staff_auth_get_staff_id (f->auth));
  g_clear_pointer (&message, g_free);

  /* Online: a token, and a verifier kept for offline sign-in. */
  g_assert_null (sign_in (f, staff_a, password_a));
  g_assert_cmpstr (yrs_staff_auth_get_staff_id (f->auth), ==, staff_a);
  g_assert_true (yrs_staff_auth_get_online (f->auth));
  g_assert_nonnull (yrs_staff_auth_get_token (f->auth));
  g_assert_true (yrs_store_get_staff_credential (f->store, staff_a, &verifier, &last_online, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (verifier, "$argon2id$"));
  g_assert_null (strstr (verifier, password_a));
  g_assert_cmpint (g_get_real_time () - last_online, <, 60 * G_USEC_PER_SEC);
  {
    g_autofree char *owner = g_strconcat ("staff:", staff_a, NULL);

    g_assert_cmpstr (yrs_session_get_owner (yrs_window_get_session (f->window)), ==, owner);
  }

  yrs_tablet_sign_out (f->tablet);
  g_assert_null (yrs_staff_auth_get_token (f->auth));
  g_assert_nonnull (yrs_window_get_gate (f->window));

  /* No network: the server is gone. */
  yrs_test_server_stop (f->server);

  message = sign_in (f, staff_a, "not-the-password");
  g_assert_nonnull (strstr (message, "not right"));
  g_clear_pointer (&message, g_free);

  g_assert_null (sign_in (f, staff_a, password_a));
  g_assert_cmpstr (yrs_staff_auth_get_staff_id (f->auth), ==, staff_a);
  g_assert_false (yrs_staff_auth_get_online (f->auth));
  g_assert_null (yrs_staff_auth_get_token (f->auth));
  yrs_tablet_sign_out (f->tablet);

  /* Never signed in online on this device. */
  message = sign_in (f, STAFF_B_ID, STAFF_B_PASSWORD);
  g_assert_nonnull (strstr (message, "not signed in on this tablet with a network"));
  g_clear_pointer (&message, g_free);

  /* The last online sign-in 8 days ago, the period 7 days: refused. */
  g_assert_true (yrs_store_set_staff_credential (f->store, staff_a, verifier,
                                                 g_get_real_time () - 8 * G_TIME_SPAN_DAY, &error));
  g_assert_no_error (error);
  message = sign_in (f, staff_a, password_a);
  g_assert_nonnull (strstr (message, "more than 7 days ago"));
  g_clear_pointer (&message, g_free);
  g_assert_null (yrs_staff_auth_get_staff_id (f->auth));

  /* A 10-day period lets the same sign-in through. */
  g_settings_set_uint (f->settings, "offline-signin-days", 10);
  g_assert_null (sign_in (f, staff_a, password_a));
  g_assert_cmpstr (yrs_staff_auth_get_staff_id (f->auth), ==, staff_a);
  yrs_tablet_sign_out (f->tablet);

  /* A period of 0 days: offline sign-in off. */
  g_settings_set_uint (f->settings, "offline-signin-days", 0);
  message = sign_in (f, staff_a, password_a);
  g_assert_nonnull (strstr (message, "more than 0 days ago"));
}

static void
on_synced_flag (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Issue 18, point 4: offline sign-in attempts are limited on the device.
 * After 5 failures each try waits a growing delay; after 10 the tablet
 * forgets her verifier and wrapped key; her queued submission still goes
 * (sealed to the city) once another staff member syncs. */
static void
test_offline_attempts (Fixture       *f,
                       gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  g_autofree char *password_a = g_strdup (yrs_test_server_get_staff_password (f->server));
  g_autofree char *owner = g_strconcat ("staff:", staff_a, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = NULL;
  guint failures = 0;
  gint64 last_failure = 0;

  g_assert_true (yrs_store_set_city_key (f->store, yrs_test_server_get_city_key (f->server), &error));
  g_assert_no_error (error);

  /* Online once: her verifier and wrapped data key on the tablet. */
  g_assert_null (sign_in (f, staff_a, password_a));
  yrs_tablet_sign_out (f->tablet);
  wrapped = yrs_store_get_staff_wrapped_key (f->store, staff_a, &error);
  g_assert_nonnull (wrapped);
  {
    gsize n = g_bytes_get_size (wrapped);
    const char *bytes = g_bytes_get_data (wrapped, NULL);

    for (gsize i = 0; i + strlen (password_a) <= n; i++)
      g_assert_true (memcmp (bytes + i, password_a, strlen (password_a)) != 0);
  }

  /* Offline: her day's submission waits in the outbox, sealed. */
  yrs_test_server_stop (f->server);
  g_assert_null (sign_in (f, staff_a, password_a));
  g_assert_true (yrs_store_is_owner_unlocked (f->store, owner));
  {
    g_autoptr(YrsOutboxItem) item =
      yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_REGISTRATION, owner,
                                "{\"name\":\"" A_SECRET "\",\"name_kana\":\"ヤマダ ハナコ\","
                                "\"phone\":\"0781234567\",\"due_on\":\"2027-02-01\"}", &error);

    g_assert_no_error (error);
    g_assert_null (strstr (item->payload, A_SECRET));
    key = g_strdup (item->idempotency_key);
  }
  yrs_tablet_sign_out (f->tablet);
  g_assert_false (yrs_store_is_owner_unlocked (f->store, owner));

  /* Four wrong passwords: told so, no wait yet. */
  for (guint i = 1; i <= 4; i++)
    {
      message = sign_in (f, staff_a, "guess-1234");
      g_assert_nonnull (strstr (message, "not right"));
      g_assert_null (strstr (message, "Wait"));
      g_clear_pointer (&message, g_free);
    }
  /* The fifth: a wait begins. */
  message = sign_in (f, staff_a, "guess-1234");
  g_assert_nonnull (strstr (message, "Wait 30 seconds"));
  g_clear_pointer (&message, g_free);
  /* Within the wait even her right password is not tried. */
  message = sign_in (f, staff_a, password_a);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "Too many wrong passwords. Wait"));
  g_clear_pointer (&message, g_free);
  g_assert_null (yrs_staff_auth_get_staff_id (f->auth));
  g_assert_true (yrs_store_get_staff_failures (f->store, staff_a, &failures, &last_failure, &error));
  g_assert_cmpuint (failures, ==, 5);

  /* The waits grow: 30, 60, 120 s, … Time passes (the last failure is
   * moved back by the wait) for each next guess. */
  for (guint n = 5; n < 7; n++)
    {
      g_autofree char *want = g_strdup_printf ("Wait %u seconds", 30u << (n + 1 - 5));

      g_assert_true (yrs_store_set_staff_failures (f->store, staff_a, n,
                                                   g_get_real_time () - (gint64) (30u << (n - 5)) * G_USEC_PER_SEC - G_USEC_PER_SEC,
                                                   &error));
      message = sign_in (f, staff_a, "guess-1234");
      g_test_message ("%u: %s", n + 1, message);
      g_assert_nonnull (strstr (message, want));
      g_clear_pointer (&message, g_free);
    }
  /* The tenth wrong password: she is forgotten on this tablet. */
  g_assert_true (yrs_store_set_staff_failures (f->store, staff_a, 9, g_get_real_time () - (gint64) 3600 * G_USEC_PER_SEC, &error));
  message = sign_in (f, staff_a, "guess-1234");
  g_assert_nonnull (strstr (message, "no longer lets you sign in without a network"));
  g_clear_pointer (&message, g_free);
  g_assert_false (yrs_store_get_staff_credential (f->store, staff_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (yrs_store_get_staff_wrapped_key (f->store, staff_a, &error));
  message = sign_in (f, staff_a, password_a);
  g_assert_nonnull (strstr (message, "not signed in on this tablet with a network"));
  g_clear_pointer (&message, g_free);

  /* Her submission still goes: a colleague signs in online and the
   * engine sends every owner's rows; the city opens it. */
  g_assert_true (yrs_test_server_restart (f->server, &error));
  g_assert_no_error (error);
  g_assert_null (sign_in (f, STAFF_B_ID, STAFF_B_PASSWORD));
  yrs_sync_engine_set_token (f->sync, yrs_staff_auth_get_token (f->auth));
  {
    gboolean done = FALSE;

    yrs_sync_engine_sync_async (f->sync, NULL, on_synced_flag, &done);
    yrs_gui_wait_until (flag_set, &done, 30000);
  }
  {
    g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (f->store, key, &error);

    g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  }
}

static gboolean
is_locked (gpointer data)
{
  return yrs_tablet_get_locked (YRS_TABLET (data));
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  const char *password_a = yrs_test_server_get_staff_password (f->server);
  YrsSession *session = yrs_window_get_session (f->window);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  g_assert_null (sign_in (f, staff_a, password_a));
  yrs_session_set_field (session, "applicant.name", A_SECRET);

  /* The shortest timeout the settings allow. */
  g_settings_set_uint (f->settings, "idle-timeout-seconds", 5);
  g_assert_true (yrs_gui_wait_until (is_locked, f->tablet, 15000));
  g_assert_nonnull (yrs_window_get_gate (f->window));

  /* The lock screen shows nothing of the session. */
  text = yrs_gui_collect_text (yrs_window_get_gate (f->window));
  g_assert_null (strstr (text, A_SECRET));
  g_assert_nonnull (strstr (text, staff_a));

  /* Another staff member's password does not open it. */
  message = sign_in (f, NULL, STAFF_B_PASSWORD);
  g_assert_nonnull (strstr (message, "not right"));
  g_assert_true (yrs_tablet_get_locked (f->tablet));

  g_assert_null (sign_in (f, NULL, password_a));
  g_assert_false (yrs_tablet_get_locked (f->tablet));
  g_assert_cmpstr (yrs_session_get_field (session, "applicant.name"), ==, A_SECRET);

  /* Five wrong passwords sign out. */
  g_settings_set_uint (f->settings, "idle-timeout-seconds", 3600);
  yrs_tablet_lock (f->tablet);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *m = sign_in (f, NULL, "wrong");

      g_assert_nonnull (strstr (m, "not right"));
      g_assert_true (yrs_tablet_get_locked (f->tablet));
    }
  /* The fifth: the lock screen gives way to the sign-in page. */
  g_assert_null (sign_in (f, NULL, "wrong"));
  yrs_gui_flush ();
  g_assert_false (yrs_tablet_get_locked (f->tablet));
  g_assert_nonnull (yrs_window_get_gate (f->window));
  g_assert_null (yrs_staff_auth_get_staff_id (f->auth));
  g_assert_null (yrs_session_get_field (session, "applicant.name"));
}

static void
go_outbox (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "tablet.outbox", NULL);
  yrs_gui_flush ();
}

static void
test_separation (Fixture       *f,
                 gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  const char *password_a = yrs_test_server_get_staff_password (f->server);
  YrsSession *session = yrs_window_get_session (f->window);
  g_autofree char *owner_a = g_strconcat ("staff:", staff_a, NULL);
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(YrsReceipt) receipt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page;

  g_assert_null (sign_in (f, staff_a, password_a));
  yrs_session_set_field (session, "applicant.name", A_SECRET);
  payload = g_strdup_printf ("{\"name\":\"%s\"}", A_SECRET);
  item = yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_APPLICATION, owner_a, payload, &error);
  g_assert_no_error (error);
  receipt = yrs_store_add_receipt (f->store, owner_a, "YRS-TEST-0001", "application", A_SECRET, &error);
  g_assert_no_error (error);

  go_outbox (f);
  page = yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
  g_assert_true (YRS_IS_OUTBOX_PAGE (page));
  g_assert_cmpuint (yrs_outbox_page_get_n_rows (YRS_OUTBOX_PAGE (page)), ==, 1);
  text = yrs_gui_collect_text (page);
  {
    g_autofree char *words = yrs_sync_describe_outbox_item (item);

    g_assert_nonnull (strstr (text, words));
  }
  g_clear_pointer (&text, g_free);

  /* Rejected by the city: the reason in words, and discard. */
  g_assert_true (yrs_store_outbox_mark_sending (f->store, item->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, item->idempotency_key,
                                                 "{\"status\":422,\"type\":\"urn:yorisoi:problem:validation\","
                                                 "\"title\":\"Invalid\",\"errors\":[{\"field\":\"bank.number\",\"code\":\"format\"}]}",
                                                 &error));
  g_assert_no_error (error);
  yrs_outbox_page_refresh (YRS_OUTBOX_PAGE (page));
  text = yrs_gui_collect_text (page);
  {
    g_autoptr(YrsOutboxItem) rejected = yrs_store_outbox_get (f->store, item->idempotency_key, &error);
    g_autofree char *words = yrs_sync_describe_outbox_item (rejected);

    /* The reason in words, not the server's JSON. */
    g_assert_nonnull (strstr (text, words));
    g_assert_null (strstr (text, "urn:yorisoi"));
    g_assert_null (strstr (text, "422"));
  }
  g_assert_nonnull (strstr (text, "Discard…"));
  g_clear_pointer (&text, g_free);

  yrs_tablet_sign_out (f->tablet);

  /* Nurse B on the same tablet. */
  g_assert_null (sign_in (f, STAFF_B_ID, STAFF_B_PASSWORD));
  g_assert_null (yrs_session_get_field (session, "applicant.name"));
  go_outbox (f);
  page = yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
  g_assert_true (YRS_IS_OUTBOX_PAGE (page));
  g_assert_cmpuint (yrs_outbox_page_get_n_rows (YRS_OUTBOX_PAGE (page)), ==, 0);
  text = yrs_gui_collect_text (GTK_WIDGET (f->window));
  g_assert_null (strstr (text, A_SECRET));
  g_clear_pointer (&text, g_free);

  list = yrs_store_list_receipts (f->store, "staff:" STAFF_B_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yrs_store_list_drafts (f->store, "staff:" STAFF_B_ID, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_assert_null (strstr (((YrsDraft *) g_ptr_array_index (list, i))->content, A_SECRET));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* B cannot discard A's row. */
  g_assert_false (yrs_outbox_page_discard (YRS_OUTBOX_PAGE (page), item->idempotency_key, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  yrs_tablet_sign_out (f->tablet);

  /* A again: their draft is back, and they can discard their row. */
  g_assert_null (sign_in (f, staff_a, password_a));
  g_assert_cmpstr (yrs_session_get_field (session, "applicant.name"), ==, A_SECRET);
  go_outbox (f);
  page = yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
  g_assert_cmpuint (yrs_outbox_page_get_n_rows (YRS_OUTBOX_PAGE (page)), ==, 1);
  g_assert_true (yrs_outbox_page_discard (YRS_OUTBOX_PAGE (page), item->idempotency_key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yrs_outbox_page_get_n_rows (YRS_OUTBOX_PAGE (page)), ==, 0);
  list = yrs_store_list_receipts (f->store, owner_a, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

/* Issue 20, point 1: "Next family" (the staff menu's action) ends family
 * A's visit: nothing of A in the session, on screen or in the draft; the
 * check starts again; the booking does not take A's registration; the
 * nurse stays signed in with her outbox. */
static void
test_next_family (Fixture       *f,
                  gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  YrsSession *session = yrs_window_get_session (f->window);
  g_autofree char *owner = g_strconcat ("staff:", staff_a, NULL);
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  YrsAnswers *answers;

  g_assert_null (sign_in (f, staff_a, yrs_test_server_get_staff_password (f->server)));
  answers = yrs_session_get_answers (session);
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  yrs_session_set_check_step (session, 2);
  yrs_session_set_field (session, "applicant.name", A_SECRET);
  key = yrs_session_submit (session, "registration", "{\"name\":\"" A_SECRET "\"}", &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_sending (f->store, key, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (f->store, key, "REG-ABCD-EFGH", &error));
  g_assert_no_error (error);
  yrs_booking_flow_reload (yrs_session_get_booking_flow (session));
  g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (session)),
                   ==, YRS_REGISTRATION_REGISTERED);
  yrs_shell_go (yrs_window_get_shell (f->window), "reserve");
  yrs_gui_flush ();
  text = yrs_gui_collect_text (GTK_WIDGET (f->window));
  g_assert_nonnull (strstr (text, "REG-ABCD-EFGH"));
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "tablet.next-family", NULL);
  yrs_gui_flush ();

  /* Still signed in, on an empty start page. */
  g_assert_null (yrs_window_get_gate (f->window));
  g_assert_cmpstr (yrs_session_get_owner (session), ==, owner);
  g_assert_cmpstr (yrs_session_get_page (session), ==, "welcome");
  g_assert_null (yrs_session_get_field (session, "applicant.name"));
  g_assert_false (yrs_answers_has (yrs_session_get_answers (session), "pregnancy.status"));
  g_assert_cmpuint (yrs_session_get_check_step (session), ==, 0);

  /* The booking page asks the next family to register. */
  yrs_shell_go (yrs_window_get_shell (f->window), "reserve");
  yrs_gui_flush ();
  g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (session)),
                   ==, YRS_REGISTRATION_NONE);
  text = yrs_gui_collect_text (GTK_WIDGET (f->window));
  g_assert_null (strstr (text, A_SECRET));
  g_assert_null (strstr (text, "REG-ABCD-EFGH"));
  g_clear_pointer (&text, g_free);

  /* Nor in her drafts; her outbox keeps the row. */
  yrs_store_flush_drafts (f->store, NULL);
  list = yrs_store_list_drafts (f->store, owner, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const char *content = ((YrsDraft *) g_ptr_array_index (list, i))->content;

      g_assert_null (strstr (content, A_SECRET));
      g_assert_null (strstr (content, key));
    }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yrs_store_outbox_list (f->store, owner, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

static gboolean
indicator_says (gpointer data)
{
  GtkWidget *indicator = ((gpointer *) data)[0];
  const char *want = ((gpointer *) data)[1];

  return g_strcmp0 (yrs_sync_indicator_get_text (YRS_SYNC_INDICATOR (indicator)), want) == 0;
}

static void
wait_for_text (GtkWidget  *indicator,
               const char *want)
{
  gpointer args[2] = { indicator, (gpointer) want };

  if (!yrs_gui_wait_until (indicator_says, args, 60000))
    g_error ("The indicator says “%s”, not “%s”",
             yrs_sync_indicator_get_text (YRS_SYNC_INDICATOR (indicator)), want);
}

static void
test_sync_indicator (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(YrsSyncStatus) status = yrs_sync_status_new (f->sync);
  GtkWidget *indicator = g_object_ref_sink (yrs_sync_indicator_new (status));

  g_assert_cmpstr (yrs_sync_indicator_get_text (YRS_SYNC_INDICATOR (indicator)), ==, "Synced");

  /* A row waiting, and no server: offline, with the count. */
  item = yrs_store_outbox_enqueue (f->store, YRS_OUTBOX_KIND_APPLICATION,
                                   "staff:" STAFF_B_ID, "{\"bad\":true}", &error);
  g_assert_no_error (error);
  yrs_test_server_stop (f->server);
  yrs_sync_engine_sync_async (f->sync, NULL, NULL, NULL);
  wait_for_text (indicator, "Offline: 1 waiting");

  /* The server back: the bad row is rejected, the indicator says so. */
  g_assert_true (yrs_test_server_restart (f->server, &error));
  g_assert_no_error (error);
  yrs_sync_engine_set_token (f->sync, yrs_test_server_get_kiosk_token (f->server));
  yrs_sync_engine_sync_async (f->sync, NULL, NULL, NULL);
  wait_for_text (indicator, "1 failed");

  g_assert_true (yrs_store_outbox_discard (f->store, item->idempotency_key, "staff:" STAFF_B_ID, &error));
  g_assert_no_error (error);
  yrs_sync_engine_sync_async (f->sync, NULL, NULL, NULL);
  wait_for_text (indicator, "Synced");

  g_object_unref (indicator);
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YRS_IS_PREFERENCES_WINDOW (window))
        return window;
    }
  return NULL;
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  const char *staff_a = yrs_test_server_get_staff_id (f->server);
  const char *password_a = yrs_test_server_get_staff_password (f->server);
  g_autofree char *url = NULL;
  GtkWindow *prefs;
  GtkWidget *row;

  /* Staff only: nothing opens before a sign-in. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "tablet.preferences", NULL);
  yrs_gui_flush ();
  g_assert_null (find_preferences ());

  g_assert_null (sign_in (f, staff_a, password_a));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "tablet.preferences", NULL);
  yrs_gui_flush ();
  prefs = find_preferences ();
  g_assert_nonnull (prefs);

  /* The server address is checked before it is kept. */
  row = yrs_gui_find (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  while (row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Server address") != 0)
    {
      GtkWidget *next = NULL;

      for (GtkWidget *w = gtk_widget_get_next_sibling (row); w != NULL && next == NULL; w = gtk_widget_get_next_sibling (w))
        next = yrs_gui_find (w, ADW_TYPE_ENTRY_ROW);
      if (next == NULL)
        {
          /* Next group. */
          GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

          for (GtkWidget *w = gtk_widget_get_next_sibling (group); w != NULL && next == NULL; w = gtk_widget_get_next_sibling (w))
            next = yrs_gui_find (w, ADW_TYPE_ENTRY_ROW);
        }
      row = next;
    }
  g_assert_nonnull (row);
  url = g_settings_get_string (f->settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (row), "ftp://example.jp");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  {
    g_autofree char *now = g_settings_get_string (f->settings, "server-url");

    g_assert_cmpstr (now, ==, url);
  }
  /* TLS or nothing (issue 18): plain http:// to another host is
   * refused, said in place, and what she typed stays; loopback is fine. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://api.city.example.jp");
  g_signal_emit_by_name (row, "apply");
  yrs_gui_flush ();
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "http://api.city.example.jp");
  {
    g_autofree char *now = g_settings_get_string (f->settings, "server-url");
    GtkWidget *problem = gtk_widget_get_next_sibling (row);

    g_assert_cmpstr (now, ==, url);
    g_assert_true (ADW_IS_ACTION_ROW (problem));
    g_assert_true (gtk_widget_get_visible (problem));
    g_test_message ("%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (problem)));
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (problem)), "https://"));
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "http://127.0.0.1:8081");
  g_signal_emit_by_name (row, "apply");
  yrs_gui_flush ();
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (row)));
  {
    g_autofree char *now = g_settings_get_string (f->settings, "server-url");

    g_assert_cmpstr (now, ==, "http://127.0.0.1:8081");
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "https://api.city.example.jp");
  g_signal_emit_by_name (row, "apply");
  {
    g_autofree char *now = g_settings_get_string (f->settings, "server-url");

    g_assert_cmpstr (now, ==, "https://api.city.example.jp");
  }
  g_settings_reset (f->settings, "server-url");

  /* The lock closes it: it could show what the lock hides. */
  yrs_tablet_lock (f->tablet);
  yrs_gui_flush ();
  g_assert_null (find_preferences ());
}


static GtkWidget *
find_with_class (GtkWidget  *root,
                 GType       type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_css_name (GtkWidget  *root,
                  const char *name,
                  GPtrArray  *found)
{
  if (g_str_equal (gtk_widget_get_css_name (root), name))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_css_name (child, name, found);
}

static void wait_a_while (void);

/* Issue 21, point 4: on a tablet the system's keyboard and input method
 * are the way in: no in-app keypad when a field takes the focus, and a
 * physical keyboard types into the field. */
static void
test_keyboard_no_keypad (Fixture       *f,
                         gconstpointer  data)
{
  YrsSession *session;
  GtkWidget *page, *input;
  YrsGuiTextWait w;

  g_assert_null (sign_in (f, yrs_test_server_get_staff_id (f->server),
                          yrs_test_server_get_staff_password (f->server)));
  session = yrs_window_get_session (f->window);
  yrs_session_set_field (session, "apply.programme", "support_payment_pregnancy");
  yrs_shell_go (yrs_window_get_shell (f->window), "apply");
  yrs_gui_flush ();
  page = yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
  g_assert_true (YRS_IS_APPLY_PAGE (page));
  input = yrs_apply_page_get_input (YRS_APPLY_PAGE (page), "applicant.kana");
  gtk_widget_grab_focus (input);
  wait_a_while ();
  g_assert_true (gtk_widget_has_focus (input) || gtk_widget_get_focus_child (input) != NULL);
  g_assert_null (yrs_window_get_keyboard (f->window));
  yrs_gui_assert_system_input_method (input);

  yrs_gui_type_on_keyboard (input, "yamada");
  w = (YrsGuiTextWait) { GTK_EDITABLE (input), "yamada" };
  if (!yrs_gui_wait_until (yrs_gui_text_is, &w, 10000))
    g_error ("the field holds '%s', not 'yamada'", gtk_editable_get_text (GTK_EDITABLE (input)));
  g_assert_null (yrs_window_get_keyboard (f->window));
}

/* The window transient for ours that shows the SOS page, or NULL. */
static GtkWidget *
sos_window (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) other = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (GTK_WINDOW (other)) == GTK_WINDOW (f->window) &&
          gtk_widget_get_visible (other) &&
          yrs_gui_find (other, YRS_TYPE_SOS_PAGE) != NULL)
        return other;
    }
  return NULL;
}

static gboolean
sos_window_gone (gpointer data)
{
  return sos_window (data) == NULL;
}

static void
wait_a_while (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Issue 20, point 12: the sign-in screen has the SOS button, as the
 * welcome page has (the SOS page over it, and back); and the staff menu's
 * items are at least 44 px high, with the app's style sheet. */
static void
test_sign_in_sos_and_staff_menu (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GtkWidget *gate = yrs_window_get_gate (f->window);
  GtkWidget *button, *sos, *home, *menu, *popover;

  gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  wait_a_while ();

  g_assert_nonnull (gate);
  button = find_with_class (gate, GTK_TYPE_BUTTON, "sos-button");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpint (gtk_widget_get_height (button), >=, 44);
  g_signal_emit_by_name (button, "clicked");
  wait_a_while ();
  sos = sos_window (f);
  g_assert_nonnull (sos);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (sos)));
  /* Its "Back to the start" goes back to the sign-in. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_css_name (sos, "button", buttons);
    home = NULL;
    for (guint i = 0; i < buttons->len; i++)
      if (GTK_IS_ACTIONABLE (buttons->pdata[i]) &&
          g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "shell.home") == 0)
        home = buttons->pdata[i];
  }
  g_assert_nonnull (home);
  g_assert_true (gtk_widget_is_sensitive (home));
  g_signal_emit_by_name (home, "clicked");
  g_assert_true (yrs_gui_wait_until (sos_window_gone, f, 5000));
  g_assert_true (yrs_window_get_gate (f->window) == gate);

  /* Signed in: the staff menu, open. */
  g_assert_null (sign_in (f, yrs_test_server_get_staff_id (f->server),
                          yrs_test_server_get_staff_password (f->server)));
  menu = find_with_class (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu);
  wait_a_while ();
  g_assert_cmpint (gtk_widget_get_height (menu), >=, 44);
  g_assert_cmpint (gtk_widget_get_width (menu), >=, 44);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  wait_a_while ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  collect_css_name (popover, "modelbutton", items);
  g_assert_cmpuint (items->len, >=, 5);
  for (guint i = 0; i < items->len; i++)
    {
      g_test_message ("a staff menu item: %d px high", gtk_widget_get_height (items->pdata[i]));
      g_assert_cmpint (gtk_widget_get_height (items->pdata[i]), >=, 44);
    }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* The toggle for `code` ("ja", "en") in the gate's language switch. */
static GtkWidget *
gate_language_button (Fixture    *f,
                      const char *code)
{
  GtkWidget *gate = yrs_window_get_gate (f->window);
  GtkWidget *box;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  g_assert_nonnull (gate);
  box = find_with_class (gate, GTK_TYPE_BOX, "language-switcher");
  g_assert_nonnull (box);
  g_assert_true (gtk_widget_get_mapped (box));
  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c));

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), code) == 0)
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
gate_says (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0 &&
      gtk_widget_get_mapped (root))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gate_says (c, text))
      return TRUE;
  return FALSE;
}

/* Review 6: the sign-in screen has the language switch the header has
 * after sign-in; a tap turns the gate (and, once signed in, the app)
 * into the other language, the locked screen with her staff ID too. */
static void
test_sign_in_language (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *ja = gate_language_button (f, "ja");
  GtkWidget *en = gate_language_button (f, "en");
  const char *staff = yrs_test_server_get_staff_id (f->server);
  g_autofree char *locked_en = g_strdup_printf ("Signed in as %s. Enter your password to unlock. "
                                                "What you were doing is kept.", staff);
  g_autofree char *locked_ja = g_strdup_printf ("%s でログイン中です。ロックを解除するにはパスワードを入力してください。"
                                                "作業中の内容はそのまま残っています。", staff);

  /* With the app's style sheet, as the SOS button is measured. */
  gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  wait_a_while ();
  g_assert_cmpint (gtk_widget_get_height (ja), >=, 44);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (en)));
  g_assert_true (gate_says (yrs_window_get_gate (f->window), "Staff sign-in"));

  g_signal_emit_by_name (ja, "clicked");
  wait_a_while ();
  g_assert_cmpstr (yrs_i18n_get_language (), ==, "ja");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ja)));
  g_assert_true (gate_says (yrs_window_get_gate (f->window), "職員ログイン"));
  g_assert_false (gate_says (yrs_window_get_gate (f->window), "Staff sign-in"));

  /* Signed in, locked: the locked screen in Japanese, then English. */
  g_assert_null (sign_in (f, staff, yrs_test_server_get_staff_password (f->server)));
  yrs_tablet_lock (f->tablet);
  wait_a_while ();
  g_assert_true (gate_says (yrs_window_get_gate (f->window), locked_ja));
  g_signal_emit_by_name (gate_language_button (f, "en"), "clicked");
  wait_a_while ();
  g_assert_cmpstr (yrs_i18n_get_language (), ==, "en");
  g_assert_true (gate_says (yrs_window_get_gate (f->window), locked_en));
  g_assert_true (gate_says (yrs_window_get_gate (f->window), "Locked"));
  g_assert_null (sign_in (f, NULL, yrs_test_server_get_staff_password (f->server)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add ("/tablet/sign-in-online-offline", Fixture, NULL, fixture_set_up, test_sign_in_online_offline, fixture_tear_down);
  g_test_add ("/tablet/sign-in-language", Fixture, NULL, fixture_set_up, test_sign_in_language, fixture_tear_down);
  g_test_add ("/tablet/idle-lock", Fixture, NULL, fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/tablet/separation", Fixture, NULL, fixture_set_up, test_separation, fixture_tear_down);
  g_test_add ("/tablet/next-family", Fixture, NULL, fixture_set_up, test_next_family, fixture_tear_down);
  g_test_add ("/tablet/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/tablet/offline-attempts", Fixture, NULL, fixture_set_up, test_offline_attempts, fixture_tear_down);
  g_test_add ("/tablet/sync-indicator", Fixture, NULL, fixture_set_up, test_sync_indicator, fixture_tear_down);
  g_test_add ("/tablet/keyboard-no-keypad", Fixture, NULL, fixture_set_up, test_keyboard_no_keypad, fixture_tear_down);
  g_test_add ("/tablet/sign-in-sos-and-staff-menu", Fixture, NULL, fixture_set_up, test_sign_in_sos_and_staff_menu, fixture_tear_down);

  return g_test_run ();
}
