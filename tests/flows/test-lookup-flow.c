/* SPDX-License-Identifier: GPL-3.0-or-later */

/* YrsLookupFlow without widgets, against the real yorisoi-server over
 * loopback: kiosk A registers for postpartum care (the server approves at
 * once); at kiosk B, another device of the city with its own store and
 * sync engine, she looks up her reference with her date of birth, sees
 * "Approved", books with that registration (the booking flow takes it
 * from the lookup) and cancels; the server's count of places comes back.
 * Wrong dates give "no match", then a pause with a countdown. */

#define G_LOG_DOMAIN "test-lookup-flow"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-lookup-booking.h"
#include "yrs-lookup-flow.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-test-util.h"

#define BIRTH "1992-04-15"
#define REGISTRATION \
  "{\"name\":\"寄添 花子\",\"name_kana\":\"ヨリソイ ハナコ\",\"phone\":\"0781234567\"," \
  "\"child_born_on\":\"2025-03-20\",\"birth_on\":\"" BIRTH "\",\"tax_exempt\":false,\"public_assistance\":false}"
#define APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添 花子\"," \
  "\"applicant.kana\":\"ヨリソイ ハナコ\",\"applicant.birth_date\":\"" BIRTH "\"," \
  "\"applicant.phone\":\"09012345678\",\"address.postal_code\":\"650-0001\"," \
  "\"address.line\":\"加納町6-5-1\",\"child.birth_date\":\"2026-11-20\"}}"
#define KIOSK_B_TOKEN "kiosk-b-token-for-the-lookup-flow-test-0123456789"

typedef struct
{
  YrsStore      *store;
  char          *owner;
  YrsSession    *session;
  YrsSyncEngine *engine;
} Kiosk;

typedef struct
{
  char          *dir;
  YrsTestServer *server;
  char          *city_key;   /* "KEY-ID:BASE64" (yorisoi-server seal-keygen) */
  Kiosk          a;
  Kiosk          b;
} Fixture;

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
kiosk_open (Fixture    *fx,
            Kiosk      *k,
            const char *name,
            const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *db = g_build_filename (fx->dir, file, NULL);

  k->store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  /* As every kiosk of the city: the personal members are sealed to the
   * city's key (issue 18) and opened by the server. */
  g_assert_true (yrs_store_set_city_key (k->store, fx->city_key, &error));
  g_assert_no_error (error);
  k->owner = yrs_store_create_kiosk_session (k->store, &error);
  g_assert_no_error (error);
  k->session = yrs_session_new ();
  if (token != NULL)
    {
      k->engine = yrs_sync_engine_new (k->store, fx->server->url);
      yrs_sync_engine_set_token (k->engine, token);
      yrs_sync_engine_set_backoff (k->engine, 5, 200);
      yrs_session_set_sync_engine (k->session, k->engine);
    }
  yrs_session_set_store (k->session, k->store, k->owner);
}

static void
kiosk_close (Kiosk *k)
{
  g_clear_object (&k->session);
  if (k->engine != NULL)
    {
      yrs_sync_engine_stop (k->engine);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (k->engine);
    }
  g_clear_object (&k->store);
  g_free (k->owner);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *server_bin = NULL;
  g_autoptr(GSubprocess) keygen = NULL;
  guint8 hash[32];
  char hex[65];
  g_autofree char *sql = NULL;

  yrs_i18n_set_language ("en");
  fx->dir = g_dir_make_tmp ("yrs-lookup-flow-XXXXXX", &error);
  g_assert_no_error (error);
  /* The city's key pair, as yrs-test-server.c makes it (issue 18). */
  keys = g_build_filename (fx->dir, "seal-keys", NULL);
  server_bin = g_build_filename (g_getenv ("YRS_BUILD_ROOT"), "src", "server", "yorisoi-server", NULL);
  keygen = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_bin,
                             "seal-keygen", "test-1", keys, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (keygen, NULL, NULL, &fx->city_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (keygen));
  g_strstrip (fx->city_key);
  {
    const char *args[] = { "--demo", "--approve-after", "0", "--seal-keys", keys, NULL };

    fx->server = yrs_test_server_start (fx->dir, args);
  }

  /* Kiosk B: another device of the city (yorisoi-server admin
   * add-device, done here on the database). */
  crypto_generichash (hash, sizeof hash, (const guint8 *) KIOSK_B_TOKEN, strlen (KIOSK_B_TOKEN), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  sql = g_strdup_printf ("INSERT INTO devices (token_hash, name, created_unix) VALUES ('%s', 'kiosk-b', 0)", hex);
  yrs_test_server_exec (fx->server, sql);

  kiosk_open (fx, &fx->a, "kiosk-a", fx->server->kiosk_token);
  kiosk_open (fx, &fx->b, "kiosk-b", GPOINTER_TO_INT (data) ? KIOSK_B_TOKEN : NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  kiosk_close (&fx->a);
  kiosk_close (&fx->b);
  yrs_test_server_stop (fx->server);
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->city_key);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
sync_now (Kiosk *k)
{
  gboolean done = FALSE;

  yrs_sync_engine_sync_async (k->engine, NULL, on_synced, &done);
  g_assert_true (yrs_test_wait_flag (&done, 60000));
}

static YrsLookupState
wait_state (YrsLookupFlow  *flow,
            YrsLookupState  state)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (yrs_lookup_flow_get_state (flow) != state && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return yrs_lookup_flow_get_state (flow);
}

static char *
string_of (gpointer    object,
           const char *property)
{
  char *value = NULL;

  g_object_get (object, property, &value, NULL);
  return value;
}

static char *
server_one (Fixture    *fx,
            const char *sql)
{
  g_autoptr(GPtrArray) rows = yrs_test_server_query (fx->server, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (g_ptr_array_index (rows, 0));
}

/* Kiosk A registers her; returns the city's reference. */
static char *
register_at_a (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = yrs_session_submit (fx->a.session, "registration", REGISTRATION, &error);
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsOutboxItem) queued = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *birth_on = NULL;

  g_assert_no_error (error);
  /* Her birth date leaves the kiosk only inside the sealed box... */
  queued = yrs_store_outbox_get (fx->a.store, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (queued->payload, "\"sealed\""));
  g_assert_null (strstr (queued->payload, BIRTH));
  sync_now (&fx->a);
  row = yrs_store_outbox_get (fx->a.store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_nonnull (row->server_reference);
  /* ...and the server, having opened it, keeps it for the lookup. */
  sql = g_strdup_printf ("SELECT birth_on FROM registrations WHERE reference = '%s'",
                         row->server_reference);
  birth_on = server_one (fx, sql);
  g_assert_cmpstr (birth_on, ==, BIRTH);
  return g_strdup (row->server_reference);
}

/* ---- The reference as people and scanners type it ---------------------- */

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "REG-7K3M-Q9XA", "REG-7K3M-Q9XA" },
    { "reg 7k3m q9xa", "REG-7K3M-Q9XA" },
    { "REG7K3MQ9XA", "REG-7K3M-Q9XA" },
    { "ＲＥＧ－７Ｋ３Ｍ－Ｑ９ＸＡ", "REG-7K3M-Q9XA" },
    { "  rsv-2345-6789\n", "RSV-2345-6789" },
    { "APP-ABCD-EFGH", "APP-ABCD-EFGH" },
    { "REG-7K3M-Q9X", NULL },
    { "REG-7K3M-Q9XAB", NULL },
    { "XYZ-7K3M-Q9XA", NULL },
    { "REG-7K3M-Q9X/", NULL },
    { "REG-７K3M-Q9XA'--", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = yrs_lookup_flow_normalize_reference (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* ---- She comes back at another kiosk: state, book, cancel --------------- */

static void
test_book_and_cancel (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = register_at_a (fx);
  g_autofree char *typed = g_ascii_strdown (reference, -1);
  YrsLookupFlow *lookup = yrs_session_get_lookup_flow (fx->b.session);
  YrsBookingFlow *booking;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;
  g_autofree char *status = NULL;
  g_autofree char *cancel_message = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsLookupBooking) item = NULL;

  /* Kiosk B knows nothing of her: it would ask her to register. */
  booking = yrs_session_get_booking_flow (fx->b.session);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (booking), ==, YRS_REGISTRATION_NONE);

  /* Not ready without both. */
  g_assert_false (yrs_lookup_flow_get_can_look_up (lookup));
  g_assert_false (yrs_lookup_flow_look_up (lookup));
  status = string_of (lookup, "birth-date-error");
  g_assert_cmpstr (status, !=, "");
  g_clear_pointer (&status, g_free);

  yrs_lookup_flow_set_reference (lookup, typed);
  yrs_lookup_flow_set_birth_date (lookup, BIRTH);
  g_assert_true (yrs_lookup_flow_get_can_look_up (lookup));
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  /* Shown as the city writes it. */
  g_assert_cmpstr (yrs_lookup_flow_get_reference (lookup), ==, reference);
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_FOUND), ==, YRS_LOOKUP_FOUND);
  status = string_of (lookup, "status-label");
  g_assert_cmpstr (status, ==, "Approved");
  g_assert_true (yrs_lookup_flow_get_can_book (lookup));
  g_assert_cmpuint (g_list_model_get_n_items (yrs_lookup_flow_get_bookings (lookup)), ==, 0);

  /* The booking flow takes her registration from the lookup. */
  g_assert_cmpint (yrs_booking_flow_get_registration_state (booking), ==, YRS_REGISTRATION_REGISTERED);
  g_assert_cmpstr (yrs_booking_flow_get_registration_reference (booking), ==, reference);

  /* A free place of the next days. */
  sync_now (&fx->b);
  found = yrs_test_server_query (fx->server,
                                 "SELECT id || ' ' || facility || ' ' || kind || ' ' || substr (starts_at, 1, 10) "
                                 "FROM slots WHERE deleted = 0 AND capacity - booked >= 1 "
                                 "AND starts_at >= date ('now', '+1 day') AND starts_at < date ('now', '+10 days') "
                                 "ORDER BY starts_at LIMIT 1");
  g_assert_cmpuint (found->len, ==, 1);
  parts = g_strsplit (g_ptr_array_index (found, 0), " ", 4);
  sql = g_strdup_printf ("SELECT booked FROM slots WHERE id = '%s'", parts[0]);
  before = server_one (fx, sql);

  yrs_booking_flow_set_kind (booking, parts[2]);
  yrs_booking_flow_choose_facility (booking, parts[1]);
  yrs_booking_flow_choose_day (booking, parts[3]);
  yrs_booking_flow_choose_slot (booking, parts[0]);
  yrs_booking_flow_set_infectious (booking, FALSE);
  g_assert_true (yrs_booking_flow_get_can_confirm (booking));
  key = yrs_booking_flow_confirm (booking, &error);
  g_assert_no_error (error);
  sync_now (&fx->b);
  row = yrs_store_outbox_get (fx->b.store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  during = server_one (fx, sql);
  g_assert_cmpint (atoi (during), ==, atoi (before) + 1);

  /* Her booking is listed once she looks again. */
  g_assert_true (yrs_lookup_flow_refresh (lookup));
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_FOUND), ==, YRS_LOOKUP_FOUND);
  while (g_list_model_get_n_items (yrs_lookup_flow_get_bookings (lookup)) == 0 &&
         g_main_context_iteration (NULL, TRUE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (yrs_lookup_flow_get_bookings (lookup)), ==, 1);
  item = g_list_model_get_item (yrs_lookup_flow_get_bookings (lookup), 0);
  g_assert_true (yrs_lookup_booking_get_can_cancel (item));
  g_assert_cmpstr (yrs_lookup_booking_get_reference (item), ==, row->server_reference);

  /* She cancels: the place is free again. */
  g_assert_true (yrs_lookup_flow_cancel_booking (lookup, yrs_lookup_booking_get_id (item)));
  while ((cancel_message = string_of (lookup, "cancel-message")) != NULL && *cancel_message == '\0')
    {
      g_clear_pointer (&cancel_message, g_free);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (strstr (cancel_message, "cancelled"));
  after = server_one (fx, sql);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&item);
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_FOUND), ==, YRS_LOOKUP_FOUND);
  while (yrs_lookup_flow_get_state (lookup) == YRS_LOOKUP_FOUND &&
         g_list_model_get_n_items (yrs_lookup_flow_get_bookings (lookup)) > 0 &&
         (item = g_list_model_get_item (yrs_lookup_flow_get_bookings (lookup), 0)) != NULL &&
         yrs_lookup_booking_get_can_cancel (item))
    {
      g_clear_object (&item);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (item);
  g_assert_false (yrs_lookup_booking_get_can_cancel (item));

  /* The end of the session takes it all. */
  g_object_add_weak_pointer (G_OBJECT (lookup), (gpointer *) &lookup);
  yrs_session_wipe (fx->b.session);
  g_assert_null (lookup);
  lookup = yrs_session_get_lookup_flow (fx->b.session);
  g_assert_cmpstr (yrs_lookup_flow_get_reference (lookup), ==, "");
  g_assert_cmpint (yrs_lookup_flow_get_state (lookup), ==, YRS_LOOKUP_EMPTY);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (fx->b.session)),
                   ==, YRS_REGISTRATION_NONE);
}

/* ---- Wrong dates: no match, then a pause with a countdown ---------------- */

static void
test_wrong_tries (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *reference = register_at_a (fx);
  YrsLookupFlow *lookup = yrs_session_get_lookup_flow (fx->b.session);
  g_autofree char *message = NULL;
  guint first;

  yrs_lookup_flow_set_reference (lookup, reference);
  yrs_lookup_flow_set_birth_date (lookup, "1992-04-16");
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_NO_MATCH), ==, YRS_LOOKUP_NO_MATCH);
  message = string_of (lookup, "message");
  g_assert_nonnull (strstr (message, "could not find"));
  g_assert_false (yrs_lookup_flow_get_can_book (lookup));

  yrs_lookup_flow_set_birth_date (lookup, "1992-04-17");
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_NO_MATCH), ==, YRS_LOOKUP_NO_MATCH);
  yrs_lookup_flow_set_birth_date (lookup, "1992-04-18");
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  /* The third wrong try from this kiosk: it waits. */
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_WAITING), ==, YRS_LOOKUP_WAITING);
  first = yrs_lookup_flow_get_wait_seconds (lookup);
  g_assert_cmpuint (first, >=, 8);
  g_clear_pointer (&message, g_free);
  message = string_of (lookup, "message");
  g_assert_nonnull (strstr (message, "Please wait"));
  g_assert_false (yrs_lookup_flow_get_can_look_up (lookup));
  {
    gboolean busy = TRUE;

    /* Waiting is not asking: no spinner. */
    g_object_get (lookup, "busy", &busy, NULL);
    g_assert_false (busy);
  }
  yrs_lookup_flow_set_birth_date (lookup, BIRTH);
  g_assert_false (yrs_lookup_flow_look_up (lookup));

  /* The countdown counts down. */
  {
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (yrs_lookup_flow_get_wait_seconds (lookup), <, first);
  g_assert_cmpuint (yrs_lookup_flow_get_wait_seconds (lookup), >, 0);
}

/* ---- A support payment: waiting for its consultation, then ready -------- */

/* One request to the server as a staff member's tablet would send it;
 * the answer's JSON, the status checked. */
static JsonNode *
server_request (Fixture    *fx,
                const char *method,
                const char *path,
                const char *token,
                const char *body,
                guint       expect_status)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autofree char *url = g_strconcat (fx->server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autofree char *key = g_uuid_string_random ();

      soup_message_headers_append (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expect_status);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_support_payment (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = yrs_session_submit (fx->a.session, "application", APPLICATION, &error);
  g_autoptr(YrsOutboxItem) row = NULL;
  YrsLookupFlow *lookup = yrs_session_get_lookup_flow (fx->b.session);
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *style = NULL;
  g_autofree char *login = NULL;
  g_autofree char *token = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *record = NULL;
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(JsonNode) cases = NULL;
  g_autoptr(JsonNode) recorded = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JsonArray *list;
  JsonArray *ready;

  g_assert_no_error (error);
  sync_now (&fx->a);
  row = yrs_store_outbox_get (fx->a.store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
  g_assert_true (g_str_has_prefix (row->server_reference, "APP-"));

  /* At kiosk B she looks it up: it waits for her consultation, and says
   * so, not "Being processed". */
  yrs_lookup_flow_set_reference (lookup, row->server_reference);
  yrs_lookup_flow_set_birth_date (lookup, BIRTH);
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_FOUND), ==, YRS_LOOKUP_FOUND);
  label = string_of (lookup, "status-label");
  g_assert_cmpstr (label, ==, "Waiting for your consultation");
  text = string_of (lookup, "status-text");
  g_assert_nonnull (strstr (text, "public-health nurse after the birth"));
  style = string_of (lookup, "status-style");
  g_assert_cmpstr (style, ==, "warning");
  g_assert_false (yrs_lookup_flow_get_can_book (lookup));

  /* A nurse records the consultation after the birth on the server (the
   * demo staff member: a city-wide supervisor). */
  login = g_strdup_printf ("{\"staff_id\":\"%s\",\"password\":\"%s\"}",
                           fx->server->staff_id, fx->server->staff_password);
  session = server_request (fx, "POST", "/v1/staff/sessions", NULL, login, 201);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (session));
  token = g_strdup (json_object_get_string_member (json_node_get_object (session), "token"));
  cases = server_request (fx, "GET", "/v1/cases", token, NULL, 200);
  list = json_object_get_array_member (json_node_get_object (cases), "cases");
  for (guint i = 0; i < json_array_get_length (list) && case_id == NULL; i++)
    {
      JsonObject *one = json_array_get_object_element (list, i);
      JsonArray *submissions = json_object_get_array_member (one, "submissions");

      for (guint j = 0; j < json_array_get_length (submissions); j++)
        {
          JsonObject *sub = json_array_get_object_element (submissions, j);

          if (g_strcmp0 (json_object_get_string_member (sub, "reference"), row->server_reference) == 0)
            {
              g_assert_cmpstr (json_object_get_string_member (sub, "state"), ==, "waiting_for_consultation");
              case_id = g_strdup (json_object_get_string_member (one, "id"));
            }
        }
    }
  g_assert_nonnull (case_id);
  record = g_strdup_printf ("{\"case\":\"%s\",\"kind\":\"after_birth\",\"date\":\"%s\",\"place\":\"home\","
                            "\"present\":[\"mother\"],\"topics\":[\"feeding\"],\"programmes_explained\":[],"
                            "\"follow_up\":{\"kind\":\"none\"},\"notes\":\"\"}", case_id, today);
  recorded = server_request (fx, "POST", "/v1/consultations", token, record, 201);
  ready = json_object_get_array_member (json_node_get_object (recorded), "payments_ready");
  g_assert_cmpuint (json_array_get_length (ready), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (ready, 0), ==, row->server_reference);

  /* She looks again: ready to be paid. */
  g_assert_true (yrs_lookup_flow_refresh (lookup));
  g_assert_cmpint (wait_state (lookup, YRS_LOOKUP_FOUND), ==, YRS_LOOKUP_FOUND);
  g_clear_pointer (&label, g_free);
  label = string_of (lookup, "status-label");
  g_assert_cmpstr (label, ==, "Ready to be paid");
  g_clear_pointer (&style, g_free);
  style = string_of (lookup, "status-style");
  g_assert_cmpstr (style, ==, "success");

  /* And in Japanese. */
  yrs_i18n_set_language ("ja");
  g_clear_pointer (&label, g_free);
  label = string_of (lookup, "status-label");
  g_assert_cmpstr (label, ==, "支給の準備中");
  yrs_i18n_set_language ("en");
}

/* ---- No connection --------------------------------------------------------- */

static void
test_offline (Fixture       *fx,
              gconstpointer  data)
{
  YrsLookupFlow *lookup = yrs_session_get_lookup_flow (fx->b.session);
  g_autofree char *message = NULL;

  yrs_lookup_flow_set_reference (lookup, "REG-2345-6789");
  yrs_lookup_flow_set_birth_date (lookup, BIRTH);
  g_assert_true (yrs_lookup_flow_look_up (lookup));
  g_assert_cmpint (yrs_lookup_flow_get_state (lookup), ==, YRS_LOOKUP_FAILED);
  message = string_of (lookup, "message");
  g_assert_nonnull (strstr (message, "not connected"));
  /* What she typed stays. */
  g_assert_cmpstr (yrs_lookup_flow_get_reference (lookup), ==, "REG-2345-6789");
  g_assert_cmpstr (yrs_lookup_flow_get_birth_date (lookup), ==, BIRTH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/lookup-flow/normalize", test_normalize);
  g_test_add ("/lookup-flow/book-and-cancel", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_book_and_cancel, fixture_tear_down);
  g_test_add ("/lookup-flow/wrong-tries", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_wrong_tries, fixture_tear_down);
  g_test_add ("/lookup-flow/support-payment", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_support_payment, fixture_tear_down);
  g_test_add ("/lookup-flow/offline", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_offline, fixture_tear_down);

  return g_test_run ();
}
