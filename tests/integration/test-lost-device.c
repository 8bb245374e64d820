/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 18: a lost tablet, read as files. After a kiosk session and a
 * nurse's day (online in the morning, offline for her visits: drafts, a
 * cached case list and a consultation record, queued and accepted
 * submissions), the database, its -wal and -shm and the app's config
 * directory are copied as they are on the disk, and every byte is searched
 * for the people's names (kanji and kana), phone numbers, addresses, the
 * bank account number and the EPDS total, in UTF-8, UTF-16 and NFKC: no
 * hit. Without her password nothing in the copy opens; with it, her drafts
 * and cases come back. Also: the real yorisoi-server opens every sealed
 * submission; a payload sealed to a key before a rotation still opens; a
 * tampered one is refused (400) and the row shows why. */

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yrs-api.h"
#include "yrs-i18n.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"
#include "yrs-visit-case.h"
#include "yrs-visit-list.h"
#include "yrs-test-server.h"
#include "../unit/test-store-util.h"

/* The people of the test, as they would type them. */
#define P1_NAME    "佐藤 美咲"
#define P1_KANA    "サトウ ミサキ"
#define P1_PHONE   "090-1234-5678"
#define P1_ADDRESS "神戸市中央区磯上通7丁目1-8"
#define P2_NAME    "鈴木 陽菜"
#define P2_KANA    "スズキ ヒナ"
#define P2_PHONE   "078-333-2211"
#define P3_NAME    "高橋 結衣"
#define P3_KANA    "タカハシ ユイ"
#define P3_PHONE   "080-9876-5432"
#define P3_ADDRESS "神戸市灘区岩屋北町4丁目3-2"
#define P3_ACCOUNT "3141592"
#define P4_NAME    "伊藤 さくら"
#define P4_KANA    "イトウ サクラ"
#define P4_ADDRESS "神戸市東灘区住吉宮町1丁目11-5"
#define EPDS       "\"epds_total\":17"
#define P4_PHONE   "078-444-5566"
/* What the nurse records about her on the offline visit (issue 17): the
 * consultation's notes and the EPDS item scores (total 17). */
#define NOTES      "夜泣きが続き眠れない"
#define EPDS_ITEMS "[3,2,2,2,2,2,1,1,1,1]"

static const char *needles[] = {
  P1_NAME, "佐藤", "美咲", P1_KANA, "サトウ", "ミサキ", P1_PHONE, "09012345678", P1_ADDRESS, "磯上通",
  P2_NAME, "鈴木", "陽菜", P2_KANA, "スズキ", P2_PHONE, "0783332211",
  P3_NAME, "高橋", "結衣", P3_KANA, "タカハシ", P3_PHONE, "08098765432", P3_ADDRESS, "岩屋北町",
  P3_ACCOUNT,
  P4_NAME, "伊藤", "さくら", P4_KANA, "イトウ", P4_ADDRESS, "住吉宮町", P4_PHONE, "0784445566",
  EPDS, NOTES, "眠れない", "\"items\":" EPDS_ITEMS, EPDS_ITEMS,
};

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

static void
synced (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &w->error);
  w->done = TRUE;
}

static void
sync_once (YrsSyncEngine *sync)
{
  Wait w = { 0 };

  yrs_sync_engine_sync_async (sync, NULL, synced, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
}

static YrsOutboxState
state_of (YrsStore   *store,
          const char *key)
{
  g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (store, key, NULL);

  g_assert_nonnull (item);
  return item->state;
}

static char *
enqueue (YrsStore      *store,
         YrsOutboxKind  kind,
         const char    *owner,
         const char    *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) item = yrs_store_outbox_enqueue (store, kind, owner, payload, &error);

  g_assert_no_error (error);
  /* Sealed on the device: nothing personal is readable in the row. */
  g_assert_nonnull (strstr (item->payload, "\"sealed\""));
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_null (strstr (item->payload, needles[i]));
  return g_strdup (item->idempotency_key);
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static YrsVisitCase *
find_family (YrsVisitList *list,
             const char   *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(YrsVisitCase) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (yrs_visit_case_get_family_name (item), name) == 0)
        return item;   /* the list holds it */
    }
  return NULL;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (from, &data, &len, NULL))
    return;   /* no -wal at this moment: nothing to copy */
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

/* Every regular file under `dir`. */
static void
list_files (const char *dir,
            GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* Copies the database files and the config directory into `into` and
 * searches every byte of the copies. */
static void
steal_and_search (const char *db,
                  const char *config_dir,
                  const char *into)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *config_copy = g_build_filename (into, "config", NULL);
  guint hits = 0;

  g_assert_cmpint (g_mkdir_with_parents (config_copy, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix = (const char *[]) { "", "-wal", "-shm" }[i];
      g_autofree char *from = g_strconcat (db, suffix, NULL);
      g_autofree char *to = g_strconcat (into, "/yorisoi.db", suffix, NULL);

      copy_file (from, to);
    }
  {
    g_autoptr(GPtrArray) config = g_ptr_array_new_with_free_func (g_free);

    list_files (config_dir, config);
    g_assert_cmpuint (config->len, >, 0);
    for (guint i = 0; i < config->len; i++)
      {
        g_autofree char *base = g_path_get_basename (config->pdata[i]);
        g_autofree char *to = g_build_filename (config_copy, base, NULL);

        copy_file (config->pdata[i], to);
      }
  }

  list_files (into, files);
  g_assert_cmpuint (files->len, >=, 2);
  for (guint f = 0; f < files->len; f++)
    for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
      {
        guint n = store_test_count_personal (files->pdata[f], needles[i]);

        if (n > 0)
          g_test_message ("“%s” found %u times in %s", needles[i], n, (char *) files->pdata[f]);
        hits += n;
      }
  g_test_message ("searched %u files for %u strings", files->len, (guint) G_N_ELEMENTS (needles));
  g_assert_cmpuint (hits, ==, 0);
}

static void
test_lost_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("yrs-lost-XXXXXX", NULL);
  g_autofree char *config_dir = g_build_filename (tmp, "config", "yorisoi", NULL);
  g_autofree char *token_path = g_build_filename (config_dir, "device-token", NULL);
  g_autofree char *db = g_build_filename (tmp, "device", "yorisoi.db", NULL);
  g_autofree char *stolen_on = g_build_filename (tmp, "stolen-signed-in", NULL);
  g_autofree char *stolen = g_build_filename (tmp, "stolen", NULL);
  g_autofree char *stolen_db = g_build_filename (stolen, "yorisoi.db", NULL);
  g_autoptr(YrsTestServer) server = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(YrsSyncEngine) sync = NULL;
  g_autoptr(YrsStaffAuth) auth = NULL;
  g_autofree char *kiosk = NULL;
  g_autofree char *kiosk_key = NULL;
  g_autofree char *morning_key = NULL;
  g_autofree char *queued_key = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *staff_id = NULL;
  g_autofree char *password = NULL;
  g_autoptr(YrsSession) session = yrs_session_new ();
  g_autofree char *added_id = NULL;
  g_autofree char *p4_case = NULL;
  YrsVisitList *list = NULL;

  server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  staff_id = g_strdup (yrs_test_server_get_staff_id (server));
  password = g_strdup (yrs_test_server_get_staff_password (server));
  owner = g_strconcat ("staff:", staff_id, NULL);

  /* The device as the app sets it up: its config directory, the city's
   * key from the configuration, the database. */
  g_assert_true (yrs_staff_auth_write_device_token (token_path, yrs_test_server_get_kiosk_token (server), &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "city-key", yrs_test_server_get_city_key (server));
  g_settings_set_uint (settings, "offline-signin-days", 7);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  {
    g_autofree char *city = g_settings_get_string (settings, "city-key");

    g_assert_true (yrs_store_set_city_key (store, city, &error));
    g_assert_no_error (error);
  }
  sync = yrs_sync_engine_new (store, yrs_test_server_get_url (server));
  auth = yrs_staff_auth_new (store, yrs_sync_engine_get_client (sync), settings);

  /* A kiosk session: her draft, her registration accepted, then the
   * session ends. */
  kiosk = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_save_draft (store, kiosk, "answers",
                                       "{\"fields\":{\"applicant.name\":\"" P1_NAME "\",\"applicant.kana\":\"" P1_KANA "\","
                                       "\"applicant.phone\":\"" P1_PHONE "\",\"applicant.address\":\"" P1_ADDRESS "\"}}",
                                       &error));
  g_assert_no_error (error);
  kiosk_key = enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, kiosk,
                       "{\"name\":\"" P1_NAME "\",\"name_kana\":\"" P1_KANA "\",\"phone\":\"" P1_PHONE "\","
                       "\"due_on\":\"2027-03-01\",\"ward\":\"chuo\"}");
  yrs_sync_engine_set_token (sync, yrs_test_server_get_kiosk_token (server));
  sync_once (sync);
  g_assert_cmpint (state_of (store, kiosk_key), ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_true (yrs_store_wipe_owner (store, kiosk, &error));
  g_assert_no_error (error);

  /* The nurse's morning, online: a registration the city accepts. */
  g_assert_true (sign_in (auth, staff_id, password, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_staff_auth_get_online (auth));
  yrs_sync_engine_set_token (sync, yrs_staff_auth_get_token (auth));
  morning_key = enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, owner,
                         "{\"name\":\"" P2_NAME "\",\"name_kana\":\"" P2_KANA "\",\"phone\":\"" P2_PHONE "\","
                         "\"child_born_on\":\"2026-11-20\",\"ward\":\"nada\"}");
  sync_once (sync);
  g_assert_cmpint (state_of (store, morning_key), ==, YRS_OUTBOX_STATE_ACCEPTED);

  /* Her visit list (issue 17): a family she adds reaches the city, and
   * the city's list of her cases comes down into her sealed cache. */
  yrs_session_set_sync_engine (session, sync);
  yrs_session_set_store (session, store, owner);
  list = yrs_session_get_visit_list (session);
  g_assert_nonnull (list);
  {
    g_autoptr(JsonObject) family = object_from ("{\"name\":\"" P4_NAME "\",\"kana\":\"" P4_KANA "\","
                                                "\"birth_date\":\"1994-06-30\",\"phone\":\"" P4_PHONE "\","
                                                "\"address\":\"" P4_ADDRESS "\",\"postal_code\":\"658-0053\","
                                                "\"child_birth_date\":\"2026-11-25\"}");

    g_assert_true (yrs_visit_list_add_family (list, family, &added_id, &error));
    g_assert_no_error (error);
  }
  sync_once (sync);
  {
    YrsVisitCase *item = find_family (list, P4_NAME);

    g_assert_nonnull (item);
    g_assert_true (g_str_has_prefix (yrs_visit_case_get_id (item), "CASE-"));
    p4_case = g_strdup (yrs_visit_case_get_id (item));
  }
  {
    g_autofree char *cached = yrs_store_get_sealed (store, owner, YRS_SYNC_CASES_COLLECTION, p4_case, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (cached, P4_ADDRESS));
  }
  yrs_sync_engine_set_token (sync, NULL);
  /* Sign-out, as the tablet does it: the flows go with her. */
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);
  yrs_session_set_store (session, store, NULL);
  yrs_session_wipe (session);
  g_assert_null (list);
  g_assert_null (yrs_session_get_visit_list (session));
  yrs_staff_auth_sign_out (auth);

  /* Her visits, offline. */
  yrs_test_server_stop (server);
  g_assert_true (sign_in (auth, staff_id, password, &error));
  g_assert_no_error (error);
  g_assert_false (yrs_staff_auth_get_online (auth));
  g_assert_true (yrs_store_save_draft (store, owner, "form.postpartum",
                                       "{\"fields\":{\"applicant.name\":\"" P3_NAME "\",\"applicant.kana\":\"" P3_KANA "\","
                                       "\"applicant.phone\":\"" P3_PHONE "\",\"applicant.address\":\"" P3_ADDRESS "\","
                                       "\"bank.account_number\":\"" P3_ACCOUNT "\"}}", &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_queue_draft (store, owner, "answers",
                                        "{\"answers\":{\"residence.in_city\":true},\"fields\":{\"child.name\":\"" P3_NAME "\"}}",
                                        &error));
  /* Her list, from the sealed cache, offline; the visit's records. */
  yrs_session_set_store (session, store, owner);
  list = yrs_session_get_visit_list (session);
  g_assert_nonnull (find_family (list, P4_NAME));
  {
    g_autoptr(JsonObject) record = object_from ("{\"kind\":\"after_birth\",\"date\":\"2026-12-04\","
                                                "\"place\":\"home\",\"present\":[\"mother\"],"
                                                "\"topics\":[\"sleep\",\"mental_health\"],"
                                                "\"programmes_explained\":[],\"follow_up\":{\"kind\":\"phone\","
                                                "\"date\":\"2026-12-07\"},\"notes\":\"" NOTES "\"}");
    g_autoptr(JsonObject) screening = object_from ("{\"instrument\":\"epds\",\"date\":\"2026-12-04\","
                                                   "\"items\":" EPDS_ITEMS ",\"offered\":[\"postpartum_care\"],"
                                                   "\"chosen\":[],\"urgent_acknowledged\":true}");
    g_autofree char *consultation = NULL;

    g_assert_true (yrs_visit_list_record_consultation (list, p4_case, record, &consultation, &error));
    g_assert_no_error (error);
    json_object_set_string_member (screening, "consultation", consultation);
    g_assert_true (yrs_visit_list_record_screening (list, p4_case, screening, &error));
    g_assert_no_error (error);
  }
  /* The next family: her flows are dropped, her list comes back. */
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);
  yrs_session_end_visit (session);
  g_assert_null (list);
  list = yrs_session_get_visit_list (session);
  g_assert_nonnull (find_family (list, P4_NAME));
  g_assert_true (yrs_store_put_sealed (store, owner, "cases", "case-0007",
                                       "{\"name\":\"" P4_NAME "\",\"kana\":\"" P4_KANA "\",\"address\":\"" P4_ADDRESS "\"}",
                                       g_get_real_time () + 14 * G_TIME_SPAN_DAY, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_put_sealed (store, owner, "records", "visit-0007-1",
                                       "{\"case\":\"case-0007\",\"person\":\"" P4_NAME "\"," EPDS "}",
                                       0, &error));
  g_assert_no_error (error);
  queued_key = enqueue (store, YRS_OUTBOX_KIND_APPLICATION, owner,
                        "{\"programme\":\"postpartum_care\",\"fields\":{\"applicant.name\":\"" P3_NAME "\","
                        "\"applicant.kana\":\"" P3_KANA "\",\"applicant.phone\":\"" P3_PHONE "\","
                        "\"applicant.address\":\"" P3_ADDRESS "\",\"bank.account_number\":\"" P3_ACCOUNT "\"}}");
  g_assert_true (yrs_store_flush_drafts (store, &error));

  /* Lost while she is signed in, and again after she signed out. */
  steal_and_search (db, config_dir, stolen_on);
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);
  yrs_session_set_store (session, store, NULL);
  yrs_session_wipe (session);
  g_assert_null (list);
  yrs_staff_auth_sign_out (auth);
  g_assert_false (yrs_store_is_owner_unlocked (store, owner));
  steal_and_search (db, config_dir, stolen);

  /* The thief's copy: without the password nothing opens. */
  {
    g_autoptr(YrsStore) copy = yrs_store_open (stolen_db, &error);
    g_autoptr(YrsStaffAuth) thief = NULL;
    g_autoptr(GPtrArray) drafts = NULL;
    g_autoptr(YrsOutboxItem) queued = NULL;
    g_autofree char *draft = NULL;
    g_autofree char *found = NULL;

    g_assert_no_error (error);
    draft = yrs_store_load_draft (copy, owner, "form.postpartum", &error);
    g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED);
    g_assert_null (draft);
    g_clear_error (&error);
    found = yrs_store_get_sealed (copy, owner, "cases", "case-0007", &error);
    g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED);
    g_clear_error (&error);
    drafts = yrs_store_list_drafts (copy, owner, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (drafts->len, ==, 2);
    for (guint i = 0; i < drafts->len; i++)
      g_assert_null (((YrsDraft *) drafts->pdata[i])->content);
    queued = yrs_store_outbox_get (copy, queued_key, &error);
    g_assert_cmpint (queued->state, ==, YRS_OUTBOX_STATE_QUEUED);
    g_assert_null (strstr (queued->payload, P3_NAME));

    /* A guess is a wrong password: nothing is unlocked. */
    thief = yrs_staff_auth_new (copy, NULL, settings);
    g_assert_false (sign_in (thief, staff_id, "password123", &error));
    g_assert_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS);
    g_clear_error (&error);
    g_assert_false (yrs_store_is_owner_unlocked (copy, owner));
  }

  /* With her password, on the copy, her drafts and cases come back. */
  {
    g_autoptr(YrsStore) copy = yrs_store_open (stolen_db, &error);
    g_autoptr(YrsStaffAuth) again = yrs_staff_auth_new (copy, NULL, settings);
    g_autofree char *draft = NULL;
    g_autofree char *answers = NULL;
    g_autofree char *found = NULL;
    g_autofree char *record = NULL;

    g_assert_no_error (error);
    g_assert_true (sign_in (again, staff_id, password, &error));
    g_assert_no_error (error);
    draft = yrs_store_load_draft (copy, owner, "form.postpartum", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (draft, P3_ACCOUNT));
    answers = yrs_store_load_draft (copy, owner, "answers", &error);
    g_assert_nonnull (strstr (answers, P3_NAME));
    found = yrs_store_get_sealed (copy, owner, "cases", "case-0007", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (found, P4_ADDRESS));
    record = yrs_store_get_sealed (copy, owner, "records", "visit-0007-1", &error);
    g_assert_nonnull (strstr (record, EPDS));
    /* Her downloaded list too. */
    {
      g_autofree char *cached = yrs_store_get_sealed (copy, owner, YRS_SYNC_CASES_COLLECTION, p4_case, &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (cached, P4_ADDRESS));
    }
    /* But the outbox stays write-only, for her too. */
    {
      g_autoptr(YrsOutboxItem) queued = yrs_store_outbox_get (copy, queued_key, &error);

      g_assert_null (strstr (queued->payload, P3_NAME));
    }
    yrs_staff_auth_sign_out (again);
  }

  /* Back online, the queued application goes and the city opens it. */
  g_assert_true (yrs_test_server_restart (server, &error));
  g_assert_no_error (error);
  sign_in (auth, staff_id, password, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_staff_auth_get_online (auth));
  yrs_sync_engine_set_token (sync, yrs_staff_auth_get_token (auth));
  sync_once (sync);
  {
    g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (store, queued_key, NULL);

    if (item->reason != NULL)
      g_test_message ("refused: %s", item->reason);
  }
  g_assert_cmpint (state_of (store, queued_key), ==, YRS_OUTBOX_STATE_ACCEPTED);
  /* Her visit's records reach the city. */
  {
    g_autoptr(GPtrArray) rows = yrs_store_outbox_list (store, owner, YRS_OUTBOX_STATE_ANY, &error);
    guint records = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        YrsOutboxItem *row = rows->pdata[i];

        if (row->kind == YRS_OUTBOX_KIND_CONSULTATION || row->kind == YRS_OUTBOX_KIND_SCREENING)
          {
            if (row->state != YRS_OUTBOX_STATE_ACCEPTED)
              g_test_message ("%s: %s", yrs_outbox_kind_to_string (row->kind), row->reason);
            g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
            records++;
          }
      }
    g_assert_cmpuint (records, ==, 2);
  }
  g_assert_null (yrs_staff_auth_get_notice (auth));
  yrs_staff_auth_sign_out (auth);

  /* An administrator resets her password on the server: what the tablet
   * sealed under the old one is unreadable by design, removed, and she
   * is told so. */
  {
    char hash[crypto_pwhash_STRBYTES];
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;
    const char *reset = "a-new-password-after-reset";
    g_autofree char *draft = NULL;

    g_assert_cmpint (crypto_pwhash_str (hash, reset, strlen (reset),
                                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
    g_assert_cmpint (sqlite3_open (yrs_test_server_get_db_path (server), &raw), ==, SQLITE_OK);
    sqlite3_busy_timeout (raw, 5000);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "UPDATE staff SET pwhash = ? WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, staff_id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);

    g_assert_true (sign_in (auth, staff_id, reset, &error));
    g_assert_no_error (error);
    g_assert_nonnull (yrs_staff_auth_get_notice (auth));
    g_assert_nonnull (strstr (yrs_staff_auth_get_notice (auth), "can no longer be read"));
    draft = yrs_store_load_draft (store, owner, "form.postpartum", &error);
    g_assert_no_error (error);
    g_assert_null (draft);
    g_assert_null (yrs_store_get_sealed (store, owner, "cases", "case-0007", &error));
    g_assert_no_error (error);
    /* Her new key works from now on. */
    g_assert_true (yrs_store_save_draft (store, owner, "answers", "{\"n\":1}", &error));
    g_assert_no_error (error);
    yrs_staff_auth_sign_out (auth);
    g_assert_null (yrs_staff_auth_get_notice (auth));
  }
  yrs_test_server_stop (server);

  g_clear_object (&session);
  g_settings_reset (settings, "city-key");
  g_settings_reset (settings, "offline-signin-days");
  g_clear_object (&sync);
  g_clear_object (&auth);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* The server opens what devices seal: every kind, a key before a
 * rotation, and it refuses a tampered box, which the device shows. */
static void
test_server_opens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("yrs-seal-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "yorisoi.db", NULL);
  g_autoptr(YrsTestServer) server = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) sync = NULL;
  g_autoptr(YrsOutboxItem) tampered = NULL;
  g_autoptr(YrsOutboxItem) answered = NULL;
  g_autofree char *kiosk = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *new_key = NULL;
  g_autofree char *application = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *bad_key = NULL;

  server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_city_key (store, yrs_test_server_get_city_key (server), &error));
  g_assert_cmpstr (yrs_store_get_city_key_id (store), ==, "test-1");
  sync = yrs_sync_engine_new (store, yrs_test_server_get_url (server));
  yrs_sync_engine_set_token (sync, yrs_test_server_get_kiosk_token (server));
  kiosk = yrs_store_create_kiosk_session (store, &error);

  /* Sealed to the key of today, queued offline. */
  old_key = enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, kiosk,
                     "{\"name\":\"" P1_NAME "\",\"name_kana\":\"" P1_KANA "\",\"phone\":\"" P1_PHONE "\","
                     "\"due_on\":\"2027-03-01\"}");

  /* The city rotates: a new key pair; the server keeps the old one. */
  g_assert_true (yrs_test_server_add_city_key (server, "test-2", &error));
  g_assert_no_error (error);
  g_assert_true (yrs_test_server_restart (server, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_city_key (store, yrs_test_server_get_city_key (server), &error));
  g_assert_cmpstr (yrs_store_get_city_key_id (store), ==, "test-2");
  new_key = enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, kiosk,
                     "{\"name\":\"" P2_NAME "\",\"name_kana\":\"" P2_KANA "\",\"phone\":\"" P2_PHONE "\","
                     "\"child_born_on\":\"2026-11-20\"}");
  application = enqueue (store, YRS_OUTBOX_KIND_APPLICATION, kiosk,
                         "{\"programme\":\"postpartum_care\",\"fields\":{\"applicant.name\":\"" P3_NAME "\","
                         "\"applicant.kana\":\"" P3_KANA "\",\"applicant.phone\":\"08098765432\"}}");
  {
    g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (store, old_key, &error);

    g_assert_nonnull (strstr (item->payload, "\"key_id\":\"test-1\""));
  }
  sync_once (sync);
  g_assert_cmpint (state_of (store, old_key), ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_cmpint (state_of (store, new_key), ==, YRS_OUTBOX_STATE_ACCEPTED);
  {
    g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (store, application, &error);

    /* Opened and checked like any application: accepted or answered on
     * its fields, never refused for its seal. */
    g_assert_true (item->state == YRS_OUTBOX_STATE_ACCEPTED || item->state == YRS_OUTBOX_STATE_REJECTED);
    if (item->state == YRS_OUTBOX_STATE_REJECTED)
      g_assert_null (strstr (item->reason, "sealed"));
  }
  /* Opened in the server's memory only: nothing of them in its log. */
  {
    g_autofree char *log = yrs_test_server_dup_log (server);

    g_assert_null (strstr (log, P1_NAME));
  }

  /* A box tampered with on the way (or on the device): one bit. */
  bad_key = enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, kiosk,
                     "{\"name\":\"" P4_NAME "\",\"name_kana\":\"" P4_KANA "\",\"phone\":\"078-111-2222\","
                     "\"due_on\":\"2027-05-01\"}");
  tampered = yrs_store_outbox_get (store, bad_key, &error);
  {
    g_autofree char *copy = g_strdup (tampered->payload);
    char *box = strstr (copy, "\"box\":\"");

    g_assert_nonnull (box);
    box += strlen ("\"box\":\"") + 20;
    *box = *box == 'A' ? 'B' : 'A';
    /* Written back as the row's payload with plain SQLite. */
    {
      sqlite3 *raw = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
      sqlite3_busy_timeout (raw, 5000);
      g_assert_cmpint (sqlite3_prepare_v2 (raw, "UPDATE outbox SET payload = ? WHERE idempotency_key = ?",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, copy, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, bad_key, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      sqlite3_close (raw);
    }
  }
  sync_once (sync);
  answered = yrs_store_outbox_get (store, bad_key, &error);
  g_assert_cmpint (answered->state, ==, YRS_OUTBOX_STATE_REJECTED);
  g_assert_nonnull (strstr (answered->reason, YRS_API_PROBLEM_SEALED));
  g_assert_nonnull (strstr (answered->reason, "\"status\":400"));
  g_assert_cmpuint (yrs_test_server_count_requests (server, "POST", "/v1/registrations", 400), ==, 1);
  /* The row says why, in words. */
  reason = yrs_sync_describe_outbox_item (answered);
  g_test_message ("%s", reason);
  g_assert_nonnull (strstr (reason, "could not open its sealed personal details"));

  yrs_test_server_stop (server);
  g_clear_object (&sync);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_home = NULL;

  /* The app's config directory lives in the test's temporary place. */
  config_home = g_dir_make_tmp ("yrs-lost-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/seal/lost-device", test_lost_device);
  g_test_add_func ("/seal/server-opens", test_server_opens);
  {
    int rc = g_test_run ();

    store_test_rm_rf (config_home);
    return rc;
  }
}
