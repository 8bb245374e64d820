/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The end of a kiosk session: after the wipe, nothing of the person can be
 * read back from the raw bytes of the database, -wal or -shm file. */

#include "config.h"

#include "yrs-store.h"
#include "test-store-util.h"

#define NAME "寄添花子ZQX"
#define UNSENT "ZQX-UNSENT-7731"
#define OTHER "OTHER-PERSON-4410"

static char *tmp_root;

static guint
count_everywhere (const char *db_path,
                  const char *needle)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  return store_test_count_bytes (db_path, needle) +
         store_test_count_bytes (wal, needle) +
         store_test_count_bytes (shm, needle);
}

static void
test_wipe (void)
{
  g_autofree char *path = g_build_filename (tmp_root, "wipe.db", NULL);
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *loaded = NULL;
  g_autoptr(YrsOutboxItem) sent = NULL;
  g_autoptr(YrsOutboxItem) unsent = NULL;
  g_autoptr(YrsOutboxItem) after = NULL;
  g_autoptr(YrsReceipt) receipt = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GString) big = g_string_new ("{\"fields\":{\"applicant.name\":\"" NAME "\",\"notes\":\"");
  g_autofree char *payload = NULL;
  guint before;

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  kiosk = yrs_store_create_kiosk_session (store, &error);
  staff = yrs_store_ensure_staff_session (store, "N0001", &error);
  g_assert_no_error (error);
  store_test_unlock (store, staff);

  /* Someone else's draft, which must survive. */
  g_assert_true (yrs_store_save_draft (store, staff, "answers",
                                       "{\"fields\":{\"applicant.name\":\"" OTHER "\"}}", &error));

  /* The person types: many debounced saves of growing content. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"fields\":{\"applicant.name\":\"%.*s\","
                                               "\"child.name\":\"" NAME "\",\"step\":%u}}",
                                               (int) MIN (strlen (NAME), i * 3), NAME, i);

      g_assert_true (yrs_store_queue_draft (store, kiosk, "answers", json, &error));
      g_assert_no_error (error);
      while (yrs_store_has_pending_drafts (store))
        g_main_context_iteration (NULL, TRUE);
    }
  /* A big draft, in overflow pages, rewritten with other sizes. */
  for (guint i = 0; i < 600; i++)
    g_string_append (big, NAME " ");
  g_string_append (big, "\"}}");
  g_assert_true (yrs_store_save_draft (store, kiosk, "form.long", big->str, &error));
  g_string_truncate (big, big->len / 2);
  g_string_append (big, "\"}}");
  g_assert_true (yrs_store_save_draft (store, kiosk, "form.long", big->str, &error));
  g_assert_no_error (error);

  receipt = yrs_store_add_receipt (store, kiosk, "KB-2025-1", "registration",
                                   "妊娠届 " NAME " 様", &error);
  g_assert_no_error (error);

  /* One submission the server has answered, one it has not. */
  payload = g_strdup_printf ("{\"applicant\":{\"name\":\"%s\"}}", NAME);
  sent = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, kiosk, payload, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_sending (store, sent->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (store, sent->idempotency_key, "KB-2025-1", &error));
  unsent = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_RESERVATION, kiosk,
                                     "{\"note\":\"" UNSENT "\"}", &error);
  g_assert_no_error (error);

  /* A last change still waiting for its debounce. */
  g_assert_true (yrs_store_queue_draft (store, kiosk, "answers",
                                        "{\"fields\":{\"applicant.name\":\"" NAME "\"}}", &error));

  before = count_everywhere (path, NAME);
  g_test_message ("%u occurrences of the name before the wipe", before);
  g_assert_cmpuint (before, >, 0);

  g_assert_true (yrs_store_wipe_owner (store, kiosk, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_everywhere (path, NAME), ==, 0);
  /* The unanswered submission stays (in clear here: this store has no
   * city key), and someone else's draft (sealed, so not in the bytes:
   * read back below). */
  g_assert_cmpuint (count_everywhere (path, OTHER), ==, 0);
  g_assert_cmpuint (count_everywhere (path, UNSENT), >, 0);

  g_assert_null (yrs_store_load_draft (store, kiosk, "answers", &error));
  g_assert_null (yrs_store_load_draft (store, kiosk, "form.long", &error));
  g_assert_no_error (error);
  g_assert_false (yrs_store_has_pending_drafts (store));
  receipts = yrs_store_list_receipts (store, kiosk, &error);
  g_assert_cmpuint (receipts->len, ==, 0);
  loaded = yrs_store_load_draft (store, staff, "answers", &error);
  g_assert_nonnull (strstr (loaded, OTHER));

  /* The answered row keeps only its reference. */
  after = yrs_store_outbox_get (store, sent->idempotency_key, &error);
  g_assert_null (after->payload);
  g_assert_cmpstr (after->server_reference, ==, "KB-2025-1");
  g_clear_pointer (&after, yrs_outbox_item_free);

  /* A wiped session takes no more drafts. */
  g_assert_false (yrs_store_save_draft (store, kiosk, "answers", "{}", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (yrs_store_queue_draft (store, kiosk, "answers", "{}", &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);

  /* When the server answers the other one, its payload goes too. */
  g_assert_true (yrs_store_outbox_mark_sending (store, unsent->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_conflict (store, unsent->idempotency_key, "[]", &error));
  g_assert_no_error (error);
  after = yrs_store_outbox_get (store, unsent->idempotency_key, &error);
  g_assert_null (after->payload);
  g_assert_cmpuint (count_everywhere (path, UNSENT), ==, 0);

  g_assert_true (yrs_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpuint (count_everywhere (path, NAME), ==, 0);
  g_assert_cmpuint (count_everywhere (path, UNSENT), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_root = store_test_tmpdir ();

  g_test_add_func ("/store/wipe/no-trace-in-db-wal-shm", test_wipe);

  status = g_test_run ();
  store_test_rm_rf (tmp_root);
  g_free (tmp_root);
  return status;
}
