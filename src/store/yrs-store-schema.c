/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-schema.c: connections, the schema of each version, forward
 * migrations, and the handling of damaged files. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yrs-store-private.h"

/* Version 1: the first release. Times were stored in seconds. */
static const char schema_v1[] =
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  owner TEXT NOT NULL,"
  "  payload TEXT,"
  "  state TEXT NOT NULL DEFAULT 'queued',"
  "  tries INTEGER NOT NULL DEFAULT 0,"
  "  next_try_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  server_reference TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE catalog_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  document TEXT NOT NULL,"
  "  etag TEXT,"
  "  fetched_at INTEGER NOT NULL);"
  "CREATE TABLE facilities ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT,"
  "  document TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'synced');"
  "CREATE TABLE slots ("
  "  id TEXT PRIMARY KEY,"
  "  facility_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  starts_at TEXT NOT NULL,"
  "  ends_at TEXT NOT NULL,"
  "  capacity INTEGER NOT NULL,"
  "  booked INTEGER NOT NULL DEFAULT 0,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'synced');"
  "CREATE TABLE sync_state ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT);"
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  staff_id TEXT,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE drafts ("
  "  owner TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  content TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (owner, key));"
  "CREATE TABLE receipts ("
  "  id INTEGER PRIMARY KEY,"
  "  owner TEXT NOT NULL,"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  summary TEXT,"
  "  created_at INTEGER NOT NULL);";

/* Version 2: times in microseconds (GLib real time); the server's answers
 * get their own columns (a rejection's reason was kept in last_error);
 * wiped sessions are remembered so that late answers clear payloads; staff
 * credentials for offline sign-in; indexes for the slot and outbox
 * queries. */
static const char schema_v2[] =
  "ALTER TABLE outbox ADD COLUMN reason TEXT;"
  "ALTER TABLE outbox ADD COLUMN alternatives TEXT;"
  "UPDATE outbox SET reason = last_error, last_error = NULL"
  "  WHERE state = 'rejected';"
  "UPDATE outbox SET created_at = created_at * 1000000,"
  "  updated_at = updated_at * 1000000,"
  "  next_try_at = next_try_at * 1000000;"
  "UPDATE catalog_versions SET fetched_at = fetched_at * 1000000;"
  "UPDATE sessions SET created_at = created_at * 1000000;"
  "UPDATE drafts SET updated_at = updated_at * 1000000;"
  "UPDATE receipts SET created_at = created_at * 1000000;"
  "ALTER TABLE sessions ADD COLUMN wiped_at INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE staff_credentials ("
  "  staff_id TEXT PRIMARY KEY,"
  "  verifier TEXT NOT NULL,"
  "  last_online_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX slots_by_facility ON slots (facility_id, kind, starts_at);"
  "CREATE INDEX slots_by_start ON slots (starts_at);"
  "CREATE INDEX outbox_by_owner ON outbox (owner, state, id);"
  "CREATE INDEX outbox_by_state ON outbox (state, next_try_at);"
  "CREATE INDEX receipts_by_owner ON receipts (owner, created_at);";

/* Version 3 (issue 18): personal data sealed at rest. Drafts are now
 * encrypted under their owner's data key. The drafts written before this
 * version are in clear and cannot be sealed to anyone: a staff member's
 * key comes from her password, which is not known until she signs in,
 * and a kiosk session's key lived in the memory of a process that is
 * gone. So they are discarded here (secure_delete zeroes them, and
 * yrs_store_open() vacuums the file afterwards). Outbox payloads in clear
 * are sealed to the city's key (yrs_store_set_city_key()), and accepted
 * ones keep only what routes and shows them. Sealed rows hold a nurse's
 * cached cases; staff credentials gain her wrapped data key and the
 * count of failed offline sign-ins. */
static const char schema_v3[] =
  "DELETE FROM drafts;"
  "CREATE TABLE sealed_rows ("
  "  owner TEXT NOT NULL,"
  "  collection TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  box BLOB NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (owner, collection, id));"
  "ALTER TABLE staff_credentials ADD COLUMN wrapped_key BLOB;"
  "ALTER TABLE staff_credentials ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE staff_credentials ADD COLUMN last_failure_at INTEGER NOT NULL DEFAULT 0;";

/* migrations[v - 1] takes a database from version v - 1 to v. */
static const char *migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == YRS_STORE_SCHEMA_VERSION);

gboolean
_yrs_store_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *what)
{
  int code = YRS_STORE_ERROR_FAILED;
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = YRS_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
           primary == SQLITE_FULL || primary == SQLITE_READONLY ||
           primary == SQLITE_PERM)
    code = YRS_STORE_ERROR_IO;

  g_set_error (error, YRS_STORE_ERROR, code, "%s: %s (SQLite %d)", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
  return FALSE;
}

gboolean
_yrs_store_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _yrs_store_set_error (error, db, rc, "SQL statement");
  return TRUE;
}

void
_yrs_store_bind_slot (sqlite3_stmt  *stmt,
                      const YrsSlot *slot)
{
  sqlite3_bind_text (stmt, 1, slot->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slot->facility_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, slot->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, slot->starts_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, slot->ends_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, slot->capacity);
  sqlite3_bind_int (stmt, 7, slot->booked);
  sqlite3_bind_int64 (stmt, 8, slot->revision);
}

int
_yrs_store_user_version (sqlite3  *db,
                         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _yrs_store_set_error (error, db, rc, "reading the schema version");
  sqlite3_finalize (stmt);
  return version;
}

/* Makes the file 0600 before SQLite opens it, so there is no moment where
 * it exists with the umask's mode; -wal and -shm take the mode of the
 * database file.
 *
 * An existing file is never open()ed here, only chmod()ed: this process
 * may already have a connection to it (yrs_store_open_another), and
 * close() of any descriptor of a file drops every POSIX lock the process
 * holds on it, SQLite's too. Another process closing its connection would
 * then take itself for the last one and checkpoint and delete the -wal
 * that this one goes on writing. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  int fd;
  int saved;

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      /* A new file: no connection can have it yet. */
      if (fchmod (fd, 0600) != 0)
        {
          saved = errno;
          close (fd);
          g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                       "Cannot make database file “%s” private: %s", path,
                       g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }
  else if (errno != EEXIST)
    {
      saved = errno;
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot open database file “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }
  else if (g_chmod (path, 0600) != 0)
    {
      saved = errno;
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot make database file “%s” private: %s", path,
                   g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (path, i == 0 ? "-wal" : "-shm", NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_chmod (side, 0600);
    }
  return TRUE;
}

sqlite3 *
_yrs_store_connect (const char             *path,
                    YrsStoreConnectionKind  kind,
                    GError                **error)
{
  sqlite3 *db = NULL;
  int rc;
  const char *pragmas;

  if (!ensure_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot open database “%s”: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, YRS_STORE_BUSY_TIMEOUT_MS);

  if (kind == YRS_STORE_CONNECTION_MAIN)
    pragmas = "PRAGMA journal_mode = WAL;"
              "PRAGMA synchronous = NORMAL;"
              "PRAGMA wal_autocheckpoint = 4000;"
              "PRAGMA foreign_keys = ON;"
              "PRAGMA secure_delete = ON;"
              "PRAGMA trusted_schema = OFF;";
  else
    pragmas = "PRAGMA synchronous = NORMAL;"
              "PRAGMA foreign_keys = ON;"
              "PRAGMA secure_delete = ON;"
              "PRAGMA trusted_schema = OFF;";

  if (!_yrs_store_exec (db, pragmas, error))
    {
      g_prefix_error (error, "Setting up “%s”: ", path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

gboolean
_yrs_store_migrate (sqlite3  *db,
                    int      *from_version,
                    GError  **error)
{
  int version;

  version = _yrs_store_user_version (db, error);
  if (version < 0)
    return FALSE;
  if (from_version != NULL)
    *from_version = version;

  while (version < YRS_STORE_SCHEMA_VERSION)
    {
      g_autofree char *set_version = NULL;
      int now;

      /* Each step in one transaction; BEGIN IMMEDIATE takes the write lock
       * first, so two processes cannot both run the same step. */
      if (!_yrs_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      now = _yrs_store_user_version (db, error);
      if (now < 0)
        goto fail;
      if (now != version)
        {
          /* Another process migrated meanwhile. */
          _yrs_store_exec (db, "ROLLBACK", NULL);
          version = now;
          continue;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!_yrs_store_exec (db, migrations[version], error) ||
          !_yrs_store_exec (db, set_version, error) ||
          !_yrs_store_exec (db, "COMMIT", error))
        {
          g_prefix_error (error, "Migrating the database to version %d: ",
                          version + 1);
          goto fail;
        }
      g_debug ("Migrated the database from version %d to %d", version, version + 1);
      version++;
      continue;

    fail:
      _yrs_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (version > YRS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_TOO_NEW,
                   "The database has schema version %d, newer than this "
                   "version of Yorisoi understands (%d); it was left as it is",
                   version, YRS_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Column names of a table, joined with ",", or NULL when it is missing. */
static char *
table_columns (sqlite3    *db,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (columns->len > 0)
        g_string_append_c (columns, ',');
      g_string_append (columns, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || columns->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Compares the tables of `db` with those our migrations make for
 * `version`, built in memory. Returns the first table that differs. */
static char *
schema_mismatch (sqlite3 *db,
                 int      version)
{
  sqlite3 *ref = NULL;
  sqlite3_stmt *stmt = NULL;
  char *mismatch = NULL;

  if (sqlite3_open_v2 (":memory:", &ref, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (ref);
      return g_strdup ("(cannot build the reference schema)");
    }
  for (int v = 0; v < version; v++)
    if (sqlite3_exec (ref, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
      {
        sqlite3_close (ref);
        return g_strdup ("(reference schema failed)");
      }

  sqlite3_prepare_v2 (ref,
                      "SELECT name FROM sqlite_schema WHERE type = 'table' "
                      "ORDER BY name", -1, &stmt, NULL);
  while (mismatch == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *want = table_columns (ref, table);
      g_autofree char *have = table_columns (db, table);

      if (g_strcmp0 (want, have) != 0)
        mismatch = g_strdup (table);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (ref);
  return mismatch;
}

static int
count_tables (sqlite3 *db,
              int     *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return n;
}

/* A connection that only reads an existing file (see _yrs_store_probe). */
static sqlite3 *
open_for_reading (const char *path,
                  int        *rc_out)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      db = NULL;
      rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      *rc_out = rc;
      return NULL;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (db, YRS_STORE_BUSY_TIMEOUT_MS);
  *rc_out = SQLITE_OK;
  return db;
}

gboolean
_yrs_store_probe (const char  *path,
                  gboolean    *damaged,
                  char       **reason,
                  GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *mismatch = NULL;
  GStatBuf st;
  int rc;
  int version;
  int n_tables;
  gboolean ok = TRUE;

  *damaged = FALSE;
  *reason = NULL;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* a new file */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "“%s” is not a regular file", path);
      return FALSE;
    }
  if (st.st_size == 0)
    return TRUE;   /* SQLite's own empty database */

  /* Only reads, so that a newer database is left byte for byte as it was.
   * Not a read-only connection: after a crash the -wal's index in -shm may
   * need rebuilding, which a read-only connection cannot do; and no
   * checkpoint on close, which would write the -wal into the file. */
  db = open_for_reading (path, &rc);
  if (db == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot open database “%s”: %s", path, sqlite3_errstr (rc));
      return FALSE;
    }

  n_tables = count_tables (db, &rc);
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    {
      *damaged = TRUE;
      *reason = g_strdup_printf ("unreadable: %s", sqlite3_errstr (rc));
      goto out;
    }
  if (rc != SQLITE_OK)
    {
      ok = _yrs_store_set_error (error, db, rc, "Reading the database");
      goto out;
    }

  version = _yrs_store_user_version (db, NULL);
  if (version > YRS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_TOO_NEW,
                   "The database “%s” has schema version %d, newer than this "
                   "version of Yorisoi understands (%d); it was left as it is",
                   path, version, YRS_STORE_SCHEMA_VERSION);
      ok = FALSE;
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      *damaged = TRUE;
      *reason = g_strdup ("quick_check failed");
      goto out;
    }

  if (version < 0 || (version == 0 && n_tables > 0))
    {
      *damaged = TRUE;
      *reason = g_strdup ("tables that are not Yorisoi's");
      goto out;
    }
  if (version > 0 && (mismatch = schema_mismatch (db, version)) != NULL)
    {
      *damaged = TRUE;
      *reason = g_strdup_printf ("table “%s” does not match schema version %d",
                                 mismatch, version);
      goto out;
    }

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return ok;
}

char *
_yrs_store_move_aside (const char  *path,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;

  for (guint n = 0; aside == NULL || g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      if (n == 0)
        aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_IO,
                   "Cannot move the damaged database “%s” aside: %s", path,
                   g_strerror (saved));
      return NULL;
    }

  /* The -wal may still hold good pages; keep it with its database. */
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (aside, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Cannot move “%s” aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&aside);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (col < 0 || sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

GPtrArray *
_yrs_store_salvage_outbox (const char *path)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_outbox_item_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int col[14];
  int rc;
  static const char *names[] = {
    "idempotency_key", "kind", "owner", "payload", "state", "tries",
    "next_try_at", "last_error", "server_reference", "reason",
    "alternatives", "created_at", "updated_at", "id",
  };
  gint64 scale;

  db = open_for_reading (path, &rc);
  if (db == NULL)
    goto out;
  /* A truncated file is shorter than its header says, which SQLite calls
   * corrupt unless writable_schema is on; nothing is written here. */
  sqlite3_exec (db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db, "SELECT * FROM outbox ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      col[i] = -1;
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        if (g_strcmp0 (sqlite3_column_name (stmt, c), names[i]) == 0)
          col[i] = c;
    }
  if (col[0] < 0 || col[1] < 0 || col[2] < 0)
    goto out;
  /* Version 1 kept times in seconds and had no `reason` column. */
  scale = col[9] < 0 ? G_USEC_PER_SEC : 1;

  /* Row by row: keep everything read before a corrupt page. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(YrsOutboxItem) item = g_new0 (YrsOutboxItem, 1);
      g_autofree char *kind = column_dup (stmt, col[1]);
      g_autofree char *state = column_dup (stmt, col[4]);

      item->idempotency_key = column_dup (stmt, col[0]);
      item->owner = column_dup (stmt, col[2]);
      if (item->idempotency_key == NULL || *item->idempotency_key == '\0' ||
          item->owner == NULL || !yrs_outbox_kind_from_string (kind, &item->kind))
        continue;
      if (!yrs_outbox_state_from_string (state, &item->state))
        item->state = YRS_OUTBOX_STATE_QUEUED;
      item->payload = column_dup (stmt, col[3]);
      item->tries = col[5] >= 0 ? sqlite3_column_int (stmt, col[5]) : 0;
      item->next_try_at = col[6] >= 0 ? sqlite3_column_int64 (stmt, col[6]) * scale : 0;
      item->last_error = column_dup (stmt, col[7]);
      item->server_reference = column_dup (stmt, col[8]);
      item->reason = column_dup (stmt, col[9]);
      item->alternatives = column_dup (stmt, col[10]);
      item->created_at = col[11] >= 0 ? sqlite3_column_int64 (stmt, col[11]) * scale : 0;
      item->updated_at = col[12] >= 0 ? sqlite3_column_int64 (stmt, col[12]) * scale : 0;
      if (item->created_at == 0)
        item->created_at = g_get_real_time ();
      if (item->updated_at == 0)
        item->updated_at = item->created_at;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return g_steal_pointer (&items);
}

guint
_yrs_store_insert_salvaged (sqlite3    *db,
                            GPtrArray  *items,
                            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  guint added = 0;
  int rc;

  if (items->len == 0)
    return 0;
  if (!_yrs_store_exec (db, "BEGIN IMMEDIATE", error))
    return 0;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT OR IGNORE INTO outbox (idempotency_key, kind,"
                           " owner, payload, state, tries, next_try_at, last_error,"
                           " server_reference, reason, alternatives, created_at,"
                           " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  for (guint i = 0; i < items->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (items, i);

      sqlite3_bind_text (stmt, 1, item->idempotency_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, yrs_outbox_kind_to_string (item->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, item->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, item->payload, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, yrs_outbox_state_to_string (item->state), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, item->tries);
      sqlite3_bind_int64 (stmt, 7, item->next_try_at);
      sqlite3_bind_text (stmt, 8, item->last_error, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, item->server_reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, item->reason, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, item->alternatives, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, item->created_at);
      sqlite3_bind_int64 (stmt, 13, item->updated_at);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        goto fail;
      added += sqlite3_changes (db);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (!_yrs_store_exec (db, "COMMIT", error))
    {
      _yrs_store_exec (db, "ROLLBACK", NULL);
      return 0;
    }
  return added;

fail:
  _yrs_store_set_error (error, db, rc, "Carrying over outbox rows");
  sqlite3_finalize (stmt);
  _yrs_store_exec (db, "ROLLBACK", NULL);
  return 0;
}
