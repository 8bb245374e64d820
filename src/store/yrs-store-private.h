/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-private.h: connections, schema and migrations, shared by the
 * files of the store. Nothing outside src/store includes this, except the
 * store's own benchmark (for its raw-INSERT baseline). */

#pragma once

#include <sqlite3.h>

#include "yrs-store.h"

G_BEGIN_DECLS

/* How long a connection waits for another's write lock. */
#define YRS_STORE_BUSY_TIMEOUT_MS 10000

typedef enum
{
  YRS_STORE_CONNECTION_MAIN,     /* synchronous=FULL: drafts and outbox survive power loss */
  YRS_STORE_CONNECTION_WORKER,   /* synchronous=NORMAL: cache data, refetchable */
} YrsStoreConnectionKind;

/* Sets `error` from the connection's last error; `what` names the step.
 * Always returns FALSE. */
gboolean  _yrs_store_set_error     (GError     **error,
                                    sqlite3     *db,
                                    int          rc,
                                    const char  *what);
gboolean  _yrs_store_exec          (sqlite3     *db,
                                    const char  *sql,
                                    GError     **error);
/* Opens an existing or new file read-write and sets the connection's
 * pragmas; does not migrate. */
sqlite3  *_yrs_store_connect       (const char             *path,
                                    YrsStoreConnectionKind  kind,
                                    GError                **error);
int       _yrs_store_user_version  (sqlite3     *db,
                                    GError     **error);
/* Brings the schema to YRS_STORE_SCHEMA_VERSION, one transaction per
 * version; refuses a newer database. */
gboolean  _yrs_store_migrate       (sqlite3     *db,
                                    int         *from_version,
                                    GError     **error);

/* Checks an existing file before it is opened for writing. Returns FALSE
 * with an error for a newer schema (the file untouched) or an I/O problem;
 * sets *damaged with a reason (for the log, no personal data) when the file
 * must be moved aside. */
gboolean  _yrs_store_probe         (const char  *path,
                                    gboolean    *damaged,
                                    char       **reason,
                                    GError     **error);
/* Renames a damaged file (and its -wal/-shm) aside; returns the new name. */
char     *_yrs_store_move_aside    (const char  *path,
                                    GError     **error);
/* Reads what outbox rows can be read from a (damaged) file. */
GPtrArray *_yrs_store_salvage_outbox (const char *path);
/* Inserts salvaged rows (YrsOutboxItem) unless their key is present;
 * returns how many were added. */
guint     _yrs_store_insert_salvaged (sqlite3    *db,
                                      GPtrArray  *items,
                                      GError    **error);

/* The benchmark's baseline: the same slots as yrs_store_apply_delta_async()
 * would write, with plain prepared INSERTs in one transaction on a new
 * connection to `path`. */
gboolean  _yrs_store_bench_raw_insert_slots (const char  *path,
                                             GPtrArray   *slots,
                                             GError     **error);
/* Deletes every slot (benchmark setup). */
gboolean  _yrs_store_bench_clear_slots      (const char  *path,
                                             GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* Worker-thread halves of the _async calls; each opens its own connection
 * to `path` and closes it before returning. */
gboolean  _yrs_store_worker_apply_delta  (const char     *path,
                                          YrsStoreDelta  *delta,
                                          GCancellable   *cancellable,
                                          GError        **error);
gboolean  _yrs_store_insert_catalog      (sqlite3        *db,
                                          const char     *document,
                                          const char     *etag,
                                          gint64          fetched_at,
                                          GError        **error);
gboolean  _yrs_store_worker_save_catalog (const char     *path,
                                          const char     *document,
                                          const char     *etag,
                                          gint64          fetched_at,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* Rows handed to the worker per transaction: big enough to be fast, small
 * enough that a main-thread write waits only a few milliseconds. */
#define YRS_STORE_CHUNK_ROWS 500

G_END_DECLS
