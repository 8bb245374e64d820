/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-sessions.c: YrsStore's sessions, their drafts (saved at once
 * or queued and written together), and the wipe of a session. See
 * yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <string.h>

#include "yrs-store-private.h"

/* At most one deferred draft write per this interval. */
#define DRAFT_WRITE_INTERVAL_US (300 * G_TIME_SPAN_MILLISECOND)

struct _YrsStorePendingDraft
{
  char *owner;
  char *key;
  char *content;
};

void
_yrs_store_pending_draft_free (YrsStorePendingDraft *pending)
{
  g_free (pending->owner);
  g_free (pending->key);
  if (pending->content != NULL)
    memset (pending->content, 0, strlen (pending->content));
  g_free (pending->content);
  g_free (pending);
}

/* ---- sessions ----------------------------------------------------------- */

static YrsSessionInfo *
session_from_row (sqlite3_stmt *stmt)
{
  YrsSessionInfo *info = g_new0 (YrsSessionInfo, 1);

  info->id = _yrs_store_col_dup (stmt, 0);
  info->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "staff") == 0
               ? YRS_SESSION_KIND_STAFF : YRS_SESSION_KIND_KIOSK;
  info->staff_id = _yrs_store_col_dup (stmt, 2);
  info->created_at = sqlite3_column_int64 (stmt, 3);
  info->wiped_at = sqlite3_column_int64 (stmt, 4);
  return info;
}

static gboolean
insert_session (YrsStore        *self,
                const char      *id,
                YrsSessionKind   kind,
                const char      *staff_id,
                GError         **error)
{
  g_auto(YrsStmt) stmt = NULL;

  /* A staff session comes back to life when the staff member signs in
   * again after a wipe. */
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO sessions (id, kind, staff_id, created_at)"
                              " VALUES (?1, ?2, ?3, ?4)"
                              " ON CONFLICT (id) DO UPDATE SET wiped_at = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, yrs_session_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  return _yrs_store_step_done (self, stmt, "Creating a session", error);
}

char *
yrs_store_create_kiosk_session (YrsStore  *self,
                                GError   **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("kiosk:", uuid, NULL);

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!insert_session (self, id, YRS_SESSION_KIND_KIOSK, NULL, error))
    return NULL;
  /* Her drafts are sealed under a key that lives as long as her session
   * does, in this process's memory only. */
  if (!_yrs_store_make_session_key (self, id, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
yrs_store_ensure_staff_session (YrsStore    *self,
                                const char  *staff_id,
                                GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (staff_id, "staff_id", error))
    return NULL;
  id = g_strconcat ("staff:", staff_id, NULL);
  if (!insert_session (self, id, YRS_SESSION_KIND_STAFF, staff_id, error))
    return NULL;
  return g_steal_pointer (&id);
}

YrsSessionInfo *
yrs_store_get_session (YrsStore    *self,
                       const char  *owner,
                       GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT id, kind, staff_id, created_at, wiped_at FROM sessions"
                              " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  return _yrs_store_fetch_one (self, stmt, (YrsStoreRowFunc) session_from_row, "Reading a session", error);
}

GPtrArray *
yrs_store_list_sessions (YrsStore  *self,
                         GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT id, kind, staff_id, created_at, wiped_at FROM sessions"
                              " WHERE wiped_at = 0 ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  return _yrs_store_collect (self, stmt, (YrsStoreRowFunc) session_from_row,
                             (GDestroyNotify) yrs_session_info_free, "Listing sessions", error);
}

/* Drafts may only be written for a live session. */
static gboolean
check_live_session (YrsStore    *self,
                    const char  *owner,
                    GError     **error)
{
  g_autoptr(YrsSessionInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = yrs_store_get_session (self, owner, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (info == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND,
                   "No session “%s”", owner);
      return FALSE;
    }
  if (info->wiped_at != 0)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_STATE,
                   "The session “%s” was wiped", owner);
      return FALSE;
    }
  return TRUE;
}

/* ---- drafts ------------------------------------------------------------- */

static gboolean
write_draft (YrsStore    *self,
             const char  *owner,
             const char  *key,
             const char  *content,
             GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  g_autoptr(GBytes) box = NULL;
  gconstpointer data;
  gsize len;

  /* Sealed under the owner's key (yrs-store-seal.c). */
  box = _yrs_store_seal_row (self, "draft", owner, key, NULL, content, error);
  if (box == NULL)
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO drafts (owner, key, content, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4)"
                              " ON CONFLICT (owner, key) DO UPDATE SET content = ?3, updated_at = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (box, &len);
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, data, len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  return _yrs_store_step_done (self, stmt, "Saving a draft", error);
}

gboolean
_yrs_store_bench_write_plain_draft (YrsStore    *self,
                                    const char  *owner,
                                    const char  *key,
                                    const char  *content,
                                    GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (key, "key", error) ||
      !_yrs_store_require_json (content, "content", FALSE, error) ||
      !check_live_session (self, owner, error))
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO drafts (owner, key, content, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4)"
                              " ON CONFLICT (owner, key) DO UPDATE SET content = ?3, updated_at = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, content, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  return _yrs_store_step_done (self, stmt, "Saving a draft (benchmark baseline)", error);
}

static char *
pending_key (const char *owner,
             const char *key)
{
  return g_strconcat (owner, "\n", key, NULL);
}

gboolean
yrs_store_save_draft (YrsStore    *self,
                      const char  *owner,
                      const char  *key,
                      const char  *content,
                      GError     **error)
{
  g_autofree char *pkey = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (key, "key", error) ||
      !_yrs_store_require_json (content, "content", FALSE, error) ||
      !check_live_session (self, owner, error))
    return FALSE;

  if (!write_draft (self, owner, key, content, error))
    return FALSE;
  /* What was just written is newer than anything queued. */
  pkey = pending_key (owner, key);
  g_hash_table_remove (self->pending, pkey);
  return TRUE;
}

static gboolean
flush_source_cb (gpointer user_data)
{
  YrsStore *self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->flush_source, g_source_unref);
  if (!yrs_store_flush_drafts (self, &error))
    _yrs_store_emit_draft_error (self, error);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (YrsStore *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due = self->last_flush + DRAFT_WRITE_INTERVAL_US;

  if (self->flush_source != NULL)
    return;
  if (self->last_flush == 0 || due <= now)
    self->flush_source = g_idle_source_new ();
  else
    self->flush_source = g_timeout_source_new ((guint) ((due - now + 999) / 1000));
  g_source_set_priority (self->flush_source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (self->flush_source, flush_source_cb, self, NULL);
  g_source_set_static_name (self->flush_source, "[yrs-store] draft flush");
  g_source_attach (self->flush_source, self->context);
}

gboolean
yrs_store_queue_draft (YrsStore    *self,
                       const char  *owner,
                       const char  *key,
                       const char  *content,
                       GError     **error)
{
  YrsStorePendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (key, "key", error) ||
      !_yrs_store_require_json (content, "content", FALSE, error) ||
      !check_live_session (self, owner, error))
    return FALSE;
  if (!yrs_store_is_owner_unlocked (self, owner))
    {
      /* Refused now rather than at the flush, which would hold up the
       * other owners' drafts. */
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED,
                   "The drafts of “%s” are sealed and its key is not held", owner);
      return FALSE;
    }

  pending = g_new0 (YrsStorePendingDraft, 1);
  pending->owner = g_strdup (owner);
  pending->key = g_strdup (key);
  pending->content = g_strdup (content);
  g_hash_table_replace (self->pending, pending_key (owner, key), pending);
  schedule_flush (self);
  return TRUE;
}

gboolean
yrs_store_flush_drafts (YrsStore  *self,
                        GError   **error)
{
  GHashTableIter iter;
  YrsStorePendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  if (g_hash_table_size (self->pending) == 0)
    return TRUE;

  if (!_yrs_store_begin (self, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    if (!write_draft (self, pending->owner, pending->key, pending->content, error))
      {
        _yrs_store_rollback (self);
        return FALSE;
      }
  if (!_yrs_store_commit (self, error))
    return FALSE;
  g_hash_table_remove_all (self->pending);
  self->last_flush = g_get_monotonic_time ();
  return TRUE;
}

gboolean
yrs_store_has_pending_drafts (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  return g_hash_table_size (self->pending) > 0;
}

char *
yrs_store_load_draft (YrsStore    *self,
                      const char  *owner,
                      const char  *key,
                      GError     **error)
{
  g_autofree char *pkey = NULL;
  g_auto(YrsStmt) stmt = NULL;
  YrsStorePendingDraft *pending;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (owner, "owner", error) || !_yrs_store_require (key, "key", error))
    return NULL;
  pkey = pending_key (owner, key);
  pending = g_hash_table_lookup (self->pending, pkey);
  if (pending != NULL)
    return g_strdup (pending->content);

  stmt = _yrs_store_get_stmt (self, "SELECT content FROM drafts WHERE owner = ? AND key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _yrs_store_open_row (self, "draft", owner, key, NULL,
                                sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                error);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, "Loading a draft");
  return NULL;
}

/* The content is opened by the caller (it needs the store's keys). */
static YrsDraft *
draft_from_row (sqlite3_stmt *stmt)
{
  YrsDraft *draft = g_new0 (YrsDraft, 1);

  draft->owner = _yrs_store_col_dup (stmt, 0);
  draft->key = _yrs_store_col_dup (stmt, 1);
  draft->updated_at = sqlite3_column_int64 (stmt, 3);
  return draft;
}

GPtrArray *
yrs_store_list_drafts (YrsStore    *self,
                       const char  *owner,
                       GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  GHashTableIter iter;
  YrsStorePendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (owner, "owner", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self,
                              "SELECT owner, key, content, updated_at FROM drafts"
                              " WHERE owner = ? ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_draft_free);
  {
    int rc;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        YrsDraft *draft = draft_from_row (stmt);

        /* NULL when the owner's key is not held. */
        draft->content = _yrs_store_open_row (self, "draft", owner, draft->key, NULL,
                                              sqlite3_column_blob (stmt, 2),
                                              sqlite3_column_bytes (stmt, 2), NULL);
        g_ptr_array_add (drafts, draft);
      }
    if (rc != SQLITE_DONE)
      {
        _yrs_store_set_error (error, self->db, rc, "Listing drafts");
        return NULL;
      }
  }

  /* Queued content replaces or adds to what is on disk. */
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    {
      gboolean found = FALSE;

      if (strcmp (pending->owner, owner) != 0)
        continue;
      for (guint i = 0; i < drafts->len && !found; i++)
        {
          YrsDraft *draft = g_ptr_array_index (drafts, i);

          if (strcmp (draft->key, pending->key) == 0)
            {
              g_free (draft->content);
              draft->content = g_strdup (pending->content);
              draft->updated_at = g_get_real_time ();
              found = TRUE;
            }
        }
      if (!found)
        {
          YrsDraft *draft = g_new0 (YrsDraft, 1);

          draft->owner = g_strdup (pending->owner);
          draft->key = g_strdup (pending->key);
          draft->content = g_strdup (pending->content);
          draft->updated_at = g_get_real_time ();
          g_ptr_array_add (drafts, draft);
        }
    }
  return g_steal_pointer (&drafts);
}

gboolean
yrs_store_delete_draft (YrsStore    *self,
                        const char  *owner,
                        const char  *key,
                        GError     **error)
{
  g_autofree char *pkey = NULL;
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (owner, "owner", error) || !_yrs_store_require (key, "key", error))
    return FALSE;
  pkey = pending_key (owner, key);
  g_hash_table_remove (self->pending, pkey);
  stmt = _yrs_store_get_stmt (self, "DELETE FROM drafts WHERE owner = ? AND key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Deleting a draft", error);
}

/* ---- wipe --------------------------------------------------------------- */

gboolean
yrs_store_wipe_owner (YrsStore    *self,
                      const char  *owner,
                      GError     **error)
{
  g_auto(YrsDurable) durable = NULL;
  static const char *statements[] = {
    "DELETE FROM drafts WHERE owner = ?1",
    "DELETE FROM sealed_rows WHERE owner = ?1",
    "DELETE FROM receipts WHERE owner = ?1",
    "UPDATE outbox SET payload = NULL"
    " WHERE owner = ?1 AND state IN ('accepted', 'rejected', 'conflict')",
    "UPDATE sessions SET wiped_at = ?2 WHERE id = ?1",
  };
  GHashTableIter iter;
  YrsStorePendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  durable = _yrs_store_durable_begin (self);

  if (!_yrs_store_require (owner, "owner", error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    if (strcmp (pending->owner, owner) == 0)
      g_hash_table_iter_remove (&iter);

  if (!_yrs_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_auto(YrsStmt) stmt = _yrs_store_get_stmt (self, statements[i], error);

      if (stmt == NULL)
        {
          _yrs_store_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      if (!_yrs_store_step_done (self, stmt, "Wiping a session", error))
        {
          _yrs_store_rollback (self);
          return FALSE;
        }
    }
  if (!_yrs_store_commit (self, error))
    return FALSE;
  /* A kiosk session's key goes with it; a staff member's is dropped at
   * sign-out (yrs_store_lock_owner()). */
  if (g_str_has_prefix (owner, "kiosk:"))
    _yrs_store_drop_owner_key (self, owner);   /* and its file, if any */

  /* secure_delete zeroed the freed cells in the pages; the old page images
   * in the WAL go with the truncation. */
  return _yrs_store_checkpoint_truncate (self, error);
}
