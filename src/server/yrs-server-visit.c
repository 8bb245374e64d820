/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The nurse's home visit and the supervisor's queue (issue 17;
 * data/api/openapi.yaml, src/api/yrs-api-visit.h), on either backend:
 *
 * - A case is a family the ward follows. A support-payment application
 *   or a 産後ケア registration that arrives, or a family a nurse adds,
 *   joins the ward's open case of the same family, else makes one (its
 *   ward from the postal code of the opened payload, src/core/yrs-postcode,
 *   or the nurse's). The same family: the mother's kana (NFKC, katakana as
 *   hiragana, no spaces of any width) and her birth date, both equal;
 *   nothing else merges. The case keeps only a keyed hash of the two
 *   (match_key, with the database's family_key), never a clear copy; the
 *   submission fills in the fields the case lacks and overwrites none.
 *   A case is open while it is on a nurse's list (OPEN_CASE); a closed
 *   one is not reopened. GET /v1/cases lists those of the caller's ward
 *   still open: a support payment waiting for its consultation, a
 *   registration pending or declined, or a family a nurse added without a
 *   consultation yet; in pages (limit, after: a cursor the server signs)
 *   in the order they were made.
 * - A consultation record moves the case's support-payment applications
 *   from waiting_for_consultation to ready_to_pay: the pregnancy payment
 *   with the consultation at the notification, the birth payment with the
 *   one after the birth.
 * - A screening (EPDS) is counted again here with src/core/yrs-epds.
 * - A supervisor sees her ward's pending registrations and approves or
 *   declines each once (409 after).
 *
 * Staff sessions only (the route table gives a kiosk's device token 403).
 * Nothing of these bodies is logged: the request log has the route, the
 * status and the time. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "yrs-api-visit.h"
#include "yrs-application-rules.h"
#include "yrs-epds.h"
#include "yrs-family-match.h"
#include "yrs-postcode.h"
#include "yrs-server-private.h"
#include "yrs-server-seal.h"

/* The state of a registration r (:now bound). */
#define PENDING_REGISTRATION \
  "(r.declined_unix IS NULL AND (r.approve_unix IS NULL OR r.approve_unix > :now))"
/* A case c the staff member's ward covers (:ward unbound: city-wide). */
#define VISIBLE_CASE "(:ward IS NULL OR c.ward = :ward)"
/* A case c still on a nurse's list (:now bound); else it is closed (and
 * its personal fields go after the retention days, yrs-server-db.c). */
#define OPEN_CASE \
  "(EXISTS (SELECT 1 FROM applications a WHERE a.case_id = c.id" \
  "         AND a.status = 'waiting_for_consultation')" \
  " OR EXISTS (SELECT 1 FROM registrations r WHERE r.case_id = c.id" \
  "         AND (r.declined_unix IS NOT NULL OR r.approve_unix IS NULL" \
  "              OR r.approve_unix > :now))" \
  " OR (c.added_by_staff = 1 AND NOT EXISTS" \
  "     (SELECT 1 FROM consultations k WHERE k.case_id = c.id)))"

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
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

static YrsResponse *
validation_problem (GPtrArray *errors)
{
  g_autoptr(YrsApiProblem) problem =
    yrs_api_problem_new_full (422, YRS_API_PROBLEM_VALIDATION, "Invalid fields", NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      YrsApiFieldError *fe = g_ptr_array_index (errors, i);

      g_ptr_array_add (problem->errors, yrs_api_field_error_new (fe->field, fe->code));
    }
  return _yrs_response_new_problem (problem);
}

static GPtrArray *
new_errors (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
}

/* The request's JSON body with its sealed members opened, or NULL and
 * *problem (400 malformed or sealed). */
static JsonNode *
open_body (YrsRequest   *request,
           YrsResponse **problem)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;
  g_autoptr(JsonNode) node = NULL;

  if (data == NULL || length == 0)
    g_set_error (&error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED, "body: empty");
  else
    node = yrs_api_parse (data, length, &error);
  if (node != NULL && !_yrs_server_seal_open_node (node, &error))
    g_clear_pointer (&node, json_node_unref);
  if (node == NULL)
    *problem = _yrs_response_new_decode_error (error);
  return g_steal_pointer (&node);
}

/* Decodes the body with decoder (which lists every bad field): NULL and
 * *problem (400 or 422) when it cannot. */
#define DECODE_ALL(Type, decoder, request, var)                             \
  g_autoptr(Type) var = NULL;                                               \
  {                                                                         \
    YrsResponse *decode_problem = NULL;                                     \
    g_autoptr(JsonNode) decode_node = open_body (request, &decode_problem); \
    g_autoptr(GPtrArray) decode_errors = new_errors ();                     \
                                                                            \
    if (decode_node == NULL)                                                \
      return decode_problem;                                                \
    var = decoder (decode_node, decode_errors);                             \
    if (var == NULL)                                                        \
      return validation_problem (decode_errors);                            \
  }

static void
bind_ward (YrsRequest *request,
           YrsStmt    *stmt)
{
  int ward = _yrs_stmt_parameter_index (stmt, ":ward");

  if (ward > 0 && request->principal.ward != NULL)
    _yrs_stmt_bind_text (stmt, ward, request->principal.ward);
}

static void
bind_named_text (YrsStmt    *stmt,
                 const char *name,
                 const char *value)
{
  _yrs_stmt_bind_text (stmt, _yrs_stmt_parameter_index (stmt, name), value);
}

static void
bind_named_int64 (YrsStmt    *stmt,
                  const char *name,
                  gint64      value)
{
  _yrs_stmt_bind_int64 (stmt, _yrs_stmt_parameter_index (stmt, name), value);
}

static char *
column_dup (YrsStmt *stmt,
            int      column)
{
  return _yrs_stmt_column_is_null (stmt, column)
         ? NULL : g_strdup (_yrs_stmt_column_text (stmt, column));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = text != NULL ? yrs_api_parse (text, -1, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return yrs_api_node_to_string (node);
}

/* Wards */

char *
_yrs_visit_ward_for_postal_code (YrsServer  *server,
                                 const char *postal_code)
{
  YrsCatalog *catalog = _yrs_server_get_core_catalog (server);
  guint n = 0;
  const YrsPostcodePlace *places = postal_code != NULL ? yrs_postcode_lookup (postal_code, &n) : NULL;

  /* The town's ward by the postcode table, as the catalogue names it. */
  for (guint i = 0; i < n; i++)
    for (guint w = 0; *places[i].ward != '\0' && w < yrs_catalog_get_n_wards (catalog); w++)
      {
        const YrsWard *ward = yrs_catalog_get_ward (catalog, w);

        if (g_strcmp0 (yrs_ward_get_name (ward, YRS_LANG_JA), places[i].ward) == 0)
          return g_strdup (yrs_ward_get_id (ward));
      }
  /* Else the catalogue's postal prefixes. */
  return g_strdup (yrs_application_ward_for_postal_code (catalog, postal_code));
}

gboolean
_yrs_visit_is_support_payment (const char *programme)
{
  return g_strcmp0 (programme, "support_payment_pregnancy") == 0 ||
         g_strcmp0 (programme, "support_payment_birth") == 0;
}

/* Making cases */

/* The family's match key: a keyed hash (the database's family_key) of
 * the normalised kana and the birth date (src/core/yrs-family-match), in
 * hex; NULL when either is missing (such a family never merges). */
static char *
match_key (YrsServer  *server,
           const char *kana,
           const char *birth_date)
{
  g_autofree char *text = yrs_family_match_text (kana, birth_date);
  guint8 hash[32];
  char hex[65];

  if (text == NULL)
    return NULL;
  crypto_generichash (hash, sizeof hash, (const guint8 *) text, strlen (text),
                      _yrs_server_get_family_key (server), 32);
  explicit_bzero (text, strlen (text));
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* Cases made before match keys (schema 7) get theirs once, from the
 * family they hold (its kana and birth date), so that they too are
 * joined. Inside the set-up's exclusive transaction. */
gboolean
_yrs_visit_add_match_keys (YrsServer *server,
                           YrsDb     *db)
{
  g_autofree char *done = _yrs_db_get_meta (db, "match_keys");
  g_autoptr(YrsStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (g_strcmp0 (done, "1") == 0)
    return TRUE;
  stmt = _yrs_db_prepare (db, "SELECT id, family FROM cases WHERE match_key IS NULL");
  while ((rc = _yrs_stmt_step (stmt)) == YRS_DB_ROW)
    {
      g_autoptr(YrsApiVisitFamily) family =
        yrs_api_visit_family_from_string (_yrs_stmt_column_text (stmt, 1), -1, NULL);
      char *key = family != NULL ? match_key (server, family->kana, family->birth_date) : NULL;

      if (key == NULL)
        continue;
      g_ptr_array_add (ids, column_dup (stmt, 0));
      g_ptr_array_add (keys, key);
    }
  if (rc != YRS_DB_DONE)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(YrsStmt) update =
        _yrs_db_prepare (db, "UPDATE cases SET match_key = ? WHERE id = ?");

      _yrs_db_bind_texts (update, g_ptr_array_index (keys, i), g_ptr_array_index (ids, i), NULL);
      if (_yrs_stmt_step (update) != YRS_DB_DONE)
        return FALSE;
    }
  _yrs_db_set_meta (db, "match_keys", "1");
  return TRUE;
}

/* Fills in the members of to that are missing from from's; never
 * overwrites one. */
static void
fill_family (YrsApiVisitFamily       *to,
             const YrsApiVisitFamily *from)
{
  char **mine[] = { &to->name, &to->kana, &to->birth_date, &to->phone, &to->address,
                    &to->postal_code, &to->due_date, &to->child_birth_date };
  char * const theirs[] = { from->name, from->kana, from->birth_date, from->phone, from->address,
                            from->postal_code, from->due_date, from->child_birth_date };

  for (guint i = 0; i < G_N_ELEMENTS (mine); i++)
    if ((*mine[i] == NULL || (i == 0 && g_strcmp0 (*mine[i], "-") == 0)) &&
        theirs[i] != NULL && g_strcmp0 (theirs[i], "-") != 0)
      {
        g_free (*mine[i]);
        *mine[i] = g_strdup (theirs[i]);
      }
}

static void
wipe_text (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

/* The ward's open case of this family (by its match key), with the
 * fields it lacked filled in from family and answers: its id, or NULL
 * when there is none (or on a database error: *failed). */
static char *
join_open_case (YrsDb                   *db,
                const char              *ward,
                const char              *key,
                const YrsApiVisitFamily *family,
                JsonObject              *answers,
                gboolean                *failed)
{
  g_autofree char *id = NULL;
  g_autofree char *family_text = NULL;
  g_autofree char *answers_text = NULL;
  g_autoptr(YrsApiVisitFamily) held = NULL;
  g_autoptr(JsonObject) held_answers = NULL;
  gint64 now = now_unix ();

  /* Two instances matching one family at once: one after the other. */
  {
    g_autoptr(YrsStmt) lock =
      _yrs_db_prepare_dialect (db, "SELECT 1",
                               "SELECT pg_advisory_xact_lock (hashtext (?))");

    if (_yrs_db_get_kind (db) == YRS_DB_POSTGRESQL)
      _yrs_stmt_bind_text (lock, 1, key);
    if (_yrs_stmt_step (lock) != YRS_DB_ROW)
      {
        *failed = TRUE;
        return NULL;
      }
  }
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare_dialect (db,
                               "SELECT c.id, c.family, c.answers FROM cases c "
                               "WHERE c.ward = :ward AND c.match_key = :key AND " OPEN_CASE
                               " ORDER BY c.created_unix, c.id LIMIT 1",
                               "SELECT c.id, c.family, c.answers FROM cases c "
                               "WHERE c.ward = :ward AND c.match_key = :key AND " OPEN_CASE
                               " ORDER BY c.created_unix, c.id LIMIT 1 FOR UPDATE");
    int rc;

    bind_named_text (stmt, ":ward", ward);
    bind_named_text (stmt, ":key", key);
    bind_named_int64 (stmt, ":now", now);
    rc = _yrs_stmt_step (stmt);
    if (rc != YRS_DB_ROW)
      {
        *failed = rc != YRS_DB_DONE;
        return NULL;
      }
    id = column_dup (stmt, 0);
    held = yrs_api_visit_family_from_string (_yrs_stmt_column_text (stmt, 1), -1, NULL);
    held_answers = parse_object (_yrs_stmt_column_text (stmt, 2));
  }
  if (held == NULL)
    held = yrs_api_visit_family_new ();
  fill_family (held, family);
  {
    g_autoptr(GList) members = json_object_get_members (answers);

    for (GList *l = members; l != NULL; l = l->next)
      if (!json_object_has_member (held_answers, l->data))
        json_object_set_member (held_answers, l->data,
                                json_node_copy (json_object_get_member (answers, l->data)));
  }
  family_text = yrs_api_visit_family_to_string (held);
  answers_text = object_to_string (held_answers);
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "UPDATE cases SET family = ?, answers = ?, updated_unix = ? "
                           "WHERE id = ?");

    /* Unchanged, the same texts go back. */
    _yrs_db_bind_texts (stmt, family_text, answers_text, NULL);
    _yrs_stmt_bind_int64 (stmt, 3, now);
    _yrs_stmt_bind_text (stmt, 4, id);
    wipe_text (family_text);
    wipe_text (answers_text);
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      {
        *failed = TRUE;
        return NULL;
      }
  }
  return g_steal_pointer (&id);
}

/* The case of this family: the ward's open one of the same family (kana
 * as sent, before the family's fields were checked), else a new one. */
static char *
find_or_insert_case (YrsServer               *server,
                     YrsDb                   *db,
                     const char              *ward,
                     gboolean                 added_by_staff,
                     const YrsApiVisitFamily *family,
                     const char              *kana,
                     JsonObject              *answers,
                     const char              *owner)
{
  g_autofree char *key = match_key (server, kana, family->birth_date);
  g_autofree char *id = NULL;
  g_autofree char *family_text = NULL;
  g_autofree char *answers_text = NULL;
  g_autoptr(YrsStmt) stmt = NULL;
  gboolean failed = FALSE;
  gint64 now = now_unix ();

  if (key != NULL && ward != NULL)
    {
      id = join_open_case (db, ward, key, family, answers, &failed);
      if (id != NULL || failed)
        return g_steal_pointer (&id);
    }

  id = _yrs_auth_new_reference ("CASE");
  family_text = yrs_api_visit_family_to_string (family);
  answers_text = object_to_string (answers);
  stmt = _yrs_db_prepare (db, "INSERT INTO cases (id, ward, added_by_staff, family, answers, "
                              "created_unix, updated_unix, owner, match_key) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  _yrs_stmt_bind_text (stmt, 1, id);
  _yrs_stmt_bind_text (stmt, 2, ward);
  _yrs_stmt_bind_int (stmt, 3, added_by_staff);
  _yrs_stmt_bind_text (stmt, 4, family_text);
  _yrs_stmt_bind_text (stmt, 5, answers_text);
  _yrs_stmt_bind_int64 (stmt, 6, now);
  _yrs_stmt_bind_int64 (stmt, 7, now);
  _yrs_stmt_bind_text (stmt, 8, owner);
  _yrs_stmt_bind_text (stmt, 9, key);
  wipe_text (family_text);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    return NULL;
  return g_steal_pointer (&id);
}

static char *
field_text (JsonObject *fields,
            const char *id)
{
  JsonNode *node = json_object_get_member (fields, id);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gboolean
_yrs_visit_add_case_for_application (YrsServer  *server,
                                     YrsDb      *db,
                                     const char *reference,
                                     const char *programme,
                                     JsonObject *fields,
                                     const char *owner)
{
  g_autoptr(YrsApiVisitFamily) family = yrs_api_visit_family_new ();
  g_autoptr(JsonObject) answers = json_object_new ();
  g_autofree char *line = field_text (fields, "address.line");
  g_autofree char *building = field_text (fields, "address.building");
  g_autofree char *child = field_text (fields, "child.birth_date");
  g_autofree char *kana = field_text (fields, "applicant.kana");
  g_autofree char *ward = NULL;
  g_autofree char *id = NULL;

  family->name = field_text (fields, "applicant.name");
  family->kana = field_text (fields, "applicant.kana");
  family->birth_date = field_text (fields, "applicant.birth_date");
  family->phone = field_text (fields, "applicant.phone");
  family->postal_code = field_text (fields, "address.postal_code");
  if (line != NULL)
    family->address = building != NULL ? g_strconcat (line, " ", building, NULL) : g_strdup (line);
  if (g_strcmp0 (programme, "support_payment_pregnancy") == 0)
    family->due_date = g_steal_pointer (&child);
  else
    family->child_birth_date = g_steal_pointer (&child);
  yrs_api_visit_family_drop_invalid (family);
  ward = _yrs_visit_ward_for_postal_code (server, family->postal_code);

  id = find_or_insert_case (server, db, ward, FALSE, family, kana, answers, owner);
  wipe_text (kana);
  if (id == NULL)
    return FALSE;
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "UPDATE applications SET case_id = ? WHERE reference = ?");

    _yrs_db_bind_texts (stmt, id, reference, NULL);
    return _yrs_stmt_step (stmt) == YRS_DB_DONE;
  }
}

gboolean
_yrs_visit_add_case_for_registration (YrsServer                       *server,
                                      YrsDb                           *db,
                                      const char                      *registration,
                                      const YrsApiRegistrationRequest *body,
                                      const char                      *postal_code,
                                      const char                      *ward,
                                      const char                      *owner)
{
  g_autoptr(YrsApiVisitFamily) family = yrs_api_visit_family_new ();
  g_autoptr(JsonObject) answers = json_object_new ();
  g_autofree char *id = NULL;

  family->name = g_strdup (body->name);
  family->kana = g_strdup (body->name_kana);
  family->birth_date = g_strdup (body->birth_on);
  family->phone = g_strdup (body->phone);
  family->postal_code = g_strdup (postal_code);
  family->due_date = g_strdup (body->due_on);
  family->child_birth_date = g_strdup (body->child_born_on);
  yrs_api_visit_family_drop_invalid (family);
  /* What the registration declares that the eligibility engine asks. */
  json_object_set_boolean_member (answers, "household.tax_exempt", body->tax_exempt);
  json_object_set_boolean_member (answers, "household.public_assistance", body->public_assistance);

  id = find_or_insert_case (server, db, ward, FALSE, family, body->name_kana, answers, owner);
  if (id == NULL)
    return FALSE;
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "UPDATE registrations SET case_id = ? WHERE id = ?");

    _yrs_db_bind_texts (stmt, id, registration, NULL);
    return _yrs_stmt_step (stmt) == YRS_DB_DONE;
  }
}

/* Reading cases */

static YrsApiCase *
load_case (YrsDb      *db,
           YrsStmt    *row,     /* id, ward, added_by_staff, family, answers, updated_unix */
           gint64      now)
{
  g_autoptr(YrsApiCase) c = yrs_api_case_new ();
  g_autoptr(YrsApiVisitFamily) family = NULL;

  c->id = column_dup (row, 0);
  c->ward = column_dup (row, 1);
  c->added_by_staff = _yrs_stmt_column_int64 (row, 2) != 0;
  family = yrs_api_visit_family_from_string (_yrs_stmt_column_text (row, 3), -1, NULL);
  if (family != NULL)
    {
      yrs_api_visit_family_free (c->family);
      c->family = g_steal_pointer (&family);
    }
  else
    c->family->name = g_strdup ("-");
  json_object_unref (c->answers);
  c->answers = parse_object (_yrs_stmt_column_text (row, 4));
  c->updated_at = _yrs_now_rfc3339 (_yrs_stmt_column_int64 (row, 5));

  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "SELECT reference, 'application', programme, status, created_unix "
                           "FROM applications WHERE case_id = :id "
                           "UNION ALL SELECT r.reference, 'registration', 'postpartum_care', "
                           "CASE WHEN r.declined_unix IS NOT NULL THEN 'declined' "
                           "WHEN r.approve_unix IS NOT NULL AND r.approve_unix <= :now "
                           "THEN 'approved' ELSE 'pending' END, r.created_unix "
                           "FROM registrations r WHERE r.case_id = :id ORDER BY 5, 1");

    bind_named_text (stmt, ":id", c->id);
    bind_named_int64 (stmt, ":now", now);
    while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        YrsApiCaseSubmission *s = yrs_api_case_submission_new ();

        s->reference = column_dup (stmt, 0);
        s->kind = column_dup (stmt, 1);
        s->programme = column_dup (stmt, 2);
        s->state = column_dup (stmt, 3);
        g_ptr_array_add (c->submissions, s);
      }
  }
  /* The records themselves, newest first: kept opened (the city key
   * opened their sealed members when they came); '{}' once erased. */
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "SELECT id, kind, date, record FROM consultations WHERE case_id = ? "
                           "ORDER BY date DESC, created_unix DESC, id DESC");

    _yrs_db_bind_texts (stmt, c->id, NULL);
    while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        YrsApiCaseConsultation *k = yrs_api_case_consultation_new ();
        g_autoptr(YrsApiConsultationRequest) record =
          yrs_api_consultation_request_from_string (_yrs_stmt_column_text (stmt, 3), -1, NULL);

        k->id = column_dup (stmt, 0);
        yrs_api_consultation_kind_from_string (_yrs_stmt_column_text (stmt, 1), &k->kind);
        k->date = column_dup (stmt, 2);
        if (record != NULL)
          {
            k->has_record = TRUE;
            k->place = record->place;
            g_strfreev (k->present);
            k->present = g_steal_pointer (&record->present);
            g_strfreev (k->topics);
            k->topics = g_steal_pointer (&record->topics);
            g_strfreev (k->programmes_explained);
            k->programmes_explained = g_steal_pointer (&record->programmes_explained);
            k->follow_up_kind = record->follow_up_kind;
            k->follow_up_date = g_steal_pointer (&record->follow_up_date);
            k->notes = g_steal_pointer (&record->notes);
          }
        g_ptr_array_add (c->consultations, k);
      }
  }
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "SELECT id, date, total, high, urgent, record FROM screenings "
                           "WHERE case_id = ? ORDER BY date DESC, created_unix DESC, id DESC");

    _yrs_db_bind_texts (stmt, c->id, NULL);
    while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        YrsApiCaseScreening *k = yrs_api_case_screening_new ();
        g_autoptr(YrsApiScreeningRequest) record =
          yrs_api_screening_request_from_string (_yrs_stmt_column_text (stmt, 5), -1, NULL);

        k->id = column_dup (stmt, 0);
        k->date = column_dup (stmt, 1);
        k->total = (int) _yrs_stmt_column_int64 (stmt, 2);
        k->high = _yrs_stmt_column_int64 (stmt, 3) != 0;
        k->urgent = _yrs_stmt_column_int64 (stmt, 4) != 0;
        if (record != NULL)
          {
            k->has_record = TRUE;
            memcpy (k->items, record->items, sizeof k->items);
            k->urgent_acknowledged = record->urgent_acknowledged;
            g_strfreev (k->offered);
            k->offered = g_steal_pointer (&record->offered);
            g_strfreev (k->chosen);
            k->chosen = g_steal_pointer (&record->chosen);
          }
        g_ptr_array_add (c->screenings, k);
      }
  }
  return g_steal_pointer (&c);
}

#define CASE_COLUMNS "c.id, c.ward, c.added_by_staff, c.family, c.answers, c.updated_unix"

/* The case with this id in the caller's ward, or NULL. */
static YrsApiCase *
find_case (YrsRequest *request,
           const char *id)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (request->db, "SELECT " CASE_COLUMNS " FROM cases c "
                                  "WHERE c.id = :id AND " VISIBLE_CASE);

  bind_named_text (stmt, ":id", id);
  bind_ward (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return NULL;
  return load_case (request->db, stmt, now_unix ());
}

static gboolean
case_exists (YrsRequest *request,
             const char *id)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare_dialect (request->db,
                             "SELECT 1 FROM cases c WHERE c.id = :id AND " VISIBLE_CASE,
                             /* Orders records of one case at every instance. */
                             "SELECT 1 FROM cases c WHERE c.id = :id AND " VISIBLE_CASE
                             " FOR UPDATE");

  bind_named_text (stmt, ":id", id);
  bind_ward (request, stmt);
  return _yrs_stmt_step (stmt) == YRS_DB_ROW;
}

static gboolean
touch_case (YrsDb      *db,
            const char *id,
            gint64      now)
{
  g_autoptr(YrsStmt) stmt = _yrs_db_prepare (db, "UPDATE cases SET updated_unix = ? WHERE id = ?");

  _yrs_stmt_bind_int64 (stmt, 1, now);
  _yrs_stmt_bind_text (stmt, 2, id);
  return _yrs_stmt_step (stmt) == YRS_DB_DONE;
}

/* GET /v1/cases */

#define CASES_MAX_LIMIT 500

/* A page's cursor: the last case's created_unix and id, with a MAC (the
 * family key, as a cursor's context) so that a forged one is refused. */
static char *
cursor_mac (YrsServer  *server,
            gint64      created,
            const char *id)
{
  g_autofree char *text = g_strdup_printf ("cases-cursor\n%" G_GINT64_FORMAT "\n%s", created, id);
  guint8 hash[16];
  char hex[33];

  crypto_generichash (hash, sizeof hash, (const guint8 *) text, strlen (text),
                      _yrs_server_get_family_key (server), 32);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

static char *
cursor_new (YrsServer  *server,
            gint64      created,
            const char *id)
{
  g_autofree char *mac = cursor_mac (server, created, id);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%s.%s", created, id, mac);
}

/* "CREATED.ID.MAC" as cursor_new() made it, or FALSE. */
static gboolean
cursor_parse (YrsServer  *server,
              const char *text,
              gint64     *created,
              char      **id)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *mac = NULL;
  guint64 value = 0;

  if (text == NULL || strlen (text) > 200)
    return FALSE;
  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || strlen (parts[0]) > 18 ||
      strspn (parts[0], "0123456789") != strlen (parts[0]) ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &value, NULL) ||
      !yrs_api_is_valid_case_id (parts[1]) || strlen (parts[2]) != 32)
    return FALSE;
  mac = cursor_mac (server, (gint64) value, parts[1]);
  if (sodium_memcmp (mac, parts[2], 32) != 0)
    return FALSE;
  *created = (gint64) value;
  *id = g_strdup (parts[1]);
  return TRUE;
}

/* limit: 1 to CASES_MAX_LIMIT in decimal digits. */
static gboolean
limit_parse (const char *text,
             int        *limit)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 3 ||
      strspn (text, "0123456789") != strlen (text) ||
      !g_ascii_string_to_unsigned (text, 10, 1, CASES_MAX_LIMIT, &value, NULL))
    return FALSE;
  *limit = (int) value;
  return TRUE;
}

YrsResponse *
_yrs_visit_get_cases (YrsRequest *request)
{
  g_autoptr(YrsApiCaseList) list = yrs_api_case_list_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autofree char *after_id = NULL;
  const char *limit_text = request->query ? g_hash_table_lookup (request->query, "limit") : NULL;
  const char *after_text = request->query ? g_hash_table_lookup (request->query, "after") : NULL;
  int limit = _yrs_server_get_cases_page_size (request->server);
  gint64 after_created = -1;
  gint64 last_created = 0;
  gint64 now = now_unix ();

  if (request->query != NULL && g_hash_table_contains (request->query, "limit") &&
      !limit_parse (limit_text, &limit))
    g_ptr_array_add (errors, yrs_api_field_error_new ("limit", "range"));
  if (request->query != NULL && g_hash_table_contains (request->query, "after") &&
      !cursor_parse (request->server, after_text, &after_created, &after_id))
    g_ptr_array_add (errors, yrs_api_field_error_new ("after", "format"));
  if (errors->len > 0)
    return validation_problem (errors);

  if (!_yrs_db_begin_read (request->db, NULL))
    return internal_error (request->db);
  {
    /* One more than the page: is there a next one? */
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db,
                       "SELECT c.id, c.created_unix FROM cases c WHERE " VISIBLE_CASE
                       " AND " OPEN_CASE
                       " AND (c.created_unix > :after_created OR"
                       "      (c.created_unix = :after_created AND c.id > :after_id))"
                       " ORDER BY c.created_unix, c.id LIMIT :limit");
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));

    bind_ward (request, stmt);
    bind_named_int64 (stmt, ":now", now);
    bind_named_int64 (stmt, ":after_created", after_created);
    bind_named_text (stmt, ":after_id", after_id != NULL ? after_id : "");
    bind_named_int64 (stmt, ":limit", limit + 1);
    while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        gint64 when = _yrs_stmt_column_int64 (stmt, 1);

        g_ptr_array_add (ids, column_dup (stmt, 0));
        g_array_append_val (created, when);
      }
    for (guint i = 0; i < ids->len && i < (guint) limit; i++)
      {
        g_autoptr(YrsStmt) one =
          _yrs_db_prepare (request->db, "SELECT " CASE_COLUMNS " FROM cases c WHERE c.id = ?");

        _yrs_db_bind_texts (one, g_ptr_array_index (ids, i), NULL);
        if (_yrs_stmt_step (one) == YRS_DB_ROW)
          g_ptr_array_add (list->cases, load_case (request->db, one, now));
        last_created = g_array_index (created, gint64, i);
      }
    if (ids->len > (guint) limit)
      list->next = cursor_new (request->server, last_created, g_ptr_array_index (ids, limit - 1));
  }
  if (_yrs_db_is_broken (request->db))
    return internal_error (request->db);
  _yrs_db_exec (request->db, "COMMIT;", NULL);
  list->ward = g_strdup (request->principal.ward);
  node = yrs_api_case_list_to_json (list);
  return _yrs_response_new_json (200, node);
}

/* POST /v1/cases */

YrsResponse *
_yrs_visit_post_case (YrsRequest *request)
{
  DECODE_ALL (YrsApiCaseRequest, yrs_api_case_request_decode, request, body);
  g_autoptr(YrsApiCase) created = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  id = find_or_insert_case (request->server, request->db, request->principal.ward, TRUE,
                            body->family, body->family->kana, body->answers,
                            request->principal.name);
  if (id == NULL || (created = find_case (request, id)) == NULL)
    return internal_error (request->db);
  node = yrs_api_case_to_json (created);
  return _yrs_response_new_json (201, node);
}

/* POST /v1/consultations */

YrsResponse *
_yrs_visit_post_consultation (YrsRequest *request)
{
  DECODE_ALL (YrsApiConsultationRequest, yrs_api_consultation_request_decode, request, body);
  g_autoptr(YrsApiConsultationResponse) answer = yrs_api_consultation_response_new ();
  g_autoptr(GStrvBuilder) ready = g_strv_builder_new ();
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *record = NULL;
  const char *paid = NULL;
  gint64 now = now_unix ();
  YrsResponse *early;

  for (guint i = 0; body->programmes_explained[i] != NULL; i++)
    if (!_yrs_server_knows_programme (request->server, body->programmes_explained[i]))
      {
        g_autofree char *field = g_strdup_printf ("programmes_explained[%u]", i);

        g_ptr_array_add (errors, yrs_api_field_error_new (field, "unknown"));
      }
  if (errors->len > 0)
    return validation_problem (errors);

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  if (!case_exists (request, body->case_id))
    return not_found ("There is no such case.");

  answer->id = _yrs_auth_new_reference ("CON");
  answer->case_id = g_strdup (body->case_id);
  {
    g_autoptr(JsonNode) record_node = yrs_api_consultation_request_to_json (body);
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db, "INSERT INTO consultations (id, case_id, kind, date, record, "
                                    "created_unix, owner) VALUES (?, ?, ?, ?, ?, ?, ?)");

    record = yrs_api_node_to_string (record_node);
    _yrs_db_bind_texts (stmt, answer->id, body->case_id,
                        yrs_api_consultation_kind_to_string (body->kind), body->date, record, NULL);
    _yrs_stmt_bind_int64 (stmt, 6, now);
    _yrs_stmt_bind_text (stmt, 7, request->principal.name);
    explicit_bzero (record, strlen (record));
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }

  /* The support payment this consultation goes with. */
  if (body->kind == YRS_API_CONSULTATION_NOTIFICATION)
    paid = "support_payment_pregnancy";
  else if (body->kind == YRS_API_CONSULTATION_AFTER_BIRTH)
    paid = "support_payment_birth";
  if (paid != NULL)
    {
      g_autoptr(YrsStmt) stmt =
        _yrs_db_prepare (request->db,
                         "UPDATE applications SET status = 'ready_to_pay', updated_unix = ? "
                         "WHERE case_id = ? AND programme = ? "
                         "AND status = 'waiting_for_consultation' RETURNING reference");
      int rc;

      _yrs_stmt_bind_int64 (stmt, 1, now);
      _yrs_stmt_bind_text (stmt, 2, body->case_id);
      _yrs_stmt_bind_text (stmt, 3, paid);
      while ((rc = _yrs_stmt_step (stmt)) == YRS_DB_ROW)
        g_strv_builder_add (ready, _yrs_stmt_column_text (stmt, 0));
      if (rc != YRS_DB_DONE)
        return internal_error (request->db);
    }
  if (!touch_case (request->db, body->case_id, now))
    return internal_error (request->db);
  answer->payments_ready = g_strv_builder_end (ready);
  node = yrs_api_consultation_response_to_json (answer);
  return _yrs_response_new_json (201, node);
}

/* POST /v1/screenings */

YrsResponse *
_yrs_visit_post_screening (YrsRequest *request)
{
  DECODE_ALL (YrsApiScreeningRequest, yrs_api_screening_request_decode, request, body);
  g_autoptr(YrsApiScreeningResponse) answer = yrs_api_screening_response_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *record = NULL;
  YrsEpdsResult result;
  gint64 now = now_unix ();
  YrsResponse *early;

  /* The server's own count, by the same rules as the tablet's. */
  if (!yrs_epds_evaluate (body->items, YRS_API_EPDS_ITEMS, &result, &error) ||
      !yrs_epds_may_save (body->items, YRS_API_EPDS_ITEMS, body->urgent_acknowledged))
    {
      g_autoptr(GPtrArray) errors = new_errors ();

      g_ptr_array_add (errors, yrs_api_field_error_new ("items", "range"));
      return validation_problem (errors);
    }

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  if (!case_exists (request, body->case_id))
    return not_found ("There is no such case.");
  if (body->consultation != NULL)
    {
      g_autoptr(YrsStmt) stmt =
        _yrs_db_prepare (request->db, "SELECT 1 FROM consultations WHERE id = ? AND case_id = ?");

      _yrs_db_bind_texts (stmt, body->consultation, body->case_id, NULL);
      if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
        {
          g_autoptr(GPtrArray) errors = new_errors ();

          g_ptr_array_add (errors, yrs_api_field_error_new ("consultation", "unknown"));
          return validation_problem (errors);
        }
    }

  answer->id = _yrs_auth_new_reference ("SCR");
  answer->total = result.total;
  answer->high = result.offer_support;
  answer->urgent = result.urgent;
  {
    g_autoptr(JsonNode) record_node = yrs_api_screening_request_to_json (body);
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db, "INSERT INTO screenings (id, case_id, consultation, date, "
                                    "total, high, urgent, record, created_unix, owner) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    record = yrs_api_node_to_string (record_node);
    _yrs_stmt_bind_text (stmt, 1, answer->id);
    _yrs_stmt_bind_text (stmt, 2, body->case_id);
    _yrs_stmt_bind_text (stmt, 3, body->consultation);
    _yrs_stmt_bind_text (stmt, 4, body->date);
    _yrs_stmt_bind_int (stmt, 5, result.total);
    _yrs_stmt_bind_int (stmt, 6, result.offer_support);
    _yrs_stmt_bind_int (stmt, 7, result.urgent);
    _yrs_stmt_bind_text (stmt, 8, record);
    _yrs_stmt_bind_int64 (stmt, 9, now);
    _yrs_stmt_bind_text (stmt, 10, request->principal.name);
    explicit_bzero (record, strlen (record));
    if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  if (!touch_case (request->db, body->case_id, now))
    return internal_error (request->db);
  node = yrs_api_screening_response_to_json (answer);
  return _yrs_response_new_json (201, node);
}

/* The supervisor's queue */

#define QUEUE_COLUMNS \
  "r.id, r.reference, r.ward, " \
  "CASE WHEN r.declined_unix IS NOT NULL THEN 'declined' " \
  "WHEN r.approve_unix IS NOT NULL AND r.approve_unix <= :now THEN 'approved' " \
  "ELSE 'pending' END, r.decline_reason, r.created_unix, r.name, r.name_kana, r.phone, " \
  "r.child_born_on, r.due_on, r.tax_exempt, r.public_assistance"

static YrsApiPendingRegistration *
pending_from_row (YrsStmt *stmt)
{
  YrsApiPendingRegistration *p = yrs_api_pending_registration_new ();
  const char *names[] = { "name", "name_kana", "phone", "child_born_on", "due_on" };

  p->id = column_dup (stmt, 0);
  p->reference = column_dup (stmt, 1);
  p->ward = column_dup (stmt, 2);
  p->state = column_dup (stmt, 3);
  p->reason = column_dup (stmt, 4);
  p->created_at = _yrs_now_rfc3339 (_yrs_stmt_column_int64 (stmt, 5));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!_yrs_stmt_column_is_null (stmt, 6 + i))
      json_object_set_string_member (p->declared, names[i], _yrs_stmt_column_text (stmt, 6 + i));
  if (p->ward != NULL)
    json_object_set_string_member (p->declared, "ward", p->ward);
  json_object_set_boolean_member (p->declared, "tax_exempt", _yrs_stmt_column_int64 (stmt, 11) != 0);
  json_object_set_boolean_member (p->declared, "public_assistance",
                                  _yrs_stmt_column_int64 (stmt, 12) != 0);
  return p;
}

/* GET /v1/registrations?state=pending */

YrsResponse *
_yrs_visit_get_registrations (YrsRequest *request)
{
  const char *state = request->query ? g_hash_table_lookup (request->query, "state") : NULL;
  g_autoptr(YrsApiPendingRegistrationList) list = yrs_api_pending_registration_list_new ();
  g_autoptr(JsonNode) node = NULL;

  if (state != NULL && g_strcmp0 (state, "pending") != 0)
    {
      g_autoptr(YrsApiProblem) problem =
        yrs_api_problem_new_full (400, YRS_API_PROBLEM_BAD_REQUEST, "Bad request",
                                  "state: only pending");

      g_ptr_array_add (problem->errors, yrs_api_field_error_new ("state", "range"));
      return _yrs_response_new_problem (problem);
    }
  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (request->db, "SELECT " QUEUE_COLUMNS " FROM registrations r "
                                    "WHERE " PENDING_REGISTRATION
                                    " AND (:ward IS NULL OR r.ward = :ward) "
                                    "ORDER BY r.created_unix, r.id");
    int rc;

    bind_named_int64 (stmt, ":now", now_unix ());
    bind_ward (request, stmt);
    while ((rc = _yrs_stmt_step (stmt)) == YRS_DB_ROW)
      g_ptr_array_add (list->registrations, pending_from_row (stmt));
    if (rc != YRS_DB_DONE)
      return internal_error (request->db);
  }
  node = yrs_api_pending_registration_list_to_json (list);
  return _yrs_response_new_json (200, node);
}

/* POST /v1/registrations/{id}/decision */

static YrsApiPendingRegistration *
find_registration (YrsRequest *request,
                   const char *id,
                   gint64      now,
                   gboolean    lock)
{
  g_autoptr(YrsStmt) stmt =
    lock ? _yrs_db_prepare_dialect (request->db,
                                    "SELECT " QUEUE_COLUMNS ", r.case_id FROM registrations r "
                                    "WHERE r.id = :id AND (:ward IS NULL OR r.ward = :ward)",
                                    "SELECT " QUEUE_COLUMNS ", r.case_id FROM registrations r "
                                    "WHERE r.id = :id AND (:ward IS NULL OR r.ward = :ward) "
                                    "FOR UPDATE")
         : _yrs_db_prepare (request->db,
                            "SELECT " QUEUE_COLUMNS ", r.case_id FROM registrations r "
                            "WHERE r.id = :id AND (:ward IS NULL OR r.ward = :ward)");

  bind_named_text (stmt, ":id", id);
  bind_named_int64 (stmt, ":now", now);
  bind_ward (request, stmt);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return NULL;
  return pending_from_row (stmt);
}

YrsResponse *
_yrs_visit_post_decision (YrsRequest *request)
{
  DECODE_ALL (YrsApiDecisionRequest, yrs_api_decision_request_decode, request, body);
  g_autoptr(YrsApiPendingRegistration) found = NULL;
  g_autoptr(YrsApiPendingRegistration) decided = NULL;
  g_autoptr(YrsStmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 now = now_unix ();
  YrsResponse *early;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  found = find_registration (request, request->params[0], now, TRUE);
  if (found == NULL)
    return not_found ("There is no such registration.");
  if (g_strcmp0 (found->state, "pending") != 0)
    return _yrs_response_new_error (409, YRS_API_PROBLEM_ALREADY_DECIDED, "Already decided",
                                    "This registration was decided before.");
  if (body->approve)
    stmt = _yrs_db_prepare (request->db,
                            "UPDATE registrations AS r SET approve_unix = :now, approved_by = :by, "
                            "decided_by = :by, updated_unix = :now "
                            "WHERE r.id = :id AND " PENDING_REGISTRATION);
  else
    {
      stmt = _yrs_db_prepare (request->db,
                              "UPDATE registrations AS r SET approve_unix = NULL, "
                              "declined_unix = :now, decline_reason = :reason, "
                              "decided_by = :by, updated_unix = :now "
                              "WHERE r.id = :id AND " PENDING_REGISTRATION);
      bind_named_text (stmt, ":reason", body->reason);
    }
  bind_named_int64 (stmt, ":now", now);
  bind_named_text (stmt, ":by", request->principal.id);
  bind_named_text (stmt, ":id", found->id);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    return internal_error (request->db);
  if (_yrs_db_changes (request->db) != 1)
    return _yrs_response_new_error (409, YRS_API_PROBLEM_ALREADY_DECIDED, "Already decided",
                                    "This registration was decided before.");
  {
    g_autoptr(YrsStmt) touch =
      _yrs_db_prepare (request->db, "UPDATE cases SET updated_unix = ? "
                                    "WHERE id = (SELECT case_id FROM registrations WHERE id = ?)");

    _yrs_stmt_bind_int64 (touch, 1, now);
    _yrs_stmt_bind_text (touch, 2, found->id);
    if (_yrs_stmt_step (touch) != YRS_DB_DONE)
      return internal_error (request->db);
  }
  decided = find_registration (request, found->id, now, FALSE);
  if (decided == NULL)
    return internal_error (request->db);
  node = yrs_api_pending_registration_to_json (decided);
  return _yrs_response_new_json (200, node);
}
