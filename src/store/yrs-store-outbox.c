/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-outbox.c: YrsStore's outbox (submissions and the server's
 * answers), the server IDs of accepted rows, and receipts. See
 * yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

/* ---- outbox ------------------------------------------------------------- */

#define OUTBOX_COLUMNS "id, idempotency_key, kind, owner, payload, state, tries," \
  " next_try_at, last_error, server_reference, reason, alternatives, created_at," \
  " updated_at"

static YrsOutboxItem *
outbox_from_row (sqlite3_stmt *stmt)
{
  YrsOutboxItem *item = g_new0 (YrsOutboxItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->idempotency_key = _yrs_store_col_dup (stmt, 1);
  if (!yrs_outbox_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &item->kind))
    item->kind = YRS_OUTBOX_KIND_APPLICATION;
  item->owner = _yrs_store_col_dup (stmt, 3);
  item->payload = _yrs_store_col_dup (stmt, 4);
  if (!yrs_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &item->state))
    item->state = YRS_OUTBOX_STATE_QUEUED;
  item->tries = sqlite3_column_int (stmt, 6);
  item->next_try_at = sqlite3_column_int64 (stmt, 7);
  item->last_error = _yrs_store_col_dup (stmt, 8);
  item->server_reference = _yrs_store_col_dup (stmt, 9);
  item->reason = _yrs_store_col_dup (stmt, 10);
  item->alternatives = _yrs_store_col_dup (stmt, 11);
  item->created_at = sqlite3_column_int64 (stmt, 12);
  item->updated_at = sqlite3_column_int64 (stmt, 13);
  return item;
}

YrsOutboxItem *
yrs_store_outbox_enqueue (YrsStore       *self,
                          YrsOutboxKind   kind,
                          const char     *owner,
                          const char     *payload,
                          GError        **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sealed = NULL;
  g_auto(YrsStmt) stmt = NULL;
  YrsOutboxItem *item;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  durable = _yrs_store_durable_begin (self);

  if (yrs_outbox_kind_to_string (kind) == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “kind” has an unknown value %d", (int) kind);
      return NULL;
    }
  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require_json (payload, "payload", TRUE, error))
    return NULL;

  /* Sealed to the city: this device can send it and never read it back. */
  sealed = _yrs_store_seal_payload (self, payload, error);
  if (sealed == NULL && error != NULL && *error != NULL)
    return NULL;

  key = g_uuid_string_random ();
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO outbox (idempotency_key, kind, owner, payload,"
                              " state, tries, next_try_at, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, 'queued', 0, ?5, ?5, ?5)"
                              " RETURNING " OUTBOX_COLUMNS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, yrs_outbox_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sealed != NULL ? sealed : payload, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  item = _yrs_store_fetch_returning (self, stmt, (YrsStoreRowFunc) outbox_from_row,
                                     (GDestroyNotify) yrs_outbox_item_free,
                                     "Queuing a submission", error);
  if (item != NULL)
    _yrs_store_emit_outbox_changed (self, owner);
  return item;
}

YrsOutboxItem *
yrs_store_outbox_get (YrsStore    *self,
                      const char  *idempotency_key,
                      GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE idempotency_key = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  return _yrs_store_fetch_one (self, stmt, (YrsStoreRowFunc) outbox_from_row, "Reading the outbox", error);
}

GPtrArray *
yrs_store_outbox_list (YrsStore        *self,
                       const char      *owner,
                       YrsOutboxState   state,
                       GError         **error)
{
  g_auto(YrsStmt) stmt = NULL;
  const char *sql;
  int n = 0;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (owner != NULL && state != YRS_OUTBOX_STATE_ANY)
    sql = "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE owner = ? AND state = ? ORDER BY id";
  else if (owner != NULL)
    sql = "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE owner = ? ORDER BY id";
  else if (state != YRS_OUTBOX_STATE_ANY)
    sql = "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = ? ORDER BY id";
  else
    sql = "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY id";

  stmt = _yrs_store_get_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (owner != NULL)
    sqlite3_bind_text (stmt, ++n, owner, -1, SQLITE_STATIC);
  if (state != YRS_OUTBOX_STATE_ANY)
    sqlite3_bind_text (stmt, ++n, yrs_outbox_state_to_string (state), -1, SQLITE_STATIC);
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) outbox_from_row,
                             (GDestroyNotify) yrs_outbox_item_free, "Listing the outbox", error);
}

GPtrArray *
yrs_store_outbox_next_due (YrsStore  *self,
                           gint64     now,
                           guint      limit,
                           GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT " OUTBOX_COLUMNS " FROM outbox AS o"
                              " WHERE o.state IN ('queued', 'sending')"
                              "   AND o.id = (SELECT min(i.id) FROM outbox AS i"
                              "               WHERE i.owner = o.owner"
                              "                 AND i.state IN ('queued', 'sending'))"
                              "   AND o.next_try_at <= ?1"
                              " ORDER BY o.id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) outbox_from_row,
                             (GDestroyNotify) yrs_outbox_item_free, "Finding due submissions", error);
}

/* Records the server's answer: moves a queued or sending row to `to`
 * (accepted, rejected or conflict), setting the text column of the same
 * name as the field checked, `column` (JSON for a conflict). Durable. */
static gboolean
outbox_transition (YrsStore        *self,
                   const char      *key,
                   YrsOutboxState   to,
                   const char      *column,
                   const char      *value,
                   GError         **error)
{
  g_auto(YrsDurable) durable = _yrs_store_durable_begin (self);
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *kept = NULL;
  g_auto(YrsStmt) stmt = NULL;
  gboolean cleared = FALSE;

  if (!_yrs_store_require (key, "idempotency_key", error))
    return FALSE;
  if (to == YRS_OUTBOX_STATE_CONFLICT ? !_yrs_store_require_json (value, column, FALSE, error)
                                      : !_yrs_store_require (value, column, error))
    return FALSE;

  item = yrs_store_outbox_get (self, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (item == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND,
                   "No outbox row with the key “%s”", key);
      return FALSE;
    }
  if (item->state != YRS_OUTBOX_STATE_QUEUED && item->state != YRS_OUTBOX_STATE_SENDING)
    {
      const char *had = NULL;

      /* The same answer again (a resend after a crash) is fine. */
      if (item->state == to && to == YRS_OUTBOX_STATE_ACCEPTED)
        had = item->server_reference;
      else if (item->state == to && to == YRS_OUTBOX_STATE_REJECTED)
        had = item->reason;
      else if (item->state == to && to == YRS_OUTBOX_STATE_CONFLICT)
        had = item->alternatives;
      if (item->state == to && g_strcmp0 (had, value) == 0)
        return TRUE;
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE,
                   "The outbox row “%s” is already %s", key,
                   yrs_outbox_state_to_string (item->state));
      return FALSE;
    }

  /* An answer for a wiped owner leaves only the reference/reason. Once
   * the city has accepted a submission, its sealed box and anything
   * personal go: what routes and shows it stays (issue 18, point 3). */
  if (to == YRS_OUTBOX_STATE_ACCEPTED && item->payload != NULL)
    kept = _yrs_store_public_payload (item->payload);
  sql = g_strdup_printf ("UPDATE outbox SET state = ?1, %s = ?2, updated_at = ?3,"
                         " payload = CASE WHEN EXISTS (SELECT 1 FROM sessions"
                         "   WHERE id = outbox.owner AND wiped_at != 0)"
                         "   THEN NULL WHEN ?5 IS NOT NULL THEN ?5 ELSE payload END"
                         " WHERE idempotency_key = ?4"
                         " AND state IN ('queued', 'sending')", column);
  stmt = _yrs_store_get_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, yrs_outbox_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  if (kept != NULL)
    sqlite3_bind_text (stmt, 5, kept, -1, SQLITE_STATIC);
  if (!_yrs_store_step_done (self, stmt, "Recording the server's answer", error) ||
      !_yrs_store_changed_one (self, "outbox row", key, error))
    return FALSE;

  if (item->payload != NULL)
    {
      g_autoptr(YrsOutboxItem) after = yrs_store_outbox_get (self, key, NULL);

      cleared = after != NULL && g_strcmp0 (after->payload, item->payload) != 0;
    }
  if (cleared)
    return _yrs_store_checkpoint_truncate (self, error);
  return TRUE;
}

gboolean
yrs_store_outbox_mark_sending (YrsStore    *self,
                               const char  *idempotency_key,
                               GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (idempotency_key, "idempotency_key", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "UPDATE outbox SET state = 'sending', tries = tries + 1,"
                              " updated_at = ?1"
                              " WHERE idempotency_key = ?2 AND state IN ('queued', 'sending')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, idempotency_key, -1, SQLITE_STATIC);
  if (!_yrs_store_step_done (self, stmt, "Marking a submission as sending", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(YrsOutboxItem) item = yrs_store_outbox_get (self, idempotency_key, NULL);

      if (item == NULL)
        g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND,
                     "No outbox row with the key “%s”", idempotency_key);
      else
        g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE,
                     "The outbox row “%s” is already %s", idempotency_key,
                     yrs_outbox_state_to_string (item->state));
      return FALSE;
    }
  return TRUE;
}

gboolean
yrs_store_outbox_mark_retry (YrsStore    *self,
                             const char  *idempotency_key,
                             const char  *last_error,
                             gint64       next_try_at,
                             GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (idempotency_key, "idempotency_key", error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "UPDATE outbox SET state = 'queued', last_error = ?1,"
                              " next_try_at = ?2, updated_at = ?3"
                              " WHERE idempotency_key = ?4 AND state IN ('queued', 'sending')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, last_error, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, next_try_at);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  sqlite3_bind_text (stmt, 4, idempotency_key, -1, SQLITE_STATIC);
  if (!_yrs_store_step_done (self, stmt, "Scheduling a retry", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE,
                   "No unanswered outbox row with the key “%s”", idempotency_key);
      return FALSE;
    }
  return TRUE;
}

/* The one place that makes waiting rows due: the outbox page's "Retry
 * now", a sync asked for after the network came back, a new token. */
gboolean
yrs_store_outbox_make_due (YrsStore    *self,
                           const char  *owner,
                           gint64       now,
                           guint       *n_made_due,
                           GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  guint n;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (n_made_due != NULL)
    *n_made_due = 0;
  stmt = _yrs_store_get_stmt (self,
                              "UPDATE outbox SET next_try_at = ?1, updated_at = ?2"
                              " WHERE state = 'queued' AND next_try_at > ?1"
                              "   AND (?3 IS NULL OR owner = ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (owner != NULL)
    sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (!_yrs_store_step_done (self, stmt, "Making waiting submissions due", error))
    return FALSE;
  n = sqlite3_changes (self->db);
  if (n_made_due != NULL)
    *n_made_due = n;
  if (n > 0)
    _yrs_store_emit_outbox_changed (self, owner);
  return TRUE;
}

gboolean
yrs_store_outbox_mark_accepted (YrsStore    *self,
                                const char  *idempotency_key,
                                const char  *server_reference,
                                GError     **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  return outbox_transition (self, idempotency_key, YRS_OUTBOX_STATE_ACCEPTED,
                            "server_reference", server_reference, error);
}

gboolean
yrs_store_outbox_mark_rejected (YrsStore    *self,
                                const char  *idempotency_key,
                                const char  *reason,
                                GError     **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  return outbox_transition (self, idempotency_key, YRS_OUTBOX_STATE_REJECTED,
                            "reason", reason, error);
}

gboolean
yrs_store_outbox_mark_conflict (YrsStore    *self,
                                const char  *idempotency_key,
                                const char  *alternatives_json,
                                GError     **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  return outbox_transition (self, idempotency_key, YRS_OUTBOX_STATE_CONFLICT,
                            "alternatives", alternatives_json, error);
}

/* Staff's "discard" on the outbox page: only a row the server has answered
 * with a rejection or a conflict (nothing is left to send), and only by
 * its owner. */
gboolean
yrs_store_outbox_discard (YrsStore    *self,
                          const char  *idempotency_key,
                          const char  *owner,
                          GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  durable = _yrs_store_durable_begin (self);

  if (!_yrs_store_require (idempotency_key, "idempotency_key", error) ||
      !_yrs_store_require (owner, "owner", error))
    return FALSE;

  item = yrs_store_outbox_get (self, idempotency_key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (item == NULL || g_strcmp0 (item->owner, owner) != 0)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND,
                   "No outbox row with the key “%s” for this owner", idempotency_key);
      return FALSE;
    }
  if (item->state != YRS_OUTBOX_STATE_REJECTED && item->state != YRS_OUTBOX_STATE_CONFLICT)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE,
                   "The outbox row “%s” is %s; only rejected or conflicting rows can be discarded",
                   idempotency_key, yrs_outbox_state_to_string (item->state));
      return FALSE;
    }

  stmt = _yrs_store_get_stmt (self,
                              "DELETE FROM outbox WHERE idempotency_key = ?1 AND owner = ?2"
                              " AND state IN ('rejected', 'conflict')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  if (!_yrs_store_step_done (self, stmt, "Discarding an outbox row", error) ||
      !_yrs_store_changed_one (self, "outbox row", idempotency_key, error))
    return FALSE;
  _yrs_store_emit_outbox_changed (self, owner);
  return _yrs_store_checkpoint_truncate (self, error);
}

gboolean
yrs_store_outbox_count (YrsStore  *self,
                        guint     *pending,
                        guint     *failed,
                        GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT"
                              " count(*) FILTER (WHERE state IN ('queued', 'sending')),"
                              " count(*) FILTER (WHERE state IN ('rejected', 'conflict'))"
                              " FROM outbox", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _yrs_store_set_error (error, self->db, rc, "Counting the outbox");
  if (pending != NULL)
    *pending = (guint) sqlite3_column_int64 (stmt, 0);
  if (failed != NULL)
    *failed = (guint) sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* ---- server IDs --------------------------------------------------------- */

/* Server IDs of accepted outbox rows live in sync_state as
 * "server-id:<idempotency key>". */
gboolean
yrs_store_outbox_set_server_id (YrsStore    *self,
                                const char  *idempotency_key,
                                const char  *server_id,
                                GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (idempotency_key, "idempotency_key", error) ||
      !_yrs_store_require (server_id, "server_id", error))
    return FALSE;
  name = g_strconcat ("server-id:", idempotency_key, NULL);
  return yrs_store_set_sync_cursor (self, name, server_id, error);
}

char *
yrs_store_outbox_get_server_id (YrsStore    *self,
                                const char  *idempotency_key,
                                GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (idempotency_key, "idempotency_key", error))
    return NULL;
  name = g_strconcat ("server-id:", idempotency_key, NULL);
  return yrs_store_get_sync_cursor (self, name, error);
}

/* ---- receipts ----------------------------------------------------------- */

static YrsReceipt *
receipt_from_row (sqlite3_stmt *stmt)
{
  YrsReceipt *receipt = g_new0 (YrsReceipt, 1);

  receipt->id = sqlite3_column_int64 (stmt, 0);
  receipt->owner = _yrs_store_col_dup (stmt, 1);
  receipt->reference = _yrs_store_col_dup (stmt, 2);
  receipt->kind = _yrs_store_col_dup (stmt, 3);
  receipt->summary = _yrs_store_col_dup (stmt, 4);
  receipt->created_at = sqlite3_column_int64 (stmt, 5);
  return receipt;
}

YrsReceipt *
yrs_store_add_receipt (YrsStore    *self,
                       const char  *owner,
                       const char  *reference,
                       const char  *kind,
                       const char  *summary,
                       GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  durable = _yrs_store_durable_begin (self);

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (reference, "reference", error) ||
      !_yrs_store_require (kind, "kind", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO receipts (owner, reference, kind, summary, created_at)"
                              " VALUES (?, ?, ?, ?, ?)"
                              " RETURNING id, owner, reference, kind, summary, created_at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  return _yrs_store_fetch_returning (self, stmt, (YrsStoreRowFunc) receipt_from_row,
                                     (GDestroyNotify) yrs_receipt_free,
                                     "Saving a receipt", error);
}

GPtrArray *
yrs_store_list_receipts (YrsStore    *self,
                         const char  *owner,
                         GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (owner, "owner", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self,
                              "SELECT id, owner, reference, kind, summary, created_at"
                              " FROM receipts WHERE owner = ? ORDER BY created_at DESC, id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) receipt_from_row,
                             (GDestroyNotify) yrs_receipt_free, "Listing receipts", error);
}
