/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sync engine and the API client against the real yorisoi-server over
 * loopback, with and without the fault proxy between them. */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "yrs-fault-proxy.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"
#include "yrs-sync-test-util.h"

#define VALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"0781234567\"}}"
#define INVALID_APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"12\"}}"

typedef struct
{
  char          *dir;
  YrsTestServer *server;
  YrsFaultProxy *proxy;
  YrsStore      *store;
  YrsSyncEngine *engine;
  GPtrArray     *owners;
  guint          n_enqueued;
  GHashTable    *valid_keys;   /* rows queued with a valid payload */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  const char *args[] = { "--demo", "--approve-after", "0", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  fx->dir = g_dir_make_tmp ("yrs-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fx->server = yrs_test_server_start (fx->dir, args);
  fx->proxy = yrs_fault_proxy_new (fx->server->url, &error);
  g_assert_no_error (error);
  yrs_fault_proxy_set_drip (fx->proxy, 10, 3);
  yrs_fault_proxy_set_retry_after (fx->proxy, 0);

  db = g_build_filename (fx->dir, "device.db", NULL);
  fx->store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  fx->engine = yrs_sync_engine_new (fx->store, yrs_fault_proxy_get_url (fx->proxy));
  yrs_sync_engine_set_token (fx->engine, fx->server->kiosk_token);
  yrs_sync_engine_set_backoff (fx->engine, 5, 200);
  yrs_api_client_set_timeouts (yrs_sync_engine_get_client (fx->engine), 2000, 500);

  fx->owners = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 4; i++)
    {
      g_ptr_array_add (fx->owners, yrs_store_create_kiosk_session (fx->store, &error));
      g_assert_no_error (error);
    }
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
  yrs_sync_engine_stop (fx->engine);
  g_clear_pointer (&fx->valid_keys, g_hash_table_unref);
  /* Let cancelled calls come back before the engine goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fx->engine);
  g_clear_object (&fx->store);
  yrs_fault_proxy_stop (fx->proxy);
  g_clear_object (&fx->proxy);
  yrs_test_server_stop (fx->server);
  g_ptr_array_unref (fx->owners);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

/* Spins until the engine has nothing pending and is not syncing. */
static void
wait_drained (Fixture *fx,
              guint    timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (yrs_sync_engine_get_pending (fx->engine) > 0 ||
         yrs_sync_engine_get_state (fx->engine) == YRS_SYNC_STATE_SYNCING)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the outbox did not drain in %u s: %u pending, last error: %s", timeout_s,
                 yrs_sync_engine_get_pending (fx->engine),
                 yrs_sync_engine_get_last_error (fx->engine));
      g_main_context_iteration (NULL, TRUE);
    }
}

static GHashTable *
set_of (GPtrArray *values)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < values->len; i++)
    g_hash_table_add (set, g_strdup (g_ptr_array_index (values, i)));
  return set;
}

/* Every application row is accepted exactly once on the server (by its
 * idempotency key and reference), or rejected for its invalid phone. */
static void
assert_exactly_once (Fixture *fx,
                     guint    expected_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = yrs_store_outbox_list (fx->store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  g_autoptr(GPtrArray) references = yrs_test_server_query (fx->server, "SELECT reference FROM applications");
  g_autoptr(GPtrArray) accepted_keys = yrs_test_server_query (fx->server, "SELECT key FROM idempotency WHERE status = 201");
  g_autoptr(GPtrArray) rejected_keys = yrs_test_server_query (fx->server, "SELECT key FROM idempotency WHERE status = 422");
  g_autoptr(GHashTable) reference_set = set_of (references);
  g_autoptr(GHashTable) accepted_set = set_of (accepted_keys);
  g_autoptr(GHashTable) rejected_set = set_of (rejected_keys);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_accepted = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected_rows);
  /* No reference twice on the server. */
  g_assert_cmpuint (g_hash_table_size (reference_set), ==, references->len);

  for (guint i = 0; i < rows->len; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (rows, i);
      gboolean valid = fx->valid_keys != NULL &&
                       g_hash_table_contains (fx->valid_keys, row->idempotency_key);

      if (valid)
        {
          g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
          g_assert_nonnull (row->server_reference);
          g_assert_true (g_hash_table_contains (reference_set, row->server_reference));
          g_assert_false (g_hash_table_contains (seen, row->server_reference));
          g_hash_table_add (seen, row->server_reference);
          g_assert_true (g_hash_table_contains (accepted_set, row->idempotency_key));
          n_accepted++;
        }
      else
        {
          g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_REJECTED);
          g_assert_nonnull (row->reason);
          if (strstr (row->reason, "fields.applicant.phone") == NULL)
            g_error ("row %s rejected for the wrong reason: %s", row->idempotency_key, row->reason);
          g_assert_nonnull (strstr (row->reason, "\"status\":422"));
          g_assert_nonnull (strstr (row->reason, "fields.applicant.phone"));
          g_assert_nonnull (strstr (row->reason, "\"format\""));
          g_assert_true (g_hash_table_contains (rejected_set, row->idempotency_key));
        }
    }
  /* Nothing on the server that the outbox does not account for. */
  g_assert_cmpuint (references->len, ==, n_accepted);
  g_assert_cmpuint (yrs_sync_engine_get_pending (fx->engine), ==, 0);

  /* Answered rows are never sent again: another sync leaves every row's
   * tries as they are. */
  yrs_sync_engine_kick (fx->engine);
  wait_drained (fx, 30);
  {
    g_autoptr(GPtrArray) again = yrs_store_outbox_list (fx->store, NULL, YRS_OUTBOX_STATE_ANY, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (((YrsOutboxItem *) again->pdata[i])->tries, ==, ((YrsOutboxItem *) rows->pdata[i])->tries);
  }
}

static void
enqueue (Fixture *fx,
         guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = fx->n_enqueued++ % 5 != 4;
      g_autoptr(YrsOutboxItem) row =
        yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION,
                                  g_ptr_array_index (fx->owners, i % fx->owners->len),
                                  valid ? VALID_APPLICATION : INVALID_APPLICATION,
                                  &error);

      g_assert_no_error (error);
      /* An accepted row forgets its fields (issue 18): remember which
       * were valid. */
      if (fx->valid_keys == NULL)
        fx->valid_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (valid)
        g_hash_table_add (fx->valid_keys, g_strdup (row->idempotency_key));
    }
  yrs_sync_engine_kick (fx->engine);
}

/* ---- The client's error codes ----------------------------------------- */

typedef struct
{
  gboolean  done;
  gpointer  value;
  GError   *error;
} Wait;

static void
on_application (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_post_application_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static void
post_application (YrsApiClient *client,
                  const char   *body,
                  Wait         *w)
{
  g_autofree char *key = g_uuid_string_random ();

  memset (w, 0, sizeof *w);
  yrs_api_client_post_application_async (client, key, body, NULL, on_application, w);
  g_assert_true (yrs_test_wait_flag (&w->done, 30000));
}

static void
wait_clear (Wait *w)
{
  g_clear_pointer (&w->value, yrs_api_application_response_free);
  g_clear_error (&w->error);
}

static void
test_client_errors (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(YrsApiClient) client = yrs_api_client_new (yrs_fault_proxy_get_url (fx->proxy));
  g_autoptr(YrsApiClient) nowhere = NULL;
  const YrsApiProblem *problem;
  Wait w;

  yrs_api_client_set_timeouts (client, 2000, 500);
  yrs_api_client_set_token (client, fx->server->kiosk_token);

  post_application (client, VALID_APPLICATION, &w);
  g_assert_no_error (w.error);
  /* A support payment waits for its consultation (issue 17). */
  g_assert_cmpstr (((YrsApiApplicationResponse *) w.value)->status, ==, "waiting_for_consultation");
  wait_clear (&w);

  post_application (client, INVALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_REJECTED);
  problem = yrs_api_error_get_problem (w.error);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->errors->len, ==, 1);
  g_assert_cmpstr (((YrsApiFieldError *) problem->errors->pdata[0])->field, ==, "fields.applicant.phone");
  g_assert_false (yrs_api_error_is_transient (w.error));
  wait_clear (&w);

  yrs_api_client_set_token (client, "not-a-token");
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED);
  wait_clear (&w);
  yrs_api_client_set_token (client, fx->server->kiosk_token);

  yrs_fault_proxy_set_retry_after (fx->proxy, 3);
  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_STATUS_429);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (yrs_api_error_get_retry_after (w.error), ==, 3);
  g_assert_true (yrs_api_error_is_transient (w.error));
  wait_clear (&w);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_STATUS_503);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_SERVER);
  g_assert_cmpint (yrs_api_error_get_retry_after (w.error), ==, 3);
  g_assert_cmpuint (yrs_api_error_get_status (w.error), ==, 503);
  wait_clear (&w);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_STATUS_500);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_SERVER);
  wait_clear (&w);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_STALL);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT);
  wait_clear (&w);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_CORRUPT_JSON);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_BAD_RESPONSE);
  wait_clear (&w);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_RESET_REQUEST);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE);
  wait_clear (&w);

  /* Nothing listens on the proxy's port once it is stopped. */
  nowhere = yrs_api_client_new (yrs_fault_proxy_get_url (fx->proxy));
  yrs_fault_proxy_stop (fx->proxy);
  yrs_api_client_set_token (nowhere, fx->server->kiosk_token);
  post_application (nowhere, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE);
  wait_clear (&w);
}

/* ---- Each fault alone, then all mixed -------------------------------- */

static void
test_fault_alone (Fixture       *fx,
                  gconstpointer  data)
{
  YrsFault fault = GPOINTER_TO_UINT (data);
  guint weights[YRS_FAULT_N] = { 0 };

  weights[YRS_FAULT_NONE] = 1;
  weights[fault] = 1;
  yrs_fault_proxy_set_random (fx->proxy, 7 + fault, weights);
  /* The first submission always meets the fault. */
  yrs_fault_proxy_queue_faults (fx->proxy, &fault, 1);
  enqueue (fx, 12);
  yrs_sync_engine_start (fx->engine);
  wait_drained (fx, 120);
  g_test_message ("%s: %u requests, %u with the fault", yrs_fault_to_string (fault),
                  yrs_fault_proxy_get_n_requests (fx->proxy),
                  yrs_fault_proxy_get_fault_count (fx->proxy, fault));
  g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, fault), >=, 1);
  assert_exactly_once (fx, 12);
}

/* Writes go on the kept-alive connection: each carries an Idempotency-Key,
 * so libsoup may send it again and need not open a connection (over https,
 * a TLS handshake) for each, as it does for a plain POST. */
static void
test_writes_keep_connection (Fixture       *fx,
                             gconstpointer  data)
{
  enqueue (fx, 12);
  yrs_sync_engine_start (fx->engine);
  wait_drained (fx, 120);
  assert_exactly_once (fx, 12);
  g_test_message ("%u requests on %u connections", yrs_fault_proxy_get_n_requests (fx->proxy),
                  yrs_fault_proxy_get_n_connections (fx->proxy));
  g_assert_cmpuint (yrs_fault_proxy_get_n_requests (fx->proxy), >=, 12);
  /* The engine sends up to 4 at once (four owners here): at most one
   * connection each. Before, one connection per POST (12). */
  g_assert_cmpuint (yrs_fault_proxy_get_n_connections (fx->proxy), <=, 4);
}

static void
test_faults_mixed (Fixture       *fx,
                   gconstpointer  data)
{
  guint weights[YRS_FAULT_N];
  guint rows = 0;

  /* Half the requests go through; the other half meet a fault. */
  for (guint i = 0; i < YRS_FAULT_N; i++)
    weights[i] = 1;
  weights[YRS_FAULT_NONE] = YRS_FAULT_N - 1;
  yrs_fault_proxy_set_random (fx->proxy, g_test_rand_int (), weights);
  while (yrs_fault_proxy_get_n_requests (fx->proxy) < 500)
    {
      enqueue (fx, 40);
      rows += 40;
      yrs_sync_engine_start (fx->engine);
      wait_drained (fx, 240);
    }
  for (guint i = 0; i < YRS_FAULT_N; i++)
    g_test_message ("%s: %u", yrs_fault_to_string (i), yrs_fault_proxy_get_fault_count (fx->proxy, i));
  g_test_message ("%u requests for %u rows", yrs_fault_proxy_get_n_requests (fx->proxy), rows);
  for (guint i = 0; i < YRS_FAULT_N; i++)
    g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, i), >, 0);
  assert_exactly_once (fx, rows);
}

/* ---- Retry-After ------------------------------------------------------ */

static void
on_row_answered (YrsSyncEngine *engine,
                 const char    *key,
                 int            state,
                 gpointer       user_data)
{
  if (state == YRS_OUTBOX_STATE_ACCEPTED)
    *(gint64 *) user_data = g_get_monotonic_time ();
}

static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  const YrsFault fault = YRS_FAULT_STATUS_503;
  gint64 start, accepted_at = 0;

  yrs_sync_engine_start (fx->engine);
  wait_drained (fx, 30);
  g_signal_connect (fx->engine, "row-answered", G_CALLBACK (on_row_answered), &accepted_at);
  yrs_fault_proxy_set_retry_after (fx->proxy, 1);
  yrs_fault_proxy_queue_faults (fx->proxy, &fault, 1);
  start = g_get_monotonic_time ();
  enqueue (fx, 1);
  wait_drained (fx, 30);
  /* The backoff alone would be under 5 ms; the server asked for 1 s. */
  g_assert_cmpint (accepted_at - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_STATUS_503), ==, 1);
  assert_exactly_once (fx, 1);
}

/* ---- 409: a conflict row, never rebooked ----------------------------- */

static void
on_registration (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_post_registration_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static void
on_reservation (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_post_reservation_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static char *
register_parent (YrsApiClient *client)
{
  g_autofree char *key = g_uuid_string_random ();
  Wait w = { 0 };
  char *id;

  yrs_api_client_post_registration_async (client, key,
                                          "{\"name\":\"寄添花子\",\"name_kana\":\"ヨリソイ ハナコ\","
                                          "\"phone\":\"0781234567\",\"child_born_on\":\"2026-11-01\"}",
                                          NULL, on_registration, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);
  id = g_strdup (((YrsApiRegistrationResponse *) w.value)->id);
  yrs_api_registration_response_free (w.value);
  return id;
}

static void
test_conflict (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(YrsApiClient) client = yrs_api_client_new (fx->server->url);
  g_autoptr(GPtrArray) slot = yrs_test_server_query (fx->server,
    "SELECT id || ' ' || capacity FROM slots WHERE deleted = 0 AND capacity > 0 "
    "ORDER BY capacity, starts_unix LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (slot->pdata[0], " ", 2);
  g_autofree char *mine = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsOutboxItem) answered = NULL;
  g_autoptr(JsonNode) alternatives = NULL;
  g_autoptr(GError) error = NULL;
  int capacity = atoi (parts[1]);

  yrs_api_client_set_token (client, fx->server->kiosk_token);
  /* Others fill the slot. */
  for (int i = 0; i < capacity; i++)
    {
      g_autofree char *other = register_parent (client);
      g_autofree char *key = g_uuid_string_random ();
      g_autofree char *body = g_strdup_printf ("{\"registration\":\"%s\",\"slot\":\"%s\"}", other, parts[0]);
      Wait w = { 0 };

      yrs_api_client_post_reservation_async (client, key, body, NULL, on_reservation, &w);
      g_assert_true (yrs_test_wait_flag (&w.done, 30000));
      g_assert_no_error (w.error);
      yrs_api_reservation_response_free (w.value);
    }

  mine = register_parent (client);
  payload = g_strdup_printf ("{\"registration\":\"%s\",\"slot\":\"%s\"}", mine, parts[0]);
  row = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_RESERVATION, fx->owners->pdata[0], payload, &error);
  g_assert_no_error (error);
  yrs_sync_engine_start (fx->engine);
  yrs_sync_engine_kick (fx->engine);
  wait_drained (fx, 30);

  answered = yrs_store_outbox_get (fx->store, row->idempotency_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (answered->state, ==, YRS_OUTBOX_STATE_CONFLICT);
  g_assert_cmpint (answered->tries, ==, 1);
  alternatives = json_from_string (answered->alternatives, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (alternatives));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alternatives)), >, 0);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (alternatives)); i++)
    {
      JsonObject *alt = json_array_get_object_element (json_node_get_array (alternatives), i);

      g_assert_cmpstr (json_object_get_string_member (alt, "id"), !=, parts[0]);
    }
  g_assert_cmpuint (yrs_sync_engine_get_failed (fx->engine), ==, 1);

  /* Nothing booked for this person, on that slot or any other. */
  sql = g_strdup_printf ("SELECT id FROM reservations WHERE registration = '%s'", mine);
  booked = yrs_test_server_query (fx->server, sql);
  g_assert_cmpuint (booked->len, ==, 0);

  /* A later sync leaves the conflict alone. */
  yrs_sync_engine_kick (fx->engine);
  wait_drained (fx, 30);
  g_clear_pointer (&answered, yrs_outbox_item_free);
  answered = yrs_store_outbox_get (fx->store, row->idempotency_key, &error);
  g_assert_cmpint (answered->tries, ==, 1);
}

/* ---- Resume after a crash in `sending` -------------------------------- */

static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsOutboxItem) after = NULL;
  g_autoptr(YrsApiClient) client = yrs_api_client_new (fx->server->url);
  g_autoptr(GPtrArray) references = NULL;
  Wait w = { 0 };

  row = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION, fx->owners->pdata[0],
                                  VALID_APPLICATION, &error);
  g_assert_no_error (error);
  /* A previous run marked it sending, the server got it, then the
   * device died before the answer was stored. */
  g_assert_true (yrs_store_outbox_mark_sending (fx->store, row->idempotency_key, &error));
  yrs_api_client_set_token (client, fx->server->kiosk_token);
  yrs_api_client_post_application_async (client, row->idempotency_key, VALID_APPLICATION, NULL,
                                         on_application, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);

  g_clear_object (&fx->engine);
  fx->engine = yrs_sync_engine_new (fx->store, fx->server->url);
  yrs_sync_engine_set_token (fx->engine, fx->server->kiosk_token);
  g_assert_cmpuint (yrs_sync_engine_get_pending (fx->engine), ==, 1);
  yrs_sync_engine_start (fx->engine);
  wait_drained (fx, 30);

  after = yrs_store_outbox_get (fx->store, row->idempotency_key, &error);
  g_assert_cmpint (after->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_cmpstr (after->server_reference, ==, ((YrsApiApplicationResponse *) w.value)->reference);
  references = yrs_test_server_query (fx->server, "SELECT reference FROM applications");
  g_assert_cmpuint (references->len, ==, 1);
  wait_clear (&w);
}

/* ---- Catalogue: unchanged costs one 304 ------------------------------- */

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &w->error);
  w->done = TRUE;
}

static void
test_catalog_not_modified (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(YrsSyncEngine) direct = yrs_sync_engine_new (fx->store, fx->server->url);
  g_autoptr(YrsCatalogVersion) first = NULL;
  g_autoptr(YrsCatalogVersion) second = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { 0 };

  yrs_sync_engine_sync_async (direct, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);
  first = yrs_store_get_latest_catalog (fx->store, &error);
  g_assert_nonnull (first);
  g_assert_nonnull (first->etag);
  g_assert_cmpuint (yrs_store_count_slots (fx->store, NULL), >, 0);

  memset (&w, 0, sizeof w);
  yrs_sync_engine_sync_async (direct, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);

  lines = yrs_test_server_log_lines (fx->server, "GET /v1/catalog ");
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (g_str_has_prefix (lines->pdata[0], "request GET /v1/catalog 200 "));
  g_assert_true (g_str_has_prefix (lines->pdata[1], "request GET /v1/catalog 304 "));
  second = yrs_store_get_latest_catalog (fx->store, &error);
  g_assert_cmpint (second->id, ==, first->id);
  g_assert_cmpuint (yrs_sync_engine_get_state (direct), ==, YRS_SYNC_STATE_IDLE);
  g_assert_cmpint (yrs_sync_engine_get_last_success (direct), >, 0);
}

/* ---- 10,000 slots: the main loop keeps ticking ------------------------ */

/* How many times slower a sanitizer build runs the main thread's work. */
#if defined (__SANITIZE_ADDRESS__)
#define SANITIZER_SLOWDOWN 5
#elif defined (__has_feature)
#if __has_feature (address_sanitizer)
#define SANITIZER_SLOWDOWN 5
#endif
#endif
#ifndef SANITIZER_SLOWDOWN
#define SANITIZER_SLOWDOWN 1
#endif

/* The gap between ticks in wall-clock time, how much of it the main
 * thread spent running, and how much waiting for a CPU (runnable but not
 * running: other work on the machine, not ours), from Linux's
 * /proc/thread-self/schedstat. What is left of a gap without the wait is
 * the main thread working or blocked (on a lock, a disk write): that is
 * the program's own part. */
typedef struct
{
  gint64 last;
  gint64 last_cpu;
  gint64 last_wait;
  gint64 max_gap;
  gint64 max_cpu;
  gint64 max_own;     /* the largest gap less its run-queue wait */
} Ticker;

/* CPU time and run-queue wait of this thread in µs; wait is -1 where the
 * kernel does not say. */
static gint64
thread_cpu_us (gint64 *wait)
{
  g_autofree char *text = NULL;
  struct timespec ts;
  guint64 run_ns, wait_ns;

  if (g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) &&
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run_ns, &wait_ns) == 2)
    {
      *wait = (gint64) (wait_ns / 1000);
      return (gint64) (run_ns / 1000);
    }
  *wait = -1;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 wait;
  gint64 cpu = thread_cpu_us (&wait);

  if (t->last != 0)
    {
      gint64 gap = now - t->last;
      gint64 waited = wait >= 0 && t->last_wait >= 0 ? wait - t->last_wait : 0;

      t->max_gap = MAX (t->max_gap, gap);
      t->max_cpu = MAX (t->max_cpu, cpu - t->last_cpu);
      t->max_own = MAX (t->max_own, gap - waited);
      if (gap > 8000)
        g_debug ("main-loop gap %.1f ms: running %.1f ms, waiting for a CPU %.1f ms",
                 gap / 1000.0, (cpu - t->last_cpu) / 1000.0, waited / 1000.0);
    }
  t->last = now;
  t->last_cpu = cpu;
  t->last_wait = wait;
  return G_SOURCE_CONTINUE;
}

static void
test_slots_10000 (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fx->dir, "bulk", NULL);
  g_autofree char *db = g_build_filename (fx->dir, "bulk-device.db", NULL);
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  YrsTestServer *server;
  Ticker ticker = { 0 };
  Wait w = { 0 };
  guint tick_id;
  gint64 start;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  server = yrs_test_server_start (dir, NULL);
  yrs_test_server_seed_slots (server, 10000);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  engine = yrs_sync_engine_new (store, server->url);

  tick_id = g_timeout_add (1, on_tick, &ticker);
  start = g_get_monotonic_time ();
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 120000));
  g_source_remove (tick_id);
  g_assert_no_error (w.error);

  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 10000);
  g_test_message ("10,000 slots in %.0f ms; largest main-loop gap %.1f ms (target 16 ms); "
                  "largest without the waits for a CPU %.1f ms; most main-thread CPU time "
                  "between two ticks %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0, ticker.max_gap / 1000.0,
                  ticker.max_own / 1000.0, ticker.max_cpu / 1000.0);
  /* The program's own part of the gaps (running or blocked, never the
   * wait for a CPU): 50 ms, three frames at the 16 ms target, where a
   * plain build shows under 5 ms at a load average of 10 on 2 cores. A
   * sanitizer build runs the same code several times slower (ASan checks
   * every access and allocation; tools/sanitize.sh also sets
   * G_SLICE=always-malloc): up to 160 ms there, so the bound is scaled by
   * SANITIZER_SLOWDOWN, not dropped. The figures above are the report.
   * (The whole gap also counts time the machine gave to others: over
   * 300 ms under ASan at that load, with 0.5 ms of it running.) */
  g_assert_cmpint (ticker.max_own, <, 50 * 1000 * SANITIZER_SLOWDOWN);

  /* A delta: one slot changed, one deleted. */
  yrs_test_server_exec (server,
                        "UPDATE slots SET booked = 3, revision = 10001 WHERE id = 'bulk-7';"
                        "UPDATE slots SET deleted = 1, revision = 10002 WHERE id = 'bulk-8';"
                        "UPDATE meta SET value = '10002' WHERE key = 'slot_revision';");
  memset (&w, 0, sizeof w);
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 60000));
  g_assert_no_error (w.error);
  g_assert_cmpuint (yrs_store_count_slots (store, &error), ==, 9999);
  {
    g_autoptr(YrsSlot) slot = yrs_store_get_slot (store, "bulk-7", &error);

    g_assert_nonnull (slot);
    g_assert_cmpint (slot->booked, ==, 3);
    g_assert_cmpint (slot->revision, ==, 10001);
  }
  {
    g_autoptr(GPtrArray) lines = yrs_test_server_log_lines (server, "GET /v1/slots?since");

    g_assert_cmpuint (lines->len, >=, 1);
  }
  yrs_test_server_stop (server);
}


/* ---- Journey 3: offline, a registration and then a reservation --------- */

/* A loopback port nobody listens on (the server is started on it later). */
static guint16
free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
server_value (YrsTestServer *server,
              const char    *sql)
{
  g_autoptr(GPtrArray) rows = yrs_test_server_query (server, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (g_ptr_array_index (rows, 0));
}

/* A nurse, offline, files a 産後ケア registration and books a slot for it
 * (the reservation names the registration by its outbox key). The server
 * comes back (the demo server, which approves registrations 5 s after
 * they arrive): the registration goes first, the reservation waits out
 * the approval (409 registration-pending, retried) and is booked with the
 * registration's ID. Each is on the server exactly once. */
static void
test_offline_registration_reservation (Fixture       *fx,
                                       gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fx->dir, "journey", NULL);
  g_autofree char *port = g_strdup_printf ("%u", free_port ());
  const char *args[] = { "--demo", "--port", port, NULL };
  g_autoptr(YrsOutboxItem) registration = NULL;
  g_autoptr(YrsOutboxItem) reservation = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *server_id = NULL;
  YrsTestServer *server;
  Wait w = { 0 };
  gint64 start, end;

  /* The demo data (slots, the device token), then the server is down. */
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  server = yrs_test_server_start (dir, args);
  token = g_strdup (server->kiosk_token);
  url = g_strdup (server->url);
  slot = server_value (server, "SELECT id FROM slots WHERE booked < capacity"
                               " ORDER BY starts_unix, id LIMIT 1");
  yrs_test_server_stop (server);

  owner = yrs_store_ensure_staff_session (fx->store, "nurse-3", &error);
  g_assert_no_error (error);
  registration = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_REGISTRATION, owner,
                                           "{\"name\":\"寄添花子\",\"name_kana\":\"ヨリソイ ハナコ\","
                                           "\"phone\":\"078-123-4567\",\"child_born_on\":\"2025-05-20\"}",
                                           &error);
  g_assert_no_error (error);
  payload = g_strdup_printf ("{\"registration_key\":\"%s\",\"slot\":\"%s\"}",
                             registration->idempotency_key, slot);
  reservation = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_RESERVATION, owner, payload, &error);
  g_assert_no_error (error);

  engine = yrs_sync_engine_new (fx->store, url);
  yrs_sync_engine_set_token (engine, token);
  yrs_sync_engine_set_backoff (engine, 500, 2000);
  yrs_api_client_set_timeouts (yrs_sync_engine_get_client (engine), 2000, 10000);

  /* Offline: nothing goes, nothing is lost. */
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE);
  g_clear_error (&w.error);
  g_assert_cmpuint (yrs_sync_engine_get_state (engine), ==, YRS_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (yrs_sync_engine_get_pending (engine), ==, 2);

  /* The server is back, on the same address with the same data. */
  server = yrs_test_server_start (dir, args);
  /* The demo server makes a new device token at each start. */
  yrs_sync_engine_set_token (engine, server->kiosk_token);
  start = g_get_monotonic_time ();
  end = start + 60 * G_USEC_PER_SEC;
  yrs_sync_engine_start (engine);
  while (yrs_sync_engine_get_pending (engine) > 0 ||
         yrs_sync_engine_get_state (engine) == YRS_SYNC_STATE_SYNCING)
    {
      if (g_get_monotonic_time () > end)
        g_error ("not through in 60 s: %u pending, last error: %s",
                 yrs_sync_engine_get_pending (engine), yrs_sync_engine_get_last_error (engine));
      g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("registration and reservation through %.1f s after the server came back",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  {
    g_autoptr(YrsOutboxItem) reg = yrs_store_outbox_get (fx->store, registration->idempotency_key, &error);
    g_autoptr(YrsOutboxItem) rsv = yrs_store_outbox_get (fx->store, reservation->idempotency_key, &error);
    g_autofree char *query = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *n = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (reg->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
    g_assert_true (g_str_has_prefix (reg->server_reference, "REG"));
    g_assert_cmpint (rsv->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
    g_assert_true (g_str_has_prefix (rsv->server_reference, "RSV"));

    /* Each exactly once on the server, the booking for that registration. */
    n = server_value (server, "SELECT count(*) FROM registrations");
    g_assert_cmpstr (n, ==, "1");
    g_clear_pointer (&n, g_free);
    n = server_value (server, "SELECT count(*) FROM reservations");
    g_assert_cmpstr (n, ==, "1");
    server_id = yrs_store_outbox_get_server_id (fx->store, registration->idempotency_key, &error);
    g_assert_no_error (error);
    query = g_strdup_printf ("SELECT r.registration || ' ' || r.slot || ' ' || r.reference"
                             " FROM reservations AS r JOIN registrations AS g ON g.id = r.registration"
                             " WHERE g.reference = '%s'", reg->server_reference);
    g_clear_pointer (&n, g_free);
    n = server_value (server, query);
    expected = g_strdup_printf ("%s %s %s", server_id, slot, rsv->server_reference);
    g_assert_cmpstr (n, ==, expected);
  }
  yrs_sync_engine_stop (engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  yrs_test_server_stop (server);
}

/* ---- Sentences for people --------------------------------------------- */

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

/* Real answers (a 422 for a phone number, no server at all) as the outbox
 * page shows them, in English and Japanese. */
static void
test_messages (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *nowhere_url = g_strdup_printf ("http://127.0.0.1:%u", free_port ());
  g_autoptr(YrsApiClient) nowhere = yrs_api_client_new (nowhere_url);
  g_autoptr(YrsOutboxItem) bad = NULL;
  g_autoptr(YrsOutboxItem) good = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  Wait w = { 0 };

  bad = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION, fx->owners->pdata[0],
                                  INVALID_APPLICATION, &error);
  g_assert_no_error (error);
  good = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION, fx->owners->pdata[1],
                                   VALID_APPLICATION, &error);
  g_assert_no_error (error);
  yrs_sync_engine_kick (fx->engine);
  wait_drained (fx, 30);

  row = yrs_store_outbox_get (fx->store, bad->idempotency_key, &error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_REJECTED);
  set_language ("en");
  text = yrs_sync_describe_outbox_item (row);
  g_assert_cmpstr (text, ==, "The city could not accept this application. Please check: phone number.");
  g_clear_pointer (&text, g_free);
  set_language ("ja");
  text = yrs_sync_describe_outbox_item (row);
  g_assert_cmpstr (text, ==, "この申請は市で受け付けられませんでした。次の項目をご確認ください：電話番号");
  g_clear_pointer (&text, g_free);

  g_clear_pointer (&row, yrs_outbox_item_free);
  row = yrs_store_outbox_get (fx->store, good->idempotency_key, &error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  text = yrs_sync_describe_outbox_item (row);
  expected = g_strdup_printf ("市が受け付けました。受付番号：%s", row->server_reference);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);

  /* Nobody listening: offline. */
  post_application (nowhere, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE);
  text = yrs_sync_describe_error (w.error);
  g_assert_cmpstr (text, ==, "サーバーに接続できません。申請は保存されており、接続が戻ると自動で送信されます。");
  g_clear_pointer (&text, g_free);
  set_language ("en");
  text = yrs_sync_describe_error (w.error);
  g_assert_cmpstr (text, ==, "The server is not reachable. Your application is saved and will be sent automatically.");
  g_clear_pointer (&text, g_free);
  wait_clear (&w);

  /* Refused on the device; several fields; an unreadable reason. */
  set_language ("ja");
  text = yrs_sync_describe_rejection (YRS_OUTBOX_KIND_RESERVATION,
                                      "{\"status\":0,\"title\":\"registration_key: the registration was not accepted\"}");
  g_assert_cmpstr (text, ==, "産後ケアの利用登録が受け付けられなかったため、この予約は送信できませんでした。"
                             "利用登録をやり直してから予約してください。");
  g_clear_pointer (&text, g_free);
  text = yrs_sync_describe_rejection (YRS_OUTBOX_KIND_REGISTRATION,
                                      "{\"status\":422,\"type\":\"x\",\"title\":\"x\",\"errors\":"
                                      "[{\"field\":\"name_kana\",\"code\":\"invalid\"},"
                                      "{\"field\":\"phone\",\"code\":\"invalid\"},"
                                      "{\"field\":\"phone\",\"code\":\"required\"}]}");
  g_assert_cmpstr (text, ==, "この利用登録は市で受け付けられませんでした。次の項目をご確認ください：フリガナ、電話番号");
  g_clear_pointer (&text, g_free);
  text = yrs_sync_describe_rejection (YRS_OUTBOX_KIND_APPLICATION, "{\"errors\": 7");
  g_assert_cmpstr (text, ==, "この申請は市で受け付けられませんでした。職員にお尋ねください。");
  g_clear_pointer (&text, g_free);
  set_language ("en");
}

/* ---- TLS with an extra CA file ----------------------------------------- */

/* yorisoi-server over HTTPS with a certificate from a test CA
 * (tests/integration/tls: made with openssl, valid for 100 years, for
 * 127.0.0.1). Verification is always on: without the CA the client
 * refuses the server (nothing is sent), with another CA too; with the CA
 * in the extra CA file (GSettings extra-ca-file) it goes through, for the
 * client and for the engine. */
static void
test_tls_extra_ca (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "integration", "tls", "server.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "integration", "tls", "server-key.pem", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "integration", "tls", "ca.pem", NULL);
  g_autofree char *other_ca = g_test_build_filename (G_TEST_DIST, "integration", "tls", "other-ca.pem", NULL);
  g_autofree char *dir = g_build_filename (fx->dir, "tls", NULL);
  const char *args[] = { "--demo", "--approve-after", "0", "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr(YrsApiClient) client = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(YrsOutboxItem) queued = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  YrsTestServer *server;
  Wait w = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  server = yrs_test_server_start (dir, args);
  g_assert_true (g_str_has_prefix (server->url, "https://127.0.0.1:"));
  client = yrs_api_client_new (server->url);
  yrs_api_client_set_token (client, server->kiosk_token);

  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_TLS);
  wait_clear (&w);

  g_assert_true (yrs_api_client_set_extra_ca_file (client, other_ca, &error));
  g_assert_no_error (error);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_error (w.error, YRS_API_ERROR, YRS_API_ERROR_TLS);
  wait_clear (&w);

  g_assert_false (yrs_api_client_set_extra_ca_file (client, "/nonexistent/ca.pem", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "extra-ca-file “/nonexistent/ca.pem”"));
  g_clear_error (&error);

  g_assert_true (yrs_api_client_set_extra_ca_file (client, ca, &error));
  g_assert_no_error (error);
  post_application (client, VALID_APPLICATION, &w);
  g_assert_no_error (w.error);
  g_assert_nonnull (w.value);
  wait_clear (&w);

  /* The engine, as the app and `yorisoi-cli sync` set it up. */
  engine = yrs_sync_engine_new (fx->store, server->url);
  yrs_sync_engine_set_token (engine, server->kiosk_token);
  g_assert_true (yrs_api_client_set_extra_ca_file (yrs_sync_engine_get_client (engine), ca, &error));
  queued = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION, fx->owners->pdata[0],
                                     VALID_APPLICATION, &error);
  g_assert_no_error (error);
  memset (&w, 0, sizeof w);
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);
  row = yrs_store_outbox_get (fx->store, queued->idempotency_key, &error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);

  /* The refused attempts never reached HTTP. */
  lines = yrs_test_server_log_lines (server, "POST /v1/applications");
  g_assert_cmpuint (lines->len, ==, 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  yrs_test_server_stop (server);
}

/* ---- The network comes back: GNetworkMonitor --------------------------- */

static gboolean
run_ip (const char *args)
{
  g_autofree char *command = g_strconcat ("ip ", args, NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  return error == NULL && g_spawn_check_wait_status (status, NULL);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_sign_in_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

/* For real: the test runs again in a network namespace of its own
 * (unshare --net --map-root-user), where GIO's netlink monitor sees no
 * default route, so no network. The engine finds the server down and
 * puts the row off for up to an hour; the server comes back; then a
 * default route is added (`ip route add default dev lo`), the kernel
 * tells GIO, GNetworkMonitor says network-changed, and the engine sends
 * the row at once. Skipped where user namespaces or ip(8) are missing. */
static void
test_network_monitor (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(YrsApiClient) client = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(YrsOutboxItem) queued = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(GError) error = NULL;
  GNetworkMonitor *monitor;
  YrsTestServer *server;
  Wait w = { 0 };
  gint64 end;

  if (g_getenv ("YRS_TEST_IN_NETNS") == NULL)
    {
      g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *unshare = g_find_program_in_path ("unshare");
      g_autofree char *ip = g_find_program_in_path ("ip");
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) inner = NULL;
      g_autoptr(GSubprocess) probe = NULL;

      if (ip == NULL)
        ip = g_strdup (g_file_test ("/usr/sbin/ip", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/sbin/ip" : NULL);
      if (unshare == NULL || ip == NULL)
        {
          g_test_skip ("needs unshare(1) and ip(8)");
          return;
        }
      probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                unshare, "--net", "--map-root-user", "true", NULL);
      if (probe == NULL || !g_subprocess_wait_check (probe, NULL, NULL))
        {
          g_test_skip ("user and network namespaces are not available here");
          return;
        }
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      /* Its TAP output goes to stderr, not into ours. */
      g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
      g_subprocess_launcher_setenv (launcher, "YRS_TEST_IN_NETNS", "1", TRUE);
      g_subprocess_launcher_setenv (launcher, "PATH", "/usr/sbin:/sbin:/usr/bin:/bin", FALSE);
      inner = g_subprocess_launcher_spawn (launcher, &error, unshare, "--net", "--map-root-user", "--",
                                           self_exe, "-q", "-p", "/sync/network-monitor", NULL);
      g_assert_no_error (error);
      g_subprocess_wait (inner, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (inner));
      g_assert_cmpint (g_subprocess_get_exit_status (inner), ==, 0);
      return;
    }

  /* In the namespace: loopback only, no default route. */
  monitor = g_network_monitor_get_default ();
  g_assert_false (g_network_monitor_get_network_available (monitor));

  dir = g_build_filename (fx->dir, "netmon", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  port = g_strdup_printf ("%u", free_port ());
  {
    const char *args[] = { "--demo", "--approve-after", "0", "--port", port, NULL };

    /* A staff token outlives a restart of the server (its sessions are in
     * its database); then the server is down. */
    server = yrs_test_server_start (dir, args);
    url = g_strdup (server->url);
    client = yrs_api_client_new (url);
    yrs_api_client_sign_in_async (client, server->staff_id, server->staff_password, NULL, on_signed_in, &w);
    g_assert_true (yrs_test_wait_flag (&w.done, 30000));
    g_assert_no_error (w.error);
    token = g_strdup (((YrsApiStaffSessionResponse *) w.value)->token);
    g_clear_pointer (&w.value, yrs_api_staff_session_response_free);
    yrs_test_server_stop (server);

    queued = yrs_store_outbox_enqueue (fx->store, YRS_OUTBOX_KIND_APPLICATION, fx->owners->pdata[0],
                                       VALID_APPLICATION, &error);
    g_assert_no_error (error);
    engine = yrs_sync_engine_new (fx->store, url);
    yrs_sync_engine_set_token (engine, token);
    yrs_sync_engine_set_interval (engine, 3600);
    yrs_sync_engine_set_backoff (engine, 3600 * 1000, 3600 * 1000);
    yrs_sync_engine_start (engine);
    end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (yrs_sync_engine_get_state (engine) != YRS_SYNC_STATE_OFFLINE && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (yrs_sync_engine_get_state (engine), ==, YRS_SYNC_STATE_OFFLINE);
    row = yrs_store_outbox_get (fx->store, queued->idempotency_key, &error);
    g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_QUEUED);
    g_assert_cmpint (row->next_try_at, >, g_get_real_time ());

    /* The server is back, but nothing tells the engine yet. */
    server = yrs_test_server_start (dir, args);
  }

  g_assert_true (run_ip ("route add default dev lo"));
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (yrs_sync_engine_get_pending (engine) > 0 ||
         yrs_sync_engine_get_state (engine) == YRS_SYNC_STATE_SYNCING)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the network change did not send the row: %u pending", yrs_sync_engine_get_pending (engine));
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (g_network_monitor_get_network_available (monitor));
  g_clear_pointer (&row, yrs_outbox_item_free);
  row = yrs_store_outbox_get (fx->store, queued->idempotency_key, &error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);

  yrs_sync_engine_stop (engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  yrs_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("YRS_LOCALEDIR");

  /* As the app does: a UTF-8 locale in which LANGUAGE is honoured. */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  /* The inner run of /sync/network-monitor: bring loopback up in the new
   * network namespace before any server starts. */
  if (g_getenv ("YRS_TEST_IN_NETNS") != NULL && !run_ip ("link set lo up"))
    g_error ("ip link set lo up failed in the network namespace");

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/client-errors", test_client_errors, NULL);
  for (guint i = YRS_FAULT_STATUS_500; i < YRS_FAULT_N; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/fault/%s", yrs_fault_to_string (i));

      ADD (path, test_fault_alone, GUINT_TO_POINTER (i));
    }
  ADD ("/sync/faults-mixed-500", test_faults_mixed, NULL);
  ADD ("/sync/writes-keep-connection", test_writes_keep_connection, NULL);
  ADD ("/sync/retry-after", test_retry_after, NULL);
  ADD ("/sync/conflict", test_conflict, NULL);
  ADD ("/sync/resume", test_resume, NULL);
  ADD ("/sync/catalog-not-modified", test_catalog_not_modified, NULL);
  ADD ("/sync/slots-10000", test_slots_10000, NULL);
  ADD ("/sync/offline-registration-reservation", test_offline_registration_reservation, NULL);
  ADD ("/sync/messages", test_messages, NULL);
  ADD ("/sync/tls-extra-ca", test_tls_extra_ca, NULL);
  ADD ("/sync/network-monitor", test_network_monitor, NULL);
#undef ADD

  return g_test_run ();
}
