/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bearer tokens, staff passwords (Argon2id through libsodium), references
 * and request fingerprints. Tokens are stored only as hashes. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "yrs-server-private.h"

/* Failures before answers are delayed, and the delays after that. */
#define FREE_FAILURES  2
#define FIRST_DELAY_MS 250
#define MAX_DELAY_MS   4000

char *
_yrs_auth_new_token (void)
{
  guint8 raw[32];
  char text[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (text, sizeof text, raw, sizeof raw,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  return g_strdup (text);
}

char *
_yrs_auth_hash_token (const char *token)
{
  guint8 hash[32];
  char hex[65];

  crypto_generichash (hash, sizeof hash, (const guint8 *) token,
                      strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

char *
_yrs_auth_new_reference (const char *prefix)
{
  /* Crockford-like: no 0/O, 1/I/L, so a reference read aloud survives. */
  static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  char code[10];

  for (int i = 0; i < 9; i++)
    code[i] = i == 4 ? '-' : alphabet[randombytes_uniform (sizeof alphabet - 1)];
  code[9] = '\0';
  return g_strconcat (prefix, "-", code, NULL);
}

char *
_yrs_auth_fingerprint (const guint8 *secret,
                       const char *method,
                       const char *path,
                       GBytes     *body)
{
  crypto_generichash_state state;
  guint8 hash[32];
  char hex[65];
  gsize length = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  /* Keyed with the server's secret: the stored fingerprint of a sign-in
   * must not be a plain hash of a password. */
  crypto_generichash_init (&state, secret, 32,
                           sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) method, strlen (method) + 1);
  crypto_generichash_update (&state, (const guint8 *) path, strlen (path) + 1);
  if (data != NULL)
    crypto_generichash_update (&state, data, length);
  crypto_generichash_final (&state, hash, sizeof hash);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

gboolean
_yrs_auth_lookup (YrsDb      *db,
                  const char   *token,
                  YrsPrincipal *out)
{
  g_autofree char *hash = _yrs_auth_hash_token (token);
  /* One statement (one round trip to PostgreSQL): a staff session first,
   * else a device. */
  g_autoptr(YrsStmt) lookup =
    _yrs_db_prepare (db, "SELECT 1, s.staff_id, st.role, st.ward FROM sessions s "
                         "JOIN staff st ON st.id = s.staff_id "
                         "WHERE s.token_hash = ?1 AND s.expires_unix > ?2 AND st.disabled = 0 "
                         "UNION ALL SELECT 2, name, NULL, NULL FROM devices WHERE token_hash = ?1 "
                         "ORDER BY 1 LIMIT 1");

  _yrs_stmt_bind_text (lookup, 1, hash);
  _yrs_stmt_bind_int64 (lookup, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (_yrs_stmt_step (lookup) != YRS_DB_ROW)
    return FALSE;
  out->id = g_strdup (_yrs_stmt_column_text (lookup, 1));
  if (_yrs_stmt_column_int (lookup, 0) == 1)
    {
      out->kind = YRS_AUTH_STAFF;
      out->name = g_strconcat ("staff:", out->id, NULL);
      out->supervisor = g_strcmp0 (_yrs_stmt_column_text (lookup, 2), "supervisor") == 0;
      out->ward = g_strdup (_yrs_stmt_column_text (lookup, 3));
    }
  else
    {
      out->kind = YRS_AUTH_DEVICE;
      out->name = g_strconcat ("device:", out->id, NULL);
    }
  out->token_hash = g_steal_pointer (&hash);
  return TRUE;
}

gboolean
_yrs_auth_set_staff_password (YrsDb    *db,
                              const char *staff_id,
                              const char *password,
                              GError    **error)
{
  char hash[crypto_pwhash_STRBYTES];
  g_autoptr(YrsStmt) stmt = NULL;

  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "out of memory hashing a password");
      return FALSE;
    }
  stmt = _yrs_db_prepare (db, "INSERT INTO staff (id, pwhash) VALUES (?, ?) "
                              "ON CONFLICT (id) DO UPDATE SET pwhash = excluded.pwhash");
  _yrs_db_bind_texts (stmt, staff_id, hash, NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "database: %s", _yrs_db_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

char *
_yrs_auth_add_device (YrsDb    *db,
                      const char *name,
                      const char *given,
                      GError    **error)
{
  g_autofree char *token = given != NULL ? g_strdup (given) : _yrs_auth_new_token ();
  g_autofree char *hash = _yrs_auth_hash_token (token);
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO devices (token_hash, name, created_unix) "
                         "VALUES (?, ?, ?)");

  _yrs_db_bind_texts (stmt, hash, name, NULL);
  _yrs_stmt_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "database: %s", _yrs_db_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&token);
}

/* A hash to verify against when the staff id is unknown, so that an
 * unknown id costs as much time as a wrong password. */
static const char *
dummy_hash (void)
{
  static char hash[crypto_pwhash_STRBYTES];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *random = _yrs_auth_new_token ();

      if (crypto_pwhash_str (hash, random, strlen (random),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        g_error ("out of memory hashing a password");
      g_once_init_leave (&done, 1);
    }
  return hash;
}

static int
recent_failures (YrsDb    *db,
                 const char *staff_id,
                 const char *source,
                 gint64      now_ms,
                 gint64     *last_ms)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT failures, last_ms FROM signin_failures "
                         "WHERE staff_id = ? AND source = ?");

  _yrs_db_bind_texts (stmt, staff_id, source, NULL);
  *last_ms = 0;
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return 0;
  *last_ms = _yrs_stmt_column_int64 (stmt, 1);
  if (now_ms - *last_ms > YRS_SERVER_FAILURE_WINDOW * 1000)
    return 0;
  return _yrs_stmt_column_int (stmt, 0);
}

/* After YRS_SERVER_PAUSE_FAILURES failures from one address for one staff
 * ID, a pause of 5 s, doubling to 60 s at most, before the next try from
 * there is even checked: a delay, never a lockout, and only for that
 * address (the nurse at her own tablet is not slowed by a stranger). */
static gint64
pause_ms (int failures)
{
  if (failures < YRS_SERVER_PAUSE_FAILURES)
    return 0;
  return MIN ((gint64) 60000, (gint64) 5000 << MIN (failures - YRS_SERVER_PAUSE_FAILURES, 4));
}

static YrsResponse *
paused_response (gint64 wait_ms)
{
  YrsResponse *response;
  g_autofree char *retry = NULL;

  response = _yrs_response_new_error (429, YRS_API_PROBLEM_TOO_MANY_ATTEMPTS,
                                      "Too many failed sign-ins",
                                      "Sign-in from here is paused for a few seconds; try again then.");
  retry = g_strdup_printf ("%" G_GINT64_FORMAT, MAX ((gint64) 1, (wait_ms + 999) / 1000));
  _yrs_response_add_header (response, "Retry-After", retry);
  response->store = FALSE;
  return response;
}

/* Inside the write transaction: one more wrong password for staff_id
 * from source, and the 401 to answer (delayed after FREE_FAILURES). One
 * statement counts the failure: two wrong passwords at two instances at
 * once are two failures (the row is locked by the first until its
 * commit). Failures older than the window start again from one. Shared
 * by sign-in and the password change. */
static YrsResponse *
count_failure (YrsDb      *db,
               const char *staff_id,
               const char *source,
               gint64      now_ms,
               int         failures,
               const char *title,
               const char *detail)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO signin_failures (staff_id, source, failures, last_ms) "
                         "VALUES (?1, ?2, 1, ?3) ON CONFLICT (staff_id, source) DO UPDATE "
                         "SET failures = CASE WHEN signin_failures.last_ms < ?4 THEN 1 "
                         "ELSE signin_failures.failures + 1 END, last_ms = ?3 "
                         "RETURNING failures");
  YrsResponse *response;

  _yrs_db_bind_texts (stmt, staff_id, source, NULL);
  _yrs_stmt_bind_int64 (stmt, 3, now_ms);
  _yrs_stmt_bind_int64 (stmt, 4, now_ms - YRS_SERVER_FAILURE_WINDOW * 1000);
  failures = _yrs_stmt_step (stmt) == YRS_DB_ROW ? _yrs_stmt_column_int (stmt, 0) : failures + 1;
  _yrs_stmt_reset (stmt);

  response = _yrs_response_new_error (401, YRS_API_PROBLEM_LOGIN_FAILED, title, detail);
  response->store = FALSE;
  if (failures > FREE_FAILURES)
    response->delay_ms = MIN (MAX_DELAY_MS,
                              FIRST_DELAY_MS << MIN (failures - FREE_FAILURES - 1, 8));
  return response;
}

YrsResponse *
_yrs_auth_sign_in (YrsRequest                      *request,
                   const YrsApiStaffSessionRequest *body)
{
  YrsDb *db = request->db;
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 now = now_ms / 1000;
  const char *source = request->remote != NULL ? request->remote : "";
  g_autofree char *stored = NULL;
  g_autofree char *role = NULL;
  g_autofree char *ward = NULL;
  gboolean ok;
  gint64 last_ms;
  int failures;
  YrsResponse *early;

  failures = recent_failures (db, body->staff_id, source, now_ms, &last_ms);
  if (now_ms - last_ms < pause_ms (failures))
    return paused_response (last_ms + pause_ms (failures) - now_ms);

  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "SELECT pwhash, role, ward FROM staff WHERE id = ? AND disabled = 0");

    _yrs_db_bind_texts (stmt, body->staff_id, NULL);
    if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      {
        stored = g_strdup (_yrs_stmt_column_text (stmt, 0));
        role = g_strdup (_yrs_stmt_column_text (stmt, 1));
        if (!_yrs_stmt_column_is_null (stmt, 2))
          ward = g_strdup (_yrs_stmt_column_text (stmt, 2));
      }
  }

  /* The slow part runs outside the write transaction (and on the
   * sign-in pool, see yrs-server.c). */
  ok = crypto_pwhash_str_verify (stored != NULL ? stored : dummy_hash (),
                                 body->password, strlen (body->password)) == 0 &&
       stored != NULL;

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;

  if (!ok)
    return count_failure (db, body->staff_id, source, now_ms, failures,
                          "Sign-in failed", "The staff ID or the password is wrong.");

  {
    g_autoptr(YrsStmt) clear =
      _yrs_db_prepare (db, "DELETE FROM signin_failures WHERE staff_id = ? AND source = ?");
    g_autoptr(YrsStmt) insert =
      _yrs_db_prepare (db, "INSERT INTO sessions (token_hash, staff_id, expires_unix) "
                           "VALUES (?, ?, ?)");
    g_autoptr(YrsApiStaffSessionResponse) answer = yrs_api_staff_session_response_new ();
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *hash = NULL;

    _yrs_db_bind_texts (clear, body->staff_id, source, NULL);
    _yrs_stmt_step (clear);

    answer->token = _yrs_auth_new_token ();
    answer->staff_id = g_strdup (body->staff_id);
    answer->expires_at = _yrs_now_rfc3339 (now + YRS_SERVER_SESSION_SECONDS);
    /* Which pages the tablet shows (issue 17). */
    answer->role = g_steal_pointer (&role);
    answer->ward = g_steal_pointer (&ward);
    hash = _yrs_auth_hash_token (answer->token);
    _yrs_db_bind_texts (insert, hash, body->staff_id, NULL);
    _yrs_stmt_bind_int64 (insert, 3, now + YRS_SERVER_SESSION_SECONDS);
    if (_yrs_stmt_step (insert) != YRS_DB_DONE)
      return _yrs_response_new_error (500, YRS_API_PROBLEM_INTERNAL,
                                      "Internal error", NULL);
    node = yrs_api_staff_session_response_to_json (answer);
    {
      YrsResponse *response = _yrs_response_new_json (201, node);

      /* Never kept for the Idempotency-Key: the body is a live token. A
       * sign-in sent again (its answer lost) checks the password again
       * and makes a new session; the first one just expires. */
      response->store = FALSE;
      return response;
    }
  }
}

/* POST /v1/staff/password: the signed-in staff member's own password.
 * Throttled as sign-in is (per staff ID and source address): a stolen
 * token alone does not let its holder guess the password faster. On
 * success every other session of hers ends; the one that asked stays. */
YrsResponse *
_yrs_auth_change_password (YrsRequest                        *request,
                           const YrsApiPasswordChangeRequest *body)
{
  YrsDb *db = request->db;
  const char *staff_id = request->principal.id;
  const char *source = request->remote != NULL ? request->remote : "";
  gint64 now_ms = g_get_real_time () / 1000;
  g_autofree char *stored = NULL;
  char hash[crypto_pwhash_STRBYTES];
  gboolean ok;
  gint64 last_ms;
  int failures;
  YrsResponse *early;

  failures = recent_failures (db, staff_id, source, now_ms, &last_ms);
  if (now_ms - last_ms < pause_ms (failures))
    return paused_response (last_ms + pause_ms (failures) - now_ms);

  if (g_utf8_strlen (body->new_password, -1) < YRS_API_PASSWORD_MIN_CHARS ||
      strcmp (body->new_password, body->current) == 0)
    {
      g_autoptr(YrsApiProblem) problem =
        yrs_api_problem_new_full (422, YRS_API_PROBLEM_VALIDATION, "Password not accepted",
                                  strcmp (body->new_password, body->current) == 0
                                  ? "The new password is the current one."
                                  : "The new password is too short.");
      YrsResponse *response;

      g_ptr_array_add (problem->errors,
                       yrs_api_field_error_new ("new", strcmp (body->new_password, body->current) == 0
                                                       ? "unchanged" : "too_short"));
      response = _yrs_response_new_problem (problem);
      response->store = FALSE;
      return response;
    }

  {
    g_autoptr(YrsStmt) stmt =
      _yrs_db_prepare (db, "SELECT pwhash FROM staff WHERE id = ? AND disabled = 0");

    _yrs_db_bind_texts (stmt, staff_id, NULL);
    if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
      stored = g_strdup (_yrs_stmt_column_text (stmt, 0));
  }
  /* Both Argon2id steps outside the write transaction (on the sign-in
   * pool: the route is slow). */
  ok = stored != NULL &&
       crypto_pwhash_str_verify (stored, body->current, strlen (body->current)) == 0;
  if (ok && crypto_pwhash_str (hash, body->new_password, strlen (body->new_password),
                               crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return _yrs_response_new_error (500, YRS_API_PROBLEM_INTERNAL, "Internal error", NULL);

  if ((early = _yrs_request_begin (request)) != NULL)
    return early;
  if (!ok)
    return count_failure (db, staff_id, source, now_ms, failures,
                          "Password not changed", "The current password is wrong.");

  {
    g_autoptr(YrsStmt) update =
      _yrs_db_prepare (db, "UPDATE staff SET pwhash = ? WHERE id = ?");
    g_autoptr(YrsStmt) others =
      _yrs_db_prepare (db, "DELETE FROM sessions WHERE staff_id = ? AND token_hash <> ?");
    g_autoptr(YrsStmt) clear =
      _yrs_db_prepare (db, "DELETE FROM signin_failures WHERE staff_id = ? AND source = ?");
    YrsResponse *response;

    _yrs_db_bind_texts (update, hash, staff_id, NULL);
    _yrs_db_bind_texts (others, staff_id, request->principal.token_hash, NULL);
    _yrs_db_bind_texts (clear, staff_id, source, NULL);
    sodium_memzero (hash, sizeof hash);
    if (_yrs_stmt_step (update) != YRS_DB_DONE ||
        _yrs_stmt_step (others) != YRS_DB_DONE ||
        _yrs_stmt_step (clear) != YRS_DB_DONE)
      return _yrs_response_new_error (500, YRS_API_PROBLEM_INTERNAL, "Internal error", NULL);
    response = _yrs_response_new (204);
    response->store = FALSE;
    return response;
  }
}
