/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coming back with a receipt (data/api/openapi.yaml):
 *
 *   POST /v1/lookups                    reference + her date of birth
 *   POST /v1/reservations/{id}/cancel   with the lookup's token, or the
 *                                       device's own booking
 *
 * A lookup answers only on a match. It is limited like a sign-in: wrong
 * tries are counted per device and per reference (the reference keyed
 * with the server's secret, never stored as such), each wrong answer comes
 * a little later than the one before, and after a few the device, or
 * everyone trying that reference, is paused with a growing Retry-After.
 * A wrong birth date and an unknown reference get the same answer. The
 * reference and the birth date come in the body only and are never
 * logged; the request log has the route, the status and the time, like a
 * failed sign-in, and a pause is logged with the device's name and the
 * count.
 *
 * The answer carries a token (stored as a hash) bound to the reference
 * and to the device that asked, for 15 minutes: with it that device may
 * book with her registration (POST /v1/reservations, lookup_token) and
 * cancel her bookings. No other device can use it. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "yrs-api-lookup.h"
#include "yrs-server-private.h"

#define TOKEN_SECONDS      (15 * 60)
#define DEVICE_FREE_TRIES  3   /* wrong tries from one device before a pause */
#define REF_FREE_TRIES     5   /* wrong tries on one reference, all devices */
#define FIRST_PAUSE_MS     10000
#define MAX_PAUSE_MS       (15 * 60 * 1000)
#define FIRST_DELAY_MS     250
#define MAX_DELAY_MS       2000

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static YrsResponse *
bad_request (const GError *error)
{
  g_autoptr(YrsApiProblem) problem =
    yrs_api_problem_new_full (400, error->code == YRS_API_DECODE_ERROR_MALFORMED
                                   ? YRS_API_PROBLEM_MALFORMED_JSON : YRS_API_PROBLEM_BAD_REQUEST,
                              "Bad request", error->message);
  g_autofree char *field = yrs_api_decode_error_dup_field (error);

  if (field != NULL)
    g_ptr_array_add (problem->errors,
                     yrs_api_field_error_new (field, yrs_api_decode_error_code_name (error->code)));
  return _yrs_response_new_problem (problem);
}

static JsonNode *
parse_body (YrsRequest *request,
            GError    **error)
{
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;

  if (data == NULL || length == 0)
    {
      g_set_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED, "body: empty");
      return NULL;
    }
  return yrs_api_parse (data, length, error);
}

static YrsResponse *
internal_error (YrsDb *db)
{
  _yrs_server_count_db_error ();
  g_warning ("database: %s", _yrs_db_errmsg (db));
  return _yrs_response_new_error (500, YRS_API_PROBLEM_INTERNAL, "Internal error", NULL);
}

/* The reference as a failure counter's key: keyed with the server's
 * secret, so the table holds no reference. */
static char *
reference_key (YrsRequest *request,
               const char *reference)
{
  guint8 hash[16];
  char hex[33];

  crypto_generichash (hash, sizeof hash, (const guint8 *) reference, strlen (reference),
                      _yrs_server_get_secret (request->server), 32);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* Failures */

static int
failures_of (YrsDb      *db,
             const char *scope,
             const char *key,
             gint64      now,
             gboolean    lock,
             gint64     *last)
{
  /* lock, inside the write transaction: on PostgreSQL the counter's row is
   * locked to the commit, so that of two lookups at two instances at once
   * the second sees the first's failure (SQLite has one writer anyway). */
  g_autoptr(YrsStmt) stmt =
    lock
    ? _yrs_db_prepare_dialect (db,
                               "SELECT failures, last_ms FROM lookup_failures WHERE scope = ? AND key = ?",
                               "SELECT failures, last_ms FROM lookup_failures WHERE scope = ? AND key = ? "
                               "FOR UPDATE")
    : _yrs_db_prepare (db, "SELECT failures, last_ms FROM lookup_failures WHERE scope = ? AND key = ?");

  *last = 0;
  _yrs_db_bind_texts (stmt, scope, key, NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return 0;
  *last = _yrs_stmt_column_int64 (stmt, 1);
  if (now - *last > (gint64) YRS_SERVER_FAILURE_WINDOW * 1000)
    return 0;
  return _yrs_stmt_column_int (stmt, 0);
}

/* 10 s after the free tries, doubling to 15 min at most. */
static gint64
pause_ms (int failures,
          int free_tries)
{
  if (failures < free_tries)
    return 0;
  return MIN ((gint64) MAX_PAUSE_MS, (gint64) FIRST_PAUSE_MS << MIN (failures - free_tries, 10));
}

/* How long the asker must still wait, 0 for not at all. */
static gint64
wait_ms (YrsRequest *request,
         const char *ref_key,
         gint64      now,
         gboolean    lock)
{
  gint64 last;
  int device = failures_of (request->db, "device", request->principal.name, now, lock, &last);
  gint64 wait = MAX ((gint64) 0, last + pause_ms (device, DEVICE_FREE_TRIES) - now);
  int reference = failures_of (request->db, "reference", ref_key, now, lock, &last);

  return MAX (wait, last + pause_ms (reference, REF_FREE_TRIES) - now);
}

static int
count_failure (YrsDb    *db,
               const char *scope,
               const char *key,
               gint64      now)
{
  /* One statement counts the failure (as a failed sign-in does): two wrong
   * tries at two instances at once are two failures. Failures older than
   * the window start again from one. */
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO lookup_failures (scope, key, failures, last_ms) "
                         "VALUES (?1, ?2, 1, ?3) ON CONFLICT (scope, key) DO UPDATE "
                         "SET failures = CASE WHEN lookup_failures.last_ms < ?4 THEN 1 "
                         "ELSE lookup_failures.failures + 1 END, last_ms = ?3 "
                         "RETURNING failures");

  _yrs_db_bind_texts (stmt, scope, key, NULL);
  _yrs_stmt_bind_int64 (stmt, 3, now);
  _yrs_stmt_bind_int64 (stmt, 4, now - (gint64) YRS_SERVER_FAILURE_WINDOW * 1000);
  return _yrs_stmt_step (stmt) == YRS_DB_ROW ? _yrs_stmt_column_int (stmt, 0) : 1;
}

static void
clear_failures (YrsDb    *db,
                const char *scope,
                const char *key)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "DELETE FROM lookup_failures WHERE scope = ? AND key = ?");

  _yrs_db_bind_texts (stmt, scope, key, NULL);
  _yrs_stmt_step (stmt);
}

static YrsResponse *
paused_response (YrsRequest *request,
                 gint64      wait,
                 int         failures)
{
  YrsResponse *response;
  g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, MAX ((gint64) 1, (wait + 999) / 1000));
  g_autofree char *count = g_strdup_printf ("%d", failures);

  response = _yrs_response_new_error (429, YRS_API_PROBLEM_TOO_MANY_ATTEMPTS,
                                      "Too many tries",
                                      "Lookups from here are paused for a while; try again then.");
  _yrs_response_add_header (response, "Retry-After", retry);
  response->store = FALSE;
  /* The device's name and the count; never the reference or a date. */
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "YRS_EVENT", "lookup-paused",
                    "YRS_DEVICE", request->principal.name,
                    "YRS_FAILURES", count,
                    "YRS_RETRY_AFTER", retry,
                    "MESSAGE", "lookup paused: %s after %s failures, retry after %s s",
                    request->principal.name, count, retry);
  return response;
}

/* The match */

typedef struct
{
  char   *kind;
  char   *status;
  char   *reason;
  char   *programme;
  char   *registration;     /* its id */
  char   *reservation;      /* its id, for a reservation's reference */
  char   *birth_on;
  gint64  approve_unix;     /* -1: not approved */
} Found;

static void
found_clear (Found *found)
{
  g_free (found->kind);
  g_free (found->status);
  g_free (found->reason);
  g_free (found->programme);
  g_free (found->registration);
  g_free (found->reservation);
  if (found->birth_on != NULL)
    explicit_bzero (found->birth_on, strlen (found->birth_on));
  g_free (found->birth_on);
}

static char *
column_dup (YrsStmt *stmt,
            int           i)
{
  return g_strdup (_yrs_stmt_column_text (stmt, i));
}

/* Fills found for the reference; FALSE when there is no such thing. */
static gboolean
find_reference (YrsDb    *db,
                const char *reference,
                gint64      now,
                Found      *found)
{
  found->approve_unix = -1;
  if (g_str_has_prefix (reference, "APP-"))
    {
      /* The fields are stored opened (yrs-server-seal.c opens the box
       * before post_application decodes them). */
      g_autoptr(YrsStmt) stmt =
        _yrs_db_prepare_dialect (db,
                                 "SELECT status, programme, "
                                 "json_extract (fields, '$.\"applicant.birth_date\"') "
                                 "FROM applications WHERE reference = ?",
                                 "SELECT status, programme, "
                                 "(fields::jsonb) ->> 'applicant.birth_date' "
                                 "FROM applications WHERE reference = ?");

      _yrs_db_bind_texts (stmt, reference, NULL);
      if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
        return FALSE;
      found->kind = g_strdup ("application");
      found->status = column_dup (stmt, 0);
      found->programme = column_dup (stmt, 1);
      found->birth_on = column_dup (stmt, 2);
      return TRUE;
    }
  if (g_str_has_prefix (reference, "REG-") || g_str_has_prefix (reference, "RSV-"))
    {
      gboolean reservation = g_str_has_prefix (reference, "RSV-");
      g_autoptr(YrsStmt) stmt =
        _yrs_db_prepare (db, reservation
                             ? "SELECT r.id, r.birth_on, r.approve_unix, v.id, v.status, "
                               "NULL, NULL "
                               "FROM reservations v JOIN registrations r ON r.id = v.registration "
                               "WHERE v.reference = ?"
                             : "SELECT id, birth_on, approve_unix, NULL, NULL, "
                               "declined_unix, decline_reason "
                               "FROM registrations WHERE reference = ?");

      _yrs_db_bind_texts (stmt, reference, NULL);
      if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
        return FALSE;
      found->kind = g_strdup (reservation ? "reservation" : "registration");
      found->registration = column_dup (stmt, 0);
      found->birth_on = column_dup (stmt, 1);
      if (!_yrs_stmt_column_is_null (stmt, 2))
        found->approve_unix = _yrs_stmt_column_int64 (stmt, 2);
      if (reservation)
        {
          found->reservation = column_dup (stmt, 3);
          found->status = column_dup (stmt, 4);
        }
      else if (!_yrs_stmt_column_is_null (stmt, 5))
        {
          /* Declined by a supervisor (issue 17), with her reason. */
          found->status = g_strdup ("declined");
          found->reason = column_dup (stmt, 6);
          found->approve_unix = -1;
        }
      else
        found->status = g_strdup (found->approve_unix >= 0 && found->approve_unix <= now
                                  ? "approved" : "pending");
      return TRUE;
    }
  return FALSE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  gsize n;

  if (a == NULL || b == NULL || (n = strlen (a)) != strlen (b))
    return FALSE;
  return sodium_memcmp (a, b, n) == 0;
}

/* Bookings: every booking of the registration, or the one reservation. */
static gboolean
add_bookings (YrsDb              *db,
              const Found          *found,
              YrsApiLookupResponse *answer)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT v.id, v.reference, v.slot, s.facility, s.kind, s.starts_at, "
                         "s.ends_at, v.status FROM reservations v JOIN slots s ON s.id = v.slot "
                         "WHERE (?1 IS NOT NULL AND v.id = ?1) OR (?1 IS NULL AND v.registration = ?2) "
                         "ORDER BY s.starts_unix, v.id LIMIT 100");
  int rc;

  if (found->reservation != NULL)
    _yrs_stmt_bind_text (stmt, 1, found->reservation);
  _yrs_stmt_bind_text (stmt, 2, found->registration);
  while ((rc = _yrs_stmt_step (stmt)) == YRS_DB_ROW)
    {
      YrsApiLookupBooking *booking = yrs_api_lookup_booking_new ();

      booking->id = column_dup (stmt, 0);
      booking->reference = column_dup (stmt, 1);
      booking->slot = column_dup (stmt, 2);
      booking->facility = column_dup (stmt, 3);
      yrs_api_kind_from_string (_yrs_stmt_column_text (stmt, 4), &booking->kind);
      booking->starts_at = column_dup (stmt, 5);
      booking->ends_at = column_dup (stmt, 6);
      booking->status = g_strcmp0 (_yrs_stmt_column_text (stmt, 7), "cancelled") == 0
                        ? YRS_API_RESERVATION_CANCELLED : YRS_API_RESERVATION_CONFIRMED;
      g_ptr_array_add (answer->bookings, booking);
    }
  return rc == YRS_DB_DONE;
}

YrsResponse *
_yrs_lookup_post (YrsRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse_body (request, &error);
  g_autoptr(YrsApiLookupRequest) body = NULL;
  g_autoptr(YrsApiLookupResponse) answer = NULL;
  g_autoptr(JsonNode) out = NULL;
  g_autofree char *ref_key = NULL;
  g_autofree char *token_hash = NULL;
  Found found = { 0 };
  gboolean match;
  gint64 now = now_ms ();
  gint64 wait;
  YrsResponse *early;

  if (node != NULL)
    body = yrs_api_lookup_request_from_json (node, &error);
  if (body == NULL)
    return bad_request (error);
  if (request->principal.name == NULL)
    return _yrs_response_new_error (403, YRS_API_PROBLEM_FORBIDDEN, "Forbidden", "This needs a device.");

  ref_key = reference_key (request, body->reference);
  /* Paused: not even looked at. */
  if ((wait = wait_ms (request, ref_key, now, FALSE)) > 0)
    {
      gint64 last;

      return paused_response (request, wait,
                              failures_of (request->db, "device", request->principal.name, now,
                                           FALSE, &last));
    }

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  /* Again inside the transaction, the counters' rows locked: a try that
   * waited on another's failure is paused by it. */
  now = now_ms ();
  if ((wait = wait_ms (request, ref_key, now, TRUE)) > 0)
    {
      gint64 last;

      return paused_response (request, wait,
                              failures_of (request->db, "device", request->principal.name, now,
                                           FALSE, &last));
    }

  match = find_reference (request->db, body->reference, now / 1000, &found) &&
          same_text (found.birth_on, body->birth_on);
  if (!match)
    {
      int device = count_failure (request->db, "device", request->principal.name, now);
      int reference = count_failure (request->db, "reference", ref_key, now);
      YrsResponse *response;

      found_clear (&found);
      if (pause_ms (device, DEVICE_FREE_TRIES) > 0 || pause_ms (reference, REF_FREE_TRIES) > 0)
        return paused_response (request, MAX (pause_ms (device, DEVICE_FREE_TRIES),
                                              pause_ms (reference, REF_FREE_TRIES)),
                                MAX (device, reference));
      /* The same answer for an unknown reference and a wrong date. */
      response = _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND, "No match",
                                          "Nothing matches this reference and date of birth.");
      response->store = FALSE;
      response->delay_ms = MIN (MAX_DELAY_MS, FIRST_DELAY_MS << MIN (MAX (device, reference) - 1, 4));
      return response;
    }

  clear_failures (request->db, "device", request->principal.name);
  clear_failures (request->db, "reference", ref_key);

  answer = yrs_api_lookup_response_new ();
  answer->reference = g_strdup (body->reference);
  answer->kind = g_strdup (found.kind);
  answer->status = g_strdup (found.status);
  answer->reason = g_strdup (found.reason);
  answer->programme = g_strdup (found.programme);
  answer->registration = g_strdup (found.registration);
  answer->can_book = found.registration != NULL && found.approve_unix >= 0 &&
                     found.approve_unix <= now / 1000;
  answer->token = _yrs_auth_new_token ();
  answer->expires_at = _yrs_now_rfc3339 (now / 1000 + TOKEN_SECONDS);
  token_hash = _yrs_auth_hash_token (answer->token);
  if (found.registration != NULL && !add_bookings (request->db, &found, answer))
    {
      found_clear (&found);
      return internal_error (request->db);
    }
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db, "INSERT INTO lookup_tokens (token_hash, reference, registration, "
                                    "reservation, device, expires_unix) VALUES (?, ?, ?, ?, ?, ?)");

    _yrs_db_bind_texts (stmt, token_hash, body->reference, NULL);
    if (found.registration != NULL)
      _yrs_stmt_bind_text (stmt, 3, found.registration);
    if (found.reservation != NULL)
      _yrs_stmt_bind_text (stmt, 4, found.reservation);
    _yrs_stmt_bind_text (stmt, 5, request->principal.name);
    _yrs_stmt_bind_int64 (stmt, 6, now / 1000 + TOKEN_SECONDS);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      {
        found_clear (&found);
        return internal_error (request->db);
      }
  }
  found_clear (&found);

  out = yrs_api_lookup_response_to_json (answer);
  {
    YrsResponse *response = _yrs_response_new_json (200, out);

    response->store = FALSE;   /* a live token */
    return response;
  }
}

/* Tokens */

/* The live token of this device: the registration and the reservation it
 * names (either may be NULL). */
static gboolean
token_scope (YrsRequest *request,
             const char *token,
             char      **registration,
             char      **reservation)
{
  g_autofree char *hash = NULL;
  g_autoptr(YrsStmt) stmt = NULL;

  *registration = NULL;
  *reservation = NULL;
  if (token == NULL || request->principal.name == NULL)
    return FALSE;
  hash = _yrs_auth_hash_token (token);
  stmt = _yrs_db_prepare (request->db, "SELECT registration, reservation FROM lookup_tokens "
                                       "WHERE token_hash = ? AND device = ? AND expires_unix > ?");
  _yrs_db_bind_texts (stmt, hash, request->principal.name, NULL);
  _yrs_stmt_bind_int64 (stmt, 3, now_ms () / 1000);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return FALSE;
  *registration = column_dup (stmt, 0);
  *reservation = column_dup (stmt, 1);
  return TRUE;
}

gboolean
_yrs_lookup_proves_registration (YrsRequest *request,
                                 const char *token,
                                 const char *registration,
                                 gint64     *approve_unix)
{
  g_autofree char *allowed = NULL;
  g_autofree char *reservation = NULL;
  g_autoptr(YrsStmt) stmt = NULL;

  *approve_unix = -1;
  if (!token_scope (request, token, &allowed, &reservation) ||
      g_strcmp0 (allowed, registration) != 0)
    return FALSE;
  /* Locked on PostgreSQL to the end of the booking, as post_reservation
   * locks a registration of its own device. */
  stmt = _yrs_db_prepare_dialect (request->db,
                                  "SELECT approve_unix FROM registrations WHERE id = ?",
                                  "SELECT approve_unix FROM registrations WHERE id = ? FOR UPDATE");
  _yrs_db_bind_texts (stmt, registration, NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return FALSE;
  if (!_yrs_stmt_column_is_null (stmt, 0))
    *approve_unix = _yrs_stmt_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
_yrs_lookup_set_birth_on (YrsDb    *db,
                          const char *registration,
                          const char *birth_on)
{
  g_autoptr(YrsStmt) stmt = NULL;

  if (birth_on == NULL)
    return TRUE;
  stmt = _yrs_db_prepare (db, "UPDATE registrations SET birth_on = ? WHERE id = ?");
  _yrs_db_bind_texts (stmt, birth_on, registration, NULL);
  return _yrs_stmt_step (stmt) == YRS_DB_DONE;
}

/* POST /v1/reservations/{id}/cancel */
YrsResponse *
_yrs_lookup_cancel (YrsRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse_body (request, &error);
  g_autoptr(YrsApiCancelRequest) body = NULL;
  g_autoptr(YrsApiReservationResponse) answer = NULL;
  g_autoptr(JsonNode) out = NULL;
  g_autofree char *allowed_registration = NULL;
  g_autofree char *allowed_reservation = NULL;
  g_autoptr(YrsStmt) stmt = NULL;
  const char *id = request->params[0];
  gboolean own, proved, confirmed;
  YrsResponse *early;

  if (node != NULL)
    body = yrs_api_cancel_request_from_json (node, &error);
  if (body == NULL)
    return bad_request (error);
  if (!yrs_api_is_valid_id (id))
    return _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND, "Not found",
                                    "There is no such reservation.");

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  token_scope (request, body->lookup_token, &allowed_registration, &allowed_reservation);
  stmt = _yrs_db_prepare (request->db,
                          "SELECT v.id, v.reference, v.slot, v.registration, v.status, "
                          "v.owner = :me OR (:staff AND (:ward IS NULL OR r.ward = :ward)) "
                          "FROM reservations v LEFT JOIN registrations r ON r.id = v.registration "
                          "WHERE v.id = :id OR v.reference = :id");
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":id"), id);
  _yrs_request_bind_principal (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND, "Not found",
                                    "There is no such reservation.");
  own = _yrs_stmt_column_int (stmt, 5) != 0;
  proved = (allowed_reservation != NULL &&
            g_strcmp0 (allowed_reservation, _yrs_stmt_column_text (stmt, 0)) == 0) ||
           (allowed_reservation == NULL && allowed_registration != NULL &&
            g_strcmp0 (allowed_registration, _yrs_stmt_column_text (stmt, 3)) == 0);
  /* Another device's booking, unproved, is "no such reservation". */
  if (!own && !proved)
    return _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND, "Not found",
                                    "There is no such reservation.");

  answer = yrs_api_reservation_response_new ();
  answer->id = column_dup (stmt, 0);
  answer->reference = column_dup (stmt, 1);
  answer->slot = column_dup (stmt, 2);
  answer->registration = column_dup (stmt, 3);
  confirmed = g_strcmp0 (_yrs_stmt_column_text (stmt, 4), "confirmed") == 0;
  g_clear_pointer (&stmt, _yrs_stmt_finalize);

  if (confirmed)
    {
      /* Conditional, as delete_reservation: of two cancellations at once
       * (two instances), one changes the row and frees the place. */
      g_autoptr(YrsStmt) cancel =
        _yrs_db_prepare (request->db, "UPDATE reservations SET status = 'cancelled', updated_unix = ? "
                                      "WHERE id = ? AND status = 'confirmed'");
      g_autoptr(YrsStmt) free_place =
        _yrs_db_prepare (request->db, "UPDATE slots SET booked = booked - 1, revision = ? "
                                      "WHERE id = ? AND booked > 0");

      _yrs_stmt_bind_int64 (cancel, 1, now_ms () / 1000);
      _yrs_stmt_bind_text (cancel, 2, answer->id);
      if (_yrs_stmt_step (cancel) != YRS_DB_DONE)
        return internal_error (request->db);
      if (_yrs_db_changes (request->db) == 1)
        {
          _yrs_stmt_bind_int64 (free_place, 1, _yrs_db_next_revision (request->db));
          _yrs_stmt_bind_text (free_place, 2, answer->slot);
          if (_yrs_stmt_step (free_place) != YRS_DB_DONE)
            return internal_error (request->db);
        }
    }
  answer->status = YRS_API_RESERVATION_CANCELLED;
  out = yrs_api_reservation_response_to_json (answer);
  return _yrs_response_new_json (200, out);
}
