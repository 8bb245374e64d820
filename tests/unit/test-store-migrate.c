/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsStore migrations (a fixture of every earlier schema version), refusal
 * of a newer database, and damaged files moved aside with their readable
 * outbox rows carried over. The damaged files are made here with SQLite
 * itself, as a real disk or a real bug would leave them. */

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "yrs-store.h"
#include "test-store-util.h"

static char *tmp_root;

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "tests", "store-fixtures", name, NULL);
}

static char *
fresh_path (const char *name)
{
  g_autofree char *dir = g_build_filename (tmp_root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "yorisoi.db", NULL);
}

static guint
count_files (const char *dir_path,
             const char *prefix)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  g_dir_close (dir);
  return n;
}

static YrsOutboxItem *
find_outbox (GPtrArray  *items,
             const char *key)
{
  for (guint i = 0; i < items->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->idempotency_key, key) == 0)
        return item;
    }
  return NULL;
}

static void
test_fixture_for_every_version (void)
{
  /* Each schema version before the current one must have its fixture, so
   * that the migration from it is tested. */
  for (int v = 1; v < YRS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("yorisoi-v%d.db", v);
      g_autofree char *path = fixture_path (name);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_migrate_from_v1 (void)
{
  g_autofree char *fixture = fixture_path ("yorisoi-v1.db");
  g_autofree char *path = fresh_path ("v1");
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(YrsCatalogVersion) catalog = NULL;
  g_autoptr(YrsSessionInfo) session = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *cursor = NULL;
  YrsOutboxItem *item;

  store_test_copy (fixture, path);
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, 1);
  g_assert_null (yrs_store_get_moved_aside_path (store));
  g_assert_true (yrs_store_check_integrity (store, &error));

  /* Outbox: times from seconds to microseconds, a rejection's reason out of
   * last_error, the row left in `sending` due again with its key. */
  outbox = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 4);
  item = find_outbox (outbox, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a01");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, YRS_OUTBOX_KIND_APPLICATION);
  g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (item->created_at, ==, G_GINT64_CONSTANT (1746000400) * G_USEC_PER_SEC);
  g_assert_cmpstr (item->payload, ==, "{\"programme\":\"child-allowance\"}");
  item = find_outbox (outbox, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a04");
  g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_REJECTED);
  g_assert_cmpstr (item->reason, ==, "reservation.already_cancelled");
  g_assert_null (item->last_error);
  item = find_outbox (outbox, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a03");
  g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_cmpstr (item->server_reference, ==, "KB-2025-000118");

  due = yrs_store_outbox_next_due (store, g_get_real_time (), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);   /* staff:N0042's oldest unanswered */
  g_assert_cmpstr (((YrsOutboxItem *) due->pdata[0])->idempotency_key, ==,
                   "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a01");

  catalog = yrs_store_get_latest_catalog (store, &error);
  g_assert_cmpstr (catalog->document, ==, "{\"version\":\"kobe-2025\"}");
  g_assert_cmpint (catalog->fetched_at, ==, G_GINT64_CONSTANT (1743465600) * G_USEC_PER_SEC);

  facilities = yrs_store_list_facilities (store, &error);
  g_assert_cmpuint (facilities->len, ==, 2);
  slots = yrs_store_list_slots (store, "fac-sannomiya", "checkup.4m", yrs_date_new (2025, 5, 12),
                                yrs_date_new (2025, 5, 12), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 1);
  g_assert_cmpstr (((YrsSlot *) slots->pdata[0])->id, ==, "slot-1");
  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 2);   /* a tombstone */
  cursor = yrs_store_get_sync_cursor (store, YRS_STORE_CURSOR_SLOTS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-v1-000042");

  session = yrs_store_get_session (store, "staff:N0042", &error);
  g_assert_nonnull (session);
  g_assert_cmpint (session->kind, ==, YRS_SESSION_KIND_STAFF);
  g_assert_cmpint (session->wiped_at, ==, 0);
  g_assert_cmpint (session->created_at, ==, G_GINT64_CONSTANT (1746000000) * G_USEC_PER_SEC);
  /* Drafts written in clear cannot be sealed to anyone (version 3):
   * discarded. */
  draft = yrs_store_load_draft (store, "staff:N0042", "answers", &error);
  g_assert_no_error (error);
  g_assert_null (draft);
  g_assert_cmpuint (store_test_count_personal (path, "神戸 太郎"), ==, 0);
  receipts = yrs_store_list_receipts (store, "staff:N0042", &error);
  g_assert_cmpuint (receipts->len, ==, 1);
  g_assert_cmpint (((YrsReceipt *) receipts->pdata[0])->created_at, ==,
                   G_GINT64_CONSTANT (1746000300) * G_USEC_PER_SEC);

  /* Version 2 features work on the migrated file. */
  g_assert_true (yrs_store_set_staff_credential (store, "N0042",
                                                 "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                                                 g_get_real_time (), &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Opening again migrates nothing. */
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, YRS_STORE_SCHEMA_VERSION);
}

/* The personal data of the v2 fixture, as people typed it. */
static const char *v2_personal[] = {
  "山田 花子", "山田", "花子", "ヤマダ ハナコ", "ヤマダ", "078-555-0142", "0785550142",
  "加納町6丁目5-1", "加納町", "7654321",
};

static void
assert_no_personal (const char *path)
{
  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[s], NULL);

      for (guint i = 0; i < G_N_ELEMENTS (v2_personal); i++)
        {
          guint hits = store_test_count_personal (file, v2_personal[i]);

          if (hits != 0)
            g_test_message ("“%s” found %u times in %s", v2_personal[i], hits, file);
          g_assert_cmpuint (hits, ==, 0);
        }
    }
}

/* Opens a sealed outbox payload with the city's secret key. */
static char *
open_sealed (const char   *payload,
             const guint8 *pk,
             const guint8 *sk,
             const char   *want_key_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *sealed;
  g_autofree guint8 *box = NULL;
  g_autofree char *plain = NULL;
  const char *b64;
  size_t box_len = 0;

  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  sealed = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "sealed");
  g_assert_nonnull (sealed);
  g_assert_cmpstr (json_object_get_string_member (sealed, "key_id"), ==, want_key_id);
  b64 = json_object_get_string_member (sealed, "box");
  box = g_malloc (strlen (b64));
  g_assert_cmpint (sodium_base642bin (box, strlen (b64), b64, strlen (b64), NULL, &box_len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  plain = g_malloc0 (box_len - crypto_box_SEALBYTES + 1);
  g_assert_cmpint (crypto_box_seal_open ((guint8 *) plain, box, box_len, pk, sk), ==, 0);
  return g_steal_pointer (&plain);
}

static char *
city_key_spec (const char   *id,
               const guint8 *pk)
{
  char b64[sodium_base64_ENCODED_LEN (crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];

  sodium_bin2base64 (b64, sizeof b64, pk, crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL);
  return g_strdup_printf ("%s:%s", id, b64);
}

/* Issue 18, point 6: a database of the schema before sealing, with a
 * nurse's data in clear, is sealed on its first start. */
static void
test_migrate_from_v2_seals (void)
{
  g_autofree char *fixture = fixture_path ("yorisoi-v2.db");
  g_autofree char *path = fresh_path ("v2");
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) queued = NULL;
  g_autoptr(YrsOutboxItem) accepted = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *verifier = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 sk[crypto_box_SECRETKEYBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_box_keypair (pk, sk);
  store_test_copy (fixture, path);
  g_assert_cmpuint (store_test_count_personal (path, "山田 花子"), >, 0);   /* the fixture is in clear */

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, 2);
  g_assert_true (yrs_store_check_integrity (store, &error));

  /* The draft could not be sealed to anyone: gone. */
  draft = yrs_store_load_draft (store, "staff:N0042", "form.postpartum", &error);
  g_assert_no_error (error);
  g_assert_null (draft);
  /* What the city has accepted keeps what routes and shows it. */
  accepted = yrs_store_outbox_get (store, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a06", &error);
  g_assert_cmpint (accepted->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_cmpstr (accepted->server_reference, ==, "REG-7K3M-Q9XA");
  g_assert_cmpstr (accepted->payload, ==, "{\"ward\":\"chuo\"}");
  receipts = yrs_store_list_receipts (store, "staff:N0042", &error);
  g_assert_cmpuint (receipts->len, ==, 2);
  /* Her offline sign-in still works. */
  g_assert_true (yrs_store_get_staff_credential (store, "N0042", &verifier, NULL, &error));

  /* The queued application waits for the city's key, then is sealed. */
  g_assert_null (yrs_store_get_city_key_id (store));
  spec = city_key_spec ("city-2026", pk);
  g_assert_true (yrs_store_set_city_key (store, spec, &error));
  g_assert_no_error (error);
  queued = yrs_store_outbox_get (store, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a05", &error);
  g_assert_cmpint (queued->state, ==, YRS_OUTBOX_STATE_QUEUED);
  g_assert_null (strstr (queued->payload, "山田"));
  g_assert_nonnull (strstr (queued->payload, "\"programme\":\"postpartum-care\""));
  plain = open_sealed (queued->payload, pk, sk, "city-2026");
  g_assert_nonnull (strstr (plain, "山田 花子"));
  g_assert_nonnull (strstr (plain, "7654321"));

  /* Not a byte of it is left in the files, open or closed. */
  assert_no_personal (path);
  g_clear_object (&store);
  assert_no_personal (path);

  /* A second start changes nothing. */
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, YRS_STORE_SCHEMA_VERSION);
}

static void
test_newer_refused (void)
{
  g_autofree char *fixture = fixture_path ("yorisoi-v4-newer.db");
  g_autofree char *path = fresh_path ("newer");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  YrsStore *store;
  gsize before_len, after_len;

  store_test_copy (fixture, path);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = yrs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "version 4"));
  g_test_message ("%s", error->message);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (count_files (dir, "yorisoi.db.damaged"), ==, 0);
  g_assert_cmpuint (count_files (dir, "yorisoi.db"), ==, 1);   /* no -wal, no -shm */
}

static void
assert_moved_aside (YrsStore   *store,
                    const char *path,
                    const char *original,
                    gsize       original_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *session = NULL;
  const char *aside = yrs_store_get_moved_aside_path (store);
  gsize moved_len;

  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_nonnull (strstr (aside, ".damaged-"));
  /* Never deleted: the old file is there, byte for byte. */
  g_assert_true (g_file_get_contents (aside, &moved, &moved_len, NULL));
  g_assert_cmpmem (moved, moved_len, original, original_len);

  /* And the fresh database works. */
  g_assert_true (yrs_store_check_integrity (store, &error));
  g_assert_no_error (error);
  session = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_save_draft (store, session, "answers", "{}", &error));
  g_assert_no_error (error);
}

static void
test_damaged_random_bytes (void)
{
  g_autofree char *path = fresh_path ("random");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250401);
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autofree guint8 *bytes = g_malloc (64 * 1024);

  for (guint i = 0; i < 64 * 1024; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (char *) bytes, 64 * 1024, NULL));

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  assert_moved_aside (store, path, (char *) bytes, 64 * 1024);
  g_assert_cmpuint (yrs_store_get_recovered_outbox_count (store), ==, 0);
  g_assert_cmpint (yrs_store_get_opened_version (store), ==, 0);
}

static void
test_damaged_header_then_garbage (void)
{
  g_autofree char *path = fresh_path ("header-garbage");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autofree char *bytes = g_malloc0 (8192);

  /* Looks like SQLite, is not. */
  memcpy (bytes, "SQLite format 3", 16);
  memset (bytes + 16, 0xA5, 8192 - 16);
  g_assert_true (g_file_set_contents (path, bytes, 8192, NULL));

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  assert_moved_aside (store, path, bytes, 8192);
}

typedef struct
{
  gboolean done;
  GError  *error;
} Wait;

static void
applied (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  yrs_store_apply_delta_finish (YRS_STORE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
test_damaged_truncated (void)
{
  g_autofree char *path = fresh_path ("truncated");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsStoreDelta) delta = yrs_store_delta_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *data = NULL;
  gsize len;
  Wait wait = { 0 };

  /* A store with outbox rows first, then a big slot cache after them. */
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(YrsOutboxItem) item =
        yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_RESERVATION, "staff:T", payload, &error);

      g_assert_no_error (error);
      g_ptr_array_add (keys, g_strdup (item->idempotency_key));
    }
  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *id = g_strdup_printf ("slot-%05u", i);

      g_ptr_array_add (delta->slots, yrs_slot_new (id, "fac", "checkup", "2025-06-01T09:00",
                                                   "2025-06-01T09:30", 4, 0, 1));
    }
  yrs_store_apply_delta_async (store, delta, NULL, applied, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  {
    /* The task may hold the store a moment longer on its thread. */
    gpointer weak = store;

    g_object_add_weak_pointer (G_OBJECT (store), &weak);
    g_clear_object (&store);
    while (weak != NULL)
      g_main_context_iteration (NULL, FALSE);
  }

  /* Half of the file is lost. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 64 * 1024);
  len /= 2;
  g_assert_true (g_file_set_contents (path, data, len, NULL));

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  assert_moved_aside (store, path, data, len);
  g_assert_cmpuint (yrs_store_get_recovered_outbox_count (store), ==, 40);
  outbox = yrs_store_outbox_list (store, "staff:T", YRS_OUTBOX_STATE_QUEUED, &error);
  g_assert_cmpuint (outbox->len, ==, 40);
  for (guint i = 0; i < keys->len; i++)
    {
      YrsOutboxItem *item = find_outbox (outbox, keys->pdata[i]);
      g_autofree char *payload = g_strdup_printf ("{\"n\":%u}", i);

      g_assert_nonnull (item);
      g_assert_cmpstr (item->payload, ==, payload);
    }
  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 0);
}

static void
make_sqlite (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_damaged_wrong_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *path = fresh_path ("foreign");
  g_autofree char *path2 = fresh_path ("half-schema");
  g_autofree char *data = NULL;
  gsize len;

  /* Someone else's database at our path (user_version 0 with tables). */
  make_sqlite (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                     "INSERT INTO notes (text) VALUES ('not ours');");
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  assert_moved_aside (store, path, data, len);
  g_assert_cmpuint (yrs_store_get_recovered_outbox_count (store), ==, 0);
  g_clear_object (&store);
  g_clear_pointer (&data, g_free);

  /* Claims version 2 but has only an outbox: moved aside, the outbox row
   * carried over. */
  make_sqlite (path2,
               "CREATE TABLE outbox (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,"
               " kind TEXT NOT NULL, owner TEXT NOT NULL, payload TEXT, state TEXT NOT NULL,"
               " tries INTEGER NOT NULL DEFAULT 0, next_try_at INTEGER NOT NULL DEFAULT 0,"
               " last_error TEXT, server_reference TEXT, created_at INTEGER NOT NULL,"
               " updated_at INTEGER NOT NULL, reason TEXT, alternatives TEXT);"
               "INSERT INTO outbox (idempotency_key, kind, owner, payload, state, created_at, updated_at)"
               " VALUES ('5c3e2f3a-1111-4a4a-9b9b-000000000001', 'registration', 'staff:Q',"
               "         '{\"p\":1}', 'sending', 1746000000000000, 1746000000000000),"
               "        ('5c3e2f3a-1111-4a4a-9b9b-000000000002', 'no-such-kind', 'staff:Q',"
               "         '{}', 'queued', 1, 1);"
               "PRAGMA user_version = 2;");
  g_assert_true (g_file_get_contents (path2, &data, &len, NULL));
  store = yrs_store_open (path2, &error);
  g_assert_no_error (error);
  assert_moved_aside (store, path2, data, len);
  g_assert_cmpuint (yrs_store_get_recovered_outbox_count (store), ==, 1);
  outbox = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((YrsOutboxItem *) outbox->pdata[0])->idempotency_key, ==,
                   "5c3e2f3a-1111-4a4a-9b9b-000000000001");
  g_assert_cmpint (((YrsOutboxItem *) outbox->pdata[0])->state, ==, YRS_OUTBOX_STATE_SENDING);
  g_assert_cmpint (((YrsOutboxItem *) outbox->pdata[0])->created_at, ==,
                   G_GINT64_CONSTANT (1746000000000000));
}


/* Issue 17: the home visits' outbox kinds are sealed to the city like
 * applications: what routes them (the case, the consultation's kind, the
 * registration decided) stays readable, the record does not; once the
 * city has it only the public members stay. */
static void
test_seal_visit_kinds (void)
{
  g_autofree char *path = fresh_path ("visit-kinds");
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 sk[crypto_box_SECRETKEYBYTES];
  g_autofree char *spec = NULL;
  static const struct { YrsOutboxKind kind; const char *name; const char *payload; const char *public_part; const char *secret; } rows[] = {
    { YRS_OUTBOX_KIND_CONSULTATION, "consultation",
      "{\"case\":\"CASE-AB12\",\"kind\":\"after_birth\",\"date\":\"2026-12-04\",\"notes\":\"夜泣きが続く\"}",
      "\"case\":\"CASE-AB12\"", "夜泣きが続く" },
    { YRS_OUTBOX_KIND_SCREENING, "screening",
      "{\"case_key\":\"k-1\",\"consultation_key\":\"k-2\",\"instrument\":\"epds\",\"items\":[3,2,2,2,2,2,1,1,1,1]}",
      "\"consultation_key\":\"k-2\"", "[3,2,2,2,2,2,1,1,1,1]" },
    { YRS_OUTBOX_KIND_CASE, "case",
      "{\"family\":{\"name\":\"伊藤 さくら\",\"phone\":\"0784445566\"},\"answers\":{}}",
      "\"sealed\"", "伊藤" },
    { YRS_OUTBOX_KIND_DECISION, "decision",
      "{\"registration\":\"reg-1\",\"decision\":\"decline\",\"reason\":\"市外に転出\"}",
      "\"decision\":\"decline\"", "市外に転出" },
  };

  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_box_keypair (pk, sk);
  spec = city_key_spec ("visit-1", pk);
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_city_key (store, spec, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(YrsOutboxItem) item = NULL;
      g_autoptr(YrsOutboxItem) accepted = NULL;
      g_autofree char *opened = NULL;
      YrsOutboxKind back;

      g_assert_cmpstr (yrs_outbox_kind_to_string (rows[i].kind), ==, rows[i].name);
      g_assert_true (yrs_outbox_kind_from_string (rows[i].name, &back));
      g_assert_cmpint (back, ==, rows[i].kind);

      item = yrs_store_outbox_enqueue (store, rows[i].kind, "staff:n1", rows[i].payload, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (item->payload, rows[i].public_part));
      g_assert_null (strstr (item->payload, rows[i].secret));
      opened = open_sealed (item->payload, pk, sk, "visit-1");
      g_assert_nonnull (strstr (opened, rows[i].secret));

      g_assert_true (yrs_store_outbox_mark_sending (store, item->idempotency_key, &error));
      g_assert_true (yrs_store_outbox_mark_accepted (store, item->idempotency_key, "REF-1", &error));
      g_assert_no_error (error);
      accepted = yrs_store_outbox_get (store, item->idempotency_key, &error);
      g_assert_cmpint (accepted->kind, ==, rows[i].kind);
      g_assert_true (accepted->payload == NULL || strstr (accepted->payload, "\"sealed\"") == NULL);
      g_assert_true (accepted->payload == NULL || strstr (accepted->payload, rows[i].secret) == NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_root = store_test_tmpdir ();

  g_test_add_func ("/store/migrate/fixture-for-every-version", test_fixture_for_every_version);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/from-v2-seals", test_migrate_from_v2_seals);
  g_test_add_func ("/store/seal/visit-kinds", test_seal_visit_kinds);
  g_test_add_func ("/store/migrate/newer-refused-untouched", test_newer_refused);
  g_test_add_func ("/store/damaged/random-bytes", test_damaged_random_bytes);
  g_test_add_func ("/store/damaged/header-then-garbage", test_damaged_header_then_garbage);
  g_test_add_func ("/store/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/store/damaged/wrong-schema", test_damaged_wrong_schema);

  status = g_test_run ();
  store_test_rm_rf (tmp_root);
  g_free (tmp_root);
  return status;
}
