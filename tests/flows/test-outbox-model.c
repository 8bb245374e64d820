/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsOutboxModel without widgets: a real store file, the real
 * yorisoi-server over loopback where rows are sent. The rows and their
 * sentences in every state, live updates from the store and the engine,
 * "Retry now", who may discard, the session's getter and a wipe, and a
 * language switch in the middle. */

#define G_LOG_DOMAIN "test-outbox-model"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-outbox-model.h"
#include "yrs-submission.h"
#include "yrs-outbox-row-private.h"
#include "yrs-session.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"
#include "yrs-test-server.h"
#include "test-store-util.h"

#define VALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"0781234567\"}}"
#define INVALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"12\"}}"
#define REJECTION \
  "{\"status\":422,\"type\":\"urn:yorisoi:problem:validation\",\"title\":\"Invalid\"," \
  "\"errors\":[{\"field\":\"phone\",\"code\":\"format\"}]}"

typedef struct
{
  char     *dir;
  YrsStore *store;
  char     *staff;   /* "staff:nurse-a", a staff session in the store */
  char     *kiosk;   /* a kiosk session */
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
  f->staff = yrs_store_ensure_staff_session (f->store, "nurse-a", &error);
  g_assert_no_error (error);
  f->kiosk = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* (The sync engine's worker may still hold it for a moment.) */
  g_clear_object (&f->store);
  store_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->staff);
  g_free (f->kiosk);
}

static YrsOutboxItem *
enqueue (Fixture       *f,
         const char    *owner,
         YrsOutboxKind  kind,
         const char    *payload)
{
  g_autoptr(GError) error = NULL;
  YrsOutboxItem *item = yrs_store_outbox_enqueue (f->store, kind, owner, payload, &error);

  g_assert_no_error (error);
  return item;
}

static YrsOutboxRow *
row_at (YrsOutboxModel *model,
        guint           i)
{
  g_autoptr(YrsOutboxRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

  g_assert_nonnull (row);
  return row;   /* the model keeps it */
}

static void
assert_row_words (YrsOutboxRow *row,
                  const char   *key)
{
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autofree char *sentence = yrs_outbox_row_dup_sentence (row);
  g_autofree char *title = yrs_outbox_row_dup_title (row);
  g_autofree char *bound_sentence = NULL;
  g_autofree char *bound_title = NULL;

  g_assert_cmpstr (yrs_outbox_row_get_key (row), ==, key);
  /* The sentence the sync messages make for the row as stored. */
  item = yrs_outbox_item_copy (_yrs_outbox_row_get_item (row));
  {
    g_autofree char *words = yrs_sync_describe_outbox_item (item);

    g_assert_cmpstr (sentence, ==, words);
  }
  g_object_get (row, "sentence", &bound_sentence, "title", &bound_title, NULL);
  g_assert_cmpstr (bound_sentence, ==, sentence);
  g_assert_cmpstr (bound_title, ==, title);
  /* Never the server's JSON. */
  g_assert_null (strstr (sentence, "urn:yorisoi"));
  g_assert_null (strstr (sentence, "422"));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->position = position;
  c->removed = removed;
  c->added = added;
  c->count++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Rows in every state, newest first, with their words, icons and whether
 * they may be discarded; the model's own properties. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(YrsOutboxModel) model = NULL;
  g_autoptr(YrsOutboxItem) a = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(YrsOutboxItem) b = enqueue (f, f->staff, YRS_OUTBOX_KIND_REGISTRATION, "{}");
  g_autoptr(YrsOutboxItem) c = enqueue (f, f->staff, YRS_OUTBOX_KIND_RESERVATION, "{}");
  g_autoptr(YrsOutboxItem) d = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(YrsOutboxItem) other = enqueue (f, f->kiosk, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *created = NULL;
  Changes changes = { 0 };
  guint state_notified = 0;
  guint can_retry_notified = 0;
  YrsOutboxRow *row;

  g_assert_true (yrs_store_outbox_mark_sending (f->store, a->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (f->store, a->idempotency_key, "KB-2025-004217", &error));
  g_assert_true (yrs_store_outbox_mark_sending (f->store, b->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, b->idempotency_key, REJECTION, &error));
  g_assert_true (yrs_store_outbox_mark_sending (f->store, c->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_conflict (f->store, c->idempotency_key, "[]", &error));
  g_assert_no_error (error);

  model = yrs_outbox_model_new (f->store, f->staff, NULL);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == YRS_TYPE_OUTBOX_ROW);
  g_assert_true (yrs_outbox_model_get_staff (model));
  g_assert_true (yrs_outbox_model_get_has_rows (model));
  g_assert_false (yrs_outbox_model_get_empty (model));
  g_assert_true (yrs_outbox_model_get_can_retry (model));   /* d waits */
  /* Only this owner's, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  g_assert_null (yrs_outbox_model_find (model, other->idempotency_key));

  row = row_at (model, 0);
  assert_row_words (row, d->idempotency_key);
  g_assert_cmpstr (yrs_outbox_row_get_state (row), ==, "queued");
  g_assert_cmpstr (yrs_outbox_row_get_icon_name (row), ==, "document-send-symbolic");
  g_assert_cmpstr (yrs_outbox_row_get_kind (row), ==, "application");
  g_assert_cmpstr (yrs_outbox_row_get_kind_text (row), ==, "Application");
  g_assert_false (yrs_outbox_row_get_can_discard (row));
  g_assert_null (yrs_outbox_row_get_reference (row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (row);

    g_assert_cmpstr (s, ==, "Waiting to be sent. It will be sent automatically.");
  }
  /* "Application · 2025-06-01 10:00", local time of queuing. */
  title = yrs_outbox_row_dup_title (row);
  created = yrs_outbox_row_dup_created_text (row);
  g_assert_cmpint (yrs_outbox_row_get_created_at (row), ==, d->created_at);
  g_assert_true (g_str_has_prefix (title, "Application · "));
  g_assert_true (g_str_has_suffix (title, created));
  g_assert_cmpuint (strlen (created), ==, strlen ("2025-06-01 10:00"));

  row = row_at (model, 1);
  assert_row_words (row, c->idempotency_key);
  g_assert_cmpstr (yrs_outbox_row_get_state (row), ==, "conflict");
  g_assert_cmpstr (yrs_outbox_row_get_icon_name (row), ==, "dialog-warning-symbolic");
  g_assert_cmpstr (yrs_outbox_row_get_kind_text (row), ==, "Postpartum care reservation");
  g_assert_true (yrs_outbox_row_get_can_discard (row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (row);

    g_assert_true (g_str_has_prefix (s, "While you were offline, someone else booked"));
  }

  row = row_at (model, 2);
  assert_row_words (row, b->idempotency_key);
  g_assert_cmpstr (yrs_outbox_row_get_state (row), ==, "rejected");
  g_assert_cmpstr (yrs_outbox_row_get_kind_text (row), ==, "Postpartum care registration");
  g_assert_true (yrs_outbox_row_get_can_discard (row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (row);

    g_assert_cmpstr (s, ==, "The city could not accept this registration. Please check: phone number.");
  }

  row = row_at (model, 3);
  assert_row_words (row, a->idempotency_key);
  g_assert_cmpstr (yrs_outbox_row_get_state (row), ==, "accepted");
  g_assert_cmpstr (yrs_outbox_row_get_icon_name (row), ==, "emblem-ok-symbolic");
  g_assert_cmpstr (yrs_outbox_row_get_reference (row), ==, "KB-2025-004217");
  g_assert_false (yrs_outbox_row_get_can_discard (row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (row);

    g_assert_cmpstr (s, ==, "Received by the city. Reference number: KB-2025-004217");
  }

  /* A new submission comes in at the top, by the store's signal. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  {
    g_autoptr(YrsOutboxItem) e = enqueue (f, f->staff, YRS_OUTBOX_KIND_CANCELLATION, "{}");

    g_assert_cmpuint (changes.count, ==, 1);
    g_assert_cmpuint (changes.position, ==, 0);
    g_assert_cmpuint (changes.removed, ==, 0);
    g_assert_cmpuint (changes.added, ==, 1);
    g_assert_cmpstr (yrs_outbox_row_get_key (row_at (model, 0)), ==, e->idempotency_key);
    g_assert_cmpstr (yrs_outbox_row_get_kind_text (row_at (model, 0)), ==, "Cancellation of a reservation");
    /* Another owner's submission changes nothing here. */
    g_clear_pointer (&other, yrs_outbox_item_free);
    other = enqueue (f, f->kiosk, YRS_OUTBOX_KIND_APPLICATION, "{}");
    g_assert_cmpuint (changes.count, ==, 1);

    /* A row that changes state keeps its object, which notifies. */
    row = yrs_outbox_model_find (model, d->idempotency_key);
    g_signal_connect (row, "notify::state", G_CALLBACK (count_notify), &state_notified);
    g_signal_connect (model, "notify::can-retry", G_CALLBACK (count_notify), &can_retry_notified);
    g_assert_true (yrs_store_outbox_mark_sending (f->store, d->idempotency_key, &error));
    g_assert_true (yrs_store_outbox_mark_accepted (f->store, d->idempotency_key, "KB-2", &error));
    g_assert_true (yrs_store_outbox_mark_sending (f->store, e->idempotency_key, &error));
    g_assert_true (yrs_store_outbox_mark_accepted (f->store, e->idempotency_key, "KB-3", &error));
    g_assert_no_error (error);
    /* (Written behind the model's back: no signal tells; a reload.) */
    yrs_outbox_model_reload (model);
    g_assert_cmpuint (changes.count, ==, 1);
    g_assert_true (yrs_outbox_model_find (model, d->idempotency_key) == row);
    g_assert_cmpuint (state_notified, ==, 1);
    g_assert_cmpstr (yrs_outbox_row_get_state (row), ==, "accepted");
    g_assert_cmpstr (yrs_outbox_row_get_reference (row), ==, "KB-2");
    g_assert_false (yrs_outbox_model_get_can_retry (model));
    g_assert_cmpuint (can_retry_notified, ==, 1);
  }
}

/* A kiosk session's rows are never listed, and it may not discard or
 * retry. */
static void
test_kiosk_owner (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(YrsOutboxItem) a = enqueue (f, f->kiosk, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(YrsOutboxModel) model = yrs_outbox_model_new (f->store, f->kiosk, NULL);
  g_autoptr(YrsOutboxModel) spoof = NULL;
  g_autoptr(YrsOutboxModel) nobody = yrs_outbox_model_new (NULL, NULL, NULL);
  g_autoptr(YrsOutboxItem) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 later = g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC;

  g_assert_false (yrs_outbox_model_get_staff (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (yrs_outbox_model_get_has_rows (model));
  g_assert_false (yrs_outbox_model_get_empty (model));
  g_assert_false (yrs_outbox_model_get_can_retry (model));

  g_assert_true (yrs_store_outbox_mark_sending (f->store, a->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_retry (f->store, a->idempotency_key, "offline", later, &error));
  yrs_outbox_model_retry_now (model);
  got = yrs_store_outbox_get (f->store, a->idempotency_key, &error);
  g_assert_cmpint (got->next_try_at, ==, later);
  g_clear_pointer (&got, yrs_outbox_item_free);

  g_assert_true (yrs_store_outbox_mark_sending (f->store, a->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, a->idempotency_key, REJECTION, &error));
  g_assert_false (yrs_outbox_model_discard (model, a->idempotency_key, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  got = yrs_store_outbox_get (f->store, a->idempotency_key, &error);
  g_assert_nonnull (got);

  /* The owner's spelling decides nothing: a "staff:" owner the store has
   * no staff session for is not staff. */
  spoof = yrs_outbox_model_new (f->store, "staff:nobody", NULL);
  g_assert_false (yrs_outbox_model_get_staff (spoof));
  g_assert_false (yrs_outbox_model_discard (spoof, a->idempotency_key, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* No store: an empty model, still a model. */
  g_assert_false (yrs_outbox_model_get_staff (nobody));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (nobody)), ==, 0);
}

/* Discard: the staff owner's rejected or conflicting rows only. */
static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *other_staff = NULL;
  g_autoptr(YrsOutboxItem) queued = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(YrsOutboxItem) rejected = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_autoptr(YrsOutboxItem) conflict = enqueue (f, f->staff, YRS_OUTBOX_KIND_RESERVATION, "{}");
  g_autoptr(YrsOutboxItem) theirs = NULL;
  g_autoptr(YrsOutboxModel) model = NULL;
  g_autoptr(YrsOutboxModel) other = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint has_rows_notified = 0;
  guint empty_notified = 0;

  other_staff = yrs_store_ensure_staff_session (f->store, "nurse-b", &error);
  g_assert_no_error (error);
  theirs = enqueue (f, other_staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  g_assert_true (yrs_store_outbox_mark_sending (f->store, rejected->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, rejected->idempotency_key, REJECTION, &error));
  g_assert_true (yrs_store_outbox_mark_sending (f->store, conflict->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_conflict (f->store, conflict->idempotency_key, "[]", &error));
  g_assert_true (yrs_store_outbox_mark_sending (f->store, theirs->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, theirs->idempotency_key, REJECTION, &error));
  g_assert_no_error (error);

  model = yrs_outbox_model_new (f->store, f->staff, NULL);
  other = yrs_outbox_model_new (f->store, other_staff, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  /* Not a row that may still go. */
  g_assert_false (yrs_outbox_model_discard (model, queued->idempotency_key, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE);
  g_clear_error (&error);
  /* Not another staff member's. */
  g_assert_false (yrs_outbox_model_discard (model, theirs->idempotency_key, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yrs_outbox_model_discard (other, rejected->idempotency_key, &error));
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes.count, ==, 0);

  /* The middle row (rejected) goes; its neighbours keep their objects. */
  {
    YrsOutboxRow *top = row_at (model, 0);
    YrsOutboxRow *bottom = row_at (model, 2);

    g_assert_true (yrs_outbox_model_discard (model, rejected->idempotency_key, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes.count, ==, 1);
    g_assert_cmpuint (changes.position, ==, 1);
    g_assert_cmpuint (changes.removed, ==, 1);
    g_assert_cmpuint (changes.added, ==, 0);
    g_assert_true (row_at (model, 0) == top);
    g_assert_true (row_at (model, 1) == bottom);
    g_assert_null (yrs_outbox_model_find (model, rejected->idempotency_key));
  }
  g_assert_true (yrs_outbox_model_discard (model, conflict->idempotency_key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* The last one: the model is empty. */
  g_signal_connect (model, "notify::has-rows", G_CALLBACK (count_notify), &has_rows_notified);
  g_signal_connect (model, "notify::empty", G_CALLBACK (count_notify), &empty_notified);
  g_assert_true (yrs_store_outbox_mark_sending (f->store, queued->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_rejected (f->store, queued->idempotency_key, REJECTION, &error));
  yrs_outbox_model_reload (model);
  g_assert_true (yrs_outbox_row_get_can_discard (row_at (model, 0)));
  g_assert_true (yrs_outbox_model_discard (model, queued->idempotency_key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (yrs_outbox_model_get_has_rows (model));
  g_assert_true (yrs_outbox_model_get_empty (model));
  g_assert_cmpuint (has_rows_notified, ==, 1);
  g_assert_cmpuint (empty_notified, ==, 1);
  /* The other nurse's row is still there. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
}

/* ---- Against the server --------------------------------------------------- */

typedef gboolean (*Predicate) (gpointer data);

static void
wait_until (Predicate   predicate,
            gpointer    data,
            const char *what)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
all_answered (gpointer data)
{
  YrsOutboxModel *model = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      const char *state = yrs_outbox_row_get_state (row_at (model, i));

      if (g_str_equal (state, "queued") || g_str_equal (state, "sending"))
        return FALSE;
    }
  return TRUE;
}

static gboolean
engine_idle (gpointer data)
{
  YrsSyncEngine *engine = data;

  return yrs_sync_engine_get_state (engine) != YRS_SYNC_STATE_SYNCING;
}

static gboolean
engine_offline (gpointer data)
{
  return yrs_sync_engine_get_state (data) == YRS_SYNC_STATE_OFFLINE;
}

/* The real engine sends the rows to the real server: the model follows
 * (row-answered), with the city's reference and the reason in words;
 * "Retry now" after an offline sync makes the waiting row due and sends
 * it. A language switch in the middle changes the words, not the rows. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(YrsTestServer) server = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(YrsOutboxModel) model = NULL;
  g_autoptr(YrsOutboxItem) good = NULL;
  g_autoptr(YrsOutboxItem) bad = NULL;
  g_autoptr(YrsOutboxItem) late = NULL;
  g_autoptr(YrsOutboxItem) got = NULL;
  g_autoptr(GError) error = NULL;
  YrsOutboxRow *good_row;
  YrsOutboxRow *bad_row;
  YrsOutboxRow *late_row;
  guint state_notified = 0;
  gint64 before;

  server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  engine = yrs_sync_engine_new (f->store, yrs_test_server_get_url (server));
  yrs_sync_engine_set_token (engine, yrs_test_server_get_kiosk_token (server));
  /* A row put off by a failure waits (up to) an hour. */
  yrs_sync_engine_set_backoff (engine, 3600 * 1000, 3600 * 1000);
  model = yrs_outbox_model_new (f->store, f->staff, engine);

  good = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, VALID_APPLICATION);
  bad = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, INVALID_APPLICATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  good_row = yrs_outbox_model_find (model, good->idempotency_key);
  bad_row = yrs_outbox_model_find (model, bad->idempotency_key);
  g_signal_connect (good_row, "notify::state", G_CALLBACK (count_notify), &state_notified);
  g_assert_true (yrs_outbox_model_get_can_retry (model));

  /* Sent, oldest first; the rows follow the engine's answers. */
  yrs_sync_engine_kick (engine);
  wait_until (all_answered, model, "both rows answered");
  g_assert_true (yrs_outbox_model_find (model, good->idempotency_key) == good_row);
  g_assert_cmpuint (state_notified, >=, 1);
  g_assert_cmpstr (yrs_outbox_row_get_state (good_row), ==, "accepted");
  g_assert_nonnull (yrs_outbox_row_get_reference (good_row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (good_row);
    g_autofree char *want = g_strdup_printf ("Received by the city. Reference number: %s",
                                             yrs_outbox_row_get_reference (good_row));

    g_assert_cmpstr (s, ==, want);
  }
  g_assert_cmpstr (yrs_outbox_row_get_state (bad_row), ==, "rejected");
  g_assert_true (yrs_outbox_row_get_can_discard (bad_row));
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (bad_row);

    g_assert_cmpstr (s, ==, "The city could not accept this application. Please check: phone number.");
  }
  g_assert_false (yrs_outbox_model_get_can_retry (model));

  /* A language switch in the middle: the same rows, in Japanese. */
  yrs_i18n_set_language ("ja");
  g_assert_true (yrs_outbox_model_find (model, bad->idempotency_key) == bad_row);
  g_assert_cmpstr (yrs_outbox_row_get_state (bad_row), ==, "rejected");
  g_assert_cmpstr (yrs_outbox_row_get_kind_text (bad_row), ==, "申請");
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (bad_row);
    g_autofree char *title = yrs_outbox_row_dup_title (bad_row);

    g_assert_cmpstr (s, ==, "この申請は市で受け付けられませんでした。次の項目をご確認ください：電話番号");
    g_assert_true (g_str_has_prefix (title, "申請・"));
  }
  yrs_i18n_set_language ("en");

  /* The server goes away: a new row fails to go and waits its (hour's)
   * backoff. */
  yrs_test_server_stop (server);
  late = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, VALID_APPLICATION);
  late_row = yrs_outbox_model_find (model, late->idempotency_key);
  before = g_get_real_time ();
  g_assert_true (row_at (model, 0) == late_row);
  g_assert_true (yrs_outbox_model_get_can_retry (model));
  yrs_sync_engine_kick (engine);
  wait_until (engine_offline, engine, "the engine offline");
  wait_until (engine_idle, engine, "the sync to end");
  got = yrs_store_outbox_get (f->store, late->idempotency_key, &error);
  g_assert_cmpint (got->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (got->tries, ==, 1);
  g_assert_cmpint (got->next_try_at, >, before);
  /* The backoff is a random time up to the cap (full jitter): make it
   * the whole hour, so that only "Retry now" can send it. */
  g_assert_true (yrs_store_outbox_mark_retry (f->store, late->idempotency_key, got->last_error,
                                              g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, yrs_outbox_item_free);
  {
    g_autofree char *s = yrs_outbox_row_dup_sentence (late_row);

    g_assert_cmpstr (s, ==, "Not sent yet: the server could not be reached. It will be sent again automatically.");
  }

  /* "Retry now" with the server back: due at once, and sent. */
  g_assert_true (yrs_test_server_restart (server, &error));
  g_assert_no_error (error);
  before = g_get_real_time ();
  yrs_outbox_model_retry_now (model);
  got = yrs_store_outbox_get (f->store, late->idempotency_key, &error);
  g_assert_cmpint (got->next_try_at, <=, g_get_real_time ());
  g_assert_cmpint (got->next_try_at, >=, before);
  wait_until (all_answered, model, "the late row answered");
  g_assert_cmpstr (yrs_outbox_row_get_state (late_row), ==, "accepted");
  g_assert_false (yrs_outbox_model_get_can_retry (model));

  yrs_sync_engine_stop (engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The session makes the model on first use for its owner, keeps it, and
 * drops it with the person. */
static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(YrsSession) session = yrs_session_new ();
  g_autoptr(YrsOutboxItem) a = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION, "{}");
  YrsOutboxModel *model;
  YrsOutboxModel *again;

  /* No store yet: an empty model. */
  model = yrs_session_get_outbox (session);
  g_assert_nonnull (model);
  g_assert_false (yrs_outbox_model_get_staff (model));
  g_assert_null (yrs_session_get_sync_status (session));

  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  yrs_session_set_store (session, f->store, f->staff);
  g_assert_null (model);   /* dropped: it was nobody's */
  model = yrs_session_get_outbox (session);
  g_assert_true (yrs_outbox_model_get_staff (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_true (yrs_session_get_outbox (session) == model);

  /* A wipe drops it; the next one is made anew. */
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  yrs_session_wipe (session);
  g_assert_null (model);
  again = yrs_session_get_outbox (session);
  g_assert_nonnull (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);

  /* Signed out: nobody's rows. */
  yrs_session_set_store (session, f->store, NULL);
  again = yrs_session_get_outbox (session);
  g_assert_false (yrs_outbox_model_get_staff (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
  yrs_session_set_store (session, NULL, NULL);
}

/* Issue 20, point 9: a staff member's row names the programme and the
 * family, shows the receipt's temporary number while it waits and the
 * city's number once received; a kiosk's outbox shows nothing. */
static void
test_family_and_numbers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsOutboxItem) item = enqueue (f, f->staff, YRS_OUTBOX_KIND_APPLICATION,
                                           "{\"programme\":\"support_payment_pregnancy\","
                                           "\"fields\":{\"applicant.name\":\"寄添 花子\"}}");
  g_autoptr(YrsOutboxItem) kiosk_item = enqueue (f, f->kiosk, YRS_OUTBOX_KIND_APPLICATION,
                                                 "{\"programme\":\"support_payment_pregnancy\","
                                                 "\"fields\":{\"applicant.name\":\"別の 人\"}}");
  g_autoptr(YrsOutboxModel) model = yrs_outbox_model_new (f->store, f->staff, NULL);
  g_autoptr(YrsOutboxModel) kiosk = yrs_outbox_model_new (f->store, f->kiosk, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *temporary = yrs_submission_format_device_reference (item->idempotency_key);
  YrsOutboxRow *row;
  guint details_notes = 0;

  yrs_outbox_model_set_catalog (model, catalog);
  yrs_outbox_model_set_catalog (kiosk, catalog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kiosk)), ==, 0);

  row = row_at (model, 0);
  {
    g_autofree char *title = yrs_outbox_row_dup_title (row);
    g_autofree char *details = yrs_outbox_row_dup_details (row);

    g_assert_true (g_str_has_prefix (title, "Application · Pregnancy support payment (first payment) · 寄添 花子 · "));
    g_assert_nonnull (strstr (details, temporary));
    g_assert_nonnull (strstr (details, "The city's number will show here"));
  }
  g_signal_connect_swapped (row, "notify::details", G_CALLBACK (g_atomic_int_inc), &details_notes);

  g_assert_true (yrs_store_outbox_mark_sending (f->store, item->idempotency_key, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (f->store, item->idempotency_key, "APP-7K3M-Q9XA", &error));
  g_assert_no_error (error);
  yrs_outbox_model_reload (model);
  g_assert_true (row_at (model, 0) == row);
  g_assert_cmpuint (details_notes, >=, 1);
  {
    g_autofree char *details = yrs_outbox_row_dup_details (row);

    g_assert_nonnull (strstr (details, "APP-7K3M-Q9XA"));
    g_assert_null (strstr (details, temporary));
  }

  /* In Japanese, the programme's Japanese title. */
  yrs_i18n_set_language ("ja");
  {
    g_autofree char *title = yrs_outbox_row_dup_title (row);

    g_assert_nonnull (strstr (title, "妊婦のための支援給付（妊娠時）"));
  }
  yrs_i18n_set_language ("en");
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
  ADD ("/outbox-model/rows", test_rows);
  ADD ("/outbox-model/kiosk-owner", test_kiosk_owner);
  ADD ("/outbox-model/discard", test_discard);
  ADD ("/outbox-model/live", test_live);
  ADD ("/outbox-model/session", test_session);
  ADD ("/outbox-model/family-and-numbers", test_family_and_numbers);

  return g_test_run ();
}
