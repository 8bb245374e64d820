/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsStore: the file, drafts, outbox, cache, receipts, credentials, and
 * main-thread reads while a worker applies 10,000 slots. */

#include "config.h"

#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "yrs-store.h"
#include "test-store-util.h"

static char *tmp_root;

static YrsStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GError) error = NULL;
  YrsStore *store = yrs_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_open_default_path (void)
{
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (tmp_root, "xdg", "yorisoi", "yorisoi.db", NULL);
  g_autofree char *dir = g_path_get_dirname (expected);
  g_autofree char *wal = g_strconcat (expected, "-wal", NULL);
  g_autofree char *shm = g_strconcat (expected, "-shm", NULL);
  g_autofree char *other = g_build_filename (tmp_root, "elsewhere", "env.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *header = NULL;
  g_autofree char *session = NULL;
  gsize len;
  GStatBuf st;

  g_unsetenv ("YRS_DB");
  path = yrs_store_default_path ();
  g_assert_cmpstr (path, ==, expected);

  store = yrs_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_store_get_path (store), ==, expected);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, 0);
  g_assert_null (yrs_store_get_moved_aside_path (store));

  session = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_save_draft (store, session, "answers", "{}", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Bytes 18 and 19 of the header are 2 in WAL mode. */
  g_assert_true (g_file_get_contents (expected, &header, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  g_assert_cmpint (header[18], ==, 2);
  g_assert_cmpint (header[19], ==, 2);
  g_clear_object (&store);

  /* $YRS_DB wins over the default. */
  g_setenv ("YRS_DB", other, TRUE);
  g_clear_pointer (&path, g_free);
  path = yrs_store_default_path ();
  g_assert_cmpstr (path, ==, other);
  store = yrs_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_store_get_path (store), ==, other);
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  g_unsetenv ("YRS_DB");
}

static void
test_open_bad_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autofree char *file = g_build_filename (tmp_root, "plain-file", NULL);
  g_autofree char *path = g_build_filename (file, "yorisoi.db", NULL);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = yrs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "plain-file"));
}

static void
test_drafts (void)
{
  g_autoptr(YrsStore) store = open_store ("drafts.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *again = NULL;
  g_autofree char *loaded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  const char *content = "{\"answers\":{\"residence.in_city\":true},"
                        "\"fields\":{\"applicant.name\":\"神戸 花子\"}}";

  staff = yrs_store_ensure_staff_session (store, "N0042", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (staff, ==, "staff:N0042");
  again = yrs_store_ensure_staff_session (store, "N0042", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, staff);
  store_test_unlock (store, staff);

  sessions = yrs_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);

  g_assert_null (yrs_store_load_draft (store, staff, "answers", &error));
  g_assert_no_error (error);

  g_assert_true (yrs_store_save_draft (store, staff, "answers", content, &error));
  g_assert_no_error (error);
  loaded = yrs_store_load_draft (store, staff, "answers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded, ==, content);

  /* Bad input: clear errors that name the field. */
  g_assert_false (yrs_store_save_draft (store, staff, "answers", "{not json", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "content"));
  g_clear_error (&error);
  g_assert_false (yrs_store_save_draft (store, staff, "", "{}", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "key"));
  g_clear_error (&error);
  g_assert_false (yrs_store_save_draft (store, "kiosk:nobody", "answers", "{}", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (yrs_store_save_draft (store, staff, "form.childcare", "{\"fields\":{}}", &error));
  g_assert_no_error (error);
  drafts = yrs_store_list_drafts (store, staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (((YrsDraft *) drafts->pdata[0])->key, ==, "answers");
  g_assert_cmpint (((YrsDraft *) drafts->pdata[0])->updated_at, >, 0);

  g_assert_true (yrs_store_delete_draft (store, staff, "form.childcare", &error));
  g_assert_no_error (error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = yrs_store_list_drafts (store, staff, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
}

static void
test_draft_debounce (void)
{
  g_autoptr(YrsStore) store = open_store ("debounce.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *path = g_strdup (yrs_store_get_path (store));
  gint64 first_flush_started;
  gint64 second_queued;
  gint64 second_written = 0;

  g_autofree char *kiosk = NULL;

  /* A staff member's drafts outlive the process (under her key); a kiosk
   * session's key does not (see below). */
  owner = yrs_store_ensure_staff_session (store, "N0077", &error);
  g_assert_no_error (error);
  store_test_unlock (store, owner);
  kiosk = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);

  /* The first change is written as soon as the main loop is idle. */
  g_assert_true (yrs_store_queue_draft (store, owner, "answers", "{\"n\":1}", &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_has_pending_drafts (store));
  /* The store counts its 300 ms from the end of this write, which is
   * after this time but before the loop below returns (by a few ms under
   * valgrind or a loaded machine). */
  first_flush_started = g_get_monotonic_time ();
  while (yrs_store_has_pending_drafts (store))
    g_main_context_iteration (NULL, TRUE);

  /* Further changes within 300 ms are coalesced into one later write; a
   * load sees the newest content meanwhile. */
  second_queued = g_get_monotonic_time ();
  for (int i = 2; i <= 20; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"n\":%d}", i);
      g_autofree char *loaded = NULL;

      g_assert_true (yrs_store_queue_draft (store, owner, "answers", json, &error));
      loaded = yrs_store_load_draft (store, owner, "answers", &error);
      g_assert_cmpstr (loaded, ==, json);
    }
  while (yrs_store_has_pending_drafts (store))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
      g_assert_cmpint (g_get_monotonic_time () - second_queued, <, 5 * G_USEC_PER_SEC);
    }
  second_written = g_get_monotonic_time ();
  g_assert_cmpint (second_written - first_flush_started, >=, 300 * G_TIME_SPAN_MILLISECOND - 1000);

  /* On quit (dispose) whatever is pending is written. */
  g_assert_true (yrs_store_queue_draft (store, owner, "answers", "{\"n\":21}", &error));
  g_assert_true (yrs_store_queue_draft (store, owner, "fields", "{\"applicant.name\":\"x\"}", &error));
  g_assert_true (yrs_store_queue_draft (store, kiosk, "answers", "{\"n\":1}", &error));
  g_assert_true (yrs_store_has_pending_drafts (store));
  g_assert_finalize_object (g_steal_pointer (&store));

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  /* The kiosk session's key lived in the memory of the store that is
   * gone: its draft cannot be read by anyone (issue 18). */
  g_assert_null (yrs_store_load_draft (store, kiosk, "answers", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  /* Her key, handed in again at sign-in, opens hers. */
  store_test_unlock (store, owner);
  {
    g_autofree char *a = yrs_store_load_draft (store, owner, "answers", &error);
    g_autofree char *f = yrs_store_load_draft (store, owner, "fields", &error);

    g_assert_cmpstr (a, ==, "{\"n\":21}");
    g_assert_cmpstr (f, ==, "{\"applicant.name\":\"x\"}");
  }

  /* An explicit flush writes at once. */
  g_assert_true (yrs_store_queue_draft (store, owner, "answers", "{\"n\":22}", &error));
  g_assert_true (yrs_store_flush_drafts (store, &error));
  g_assert_no_error (error);
  g_assert_false (yrs_store_has_pending_drafts (store));
}

static void
test_outbox (void)
{
  g_autoptr(YrsStore) store = open_store ("outbox.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) a1 = NULL;
  g_autoptr(YrsOutboxItem) a2 = NULL;
  g_autoptr(YrsOutboxItem) b1 = NULL;
  g_autoptr(YrsOutboxItem) got = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = g_strdup (yrs_store_get_path (store));
  gint64 now = g_get_real_time ();
  guint pending, failed;

  a1 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, "staff:A",
                                 "{\"pregnancy\":true}", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (a1->idempotency_key));
  g_assert_cmpint (a1->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (a1->tries, ==, 0);
  g_assert_cmpstr (a1->payload, ==, "{\"pregnancy\":true}");
  a2 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_RESERVATION, "staff:A",
                                 "{\"slot\":\"s1\"}", &error);
  g_assert_no_error (error);
  b1 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "kiosk:B",
                                 "{\"programme\":\"p\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a1->idempotency_key, !=, a2->idempotency_key);

  g_assert_null (yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:A",
                                           "[1,2]", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "payload"));
  g_clear_error (&error);
  g_assert_null (yrs_store_outbox_enqueue (store, (YrsOutboxKind) 42, "staff:A", "{}", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One due row per owner, oldest first: a2 waits for a1. */
  due = yrs_store_outbox_next_due (store, g_get_real_time (), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpstr (((YrsOutboxItem *) due->pdata[0])->idempotency_key, ==, a1->idempotency_key);
  g_assert_cmpstr (((YrsOutboxItem *) due->pdata[1])->idempotency_key, ==, b1->idempotency_key);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = yrs_store_outbox_next_due (store, g_get_real_time (), 1, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* a1 goes to sending, and the app "crashes": after reopening it is due
   * again with the same key and its tries counted. */
  g_assert_true (yrs_store_outbox_mark_sending (store, a1->idempotency_key, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  due = yrs_store_outbox_next_due (store, g_get_real_time (), 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
  got = g_steal_pointer (&due->pdata[0]);
  g_ptr_array_remove_index (due, 0);
  g_assert_cmpstr (got->idempotency_key, ==, a1->idempotency_key);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_SENDING);
  g_assert_cmpint (got->tries, ==, 1);
  g_clear_pointer (&got, yrs_outbox_item_free);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A transport error: back off. */
  g_assert_true (yrs_store_outbox_mark_sending (store, a1->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_retry (store, a1->idempotency_key, "HTTP 503",
                                              now + 60 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  got = yrs_store_outbox_get (store, a1->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (got->tries, ==, 2);
  g_assert_cmpstr (got->last_error, ==, "HTTP 503");
  g_clear_pointer (&got, yrs_outbox_item_free);
  due = yrs_store_outbox_next_due (store, g_get_real_time (), 0, &error);
  g_assert_cmpuint (due->len, ==, 1);   /* staff:A waits, in order */
  g_assert_cmpstr (((YrsOutboxItem *) due->pdata[0])->idempotency_key, ==, b1->idempotency_key);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Answers. */
  g_assert_true (yrs_store_outbox_mark_accepted (store, a1->idempotency_key, "KB-1", &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_accepted (store, a1->idempotency_key, "KB-1", &error));
  g_assert_no_error (error);
  g_assert_false (yrs_store_outbox_mark_rejected (store, a1->idempotency_key, "late", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (yrs_store_outbox_mark_sending (store, a1->idempotency_key, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (yrs_store_outbox_mark_accepted (store, "no-such-key", "KB-0", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (yrs_store_outbox_mark_conflict (store, a2->idempotency_key,
                                                 "[{\"slot\":\"s2\"}]", &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_rejected (store, b1->idempotency_key,
                                                 "eligibility.not_resident", &error));
  g_assert_no_error (error);

  got = yrs_store_outbox_get (store, a1->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_cmpstr (got->server_reference, ==, "KB-1");
  /* Accepted: what is personal in it is forgotten (issue 18, point 3). */
  g_assert_cmpstr (got->payload, ==, "{}");
  g_clear_pointer (&got, yrs_outbox_item_free);
  got = yrs_store_outbox_get (store, a2->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_CONFLICT);
  g_assert_cmpstr (got->alternatives, ==, "[{\"slot\":\"s2\"}]");
  g_clear_pointer (&got, yrs_outbox_item_free);
  got = yrs_store_outbox_get (store, b1->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_REJECTED);
  g_assert_cmpstr (got->reason, ==, "eligibility.not_resident");

  g_assert_true (yrs_store_outbox_count (store, &pending, &failed, &error));
  g_assert_cmpuint (pending, ==, 0);
  g_assert_cmpuint (failed, ==, 2);

  list = yrs_store_outbox_list (store, "staff:A", YRS_OUTBOX_STATE_ANY, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_REJECTED, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yrs_store_outbox_list (store, "kiosk:B", YRS_OUTBOX_STATE_ACCEPTED, &error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Staff may discard a rejected or conflicting row of their own, only. */
  g_assert_false (yrs_store_outbox_discard (store, a1->idempotency_key, "staff:A", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (yrs_store_outbox_discard (store, b1->idempotency_key, "staff:A", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (yrs_store_outbox_discard (store, b1->idempotency_key, "kiosk:B", &error));
  g_assert_no_error (error);
  g_assert_null (yrs_store_outbox_get (store, b1->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_count (store, &pending, &failed, &error));
  g_assert_cmpuint (failed, ==, 1);
}

static void
test_catalog_cursor_receipts_credentials (void)
{
  g_autoptr(YrsStore) store = open_store ("misc.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalogVersion) latest = NULL;
  g_autoptr(YrsReceipt) receipt = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *verifier = NULL;
  gint64 online = 0;
  const char *argon = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

  g_assert_null (yrs_store_get_latest_catalog (store, &error));
  g_assert_no_error (error);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *doc = g_strdup_printf ("{\"version\":%d}", i);
      g_autofree char *etag = g_strdup_printf ("\"e%d\"", i);

      g_assert_true (yrs_store_save_catalog (store, doc, etag, 1000 + i, &error));
      g_assert_no_error (error);
    }
  latest = yrs_store_get_latest_catalog (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latest->document, ==, "{\"version\":5}");
  g_assert_cmpstr (latest->etag, ==, "\"e5\"");
  g_assert_cmpint (latest->fetched_at, ==, 1005);
  g_assert_false (yrs_store_save_catalog (store, "<html>", NULL, 1, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, "c-1", &error));
  g_assert_true (yrs_store_set_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, "c-2", &error));
  cursor = yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error);
  g_assert_cmpstr (cursor, ==, "c-2");

  receipt = yrs_store_add_receipt (store, "staff:A", "KB-7", "application", "児童手当", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (receipt->reference, ==, "KB-7");
  g_assert_cmpint (receipt->created_at, >, 0);
  receipts = yrs_store_list_receipts (store, "staff:A", &error);
  g_assert_cmpuint (receipts->len, ==, 1);
  g_assert_cmpstr (((YrsReceipt *) receipts->pdata[0])->summary, ==, "児童手当");

  g_assert_false (yrs_store_get_staff_credential (store, "N1", &verifier, &online, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_staff_credential (store, "N1", argon, 12345, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_get_staff_credential (store, "N1", &verifier, &online, &error));
  g_assert_cmpstr (verifier, ==, argon);
  g_assert_cmpint (online, ==, 12345);
  g_assert_false (yrs_store_set_staff_credential (store, "N1", "plaintext", 1, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (yrs_store_forget_staff_credential (store, "N1", &error));
  g_assert_false (yrs_store_get_staff_credential (store, "N1", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_slots_local (void)
{
  g_autoptr(YrsStore) store = open_store ("slots.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(YrsSlot) got = NULL;
  g_autoptr(YrsStoreFacility) fac = yrs_store_facility_new ("f1", "三宮", "{}", 3);
  g_autoptr(YrsStoreFacility) fac_got = NULL;
  struct { const char *id, *fac, *kind, *start; int cap, booked; } rows[] = {
    { "s1", "f1", "checkup", "2025-05-12T09:00", 4, 1 },
    { "s2", "f1", "checkup", "2025-05-12T10:00", 4, 4 },
    { "s3", "f1", "consult", "2025-05-13T09:00", 2, 0 },
    { "s4", "f2", "checkup", "2025-05-14T23:30", 2, 0 },
    { "s5", "f1", "checkup", "2025-05-15T00:00", 2, 0 },
  };

  g_assert_true (yrs_store_put_facility (store, fac, &error));
  g_assert_no_error (error);
  fac_got = yrs_store_get_facility (store, "f1", &error);
  g_assert_cmpstr (fac_got->name, ==, "三宮");
  g_assert_cmpint (fac_got->revision, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(YrsSlot) s = yrs_slot_new (rows[i].id, rows[i].fac, rows[i].kind,
                                           rows[i].start, rows[i].start,
                                           rows[i].cap, rows[i].booked, 10);

      g_assert_true (yrs_store_put_slot (store, s, &error));
      g_assert_no_error (error);
    }

  list = yrs_store_list_slots (store, "f1", "checkup", YRS_DATE_NONE, YRS_DATE_NONE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yrs_store_list_slots (store, "f1", "checkup", YRS_DATE_NONE, YRS_DATE_NONE, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (yrs_slot_get_free (list->pdata[0]), ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* 12..14 May inclusive: s4 at 23:30 on the 14th is in, s5 on the 15th not. */
  list = yrs_store_list_slots (store, NULL, NULL, yrs_date_new (2025, 5, 12),
                               yrs_date_new (2025, 5, 14), FALSE, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((YrsSlot *) list->pdata[3])->id, ==, "s4");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Offline states as ECache: a synced row becomes a tombstone, a locally
   * created one goes at once. */
  g_assert_true (yrs_store_remove_slot (store, "s1", &error));
  got = yrs_store_get_slot (store, "s1", &error);
  g_assert_cmpint (got->state, ==, YRS_OFFLINE_STATE_LOCALLY_DELETED);
  g_clear_pointer (&got, yrs_slot_free);
  g_assert_true (yrs_store_set_slot_state (store, "s3", YRS_OFFLINE_STATE_LOCALLY_CREATED, 0, &error));
  g_assert_true (yrs_store_remove_slot (store, "s3", &error));
  g_assert_null (yrs_store_get_slot (store, "s3", &error));
  g_assert_no_error (error);
  g_assert_false (yrs_store_remove_slot (store, "nope", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 3);
  g_assert_true (yrs_store_set_slot_state (store, "s2", YRS_OFFLINE_STATE_LOCALLY_MODIFIED, 0, &error));
}

static YrsStoreDelta *
make_delta (guint n,
            guint revision)
{
  YrsStoreDelta *delta = yrs_store_delta_new ();

  g_ptr_array_add (delta->facilities, yrs_store_facility_new ("fac-0", "Facility 0", NULL, revision));
  for (guint i = 0; i < n; i++)
    {
      char id[32], fac[32], start[32], end[32];
      YrsDate day = yrs_date_add_days (yrs_date_new (2025, 4, 1), (int) (i / 40));
      char iso[11];

      yrs_date_to_iso_buf (day, iso);
      g_snprintf (id, sizeof id, "slot-%05u", i);
      g_snprintf (fac, sizeof fac, "fac-%u", i % 20);
      g_snprintf (start, sizeof start, "%sT%02u:%02u", iso, 9 + (i % 40) / 4, (i % 4) * 15);
      g_snprintf (end, sizeof end, "%sT%02u:%02u", iso, 9 + (i % 40) / 4, (i % 4) * 15 + 14);
      g_ptr_array_add (delta->slots,
                       yrs_slot_new (id, fac, i % 3 == 0 ? "checkup" : "consult",
                                     start, end, 4, (int) (i % 5), revision));
    }
  return delta;
}

typedef struct
{
  YrsStore *store;
  char     *owner;
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     reads;
  guint     writes;
  gint64    longest;
  gint64    longest_read;
} ApplyState;

static void
apply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ApplyState *state = user_data;

  state->ok = yrs_store_apply_delta_finish (YRS_STORE (source), result, &state->error);
  state->done = TRUE;
}

static gboolean
read_while_applying (gpointer user_data)
{
  ApplyState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *json = NULL;
  gint64 start = g_get_monotonic_time ();
  guint pending;

  slots = yrs_store_list_slots (state->store, "fac-3", "checkup", yrs_date_new (2025, 4, 1),
                                yrs_date_new (2025, 4, 30), TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slots);
  (void) yrs_store_count_slots (state->store, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_count (state->store, &pending, NULL, &error));
  g_assert_no_error (error);
  state->reads += 3;
  state->longest_read = MAX (state->longest_read, g_get_monotonic_time () - start);

  /* Now and then a main-thread write, which waits its turn instead of
   * failing. */
  if (state->reads % 30 == 0)
    {
      json = g_strdup_printf ("{\"n\":%u}", state->writes);
      g_assert_true (yrs_store_save_draft (state->store, state->owner, "answers", json, &error));
      g_assert_no_error (error);
      state->writes++;
    }

  state->longest = MAX (state->longest, g_get_monotonic_time () - start);
  return G_SOURCE_CONTINUE;
}

static void
test_apply_delta_concurrent (void)
{
  g_autoptr(YrsStore) store = open_store ("delta.db");
  g_autoptr(YrsStoreDelta) delta = make_delta (10000, 1);
  g_autoptr(YrsStoreDelta) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsSlot) local = NULL;
  g_autofree char *cursor = NULL;
  ApplyState state = { 0 };
  gint64 start;
  guint reader;

  state.store = store;
  state.owner = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);

  /* A slot with a pending local change keeps its state through a delta. */
  local = yrs_slot_new ("slot-00007", "fac-7", "consult", "2025-04-01T09:00",
                        "2025-04-01T09:14", 4, 2, 0);
  local->state = YRS_OFFLINE_STATE_LOCALLY_MODIFIED;
  g_assert_true (yrs_store_put_slot (store, local, &error));
  g_clear_pointer (&local, yrs_slot_free);

  delta->slots_cursor = g_strdup ("cursor-1");
  start = g_get_monotonic_time ();
  yrs_store_apply_delta_async (store, delta, NULL, apply_done, &state);
  reader = g_idle_add (read_while_applying, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("10,000 slots applied in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_source_remove (reader);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_test_message ("%u main-thread reads and %u writes during the apply; "
                  "longest main-thread turn %.2f ms (reads alone %.2f ms)",
                  state.reads, state.writes, state.longest / 1000.0,
                  state.longest_read / 1000.0);
  g_assert_cmpuint (state.reads, >, 0);

  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 10000);
  cursor = yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  local = yrs_store_get_slot (store, "slot-00007", &error);
  g_assert_cmpint (local->state, ==, YRS_OFFLINE_STATE_LOCALLY_MODIFIED);
  g_assert_cmpint (local->revision, ==, 1);
  g_clear_pointer (&local, yrs_slot_free);
  local = yrs_store_get_slot (store, "slot-00008", &error);
  g_assert_cmpint (local->state, ==, YRS_OFFLINE_STATE_SYNCED);
  g_clear_pointer (&local, yrs_slot_free);

  /* A second delta removes some (a tombstone too) and updates others. */
  g_assert_true (yrs_store_remove_slot (store, "slot-00009", &error));
  second = yrs_store_delta_new ();
  g_ptr_array_add (second->slots, yrs_slot_new ("slot-00001", "fac-1", "consult",
                                                "2025-04-01T09:00", "2025-04-01T09:14",
                                                6, 6, 2));
  g_ptr_array_add (second->removed_slot_ids, g_strdup ("slot-00009"));
  g_ptr_array_add (second->removed_slot_ids, g_strdup ("slot-00010"));
  second->slots_cursor = g_strdup ("cursor-2");
  state.done = FALSE;
  yrs_store_apply_delta_async (store, second, NULL, apply_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 9998);
  g_assert_null (yrs_store_get_slot (store, "slot-00009", &error));
  local = yrs_store_get_slot (store, "slot-00001", &error);
  g_assert_cmpint (yrs_slot_get_free (local), ==, 0);
  g_assert_cmpint (local->revision, ==, 2);

  g_free (state.owner);
}

static void
test_apply_delta_cancelled (void)
{
  g_autoptr(YrsStore) store = open_store ("cancel.db");
  g_autoptr(YrsStoreDelta) delta = make_delta (10000, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  ApplyState state = { 0 };

  delta->slots_cursor = g_strdup ("never");
  g_cancellable_cancel (cancellable);
  yrs_store_apply_delta_async (store, delta, cancellable, apply_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  cursor = yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error);
  g_assert_null (cursor);
  g_assert_no_error (error);

  /* Cancelled half way: some chunks may be in, the cursor is not. */
  g_cancellable_reset (cancellable);
  state.done = FALSE;
  yrs_store_apply_delta_async (store, delta, cancellable, apply_done, &state);
  g_timeout_add_once (5, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  if (!state.ok)
    {
      g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&state.error);
      cursor = yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error);
      g_assert_null (cursor);
    }
  g_assert_true (yrs_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* Bad rows fail clearly and leave the cursor alone. */
  {
    g_autoptr(YrsStoreDelta) bad = yrs_store_delta_new ();

    g_ptr_array_add (bad->slots, yrs_slot_new ("x", NULL, "k", "a", "b", 1, 0, 1));
    bad->slots_cursor = g_strdup ("bad");
    state.done = FALSE;
    yrs_store_apply_delta_async (store, bad, NULL, apply_done, &state);
    while (!state.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (state.error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (state.error->message, "facility_id"));
    g_clear_error (&state.error);
  }
}

static void
save_catalog_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ApplyState *state = user_data;

  state->ok = yrs_store_save_catalog_finish (YRS_STORE (source), result, &state->error);
  state->done = TRUE;
}

static void
test_save_catalog_async (void)
{
  g_autoptr(YrsStore) store = open_store ("catalog-async.db");
  g_autoptr(YrsCatalogVersion) latest = NULL;
  g_autoptr(GError) error = NULL;
  ApplyState state = { 0 };

  yrs_store_save_catalog_async (store, "{\"big\":true}", "\"e\"", 77, NULL,
                                save_catalog_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  latest = yrs_store_get_latest_catalog (store, &error);
  g_assert_cmpstr (latest->document, ==, "{\"big\":true}");
  g_assert_cmpint (latest->fetched_at, ==, 77);
  iterate_for (1);
}

static void
test_cli_outbox (void)
{
  g_autoptr(YrsStore) store = open_store ("cli.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) a = NULL;
  g_autoptr(YrsOutboxItem) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *cli = g_build_filename (g_getenv ("YRS_BUILD_ROOT"), "src", "cli",
                                           "yorisoi-cli", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (tmp_root, "missing.db", NULL);
  JsonObject *object;
  JsonArray *rows;
  int status;

  a = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:C",
                                "{\"secret\":\"寄添\"}", &error);
  b = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_CANCELLATION, "staff:C", "{}", &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_rejected (store, b->idempotency_key, "too.late", &error));

  {
    const char *argv[] = { cli, "outbox", "--db", yrs_store_get_path (store), "--json", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "pending"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "failed"), ==, 1);
  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "idempotency_key"), ==, a->idempotency_key);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "reason"), ==, "too.late");
  /* Payloads are personal data: only their size is shown. */
  g_assert_null (strstr (out, "寄添"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *argv[] = { cli, "outbox", "--db", yrs_store_get_path (store), NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, b->idempotency_key));
    g_assert_nonnull (strstr (out, "1 pending, 1 failed"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A dump never creates a database. */
  {
    const char *argv[] = { cli, "outbox", "--db", missing, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "missing.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

/* Another process (yorisoi-cli here; the demo test's enqueuer; support
 * staff) opening and closing the database while the app has it open must
 * leave the app's -wal alone. It used not to: opening the worker's second
 * connection (yrs_store_open_another) open()ed and close()d the database
 * file to set its mode, and a close() drops every POSIX lock the process
 * holds on the file, SQLite's included; the other process, finding no
 * other connection, checkpointed and deleted the -wal on close, and the
 * app went on writing into the unlinked file: lost at its next start. */
static void
test_other_process_keeps_wal (void)
{
  g_autoptr(YrsStore) store = open_store ("shared.db");
  g_autoptr(YrsStore) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) first = NULL;
  g_autoptr(YrsOutboxItem) second = NULL;
  g_autofree char *cli = g_build_filename (g_getenv ("YRS_BUILD_ROOT"), "src", "cli",
                                           "yorisoi-cli", NULL);
  g_autofree char *wal = g_strconcat (yrs_store_get_path (store), "-wal", NULL);
  const char *argv[] = { cli, "outbox", "--db", yrs_store_get_path (store), NULL };

  worker = yrs_store_open_another (store, &error);
  g_assert_no_error (error);
  first = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:W", "{}", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, first->idempotency_key));
      /* Still the app's -wal, and what the app writes next is seen. */
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      if (i == 0)
        {
          second = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:W", "{}", &error);
          g_assert_no_error (error);
        }
      else
        g_assert_nonnull (strstr (out, second->idempotency_key));
    }
}

static void
count_outbox_changed (YrsStore   *store,
                      const char *owner,
                      GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (owner != NULL ? owner : "(all)"));
}

/* yrs_store_outbox_make_due(): the one way to make waiting rows due, for
 * one owner or all; rows already due, sending or answered are left alone;
 * tries and the last error stay; outbox-changed only when a row changed. */
static void
test_outbox_make_due (void)
{
  g_autoptr(YrsStore) store = open_store ("make-due.db");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) a1 = NULL;
  g_autoptr(YrsOutboxItem) a2 = NULL;
  g_autoptr(YrsOutboxItem) a3 = NULL;
  g_autoptr(YrsOutboxItem) b1 = NULL;
  YrsOutboxItem *got;
  gint64 now;
  gint64 later;
  guint n = 99;

  g_signal_connect (store, "outbox-changed", G_CALLBACK (count_outbox_changed), seen);

  a1 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:A", "{}", &error);
  g_assert_no_error (error);
  a2 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_RESERVATION, "staff:A", "{}", &error);
  g_assert_no_error (error);
  a3 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, "staff:A", "{}", &error);
  g_assert_no_error (error);
  b1 = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "kiosk:B", "{}", &error);
  g_assert_no_error (error);
  /* Queuing is a change. */
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "staff:A");
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, "kiosk:B");
  g_ptr_array_set_size (seen, 0);
  now = g_get_real_time ();
  later = now + (gint64) 3600 * G_USEC_PER_SEC;

  /* a1 and b1 wait out a backoff; a2 is answered; a3 is due already. */
  g_assert_true (yrs_store_outbox_mark_sending (store, a1->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_retry (store, a1->idempotency_key, "HTTP 503", later, &error));
  g_assert_true (yrs_store_outbox_mark_sending (store, b1->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_retry (store, b1->idempotency_key, "offline", later, &error));
  g_assert_true (yrs_store_outbox_mark_sending (store, a2->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (store, a2->idempotency_key, "{\"status\":422}", &error));
  g_assert_no_error (error);
  due = yrs_store_outbox_next_due (store, now + 1, 0, &error);
  g_assert_cmpuint (due->len, ==, 0);   /* a1 holds staff:A back; b1 waits */
  g_clear_pointer (&due, g_ptr_array_unref);

  /* One owner: only its waiting row. */
  g_assert_true (yrs_store_outbox_make_due (store, "staff:A", now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "staff:A");
  got = yrs_store_outbox_get (store, a1->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (got->next_try_at, ==, now);
  g_assert_cmpint (got->tries, ==, 1);
  g_assert_cmpstr (got->last_error, ==, "HTTP 503");
  yrs_outbox_item_free (got);
  got = yrs_store_outbox_get (store, a2->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_REJECTED);
  yrs_outbox_item_free (got);
  got = yrs_store_outbox_get (store, b1->idempotency_key, &error);
  g_assert_cmpint (got->next_try_at, ==, later);
  yrs_outbox_item_free (got);
  due = yrs_store_outbox_next_due (store, now, 0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((YrsOutboxItem *) due->pdata[0])->idempotency_key, ==, a1->idempotency_key);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Again: nothing left to change, and no signal. */
  g_assert_true (yrs_store_outbox_make_due (store, "staff:A", now, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (seen->len, ==, 1);

  /* Every owner. */
  g_assert_true (yrs_store_outbox_make_due (store, NULL, now, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "(all)");
  got = yrs_store_outbox_get (store, b1->idempotency_key, &error);
  g_assert_cmpint (got->next_try_at, ==, now);
  g_assert_cmpstr (got->last_error, ==, "offline");
  yrs_outbox_item_free (got);
  due = yrs_store_outbox_next_due (store, now, 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A discard is a change too. */
  g_assert_true (yrs_store_outbox_discard (store, a2->idempotency_key, "staff:A", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "staff:A");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg = NULL;
  int status;

  tmp_root = store_test_tmpdir ();
  xdg = g_build_filename (tmp_root, "xdg", NULL);
  /* Before anything asks GLib for the data directory. */
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  g_unsetenv ("YRS_DB");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/default-path", test_open_default_path);
  g_test_add_func ("/store/open/bad-path", test_open_bad_path);
  g_test_add_func ("/store/drafts/save-load", test_drafts);
  g_test_add_func ("/store/drafts/debounce-and-flush", test_draft_debounce);
  g_test_add_func ("/store/outbox/lifecycle", test_outbox);
  g_test_add_func ("/store/outbox/make-due", test_outbox_make_due);
  g_test_add_func ("/store/misc/catalog-cursor-receipts-credentials",
                   test_catalog_cursor_receipts_credentials);
  g_test_add_func ("/store/slots/local-states-and-queries", test_slots_local);
  g_test_add_func ("/store/slots/apply-10000-with-main-thread-reads",
                   test_apply_delta_concurrent);
  g_test_add_func ("/store/slots/apply-cancelled", test_apply_delta_cancelled);
  g_test_add_func ("/store/catalog/save-async", test_save_catalog_async);
  g_test_add_func ("/store/cli/outbox-dump", test_cli_outbox);
  g_test_add_func ("/store/open/other-process-keeps-wal", test_other_process_keeps_wal);

  status = g_test_run ();
  store_test_rm_rf (tmp_root);
  g_free (tmp_root);
  return status;
}
