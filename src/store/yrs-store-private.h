/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-private.h: connections, schema and migrations, and YrsStore's
 * main connection and helpers, shared by the files of the store. Nothing
 * outside src/store includes this, except the store's own benchmark (for
 * its raw-INSERT baseline). */

#pragma once

#include <sqlite3.h>

#include "yrs-store.h"

G_BEGIN_DECLS

/* How long a connection waits for another's write lock. */
#define YRS_STORE_BUSY_TIMEOUT_MS 10000

/* Durability: every commit survives a crash of the app (WAL). Against a
 * power loss, the main connection's submissions, answers, receipts,
 * credentials and wipes are committed with synchronous=FULL (an fsync
 * before the call returns); drafts, saved on every change, and the cache
 * are synchronous=NORMAL: they reach the disk with the next fsync (the
 * next such commit or checkpoint), and a power cut can cost the last few
 * seconds of typing but never consistency. */
typedef enum
{
  YRS_STORE_CONNECTION_MAIN,     /* NORMAL, FULL around durable writes */
  YRS_STORE_CONNECTION_WORKER,   /* NORMAL: cache data, refetchable */
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
/* Binds a slot's columns id, facility_id, kind, starts_at, ends_at,
 * capacity, booked, revision to parameters 1 to 8, in that order (the
 * strings SQLITE_STATIC: the slot must outlive the step). */
void      _yrs_store_bind_slot     (sqlite3_stmt  *stmt,
                                    const YrsSlot *slot);
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

/* The benchmark's baseline for drafts (issue 18): the same row as a
 * draft save writes, in clear, without sealing. Never used by the app. */
gboolean  _yrs_store_bench_write_plain_draft (YrsStore    *self,
                                              const char  *owner,
                                              const char  *key,
                                              const char  *content,
                                              GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* Fairness between the main connection and a worker in one process.
 * SQLite's own busy timeout backs off in growing sleeps, so a main-thread
 * write could starve behind a worker that commits chunk after chunk. The
 * main connection's busy handler polls every 200 µs and marks that it is
 * waiting; a worker looks at the mark between chunks and lets it go
 * first. */
typedef struct _YrsStoreGate YrsStoreGate;

YrsStoreGate *_yrs_store_gate_new     (void);
YrsStoreGate *_yrs_store_gate_ref     (YrsStoreGate *gate);
void          _yrs_store_gate_unref   (YrsStoreGate *gate);
/* Installs the busy handler on the main connection (replaces the timeout). */
void          _yrs_store_gate_install (YrsStoreGate *gate,
                                       sqlite3      *db);
/* Whether the main connection is waiting for the write lock now. */
gboolean      _yrs_store_gate_main_waiting (YrsStoreGate *gate);
/* Called by a worker between transactions: waits (a bounded time) while
 * the main connection is waiting for the write lock. */
void          _yrs_store_gate_yield   (YrsStoreGate *gate);

/* Worker-thread halves of the _async calls; each opens its own connection
 * to `path` and closes it before returning. */
gboolean  _yrs_store_worker_apply_delta  (const char     *path,
                                          YrsStoreGate   *gate,
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

/* A worker's bulk write is one transaction up to this many rows, cut
 * short whenever the main thread waits for the write lock (see the gate):
 * few commits when nobody waits, a wait of a few rows when someone does. */
#define YRS_STORE_CHUNK_ROWS 20000

G_END_DECLS

G_BEGIN_DECLS

/* ---- YrsStore's main connection, shared by the files of the object ----
 * yrs-store.c (open, connection, transactions, integrity, paths),
 * yrs-store-catalog.c, yrs-store-cache.c (facilities, slots, deltas,
 * cursors), yrs-store-sessions.c (sessions, drafts, wipe),
 * yrs-store-outbox.c (outbox, server IDs, receipts), yrs-store-staff.c. */

/* A queued draft (yrs-store-sessions.c). */
typedef struct _YrsStorePendingDraft YrsStorePendingDraft;
/* The keys held in memory (yrs-store-seal.c). */
typedef struct _YrsStoreKeys YrsStoreKeys;

struct _YrsStore
{
  GObject       parent_instance;

  char         *path;
  char         *moved_aside_path;
  guint         recovered_outbox;
  int           opened_version;

  sqlite3      *db;
  YrsStoreGate *gate;
  GHashTable   *stmts;           /* SQL text -> sqlite3_stmt */
  GMainContext *context;

  GHashTable   *pending;         /* "owner\nkey" -> YrsStorePendingDraft */
  YrsStoreKeys *keys;            /* owners' data keys, the city's key */
  GSource      *flush_source;
  gint64        last_flush;      /* monotonic µs */
};

typedef sqlite3_stmt *YrsStmt;

/* Cached statements go back to the cache reset and unbound, so that no
 * read transaction stays open (it would hold up a TRUNCATE checkpoint). */
static inline void
_yrs_store_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (YrsStmt, _yrs_store_stmt_release, NULL)

/* A statement of the main connection, prepared once and cached by its SQL
 * text; use as g_auto(YrsStmt) so that it goes back reset. */
sqlite3_stmt *_yrs_store_get_stmt (YrsStore    *self,
                                   const char  *sql,
                                   GError     **error);
/* Runs a cached statement that returns no rows. */
gboolean  _yrs_store_step_done     (YrsStore      *self,
                                    sqlite3_stmt  *stmt,
                                    const char    *what,
                                    GError       **error);

/* Writes a person relies on (submissions, answers, receipts, credentials,
 * wipes) are committed with synchronous=FULL, so that they survive a power
 * cut as well as a crash; see the connection kinds above. Use as
 *   g_auto(YrsDurable) durable = _yrs_store_durable_begin (self); */
typedef YrsStore *YrsDurable;

YrsStore *_yrs_store_durable_begin (YrsStore *self);
void      _yrs_store_durable_end   (YrsStore *self);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (YrsDurable, _yrs_store_durable_end, NULL)

/* BEGIN IMMEDIATE; COMMIT (rolling back when it fails); ROLLBACK if a
 * transaction is open. */
gboolean  _yrs_store_begin         (YrsStore  *self,
                                    GError   **error);
gboolean  _yrs_store_commit        (YrsStore  *self,
                                    GError   **error);
void      _yrs_store_rollback      (YrsStore  *self);

/* A text column, NULL for SQL NULL. */
char     *_yrs_store_col_dup       (sqlite3_stmt *stmt,
                                    int           col);
/* Argument checks: a non-empty string; a JSON text (an object if
 * `object`). Set YRS_STORE_ERROR_INVALID naming `field`. */
gboolean  _yrs_store_require       (const char  *value,
                                    const char  *field,
                                    GError     **error);
gboolean  _yrs_store_require_json  (const char  *text,
                                    const char  *field,
                                    gboolean     object,
                                    GError     **error);

/* Makes one boxed row from the current row of a statement. */
typedef gpointer (*YrsStoreRowFunc) (sqlite3_stmt *stmt);

/* Collects all rows of a bound statement. */
GPtrArray *_yrs_store_collect      (YrsStore         *self,
                                    sqlite3_stmt     *stmt,
                                    YrsStoreRowFunc   from_row,
                                    GDestroyNotify    free_func,
                                    const char       *what,
                                    GError          **error);
/* The first row of a bound statement, or NULL (error set on failure). */
gpointer  _yrs_store_fetch_one     (YrsStore         *self,
                                    sqlite3_stmt     *stmt,
                                    YrsStoreRowFunc   from_row,
                                    const char       *what,
                                    GError          **error);
/* For an INSERT … RETURNING: the one row it returns, as from_row makes it.
 * The statement is stepped to its end so the insert is committed before
 * this returns. */
gpointer  _yrs_store_fetch_returning (YrsStore         *self,
                                      sqlite3_stmt     *stmt,
                                      YrsStoreRowFunc   from_row,
                                      GDestroyNotify    free_row,
                                      const char       *what,
                                      GError          **error);
/* After an UPDATE or DELETE: YRS_STORE_ERROR_NOT_FOUND ("No `what` with
 * the id `id`") unless it changed a row. */
gboolean  _yrs_store_changed_one   (YrsStore    *self,
                                    const char  *what,
                                    const char  *id,
                                    GError     **error);
/* Truncates the WAL, so that deleted personal data leaves the files. */
gboolean  _yrs_store_checkpoint_truncate (YrsStore  *self,
                                          GError   **error);

/* Emits YrsStore::draft-error. */
void      _yrs_store_emit_draft_error    (YrsStore     *self,
                                          const GError *error);
/* Emits YrsStore::outbox-changed. */
void      _yrs_store_emit_outbox_changed (YrsStore     *self,
                                          const char   *owner);
void      _yrs_store_pending_draft_free  (YrsStorePendingDraft *pending);

/* ---- Sealing (yrs-store-seal.c) ---- */
YrsStoreKeys *_yrs_store_keys_new        (void);
void      _yrs_store_keys_free           (YrsStoreKeys *keys);
/* A new random key for a kiosk session, held in memory only. */
gboolean  _yrs_store_make_session_key    (YrsStore     *self,
                                          const char   *owner,
                                          GError      **error);
void      _yrs_store_drop_owner_key      (YrsStore     *self,
                                          const char   *owner);
/* XChaCha20-Poly1305 under the owner's key: nonce || ciphertext, with
 * what\0owner\0collection\0id\0 as associated data (NULL parts left
 * out). YRS_STORE_ERROR_LOCKED without the key or when it does not open. */
GBytes   *_yrs_store_seal_row            (YrsStore     *self,
                                          const char   *what,
                                          const char   *owner,
                                          const char   *collection,
                                          const char   *id,
                                          const char   *plaintext,
                                          GError      **error);
char     *_yrs_store_open_row            (YrsStore     *self,
                                          const char   *what,
                                          const char   *owner,
                                          const char   *collection,
                                          const char   *id,
                                          const guint8 *box,
                                          gsize         box_len,
                                          GError      **error);
/* The outbox payload with its personal members sealed to the city's key;
 * NULL without an error when there is no city key. */
char     *_yrs_store_seal_payload        (YrsStore     *self,
                                          const char   *payload,
                                          GError      **error);
/* Only the members that route and show a submission. */
char     *_yrs_store_public_payload      (const char   *payload);
gboolean  _yrs_store_seal_plain_outbox   (YrsStore     *self,
                                          GError      **error);
gboolean  _yrs_store_vacuum              (YrsStore     *self,
                                          GError      **error);

G_END_DECLS
