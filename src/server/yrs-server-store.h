/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-store.h: the storage interface of yorisoi-server. One
 * connection (YrsDb) and its prepared statements (YrsStmt), with two
 * backends behind them:
 *
 *   --db FILE               SQLite (yrs-server-store-sqlite.c), embedded;
 *   --db postgresql://…     PostgreSQL 15 through libpq
 *                           (yrs-server-store-pg.c), for several instances.
 *
 * Statements are written once, in SQLite's dialect with "?", "?N" or
 * ":name" parameters; the PostgreSQL backend numbers them "$N". Where the
 * dialects differ, _yrs_db_prepare_dialect() takes both texts. Values are
 * bound and read as with sqlite3 (step until YRS_DB_DONE, columns from 0).
 *
 * Transactions (what the contract relies on, in both backends):
 *   _yrs_db_begin_write()     SQLite BEGIN IMMEDIATE (one writer at a
 *                             time); PostgreSQL BEGIN (READ COMMITTED): a
 *                             write is decided by conditional UPDATEs,
 *                             INSERT … ON CONFLICT and row locks;
 *   _yrs_db_begin_read()      one snapshot for several reads (SQLite
 *                             BEGIN, PostgreSQL REPEATABLE READ READ ONLY);
 *   _yrs_db_begin_exclusive() set-up and migrations: one instance at a
 *                             time (PostgreSQL adds an advisory lock).
 *
 * A connection is used by one thread at a time: take one from the
 * instance's pool (YrsDbPool) for a request and give it back after.
 * When the database cannot be reached _yrs_db_is_broken() says so; the
 * server answers 503 with Retry-After and the pool opens a new
 * connection for a later request. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YrsDb     YrsDb;
typedef struct _YrsStmt   YrsStmt;
typedef struct _YrsDbPool YrsDbPool;

/* The values of sqlite3's codes, so that either can be compared. */
#define YRS_DB_ERROR 1
#define YRS_DB_ROW   100
#define YRS_DB_DONE  101

typedef enum
{
  YRS_DB_SQLITE,
  YRS_DB_POSTGRESQL,
} YrsDbKind;

/* location: a file path (SQLite) or a postgresql:// or postgres:// URI. */
YrsDbKind    _yrs_db_kind_for_location      (const char *location);
YrsDb       *_yrs_db_open                   (const char *location,
                                             GError    **error);
void         _yrs_db_close                  (YrsDb      *db);
YrsDbKind    _yrs_db_get_kind               (YrsDb      *db);
/* Creates or upgrades the schema; several processes may call it at once. */
gboolean     _yrs_db_migrate                (YrsDb      *db,
                                             GError    **error);
/* Runs SQL without results ("COMMIT;", "ROLLBACK;", DDL). */
gboolean     _yrs_db_exec                   (YrsDb      *db,
                                             const char *sql,
                                             GError    **error);
gboolean     _yrs_db_begin_write            (YrsDb      *db,
                                             GError    **error);
gboolean     _yrs_db_begin_read             (YrsDb      *db,
                                             GError    **error);
gboolean     _yrs_db_begin_exclusive        (YrsDb      *db,
                                             GError    **error);
gboolean     _yrs_db_in_transaction         (YrsDb      *db);
/* Rows changed by the last statement. */
int          _yrs_db_changes                (YrsDb      *db);
const char  *_yrs_db_errmsg                 (YrsDb      *db);
/* The connection is lost (the database stopped or is unreachable). */
gboolean     _yrs_db_is_broken              (YrsDb      *db);

/* The statements are constants of this program: failing to prepare one
 * (SQLite) is a programming error. */
YrsStmt     *_yrs_db_prepare                (YrsDb      *db,
                                             const char *sql);
YrsStmt     *_yrs_db_prepare_dialect        (YrsDb      *db,
                                             const char *sqlite_sql,
                                             const char *postgresql_sql);
void         _yrs_stmt_finalize             (YrsStmt    *stmt);
/* YRS_DB_ROW, YRS_DB_DONE or YRS_DB_ERROR. */
int          _yrs_stmt_step                 (YrsStmt    *stmt);
/* Ready to step again from the start; the bound values stay. */
void         _yrs_stmt_reset                (YrsStmt    *stmt);
const char  *_yrs_stmt_sql                  (YrsStmt    *stmt);
/* Of ":name"; 0 when the statement has none. */
int          _yrs_stmt_parameter_index      (YrsStmt    *stmt,
                                             const char *name);
/* text NULL binds NULL. Indexes from 1. */
void         _yrs_stmt_bind_text            (YrsStmt    *stmt,
                                             int         index,
                                             const char *text);
void         _yrs_stmt_bind_int64           (YrsStmt    *stmt,
                                             int         index,
                                             gint64      value);
void         _yrs_stmt_bind_int             (YrsStmt    *stmt,
                                             int         index,
                                             int         value);
void         _yrs_stmt_bind_null            (YrsStmt    *stmt,
                                             int         index);
/* Text bytes (JSON); stored as BLOB in SQLite, TEXT in PostgreSQL. */
void         _yrs_stmt_bind_blob            (YrsStmt    *stmt,
                                             int         index,
                                             const void *data,
                                             gsize       length);
gboolean     _yrs_stmt_column_is_null       (YrsStmt    *stmt,
                                             int         column);
const char  *_yrs_stmt_column_text          (YrsStmt    *stmt,
                                             int         column);
gint64       _yrs_stmt_column_int64         (YrsStmt    *stmt,
                                             int         column);
int          _yrs_stmt_column_int           (YrsStmt    *stmt,
                                             int         column);
const void  *_yrs_stmt_column_blob          (YrsStmt    *stmt,
                                             int         column);
int          _yrs_stmt_column_bytes         (YrsStmt    *stmt,
                                             int         column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsStmt, _yrs_stmt_finalize)

/* A pool of at most size connections to one location, for one instance. */
YrsDbPool   *_yrs_db_pool_new               (const char *location,
                                             guint       size);
void         _yrs_db_pool_free              (YrsDbPool  *pool);
/* Waits up to timeout_ms for a free connection; opens one when none is
 * idle and the pool is below its size. NULL with error when the database
 * cannot be reached or the wait times out. */
YrsDb       *_yrs_db_pool_acquire           (YrsDbPool  *pool,
                                             guint       timeout_ms,
                                             GError    **error);
/* A broken connection, or one left inside a transaction, is closed. */
void         _yrs_db_pool_release           (YrsDbPool  *pool,
                                             YrsDb      *db);

/* The backends (yrs-server-store-*.c). */
typedef struct
{
  void        (*close)             (YrsDb *db);
  gboolean    (*exec)              (YrsDb *db, const char *sql, GError **error);
  gboolean    (*begin_write)       (YrsDb *db, GError **error);
  gboolean    (*begin_read)        (YrsDb *db, GError **error);
  gboolean    (*begin_exclusive)   (YrsDb *db, GError **error);
  gboolean    (*in_transaction)    (YrsDb *db);
  gboolean    (*migrate)           (YrsDb *db, GError **error);
  int         (*changes)           (YrsDb *db);
  const char *(*errmsg)            (YrsDb *db);
  gboolean    (*is_broken)         (YrsDb *db);
  gboolean    (*check_alive)       (YrsDb *db);
  YrsStmt    *(*prepare)           (YrsDb *db, const char *sql);
  void        (*finalize)          (YrsStmt *stmt);
  int         (*step)              (YrsStmt *stmt);
  void        (*reset)             (YrsStmt *stmt);
  const char *(*sql)               (YrsStmt *stmt);
  int         (*parameter_index)   (YrsStmt *stmt, const char *name);
  void        (*bind_text)         (YrsStmt *stmt, int index, const char *text, gssize length);
  void        (*bind_int64)        (YrsStmt *stmt, int index, gint64 value);
  void        (*bind_null)         (YrsStmt *stmt, int index);
  gboolean    (*column_is_null)    (YrsStmt *stmt, int column);
  const char *(*column_text)       (YrsStmt *stmt, int column);
  gint64      (*column_int64)      (YrsStmt *stmt, int column);
  int         (*column_bytes)      (YrsStmt *stmt, int column);
} YrsDbBackend;

struct _YrsDb
{
  const YrsDbBackend *backend;
  YrsDbKind           kind;
};

struct _YrsStmt
{
  YrsDb *db;
};

YrsDb       *_yrs_db_sqlite_open            (const char *path,
                                             GError    **error);
YrsDb       *_yrs_db_postgresql_open        (const char *uri,
                                             GError    **error);

G_END_DECLS
