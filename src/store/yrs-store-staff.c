/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-staff.c: YrsStore's staff credentials (for signing in
 * offline). See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

/* ---- staff credentials -------------------------------------------------- */

/* Every statement here is about one staff member's row, ?1 her ID: checks
 * the ID, takes the cached statement and binds it. NULL with an error. */
static sqlite3_stmt *
staff_stmt (YrsStore    *self,
            const char  *staff_id,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_yrs_store_require (staff_id, "staff_id", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self, sql, error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  return stmt;
}

/* An Argon2id string from libsodium (crypto_pwhash_str). */
static gboolean
require_verifier (const char  *verifier,
                  GError     **error)
{
  if (!_yrs_store_require (verifier, "verifier", error))
    return FALSE;
  if (!g_str_has_prefix (verifier, "$argon2id$"))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “verifier” is not an Argon2id string");
      return FALSE;
    }
  return TRUE;
}

gboolean
yrs_store_set_staff_credential (YrsStore    *self,
                                const char  *staff_id,
                                const char  *verifier,
                                gint64       last_online_at,
                                GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  durable = _yrs_store_durable_begin (self);

  if (!_yrs_store_require (staff_id, "staff_id", error) ||
      !require_verifier (verifier, error))
    return FALSE;
  stmt = staff_stmt (self, staff_id,
                     "INSERT INTO staff_credentials (staff_id, verifier, last_online_at)"
                     " VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (staff_id) DO UPDATE SET verifier = ?2, last_online_at = ?3,"
                     " failures = 0, last_failure_at = 0",
                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, verifier, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, last_online_at);
  return _yrs_store_step_done (self, stmt, "Saving a staff credential", error);
}

gboolean
yrs_store_get_staff_credential (YrsStore    *self,
                                const char  *staff_id,
                                char       **verifier,
                                gint64      *last_online_at,
                                GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = staff_stmt (self, staff_id,
                     "SELECT verifier, last_online_at FROM staff_credentials"
                     " WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _yrs_store_set_error (error, self->db, rc, "Reading a staff credential");
  if (verifier != NULL)
    *verifier = _yrs_store_col_dup (stmt, 0);
  if (last_online_at != NULL)
    *last_online_at = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

gboolean
yrs_store_forget_staff_credential (YrsStore    *self,
                                   const char  *staff_id,
                                   GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  durable = _yrs_store_durable_begin (self);

  stmt = staff_stmt (self, staff_id, "DELETE FROM staff_credentials WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  /* secure_delete zeroes the row; its copies in the WAL go too. */
  return _yrs_store_step_done (self, stmt, "Forgetting a staff credential", error) &&
         _yrs_store_checkpoint_truncate (self, error);
}

gboolean
yrs_store_get_staff_failures (YrsStore    *self,
                              const char  *staff_id,
                              guint       *failures,
                              gint64      *last_failure_at,
                              GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = staff_stmt (self, staff_id,
                     "SELECT failures, last_failure_at FROM staff_credentials"
                     " WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _yrs_store_set_error (error, self->db, rc, "Reading sign-in failures");
  if (failures != NULL)
    *failures = sqlite3_column_int (stmt, 0);
  if (last_failure_at != NULL)
    *last_failure_at = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

gboolean
yrs_store_set_staff_failures (YrsStore    *self,
                              const char  *staff_id,
                              guint        failures,
                              gint64       last_failure_at,
                              GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  /* Durable: a power cut must not give a guesser her tries back. */
  durable = _yrs_store_durable_begin (self);
  stmt = staff_stmt (self, staff_id,
                     "UPDATE staff_credentials SET failures = ?2, last_failure_at = ?3"
                     " WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, failures);
  sqlite3_bind_int64 (stmt, 3, last_failure_at);
  return _yrs_store_step_done (self, stmt, "Counting a failed sign-in", error) &&
         _yrs_store_changed_one (self, "staff credential", staff_id, error);
}

gboolean
yrs_store_set_staff_wrapped_key (YrsStore    *self,
                                 const char  *staff_id,
                                 GBytes      *wrapped,
                                 GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (wrapped != NULL, FALSE);

  durable = _yrs_store_durable_begin (self);
  stmt = staff_stmt (self, staff_id,
                     "UPDATE staff_credentials SET wrapped_key = ?2 WHERE staff_id = ?1",
                     error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (wrapped, &len);
  sqlite3_bind_blob (stmt, 2, data, len, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Saving a wrapped key", error) &&
         _yrs_store_changed_one (self, "staff credential", staff_id, error);
}

GBytes *
yrs_store_get_staff_wrapped_key (YrsStore    *self,
                                 const char  *staff_id,
                                 GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = staff_stmt (self, staff_id,
                     "SELECT wrapped_key FROM staff_credentials WHERE staff_id = ?1",
                     error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, "Reading a wrapped key");
  return NULL;
}

gboolean
yrs_store_replace_staff_secrets (YrsStore    *self,
                                 const char  *staff_id,
                                 const char  *verifier,
                                 GBytes      *wrapped,
                                 gint64       last_online_at,
                                 GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (wrapped != NULL, FALSE);

  durable = _yrs_store_durable_begin (self);
  if (!_yrs_store_require (staff_id, "staff_id", error) ||
      !require_verifier (verifier, error))
    return FALSE;
  /* One statement, so one transaction: never the new verifier with the
   * old wrapping, or the reverse. */
  stmt = staff_stmt (self, staff_id,
                     "UPDATE staff_credentials SET verifier = ?2, wrapped_key = ?3,"
                     " last_online_at = ?4, failures = 0, last_failure_at = 0"
                     " WHERE staff_id = ?1",
                     error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (wrapped, &len);
  sqlite3_bind_text (stmt, 2, verifier, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, data, len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, last_online_at);
  /* secure_delete zeroes the old row; the checkpoint takes its copies
   * out of the WAL (the old wrapping opens with the old password). */
  return _yrs_store_step_done (self, stmt, "Replacing a staff credential", error) &&
         _yrs_store_changed_one (self, "staff credential", staff_id, error) &&
         _yrs_store_checkpoint_truncate (self, error);
}
