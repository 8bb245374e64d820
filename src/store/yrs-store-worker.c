/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-worker.c: bulk writes on a worker thread's own connection, and
 * the benchmark's raw baseline. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

/* How often a bulk write looks at its GCancellable. */
#define CANCEL_CHECK_ROWS 128

/* ---- the gate between the main connection and workers ------------------ */

struct _YrsStoreGate
{
  /* When the main connection last found the write lock taken, in
   * milliseconds of the monotonic clock (wrapping). */
  guint main_waiting_ms;
  /* Main thread only: when the current wait began (µs). */
  gint64 busy_since;
};

#define GATE_POLL_US 200
#define GATE_WINDOW_MS 3
#define GATE_MAX_YIELD_US (50 * G_TIME_SPAN_MILLISECOND)

static guint
now_ms (void)
{
  return (guint) (g_get_monotonic_time () / 1000);
}

YrsStoreGate *
_yrs_store_gate_new (void)
{
  return g_atomic_rc_box_new0 (YrsStoreGate);
}

YrsStoreGate *
_yrs_store_gate_ref (YrsStoreGate *gate)
{
  return g_atomic_rc_box_acquire (gate);
}

void
_yrs_store_gate_unref (YrsStoreGate *gate)
{
  g_atomic_rc_box_release (gate);
}

static int
main_busy_handler (void *data,
                   int   count)
{
  YrsStoreGate *gate = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    gate->busy_since = now;
  if (now - gate->busy_since > YRS_STORE_BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND)
    return 0;   /* give up: SQLITE_BUSY */
  g_atomic_int_set (&gate->main_waiting_ms, now_ms ());
  g_usleep (GATE_POLL_US);
  return 1;
}

void
_yrs_store_gate_install (YrsStoreGate *gate,
                         sqlite3      *db)
{
  sqlite3_busy_handler (db, main_busy_handler, gate);
}

gboolean
_yrs_store_gate_main_waiting (YrsStoreGate *gate)
{
  return gate != NULL &&
         now_ms () - (guint) g_atomic_int_get (&gate->main_waiting_ms) < GATE_WINDOW_MS;
}

void
_yrs_store_gate_yield (YrsStoreGate *gate)
{
  gint64 start = g_get_monotonic_time ();

  if (gate == NULL)
    return;
  while (now_ms () - (guint) g_atomic_int_get (&gate->main_waiting_ms) < GATE_WINDOW_MS &&
         g_get_monotonic_time () - start < GATE_MAX_YIELD_US)
    g_usleep (GATE_POLL_US);
}

static gboolean
check_cancelled (sqlite3       *db,
                 GCancellable  *cancellable,
                 gboolean       in_transaction,
                 GError       **error)
{
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (in_transaction)
    _yrs_store_exec (db, "ROLLBACK", NULL);
  return TRUE;
}

static gboolean
apply_slots (sqlite3        *db,
             YrsStoreGate   *gate,
             YrsStoreDelta  *delta,
             GCancellable   *cancellable,
             GError        **error)
{
  sqlite3_stmt *upsert_slot = NULL;
  sqlite3_stmt *upsert_facility = NULL;
  sqlite3_stmt *remove_slot = NULL;
  sqlite3_stmt *set_cursor = NULL;
  guint n_facilities = delta->facilities != NULL ? delta->facilities->len : 0;
  guint n_slots = delta->slots != NULL ? delta->slots->len : 0;
  guint n_removed = delta->removed_slot_ids != NULL ? delta->removed_slot_ids->len : 0;
  guint total = n_facilities + n_slots + n_removed;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;
  guint i = 0;
  int rc;

  /* A row with a pending local change takes the server's data and
   * revision but keeps its offline state. */
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO slots (id, facility_id, kind, starts_at,"
                           " ends_at, capacity, booked, revision, state)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'synced')"
                           " ON CONFLICT (id) DO UPDATE SET"
                           " facility_id = ?2, kind = ?3, starts_at = ?4,"
                           " ends_at = ?5, capacity = ?6, booked = ?7, revision = ?8",
                           -1, &upsert_slot, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "INSERT INTO facilities (id, name, document, revision, state)"
                             " VALUES (?1, ?2, ?3, ?4, 'synced')"
                             " ON CONFLICT (id) DO UPDATE SET"
                             " name = ?2, document = ?3, revision = ?4",
                             -1, &upsert_facility, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "DELETE FROM slots WHERE id = ?1",
                             -1, &remove_slot, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "INSERT INTO sync_state (name, value) VALUES (?1, ?2)"
                             " ON CONFLICT (name) DO UPDATE SET value = ?2",
                             -1, &set_cursor, NULL);
  if (rc != SQLITE_OK)
    {
      _yrs_store_set_error (error, db, rc, "Preparing the delta");
      goto out;
    }

  for (i = 0; i < total || (i == 0 && total == 0); i++)
    {
      if (i % CANCEL_CHECK_ROWS == 0 &&
          check_cancelled (db, cancellable, in_transaction, error))
        {
          in_transaction = FALSE;
          goto out;
        }
      if (!in_transaction)
        {
          _yrs_store_gate_yield (gate);
          rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            {
              _yrs_store_set_error (error, db, rc, "Starting a delta chunk");
              goto out;
            }
          in_transaction = TRUE;
        }

      if (total == 0)
        {
          /* Nothing but a cursor. */
        }
      else if (i < n_facilities)
        {
          YrsStoreFacility *f = g_ptr_array_index (delta->facilities, i);

          if (f->id == NULL || *f->id == '\0')
            {
              g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                           "Delta facility %u has no id", i);
              goto out;
            }
          sqlite3_bind_text (upsert_facility, 1, f->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (upsert_facility, 2, f->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (upsert_facility, 3, f->document, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (upsert_facility, 4, f->revision);
          rc = sqlite3_step (upsert_facility);
          sqlite3_reset (upsert_facility);
        }
      else if (i < n_facilities + n_slots)
        {
          YrsSlot *s = g_ptr_array_index (delta->slots, i - n_facilities);

          if (s->id == NULL || *s->id == '\0' || s->facility_id == NULL ||
              s->kind == NULL || s->starts_at == NULL || s->ends_at == NULL)
            {
              g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                           "Delta slot %u (“%s”) lacks id, facility_id, kind, "
                           "starts_at or ends_at", i - n_facilities,
                           s->id != NULL ? s->id : "");
              goto out;
            }
          _yrs_store_bind_slot (upsert_slot, s);
          rc = sqlite3_step (upsert_slot);
          sqlite3_reset (upsert_slot);
        }
      else
        {
          const char *id = g_ptr_array_index (delta->removed_slot_ids,
                                              i - n_facilities - n_slots);

          sqlite3_bind_text (remove_slot, 1, id, -1, SQLITE_STATIC);
          rc = sqlite3_step (remove_slot);
          sqlite3_reset (remove_slot);
        }
      if (total > 0 && rc != SQLITE_DONE)
        {
          _yrs_store_set_error (error, db, rc, "Applying the delta");
          goto out;
        }

      if (i + 1 >= total)
        {
          /* The cursor moves with the last chunk only. */
          if (delta->slots_cursor != NULL)
            {
              sqlite3_bind_text (set_cursor, 1, YRS_STORE_CURSOR_SLOTS, -1, SQLITE_STATIC);
              sqlite3_bind_text (set_cursor, 2, delta->slots_cursor, -1, SQLITE_STATIC);
              rc = sqlite3_step (set_cursor);
              sqlite3_reset (set_cursor);
              if (rc != SQLITE_DONE)
                {
                  _yrs_store_set_error (error, db, rc, "Saving the slots cursor");
                  goto out;
                }
            }
        }
      /* Commit at the end, or early when the main thread is waiting for
       * the write lock (it then goes first), or at a chunk's size. */
      if (i + 1 >= total || (i + 1) % YRS_STORE_CHUNK_ROWS == 0 ||
          ((i + 1) % 16 == 0 && _yrs_store_gate_main_waiting (gate)))
        {
          if (i + 1 >= total &&
              check_cancelled (db, cancellable, in_transaction, error))
            {
              in_transaction = FALSE;
              goto out;
            }
          rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            {
              _yrs_store_set_error (error, db, rc, "Committing a delta chunk");
              goto out;
            }
          in_transaction = FALSE;
        }
    }
  /* Copy the delta's pages into the database here, on the worker, so that
   * the main connection's next commit does not find a big WAL and run the
   * checkpoint on the main thread. (During the apply, the worker's own
   * autocheckpoint at 1000 pages comes before the main connection's at
   * 4000.) */
  sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  ok = TRUE;

out:
  if (in_transaction)
    _yrs_store_exec (db, "ROLLBACK", NULL);
  sqlite3_finalize (upsert_slot);
  sqlite3_finalize (upsert_facility);
  sqlite3_finalize (remove_slot);
  sqlite3_finalize (set_cursor);
  return ok;
}

/* The worker thread's own connection, unless the job is already
 * cancelled. */
static sqlite3 *
worker_connect (const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return _yrs_store_connect (path, YRS_STORE_CONNECTION_WORKER, error);
}

gboolean
_yrs_store_worker_apply_delta (const char     *path,
                               YrsStoreGate   *gate,
                               YrsStoreDelta  *delta,
                               GCancellable   *cancellable,
                               GError        **error)
{
  sqlite3 *db = worker_connect (path, cancellable, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = apply_slots (db, gate, delta, cancellable, error);
  sqlite3_close_v2 (db);
  return ok;
}

gboolean
_yrs_store_insert_catalog (sqlite3     *db,
                           const char  *document,
                           const char  *etag,
                           gint64       fetched_at,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_yrs_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO catalog_versions (document, etag, fetched_at)"
                           " VALUES (?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, document, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, etag, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, fetched_at);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      _yrs_store_set_error (error, db, rc, "Saving the catalogue");
      _yrs_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  /* Keep the newest three, so a bad download can be stepped back from. */
  if (!_yrs_store_exec (db,
                        "DELETE FROM catalog_versions WHERE id NOT IN"
                        " (SELECT id FROM catalog_versions ORDER BY id DESC LIMIT 3)",
                        error) ||
      !_yrs_store_exec (db, "COMMIT", error))
    {
      g_prefix_error (error, "Saving the catalogue: ");
      _yrs_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_yrs_store_worker_save_catalog (const char     *path,
                                const char     *document,
                                const char     *etag,
                                gint64          fetched_at,
                                GCancellable   *cancellable,
                                GError        **error)
{
  sqlite3 *db = worker_connect (path, cancellable, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = _yrs_store_insert_catalog (db, document, etag, fetched_at, error);
  sqlite3_close_v2 (db);
  return ok;
}

gboolean
_yrs_store_bench_raw_insert_slots (const char  *path,
                                   GPtrArray   *slots,
                                   GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, YRS_STORE_BUSY_TIMEOUT_MS);
  rc = sqlite3_exec (db, "PRAGMA synchronous = NORMAL; BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto out;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO slots (id, facility_id, kind, starts_at,"
                           " ends_at, capacity, booked, revision, state)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'synced')",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto out;
  for (guint i = 0; i < slots->len; i++)
    {
      YrsSlot *s = g_ptr_array_index (slots, i);

      _yrs_store_bind_slot (stmt, s);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        goto out;
    }
  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  ok = rc == SQLITE_OK;

out:
  if (!ok)
    _yrs_store_set_error (error, db, rc, "Raw slot INSERTs");
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return ok;
}
