/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The routes of the central API (data/api/openapi.yaml), run in worker
 * threads, on either storage backend (yrs-server-store.h). Each write
 * takes one write transaction through _yrs_request_begin(), which also
 * claims the request's Idempotency-Key; a place in a slot is taken by a
 * conditional UPDATE in that transaction. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <string.h>

#include "yrs-date.h"
#include "yrs-server-private.h"
#include "yrs-server-seal.h"

#define DEFAULT_PAGE   1000
#define MAX_PAGE       5000
#define N_ALTERNATIVES 5

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static YrsResponse *
bad_parameter (const char *name,
               const char *code,
               const char *detail)
{
  g_autoptr(YrsApiProblem) problem =
    yrs_api_problem_new_full (400, YRS_API_PROBLEM_BAD_REQUEST, "Bad request", detail);

  g_ptr_array_add (problem->errors, yrs_api_field_error_new (name, code));
  return _yrs_response_new_problem (problem);
}

static YrsResponse *
invalid_field (const char *field,
               const char *code,
               const char *detail)
{
  g_autoptr(YrsApiProblem) problem =
    yrs_api_problem_new_full (422, YRS_API_PROBLEM_VALIDATION, "Invalid fields", detail);

  g_ptr_array_add (problem->errors, yrs_api_field_error_new (field, code));
  return _yrs_response_new_problem (problem);
}

static YrsResponse *
not_found (const char *detail)
{
  return _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND, "Not found", detail);
}

static YrsResponse *
internal_error (YrsDb *db)
{
  _yrs_server_count_db_error ();
  g_warning ("database: %s", _yrs_db_errmsg (db));
  return _yrs_response_new_error (500, YRS_API_PROBLEM_INTERNAL, "Internal error", NULL);
}

static JsonNode *
decode_body (YrsRequest *request,
             GError    **error)
{
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;

  if (data == NULL || length == 0)
    {
      g_set_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED,
                   "body: empty");
      return NULL;
    }
  return yrs_api_parse (data, length, error);
}

#define DECODE(Type, name, request, var)                                   \
  g_autoptr(Type) var = NULL;                                              \
  {                                                                        \
    g_autoptr(GError) decode_error = NULL;                                 \
    g_autoptr(JsonNode) decode_node = decode_body (request, &decode_error); \
                                                                           \
    /* Personal members sealed to the city's key (yrs-server-seal.c). */  \
    if (decode_node != NULL &&                                             \
        _yrs_server_seal_open_node (decode_node, &decode_error))           \
      var = yrs_api_##name##_from_json (decode_node, &decode_error);       \
    if (var == NULL)                                                       \
      return _yrs_response_new_decode_error (decode_error);                \
  }

/* Ownership */

void
_yrs_request_bind_principal (YrsRequest   *request,
                             YrsStmt *stmt)
{
  int me = _yrs_stmt_parameter_index (stmt, ":me");
  int staff = _yrs_stmt_parameter_index (stmt, ":staff");
  int ward = _yrs_stmt_parameter_index (stmt, ":ward");

  if (me > 0)
    _yrs_stmt_bind_text (stmt, me, request->principal.name != NULL ? request->principal.name : "");
  if (staff > 0)
    _yrs_stmt_bind_int (stmt, staff, request->principal.kind == YRS_AUTH_STAFF);
  if (ward > 0 && request->principal.ward != NULL)
    _yrs_stmt_bind_text (stmt, ward, request->principal.ward);
}

/* A registration r the principal may see and act on. */
#define VISIBLE_REGISTRATION \
  "(r.owner = :me OR (:staff AND (:ward IS NULL OR r.ward = :ward)))"
/* A reservation v (of registration r, LEFT JOINed). */
#define VISIBLE_RESERVATION \
  "(v.owner = :me OR (:staff AND (:ward IS NULL OR r.ward = :ward)))"
/* An application a: its maker, or city-wide staff. */
#define VISIBLE_APPLICATION \
  "(a.owner = :me OR (:staff AND :ward IS NULL))"

/* GET /v1/catalog */

static gboolean
etag_matches (const char *header,
              const char *etag)
{
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;
  parts = g_strsplit (header, ",", 64);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "W/"))
        p += 2;
      if (strcmp (p, "*") == 0 || strcmp (p, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

static YrsResponse *
get_catalog (YrsRequest *request)
{
  const char *etag;
  gsize length;
  const char *data = _yrs_server_get_catalog_bytes (request->server, &length, &etag);
  YrsResponse *response;

  if (etag_matches (request->if_none_match, etag))
    response = _yrs_response_new (304);
  else
    {
      response = _yrs_response_new (200);
      response->content_type = g_strdup ("application/json");
      response->body = g_bytes_new_static (data, length);
    }
  _yrs_response_add_header (response, "ETag", etag);
  return response;
}

/* GET /v1/facilities */

static YrsResponse *
get_facilities (YrsRequest *request)
{
  YrsApiFacilityList list = { _yrs_server_get_facilities (request->server) };
  g_autoptr(JsonNode) node = yrs_api_facility_list_to_json (&list);

  return _yrs_response_new_json (200, node);
}

/* GET /v1/slots */

static gboolean
parse_day_start (const char *text,
                 gint64     *out)
{
  YrsDate date;
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) dt = NULL;

  if (!yrs_api_is_valid_date (text) || !yrs_date_parse_iso (text, &date, NULL))
    return FALSE;
  dt = g_date_time_new (jst, date.year, date.month, date.day, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static YrsResponse *
get_slots (YrsRequest *request)
{
  const char *facility = request->query ? g_hash_table_lookup (request->query, "facility") : NULL;
  const char *from = request->query ? g_hash_table_lookup (request->query, "from") : NULL;
  const char *to = request->query ? g_hash_table_lookup (request->query, "to") : NULL;
  const char *since = request->query ? g_hash_table_lookup (request->query, "since") : NULL;
  const char *limit_text = request->query ? g_hash_table_lookup (request->query, "limit") : NULL;
  gint64 from_unix = G_MININT64, to_unix = G_MAXINT64, since_rev = 0, limit = DEFAULT_PAGE;
  g_autoptr(YrsApiSlotPage) page = yrs_api_slot_page_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *current = NULL;
  gint64 last = 0;

  if (facility != NULL && !yrs_api_is_valid_id (facility))
    return bad_parameter ("facility", "format", "facility: not a facility id");
  if (from != NULL && !parse_day_start (from, &from_unix))
    return bad_parameter ("from", "format", "from: not a date like 2025-06-01");
  if (to != NULL && !parse_day_start (to, &to_unix))
    return bad_parameter ("to", "format", "to: not a date like 2025-06-01");
  if (to != NULL)
    to_unix += 24 * 3600;   /* "to" is inclusive */
  if (since != NULL &&
      (strlen (since) == 0 || strlen (since) > 18 ||
       strspn (since, "0123456789") != strlen (since)))
    return bad_parameter ("since", "format", "since: not a cursor from this server");
  if (since != NULL)
    since_rev = g_ascii_strtoll (since, NULL, 10);
  if (limit_text != NULL)
    {
      if (strlen (limit_text) == 0 || strlen (limit_text) > 6 ||
          strspn (limit_text, "0123456789") != strlen (limit_text) ||
          (limit = g_ascii_strtoll (limit_text, NULL, 10)) < 1 || limit > MAX_PAGE)
        return bad_parameter ("limit", "range", "limit: between 1 and 5000");
    }

  /* One read transaction: the rows and the cursor come from one snapshot. */
  if (!_yrs_db_begin_read (request->db, NULL))
    return internal_error (request->db);
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db,
                       "SELECT " YRS_DB_SLOT_COLUMNS " FROM slots "
                       "WHERE revision > ?1 AND (?2 IS NULL OR facility = ?2) "
                       "AND starts_unix >= ?3 AND starts_unix < ?4 "
                       "AND (?5 OR deleted = 0) "
                       "ORDER BY revision LIMIT ?6");

    _yrs_stmt_bind_int64 (stmt, 1, since_rev);
    if (facility != NULL)
      _yrs_stmt_bind_text (stmt, 2, facility);
    _yrs_stmt_bind_int64 (stmt, 3, from_unix);
    _yrs_stmt_bind_int64 (stmt, 4, to_unix);
    /* A first listing leaves out deletions; a delta carries them. */
    _yrs_stmt_bind_int (stmt, 5, since != NULL);
    _yrs_stmt_bind_int64 (stmt, 6, limit + 1);
    while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        YrsApiSlot *slot;

        if ((gint64) page->slots->len == limit)
          {
            page->has_more = TRUE;
            break;
          }
        slot = _yrs_db_slot_from_row (stmt);
        last = slot->revision;
        g_ptr_array_add (page->slots, slot);
      }
  }
  current = _yrs_db_get_meta (request->db, "slot_revision");
  _yrs_db_exec (request->db, "COMMIT;", NULL);
  if (current == NULL)
    return internal_error (request->db);

  page->cursor = page->has_more
                 ? g_strdup_printf ("%" G_GINT64_FORMAT, last)
                 : g_strdup_printf ("%" G_GINT64_FORMAT,
                                    MAX (since_rev, g_ascii_strtoll (current, NULL, 10)));
  node = yrs_api_slot_page_to_json (page);
  return _yrs_response_new_json (200, node);
}

/* POST /v1/slots, DELETE /v1/slots/{id} (staff) */

static const YrsApiFacility *
find_facility (YrsServer  *server,
               const char *id)
{
  GPtrArray *facilities = _yrs_server_get_facilities (server);

  for (guint i = 0; i < facilities->len; i++)
    {
      const YrsApiFacility *f = g_ptr_array_index (facilities, i);

      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static YrsResponse *
post_slot (YrsRequest *request)
{
  DECODE (YrsApiSlotRequest, slot_request, request, body);
  const YrsApiFacility *facility = find_facility (request->server, body->facility);
  g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (body->starts_at, NULL);
  g_autofree char *id = NULL;
  g_autoptr(YrsApiSlot) existing = NULL;
  g_autoptr(YrsApiSlot) slot = NULL;
  g_autoptr(JsonNode) node = NULL;
  YrsResponse *early;
  gint64 revision;

  if (facility == NULL)
    return invalid_field ("facility", "unknown", "facility: no such facility");
  if (!(facility->kinds & (1u << body->kind)))
    return invalid_field ("kind", "not_offered", "kind: not offered by this facility");

  if (body->id != NULL)
    id = g_strdup (body->id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      id = g_strconcat ("slot-", uuid, NULL);
    }
  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  /* The revision first: its row lock orders slot writes at every
   * instance, so the look for an existing id below sees any slot
   * committed before (PostgreSQL reads committed rows per statement). */
  revision = _yrs_db_next_revision (request->db);
  existing = _yrs_db_get_slot (request->db, id);
  if (existing != NULL)
    return invalid_field ("id", "exists", "id: a slot with this id exists");
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db,
                       "INSERT INTO slots (id, facility, kind, starts_at, ends_at, "
                       "starts_unix, capacity, booked, revision, deleted) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0)");

    _yrs_db_bind_texts (stmt, id, body->facility, yrs_api_kind_to_string (body->kind),
                        body->starts_at, body->ends_at, NULL);
    _yrs_stmt_bind_int64 (stmt, 6, g_date_time_to_unix (starts));
    _yrs_stmt_bind_int64 (stmt, 7, body->capacity);
    _yrs_stmt_bind_int64 (stmt, 8, revision);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  slot = _yrs_db_get_slot (request->db, id);
  node = yrs_api_slot_to_json (slot);
  return _yrs_response_new_json (201, node);
}

static YrsResponse *
delete_slot (YrsRequest *request)
{
  g_autoptr(YrsApiSlot) slot = NULL;
  g_autoptr(JsonNode) node = NULL;
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  slot = _yrs_db_get_slot (request->db, request->params[0]);
  if (slot == NULL)
    return not_found ("There is no such slot.");
  if (!slot->deleted)
    {
      g_autoptr(YrsStmt) stmt =
        _yrs_db_prepare (request->db, "UPDATE slots SET deleted = 1, revision = ? WHERE id = ?");

      _yrs_stmt_bind_int64 (stmt, 1, _yrs_db_next_revision (request->db));
      _yrs_stmt_bind_text (stmt, 2, slot->id);
      if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
        return internal_error (request->db);
      g_clear_pointer (&slot, yrs_api_slot_free);
      slot = _yrs_db_get_slot (request->db, request->params[0]);
    }
  node = yrs_api_slot_to_json (slot);
  return _yrs_response_new_json (200, node);
}

/* Registrations */

static YrsResponse *
registration_response (YrsRequest *request,
                       const char *id,
                       guint       status)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (request->db, "SELECT id, reference, approve_unix, declined_unix "
                                  "FROM registrations r "
                                  "WHERE id = :id AND " VISIBLE_REGISTRATION);
  g_autoptr(YrsApiRegistrationResponse) answer = yrs_api_registration_response_new ();
  g_autoptr(JsonNode) node = NULL;

  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":id"), id);
  _yrs_request_bind_principal (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return not_found ("There is no such registration.");
  answer->id = g_strdup (_yrs_stmt_column_text (stmt, 0));
  answer->reference = g_strdup (_yrs_stmt_column_text (stmt, 1));
  answer->status = !_yrs_stmt_column_is_null (stmt, 3) ? YRS_API_REGISTRATION_DECLINED
                   : !_yrs_stmt_column_is_null (stmt, 2) &&
                   _yrs_stmt_column_int64 (stmt, 2) <= now_unix ()
                   ? YRS_API_REGISTRATION_APPROVED : YRS_API_REGISTRATION_PENDING;
  node = yrs_api_registration_response_to_json (answer);
  return _yrs_response_new_json (status, node);
}

static YrsResponse *
post_registration (YrsRequest *request)
{
  DECODE (YrsApiRegistrationRequest, registration_request, request, body);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("reg-", uuid, NULL);
  g_autofree char *reference = _yrs_auth_new_reference ("REG");
  int approve_after = _yrs_server_get_approve_after (request->server);
  gint64 now = now_unix ();
  YrsResponse *early;
  /* The ward from the postal code in the opened payload when the device
   * sent one (issue 17), else the ward it declared. */
  g_autofree char *ward = _yrs_visit_ward_for_postal_code (request->server, body->postal_code);

  if (ward == NULL)
    ward = g_strdup (body->ward);

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db,
                       "INSERT INTO registrations (id, reference, name, name_kana, phone, "
                       "child_born_on, due_on, ward, tax_exempt, public_assistance, "
                       "created_unix, approve_unix, approved_by, updated_unix, owner) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)");

    _yrs_db_bind_texts (stmt, id, reference, body->name, body->name_kana, body->phone, NULL);
    if (body->child_born_on != NULL)
      _yrs_stmt_bind_text (stmt, 6, body->child_born_on);
    if (body->due_on != NULL)
      _yrs_stmt_bind_text (stmt, 7, body->due_on);
    if (ward != NULL)
      _yrs_stmt_bind_text (stmt, 8, ward);
    _yrs_stmt_bind_int (stmt, 9, body->tax_exempt);
    _yrs_stmt_bind_int (stmt, 10, body->public_assistance);
    _yrs_stmt_bind_int64 (stmt, 11, now);
    if (approve_after >= 0)
      _yrs_stmt_bind_int64 (stmt, 12, now + approve_after);
    _yrs_stmt_bind_int64 (stmt, 13, now);
    _yrs_stmt_bind_text (stmt, 14, request->principal.name);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  if (!_yrs_lookup_set_birth_on (request->db, id, body->birth_on) ||
      !_yrs_visit_add_case_for_registration (request->server, request->db, id, body, body->postal_code, ward,
                                             request->principal.name))
    return internal_error (request->db);
  return registration_response (request, id, 201);
}

static YrsResponse *
get_registration (YrsRequest *request)
{
  return registration_response (request, request->params[0], 200);
}

static YrsResponse *
approve_registration (YrsRequest *request)
{
  g_autoptr(YrsStmt) stmt = NULL;
  gint64 now = now_unix ();
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
#define APPROVE_QUERY(MIN) \
  "UPDATE registrations AS r SET " \
  "approve_unix = " MIN " (COALESCE (approve_unix, :now), :now), " \
  "approved_by = COALESCE (approved_by, :by), updated_unix = :now " \
  "WHERE id = :id AND declined_unix IS NULL AND " VISIBLE_REGISTRATION
  stmt = _yrs_db_prepare_dialect (request->db, APPROVE_QUERY ("MIN"), APPROVE_QUERY ("LEAST"));
#undef APPROVE_QUERY
  _yrs_stmt_bind_int64 (stmt, _yrs_stmt_parameter_index (stmt, ":now"), now);
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":by"), request->principal.id);
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":id"), request->params[0]);
  _yrs_request_bind_principal (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    return internal_error (request->db);
  return registration_response (request, request->params[0], 200);
}

/* Reservations */

static GPtrArray *
find_alternatives (YrsDb          *db,
                   const YrsApiSlot *slot)
{
  GPtrArray *alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_slot_free);
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db,
                     "SELECT " YRS_DB_SLOT_COLUMNS " FROM slots, "
                     "  (SELECT starts_unix AS t FROM slots WHERE id = ?1) AS ref "
                     "WHERE kind = ?2 AND deleted = 0 AND booked < capacity "
                     "AND id <> ?1 AND starts_unix >= ?3 "
                     "ORDER BY ABS (starts_unix - ref.t) / 86400, facility <> ?4, "
                     "ABS (starts_unix - ref.t), id LIMIT ?5");

  _yrs_db_bind_texts (stmt, slot->id, yrs_api_kind_to_string (slot->kind), NULL);
  _yrs_stmt_bind_int64 (stmt, 3, now_unix ());
  _yrs_stmt_bind_text (stmt, 4, slot->facility);
  _yrs_stmt_bind_int (stmt, 5, N_ALTERNATIVES);
  while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
    g_ptr_array_add (alternatives, _yrs_db_slot_from_row (stmt));
  return alternatives;
}

static YrsResponse *
slot_conflict (YrsDb          *db,
               const YrsApiSlot *slot,
               const char       *type,
               const char       *title,
               const char       *detail)
{
  g_autoptr(YrsApiProblem) problem = yrs_api_problem_new_full (409, type, title, detail);

  g_clear_pointer (&problem->alternatives, g_ptr_array_unref);
  problem->alternatives = find_alternatives (db, slot);
  return _yrs_response_new_problem (problem);
}

static YrsResponse *
reservation_response (YrsDb    *db,
                      const char *id,
                      guint       status)
{
  /* Only called for a reservation the principal was shown to own. */
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT id, reference, slot, registration, status "
                         "FROM reservations WHERE id = ?");
  g_autoptr(YrsApiReservationResponse) answer = yrs_api_reservation_response_new ();
  g_autoptr(JsonNode) node = NULL;

  _yrs_db_bind_texts (stmt, id, NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return not_found ("There is no such reservation.");
  answer->id = g_strdup (_yrs_stmt_column_text (stmt, 0));
  answer->reference = g_strdup (_yrs_stmt_column_text (stmt, 1));
  answer->slot = g_strdup (_yrs_stmt_column_text (stmt, 2));
  answer->registration = g_strdup (_yrs_stmt_column_text (stmt, 3));
  answer->status = g_strcmp0 (_yrs_stmt_column_text (stmt, 4), "cancelled") == 0
                   ? YRS_API_RESERVATION_CANCELLED : YRS_API_RESERVATION_CONFIRMED;
  node = yrs_api_reservation_response_to_json (answer);
  return _yrs_response_new_json (status, node);
}

static YrsResponse *
post_reservation (YrsRequest *request)
{
  DECODE (YrsApiReservationRequest, reservation_request, request, body);
  g_autoptr(YrsApiSlot) slot = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("rsv-", uuid, NULL);
  g_autofree char *reference = _yrs_auth_new_reference ("RSV");
  gint64 now = now_unix ();
  YrsResponse *early;
  gint64 approve_unix = -1;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;

  {
    g_autoptr(YrsStmt) stmt =
      /* On PostgreSQL the registration's row is locked to the end of the
       * booking: two bookings of one registration at two instances are
       * counted one after the other against max_active_bookings. */
      _yrs_db_prepare_dialect (request->db,
                               "SELECT approve_unix FROM registrations r "
                               "WHERE id = :id AND " VISIBLE_REGISTRATION,
                               "SELECT approve_unix FROM registrations r "
                               "WHERE id = :id AND " VISIBLE_REGISTRATION " FOR UPDATE");

    _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":id"), body->registration);
    _yrs_request_bind_principal (request, stmt);
    /* Another device's registration is "no such registration" too,
     * unless a lookup of its reference proved it (yrs-server-lookup.c,
     * which locks the row on PostgreSQL as well). */
    if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        if (!_yrs_stmt_column_is_null (stmt, 0))
          approve_unix = _yrs_stmt_column_int64 (stmt, 0);
      }
    else if (!_yrs_lookup_proves_registration (request, body->lookup_token,
                                               body->registration, &approve_unix))
      return invalid_field ("registration", "unknown", "registration: no such registration");
  }
  slot = _yrs_db_get_slot (request->db, body->slot);
  if (slot == NULL)
    return invalid_field ("slot", "unknown", "slot: no such slot");
  if (approve_unix < 0 || approve_unix > now)
    {
      /* "Not yet" rather than "no": the client sends the same key again
       * later, and then it must be booked, so this answer is not kept
       * for the key. */
      YrsResponse *pending = _yrs_response_new_error (409, YRS_API_PROBLEM_REGISTRATION_PENDING,
                                                      "Registration not yet approved",
                                                      "The city has not approved this registration yet.");

      pending->store = FALSE;
      return pending;
    }
  if (slot->deleted)
    return slot_conflict (request->db, slot, YRS_API_PROBLEM_SLOT_UNAVAILABLE,
                          "Slot no longer offered", "This slot was withdrawn.");
  {
    g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (slot->starts_at, NULL);

    if (starts == NULL || g_date_time_to_unix (starts) <= now)
      return slot_conflict (request->db, slot, YRS_API_PROBLEM_SLOT_UNAVAILABLE,
                            "Slot has begun", "This slot has already begun.");
  }
  if (slot->booked >= slot->capacity)
    return slot_conflict (request->db, slot, YRS_API_PROBLEM_SLOT_FULL,
                          "Slot full", "Every place in this slot is taken.");
  {
    /* The catalogue's limit on one registration's bookings that have not
     * begun yet (postpartum_care.max_active_bookings). */
    gint64 limit = _yrs_server_get_max_active_bookings (request->server);
    g_autoptr(YrsStmt) active =
      _yrs_db_prepare (request->db,
                       "SELECT count(*) FROM reservations v JOIN slots s ON s.id = v.slot "
                       "WHERE v.registration = ? AND v.status = 'confirmed' "
                       "AND s.starts_unix > ?");

    _yrs_db_bind_texts (active, body->registration, NULL);
    _yrs_stmt_bind_int64 (active, 2, now);
    if (limit >= 0 && _yrs_stmt_step (active) == YRS_DB_ROW &&
        _yrs_stmt_column_int64 (active, 0) >= limit)
      {
        g_autofree char *detail =
          g_strdup_printf ("registration: already %" G_GINT64_FORMAT " bookings to come, "
                           "the most one registration may hold", limit);

        return invalid_field ("registration", "booking_limit", detail);
      }
  }

  {
    g_autoptr(YrsStmt) book =
      _yrs_db_prepare (request->db,
                       "UPDATE slots SET booked = booked + 1, revision = ? "
                       "WHERE id = ? AND booked < capacity AND deleted = 0");
    g_autoptr(YrsStmt) insert =
      _yrs_db_prepare (request->db,
                       "INSERT INTO reservations (id, reference, registration, slot, "
                       "status, created_unix, updated_unix, owner) "
                       "VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?)");

    _yrs_stmt_bind_int64 (book, 1, _yrs_db_next_revision (request->db));
    _yrs_stmt_bind_text (book, 2, slot->id);
    if (_yrs_stmt_step (book) != YRS_DB_DONE)
      return internal_error (request->db);
    /* The place is taken here, by this conditional update, in the same
     * transaction as the reservation: whatever was read above, no row
     * changed means another booking (at any instance) took the last
     * place. The CHECK (booked <= capacity) is the last guard. */
    if (_yrs_db_changes (request->db) != 1)
      return slot_conflict (request->db, slot, YRS_API_PROBLEM_SLOT_FULL,
                            "Slot full", "Every place in this slot is taken.");

    _yrs_db_bind_texts (insert, id, reference, body->registration, slot->id, NULL);
    _yrs_stmt_bind_int64 (insert, 5, now);
    _yrs_stmt_bind_int64 (insert, 6, now);
    _yrs_stmt_bind_text (insert, 7, request->principal.name);
    if (_yrs_stmt_step (insert) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  return reservation_response (request->db, id, 201);
}

static YrsResponse *
delete_reservation (YrsRequest *request)
{
  g_autoptr(YrsStmt) stmt = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *id = NULL;
  gboolean confirmed;
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  /* A reservation is named by its ID or by the reference on the person's
   * receipt (all a device may have of a booking it made offline). */
  stmt = _yrs_db_prepare (request->db,
                          "SELECT v.slot, v.status, v.id FROM reservations v "
                          "LEFT JOIN registrations r ON r.id = v.registration "
                          "WHERE (v.id = :id OR v.reference = :id) AND " VISIBLE_RESERVATION);
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":id"), request->params[0]);
  _yrs_request_bind_principal (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return not_found ("There is no such reservation.");
  slot = g_strdup (_yrs_stmt_column_text (stmt, 0));
  confirmed = g_strcmp0 (_yrs_stmt_column_text (stmt, 1), "confirmed") == 0;
  id = g_strdup (_yrs_stmt_column_text (stmt, 2));

  if (confirmed)
    {
      /* Conditional, as a booking: of two cancellations at once (two
       * instances), one changes the row and frees the place. */
      g_autoptr(YrsStmt) cancel =
        _yrs_db_prepare (request->db,
                         "UPDATE reservations SET status = 'cancelled', updated_unix = ? "
                         "WHERE id = ? AND status = 'confirmed'");
      g_autoptr(YrsStmt) free_place =
        _yrs_db_prepare (request->db,
                         "UPDATE slots SET booked = booked - 1, revision = ? "
                         "WHERE id = ? AND booked > 0");

      _yrs_stmt_bind_int64 (cancel, 1, now_unix ());
      _yrs_stmt_bind_text (cancel, 2, id);
      _yrs_stmt_bind_int64 (free_place, 1, _yrs_db_next_revision (request->db));
      _yrs_stmt_bind_text (free_place, 2, slot);
      if (_yrs_stmt_step (cancel) != YRS_DB_DONE)
        return internal_error (request->db);
      if (_yrs_db_changes (request->db) == 1 &&
          _yrs_stmt_step (free_place) != YRS_DB_DONE)
        return internal_error (request->db);
    }
  return reservation_response (request->db, id, 200);
}

/* Applications */

static YrsResponse *
post_application (YrsRequest *request)
{
  DECODE (YrsApiApplicationRequest, application_request, request, body);
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(YrsApiApplicationResponse) answer = yrs_api_application_response_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *fields = NULL;
  YrsResponse *early;
  gint64 now = now_unix ();

  if (!_yrs_server_knows_programme (request->server, body->programme))
    return invalid_field ("programme", "unknown", "programme: not in the catalogue");
  if (!yrs_api_application_request_validate (body, errors))
    {
      g_autoptr(YrsApiProblem) problem =
        yrs_api_problem_new_full (422, YRS_API_PROBLEM_VALIDATION, "Invalid fields", NULL);

      g_ptr_array_extend_and_steal (problem->errors, g_steal_pointer (&errors));
      return _yrs_response_new_problem (problem);
    }

  {
    JsonNode *fields_node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (fields_node, body->fields);
    fields = yrs_api_node_to_string (fields_node);
    json_node_unref (fields_node);
  }

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  answer->reference = _yrs_auth_new_reference ("APP");
  /* A support payment is paid with its consultation (issue 17). */
  answer->status = g_strdup (_yrs_visit_is_support_payment (body->programme)
                             ? "waiting_for_consultation" : "received");
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db,
                       "INSERT INTO applications (reference, programme, fields, status, "
                       "created_unix, updated_unix, owner) VALUES (?, ?, ?, ?, ?, ?, ?)");

    _yrs_db_bind_texts (stmt, answer->reference, body->programme, fields, answer->status, NULL);
    _yrs_stmt_bind_int64 (stmt, 5, now);
    _yrs_stmt_bind_int64 (stmt, 6, now);
    _yrs_stmt_bind_text (stmt, 7, request->principal.name);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  if (_yrs_visit_is_support_payment (body->programme) &&
      !_yrs_visit_add_case_for_application (request->server, request->db, answer->reference,
                                            body->programme,
                                            body->fields, request->principal.name))
    return internal_error (request->db);
  node = yrs_api_application_response_to_json (answer);
  return _yrs_response_new_json (201, node);
}

/* GET /v1/submissions/{reference} */

static YrsResponse *
get_submission (YrsRequest *request)
{
  const char *reference = request->params[0];
  g_autoptr(YrsStmt) stmt = NULL;
  g_autoptr(YrsApiSubmissionStatus) answer = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!yrs_api_is_valid_id (reference))
    return not_found ("There is no submission with this reference.");

#define SUBMISSION_QUERY(GREATER, LESSER) \
  "SELECT 'application', status, updated_unix, NULL FROM applications a " \
  "WHERE reference = :ref AND " VISIBLE_APPLICATION " " \
  "UNION ALL SELECT 'registration', " \
  "CASE WHEN declined_unix IS NOT NULL THEN 'declined' " \
  "WHEN approve_unix IS NOT NULL AND approve_unix <= :now " \
  "THEN 'approved' ELSE 'pending' END, " \
  GREATER " (updated_unix, COALESCE (" LESSER " (approve_unix, :now), 0)), decline_reason " \
  "FROM registrations r WHERE reference = :ref AND " VISIBLE_REGISTRATION " " \
  "UNION ALL SELECT 'reservation', v.status, v.updated_unix, NULL " \
  "FROM reservations v LEFT JOIN registrations r ON r.id = v.registration " \
  "WHERE v.reference = :ref AND " VISIBLE_RESERVATION
  stmt = _yrs_db_prepare_dialect (request->db, SUBMISSION_QUERY ("MAX", "MIN"),
                                  SUBMISSION_QUERY ("GREATEST", "LEAST"));
#undef SUBMISSION_QUERY
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, ":ref"), reference);
  _yrs_stmt_bind_int64 (stmt, _yrs_stmt_parameter_index (stmt, ":now"), now_unix ());
  _yrs_request_bind_principal (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return not_found ("There is no submission with this reference.");

  answer = yrs_api_submission_status_new ();
  answer->reference = g_strdup (reference);
  answer->kind = g_strdup (_yrs_stmt_column_text (stmt, 0));
  answer->status = g_strdup (_yrs_stmt_column_text (stmt, 1));
  answer->updated_at = _yrs_now_rfc3339 (_yrs_stmt_column_int64 (stmt, 2));
  if (!_yrs_stmt_column_is_null (stmt, 3))
    answer->reason = g_strdup (_yrs_stmt_column_text (stmt, 3));
  node = yrs_api_submission_status_to_json (answer);
  return _yrs_response_new_json (200, node);
}

/* Staff sessions */

static YrsResponse *
post_staff_session (YrsRequest *request)
{
  DECODE (YrsApiStaffSessionRequest, staff_session_request, request, body);

  return _yrs_auth_sign_in (request, body);
}

static YrsResponse *
delete_staff_session (YrsRequest *request)
{
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  /* Ends the session of the token shown; other devices stay signed in. */
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db, "DELETE FROM sessions WHERE token_hash = ?");

    _yrs_db_bind_texts (stmt, request->principal.token_hash, NULL);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  return _yrs_response_new (204);
}

/* POST /v1/staff/password (yrs-server-auth.c) */

static YrsResponse *
post_staff_password (YrsRequest *request)
{
  DECODE (YrsApiPasswordChangeRequest, password_change_request, request, body);

  return _yrs_auth_change_password (request, body);
}

/* GET /v1/health: for the front's health check (loopback or the metrics
 * token). The database must answer a read. */

static YrsResponse *
get_health (YrsRequest *request)
{
  g_autoptr(YrsStmt) stmt = _yrs_db_prepare (request->db, "SELECT count(*) FROM meta");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  gboolean ok = _yrs_stmt_step (stmt) == YRS_DB_ROW;

  if (!ok)
    {
      _yrs_server_count_db_error ();
      g_warning ("health: database: %s", _yrs_db_errmsg (request->db));
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, ok ? "ok" : "unavailable");
  json_builder_set_member_name (b, "database");
  json_builder_add_string_value (b, ok ? "ok" : "error");
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return _yrs_response_new_json (ok ? 200 : 503, node);
}

static const YrsRoute routes[] = {
  /* GET /metrics is answered on the main thread (yrs-server.c). */
  { "GET", "/metrics", NULL, YRS_AUTH_NONE, FALSE, FALSE, FALSE, TRUE },
  { "GET", "/v1/health", get_health, YRS_AUTH_NONE, FALSE, FALSE, FALSE, TRUE },
  { "GET", "/v1/catalog", get_catalog, YRS_AUTH_NONE, FALSE, FALSE },
  { "GET", "/v1/facilities", get_facilities, YRS_AUTH_NONE, FALSE, FALSE },
  { "GET", "/v1/slots", get_slots, YRS_AUTH_NONE, FALSE, FALSE },
  { "POST", "/v1/slots", post_slot, YRS_AUTH_SUPERVISOR, TRUE, TRUE },
  { "DELETE", "/v1/slots/{id}", delete_slot, YRS_AUTH_SUPERVISOR, TRUE, FALSE },
  { "POST", "/v1/registrations", post_registration, YRS_AUTH_DEVICE, TRUE, TRUE },
  { "GET", "/v1/registrations/{id}", get_registration, YRS_AUTH_DEVICE, FALSE, FALSE },
  { "POST", "/v1/registrations/{id}/approve", approve_registration, YRS_AUTH_SUPERVISOR, TRUE, FALSE },
  { "GET", "/v1/registrations", _yrs_visit_get_registrations, YRS_AUTH_SUPERVISOR, FALSE, FALSE },
  { "POST", "/v1/registrations/{id}/decision", _yrs_visit_post_decision, YRS_AUTH_SUPERVISOR, TRUE, TRUE },
  { "GET", "/v1/cases", _yrs_visit_get_cases, YRS_AUTH_STAFF, FALSE, FALSE },
  { "POST", "/v1/cases", _yrs_visit_post_case, YRS_AUTH_STAFF, TRUE, TRUE },
  { "POST", "/v1/consultations", _yrs_visit_post_consultation, YRS_AUTH_STAFF, TRUE, TRUE },
  { "POST", "/v1/screenings", _yrs_visit_post_screening, YRS_AUTH_STAFF, TRUE, TRUE },
  { "POST", "/v1/reservations", post_reservation, YRS_AUTH_DEVICE, TRUE, TRUE },
  { "DELETE", "/v1/reservations/{id}", delete_reservation, YRS_AUTH_DEVICE, TRUE, FALSE },
  { "POST", "/v1/lookups", _yrs_lookup_post, YRS_AUTH_DEVICE, FALSE, TRUE },
  { "POST", "/v1/reservations/{id}/cancel", _yrs_lookup_cancel, YRS_AUTH_DEVICE, TRUE, TRUE },
  { "POST", "/v1/applications", post_application, YRS_AUTH_DEVICE, TRUE, TRUE },
  { "GET", "/v1/submissions/{reference}", get_submission, YRS_AUTH_DEVICE, FALSE, FALSE },
  { "POST", "/v1/staff/sessions", post_staff_session, YRS_AUTH_NONE, TRUE, TRUE, TRUE },
  { "DELETE", "/v1/staff/sessions/current", delete_staff_session, YRS_AUTH_STAFF, TRUE, FALSE },
  { "POST", "/v1/staff/password", post_staff_password, YRS_AUTH_STAFF, TRUE, TRUE, TRUE },
};

const YrsRoute *
_yrs_server_get_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
