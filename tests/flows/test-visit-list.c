/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The nurse's visit list and the supervisor's queue (issue 17) without
 * widgets, against the real yorisoi-server over loopback, with real store
 * files: a kiosk of the city sends support-payment applications and a
 * 産後ケア registration (one family of another ward); a nurse of 中央区
 * signs in on her tablet and her ward's families arrive (never the other
 * ward's); the server goes away and the list stays (her sealed cache,
 * after an offline sign-in too); she records a consultation after the
 * birth and an EPDS, and adds a family with a consultation of its own;
 * when the server is back each record reaches it exactly once and the
 * payment is ready to pay. A supervisor approves and declines from her
 * queue. A kiosk never gets a list. The list comes in pages (the server
 * started with --cases-page-size 2): the tablet follows them all, one
 * family's two applications are one case, and a cached case on no page
 * goes. */

#define G_LOG_DOMAIN "test-visit-list"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-api-lookup.h"
#include "yrs-decision-queue.h"
#include "yrs-i18n.h"
#include "yrs-session.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-test-server.h"
#include "yrs-visit-case.h"
#include "yrs-visit-list.h"
#include "yrs-visit-record.h"
#include "yrs-visit-submission.h"

#define PASSWORD   "correct horse battery staple"
#define BIRTH      "1992-04-15"
#define NAME_CHUO  "港 みなと"
#define NAME_EAST  "東 灘子"
#define NAME_REG   "山田 花子"
#define NAME_ADDED "北野 ゆき"
#define NAME_REG2  "生田 あや"

typedef struct
{
  char          *dir;
  YrsTestServer *server;
  GSettings     *settings;

  /* The kiosk of the ward office. */
  YrsStore      *kiosk_store;
  YrsSyncEngine *kiosk_sync;
  char          *kiosk_owner;

  /* The nurse's (then the supervisor's) tablet. */
  YrsStore      *store;
  YrsSyncEngine *sync;
  YrsStaffAuth  *auth;
  YrsSession    *session;
} Fixture;

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
synced (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &w->error);
  w->done = TRUE;
}

/* One full sync; its error (offline) is returned, not asserted. */
static GError *
sync_once (YrsSyncEngine *sync)
{
  Wait w = { 0 };

  yrs_sync_engine_sync_async (sync, NULL, synced, &w);
  wait_for (&w);
  return w.error;
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
admin_add_staff (Fixture    *fx,
                 const char *id,
                 const char *role,
                 const char *ward)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  const char *bin = g_getenv ("YRS_SERVER_BIN");

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           bin, "admin", "--db", yrs_test_server_get_db_path (fx->server),
                           "add-staff", id, "--role", role, "--ward", ward, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, PASSWORD "\n", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
}

/* As the tablet does (yrs-tablet.c): her session in the store, the
 * session's owner, her token for the engine. */
static void
sign_in (Fixture    *fx,
         const char *staff_id,
         gboolean    expect_online)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  Wait w = { 0 };

  yrs_staff_auth_sign_in_async (fx->auth, staff_id, PASSWORD, NULL, signed_in, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_cmpint (yrs_staff_auth_get_online (fx->auth), ==, expect_online);
  owner = yrs_store_ensure_staff_session (fx->store, staff_id, &error);
  g_assert_no_error (error);
  yrs_session_wipe (fx->session);
  yrs_session_set_store (fx->session, fx->store, owner);
  yrs_sync_engine_set_token (fx->sync, yrs_staff_auth_get_token (fx->auth));
}

static void
sign_out (Fixture *fx)
{
  yrs_session_set_store (fx->session, fx->store, NULL);
  yrs_session_wipe (fx->session);
  yrs_staff_auth_sign_out (fx->auth);
  yrs_sync_engine_set_token (fx->sync, NULL);
}

static char *
kiosk_send (Fixture       *fx,
            YrsOutboxKind  kind,
            const char    *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(YrsOutboxItem) item = yrs_store_outbox_enqueue (fx->kiosk_store, kind, fx->kiosk_owner,
                                                            payload, &error);
  g_autoptr(YrsOutboxItem) answered = NULL;

  g_assert_no_error (error);
  sync_error = sync_once (fx->kiosk_sync);
  g_assert_no_error (sync_error);
  answered = yrs_store_outbox_get (fx->kiosk_store, item->idempotency_key, &error);
  if (answered->state != YRS_OUTBOX_STATE_ACCEPTED)
    g_test_message ("refused: %s", answered->reason);
  g_assert_cmpint (answered->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  return g_strdup (answered->server_reference);
}

/* The mother's kana: one of her own for each name (one family, one
 * case: the same kana and birth date are one mother). */
static const char *
kana_of (const char *name)
{
  const char *names[] = { NAME_CHUO, NAME_EAST, NAME_REG, NAME_ADDED, NAME_REG2 };
  const char *kana[] = { "ミナト ミナト", "アズマ ナダコ", "ヤマダ ハナコ", "キタノ ユキ", "イクタ アヤ" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], name) == 0)
      return kana[i];
  return "コウベ ミナト";
}

static char *
application_of (const char *programme,
                const char *name,
                const char *kana,
                const char *postal_code)
{
  return g_strdup_printf ("{\"programme\":\"%s\",\"fields\":{\"applicant.name\":\"%s\","
                          "\"applicant.kana\":\"%s\",\"applicant.birth_date\":\"" BIRTH "\","
                          "\"applicant.phone\":\"09012345678\",\"address.postal_code\":\"%s\","
                          "\"address.line\":\"加納町6-5-1\",\"child.birth_date\":\"2026-11-20\"}}",
                          programme, name, kana, postal_code);
}

static char *
application (const char *programme,
             const char *name,
             const char *postal_code)
{
  return application_of (programme, name, kana_of (name), postal_code);
}

static char *
registration (const char *name)
{
  return g_strdup_printf ("{\"name\":\"%s\",\"name_kana\":\"%s\",\"phone\":\"078-123-4567\","
                          "\"child_born_on\":\"2026-11-20\",\"tax_exempt\":true,\"birth_on\":\"" BIRTH "\","
                          "\"ward\":\"chuo\",\"postal_code\":\"650-0001\"}", name, kana_of (name));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk_db = NULL;
  g_autofree char *tablet_db = NULL;
  YrsTestServerOptions options = { .demo = TRUE, .approve_after = -1, .extra_args = data };

  fx->dir = g_dir_make_tmp ("yrs-visit-list-XXXXXX", &error);
  g_assert_no_error (error);
  fx->server = yrs_test_server_new (&options, &error);
  g_assert_no_error (error);
  admin_add_staff (fx, "nurse-chuo", "nurse", "chuo");
  admin_add_staff (fx, "sup-chuo", "supervisor", "chuo");
  fx->settings = g_settings_new (SCHEMA_ID);
  g_settings_set_uint (fx->settings, "offline-signin-days", 7);

  kiosk_db = g_build_filename (fx->dir, "kiosk.db", NULL);
  fx->kiosk_store = yrs_store_open (kiosk_db, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_city_key (fx->kiosk_store, yrs_test_server_get_city_key (fx->server), &error));
  fx->kiosk_owner = yrs_store_create_kiosk_session (fx->kiosk_store, &error);
  g_assert_no_error (error);
  fx->kiosk_sync = yrs_sync_engine_new (fx->kiosk_store, yrs_test_server_get_url (fx->server));
  yrs_sync_engine_set_token (fx->kiosk_sync, yrs_test_server_get_kiosk_token (fx->server));
  yrs_sync_engine_set_backoff (fx->kiosk_sync, 5, 100);

  tablet_db = g_build_filename (fx->dir, "tablet.db", NULL);
  fx->store = yrs_store_open (tablet_db, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_set_city_key (fx->store, yrs_test_server_get_city_key (fx->server), &error));
  fx->sync = yrs_sync_engine_new (fx->store, yrs_test_server_get_url (fx->server));
  yrs_sync_engine_set_backoff (fx->sync, 5, 100);
  fx->auth = yrs_staff_auth_new (fx->store, yrs_sync_engine_get_client (fx->sync), fx->settings);
  fx->session = yrs_session_new ();
  yrs_session_set_sync_engine (fx->session, fx->sync);
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
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->auth);
  yrs_sync_engine_stop (fx->sync);
  yrs_sync_engine_stop (fx->kiosk_sync);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fx->sync);
  g_clear_object (&fx->kiosk_sync);
  g_clear_object (&fx->store);
  g_clear_object (&fx->kiosk_store);
  g_free (fx->kiosk_owner);
  g_settings_reset (fx->settings, "offline-signin-days");
  g_clear_object (&fx->settings);
  yrs_test_server_free (fx->server);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

static void
wait_list (YrsVisitList *list)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (yrs_visit_list_get_loading (list))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
}

static YrsVisitCase *
find_family (YrsVisitList *list,
             const char   *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsVisitCase) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (yrs_visit_case_get_family_name (item), name) == 0)
        return item;   /* the list holds it */
    }
  return NULL;
}

static const char *
state_of_reference (YrsVisitCase *item,
                    const char   *reference)
{
  GListModel *subs = yrs_visit_case_get_submissions (item);

  for (guint i = 0; i < g_list_model_get_n_items (subs); i++)
    {
      g_autoptr(YrsVisitSubmission) sub = g_list_model_get_item (subs, i);

      if (g_strcmp0 (yrs_visit_submission_get_reference (sub), reference) == 0)
        return yrs_visit_submission_get_state (sub);
    }
  return NULL;
}

static void
looked_up (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  YrsApiLookupResponse **out = user_data;

  *out = yrs_api_client_lookup_finish (YRS_API_CLIENT (source), result, NULL);
  if (*out == NULL)
    *out = GINT_TO_POINTER (1);
}

/* The state the mother's receipt lookup shows (POST /v1/lookups). */
static char *
lookup_status (Fixture    *fx,
               const char *reference)
{
  YrsApiLookupResponse *found = NULL;
  char *status;

  yrs_api_client_lookup_async (yrs_sync_engine_get_client (fx->kiosk_sync), reference, BIRTH,
                               NULL, looked_up, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (found != GINT_TO_POINTER (1));
  status = g_strdup (found->status);
  yrs_api_lookup_response_free (found);
  return status;
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
outbox_count (YrsStore      *store,
              const char    *owner,
              YrsOutboxKind  kind,
              YrsOutboxState state)
{
  g_autoptr(GPtrArray) rows = yrs_store_outbox_list (store, owner, state, NULL);
  guint n = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (((YrsOutboxItem *) rows->pdata[i])->kind == kind)
      n++;
  return n;
}

/* Queued, or sending (the engine's worker may be trying it). */
static guint
outbox_pending (YrsStore      *store,
                const char    *owner,
                YrsOutboxKind  kind)
{
  return outbox_count (store, owner, kind, YRS_OUTBOX_STATE_QUEUED) +
         outbox_count (store, owner, kind, YRS_OUTBOX_STATE_SENDING);
}

#define CONSULTATION \
  "{\"kind\":\"after_birth\",\"date\":\"2026-12-04\",\"place\":\"home\"," \
  "\"present\":[\"mother\",\"partner\"],\"topics\":[\"feeding\",\"sleep\",\"mental_health\"]," \
  "\"programmes_explained\":[\"postpartum_care\"],\"follow_up\":{\"kind\":\"visit\",\"date\":\"2026-12-18\"}," \
  "\"notes\":\"母乳の相談。夜間の睡眠が不足。\"}"
#define SCREENING \
  "{\"instrument\":\"epds\",\"date\":\"2026-12-04\",\"items\":[2,2,1,2,1,1,1,1,0,1]," \
  "\"offered\":[\"postpartum_care\"],\"chosen\":[\"postpartum_care\"],\"urgent_acknowledged\":true}"

static void
test_nurse_day (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chuo_app = application ("support_payment_birth", NAME_CHUO, "650-0001");
  g_autofree char *east_app = application ("support_payment_birth", NAME_EAST, "658-0001");
  g_autofree char *chuo_ref = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *consultation_key = NULL;
  g_autofree char *added_id = NULL;
  g_autofree char *owner = g_strdup ("staff:nurse-chuo");
  YrsVisitList *list;
  YrsVisitCase *item;

  /* The families arrive at the city from the kiosk. */
  chuo_ref = kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, chuo_app);
  g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, east_app));

  /* A nurse of 中央区 signs in: her list arrives (the engine fetches it
   * with the sync the list asks for). */
  sign_in (fx, "nurse-chuo", TRUE);
  g_assert_cmpstr (yrs_session_get_staff_role (fx->session), ==, "nurse");
  g_assert_null (yrs_session_get_decision_queue (fx->session));
  g_assert_cmpstr (yrs_sync_engine_get_case_owner (fx->sync), ==, owner);
  list = yrs_session_get_visit_list (fx->session);
  g_assert_nonnull (list);
  yrs_visit_list_refresh (list);
  wait_list (list);
  g_assert_false (yrs_visit_list_get_offline (list));
  g_assert_null (yrs_visit_list_get_error (list));
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  case_id = g_strdup (yrs_visit_case_get_id (item));
  g_assert_true (g_str_has_prefix (case_id, "CASE-"));
  g_assert_cmpstr (yrs_visit_case_get_ward (item), ==, "chuo");
  g_assert_cmpstr (yrs_visit_case_get_birth_date (item), ==, BIRTH);
  g_assert_cmpstr (state_of_reference (item, chuo_ref), ==, "waiting_for_consultation");
  {
    g_autofree char *waiting = yrs_visit_case_dup_waiting (item);

    g_assert_cmpstr (waiting, ==, "Waiting for the consultation after the birth");
  }
  {
    g_autofree char *updated = yrs_visit_list_dup_last_updated (list);

    g_assert_nonnull (updated);
  }
  /* Never another ward's family, in the list or in the cache. */
  g_assert_null (find_family (list, NAME_EAST));
  {
    g_autoptr(GPtrArray) ids = yrs_store_list_sealed_ids (fx->store, owner, YRS_SYNC_CASES_COLLECTION, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autofree char *json = yrs_store_get_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION,
                                                      ids->pdata[i], &error);

        g_assert_no_error (error);
        g_assert_null (strstr (json, NAME_EAST));
      }
  }
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "GET", "/v1/cases", 200), >=, 1);

  /* Her visits, offline: she signs out, the server goes away, she signs
   * in again on the tablet: the list is there from the sealed cache. */
  sign_out (fx);
  g_assert_null (yrs_session_get_visit_list (fx->session));
  g_assert_null (yrs_sync_engine_get_case_owner (fx->sync));
  yrs_test_server_stop (fx->server);
  sign_in (fx, "nurse-chuo", FALSE);
  g_assert_cmpstr (yrs_session_get_staff_role (fx->session), ==, "nurse");
  list = yrs_session_get_visit_list (fx->session);
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  g_assert_cmpstr (yrs_visit_case_get_id (item), ==, case_id);
  yrs_visit_list_refresh (list);
  wait_list (list);
  g_assert_true (yrs_visit_list_get_offline (list));
  g_assert_nonnull (find_family (list, NAME_CHUO));

  /* A consultation after the birth and the EPDS that follows it. */
  {
    g_autoptr(JsonObject) record = object_from (CONSULTATION);
    g_autoptr(JsonObject) screening = object_from (SCREENING);

    g_assert_true (yrs_visit_list_record_consultation (list, case_id, record, &consultation_key, &error));
    g_assert_no_error (error);
    g_assert_nonnull (consultation_key);
    json_object_set_string_member (screening, "consultation", consultation_key);
    g_assert_true (yrs_visit_list_record_screening (list, case_id, screening, &error));
    g_assert_no_error (error);
  }
  /* The list knows it is recorded, from the outbox's public members. */
  g_assert_true (yrs_visit_case_has_consultation (item, "after_birth"));
  /* Bad records are refused in place, naming the fields. */
  {
    g_autoptr(JsonObject) bad = object_from ("{\"instrument\":\"epds\",\"date\":\"2026-12-04\","
                                             "\"items\":[1,2,3],\"offered\":[],\"chosen\":[],"
                                             "\"urgent_acknowledged\":false}");
    g_autoptr(JsonObject) record = object_from (CONSULTATION);

    g_assert_false (yrs_visit_list_record_screening (list, case_id, bad, &error));
    g_assert_error (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "items"));
    g_clear_error (&error);
    g_assert_false (yrs_visit_list_record_consultation (list, "CASE-NOTONLIST", record, NULL, &error));
    g_assert_error (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A family she meets on her round, added here, with a consultation. */
  {
    g_autoptr(JsonObject) family = object_from ("{\"name\":\"" NAME_ADDED "\",\"kana\":\"キタノ ユキ\","
                                                "\"birth_date\":\"1995-02-03\",\"phone\":\"07855556666\","
                                                "\"address\":\"神戸市中央区北野町2-1\",\"postal_code\":\"650-0002\","
                                                "\"child_birth_date\":\"2026-11-28\"}");
    g_autoptr(JsonObject) record = object_from (CONSULTATION);
    YrsVisitCase *added;

    g_assert_true (yrs_visit_list_add_family (list, family, &added_id, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (added_id, "local:"));
    added = yrs_visit_list_lookup (list, added_id);
    g_assert_nonnull (added);
    g_assert_true (yrs_visit_case_get_pending (added));
    g_assert_cmpstr (yrs_visit_case_get_family_name (added), ==, NAME_ADDED);
    g_assert_true (yrs_visit_list_record_consultation (list, added_id, record, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (outbox_pending (fx->store, owner, YRS_OUTBOX_KIND_CONSULTATION), ==, 2);
  g_assert_cmpuint (outbox_pending (fx->store, owner, YRS_OUTBOX_KIND_SCREENING), ==, 1);
  g_assert_cmpuint (outbox_pending (fx->store, owner, YRS_OUTBOX_KIND_CASE), ==, 1);
  /* Sealed to the city: what routes stays, the record does not. */
  {
    g_autoptr(GPtrArray) rows = yrs_store_outbox_list (fx->store, owner, YRS_OUTBOX_STATE_ANY, &error);

    for (guint i = 0; i < rows->len; i++)
      {
        YrsOutboxItem *row = rows->pdata[i];

        g_assert_nonnull (strstr (row->payload, "\"sealed\""));
        g_assert_null (strstr (row->payload, "母乳"));
        g_assert_null (strstr (row->payload, NAME_ADDED));
        g_assert_null (strstr (row->payload, "\"items\""));
      }
  }

  /* The server comes back; she signs in online again (her token) and
   * syncs: every record reaches the city once. */
  g_assert_true (yrs_test_server_restart (fx->server, &error));
  g_assert_no_error (error);
  sign_out (fx);
  sign_in (fx, "nurse-chuo", TRUE);
  list = yrs_session_get_visit_list (fx->session);
  yrs_visit_list_refresh (list);
  wait_list (list);
  g_assert_false (yrs_visit_list_get_offline (list));
  {
    g_autoptr(GError) again = sync_once (fx->sync);

    g_assert_no_error (again);
  }
  g_assert_cmpuint (outbox_count (fx->store, owner, YRS_OUTBOX_KIND_CONSULTATION, YRS_OUTBOX_STATE_ACCEPTED), ==, 2);
  g_assert_cmpuint (outbox_count (fx->store, owner, YRS_OUTBOX_KIND_SCREENING, YRS_OUTBOX_STATE_ACCEPTED), ==, 1);
  g_assert_cmpuint (outbox_count (fx->store, owner, YRS_OUTBOX_KIND_CASE, YRS_OUTBOX_STATE_ACCEPTED), ==, 1);
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", "/v1/consultations", 201), ==, 2);
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", "/v1/screenings", 201), ==, 1);
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", "/v1/cases", 201), ==, 1);

  /* The payment is ready to pay, as the mother's receipt lookup says;
   * her case waits for nothing more: closed, it left the list and the
   * tablet. */
  {
    g_autofree char *status = lookup_status (fx, chuo_ref);

    g_assert_cmpstr (status, ==, "ready_to_pay");
  }
  g_assert_null (find_family (list, NAME_CHUO));
  g_assert_null (yrs_store_get_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION, case_id, &error));
  g_assert_no_error (error);
  /* The family she added is the city's case now, with its consultation:
   * nothing of it stays pending on the tablet. */
  item = find_family (list, NAME_ADDED);
  if (item != NULL)
    {
      g_assert_true (g_str_has_prefix (yrs_visit_case_get_id (item), "CASE-"));
      g_assert_false (yrs_visit_case_get_pending (item));
    }
  g_assert_null (yrs_visit_list_lookup (list, added_id));
  g_assert_null (yrs_store_get_sealed (fx->store, owner, "added", added_id, &error));
  g_assert_no_error (error);

  /* Nothing of the records in the server's log. */
  {
    g_autofree char *log = yrs_test_server_dup_log (fx->server);

    g_assert_null (strstr (log, "母乳"));
    g_assert_null (strstr (log, NAME_ADDED));
  }
  sign_out (fx);
}

#define NOTES_OFFLINE "二回目の訪問で確認：授乳は順調。"

/* What the History shows of the records whose details hold `needle`:
 * how many, and whether the last one is local and pending. */
static guint
history_count (YrsVisitCase *item,
               const char   *needle,
               gboolean     *local,
               gboolean     *pending)
{
  GListModel *history = yrs_visit_case_get_history (item);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(YrsVisitRecord) record = g_list_model_get_item (history, i);
      g_autofree char *details = yrs_visit_record_dup_details (record);

      if (strstr (details, needle) == NULL)
        continue;
      n++;
      if (local != NULL)
        *local = yrs_visit_record_get_local (record);
      if (pending != NULL)
        *pending = yrs_visit_record_get_pending (record);
    }
  return n;
}

typedef struct
{
  guint    max_seen;     /* the most copies of the record shown at once */
  gboolean seen_pending;
  gboolean seen_sent;    /* local, accepted, before the city's case had it */
} Observed;

static void
on_history_changed (GListModel *history,
                    guint       position,
                    guint       removed,
                    guint       added,
                    gpointer    user_data)
{
  Observed *seen = user_data;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(YrsVisitRecord) record = g_list_model_get_item (history, i);
      g_autofree char *details = yrs_visit_record_dup_details (record);

      if (strstr (details, NOTES_OFFLINE) == NULL)
        continue;
      n++;
      if (yrs_visit_record_get_pending (record))
        seen->seen_pending = TRUE;
      else if (yrs_visit_record_get_local (record))
        seen->seen_sent = TRUE;
    }
  seen->max_seen = MAX (seen->max_seen, n);
}

/* The family's History: the city's records (contents included) after the
 * download; a record saved offline shows at once as not yet sent, then as
 * sent, never twice, and her copy goes once the city's case holds it. */
static void
test_history (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app = application ("support_payment_birth", NAME_CHUO, "650-0001");
  g_autofree char *owner = g_strdup ("staff:nurse-chuo");
  g_autofree char *case_id = NULL;
  g_autofree char *key = NULL;
  YrsVisitList *list;
  YrsVisitCase *item;
  gboolean local = TRUE, pending = TRUE;
  Observed seen = { 0 };

  yrs_i18n_set_language ("en");
  g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, app));
  sign_in (fx, "nurse-chuo", TRUE);
  list = yrs_session_get_visit_list (fx->session);
  yrs_visit_list_refresh (list);
  wait_list (list);
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  case_id = g_strdup (yrs_visit_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (yrs_visit_case_get_history (item)), ==, 0);

  /* A first visit: a consultation at 8 months (the payment still waits
   * for the one after the birth) and an EPDS, sent at once. */
  {
    g_autoptr(JsonObject) record = object_from (CONSULTATION);
    g_autoptr(JsonObject) screening = object_from (SCREENING);
    g_autoptr(GError) sync_error = NULL;

    json_object_set_string_member (record, "kind", "eight_months");
    json_object_set_string_member (record, "date", "2026-10-01");
    json_object_set_string_member (screening, "date", "2026-10-01");
    g_assert_true (yrs_visit_list_record_consultation (list, case_id, record, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (yrs_visit_list_record_screening (list, case_id, screening, &error));
    g_assert_no_error (error);
    sync_error = sync_once (fx->sync);
    g_assert_no_error (sync_error);
  }
  /* Downloaded with the case: the records' contents, from the city. */
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  {
    GListModel *history = yrs_visit_case_get_history (item);
    g_autoptr(YrsVisitRecord) first = NULL;
    g_autoptr(YrsVisitRecord) second = NULL;
    g_autofree char *title = NULL;
    g_autofree char *details = NULL;
    g_autofree char *scr_title = NULL;
    g_autofree char *scr_details = NULL;
    g_autofree char *status = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
    first = g_list_model_get_item (history, 0);
    second = g_list_model_get_item (history, 1);
    g_assert_cmpstr (yrs_visit_record_get_kind (first), ==, "consultation");
    g_assert_true (g_str_has_prefix (yrs_visit_record_get_id (first), "CON-"));
    g_assert_false (yrs_visit_record_get_local (first));
    title = yrs_visit_record_dup_title (first);
    g_assert_cmpstr (title, ==, "1 October 2026 · Consultation: At 8 months of pregnancy");
    details = yrs_visit_record_dup_details (first);
    g_assert_nonnull (strstr (details, "Place: At home"));
    g_assert_nonnull (strstr (details, "Feeding"));
    g_assert_nonnull (strstr (details, "母乳の相談"));
    g_assert_nonnull (strstr (details, "18 December 2026"));
    g_assert_nonnull (strstr (details, "Programmes explained: "));
    status = yrs_visit_record_dup_status (first);
    g_assert_cmpstr (status, ==, "");
    g_assert_cmpstr (yrs_visit_record_get_kind (second), ==, "screening");
    g_assert_true (g_str_has_prefix (yrs_visit_record_get_id (second), "SCR-"));
    g_assert_true (yrs_visit_record_get_urgent (second));
    g_assert_true (yrs_visit_record_get_high (second));
    scr_title = yrs_visit_record_dup_title (second);
    g_assert_cmpstr (scr_title, ==, "1 October 2026 · EPDS screening");
    scr_details = yrs_visit_record_dup_details (second);
    g_assert_nonnull (strstr (scr_details, "Total: 12 of 30 points"));
    g_assert_nonnull (strstr (scr_details, "Urgent"));
  }
  /* Her copies went: the city holds both. */
  {
    g_autoptr(GPtrArray) copies = yrs_store_list_sealed_ids (fx->store, owner, "visit-records", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (copies->len, ==, 0);
  }

  /* The second visit, offline: her record shows at once, not yet sent. */
  yrs_test_server_stop (fx->server);
  {
    g_autoptr(JsonObject) record = object_from (CONSULTATION);

    json_object_set_string_member (record, "kind", "other");
    json_object_set_string_member (record, "date", "2026-11-02");
    json_object_set_string_member (record, "notes", NOTES_OFFLINE);
    g_assert_true (yrs_visit_list_record_consultation (list, case_id, record, &key, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (history_count (item, NOTES_OFFLINE, &local, &pending), ==, 1);
  g_assert_true (local && pending);
  {
    g_autoptr(YrsVisitRecord) newest = g_list_model_get_item (yrs_visit_case_get_history (item), 0);
    g_autofree char *status = yrs_visit_record_dup_status (newest);

    g_assert_cmpstr (yrs_visit_record_get_id (newest), ==, key);
    g_assert_cmpstr (status, ==, "Not yet sent to the city");
  }
  g_assert_cmpuint (g_list_model_get_n_items (yrs_visit_case_get_history (item)), ==, 3);
  /* Her copy is sealed under her key: not in clear in the database. */
  {
    g_autofree char *copy = yrs_store_get_sealed (fx->store, owner, "visit-records", key, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (copy, NOTES_OFFLINE));
  }

  /* Signed in again (the list from her sealed cache): still there. */
  sign_out (fx);
  sign_in (fx, "nurse-chuo", FALSE);
  list = yrs_session_get_visit_list (fx->session);
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  g_assert_cmpuint (history_count (item, NOTES_OFFLINE, &local, &pending), ==, 1);
  g_assert_true (local && pending);

  /* The server comes back: sent (the outbox first, then the case's
   * download), shown once all along, and in the end from the city. */
  g_assert_true (yrs_test_server_restart (fx->server, &error));
  g_assert_no_error (error);
  sign_out (fx);
  sign_in (fx, "nurse-chuo", TRUE);
  list = yrs_session_get_visit_list (fx->session);
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  g_signal_connect (yrs_visit_case_get_history (item), "items-changed",
                    G_CALLBACK (on_history_changed), &seen);
  {
    g_autoptr(GError) sync_error = sync_once (fx->sync);

    g_assert_no_error (sync_error);
  }
  g_signal_handlers_disconnect_by_func (yrs_visit_case_get_history (item), on_history_changed, &seen);
  g_assert_true (find_family (list, NAME_CHUO) == item);
  g_assert_cmpuint (seen.max_seen, ==, 1);
  g_assert_true (seen.seen_sent);
  g_assert_cmpuint (history_count (item, NOTES_OFFLINE, &local, &pending), ==, 1);
  g_assert_false (local);
  g_assert_false (pending);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_visit_case_get_history (item)), ==, 3);
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", "/v1/consultations", 201), ==, 2);
  {
    g_autoptr(GPtrArray) copies = yrs_store_list_sealed_ids (fx->store, owner, "visit-records", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (copies->len, ==, 0);
  }
  sign_out (fx);
}

/* Cached cases go when the server's list closes them, and after the
 * configured days. */
static void
test_purge (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *owner = "staff:nurse-chuo";
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *app = application ("support_payment_birth", NAME_CHUO, "650-0001");
  YrsVisitList *list;

  g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, app));
  sign_in (fx, "nurse-chuo", TRUE);
  /* A case of an older list that the server closed since. */
  g_assert_true (yrs_store_put_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION, "CASE-CLOSED",
                                       "{\"id\":\"CASE-CLOSED\",\"family\":{\"name\":\"閉 じる\"}}",
                                       g_get_real_time () + G_TIME_SPAN_DAY, &error));
  g_assert_no_error (error);
  list = yrs_session_get_visit_list (fx->session);
  g_assert_nonnull (find_family (list, "閉 じる"));
  yrs_visit_list_refresh (list);
  wait_list (list);
  g_assert_null (find_family (list, "閉 じる"));
  g_assert_null (yrs_store_get_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION, "CASE-CLOSED", &error));
  g_assert_nonnull (find_family (list, NAME_CHUO));

  /* Each cached case expires after case-retention-days (default 14). */
  g_assert_cmpuint (g_settings_get_uint (fx->settings, "case-retention-days"), ==, 14);
  g_assert_cmpuint (yrs_sync_engine_get_case_retention_days (fx->sync), ==, 14);
  yrs_sync_engine_set_case_retention_days (fx->sync, 2);
  {
    g_autoptr(GError) e = sync_once (fx->sync);

    g_assert_no_error (e);
  }
  ids = yrs_store_list_sealed_ids (fx->store, owner, YRS_SYNC_CASES_COLLECTION, &error);
  g_assert_cmpuint (ids->len, >=, 1);
  {
    guint n = 0;

    /* Two days and a minute later, offline: forgotten. */
    g_assert_true (yrs_store_forget_expired (fx->store, g_get_real_time () + 2 * G_TIME_SPAN_DAY + G_TIME_SPAN_MINUTE,
                                             &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, >=, ids->len);
  }
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = yrs_store_list_sealed_ids (fx->store, owner, YRS_SYNC_CASES_COLLECTION, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  sign_out (fx);
}

static void
test_supervisor (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reg = registration (NAME_REG);
  g_autofree char *reg2 = registration (NAME_REG2);
  g_autofree char *first_ref = NULL;
  g_autofree char *second_ref = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *path = NULL;
  YrsDecisionQueue *queue;
  GListModel *model;
  gint64 until;

  first_ref = kiosk_send (fx, YRS_OUTBOX_KIND_REGISTRATION, reg);
  second_ref = kiosk_send (fx, YRS_OUTBOX_KIND_REGISTRATION, reg2);

  /* A nurse has no queue. */
  sign_in (fx, "nurse-chuo", TRUE);
  g_assert_null (yrs_session_get_decision_queue (fx->session));
  sign_out (fx);

  sign_in (fx, "sup-chuo", TRUE);
  g_assert_cmpstr (yrs_session_get_staff_role (fx->session), ==, "supervisor");
  queue = yrs_session_get_decision_queue (fx->session);
  g_assert_nonnull (queue);
  model = G_LIST_MODEL (queue);
  yrs_decision_queue_refresh (queue);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (yrs_decision_queue_get_loading (queue))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
  g_assert_null (yrs_decision_queue_get_error (queue));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(YrsPendingRegistration) item = g_list_model_get_item (model, i);
      g_autofree char *summary = yrs_pending_registration_dup_declared_summary (item);

      g_assert_cmpstr (yrs_pending_registration_get_state (item), ==, "pending");
      if (g_strcmp0 (yrs_pending_registration_get_reference (item), first_ref) == 0)
        {
          first_id = g_strdup (yrs_pending_registration_get_id (item));
          g_assert_nonnull (strstr (summary, NAME_REG));
          /* The ward by its name in the reader's language, not its id. */
          g_assert_null (strstr (summary, "chuo"));
          g_assert_nonnull (strstr (summary, yrs_i18n_get_lang () == YRS_LANG_JA ? "中央区" : "Chuo"));
        }
      else
        second_id = g_strdup (yrs_pending_registration_get_id (item));
    }
  g_assert_nonnull (first_id);
  g_assert_nonnull (second_id);

  /* Declining needs a reason. */
  g_assert_false (yrs_decision_queue_decide (queue, second_id, FALSE, "  ", &error));
  g_assert_error (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (yrs_decision_queue_decide (queue, first_id, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (yrs_decision_queue_decide (queue, second_id, FALSE, "住所が市外のため", &error));
  g_assert_no_error (error);
  g_assert_false (yrs_decision_queue_decide (queue, first_id, FALSE, "again", &error));
  g_assert_error (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_DECIDED);
  g_clear_error (&error);
  {
    g_autoptr(GError) e = sync_once (fx->sync);

    g_assert_no_error (e);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(YrsPendingRegistration) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (yrs_pending_registration_get_id (item), first_id) == 0)
        g_assert_cmpstr (yrs_pending_registration_get_state (item), ==, "approved");
      else
        {
          g_assert_cmpstr (yrs_pending_registration_get_state (item), ==, "declined");
          g_assert_cmpstr (yrs_pending_registration_get_reason (item), ==, "住所が市外のため");
        }
    }
  /* The server logs the route, not the ID: one request per decision. */
  path = g_strdup ("/v1/registrations/{id}/decision");
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", path, 200), ==, 2);
  /* Sent once: another sync sends nothing more. */
  {
    g_autoptr(GError) e = sync_once (fx->sync);

    g_assert_no_error (e);
  }
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "POST", path, 0), ==, 2);

  /* The queue read again has neither. */
  yrs_decision_queue_refresh (queue);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (yrs_decision_queue_get_loading (queue))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Sign-out drops the queue. */
  sign_out (fx);
  g_assert_null (yrs_session_get_decision_queue (fx->session));
}

static void
on_cases_changed (YrsSyncEngine *engine,
                  const char    *owner,
                  gpointer       user_data)
{
  *(guint *) user_data += 1;
}

/* At sign-in, as the tablet does it (the session's owner, then her
 * token) with the engine running: her list comes without anyone asking. */
static void
test_at_sign_in (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *app = application ("support_payment_pregnancy", NAME_CHUO, "650-0001");
  guint changed = 0;
  gint64 until;
  YrsVisitList *list;
  YrsVisitCase *item;

  g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, app));
  yrs_sync_engine_set_interval (fx->sync, 3600);
  yrs_sync_engine_start (fx->sync);
  while (yrs_sync_engine_get_state (fx->sync) == YRS_SYNC_STATE_SYNCING ||
         yrs_sync_engine_get_last_success (fx->sync) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (fx->sync, "cases-changed", G_CALLBACK (on_cases_changed), &changed);
  sign_in (fx, "nurse-chuo", TRUE);
  list = yrs_session_get_visit_list (fx->session);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (changed == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  {
    g_autofree char *waiting = yrs_visit_case_dup_waiting (item);

    g_assert_cmpstr (waiting, ==, "Waiting for the consultation at the pregnancy notification");
  }
  g_signal_handlers_disconnect_by_func (fx->sync, on_cases_changed, &changed);
  sign_out (fx);
}

/* A kiosk never gets a list: no flow, no download, nothing cached. */
static void
test_kiosk (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(YrsSession) session = yrs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *app = application ("support_payment_birth", NAME_CHUO, "650-0001");

  g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, app));
  yrs_session_set_sync_engine (session, fx->kiosk_sync);
  yrs_session_set_store (session, fx->kiosk_store, fx->kiosk_owner);
  g_assert_null (yrs_session_get_visit_list (session));
  g_assert_null (yrs_session_get_decision_queue (session));
  g_assert_null (yrs_session_get_staff_role (session));
  g_assert_null (yrs_sync_engine_get_case_owner (fx->kiosk_sync));
  {
    g_autoptr(GError) e = sync_once (fx->kiosk_sync);

    g_assert_no_error (e);
  }
  g_assert_cmpuint (yrs_test_server_count_requests (fx->server, "GET", "/v1/cases", 0), ==, 0);
  {
    g_autoptr(GPtrArray) ids = yrs_store_list_sealed_ids (fx->kiosk_store, fx->kiosk_owner,
                                                          YRS_SYNC_CASES_COLLECTION, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 0);
  }
}

/* The list in pages: the server gives two cases a page; the tablet
 * follows every page, and its cache holds every case once; one family's
 * two applications (her kana once with a full-width space) are one case;
 * a cached case on no page goes. */
static void
test_pages (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *first_ref = NULL;
  g_autofree char *second_ref = NULL;
  const char *owner = "staff:nurse-chuo";
  const char *names[] = { "一 いち", "二 にこ", "三 みつ", "四 よつ", "五 いつ" };
  const char *kana[] = { "イチ イチ", "ニ ニコ", "サン ミツ", "ヨン ヨツ", "ゴ イツ" };
  YrsVisitList *list;
  YrsVisitCase *item;
  guint pages;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *app = application_of ("support_payment_birth", names[i], kana[i], "650-0001");

      g_free (kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, app));
    }
  {
    g_autofree char *pregnancy = application_of ("support_payment_pregnancy", NAME_CHUO,
                                                 "ミナト ミナト", "650-0001");
    g_autofree char *birth = application_of ("support_payment_birth", NAME_CHUO,
                                             "ミナト　ミナト", "650-0001");

    first_ref = kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, pregnancy);
    second_ref = kiosk_send (fx, YRS_OUTBOX_KIND_APPLICATION, birth);
  }

  sign_in (fx, "nurse-chuo", TRUE);
  /* A case of an older list that is on no page now. */
  g_assert_true (yrs_store_put_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION, "CASE-CLOSED",
                                       "{\"id\":\"CASE-CLOSED\",\"family\":{\"name\":\"閉 じる\"}}",
                                       g_get_real_time () + G_TIME_SPAN_DAY, &error));
  g_assert_no_error (error);
  list = yrs_session_get_visit_list (fx->session);
  yrs_visit_list_refresh (list);
  wait_list (list);
  g_assert_null (yrs_visit_list_get_error (list));

  /* Six families (5 + the one with two applications), in 3 pages. */
  pages = yrs_test_server_count_requests (fx->server, "GET", "/v1/cases", 200);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (find_family (list, names[i]));
  item = find_family (list, NAME_CHUO);
  g_assert_nonnull (item);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_visit_case_get_submissions (item)), ==, 2);
  g_assert_cmpstr (state_of_reference (item, first_ref), ==, "waiting_for_consultation");
  g_assert_cmpstr (state_of_reference (item, second_ref), ==, "waiting_for_consultation");
  g_assert_null (find_family (list, "閉 じる"));
  ids = yrs_store_list_sealed_ids (fx->store, owner, YRS_SYNC_CASES_COLLECTION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 6);
  g_assert_null (yrs_store_get_sealed (fx->store, owner, YRS_SYNC_CASES_COLLECTION, "CASE-CLOSED", &error));

  /* Offline, the whole list from the sealed cache. */
  sign_out (fx);
  yrs_test_server_stop (fx->server);
  sign_in (fx, "nurse-chuo", FALSE);
  list = yrs_session_get_visit_list (fx->session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  sign_out (fx);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const small_pages[] = { "--cases-page-size", "2", NULL };

  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");

  g_test_add ("/visit-list/nurse-day", Fixture, NULL, fixture_set_up, test_nurse_day, fixture_tear_down);
  g_test_add ("/visit-list/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/visit-list/at-sign-in", Fixture, NULL, fixture_set_up, test_at_sign_in, fixture_tear_down);
  g_test_add ("/visit-list/purge", Fixture, NULL, fixture_set_up, test_purge, fixture_tear_down);
  g_test_add ("/visit-list/supervisor", Fixture, NULL, fixture_set_up, test_supervisor, fixture_tear_down);
  g_test_add ("/visit-list/kiosk", Fixture, NULL, fixture_set_up, test_kiosk, fixture_tear_down);
  g_test_add ("/visit-list/pages", Fixture, small_pages, fixture_set_up, test_pages, fixture_tear_down);
  return g_test_run ();
}
