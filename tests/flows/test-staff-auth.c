/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsStaffAuth's password change (issue 18), against the real
 * yorisoi-server over loopback and a real store file: the server takes the
 * new password only with the right current one; her data key is wrapped
 * again under the new password and the offline verifier replaced, so the
 * drafts she wrote before the change open offline with the new password
 * and the old one no longer signs in. Without the server nothing changes
 * and she is told it needs the city's server. */

#include "config.h"

#include <sodium.h>
#include <glib/gstdio.h>

#include "yrs-i18n.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-test-server.h"
#include "test-store-util.h"

#define NEW_PASSWORD "kobe-harbour-2026"
#define DRAFT        "{\"fields\":{\"applicant.name\":\"before the change\"}}"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
wait_for (Wait *w)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!w->done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
}

static void
signed_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = yrs_staff_auth_sign_in_finish (YRS_STAFF_AUTH (source), result, &w->error);
  w->done = TRUE;
}

static void
changed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = yrs_staff_auth_change_password_finish (YRS_STAFF_AUTH (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
sign_in (YrsStaffAuth  *auth,
         const char    *staff_id,
         const char    *password,
         GError       **error)
{
  Wait w = { 0 };

  yrs_staff_auth_sign_in_async (auth, staff_id, password, NULL, signed_in, &w);
  wait_for (&w);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static gboolean
change (YrsStaffAuth  *auth,
        const char    *current,
        const char    *new_password,
        GError       **error)
{
  Wait w = { 0 };

  yrs_staff_auth_change_password_async (auth, current, new_password, NULL, changed, &w);
  wait_for (&w);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static void
test_rewrap (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *db = g_build_filename (tmp, "yorisoi.db", NULL);
  g_autoptr(YrsTestServer) server = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(YrsSyncEngine) sync = NULL;
  g_autoptr(YrsStaffAuth) auth = NULL;
  g_autofree char *staff_id = NULL;
  g_autofree char *password = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *old_verifier = NULL;
  g_autofree char *new_verifier = NULL;
  g_autofree char *content = NULL;

  server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  staff_id = g_strdup (yrs_test_server_get_staff_id (server));
  password = g_strdup (yrs_test_server_get_staff_password (server));
  owner = g_strconcat ("staff:", staff_id, NULL);
  g_settings_set_uint (settings, "offline-signin-days", 7);

  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  sync = yrs_sync_engine_new (store, yrs_test_server_get_url (server));
  auth = yrs_staff_auth_new (store, yrs_sync_engine_get_client (sync), settings);

  /* Online in the morning; a draft written before the change. */
  g_assert_true (sign_in (auth, staff_id, password, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_staff_auth_get_online (auth));
  yrs_sync_engine_set_token (sync, yrs_staff_auth_get_token (auth));
  g_assert_true (yrs_store_save_draft (store, owner, "answers", DRAFT, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_get_staff_credential (store, staff_id, &old_verifier, NULL, &error));

  /* Refused on the device, before anything is sent. */
  g_assert_false (change (auth, password, "short", &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10 characters"));
  g_clear_error (&error);
  g_assert_false (change (auth, NEW_PASSWORD, NEW_PASSWORD, &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (yrs_test_server_count_requests (server, "POST", "/v1/staff/password", 0), ==, 0);

  /* A wrong current password: the server says so; nothing changes here. */
  g_assert_false (change (auth, "not-her-password", NEW_PASSWORD, &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_true (yrs_store_get_staff_credential (store, staff_id, &new_verifier, NULL, &error));
  g_assert_cmpstr (new_verifier, ==, old_verifier);
  g_clear_pointer (&new_verifier, g_free);

  /* The right one. */
  g_assert_true (change (auth, password, NEW_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_get_staff_credential (store, staff_id, &new_verifier, NULL, &error));
  g_assert_cmpstr (new_verifier, !=, old_verifier);
  /* She stays signed in, her drafts open. */
  g_assert_cmpstr (yrs_staff_auth_get_staff_id (auth), ==, staff_id);
  content = yrs_store_load_draft (store, owner, "answers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content, ==, DRAFT);
  g_clear_pointer (&content, g_free);

  /* No server: nothing changes, and she is told why. */
  yrs_test_server_stop (server);
  g_assert_false (change (auth, NEW_PASSWORD, "yet-another-password", &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEEDS_SERVER);
  g_assert_nonnull (strstr (error->message, "city's server"));
  g_clear_error (&error);
  yrs_staff_auth_sign_out (auth);
  g_assert_false (yrs_store_is_owner_unlocked (store, owner));

  /* Offline: the old password fails, the new one opens the same drafts. */
  g_assert_false (sign_in (auth, staff_id, password, &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_false (yrs_store_is_owner_unlocked (store, owner));
  g_assert_true (sign_in (auth, staff_id, NEW_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_false (yrs_staff_auth_get_online (auth));
  g_assert_null (yrs_staff_auth_get_notice (auth));
  content = yrs_store_load_draft (store, owner, "answers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content, ==, DRAFT);
  g_clear_pointer (&content, g_free);

  /* Signed in offline: no token to show the server. */
  g_assert_false (change (auth, NEW_PASSWORD, "yet-another-password", &error));
  g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEEDS_SERVER);
  g_clear_error (&error);
  yrs_staff_auth_sign_out (auth);

  /* On a copy of the file, with no server at all: the same. */
  {
    g_autoptr(YrsStore) again = NULL;
    g_autoptr(YrsStaffAuth) other = NULL;

    g_assert_true (yrs_store_flush_drafts (store, &error));
    g_clear_object (&auth);
    g_clear_object (&sync);
    g_clear_object (&store);
    again = yrs_store_open (db, &error);
    g_assert_no_error (error);
    other = yrs_staff_auth_new (again, NULL, settings);
    g_assert_false (sign_in (other, staff_id, password, &error));
    g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS);
    g_clear_error (&error);
    g_assert_true (sign_in (other, staff_id, NEW_PASSWORD, &error));
    g_assert_no_error (error);
    content = yrs_store_load_draft (again, owner, "answers", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (content, ==, DRAFT);
    yrs_staff_auth_sign_out (other);
  }

  g_settings_reset (settings, "offline-signin-days");
  store_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/staff-auth/change-password/rewrap", test_rewrap);
  return g_test_run ();
}
