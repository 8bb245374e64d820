/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yorisoi-server over real loopback HTTP: every route's happy path and
 * error statuses, capacity under 50 concurrent clients, idempotency,
 * sign-in slow-down, persistence across a crash. */

#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "yrs-api.h"
#include "yrs-test-http.h"
#include "yrs-test-server.h"

static YrsTestServer *server;
static SoupSession *session;
static char *catalog_path;
static char *staff_token;
static guint key_counter;

static char *
url_for (const char *path)
{
  return g_strconcat (yrs_test_server_get_url (server), path, NULL);
}

static char *
new_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("test-key-%u-%s", ++key_counter, uuid);
}

static YrsTestReply *
get (const char *path,
     const char *token)
{
  g_autofree char *url = url_for (path);

  return yrs_test_http (session, "GET", url, token, NULL, NULL, NULL, 0, NULL);
}

/* POST or DELETE with a fresh Idempotency-Key. */
static YrsTestReply *
send_json (const char *method,
           const char *path,
           const char *token,
           const char *body)
{
  g_autofree char *url = url_for (path);
  g_autofree char *key = new_key ();

  return yrs_test_http (session, method, url, token, key, NULL, body, -1, NULL);
}

static const char *
kiosk (void)
{
  return yrs_test_server_get_kiosk_token (server);
}

static YrsApiProblem *
problem_of (YrsTestReply *reply)
{
  g_autoptr(GError) error = NULL;
  YrsApiProblem *problem;

  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/problem+json");
  problem = yrs_api_problem_from_string (yrs_test_reply_text (reply), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problem->status, ==, reply->status);
  return problem;
}

static void
assert_problem (YrsTestReply *reply,
                guint         status,
                const char   *type)
{
  g_autoptr(YrsApiProblem) problem = NULL;

  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, yrs_test_reply_text (reply));
  problem = problem_of (reply);
  g_assert_cmpstr (problem->type, ==, type);
}

static gboolean
problem_has_error (YrsApiProblem *problem,
                   const char    *field,
                   const char    *code)
{
  for (guint i = 0; i < problem->errors->len; i++)
    {
      YrsApiFieldError *fe = g_ptr_array_index (problem->errors, i);

      if (g_strcmp0 (fe->field, field) == 0 && g_strcmp0 (fe->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gint64
db_count (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (yrs_test_server_use_postgresql ())
    {
      g_autofree char *text = NULL;

      /* SQLite's integrity check has no PostgreSQL twin: ask whether
       * every slot's count still holds (1: whole). */
      if (strstr (sql, "pragma_integrity_check") != NULL)
        sql = "SELECT CASE WHEN count (*) = 0 THEN 1 ELSE 0 END FROM slots "
              "WHERE booked < 0 OR booked > capacity";
      text = yrs_test_pg_query (yrs_test_server_get_db_path (server), sql);
      g_assert_nonnull (text);
      return g_ascii_strtoll (text, NULL, 10);
    }
  g_assert_cmpint (sqlite3_open_v2 (yrs_test_server_get_db_path (server), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
tomorrow_at (int days,
             int hour)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (jst);
  g_autoptr(GDateTime) day = g_date_time_new (jst, g_date_time_get_year (now),
                                              g_date_time_get_month (now),
                                              g_date_time_get_day_of_month (now),
                                              hour, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_days (day, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

/* A new slot (staff route). */
static YrsApiSlot *
create_slot (const char *facility,
             const char *kind,
             int         days,
             int         capacity)
{
  g_autofree char *starts = tomorrow_at (days, 11);
  g_autofree char *ends = tomorrow_at (days, 15);
  g_autofree char *body = g_strdup_printf ("{\"facility\": \"%s\", \"kind\": \"%s\", "
                                           "\"starts_at\": \"%s\", \"ends_at\": \"%s\", "
                                           "\"capacity\": %d}",
                                           facility, kind, starts, ends, capacity);
  g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/slots", staff_token, body);
  g_autoptr(GError) error = NULL;
  YrsApiSlot *slot;

  g_assert_cmpuint (reply->status, ==, 201);
  slot = yrs_api_slot_from_string (yrs_test_reply_text (reply), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot->capacity, ==, capacity);
  g_assert_cmpint (slot->booked, ==, 0);
  return slot;
}

static const char registration_body[] =
  "{\"name\": \"山田 花子\", \"name_kana\": \"ヤマダ ハナコ\", "
  "\"phone\": \"078-123-4567\", \"due_on\": \"2026-03-01\", \"tax_exempt\": true}";

static YrsApiRegistrationResponse *
create_registration (gboolean approve)
{
  g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/registrations", kiosk (),
                                             registration_body);
  g_autoptr(GError) error = NULL;
  YrsApiRegistrationResponse *registration;

  g_assert_cmpuint (reply->status, ==, 201);
  registration = yrs_api_registration_response_from_string (yrs_test_reply_text (reply),
                                                            -1, &error);
  g_assert_no_error (error);
  if (approve)
    {
      g_autofree char *path = g_strdup_printf ("/v1/registrations/%s/approve", registration->id);
      g_autoptr(YrsTestReply) approved = send_json ("POST", path, staff_token, NULL);

      g_assert_cmpuint (approved->status, ==, 200);
      registration->status = YRS_API_REGISTRATION_APPROVED;
    }
  return registration;
}

static YrsTestReply *
reserve (SoupSession *with,
         const char  *registration,
         const char  *slot,
         const char  *key)
{
  g_autofree char *url = url_for ("/v1/reservations");
  g_autofree char *body = g_strdup_printf ("{\"registration\": \"%s\", \"slot\": \"%s\"}",
                                           registration, slot);
  g_autofree char *own_key = key == NULL ? new_key () : NULL;

  return yrs_test_http (with, "POST", url, kiosk (), key != NULL ? key : own_key,
                        NULL, body, -1, NULL);
}

static YrsApiSlot *
fetch_slot (const char *id)
{
  g_autoptr(YrsTestReply) reply = get ("/v1/slots?since=0&limit=5000", NULL);
  g_autoptr(YrsApiSlotPage) page = NULL;
  g_autoptr(GError) error = NULL;
  YrsApiSlot *found = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  page = yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->slots->len; i++)
    {
      YrsApiSlot *slot = g_ptr_array_index (page->slots, i);

      if (strcmp (slot->id, id) == 0)
        {
          g_clear_pointer (&found, yrs_api_slot_free);
          found = yrs_api_slot_copy (slot);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* Tests */

static void
test_catalog (void)
{
  g_autoptr(YrsTestReply) first = get ("/v1/catalog", NULL);
  g_autoptr(YrsApiCatalogMeta) meta = NULL;
  g_autoptr(GError) error = NULL;
  const char *etag;
  guint before;

  g_assert_cmpuint (first->status, ==, 200);
  etag = soup_message_headers_get_one (first->headers, "ETag");
  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"');
  meta = yrs_api_catalog_meta_from_string (yrs_test_reply_text (first), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meta->id, ==, "kobe-2025");
  g_assert_cmpstr (meta->version, ==, "test.1");

  before = yrs_test_server_count_requests (server, "GET", "/v1/catalog", 304);
  {
    g_autofree char *url = url_for ("/v1/catalog");
    const char *same[] = { "If-None-Match", etag, NULL };
    g_autofree char *weak_list = g_strdup_printf ("\"nope\", W/%s", etag);
    const char *weak[] = { "If-None-Match", weak_list, NULL };
    const char *other[] = { "If-None-Match", "\"0000\"", NULL };
    g_autoptr(YrsTestReply) r1 = yrs_test_http (session, "GET", url, NULL, NULL, NULL, NULL, 0, same);
    g_autoptr(YrsTestReply) r2 = yrs_test_http (session, "GET", url, NULL, NULL, NULL, NULL, 0, weak);
    g_autoptr(YrsTestReply) r3 = yrs_test_http (session, "GET", url, NULL, NULL, NULL, NULL, 0, other);

    g_assert_cmpuint (r1->status, ==, 304);
    g_assert_cmpuint (g_bytes_get_size (r1->body), ==, 0);
    g_assert_cmpstr (soup_message_headers_get_one (r1->headers, "ETag"), ==, etag);
    g_assert_cmpuint (r2->status, ==, 304);
    g_assert_cmpuint (r3->status, ==, 200);
  }
  /* The log has one line per request, parseable, with the status. */
  g_assert_cmpuint (yrs_test_server_count_requests (server, "GET", "/v1/catalog", 304),
                    ==, before + 2);
}

static void
test_facilities (void)
{
  g_autoptr(YrsTestReply) reply = get ("/v1/facilities", NULL);
  g_autoptr(YrsApiFacilityList) list = NULL;
  g_autoptr(GError) error = NULL;
  YrsApiFacility *f;

  g_assert_cmpuint (reply->status, ==, 200);
  list = yrs_api_facility_list_from_string (yrs_test_reply_text (reply), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->facilities->len, ==, 2);
  f = g_ptr_array_index (list->facilities, 0);
  g_assert_cmpstr (f->id, ==, "fac-chuo-josanjo-1");
  g_assert_cmpstr (f->type, ==, "josanjo");
  g_assert_cmpstr (f->ward, ==, "chuo");
  g_assert_cmpuint (f->kinds, ==, 7);
  f = g_ptr_array_index (list->facilities, 1);
  g_assert_cmpstr (f->type, ==, "medical");
  g_assert_cmpuint (f->kinds, ==, (1u << YRS_API_KIND_STAY) | (1u << YRS_API_KIND_DAY));
}

static void
test_slots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiSlotPage) all = NULL;
  g_autoptr(YrsApiSlotPage) first = NULL;
  g_autoptr(YrsApiSlotPage) second = NULL;
  g_autoptr(YrsApiSlotPage) delta = NULL;
  g_autoptr(YrsApiSlotPage) empty = NULL;
  g_autoptr(YrsApiSlot) created = NULL;
  g_autofree char *path = NULL;

  {
    g_autoptr(YrsTestReply) reply = get ("/v1/slots?limit=5000", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    all = yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    /* 60 days: 3 kinds at one facility, 2 at the other. */
    g_assert_cmpuint (all->slots->len, >=, 60 * 5);
    g_assert_false (all->has_more);
  }

  /* Paging by cursor gives the same slots. */
  {
    g_autoptr(YrsTestReply) r1 = get ("/v1/slots?limit=100", NULL);
    g_autofree char *next = NULL;
    g_autoptr(YrsTestReply) r2 = NULL;

    first = yrs_api_slot_page_from_string (yrs_test_reply_text (r1), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (first->slots->len, ==, 100);
    g_assert_true (first->has_more);
    next = g_strdup_printf ("/v1/slots?since=%s&limit=100", first->cursor);
    r2 = get (next, NULL);
    second = yrs_api_slot_page_from_string (yrs_test_reply_text (r2), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((YrsApiSlot *) g_ptr_array_index (second->slots, 0))->id, ==,
                     ((YrsApiSlot *) g_ptr_array_index (all->slots, 100))->id);
  }

  /* Nothing changed: an empty delta, the same cursor. */
  path = g_strdup_printf ("/v1/slots?since=%s", all->cursor);
  {
    g_autoptr(YrsTestReply) reply = get (path, NULL);

    empty = yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (empty->slots->len, ==, 0);
    g_assert_cmpstr (empty->cursor, ==, all->cursor);
  }

  /* A new slot and a deletion show up in the delta, deletion included. */
  created = create_slot ("fac-nada-medical-1", "day", 5, 4);
  {
    g_autofree char *del = g_strdup_printf ("/v1/slots/%s", created->id);
    g_autoptr(YrsTestReply) removed = send_json ("DELETE", del, staff_token, NULL);
    g_autoptr(YrsTestReply) reply = get (path, NULL);
    YrsApiSlot *last;

    g_assert_cmpuint (removed->status, ==, 200);
    delta = yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (delta->slots->len, >=, 1);
    last = g_ptr_array_index (delta->slots, delta->slots->len - 1);
    g_assert_cmpstr (last->id, ==, created->id);
    g_assert_true (last->deleted);
    g_assert_cmpint (last->revision, >, created->revision);
    g_assert_cmpint (g_ascii_strtoll (delta->cursor, NULL, 10), >=, last->revision);
  }

  /* Filters. */
  {
    g_autoptr(YrsTestReply) reply = get ("/v1/slots?facility=fac-nada-medical-1&limit=5000", NULL);
    g_autoptr(YrsApiSlotPage) page =
      yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->slots->len, >=, 120);
    for (guint i = 0; i < page->slots->len; i++)
      g_assert_cmpstr (((YrsApiSlot *) g_ptr_array_index (page->slots, i))->facility, ==,
                       "fac-nada-medical-1");
  }
  {
    g_autofree char *day = tomorrow_at (3, 0);
    g_autofree char *query = NULL;
    g_autoptr(YrsTestReply) reply = NULL;
    g_autoptr(YrsApiSlotPage) page = NULL;

    day[10] = '\0';
    query = g_strdup_printf ("/v1/slots?from=%s&to=%s", day, day);
    reply = get (query, NULL);
    page = yrs_api_slot_page_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->slots->len, ==, 5);
    for (guint i = 0; i < page->slots->len; i++)
      g_assert_true (g_str_has_prefix (((YrsApiSlot *) g_ptr_array_index (page->slots, i))->starts_at, day));
  }

  /* Bad parameters: 400 naming the parameter. */
  {
    const struct { const char *query; const char *field; } bad[] = {
      { "/v1/slots?from=2025-02-30", "from" },
      { "/v1/slots?to=tomorrow", "to" },
      { "/v1/slots?since=abc", "since" },
      { "/v1/slots?since=-5", "since" },
      { "/v1/slots?limit=0", "limit" },
      { "/v1/slots?limit=99999999", "limit" },
      { "/v1/slots?facility=%27%20OR%201%3D1%20--", "facility" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(YrsTestReply) reply = get (bad[i].query, NULL);
        g_autoptr(YrsApiProblem) problem = NULL;

        assert_problem (reply, 400, YRS_API_PROBLEM_BAD_REQUEST);
        problem = problem_of (reply);
        g_assert_cmpuint (problem->errors->len, ==, 1);
        g_assert_cmpstr (((YrsApiFieldError *) g_ptr_array_index (problem->errors, 0))->field,
                         ==, bad[i].field);
      }
  }

  /* Staff routes for slots refuse a kiosk (403) and no token (401). */
  {
    g_autoptr(YrsTestReply) as_kiosk = send_json ("POST", "/v1/slots", kiosk (), "{}");
    g_autoptr(YrsTestReply) anonymous = send_json ("DELETE", "/v1/slots/x", NULL, NULL);
    g_autoptr(YrsTestReply) unknown = send_json ("DELETE", "/v1/slots/no-such-slot", staff_token, NULL);
    g_autoptr(YrsTestReply) bad_facility =
      send_json ("POST", "/v1/slots", staff_token,
                 "{\"facility\": \"fac-none\", \"kind\": \"day\", \"starts_at\": "
                 "\"2030-01-01T10:00:00+09:00\", \"ends_at\": \"2030-01-01T12:00:00+09:00\", "
                 "\"capacity\": 1}");
    g_autoptr(YrsTestReply) backwards =
      send_json ("POST", "/v1/slots", staff_token,
                 "{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"day\", \"starts_at\": "
                 "\"2030-01-01T10:00:00+09:00\", \"ends_at\": \"2030-01-01T09:00:00+09:00\", "
                 "\"capacity\": 1}");

    assert_problem (as_kiosk, 403, YRS_API_PROBLEM_FORBIDDEN);
    assert_problem (anonymous, 401, YRS_API_PROBLEM_UNAUTHORIZED);
    g_assert_nonnull (soup_message_headers_get_one (anonymous->headers, "WWW-Authenticate"));
    assert_problem (unknown, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (bad_facility, 422, YRS_API_PROBLEM_VALIDATION);
    assert_problem (backwards, 422, YRS_API_PROBLEM_VALIDATION);
  }
}

static void
test_registrations (void)
{
  g_autoptr(YrsApiRegistrationResponse) pending = create_registration (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/registrations/%s", pending->id);
  g_autofree char *approve = g_strdup_printf ("/v1/registrations/%s/approve", pending->id);

  /* The shared server approves after 3 seconds: still pending now. */
  g_assert_cmpint (pending->status, ==, YRS_API_REGISTRATION_PENDING);
  g_assert_true (g_str_has_prefix (pending->reference, "REG-"));
  {
    g_autoptr(YrsTestReply) reply = get (path, kiosk ());
    g_autoptr(YrsApiRegistrationResponse) now = NULL;

    g_assert_cmpuint (reply->status, ==, 200);
    now = yrs_api_registration_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (now->status, ==, YRS_API_REGISTRATION_PENDING);
  }

  /* Approval is for staff. */
  {
    g_autoptr(YrsTestReply) as_kiosk = send_json ("POST", approve, kiosk (), NULL);
    g_autoptr(YrsTestReply) as_staff = send_json ("POST", approve, staff_token, NULL);
    g_autoptr(YrsTestReply) reply = get (path, kiosk ());
    g_autoptr(YrsApiRegistrationResponse) now = NULL;

    assert_problem (as_kiosk, 403, YRS_API_PROBLEM_FORBIDDEN);
    g_assert_cmpuint (as_staff->status, ==, 200);
    now = yrs_api_registration_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (now->status, ==, YRS_API_REGISTRATION_APPROVED);
  }

  /* Its status by reference. */
  {
    g_autofree char *status_path = g_strdup_printf ("/v1/submissions/%s", pending->reference);
    g_autoptr(YrsTestReply) reply = get (status_path, kiosk ());
    g_autoptr(YrsApiSubmissionStatus) status = NULL;

    g_assert_cmpuint (reply->status, ==, 200);
    status = yrs_api_submission_status_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (status->kind, ==, "registration");
    g_assert_cmpstr (status->status, ==, "approved");
  }

  /* Approval after the configured delay, without staff. */
  {
    g_autoptr(YrsApiRegistrationResponse) later = create_registration (FALSE);
    g_autofree char *later_path = g_strdup_printf ("/v1/registrations/%s", later->id);
    g_autoptr(YrsTestReply) reply = NULL;
    g_autoptr(YrsApiRegistrationResponse) now = NULL;

    g_usleep (3200 * 1000);
    reply = get (later_path, kiosk ());
    now = yrs_api_registration_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (now->status, ==, YRS_API_REGISTRATION_APPROVED);
  }

  /* Errors. */
  {
    g_autofree char *url = url_for ("/v1/registrations");
    g_autoptr(YrsTestReply) no_token = send_json ("POST", "/v1/registrations", NULL, registration_body);
    g_autoptr(YrsTestReply) bad_token = send_json ("POST", "/v1/registrations", "not-a-token", registration_body);
    g_autoptr(YrsTestReply) no_key = yrs_test_http (session, "POST", url, kiosk (), NULL, NULL,
                                                    registration_body, -1, NULL);
    g_autoptr(YrsTestReply) as_text = yrs_test_http (session, "POST", url, kiosk (), "text-1",
                                                     "text/plain", registration_body, -1, NULL);
    g_autoptr(YrsTestReply) no_name =
      send_json ("POST", "/v1/registrations", kiosk (),
                 "{\"name_kana\": \"ヤマダ\", \"phone\": \"0781234567\", \"due_on\": \"2026-03-01\"}");
    g_autoptr(YrsTestReply) unknown = get ("/v1/registrations/reg-none", kiosk ());
    g_autoptr(YrsTestReply) approve_unknown = send_json ("POST", "/v1/registrations/reg-none/approve",
                                                         staff_token, NULL);
    g_autoptr(YrsApiProblem) problem = NULL;

    assert_problem (no_token, 401, YRS_API_PROBLEM_UNAUTHORIZED);
    assert_problem (bad_token, 401, YRS_API_PROBLEM_UNAUTHORIZED);
    assert_problem (no_key, 400, YRS_API_PROBLEM_IDEMPOTENCY_KEY_MISSING);
    assert_problem (as_text, 415, YRS_API_PROBLEM_UNSUPPORTED_MEDIA_TYPE);
    assert_problem (no_name, 422, YRS_API_PROBLEM_VALIDATION);
    problem = problem_of (no_name);
    g_assert_true (problem_has_error (problem, "name", "required"));
    assert_problem (unknown, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (approve_unknown, 404, YRS_API_PROBLEM_NOT_FOUND);
  }
}

static void
test_reservations (void)
{
  g_autoptr(YrsApiRegistrationResponse) pending = create_registration (FALSE);
  g_autoptr(YrsApiRegistrationResponse) approved = create_registration (TRUE);
  g_autoptr(YrsApiSlot) slot = create_slot ("fac-chuo-josanjo-1", "stay", 7, 2);
  g_autoptr(YrsApiReservationResponse) first = NULL;
  g_autoptr(GError) error = NULL;

  /* A pending registration cannot book. */
  {
    g_autoptr(YrsTestReply) reply = reserve (session, pending->id, slot->id, NULL);

    assert_problem (reply, 409, YRS_API_PROBLEM_REGISTRATION_PENDING);
  }

  /* Two places: two bookings, then 409 with alternatives of the kind. */
  {
    g_autoptr(YrsTestReply) r1 = reserve (session, approved->id, slot->id, NULL);
    g_autoptr(YrsTestReply) r2 = reserve (session, approved->id, slot->id, NULL);
    g_autoptr(YrsTestReply) r3 = reserve (session, approved->id, slot->id, NULL);
    g_autoptr(YrsApiProblem) problem = NULL;

    g_assert_cmpuint (r1->status, ==, 201);
    g_assert_cmpuint (r2->status, ==, 201);
    first = yrs_api_reservation_response_from_string (yrs_test_reply_text (r1), -1, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (first->reference, "RSV-"));
    g_assert_cmpstr (first->slot, ==, slot->id);
    g_assert_cmpint (first->status, ==, YRS_API_RESERVATION_CONFIRMED);

    assert_problem (r3, 409, YRS_API_PROBLEM_SLOT_FULL);
    problem = problem_of (r3);
    g_assert_cmpuint (problem->alternatives->len, >, 0);
    for (guint i = 0; i < problem->alternatives->len; i++)
      {
        YrsApiSlot *alt = g_ptr_array_index (problem->alternatives, i);

        g_assert_cmpint (alt->kind, ==, YRS_API_KIND_STAY);
        g_assert_cmpint (alt->booked, <, alt->capacity);
        g_assert_cmpstr (alt->id, !=, slot->id);
      }
  }

  /* Cancelling frees the place. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/reservations/%s", first->id);
    g_autoptr(YrsTestReply) cancel = send_json ("DELETE", path, kiosk (), NULL);
    g_autoptr(YrsTestReply) again = send_json ("DELETE", path, kiosk (), NULL);
    /* By the receipt's reference too, without freeing the place twice. */
    g_autofree char *by_reference_path = g_strdup_printf ("/v1/reservations/%s", first->reference);
    g_autoptr(YrsTestReply) by_reference = send_json ("DELETE", by_reference_path, kiosk (), NULL);
    g_autoptr(YrsApiReservationResponse) cancelled = NULL;
    g_autoptr(YrsApiSlot) now = NULL;
    g_autoptr(YrsTestReply) rebook = NULL;
    g_autofree char *status_path = g_strdup_printf ("/v1/submissions/%s", first->reference);
    g_autoptr(YrsTestReply) status = NULL;

    g_assert_cmpuint (cancel->status, ==, 200);
    cancelled = yrs_api_reservation_response_from_string (yrs_test_reply_text (cancel), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cancelled->status, ==, YRS_API_RESERVATION_CANCELLED);
    g_assert_cmpuint (again->status, ==, 200);
    g_assert_cmpuint (by_reference->status, ==, 200);
    g_assert_nonnull (strstr (yrs_test_reply_text (by_reference), first->id));
    now = fetch_slot (slot->id);
    g_assert_cmpint (now->booked, ==, 1);

    status = get (status_path, kiosk ());
    g_assert_cmpuint (status->status, ==, 200);
    g_assert_nonnull (strstr (yrs_test_reply_text (status), "\"cancelled\""));

    rebook = reserve (session, approved->id, slot->id, NULL);
    g_assert_cmpuint (rebook->status, ==, 201);
    g_clear_pointer (&now, yrs_api_slot_free);
    now = fetch_slot (slot->id);
    g_assert_cmpint (now->booked, ==, 2);
  }

  /* Errors. */
  {
    g_autoptr(YrsApiSlot) gone = create_slot ("fac-chuo-josanjo-1", "stay", 8, 2);
    g_autofree char *del = g_strdup_printf ("/v1/slots/%s", gone->id);
    g_autoptr(YrsTestReply) removed = send_json ("DELETE", del, staff_token, NULL);
    g_autoptr(YrsTestReply) withdrawn = reserve (session, approved->id, gone->id, NULL);
    g_autoptr(YrsTestReply) no_slot = reserve (session, approved->id, "slot-none", NULL);
    g_autoptr(YrsTestReply) no_registration = reserve (session, "reg-none", slot->id, NULL);
    g_autoptr(YrsTestReply) cancel_unknown = send_json ("DELETE", "/v1/reservations/rsv-none",
                                                        kiosk (), NULL);
    g_autoptr(YrsTestReply) cancel_anonymous = send_json ("DELETE", "/v1/reservations/rsv-none",
                                                          NULL, NULL);
    g_autoptr(YrsApiProblem) problem = NULL;

    g_autoptr(YrsApiSlot) past = create_slot ("fac-chuo-josanjo-1", "stay", -2, 2);
    g_autoptr(YrsTestReply) begun = reserve (session, approved->id, past->id, NULL);

    g_assert_cmpuint (removed->status, ==, 200);
    assert_problem (begun, 409, YRS_API_PROBLEM_SLOT_UNAVAILABLE);
    assert_problem (withdrawn, 409, YRS_API_PROBLEM_SLOT_UNAVAILABLE);
    problem = problem_of (withdrawn);
    g_assert_cmpuint (problem->alternatives->len, >, 0);
    assert_problem (no_slot, 422, YRS_API_PROBLEM_VALIDATION);
    g_clear_pointer (&problem, yrs_api_problem_free);
    problem = problem_of (no_slot);
    g_assert_true (problem_has_error (problem, "slot", "unknown"));
    assert_problem (no_registration, 422, YRS_API_PROBLEM_VALIDATION);
    assert_problem (cancel_unknown, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (cancel_anonymous, 401, YRS_API_PROBLEM_UNAUTHORIZED);
  }
}

static void
test_applications (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiApplicationResponse) answer = NULL;

  {
    g_autoptr(YrsTestReply) reply =
      send_json ("POST", "/v1/applications", kiosk (),
                 "{\"programme\": \"support_payment_pregnancy\", \"fields\": {"
                 "\"applicant.name\": \"神戸 みなと\", \"applicant.kana\": \"コウベ ミナト\", "
                 "\"applicant.birth_date\": \"1995-02-28\", \"applicant.postal_code\": \"650-0001\", "
                 "\"applicant.phone\": \"09012345678\", \"bank.account_number\": \"1234567\", "
                 "\"pregnancy.fetuses_count\": 1, \"consent\": true, \"note\": null}}");

    g_assert_cmpuint (reply->status, ==, 201);
    answer = yrs_api_application_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (answer->reference, "APP-"));
    /* A support payment waits for its consultation (issue 17). */
    g_assert_cmpstr (answer->status, ==, "waiting_for_consultation");
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/submissions/%s", answer->reference);
    g_autoptr(YrsTestReply) reply = get (path, kiosk ());
    g_autoptr(YrsApiSubmissionStatus) status = NULL;

    g_assert_cmpuint (reply->status, ==, 200);
    status = yrs_api_submission_status_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (status->kind, ==, "application");
    g_assert_cmpstr (status->status, ==, "waiting_for_consultation");
  }

  /* Every invalid field is listed. */
  {
    g_autoptr(YrsTestReply) reply =
      send_json ("POST", "/v1/applications", kiosk (),
                 "{\"programme\": \"postpartum_home_help\", \"fields\": {"
                 "\"applicant.name\": \"\", \"applicant.kana\": \"yamada\", "
                 "\"child.born_on\": \"2025-02-30\", \"applicant.postal_code\": \"65O-0001\", "
                 "\"applicant.phone\": \"12345\", \"household.children_count\": -1, "
                 "\"fee_yen\": \"100\"}}");
    g_autoptr(YrsApiProblem) problem = NULL;

    assert_problem (reply, 422, YRS_API_PROBLEM_VALIDATION);
    problem = problem_of (reply);
    g_assert_cmpuint (problem->errors->len, ==, 7);
    g_assert_true (problem_has_error (problem, "fields.applicant.name", "required"));
    g_assert_true (problem_has_error (problem, "fields.applicant.kana", "format"));
    g_assert_true (problem_has_error (problem, "fields.child.born_on", "format"));
    g_assert_true (problem_has_error (problem, "fields.applicant.postal_code", "format"));
    g_assert_true (problem_has_error (problem, "fields.applicant.phone", "format"));
    g_assert_true (problem_has_error (problem, "fields.household.children_count", "range"));
    g_assert_true (problem_has_error (problem, "fields.fee_yen", "type"));
  }
  {
    g_autoptr(YrsTestReply) unknown_programme =
      send_json ("POST", "/v1/applications", kiosk (),
                 "{\"programme\": \"free_money\", \"fields\": {\"applicant.name\": \"A\"}}");
    g_autoptr(YrsTestReply) unknown_reference = get ("/v1/submissions/APP-NONE-NONE", kiosk ());
    g_autoptr(YrsTestReply) no_token =
      send_json ("POST", "/v1/applications", NULL,
                 "{\"programme\": \"postpartum_care\", \"fields\": {\"applicant.name\": \"A\"}}");
    g_autoptr(YrsApiProblem) problem = NULL;

    assert_problem (unknown_programme, 422, YRS_API_PROBLEM_VALIDATION);
    problem = problem_of (unknown_programme);
    g_assert_true (problem_has_error (problem, "programme", "unknown"));
    assert_problem (unknown_reference, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (no_token, 401, YRS_API_PROBLEM_UNAUTHORIZED);
  }
}

static void
test_staff_sessions (void)
{
  g_autofree char *good = g_strdup_printf ("{\"staff_id\": \"%s\", \"password\": \"%s\"}",
                                           yrs_test_server_get_staff_id (server),
                                           yrs_test_server_get_staff_password (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiStaffSessionResponse) session_answer = NULL;

  {
    g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/staff/sessions", NULL, good);
    g_autoptr(GDateTime) expires = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpuint (reply->status, ==, 201);
    session_answer = yrs_api_staff_session_response_from_string (yrs_test_reply_text (reply),
                                                                 -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (session_answer->token), >=, 32);
    expires = g_date_time_new_from_iso8601 (session_answer->expires_at, NULL);
    g_assert_cmpint (g_date_time_difference (expires, now), >, G_TIME_SPAN_HOUR);
  }

  /* The token works on a staff route; signing out ends it. */
  {
    g_autoptr(YrsTestReply) approve = send_json ("POST", "/v1/registrations/reg-none/approve",
                                                 session_answer->token, NULL);
    g_autoptr(YrsTestReply) out = send_json ("DELETE", "/v1/staff/sessions/current",
                                             session_answer->token, NULL);
    g_autoptr(YrsTestReply) after = send_json ("POST", "/v1/registrations/reg-none/approve",
                                               session_answer->token, NULL);
    g_autoptr(YrsTestReply) other = send_json ("POST", "/v1/registrations/reg-none/approve",
                                               staff_token, NULL);
    g_autoptr(YrsTestReply) fresh = send_json ("POST", "/v1/staff/sessions", NULL, good);
    g_autoptr(YrsApiStaffSessionResponse) again = NULL;

    assert_problem (approve, 404, YRS_API_PROBLEM_NOT_FOUND);
    g_assert_cmpuint (out->status, ==, 204);
    assert_problem (after, 401, YRS_API_PROBLEM_UNAUTHORIZED);
    /* The same staff member's session on another device goes on. */
    assert_problem (other, 404, YRS_API_PROBLEM_NOT_FOUND);
    /* The shared staff token of the other tests is renewed. */
    g_assert_cmpuint (fresh->status, ==, 201);
    again = yrs_api_staff_session_response_from_string (yrs_test_reply_text (fresh), -1, &error);
    g_assert_no_error (error);
    g_free (staff_token);
    staff_token = g_strdup (again->token);
  }

  /* A wrong password is 401 and never logs the body or the password. */
  {
    g_autofree char *wrong = g_strdup_printf ("{\"staff_id\": \"%s\", \"password\": \"wrong-%s\"}",
                                              yrs_test_server_get_staff_id (server),
                                              "zq9secret");
    g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/staff/sessions", NULL, wrong);
    g_autofree char *log = NULL;

    assert_problem (reply, 401, YRS_API_PROBLEM_LOGIN_FAILED);
    log = yrs_test_server_dup_log (server);
    g_assert_null (strstr (log, "zq9secret"));
    g_assert_null (strstr (log, yrs_test_server_get_staff_password (server)));
    g_assert_null (strstr (log, yrs_test_server_get_kiosk_token (server)));
    g_assert_null (strstr (log, staff_token));
    g_assert_null (strstr (log, "山田"));
  }

  /* Repeated failures from one address are slowed down, then paused there
   * for a few seconds (429 with Retry-After; test-server-signin.py shows it
   * is a pause, not a lockout). */
  {
    const char *ghost = "{\"staff_id\": \"staff-ghost\", \"password\": \"guess\"}";
    gint64 slowest = 0;
    guint i;

    for (i = 0; i < 6; i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/staff/sessions", NULL, ghost);
        gint64 took = g_get_monotonic_time () - start;

        assert_problem (reply, 401, YRS_API_PROBLEM_LOGIN_FAILED);
        if (i >= 4)
          slowest = MAX (slowest, took);
      }
    /* The 5th and 6th failures wait at least 0.5 s and 1 s on top of the
     * password check. */
    g_assert_cmpint (slowest, >=, 1000 * 1000);
    {
      g_autoptr(YrsTestReply) locked = send_json ("POST", "/v1/staff/sessions", NULL, ghost);

      assert_problem (locked, 429, YRS_API_PROBLEM_TOO_MANY_ATTEMPTS);
      g_assert_nonnull (soup_message_headers_get_one (locked->headers, "Retry-After"));
    }
  }

  /* Malformed sign-in bodies. */
  {
    g_autoptr(YrsTestReply) missing = send_json ("POST", "/v1/staff/sessions", NULL, "{\"staff_id\": \"a\"}");
    g_autoptr(YrsTestReply) empty =
      send_json ("POST", "/v1/staff/sessions", NULL, "");
    g_autoptr(YrsApiProblem) problem = NULL;

    assert_problem (missing, 422, YRS_API_PROBLEM_VALIDATION);
    problem = problem_of (missing);
    g_assert_true (problem_has_error (problem, "password", "required"));
    assert_problem (empty, 400, YRS_API_PROBLEM_MALFORMED_JSON);
  }
}

static void
test_idempotency (void)
{
  g_autofree char *url = url_for ("/v1/applications");
  const char *body = "{\"programme\": \"postpartum_care\", \"fields\": {\"applicant.name\": \"一回 だけ\"}}";
  const char *other = "{\"programme\": \"postpartum_care\", \"fields\": {\"applicant.name\": \"別 人\"}}";
  g_autofree char *first_text = NULL;
  gint64 before = db_count ("SELECT count (*) FROM applications");

  /* Five times the same: one object, the same answer. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(YrsTestReply) reply = yrs_test_http (session, "POST", url, kiosk (), "same-key-1",
                                                     NULL, body, -1, NULL);

      g_assert_cmpuint (reply->status, ==, 201);
      if (i == 0)
        first_text = g_strdup (yrs_test_reply_text (reply));
      else
        {
          g_assert_cmpstr (yrs_test_reply_text (reply), ==, first_text);
          g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Idempotent-Replayed"),
                           ==, "true");
        }
    }
  g_assert_cmpint (db_count ("SELECT count (*) FROM applications"), ==, before + 1);

  /* The same key with another body. */
  {
    g_autoptr(YrsTestReply) reply = yrs_test_http (session, "POST", url, kiosk (), "same-key-1",
                                                   NULL, other, -1, NULL);

    assert_problem (reply, 422, YRS_API_PROBLEM_IDEMPOTENCY_KEY_REUSED);
    g_assert_cmpint (db_count ("SELECT count (*) FROM applications"), ==, before + 1);
  }

  /* A validation failure is an answer too: replayed, not re-evaluated. */
  {
    const char *invalid = "{\"programme\": \"postpartum_care\", \"fields\": {}}";
    g_autoptr(YrsTestReply) r1 = yrs_test_http (session, "POST", url, kiosk (), "same-key-2",
                                                NULL, invalid, -1, NULL);
    g_autoptr(YrsTestReply) r2 = yrs_test_http (session, "POST", url, kiosk (), "same-key-2",
                                                NULL, invalid, -1, NULL);

    assert_problem (r1, 422, YRS_API_PROBLEM_VALIDATION);
    assert_problem (r2, 422, YRS_API_PROBLEM_VALIDATION);
    g_assert_cmpstr (soup_message_headers_get_one (r2->headers, "Idempotent-Replayed"), ==, "true");
  }
}

/* Concurrency: threads, each with its own SoupSession. */

typedef struct
{
  const char *registration;
  const char *slot;
  char       *key;
  guint       status;
  char       *text;
} Attempt;

static gpointer
attempt_thread (gpointer data)
{
  Attempt *attempt = data;
  g_autoptr(SoupSession) own = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(YrsTestReply) reply = reserve (own, attempt->registration, attempt->slot,
                                           attempt->key);

  attempt->status = reply->status;
  attempt->text = g_strdup (yrs_test_reply_text (reply));
  return NULL;
}

static void
run_attempts (Attempt *attempts,
              guint    n)
{
  GThread *threads[64];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (threads));
  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new ("client", attempt_thread, &attempts[i]);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
}

static void
test_overbooking (void)
{
  g_autoptr(GPtrArray) registrations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_registration_response_free);
  g_autoptr(YrsApiSlot) slot = create_slot ("fac-chuo-josanjo-1", "day", 10, 10);
  g_autoptr(YrsApiSlot) after = NULL;
  Attempt attempts[50] = { 0 };
  guint created = 0, conflicts = 0;
  g_autofree char *count_sql = NULL;

  /* 50 families for 10 places (one family may hold only a few bookings,
   * see test-server-data.py). */
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_ptr_array_add (registrations, create_registration (TRUE));
      attempts[i].registration =
        ((YrsApiRegistrationResponse *) g_ptr_array_index (registrations, i))->id;
      attempts[i].slot = slot->id;
      attempts[i].key = g_strdup_printf ("overbook-%u-%s", i, slot->id);
    }
  run_attempts (attempts, G_N_ELEMENTS (attempts));

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      if (attempts[i].status == 201)
        created++;
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(YrsApiProblem) problem =
            yrs_api_problem_from_string (attempts[i].text, -1, &error);

          g_assert_cmpuint (attempts[i].status, ==, 409);
          g_assert_no_error (error);
          g_assert_cmpstr (problem->type, ==, YRS_API_PROBLEM_SLOT_FULL);
          g_assert_cmpuint (problem->alternatives->len, >, 0);
          conflicts++;
        }
      g_free (attempts[i].key);
      g_free (attempts[i].text);
    }
  g_assert_cmpuint (created, ==, 10);
  g_assert_cmpuint (conflicts, ==, 40);

  after = fetch_slot (slot->id);
  g_assert_cmpint (after->booked, ==, 10);
  count_sql = g_strdup_printf ("SELECT count (*) FROM reservations WHERE slot = '%s' "
                               "AND status = 'confirmed'", slot->id);
  g_assert_cmpint (db_count (count_sql), ==, 10);
}

static void
test_concurrent_duplicates (void)
{
  g_autoptr(YrsApiRegistrationResponse) registration = create_registration (TRUE);
  g_autoptr(YrsApiSlot) slot = create_slot ("fac-chuo-josanjo-1", "visit", 11, 5);
  g_autoptr(YrsApiSlot) after = NULL;
  Attempt attempts[20] = { 0 };
  g_autofree char *count_sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      attempts[i].registration = registration->id;
      attempts[i].slot = slot->id;
      attempts[i].key = g_strdup ("one-key-for-all");
    }
  run_attempts (attempts, G_N_ELEMENTS (attempts));
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_assert_cmpuint (attempts[i].status, ==, 201);
      g_assert_cmpstr (attempts[i].text, ==, attempts[0].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_free (attempts[i].key);
      g_free (attempts[i].text);
    }
  after = fetch_slot (slot->id);
  g_assert_cmpint (after->booked, ==, 1);
  count_sql = g_strdup_printf ("SELECT count (*) FROM reservations WHERE slot = '%s'", slot->id);
  g_assert_cmpint (db_count (count_sql), ==, 1);
}

static void
test_limits (void)
{
  g_autofree char *url = url_for ("/v1/applications");
  gsize big = YRS_API_MAX_BODY_BYTES + 10;
  g_autofree char *huge = g_malloc (big);

  memset (huge, ' ', big);
  {
    g_autoptr(YrsTestReply) reply = yrs_test_http (session, "POST", url, kiosk (), "big-1",
                                                   NULL, huge, big, NULL);

    assert_problem (reply, 413, YRS_API_PROBLEM_PAYLOAD_TOO_LARGE);
  }
  {
    g_autoptr(YrsTestReply) unknown = get ("/v2/catalog", NULL);
    g_autoptr(YrsTestReply) trailing = get ("/v1/catalog/", NULL);
    g_autofree char *catalog = url_for ("/v1/catalog");
    g_autoptr(YrsTestReply) wrong = yrs_test_http (session, "DELETE", catalog, kiosk (), "k",
                                                   NULL, NULL, 0, NULL);
    g_autoptr(YrsTestReply) wrong2 = yrs_test_http (session, "PUT", url, kiosk (), "k",
                                                    NULL, "{}", -1, NULL);
    g_autoptr(YrsTestReply) head = yrs_test_http (session, "HEAD", catalog, NULL, NULL,
                                                  NULL, NULL, 0, NULL);

    assert_problem (unknown, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (trailing, 404, YRS_API_PROBLEM_NOT_FOUND);
    assert_problem (wrong, 405, YRS_API_PROBLEM_METHOD_NOT_ALLOWED);
    g_assert_cmpstr (soup_message_headers_get_one (wrong->headers, "Allow"), ==, "GET");
    assert_problem (wrong2, 405, YRS_API_PROBLEM_METHOD_NOT_ALLOWED);
    g_assert_cmpstr (soup_message_headers_get_one (wrong2->headers, "Allow"), ==, "POST");
    g_assert_cmpuint (head->status, ==, 200);
  }
}


/* Hostile and malformed requests: each answered with its 4xx, and the
 * server still serves correctly afterwards. */

typedef struct
{
  const char *what;
  const char *method;
  const char *path;
  int         auth;            /* 0 none, 1 kiosk, 2 staff */
  const char *content_type;    /* NULL: application/json */
  char       *body;            /* owned, may be NULL */
  gssize      length;          /* -1: strlen */
  const char *key;             /* NULL: a fresh one; "" none */
  const char *header;          /* an extra header name, or NULL */
  char       *header_value;    /* owned */
  guint       status;
} Hostile;

static void
hostile_free (gpointer data)
{
  Hostile *h = data;

  g_free (h->body);
  g_free (h->header_value);
  g_free (h);
}

static Hostile *
hostile_add (GPtrArray  *cases,
             const char *what,
             const char *method,
             const char *path,
             int         auth,
             char       *body,
             guint       status)
{
  Hostile *h = g_new0 (Hostile, 1);

  h->what = what;
  h->method = method;
  h->path = path;
  h->auth = auth;
  h->body = body;
  h->length = -1;
  h->status = status;
  g_ptr_array_add (cases, h);
  return h;
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static char *
registration_with (const char *member,
                   const char *json_value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("{\"v\": %s}", json_value);
  JsonObject *base;
  g_autoptr(JsonNode) copy = NULL;

  g_assert_true (json_parser_load_from_data (parser, registration_body, -1, &error));
  copy = json_node_copy (json_parser_get_root (parser));
  base = json_node_get_object (copy);
  if (json_value == NULL)
    json_object_remove_member (base, member);
  else
    {
      g_autoptr(JsonParser) vp = json_parser_new ();

      g_assert_true (json_parser_load_from_data (vp, value, -1, &error));
      json_object_set_member (base, member,
                              json_node_copy (json_object_get_member (json_node_get_object (json_parser_get_root (vp)), "v")));
    }
  return yrs_api_node_to_string (copy);
}

static void
test_bad_input (void)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (hostile_free);
  g_autoptr(YrsApiRegistrationResponse) registration = create_registration (TRUE);
  g_autoptr(YrsApiSlot) slot = create_slot ("fac-chuo-josanjo-1", "day", 12, 3);
  const char *sql = "'); DROP TABLE registrations; --";
  Hostile *h;
  guint answered = 0;

  /* Registrations: wrong types, huge strings, bad formats and dates,
   * missing members, SQL in the formatted fields. */
  hostile_add (cases, "name is a number", "POST", "/v1/registrations", 1,
               registration_with ("name", "5"), 422);
  hostile_add (cases, "name is an array", "POST", "/v1/registrations", 1,
               registration_with ("name", "[\"a\"]"), 422);
  {
    g_autofree char *huge = repeat ("あ", 20000);
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", huge);

    hostile_add (cases, "huge name", "POST", "/v1/registrations", 1,
                 registration_with ("name", quoted), 422);
  }
  hostile_add (cases, "kana in latin", "POST", "/v1/registrations", 1,
               registration_with ("name_kana", "\"yamada\""), 422);
  hostile_add (cases, "SQL in kana", "POST", "/v1/registrations", 1,
               registration_with ("name_kana", "\"ヤマダ' OR '1'='1\""), 422);
  hostile_add (cases, "SQL in phone", "POST", "/v1/registrations", 1,
               registration_with ("phone", "\"0781234567' --\""), 422);
  hostile_add (cases, "SQL in ward", "POST", "/v1/registrations", 1,
               registration_with ("ward", "\"chuo; DROP TABLE slots\""), 422);
  hostile_add (cases, "SQL in due_on", "POST", "/v1/registrations", 1,
               registration_with ("due_on", "\"2026-01-01' OR 1=1\""), 422);
  hostile_add (cases, "30 February", "POST", "/v1/registrations", 1,
               registration_with ("due_on", "\"2025-02-30\""), 422);
  hostile_add (cases, "29 February of a common year", "POST", "/v1/registrations", 1,
               registration_with ("child_born_on", "\"2025-02-29\""), 422);
  hostile_add (cases, "month 13", "POST", "/v1/registrations", 1,
               registration_with ("due_on", "\"2025-13-01\""), 422);
  hostile_add (cases, "boolean as a string", "POST", "/v1/registrations", 1,
               registration_with ("tax_exempt", "\"yes\""), 422);
  hostile_add (cases, "missing phone", "POST", "/v1/registrations", 1,
               registration_with ("phone", NULL), 422);
  hostile_add (cases, "no date at all", "POST", "/v1/registrations", 1,
               registration_with ("due_on", NULL), 422);
  hostile_add (cases, "an array body", "POST", "/v1/registrations", 1, g_strdup ("[]"), 422);
  hostile_add (cases, "a string body", "POST", "/v1/registrations", 1, g_strdup ("\"hi\""), 422);
  hostile_add (cases, "a null body", "POST", "/v1/registrations", 1, g_strdup ("null"), 422);

  /* Malformed JSON. */
  h = hostile_add (cases, "invalid UTF-8", "POST", "/v1/registrations", 1,
                   g_strdup ("{\"name\": \"\xff\xfe\x80\"}"), 400);
  {
    g_autofree char *open = repeat ("[", 100);
    g_autofree char *close = repeat ("]", 100);

    hostile_add (cases, "nesting 100 deep", "POST", "/v1/registrations", 1,
                 g_strconcat (open, close, NULL), 400);
  }
  hostile_add (cases, "nesting 200000 deep", "POST", "/v1/applications", 1,
               repeat ("{\"a\":", 200000), 400);
  hostile_add (cases, "truncated", "POST", "/v1/registrations", 1,
               g_strdup ("{\"name\": \"a\""), 400);
  hostile_add (cases, "trailing garbage", "POST", "/v1/registrations", 1,
               g_strdup ("{} x"), 400);
  hostile_add (cases, "empty body", "POST", "/v1/registrations", 1, g_strdup (""), 400);
  /* g_strdup() would stop at the NUL: copy the whole literal. */
  {
    static const char with_nul[] = "{\"name\": \"a\0b\"}";

    h = hostile_add (cases, "a NUL byte", "POST", "/v1/registrations", 1,
                     g_memdup2 (with_nul, sizeof with_nul), 400);
    h->length = sizeof with_nul - 1;
  }

  /* Reservations. */
  hostile_add (cases, "slot is a number", "POST", "/v1/reservations", 1,
               g_strdup_printf ("{\"registration\": \"%s\", \"slot\": 123}", registration->id), 422);
  hostile_add (cases, "SQL in slot", "POST", "/v1/reservations", 1,
               g_strdup_printf ("{\"registration\": \"%s\", \"slot\": \"' OR 1=1 --\"}",
                                registration->id), 422);
  hostile_add (cases, "SQL in registration", "POST", "/v1/reservations", 1,
               g_strdup_printf ("{\"registration\": \"%s\", \"slot\": \"%s\"}", sql, slot->id), 422);
  hostile_add (cases, "operator object as slot", "POST", "/v1/reservations", 1,
               g_strdup_printf ("{\"registration\": \"%s\", \"slot\": {\"$ne\": null}}",
                                registration->id), 422);
  {
    g_autofree char *long_id = repeat ("r", 100);

    hostile_add (cases, "registration id too long", "POST", "/v1/reservations", 1,
                 g_strdup_printf ("{\"registration\": \"%s\", \"slot\": \"%s\"}", long_id, slot->id),
                 422);
  }
  hostile_add (cases, "missing registration", "POST", "/v1/reservations", 1,
               g_strdup_printf ("{\"slot\": \"%s\"}", slot->id), 422);

  /* Applications. */
  hostile_add (cases, "no programme", "POST", "/v1/applications", 1,
               g_strdup ("{\"fields\": {\"applicant.name\": \"a\"}}"), 422);
  hostile_add (cases, "SQL in programme", "POST", "/v1/applications", 1,
               g_strdup_printf ("{\"programme\": \"%s\", \"fields\": {}}", sql), 422);
  hostile_add (cases, "fields is an array", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": []}"), 422);
  hostile_add (cases, "a nested field", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": {\"a\": {\"b\": 1}}}"), 422);
  hostile_add (cases, "a bad field id", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": {\"A B\": 1}}"), 422);
  hostile_add (cases, "SQL as a field id", "POST", "/v1/applications", 1,
               g_strdup_printf ("{\"programme\": \"postpartum_care\", \"fields\": {\"%s\": 1}}", sql), 422);
  {
    GString *many = g_string_new ("{\"programme\": \"postpartum_care\", \"fields\": {");

    for (guint i = 0; i < 201; i++)
      g_string_append_printf (many, "%s\"f%u\": 1", i ? ", " : "", i);
    g_string_append (many, "}}");
    hostile_add (cases, "201 fields", "POST", "/v1/applications", 1, g_string_free (many, FALSE), 422);
  }
  {
    g_autofree char *long_text = repeat ("x", 3000);

    hostile_add (cases, "a 3000-character field", "POST", "/v1/applications", 1,
                 g_strdup_printf ("{\"programme\": \"postpartum_care\", \"fields\": "
                                  "{\"applicant.name\": \"a\", \"note\": \"%s\"}}", long_text), 422);
  }
  hostile_add (cases, "a date field of 30 February", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": "
                         "{\"applicant.name\": \"a\", \"child.born_on\": \"2025-02-30\"}}"), 422);
  hostile_add (cases, "a negative count", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": "
                         "{\"applicant.name\": \"a\", \"children_count\": -5}}"), 422);
  hostile_add (cases, "a huge number", "POST", "/v1/applications", 1,
               g_strdup ("{\"programme\": \"postpartum_care\", \"fields\": "
                         "{\"applicant.name\": \"a\", \"amount_yen\": 1e999}}"), 422);

  /* Slots (staff). */
  hostile_add (cases, "negative capacity", "POST", "/v1/slots", 2,
               g_strdup ("{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"day\", \"starts_at\": "
                         "\"2030-01-01T10:00:00+09:00\", \"ends_at\": \"2030-01-01T12:00:00+09:00\", "
                         "\"capacity\": -1}"), 422);
  hostile_add (cases, "capacity as a string", "POST", "/v1/slots", 2,
               g_strdup ("{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"day\", \"starts_at\": "
                         "\"2030-01-01T10:00:00+09:00\", \"ends_at\": \"2030-01-01T12:00:00+09:00\", "
                         "\"capacity\": \"10\"}"), 422);
  hostile_add (cases, "a start on 30 February", "POST", "/v1/slots", 2,
               g_strdup ("{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"day\", \"starts_at\": "
                         "\"2025-02-30T10:00:00+09:00\", \"ends_at\": \"2025-03-01T12:00:00+09:00\", "
                         "\"capacity\": 1}"), 422);
  hostile_add (cases, "a time without offset", "POST", "/v1/slots", 2,
               g_strdup ("{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"day\", \"starts_at\": "
                         "\"2030-01-01T10:00:00\", \"ends_at\": \"2030-01-01T12:00:00+09:00\", "
                         "\"capacity\": 1}"), 422);
  hostile_add (cases, "an unknown kind", "POST", "/v1/slots", 2,
               g_strdup ("{\"facility\": \"fac-chuo-josanjo-1\", \"kind\": \"overnight\", \"starts_at\": "
                         "\"2030-01-01T10:00:00+09:00\", \"ends_at\": \"2030-01-01T12:00:00+09:00\", "
                         "\"capacity\": 1}"), 422);

  /* Sign-in. */
  {
    g_autofree char *long_password = repeat ("p", 300);

    hostile_add (cases, "a 300-byte password", "POST", "/v1/staff/sessions", 0,
                 g_strdup_printf ("{\"staff_id\": \"staff-demo\", \"password\": \"%s\"}", long_password),
                 422);
  }
  hostile_add (cases, "SQL in staff_id", "POST", "/v1/staff/sessions", 0,
               g_strdup ("{\"staff_id\": \"admin' --\", \"password\": \"x\"}"), 422);
  hostile_add (cases, "password as a number", "POST", "/v1/staff/sessions", 0,
               g_strdup ("{\"staff_id\": \"staff-demo\", \"password\": 12}"), 422);

  /* Headers. */
  h = hostile_add (cases, "a 200-character Idempotency-Key", "POST", "/v1/applications", 1,
                   g_strdup ("{}"), 400);
  h->key = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
           "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
  h = hostile_add (cases, "an empty Idempotency-Key", "POST", "/v1/applications", 1, g_strdup ("{}"), 400);
  h->key = "";
  h = hostile_add (cases, "Basic instead of Bearer", "POST", "/v1/applications", 0, g_strdup ("{}"), 401);
  h->header = "Authorization";
  h->header_value = g_strdup ("Basic YWRtaW46YWRtaW4=");
  h = hostile_add (cases, "a 1000-character token", "POST", "/v1/applications", 0, g_strdup ("{}"), 401);
  h->header = "Authorization";
  {
    g_autofree char *long_token = repeat ("t", 1000);

    h->header_value = g_strconcat ("Bearer ", long_token, NULL);
  }
  h = hostile_add (cases, "SQL as a token", "POST", "/v1/applications", 0, g_strdup ("{}"), 401);
  h->header = "Authorization";
  h->header_value = g_strdup ("Bearer ' OR '1'='1");
  h = hostile_add (cases, "XML", "POST", "/v1/applications", 1, g_strdup ("<a/>"), 415);
  h->content_type = "application/xml";

  /* Queries and paths. */
  hostile_add (cases, "a cursor past 64 bits", "GET", "/v1/slots?since=99999999999999999999", 0, NULL, 400);
  hostile_add (cases, "from on 29 February 2025", "GET", "/v1/slots?from=2025-02-29", 0, NULL, 400);
  hostile_add (cases, "SQL in a query", "GET", "/v1/slots?facility=x%27%3B%20DROP%20TABLE%20slots%3B--",
               0, NULL, 400);
  hostile_add (cases, "a 300-character reference", "GET",
               "/v1/submissions/RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR"
               "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR"
               "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR",
               1, NULL, 404);
  hostile_add (cases, "SQL as a reference", "GET", "/v1/submissions/x'%20OR%20'1'='1", 1, NULL, 404);
  hostile_add (cases, "a dot-dot path", "GET", "/v1/registrations/../../etc/passwd", 1, NULL, 404);

  g_assert_cmpuint (cases->len, >=, 40);

  for (guint i = 0; i < cases->len; i++)
    {
      Hostile *c = g_ptr_array_index (cases, i);
      g_autofree char *url = url_for (c->path);
      g_autofree char *key = c->key == NULL ? new_key () : NULL;
      const char *token = c->auth == 1 ? kiosk () : c->auth == 2 ? staff_token : NULL;
      const char *extra[] = { c->header, c->header_value, NULL };
      g_autoptr(YrsTestReply) reply = NULL;
      g_autoptr(YrsApiProblem) problem = NULL;

      reply = yrs_test_http (session, c->method, url, token,
                             c->key == NULL ? key : (c->key[0] ? c->key : NULL),
                             c->content_type, c->body, c->length,
                             c->header != NULL ? extra : NULL);
      if (reply->status != c->status)
        g_error ("%s: expected %u, got %u: %s", c->what, c->status, reply->status,
                 yrs_test_reply_text (reply));
      problem = problem_of (reply);
      g_test_message ("%s: %u %s", c->what, reply->status, problem->type);
      answered++;
    }
  g_assert_cmpuint (answered, ==, cases->len);

  /* Free text takes any characters, SQL included, and keeps them. */
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", sql);
    g_autofree char *body = registration_with ("name", quoted);
    g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/registrations", kiosk (), body);
    g_autofree char *count_sql = NULL;

    g_assert_cmpuint (reply->status, ==, 201);
    count_sql = g_strdup_printf ("SELECT count (*) FROM registrations WHERE name = '%s'",
                                 "''); DROP TABLE registrations; --");
    g_assert_cmpint (db_count (count_sql), ==, 1);
  }

  /* Still serving, and the database is whole. */
  {
    g_autoptr(YrsTestReply) catalog = get ("/v1/catalog", NULL);
    g_autoptr(YrsApiRegistrationResponse) another = create_registration (TRUE);
    g_autoptr(YrsTestReply) booked = reserve (session, another->id, slot->id, NULL);

    g_assert_cmpuint (catalog->status, ==, 200);
    g_assert_cmpuint (booked->status, ==, 201);
    g_assert_cmpint (db_count ("SELECT count (*) FROM slots"), >, 300);
    g_assert_cmpint (db_count ("SELECT count (*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
                     ==, 1);
  }
}

static void
test_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *body = "{\"programme\": \"postpartum_care\", \"fields\": {\"applicant.name\": \"再起動\"}}";
  g_autofree char *first_text = NULL;
  g_autofree char *old_url = g_strdup (yrs_test_server_get_url (server));

  url = url_for ("/v1/applications");
  {
    g_autoptr(YrsTestReply) reply = yrs_test_http (session, "POST", url, kiosk (), "restart-key",
                                                   NULL, body, -1, NULL);

    g_assert_cmpuint (reply->status, ==, 201);
    first_text = g_strdup (yrs_test_reply_text (reply));
  }

  /* A crash, then the same server again on the same port and database,
   * with the same demo credentials: the answer for the key survives. */
  yrs_test_server_kill (server);
  g_assert_false (yrs_test_server_is_running (server));
  g_assert_true (yrs_test_server_restart (server, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_test_server_get_url (server), ==, old_url);
  {
    g_autoptr(SoupSession) fresh = soup_session_new ();
    g_autoptr(YrsTestReply) reply = yrs_test_http (fresh, "POST", url, kiosk (), "restart-key",
                                                   NULL, body, -1, NULL);
    g_autoptr(YrsTestReply) status = NULL;
    g_autoptr(YrsApiApplicationResponse) answer = NULL;
    g_autofree char *path = NULL;

    g_assert_cmpuint (reply->status, ==, 201);
    g_assert_cmpstr (yrs_test_reply_text (reply), ==, first_text);
    answer = yrs_api_application_response_from_string (first_text, -1, &error);
    g_assert_no_error (error);
    path = g_strdup_printf ("/v1/submissions/%s", answer->reference);
    status = get (path, kiosk ());
    g_assert_cmpuint (status->status, ==, 200);
  }
  /* The staff session is in the database, so it survives too. */
  {
    g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/registrations/reg-none/approve",
                                               staff_token, NULL);

    assert_problem (reply, 404, YRS_API_PROBLEM_NOT_FOUND);
  }
}


/* --tls-cert/--tls-key: HTTPS, verified against the test CA, refused by a
 * client that does not trust it. */
static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "integration",
                                                 "test-tls-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "integration",
                                                "test-tls-key.pem", NULL);
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  YrsTestServerOptions options = { .catalog_path = catalog_path, .approve_after = -1,
                                   .extra_args = args };
  g_autoptr(YrsTestServer) tls = yrs_test_server_new (&options, &error);
  g_autoptr(GTlsDatabase) ca = NULL;
  g_autoptr(SoupSession) trusting = NULL;
  g_autoptr(SoupSession) default_trust = soup_session_new ();
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (yrs_test_server_get_url (tls), "https://127.0.0.1:"));
  url = g_strconcat (yrs_test_server_get_url (tls), "/v1/facilities", NULL);

  ca = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  trusting = soup_session_new_with_options ("tls-database", ca, NULL);
  {
    g_autoptr(YrsTestReply) reply = yrs_test_http (trusting, "GET", url, NULL, NULL, NULL,
                                                   NULL, 0, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = soup_session_send_and_read (default_trust, msg, NULL, &error);

    g_assert_null (body);
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  }
}


/* A catalogue the app's loader refuses is never published. */
static void
test_bad_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (catalog_path);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  YrsTestServerOptions options = { .catalog_path = path };
  g_autoptr(YrsTestServer) refused = NULL;

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"id\": \"x\", \"programmes\": 3}", -1, &error));
  refused = yrs_test_server_new (&options, &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *facilities = NULL;
  g_autofree char *tmpdir = NULL;
  YrsTestServerOptions options = { .demo = TRUE, .approve_after = 3 };
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The bundled catalogue with two facilities of the tests' own. */
  tmpdir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_assert_no_error (error);
  facilities = g_test_build_filename (G_TEST_DIST, "integration", "server-facilities.json", NULL);
  catalog_path = yrs_test_server_write_catalog (tmpdir, facilities, "test.1", &error);
  g_assert_no_error (error);
  options.catalog_path = catalog_path;
  server = yrs_test_server_new (&options, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("timeout", 60, NULL);

  {
    g_autofree char *body = g_strdup_printf ("{\"staff_id\": \"%s\", \"password\": \"%s\"}",
                                             yrs_test_server_get_staff_id (server),
                                             yrs_test_server_get_staff_password (server));
    g_autoptr(YrsTestReply) reply = send_json ("POST", "/v1/staff/sessions", NULL, body);
    g_autoptr(YrsApiStaffSessionResponse) answer = NULL;

    g_assert_cmpuint (reply->status, ==, 201);
    answer = yrs_api_staff_session_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    staff_token = g_strdup (answer->token);
  }

  g_test_add_func ("/server/catalog", test_catalog);
  g_test_add_func ("/server/facilities", test_facilities);
  g_test_add_func ("/server/slots", test_slots);
  g_test_add_func ("/server/registrations", test_registrations);
  g_test_add_func ("/server/reservations", test_reservations);
  g_test_add_func ("/server/applications", test_applications);
  g_test_add_func ("/server/staff-sessions", test_staff_sessions);
  g_test_add_func ("/server/idempotency", test_idempotency);
  g_test_add_func ("/server/overbooking", test_overbooking);
  g_test_add_func ("/server/concurrent-duplicates", test_concurrent_duplicates);
  g_test_add_func ("/server/limits", test_limits);
  g_test_add_func ("/server/bad-input", test_bad_input);
  g_test_add_func ("/server/restart", test_restart);
  g_test_add_func ("/server/tls", test_tls);
  g_test_add_func ("/server/bad-catalog", test_bad_catalog);

  status = g_test_run ();

  g_clear_object (&session);
  g_clear_pointer (&server, yrs_test_server_free);
  g_free (staff_token);
  g_remove (catalog_path);
  g_rmdir (tmpdir);
  g_free (catalog_path);
  return status;
}
