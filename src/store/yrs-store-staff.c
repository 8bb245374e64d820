/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-staff.c: YrsStore's staff credentials (for signing in
 * offline). See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

/* ---- staff credentials -------------------------------------------------- */

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
      !_yrs_store_require (verifier, "verifier", error))
    return FALSE;
  if (!g_str_has_prefix (verifier, "$argon2id$"))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “verifier” is not an Argon2id string");
      return FALSE;
    }
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO staff_credentials (staff_id, verifier, last_online_at)"
                              " VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (staff_id) DO UPDATE SET verifier = ?2, last_online_at = ?3",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
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

  if (!_yrs_store_require (staff_id, "staff_id", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "SELECT verifier, last_online_at FROM staff_credentials"
                              " WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
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

  if (!_yrs_store_require (staff_id, "staff_id", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self, "DELETE FROM staff_credentials WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Forgetting a staff credential", error);
}
