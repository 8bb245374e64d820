/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store.c: YrsStore, the device's database. See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yrs-store-private.h"

/* At most one deferred draft write per this interval. */
#define DRAFT_WRITE_INTERVAL_US (300 * G_TIME_SPAN_MILLISECOND)

typedef sqlite3_stmt *YrsStmt;

/* Cached statements go back to the cache reset and unbound, so that no
 * read transaction stays open (it would hold up a TRUNCATE checkpoint). */
static void
stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (YrsStmt, stmt_release, NULL)

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

typedef struct
{
  char *owner;
  char *key;
  char *content;
} PendingDraft;

static void
pending_draft_free (PendingDraft *pending)
{
  g_free (pending->owner);
  g_free (pending->key);
  if (pending->content != NULL)
    memset (pending->content, 0, strlen (pending->content));
  g_free (pending->content);
  g_free (pending);
}

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

  GHashTable   *pending;         /* "owner\nkey" -> PendingDraft */
  GSource      *flush_source;
  gint64        last_flush;      /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (YrsStore, yrs_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (yrs-store-error-quark, yrs_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MOVED_ASIDE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DRAFT_ERROR,
  OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------ */

static sqlite3_stmt *
get_stmt (YrsStore    *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _yrs_store_set_error (error, self->db, rc, "Preparing a statement");
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

/* Runs a cached statement that returns no rows. */
static gboolean
step_done (YrsStore     *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _yrs_store_set_error (error, self->db, rc, what);
  return TRUE;
}

static gboolean
exec_cached (YrsStore    *self,
             const char  *sql,
             GError     **error)
{
  g_auto(YrsStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  return step_done (self, stmt, sql, error);
}

/* Writes a person relies on (submissions, answers, receipts, credentials,
 * wipes) are committed with synchronous=FULL, so that they survive a power
 * cut as well as a crash; see yrs-store-private.h. Use as
 *   g_auto(YrsDurable) durable = durable_begin (self); */
typedef YrsStore *YrsDurable;

static void
durable_end (YrsStore *self)
{
  exec_cached (self, "PRAGMA synchronous = NORMAL", NULL);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (YrsDurable, durable_end, NULL)

static YrsStore *
durable_begin (YrsStore *self)
{
  exec_cached (self, "PRAGMA synchronous = FULL", NULL);
  return self;
}

static gboolean
begin (YrsStore  *self,
       GError   **error)
{
  return exec_cached (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (YrsStore  *self,
        GError   **error)
{
  if (exec_cached (self, "COMMIT", error))
    return TRUE;
  exec_cached (self, "ROLLBACK", NULL);
  return FALSE;
}

static void
rollback (YrsStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec_cached (self, "ROLLBACK", NULL);
}

static char *
col_dup (sqlite3_stmt *stmt,
         int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
require (const char  *value,
         const char  *field,
         GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
               "The field “%s” must not be empty", field);
  return FALSE;
}

static gboolean
require_json (const char  *text,
              const char  *field,
              gboolean     object,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!require (text, field, error))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “%s” is not JSON: %s", field, local_error->message);
      return FALSE;
    }
  if (object && !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “%s” must be a JSON object", field);
      return FALSE;
    }
  return TRUE;
}

static char *
default_path (gboolean *is_default_dir)
{
  const char *env = g_getenv ("YRS_DB");

  if (env != NULL && *env != '\0')
    {
      *is_default_dir = FALSE;
      return g_strdup (env);
    }
  *is_default_dir = TRUE;
  return g_build_filename (g_get_user_data_dir (), "yorisoi", "yorisoi.db", NULL);
}

char *
yrs_store_default_path (void)
{
  gboolean is_default_dir;

  return default_path (&is_default_dir);
}

/* ---- GObject ------------------------------------------------------------ */

static void
yrs_store_dispose (GObject *object)
{
  YrsStore *self = YRS_STORE (object);

  if (self->db != NULL && self->pending != NULL &&
      g_hash_table_size (self->pending) > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!yrs_store_flush_drafts (self, &error))
        g_critical ("Drafts could not be saved on close: %s", error->message);
    }
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }

  G_OBJECT_CLASS (yrs_store_parent_class)->dispose (object);
}

static void
yrs_store_finalize (GObject *object)
{
  YrsStore *self = YRS_STORE (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->gate, _yrs_store_gate_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);
  g_free (self->moved_aside_path);

  G_OBJECT_CLASS (yrs_store_parent_class)->finalize (object);
}

static void
yrs_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YrsStore *self = YRS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_store_class_init (YrsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_store_dispose;
  object_class->finalize = yrs_store_finalize;
  object_class->get_property = yrs_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YrsStore::draft-error:
   * @error: the #GError of a deferred draft write
   *
   * A queued draft could not be written; it stays pending and is tried
   * again with the next change or flush.
   */
  signals[DRAFT_ERROR] =
    g_signal_new ("draft-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * YrsStore::outbox-changed:
   * @owner: (nullable): the owner whose rows changed, NULL for any
   *
   * Rows were queued, discarded or made due through this store object
   * (not the sync engine's answers: they come from its own connection,
   * and the engine says so with YrsSyncEngine::row-answered).
   */
  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yrs_store_init (YrsStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       stmt_finalize);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pending_draft_free);
  self->context = g_main_context_ref_thread_default ();
}

static gboolean
ensure_directory (const char  *path,
                  gboolean     is_default_dir,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                       "Cannot create the directory “%s”: %s", dir,
                       g_strerror (saved));
          return FALSE;
        }
      is_default_dir = TRUE;   /* ours: make it private below */
    }
  if (is_default_dir && g_chmod (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot make the directory “%s” private: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

YrsStore *
yrs_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(YrsStore) self = NULL;
  g_autoptr(GPtrArray) salvaged = NULL;
  g_autofree char *reason = NULL;
  gboolean is_default_dir = FALSE;
  gboolean damaged = FALSE;

  self = g_object_new (YRS_TYPE_STORE, NULL);
  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = default_path (&is_default_dir);

  if (!ensure_directory (self->path, is_default_dir, error))
    return NULL;
  if (!_yrs_store_probe (self->path, &damaged, &reason, error))
    return NULL;

  if (damaged)
    {
      self->moved_aside_path = _yrs_store_move_aside (self->path, error);
      if (self->moved_aside_path == NULL)
        return NULL;
      g_message ("The database was damaged (%s) and was moved aside to “%s”; "
                 "starting with a fresh one", reason, self->moved_aside_path);
      salvaged = _yrs_store_salvage_outbox (self->moved_aside_path);
    }

  self->db = _yrs_store_connect (self->path, YRS_STORE_CONNECTION_MAIN, error);
  if (self->db == NULL)
    return NULL;
  self->gate = _yrs_store_gate_new ();
  _yrs_store_gate_install (self->gate, self->db);
  if (!_yrs_store_migrate (self->db, &self->opened_version, error))
    return NULL;

  if (salvaged != NULL && salvaged->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      self->recovered_outbox = _yrs_store_insert_salvaged (self->db, salvaged,
                                                           &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "Carrying over the outbox from “%s”: ",
                                      self->moved_aside_path);
          return NULL;
        }
      g_message ("Carried %u outbox rows over from the damaged database",
                 self->recovered_outbox);
    }

  return g_steal_pointer (&self);
}

YrsStore *
yrs_store_open_another (YrsStore  *store,
                        GError   **error)
{
  g_autoptr(YrsStore) self = NULL;

  g_return_val_if_fail (YRS_IS_STORE (store), NULL);

  self = g_object_new (YRS_TYPE_STORE, NULL);
  self->path = g_strdup (store->path);
  self->opened_version = store->opened_version;
  self->db = _yrs_store_connect (self->path, YRS_STORE_CONNECTION_MAIN, error);
  if (self->db == NULL)
    return NULL;
  self->gate = _yrs_store_gate_new ();
  _yrs_store_gate_install (self->gate, self->db);
  return g_steal_pointer (&self);
}

const char *
yrs_store_get_path (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), NULL);
  return self->path;
}

const char *
yrs_store_get_moved_aside_path (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), NULL);
  return self->moved_aside_path;
}

guint
yrs_store_get_recovered_outbox_count (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), 0);
  return self->recovered_outbox;
}

int
yrs_store_get_opened_version (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), 0);
  return self->opened_version;
}

gboolean
yrs_store_check_integrity (YrsStore  *self,
                           GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = get_stmt (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  if (rc != SQLITE_DONE)
    return _yrs_store_set_error (error, self->db, rc, "integrity_check");
  if (problems->len > 0)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_CORRUPT,
                   "integrity_check of “%s” failed: %s", self->path, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* ---- catalogue ---------------------------------------------------------- */

gboolean
yrs_store_save_catalog (YrsStore    *self,
                        const char  *document,
                        const char  *etag,
                        gint64       fetched_at,
                        GError     **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!require_json (document, "document", TRUE, error))
    return FALSE;
  return _yrs_store_insert_catalog (self->db, document, etag, fetched_at, error);
}

typedef struct
{
  char   *path;
  char   *document;
  char   *etag;
  gint64  fetched_at;
} SaveCatalogData;

static void
save_catalog_data_free (SaveCatalogData *data)
{
  g_free (data->path);
  g_free (data->document);
  g_free (data->etag);
  g_free (data);
}

static void
save_catalog_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SaveCatalogData *data = task_data;
  GError *error = NULL;

  if (!require_json (data->document, "document", TRUE, &error) ||
      !_yrs_store_worker_save_catalog (data->path, data->document, data->etag,
                                       data->fetched_at, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
yrs_store_save_catalog_async (YrsStore            *self,
                              const char          *document,
                              const char          *etag,
                              gint64               fetched_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveCatalogData *data;

  g_return_if_fail (YRS_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_store_save_catalog_async);
  data = g_new0 (SaveCatalogData, 1);
  data->path = g_strdup (self->path);
  data->document = g_strdup (document);
  data->etag = g_strdup (etag);
  data->fetched_at = fetched_at;
  g_task_set_task_data (task, data, (GDestroyNotify) save_catalog_data_free);
  g_task_run_in_thread (task, save_catalog_thread);
}

gboolean
yrs_store_save_catalog_finish (YrsStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

YrsCatalogVersion *
yrs_store_get_latest_catalog (YrsStore  *self,
                              GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  YrsCatalogVersion *version;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id, document, etag, fetched_at FROM catalog_versions"
                   " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _yrs_store_set_error (error, self->db, rc, "Reading the catalogue");
      return NULL;
    }
  version = g_new0 (YrsCatalogVersion, 1);
  version->id = sqlite3_column_int64 (stmt, 0);
  version->document = col_dup (stmt, 1);
  version->etag = col_dup (stmt, 2);
  version->fetched_at = sqlite3_column_int64 (stmt, 3);
  return version;
}

/* ---- facilities and slots ---------------------------------------------- */

#define FACILITY_COLUMNS "id, name, document, revision, state"
#define SLOT_COLUMNS "id, facility_id, kind, starts_at, ends_at, capacity, booked, revision, state"

static YrsStoreFacility *
facility_from_row (sqlite3_stmt *stmt)
{
  YrsStoreFacility *f = g_new0 (YrsStoreFacility, 1);

  f->id = col_dup (stmt, 0);
  f->name = col_dup (stmt, 1);
  f->document = col_dup (stmt, 2);
  f->revision = sqlite3_column_int64 (stmt, 3);
  if (!yrs_offline_state_from_string ((const char *) sqlite3_column_text (stmt, 4), &f->state))
    f->state = YRS_OFFLINE_STATE_SYNCED;
  return f;
}

static YrsSlot *
slot_from_row (sqlite3_stmt *stmt)
{
  YrsSlot *s = g_new0 (YrsSlot, 1);

  s->id = col_dup (stmt, 0);
  s->facility_id = col_dup (stmt, 1);
  s->kind = col_dup (stmt, 2);
  s->starts_at = col_dup (stmt, 3);
  s->ends_at = col_dup (stmt, 4);
  s->capacity = sqlite3_column_int (stmt, 5);
  s->booked = sqlite3_column_int (stmt, 6);
  s->revision = sqlite3_column_int64 (stmt, 7);
  if (!yrs_offline_state_from_string ((const char *) sqlite3_column_text (stmt, 8), &s->state))
    s->state = YRS_OFFLINE_STATE_SYNCED;
  return s;
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

/* Collects all rows of a bound statement. */
static GPtrArray *
collect (YrsStore       *self,
         sqlite3_stmt   *stmt,
         RowFunc         from_row,
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _yrs_store_set_error (error, self->db, rc, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The first row of a bound statement, or NULL (error set on failure). */
static gpointer
fetch_one (YrsStore      *self,
           sqlite3_stmt  *stmt,
           RowFunc        from_row,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, what);
  return NULL;
}

/* For an INSERT … RETURNING: the one row it returns, as from_row makes it.
 * The statement is stepped to its end so the insert is committed before
 * this returns. */
static gpointer
fetch_returning (YrsStore       *self,
                 sqlite3_stmt   *stmt,
                 RowFunc         from_row,
                 GDestroyNotify  free_row,
                 const char     *what,
                 GError        **error)
{
  gpointer row;
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      _yrs_store_set_error (error, self->db, rc, what);
      return NULL;
    }
  row = from_row (stmt);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      free_row (row);
      _yrs_store_set_error (error, self->db, rc, what);
      return NULL;
    }
  return row;
}

gboolean
yrs_store_put_facility (YrsStore                *self,
                        const YrsStoreFacility  *facility,
                        GError                 **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (facility != NULL, FALSE);

  if (!require (facility->id, "facility.id", error))
    return FALSE;
  stmt = get_stmt (self,
                   "INSERT OR REPLACE INTO facilities (" FACILITY_COLUMNS ")"
                   " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, facility->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, facility->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, facility->document, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, facility->revision);
  sqlite3_bind_text (stmt, 5, yrs_offline_state_to_string (facility->state), -1, SQLITE_STATIC);
  return step_done (self, stmt, "Saving a facility", error);
}

YrsStoreFacility *
yrs_store_get_facility (YrsStore    *self,
                        const char  *id,
                        GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT " FACILITY_COLUMNS " FROM facilities WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return fetch_one (self, stmt, (RowFunc) facility_from_row, "Reading a facility", error);
}

GPtrArray *
yrs_store_list_facilities (YrsStore  *self,
                           GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT " FACILITY_COLUMNS " FROM facilities"
                   " WHERE state != 'locally_deleted' ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  return collect (self, stmt, (RowFunc) facility_from_row,
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

  if (!require (slot->id, "slot.id", error) ||
      !require (slot->facility_id, "slot.facility_id", error) ||
      !require (slot->kind, "slot.kind", error) ||
      !require (slot->starts_at, "slot.starts_at", error) ||
      !require (slot->ends_at, "slot.ends_at", error))
    return FALSE;
  stmt = get_stmt (self,
                   "INSERT OR REPLACE INTO slots (" SLOT_COLUMNS ")"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _yrs_store_bind_slot (stmt, slot);
  sqlite3_bind_text (stmt, 9, yrs_offline_state_to_string (slot->state), -1, SQLITE_STATIC);
  return step_done (self, stmt, "Saving a slot", error);
}

YrsSlot *
yrs_store_get_slot (YrsStore    *self,
                    const char  *id,
                    GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT " SLOT_COLUMNS " FROM slots WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return fetch_one (self, stmt, (RowFunc) slot_from_row, "Reading a slot", error);
}

static gboolean
changed_one (YrsStore    *self,
             const char  *what,
             const char  *id,
             GError     **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND,
               "No %s with the id “%s”", what, id);
  return FALSE;
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

  if (!require (id, "slot.id", error))
    return FALSE;
  stmt = get_stmt (self,
                   "UPDATE slots SET state = ?1,"
                   " revision = CASE WHEN ?2 > 0 THEN ?2 ELSE revision END"
                   " WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, yrs_offline_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, revision);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Setting a slot's state", error) &&
         changed_one (self, "slot", id, error);
}

gboolean
yrs_store_remove_slot (YrsStore    *self,
                       const char  *id,
                       GError     **error)
{
  g_auto(YrsStmt) del = NULL;
  g_auto(YrsStmt) tomb = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!require (id, "slot.id", error))
    return FALSE;
  del = get_stmt (self, "DELETE FROM slots WHERE id = ? AND state = 'locally_created'", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_text (del, 1, id, -1, SQLITE_STATIC);
  if (!step_done (self, del, "Removing a slot", error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  tomb = get_stmt (self, "UPDATE slots SET state = 'locally_deleted' WHERE id = ?", error);
  if (tomb == NULL)
    return FALSE;
  sqlite3_bind_text (tomb, 1, id, -1, SQLITE_STATIC);
  return step_done (self, tomb, "Removing a slot", error) &&
         changed_one (self, "slot", id, error);
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

  stmt = get_stmt (self, sql->str, error);
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
  return collect (self, stmt, (RowFunc) slot_from_row,
                  (GDestroyNotify) yrs_slot_free, "Listing slots", error);
}

guint
yrs_store_count_slots (YrsStore  *self,
                       GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), 0);

  stmt = get_stmt (self, "SELECT count(*) FROM slots WHERE state != 'locally_deleted'", error);
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

  if (!require (name, "cursor name", error))
    return NULL;
  stmt = get_stmt (self, "SELECT value FROM sync_state WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return col_dup (stmt, 0);
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

  if (!require (name, "cursor name", error))
    return FALSE;
  stmt = get_stmt (self,
                   "INSERT INTO sync_state (name, value) VALUES (?1, ?2)"
                   " ON CONFLICT (name) DO UPDATE SET value = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Saving a sync cursor", error);
}

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

  if (!require (idempotency_key, "idempotency_key", error) ||
      !require (server_id, "server_id", error))
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

  if (!require (idempotency_key, "idempotency_key", error))
    return NULL;
  name = g_strconcat ("server-id:", idempotency_key, NULL);
  return yrs_store_get_sync_cursor (self, name, error);
}

/* ---- sessions ----------------------------------------------------------- */

static YrsSessionInfo *
session_from_row (sqlite3_stmt *stmt)
{
  YrsSessionInfo *info = g_new0 (YrsSessionInfo, 1);

  info->id = col_dup (stmt, 0);
  info->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "staff") == 0
               ? YRS_SESSION_KIND_STAFF : YRS_SESSION_KIND_KIOSK;
  info->staff_id = col_dup (stmt, 2);
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
  stmt = get_stmt (self,
                   "INSERT INTO sessions (id, kind, staff_id, created_at)"
                   " VALUES (?1, ?2, ?3, ?4)"
                   " ON CONFLICT (id) DO UPDATE SET wiped_at = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, yrs_session_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  return step_done (self, stmt, "Creating a session", error);
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
  return g_steal_pointer (&id);
}

char *
yrs_store_ensure_staff_session (YrsStore    *self,
                                const char  *staff_id,
                                GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!require (staff_id, "staff_id", error))
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

  stmt = get_stmt (self,
                   "SELECT id, kind, staff_id, created_at, wiped_at FROM sessions"
                   " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  return fetch_one (self, stmt, (RowFunc) session_from_row, "Reading a session", error);
}

GPtrArray *
yrs_store_list_sessions (YrsStore  *self,
                         GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id, kind, staff_id, created_at, wiped_at FROM sessions"
                   " WHERE wiped_at = 0 ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  return collect (self, stmt, (RowFunc) session_from_row,
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

  stmt = get_stmt (self,
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
  return step_done (self, stmt, "Saving a draft", error);
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

  if (!require (owner, "owner", error) ||
      !require (key, "key", error) ||
      !require_json (content, "content", FALSE, error) ||
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
    g_signal_emit (self, signals[DRAFT_ERROR], 0, error);
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
  PendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!require (owner, "owner", error) ||
      !require (key, "key", error) ||
      !require_json (content, "content", FALSE, error) ||
      !check_live_session (self, owner, error))
    return FALSE;

  pending = g_new0 (PendingDraft, 1);
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
  PendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  if (g_hash_table_size (self->pending) == 0)
    return TRUE;

  if (!begin (self, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    if (!write_draft (self, pending->owner, pending->key, pending->content, error))
      {
        rollback (self);
        return FALSE;
      }
  if (!commit (self, error))
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
  PendingDraft *pending;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!require (owner, "owner", error) || !require (key, "key", error))
    return NULL;
  pkey = pending_key (owner, key);
  pending = g_hash_table_lookup (self->pending, pkey);
  if (pending != NULL)
    return g_strdup (pending->content);

  stmt = get_stmt (self, "SELECT content FROM drafts WHERE owner = ? AND key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return col_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, "Loading a draft");
  return NULL;
}

static YrsDraft *
draft_from_row (sqlite3_stmt *stmt)
{
  YrsDraft *draft = g_new0 (YrsDraft, 1);

  draft->owner = col_dup (stmt, 0);
  draft->key = col_dup (stmt, 1);
  draft->content = col_dup (stmt, 2);
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
  PendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!require (owner, "owner", error))
    return NULL;
  stmt = get_stmt (self,
                   "SELECT owner, key, content, updated_at FROM drafts"
                   " WHERE owner = ? ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  drafts = collect (self, stmt, (RowFunc) draft_from_row,
                    (GDestroyNotify) yrs_draft_free, "Listing drafts", error);
  if (drafts == NULL)
    return NULL;

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

  if (!require (owner, "owner", error) || !require (key, "key", error))
    return FALSE;
  pkey = pending_key (owner, key);
  g_hash_table_remove (self->pending, pkey);
  stmt = get_stmt (self, "DELETE FROM drafts WHERE owner = ? AND key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Deleting a draft", error);
}

/* ---- outbox ------------------------------------------------------------- */

#define OUTBOX_COLUMNS "id, idempotency_key, kind, owner, payload, state, tries," \
  " next_try_at, last_error, server_reference, reason, alternatives, created_at," \
  " updated_at"

static YrsOutboxItem *
outbox_from_row (sqlite3_stmt *stmt)
{
  YrsOutboxItem *item = g_new0 (YrsOutboxItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->idempotency_key = col_dup (stmt, 1);
  if (!yrs_outbox_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &item->kind))
    item->kind = YRS_OUTBOX_KIND_APPLICATION;
  item->owner = col_dup (stmt, 3);
  item->payload = col_dup (stmt, 4);
  if (!yrs_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &item->state))
    item->state = YRS_OUTBOX_STATE_QUEUED;
  item->tries = sqlite3_column_int (stmt, 6);
  item->next_try_at = sqlite3_column_int64 (stmt, 7);
  item->last_error = col_dup (stmt, 8);
  item->server_reference = col_dup (stmt, 9);
  item->reason = col_dup (stmt, 10);
  item->alternatives = col_dup (stmt, 11);
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
  g_auto(YrsStmt) stmt = NULL;
  YrsOutboxItem *item;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  durable = durable_begin (self);

  if (yrs_outbox_kind_to_string (kind) == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “kind” has an unknown value %d", (int) kind);
      return NULL;
    }
  if (!require (owner, "owner", error) ||
      !require_json (payload, "payload", TRUE, error))
    return NULL;

  key = g_uuid_string_random ();
  stmt = get_stmt (self,
                   "INSERT INTO outbox (idempotency_key, kind, owner, payload,"
                   " state, tries, next_try_at, created_at, updated_at)"
                   " VALUES (?1, ?2, ?3, ?4, 'queued', 0, ?5, ?5, ?5)"
                   " RETURNING " OUTBOX_COLUMNS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, yrs_outbox_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, payload, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  item = fetch_returning (self, stmt, (RowFunc) outbox_from_row,
                          (GDestroyNotify) yrs_outbox_item_free,
                          "Queuing a submission", error);
  if (item != NULL)
    g_signal_emit (self, signals[OUTBOX_CHANGED], 0, owner);
  return item;
}

YrsOutboxItem *
yrs_store_outbox_get (YrsStore    *self,
                      const char  *idempotency_key,
                      GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE idempotency_key = ?",
                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  return fetch_one (self, stmt, (RowFunc) outbox_from_row, "Reading the outbox", error);
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

  stmt = get_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (owner != NULL)
    sqlite3_bind_text (stmt, ++n, owner, -1, SQLITE_STATIC);
  if (state != YRS_OUTBOX_STATE_ANY)
    sqlite3_bind_text (stmt, ++n, yrs_outbox_state_to_string (state), -1, SQLITE_STATIC);
  return collect (self, stmt, (RowFunc) outbox_from_row,
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

  stmt = get_stmt (self,
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
  return collect (self, stmt, (RowFunc) outbox_from_row,
                  (GDestroyNotify) yrs_outbox_item_free, "Finding due submissions", error);
}

static gboolean
checkpoint_truncate (YrsStore  *self,
                     GError   **error)
{
  int rc = SQLITE_BUSY;

  /* TRUNCATE waits (busy handler) for readers and writers; a worker's
   * chunk holds it up only for a moment. */
  for (guint attempt = 0; attempt < 3 && rc == SQLITE_BUSY; attempt++)
    rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                    NULL, NULL);
  if (rc != SQLITE_OK)
    return _yrs_store_set_error (error, self->db, rc, "Checkpointing the WAL");
  return TRUE;
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
  g_auto(YrsDurable) durable = durable_begin (self);
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  g_auto(YrsStmt) stmt = NULL;
  gboolean cleared = FALSE;

  if (!require (key, "idempotency_key", error))
    return FALSE;
  if (to == YRS_OUTBOX_STATE_CONFLICT ? !require_json (value, column, FALSE, error)
                                      : !require (value, column, error))
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

  /* An answer for a wiped owner leaves only the reference/reason. */
  sql = g_strdup_printf ("UPDATE outbox SET state = ?1, %s = ?2, updated_at = ?3,"
                         " payload = CASE WHEN EXISTS (SELECT 1 FROM sessions"
                         "   WHERE id = outbox.owner AND wiped_at != 0)"
                         "   THEN NULL ELSE payload END"
                         " WHERE idempotency_key = ?4"
                         " AND state IN ('queued', 'sending')", column);
  stmt = get_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, yrs_outbox_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Recording the server's answer", error) ||
      !changed_one (self, "outbox row", key, error))
    return FALSE;

  if (item->payload != NULL)
    {
      g_autoptr(YrsOutboxItem) after = yrs_store_outbox_get (self, key, NULL);

      cleared = after != NULL && after->payload == NULL;
    }
  if (cleared)
    return checkpoint_truncate (self, error);
  return TRUE;
}

gboolean
yrs_store_outbox_mark_sending (YrsStore    *self,
                               const char  *idempotency_key,
                               GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!require (idempotency_key, "idempotency_key", error))
    return FALSE;
  stmt = get_stmt (self,
                   "UPDATE outbox SET state = 'sending', tries = tries + 1,"
                   " updated_at = ?1"
                   " WHERE idempotency_key = ?2 AND state IN ('queued', 'sending')",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, idempotency_key, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Marking a submission as sending", error))
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

  if (!require (idempotency_key, "idempotency_key", error))
    return FALSE;
  stmt = get_stmt (self,
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
  if (!step_done (self, stmt, "Scheduling a retry", error))
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
  stmt = get_stmt (self,
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
  if (!step_done (self, stmt, "Making waiting submissions due", error))
    return FALSE;
  n = sqlite3_changes (self->db);
  if (n_made_due != NULL)
    *n_made_due = n;
  if (n > 0)
    g_signal_emit (self, signals[OUTBOX_CHANGED], 0, owner);
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

  durable = durable_begin (self);

  if (!require (idempotency_key, "idempotency_key", error) ||
      !require (owner, "owner", error))
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

  stmt = get_stmt (self,
                   "DELETE FROM outbox WHERE idempotency_key = ?1 AND owner = ?2"
                   " AND state IN ('rejected', 'conflict')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Discarding an outbox row", error) ||
      !changed_one (self, "outbox row", idempotency_key, error))
    return FALSE;
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0, owner);
  return checkpoint_truncate (self, error);
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

  stmt = get_stmt (self,
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

/* ---- receipts ----------------------------------------------------------- */

static YrsReceipt *
receipt_from_row (sqlite3_stmt *stmt)
{
  YrsReceipt *receipt = g_new0 (YrsReceipt, 1);

  receipt->id = sqlite3_column_int64 (stmt, 0);
  receipt->owner = col_dup (stmt, 1);
  receipt->reference = col_dup (stmt, 2);
  receipt->kind = col_dup (stmt, 3);
  receipt->summary = col_dup (stmt, 4);
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

  durable = durable_begin (self);

  if (!require (owner, "owner", error) ||
      !require (reference, "reference", error) ||
      !require (kind, "kind", error))
    return NULL;
  stmt = get_stmt (self,
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
  return fetch_returning (self, stmt, (RowFunc) receipt_from_row,
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

  if (!require (owner, "owner", error))
    return NULL;
  stmt = get_stmt (self,
                   "SELECT id, owner, reference, kind, summary, created_at"
                   " FROM receipts WHERE owner = ? ORDER BY created_at DESC, id DESC",
                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  return collect (self, stmt, (RowFunc) receipt_from_row,
                  (GDestroyNotify) yrs_receipt_free, "Listing receipts", error);
}

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

  durable = durable_begin (self);

  if (!require (staff_id, "staff_id", error) ||
      !require (verifier, "verifier", error))
    return FALSE;
  if (!g_str_has_prefix (verifier, "$argon2id$"))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “verifier” is not an Argon2id string");
      return FALSE;
    }
  stmt = get_stmt (self,
                   "INSERT INTO staff_credentials (staff_id, verifier, last_online_at)"
                   " VALUES (?1, ?2, ?3)"
                   " ON CONFLICT (staff_id) DO UPDATE SET verifier = ?2, last_online_at = ?3",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, verifier, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, last_online_at);
  return step_done (self, stmt, "Saving a staff credential", error);
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

  if (!require (staff_id, "staff_id", error))
    return FALSE;
  stmt = get_stmt (self,
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
    *verifier = col_dup (stmt, 0);
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

  durable = durable_begin (self);

  if (!require (staff_id, "staff_id", error))
    return FALSE;
  stmt = get_stmt (self, "DELETE FROM staff_credentials WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Forgetting a staff credential", error);
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
    "DELETE FROM receipts WHERE owner = ?1",
    "UPDATE outbox SET payload = NULL"
    " WHERE owner = ?1 AND state IN ('accepted', 'rejected', 'conflict')",
    "UPDATE sessions SET wiped_at = ?2 WHERE id = ?1",
  };
  GHashTableIter iter;
  PendingDraft *pending;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  durable = durable_begin (self);

  if (!require (owner, "owner", error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    if (strcmp (pending->owner, owner) == 0)
      g_hash_table_iter_remove (&iter);

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_auto(YrsStmt) stmt = get_stmt (self, statements[i], error);

      if (stmt == NULL)
        {
          rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      if (!step_done (self, stmt, "Wiping a session", error))
        {
          rollback (self);
          return FALSE;
        }
    }
  if (!commit (self, error))
    return FALSE;

  /* secure_delete zeroed the freed cells in the pages; the old page images
   * in the WAL go with the truncation. */
  return checkpoint_truncate (self, error);
}
