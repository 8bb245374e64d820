/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The storage interface (yrs-server-store.h): the calls go to the
 * connection's backend; and the per-instance connection pool. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <string.h>

#include "yrs-server-store.h"
#include "yrs-server.h"

YrsDbKind
_yrs_db_kind_for_location (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://")
         ? YRS_DB_POSTGRESQL : YRS_DB_SQLITE;
}

YrsDb *
_yrs_db_open (const char *location,
              GError    **error)
{
  if (_yrs_db_kind_for_location (location) == YRS_DB_POSTGRESQL)
    return _yrs_db_postgresql_open (location, error);
  return _yrs_db_sqlite_open (location, error);
}

void
_yrs_db_close (YrsDb *db)
{
  if (db != NULL)
    db->backend->close (db);
}

YrsDbKind
_yrs_db_get_kind (YrsDb *db)
{
  return db->kind;
}

gboolean
_yrs_db_migrate (YrsDb   *db,
                 GError **error)
{
  return db->backend->migrate (db, error);
}

gboolean
_yrs_db_exec (YrsDb      *db,
              const char *sql,
              GError    **error)
{
  return db->backend->exec (db, sql, error);
}

gboolean
_yrs_db_begin_write (YrsDb   *db,
                     GError **error)
{
  return db->backend->begin_write (db, error);
}

gboolean
_yrs_db_begin_read (YrsDb   *db,
                    GError **error)
{
  return db->backend->begin_read (db, error);
}

gboolean
_yrs_db_begin_exclusive (YrsDb   *db,
                         GError **error)
{
  return db->backend->begin_exclusive (db, error);
}

gboolean
_yrs_db_in_transaction (YrsDb *db)
{
  return db->backend->in_transaction (db);
}

int
_yrs_db_changes (YrsDb *db)
{
  return db->backend->changes (db);
}

const char *
_yrs_db_errmsg (YrsDb *db)
{
  return db->backend->errmsg (db);
}

gboolean
_yrs_db_is_broken (YrsDb *db)
{
  return db->backend->is_broken (db);
}

YrsStmt *
_yrs_db_prepare (YrsDb      *db,
                 const char *sql)
{
  return db->backend->prepare (db, sql);
}

YrsStmt *
_yrs_db_prepare_dialect (YrsDb      *db,
                         const char *sqlite_sql,
                         const char *postgresql_sql)
{
  return db->backend->prepare (db, db->kind == YRS_DB_POSTGRESQL ? postgresql_sql : sqlite_sql);
}

void
_yrs_stmt_finalize (YrsStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->backend->finalize (stmt);
}

int
_yrs_stmt_step (YrsStmt *stmt)
{
  return stmt->db->backend->step (stmt);
}

void
_yrs_stmt_reset (YrsStmt *stmt)
{
  stmt->db->backend->reset (stmt);
}

const char *
_yrs_stmt_sql (YrsStmt *stmt)
{
  return stmt->db->backend->sql (stmt);
}

int
_yrs_stmt_parameter_index (YrsStmt    *stmt,
                           const char *name)
{
  return stmt->db->backend->parameter_index (stmt, name);
}

void
_yrs_stmt_bind_text (YrsStmt    *stmt,
                     int         index,
                     const char *text)
{
  if (text == NULL)
    stmt->db->backend->bind_null (stmt, index);
  else
    stmt->db->backend->bind_text (stmt, index, text, -1);
}

void
_yrs_stmt_bind_int64 (YrsStmt *stmt,
                      int      index,
                      gint64   value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

void
_yrs_stmt_bind_int (YrsStmt *stmt,
                    int      index,
                    int      value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

void
_yrs_stmt_bind_null (YrsStmt *stmt,
                     int      index)
{
  stmt->db->backend->bind_null (stmt, index);
}

void
_yrs_stmt_bind_blob (YrsStmt    *stmt,
                     int         index,
                     const void *data,
                     gsize       length)
{
  stmt->db->backend->bind_text (stmt, index, data != NULL ? data : "", (gssize) length);
}

gboolean
_yrs_stmt_column_is_null (YrsStmt *stmt,
                          int      column)
{
  return stmt->db->backend->column_is_null (stmt, column);
}

const char *
_yrs_stmt_column_text (YrsStmt *stmt,
                       int      column)
{
  return stmt->db->backend->column_text (stmt, column);
}

gint64
_yrs_stmt_column_int64 (YrsStmt *stmt,
                        int      column)
{
  return stmt->db->backend->column_int64 (stmt, column);
}

int
_yrs_stmt_column_int (YrsStmt *stmt,
                      int      column)
{
  return (int) stmt->db->backend->column_int64 (stmt, column);
}

const void *
_yrs_stmt_column_blob (YrsStmt *stmt,
                       int      column)
{
  return stmt->db->backend->column_text (stmt, column);
}

int
_yrs_stmt_column_bytes (YrsStmt *stmt,
                        int      column)
{
  return stmt->db->backend->column_bytes (stmt, column);
}

/* The pool */

struct _YrsDbPool
{
  char   *location;
  guint   size;
  guint   open;          /* connections handed out or idle */
  GQueue  idle;
  GMutex  lock;
  GCond   freed;
};

YrsDbPool *
_yrs_db_pool_new (const char *location,
                  guint       size)
{
  YrsDbPool *pool = g_new0 (YrsDbPool, 1);

  pool->location = g_strdup (location);
  pool->size = MAX (size, 1);
  g_queue_init (&pool->idle);
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->freed);
  return pool;
}

void
_yrs_db_pool_free (YrsDbPool *pool)
{
  YrsDb *db;

  if (pool == NULL)
    return;
  while ((db = g_queue_pop_head (&pool->idle)) != NULL)
    _yrs_db_close (db);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->freed);
  g_free (pool->location);
  g_free (pool);
}

YrsDb *
_yrs_db_pool_acquire (YrsDbPool *pool,
                      guint      timeout_ms,
                      GError   **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  YrsDb *db = NULL;

  g_mutex_lock (&pool->lock);
  for (;;)
    {
      db = g_queue_pop_head (&pool->idle);
      /* One whose server went away while it was idle is dropped here,
       * not found out by the request's first statement. */
      if (db != NULL && !db->backend->check_alive (db))
        {
          _yrs_db_close (db);
          pool->open--;
          continue;
        }
      if (db != NULL || pool->open < pool->size)
        break;
      if (!g_cond_wait_until (&pool->freed, &pool->lock, deadline))
        {
          g_mutex_unlock (&pool->lock);
          g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                       "no free database connection in %u ms", timeout_ms);
          return NULL;
        }
    }
  if (db == NULL)
    pool->open++;          /* a place taken for the one opened below */
  g_mutex_unlock (&pool->lock);

  if (db != NULL)
    return db;
  db = _yrs_db_open (pool->location, error);
  if (db == NULL)
    {
      g_mutex_lock (&pool->lock);
      pool->open--;
      g_cond_signal (&pool->freed);
      g_mutex_unlock (&pool->lock);
    }
  return db;
}

void
_yrs_db_pool_release (YrsDbPool *pool,
                      YrsDb     *db)
{
  gboolean keep = !_yrs_db_is_broken (db);

  if (keep && _yrs_db_in_transaction (db))
    {
      g_critical ("a connection was given back inside a transaction");
      keep = _yrs_db_exec (db, "ROLLBACK;", NULL) && !_yrs_db_is_broken (db);
    }
  if (!keep)
    _yrs_db_close (db);
  g_mutex_lock (&pool->lock);
  if (keep)
    g_queue_push_head (&pool->idle, db);
  else
    pool->open--;
  g_cond_signal (&pool->freed);
  g_mutex_unlock (&pool->lock);
}
