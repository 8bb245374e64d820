/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite backend of the storage interface (yrs-server-store.h): one
 * file, WAL, one writer at a time (BEGIN IMMEDIATE), the schema versioned
 * by PRAGMA user_version. The embedded default: the demo, the tests that
 * need no database server, a single ward. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "yrs-server-store.h"
#include "yrs-server.h"

typedef struct
{
  YrsDb    parent;
  sqlite3 *handle;
} SqliteDb;

typedef struct
{
  YrsStmt       parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define HANDLE(db) (((SqliteDb *) (db))->handle)
#define STMT(stmt) (((SqliteStmt *) (stmt))->handle)

static const char schema_v1[] =
  "CREATE TABLE IF NOT EXISTS meta ("
  "  key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('slot_revision', '0');"
  "CREATE TABLE IF NOT EXISTS facilities ("
  "  id TEXT PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS slots ("
  "  id TEXT PRIMARY KEY,"
  "  facility TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('stay', 'day', 'visit')),"
  "  starts_at TEXT NOT NULL,"
  "  ends_at TEXT NOT NULL,"
  "  starts_unix INTEGER NOT NULL,"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  booked INTEGER NOT NULL DEFAULT 0"
  "    CHECK (booked >= 0 AND booked <= capacity),"
  "  revision INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX IF NOT EXISTS slots_by_revision ON slots (revision);"
  "CREATE INDEX IF NOT EXISTS slots_by_kind ON slots (kind, starts_unix);"
  "CREATE TABLE IF NOT EXISTS registrations ("
  "  id TEXT PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL, name_kana TEXT NOT NULL, phone TEXT NOT NULL,"
  "  child_born_on TEXT, due_on TEXT, ward TEXT,"
  "  tax_exempt INTEGER NOT NULL, public_assistance INTEGER NOT NULL,"
  "  created_unix INTEGER NOT NULL,"
  "  approve_unix INTEGER,"          /* NULL: waits for staff */
  "  approved_by TEXT,"
  "  updated_unix INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS reservations ("
  "  id TEXT PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  registration TEXT NOT NULL REFERENCES registrations (id),"
  "  slot TEXT NOT NULL REFERENCES slots (id),"
  "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),"
  "  created_unix INTEGER NOT NULL,"
  "  updated_unix INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS reservations_by_slot ON reservations (slot, status);"
  "CREATE TABLE IF NOT EXISTS applications ("
  "  reference TEXT PRIMARY KEY,"
  "  programme TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  created_unix INTEGER NOT NULL,"
  "  updated_unix INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS staff ("
  "  id TEXT PRIMARY KEY, pwhash TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS devices ("
  "  token_hash TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  created_unix INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL,"
  "  expires_unix INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS login_failures ("
  "  staff_id TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
  "  last_unix INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  key TEXT PRIMARY KEY,"
  "  fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  body BLOB NOT NULL,"
  "  created_unix INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_unix);"
  /* v2: sign-in failures counted per staff ID and source address, so
   * that a stranger's guesses do not slow down the nurse herself. */
  "CREATE TABLE IF NOT EXISTS signin_failures ("
  "  staff_id TEXT NOT NULL, source TEXT NOT NULL,"
  "  failures INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
  "  PRIMARY KEY (staff_id, source));"
  "DROP TABLE IF EXISTS login_failures;"
  "PRAGMA user_version = 2;";

static gboolean
exec_handle (sqlite3    *db,
             const char *sql,
             GError    **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "database: %s", message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_handle (const char *path,
             GError    **error)
{
  sqlite3 *db = NULL;
  int fd;

  /* Create the file 0600 before SQLite does: it holds personal data. The
   * -wal and -shm files take the same mode. Only when it does not exist:
   * close() on any descriptor of the file drops every POSIX lock this
   * process holds on it, the SHARED locks of the other connections
   * included; another process (yorisoi-server admin) closing its
   * connection then believed it was the last, checkpointed and deleted
   * the WAL under the running server, whose connections went on reading
   * the unlinked one (stale answers, lost writes). */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                       "cannot open %s: %s", path, g_strerror (saved));
          return NULL;
        }
      if (fd >= 0)
        close (fd);
    }

  if (sqlite3_open_v2 (path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "cannot open %s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 15000);
  if (!exec_handle (db,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = NORMAL;"
                     "PRAGMA foreign_keys = ON;",
                     error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* v3: an Idempotency-Key belongs to the principal that sent it (one
 * device's key is no other's replay), and no stored answer holds a live
 * session token: the sign-in answers kept until v2 are dropped. Rows from
 * before have principal '' and still answer their key for their 48 h, so
 * that an outbox resending across the upgrade is not booked twice. */
static const char migration_v3[] =
  "CREATE TABLE idempotency_v3 ("
  "  principal TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  body BLOB NOT NULL,"
  "  created_unix INTEGER NOT NULL,"
  "  PRIMARY KEY (principal, key));"
  "INSERT INTO idempotency_v3 (principal, key, fingerprint, status, content_type, body, created_unix)"
  "  SELECT '', key, fingerprint, status, content_type, body, created_unix FROM idempotency"
  "  WHERE CAST (body AS TEXT) NOT LIKE '%\"token\"%';"
  "DROP TABLE idempotency;"
  "ALTER TABLE idempotency_v3 RENAME TO idempotency;"
  "CREATE INDEX idempotency_by_age ON idempotency (created_unix);"
  "PRAGMA user_version = 3;";

/* v4: objects belong to the principal that made them ("device:NAME" or
 * "staff:ID"; NULL for rows from before, which only city-wide staff see);
 * staff have a role (nurse or supervisor), a ward (NULL: city-wide) and can
 * be disabled; devices can be revoked by name. Staff from before become
 * nurses: an administrator names the supervisors. */
static const char migration_v4[] =
  "ALTER TABLE registrations ADD COLUMN owner TEXT;"
  "ALTER TABLE reservations ADD COLUMN owner TEXT;"
  "ALTER TABLE applications ADD COLUMN owner TEXT;"
  "ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'nurse'"
  "  CHECK (role IN ('nurse', 'supervisor'));"
  "ALTER TABLE staff ADD COLUMN ward TEXT;"
  "ALTER TABLE staff ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX reservations_by_registration ON reservations (registration, status);"
  "CREATE INDEX registrations_by_owner ON registrations (owner);"
  "PRAGMA user_version = 4;";

/* v5: when the personal fields of a submission were erased (retention). */
static const char migration_v5[] =
  "ALTER TABLE registrations ADD COLUMN erased_unix INTEGER;"
  "ALTER TABLE applications ADD COLUMN erased_unix INTEGER;"
  "PRAGMA user_version = 5;";

/* v6: coming back with a receipt (yrs-server-lookup.c): the applicant's
 * birth date on a registration, failed lookups counted per device and per
 * reference, and the lookups' short-lived tokens (hashes only). The same
 * as migration 2 of the PostgreSQL backend. */
static const char migration_v6[] =
  "ALTER TABLE registrations ADD COLUMN birth_on TEXT;"
  "CREATE TABLE lookup_failures ("
  "  scope TEXT NOT NULL, key TEXT NOT NULL,"
  "  failures INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
  "  PRIMARY KEY (scope, key));"
  "CREATE TABLE lookup_tokens ("
  "  token_hash TEXT PRIMARY KEY, reference TEXT NOT NULL,"
  "  registration TEXT, reservation TEXT, device TEXT NOT NULL,"
  "  expires_unix INTEGER NOT NULL);"
  "PRAGMA user_version = 6;";

/* v7: the nurse's home visit and the supervisor's queue (issue 17):
 * cases (a family the ward follows; one per support-payment application
 * or 産後ケア registration, or added by a nurse), their consultation
 * records and screenings, and a supervisor's decline with its reason.
 * The same as migration 3 of the PostgreSQL backend. */
static const char migration_v7[] =
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY, ward TEXT,"
  "  added_by_staff INTEGER NOT NULL DEFAULT 0,"
  "  family TEXT NOT NULL, answers TEXT NOT NULL,"
  "  created_unix INTEGER NOT NULL, updated_unix INTEGER NOT NULL,"
  "  owner TEXT);"
  "CREATE INDEX cases_by_ward ON cases (ward);"
  "CREATE TABLE consultations ("
  "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  kind TEXT NOT NULL, date TEXT NOT NULL, record TEXT NOT NULL,"
  "  created_unix INTEGER NOT NULL, owner TEXT NOT NULL);"
  "CREATE INDEX consultations_by_case ON consultations (case_id);"
  "CREATE TABLE screenings ("
  "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  consultation TEXT, date TEXT NOT NULL,"
  "  total INTEGER NOT NULL, high INTEGER NOT NULL, urgent INTEGER NOT NULL,"
  "  record TEXT NOT NULL, created_unix INTEGER NOT NULL, owner TEXT NOT NULL);"
  "CREATE INDEX screenings_by_case ON screenings (case_id);"
  "ALTER TABLE applications ADD COLUMN case_id TEXT;"
  "ALTER TABLE registrations ADD COLUMN case_id TEXT;"
  "ALTER TABLE registrations ADD COLUMN declined_unix INTEGER;"
  "ALTER TABLE registrations ADD COLUMN decline_reason TEXT;"
  "ALTER TABLE registrations ADD COLUMN decided_by TEXT;"
  "CREATE INDEX applications_by_case ON applications (case_id);"
  "CREATE INDEX registrations_by_case ON registrations (case_id);"
  "PRAGMA user_version = 7;";

/* v8: one family, one case (issue 17's follow-up): a case's match key, a
 * keyed hash of the mother's normalised kana and birth date (never the
 * clear text), looked up per ward. The same as migration 4 of the
 * PostgreSQL backend. */
static const char migration_v8[] =
  "ALTER TABLE cases ADD COLUMN match_key TEXT;"
  "CREATE INDEX cases_by_match ON cases (ward, match_key);"
  "CREATE INDEX cases_by_created ON cases (created_unix, id);"
  "PRAGMA user_version = 8;";

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version;

  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  version = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate_handle (sqlite3 *db,
                GError **error)
{
  if (!exec_handle (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if ((user_version (db) < 3 &&
       (!exec_handle (db, schema_v1, error) ||
        !exec_handle (db, migration_v3, error))) ||
      (user_version (db) < 4 && !exec_handle (db, migration_v4, error)) ||
      (user_version (db) < 5 && !exec_handle (db, migration_v5, error)) ||
      (user_version (db) < 6 && !exec_handle (db, migration_v6, error)) ||
      (user_version (db) < 7 && !exec_handle (db, migration_v7, error)) ||
      (user_version (db) < 8 && !exec_handle (db, migration_v8, error)))
    {
      exec_handle (db, "ROLLBACK;", NULL);
      return FALSE;
    }
  return exec_handle (db, "COMMIT;", error);
}


static void
sq_close (YrsDb *db)
{
  sqlite3_close (HANDLE (db));
  g_free (db);
}

static gboolean
sq_exec (YrsDb      *db,
         const char *sql,
         GError    **error)
{
  return exec_handle (HANDLE (db), sql, error);
}

static gboolean
sq_begin_write (YrsDb   *db,
                GError **error)
{
  return exec_handle (HANDLE (db), "BEGIN IMMEDIATE;", error);
}

static gboolean
sq_begin_read (YrsDb   *db,
               GError **error)
{
  return exec_handle (HANDLE (db), "BEGIN;", error);
}

static gboolean
sq_in_transaction (YrsDb *db)
{
  return !sqlite3_get_autocommit (HANDLE (db));
}

static gboolean
sq_migrate (YrsDb   *db,
            GError **error)
{
  return migrate_handle (HANDLE (db), error);
}

static int
sq_changes (YrsDb *db)
{
  return sqlite3_changes (HANDLE (db));
}

static const char *
sq_errmsg (YrsDb *db)
{
  return sqlite3_errmsg (HANDLE (db));
}

static gboolean
sq_is_broken (YrsDb *db)
{
  return FALSE;
}

static gboolean
sq_check_alive (YrsDb *db)
{
  return TRUE;
}

static YrsStmt *
sq_prepare (YrsDb      *db,
            const char *sql)
{
  SqliteStmt *stmt = g_new0 (SqliteStmt, 1);

  stmt->parent.db = db;
  /* The statements are constants of this program: failing to prepare one
   * is a programming error. */
  if (sqlite3_prepare_v2 (HANDLE (db), sql, -1, &stmt->handle, NULL) != SQLITE_OK)
    g_error ("cannot prepare \"%s\": %s", sql, sqlite3_errmsg (HANDLE (db)));
  return &stmt->parent;
}

static void
sq_finalize (YrsStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static int
sq_step (YrsStmt *stmt)
{
  int rc = sqlite3_step (STMT (stmt));

  return rc == SQLITE_ROW ? YRS_DB_ROW : rc == SQLITE_DONE ? YRS_DB_DONE : YRS_DB_ERROR;
}

static void
sq_reset (YrsStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static const char *
sq_sql (YrsStmt *stmt)
{
  return sqlite3_sql (STMT (stmt));
}

static int
sq_parameter_index (YrsStmt    *stmt,
                    const char *name)
{
  return sqlite3_bind_parameter_index (STMT (stmt), name);
}

static void
sq_bind_text (YrsStmt    *stmt,
              int         index,
              const char *text,
              gssize      length)
{
  if (length < 0)
    sqlite3_bind_text (STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_blob (STMT (stmt), index, text, (int) length, SQLITE_TRANSIENT);
}

static void
sq_bind_int64 (YrsStmt *stmt,
               int      index,
               gint64   value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sq_bind_null (YrsStmt *stmt,
              int      index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static gboolean
sq_column_is_null (YrsStmt *stmt,
                   int      column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static const char *
sq_column_text (YrsStmt *stmt,
                int      column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gint64
sq_column_int64 (YrsStmt *stmt,
                 int      column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static int
sq_column_bytes (YrsStmt *stmt,
                 int      column)
{
  return sqlite3_column_bytes (STMT (stmt), column);
}

static const YrsDbBackend sqlite_backend = {
  .close = sq_close,
  .exec = sq_exec,
  .begin_write = sq_begin_write,
  .begin_read = sq_begin_read,
  .begin_exclusive = sq_begin_write,
  .in_transaction = sq_in_transaction,
  .migrate = sq_migrate,
  .changes = sq_changes,
  .errmsg = sq_errmsg,
  .is_broken = sq_is_broken,
  .check_alive = sq_check_alive,
  .prepare = sq_prepare,
  .finalize = sq_finalize,
  .step = sq_step,
  .reset = sq_reset,
  .sql = sq_sql,
  .parameter_index = sq_parameter_index,
  .bind_text = sq_bind_text,
  .bind_int64 = sq_bind_int64,
  .bind_null = sq_bind_null,
  .column_is_null = sq_column_is_null,
  .column_text = sq_column_text,
  .column_int64 = sq_column_int64,
  .column_bytes = sq_column_bytes,
};

YrsDb *
_yrs_db_sqlite_open (const char *path,
                     GError    **error)
{
  sqlite3 *handle = open_handle (path, error);
  SqliteDb *db;

  if (handle == NULL)
    return NULL;
  db = g_new0 (SqliteDb, 1);
  db->parent.backend = &sqlite_backend;
  db->parent.kind = YRS_DB_SQLITE;
  db->handle = handle;
  return &db->parent;
}
