/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-cache.c: YrsStore's cache of the server's data: facilities,
 * slots (with the deltas a sync writes on a worker thread) and the sync
 * cursors. See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

/* ---- facilities and slots ---------------------------------------------- */

#define FACILITY_COLUMNS "id, name, document, revision, state"
#define SLOT_COLUMNS "id, facility_id, kind, starts_at, ends_at, capacity, booked, revision, state"

static YrsStoreFacility *
facility_from_row (sqlite3_stmt *stmt)
{
  YrsStoreFacility *f = g_new0 (YrsStoreFacility, 1);

  f->id = _yrs_store_col_dup (stmt, 0);
  f->name = _yrs_store_col_dup (stmt, 1);
  f->document = _yrs_store_col_dup (stmt, 2);
  f->revision = sqlite3_column_int64 (stmt, 3);
  if (!yrs_offline_state_from_string ((const char *) sqlite3_column_text (stmt, 4), &f->state))
    f->state = YRS_OFFLINE_STATE_SYNCED;
  return f;
}

static YrsSlot *
slot_from_row (sqlite3_stmt *stmt)
{
  YrsSlot *s = g_new0 (YrsSlot, 1);

  s->id = _yrs_store_col_dup (stmt, 0);
  s->facility_id = _yrs_store_col_dup (stmt, 1);
  s->kind = _yrs_store_col_dup (stmt, 2);
  s->starts_at = _yrs_store_col_dup (stmt, 3);
  s->ends_at = _yrs_store_col_dup (stmt, 4);
  s->capacity = sqlite3_column_int (stmt, 5);
  s->booked = sqlite3_column_int (stmt, 6);
  s->revision = sqlite3_column_int64 (stmt, 7);
  if (!yrs_offline_state_from_string ((const char *) sqlite3_column_text (stmt, 8), &s->state))
    s->state = YRS_OFFLINE_STATE_SYNCED;
  return s;
}

gboolean
yrs_store_put_facility (YrsStore                *self,
                        const YrsStoreFacility  *facility,
                        GError                 **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (facility != NULL, FALSE);

  if (!_yrs_store_require (facility->id, "facility.id", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT OR REPLACE INTO facilities (" FACILITY_COLUMNS ")"
                              " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, facility->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, facility->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, facility->document, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, facility->revision);
  sqlite3_bind_text (stmt, 5, yrs_offline_state_to_string (facility->state), -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Saving a facility", error);
}

YrsStoreFacility *
yrs_store_get_facility (YrsStore    *self,
                        const char  *id,
                        GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self, "SELECT " FACILITY_COLUMNS " FROM facilities WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return _yrs_store_fetch_one (self, stmt, (YrsStoreRowFunc) facility_from_row, "Reading a facility", error);
}

GPtrArray *
yrs_store_list_facilities (YrsStore  *self,
                           GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT " FACILITY_COLUMNS " FROM facilities"
                              " WHERE state != 'locally_deleted' ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) facility_from_row,
                             (GDestroyNotify) yrs_store_facility_free, "Listing facilities", error);
}

gboolean
yrs_store_put_slot (YrsStore       *self,
                    const YrsSlot  *slot,
                    GError        **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);

  if (!_yrs_store_require (slot->id, "slot.id", error) ||
      !_yrs_store_require (slot->facility_id, "slot.facility_id", error) ||
      !_yrs_store_require (slot->kind, "slot.kind", error) ||
      !_yrs_store_require (slot->starts_at, "slot.starts_at", error) ||
      !_yrs_store_require (slot->ends_at, "slot.ends_at", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT OR REPLACE INTO slots (" SLOT_COLUMNS ")"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _yrs_store_bind_slot (stmt, slot);
  sqlite3_bind_text (stmt, 9, yrs_offline_state_to_string (slot->state), -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Saving a slot", error);
}

YrsSlot *
yrs_store_get_slot (YrsStore    *self,
                    const char  *id,
                    GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self, "SELECT " SLOT_COLUMNS " FROM slots WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return _yrs_store_fetch_one (self, stmt, (YrsStoreRowFunc) slot_from_row, "Reading a slot", error);
}

gboolean
yrs_store_set_slot_state (YrsStore         *self,
                          const char       *id,
                          YrsOfflineState   state,
                          gint64            revision,
                          GError          **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (id, "slot.id", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "UPDATE slots SET state = ?1,"
                              " revision = CASE WHEN ?2 > 0 THEN ?2 ELSE revision END"
                              " WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, yrs_offline_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, revision);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Setting a slot's state", error) &&
         _yrs_store_changed_one (self, "slot", id, error);
}

gboolean
yrs_store_remove_slot (YrsStore    *self,
                       const char  *id,
                       GError     **error)
{
  g_auto(YrsStmt) del = NULL;
  g_auto(YrsStmt) tomb = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (id, "slot.id", error))
    return FALSE;
  del = _yrs_store_get_stmt (self, "DELETE FROM slots WHERE id = ? AND state = 'locally_created'", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_text (del, 1, id, -1, SQLITE_STATIC);
  if (!_yrs_store_step_done (self, del, "Removing a slot", error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  tomb = _yrs_store_get_stmt (self, "UPDATE slots SET state = 'locally_deleted' WHERE id = ?", error);
  if (tomb == NULL)
    return FALSE;
  sqlite3_bind_text (tomb, 1, id, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, tomb, "Removing a slot", error) &&
         _yrs_store_changed_one (self, "slot", id, error);
}

GPtrArray *
yrs_store_list_slots (YrsStore    *self,
                      const char  *facility_id,
                      const char  *kind,
                      YrsDate      from,
                      YrsDate      to,
                      gboolean     only_free,
                      GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " SLOT_COLUMNS " FROM slots"
                                         " WHERE state != 'locally_deleted'");
  g_auto(YrsStmt) stmt = NULL;
  char from_buf[11];
  char to_buf[11];
  int n = 0;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  /* Only the filters given go into the SQL, so the indexes are used. */
  if (facility_id != NULL)
    g_string_append (sql, " AND facility_id = ?");
  if (kind != NULL)
    g_string_append (sql, " AND kind = ?");
  if (yrs_date_is_set (from))
    {
      yrs_date_to_iso_buf (from, from_buf);
      g_string_append (sql, " AND starts_at >= ?");
    }
  if (yrs_date_is_set (to))
    {
      /* Up to the end of `to`: before the next day. */
      yrs_date_to_iso_buf (yrs_date_add_days (to, 1), to_buf);
      g_string_append (sql, " AND starts_at < ?");
    }
  if (only_free)
    g_string_append (sql, " AND capacity > booked");
  g_string_append (sql, " ORDER BY starts_at, id");

  stmt = _yrs_store_get_stmt (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (facility_id != NULL)
    sqlite3_bind_text (stmt, ++n, facility_id, -1, SQLITE_STATIC);
  if (kind != NULL)
    sqlite3_bind_text (stmt, ++n, kind, -1, SQLITE_STATIC);
  if (yrs_date_is_set (from))
    sqlite3_bind_text (stmt, ++n, from_buf, -1, SQLITE_STATIC);
  if (yrs_date_is_set (to))
    sqlite3_bind_text (stmt, ++n, to_buf, -1, SQLITE_STATIC);
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) slot_from_row,
                             (GDestroyNotify) yrs_slot_free, "Listing slots", error);
}

guint
yrs_store_count_slots (YrsStore  *self,
                       GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), 0);

  stmt = _yrs_store_get_stmt (self, "SELECT count(*) FROM slots WHERE state != 'locally_deleted'", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _yrs_store_set_error (error, self->db, rc, "Counting slots");
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

static void
apply_delta_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  YrsStoreDelta *delta = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  YrsStoreGate *gate = g_object_get_data (G_OBJECT (task), "gate");
  GError *error = NULL;

  if (_yrs_store_worker_apply_delta (path, gate, delta, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
yrs_store_apply_delta_async (YrsStore            *self,
                             YrsStoreDelta       *delta,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YRS_IS_STORE (self));
  g_return_if_fail (delta != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_store_apply_delta_async);
  g_task_set_task_data (task, yrs_store_delta_ref (delta),
                        (GDestroyNotify) yrs_store_delta_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (self->path), g_free);
  g_object_set_data_full (G_OBJECT (task), "gate", _yrs_store_gate_ref (self->gate),
                          (GDestroyNotify) _yrs_store_gate_unref);
  g_task_run_in_thread (task, apply_delta_thread);
}

gboolean
yrs_store_apply_delta_finish (YrsStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
yrs_store_get_sync_cursor (YrsStore    *self,
                           const char  *name,
                           GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (name, "cursor name", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self, "SELECT value FROM sync_state WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _yrs_store_col_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, "Reading a sync cursor");
  return NULL;
}

gboolean
yrs_store_set_sync_cursor (YrsStore    *self,
                           const char  *name,
                           const char  *value,
                           GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (name, "cursor name", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO sync_state (name, value) VALUES (?1, ?2)"
                              " ON CONFLICT (name) DO UPDATE SET value = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Saving a sync cursor", error);
}
