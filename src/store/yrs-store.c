/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store.c: YrsStore, the device's database. See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yrs-store-private.h"

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

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

void
_yrs_store_emit_draft_error (YrsStore     *self,
                             const GError *error)
{
  g_signal_emit (self, signals[DRAFT_ERROR], 0, error);
}

void
_yrs_store_emit_outbox_changed (YrsStore   *self,
                                const char *owner)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0, owner);
}

/* ---- helpers ------------------------------------------------------------ */

sqlite3_stmt *
_yrs_store_get_stmt (YrsStore    *self,
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

gboolean
_yrs_store_step_done (YrsStore     *self,
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
  g_auto(YrsStmt) stmt = _yrs_store_get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  return _yrs_store_step_done (self, stmt, sql, error);
}

void
_yrs_store_durable_end (YrsStore *self)
{
  exec_cached (self, "PRAGMA synchronous = NORMAL", NULL);
}

YrsStore *
_yrs_store_durable_begin (YrsStore *self)
{
  exec_cached (self, "PRAGMA synchronous = FULL", NULL);
  return self;
}

gboolean
_yrs_store_begin (YrsStore  *self,
                  GError   **error)
{
  return exec_cached (self, "BEGIN IMMEDIATE", error);
}

gboolean
_yrs_store_commit (YrsStore  *self,
                   GError   **error)
{
  if (exec_cached (self, "COMMIT", error))
    return TRUE;
  exec_cached (self, "ROLLBACK", NULL);
  return FALSE;
}

void
_yrs_store_rollback (YrsStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec_cached (self, "ROLLBACK", NULL);
}

char *
_yrs_store_col_dup (sqlite3_stmt *stmt,
                    int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gboolean
_yrs_store_require (const char  *value,
                    const char  *field,
                    GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
               "The field “%s” must not be empty", field);
  return FALSE;
}

gboolean
_yrs_store_require_json (const char  *text,
                         const char  *field,
                         gboolean     object,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!_yrs_store_require (text, field, error))
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

GPtrArray *
_yrs_store_collect (YrsStore         *self,
                    sqlite3_stmt     *stmt,
                    YrsStoreRowFunc   from_row,
                    GDestroyNotify    free_func,
                    const char       *what,
                    GError          **error)
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

gpointer
_yrs_store_fetch_one (YrsStore         *self,
                      sqlite3_stmt     *stmt,
                      YrsStoreRowFunc   from_row,
                      const char       *what,
                      GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, what);
  return NULL;
}

gpointer
_yrs_store_fetch_returning (YrsStore         *self,
                            sqlite3_stmt     *stmt,
                            YrsStoreRowFunc   from_row,
                            GDestroyNotify    free_row,
                            const char       *what,
                            GError          **error)
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
_yrs_store_changed_one (YrsStore    *self,
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
_yrs_store_checkpoint_truncate (YrsStore  *self,
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

/* ---- paths -------------------------------------------------------------- */

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
  /* The owners' keys are wiped as they are freed (sodium_free). */
  g_clear_pointer (&self->keys, _yrs_store_keys_free);
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
                                         (GDestroyNotify) _yrs_store_pending_draft_free);
  self->context = g_main_context_ref_thread_default ();
  self->keys = _yrs_store_keys_new ();
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

  /* A database from before sealing (issue 18): accepted payloads keep
   * only their public members now, the rest waits for the city key, and
   * the pages that held them in clear leave the file. */
  if (self->opened_version > 0 && self->opened_version < 3 &&
      (!_yrs_store_seal_plain_outbox (self, error) || !_yrs_store_vacuum (self, error)))
    {
      g_prefix_error (error, "Sealing the data of an older database: ");
      return NULL;
    }

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

  stmt = _yrs_store_get_stmt (self, "PRAGMA integrity_check", error);
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
