/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server's own SQLite database: one connection per worker thread, WAL,
 * and every write in a BEGIN IMMEDIATE transaction taken by the caller. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <unistd.h>

#include "yrs-server-private.h"

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

gboolean
_yrs_db_exec (sqlite3    *db,
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

sqlite3 *
_yrs_db_open (const char *path,
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
  if (!_yrs_db_exec (db,
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
 * reference, and the lookups' short-lived tokens (hashes only). */
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

static int
user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = _yrs_db_prepare (db, "PRAGMA user_version");

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

gboolean
_yrs_db_migrate (sqlite3 *db,
                 GError **error)
{
  if (!_yrs_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if ((user_version (db) < 3 &&
       (!_yrs_db_exec (db, schema_v1, error) ||
        !_yrs_db_exec (db, migration_v3, error))) ||
      (user_version (db) < 4 && !_yrs_db_exec (db, migration_v4, error)) ||
      (user_version (db) < 5 && !_yrs_db_exec (db, migration_v5, error)) ||
      (user_version (db) < 6 && !_yrs_db_exec (db, migration_v6, error)))
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      return FALSE;
    }
  return _yrs_db_exec (db, "COMMIT;", error);
}

sqlite3_stmt *
_yrs_db_prepare (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  /* The statements are constants of this program: failing to prepare one
   * is a programming error. */
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("cannot prepare \"%s\": %s", sql, sqlite3_errmsg (db));
  return stmt;
}

void
_yrs_db_bind_texts (sqlite3_stmt *stmt,
                    ...)
{
  va_list args;
  const char *text;
  int i = 1;

  va_start (args, stmt);
  while ((text = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, text, -1, SQLITE_TRANSIENT);
  va_end (args);
}

gint64
_yrs_db_next_revision (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt =
    _yrs_db_prepare (db,
                     "UPDATE meta SET value = CAST (value AS INTEGER) + 1 "
                     "WHERE key = 'slot_revision' RETURNING CAST (value AS INTEGER)");
  gint64 revision = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  return revision;
}

char *
_yrs_db_get_meta (sqlite3    *db,
                  const char *key)
{
  g_autoptr(sqlite3_stmt) stmt =
    _yrs_db_prepare (db, "SELECT value FROM meta WHERE key = ?");

  _yrs_db_bind_texts (stmt, key, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

void
_yrs_db_set_meta (sqlite3    *db,
                  const char *key,
                  const char *value)
{
  g_autoptr(sqlite3_stmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

  _yrs_db_bind_texts (stmt, key, value, NULL);
  sqlite3_step (stmt);
}

YrsApiSlot *
_yrs_db_slot_from_row (sqlite3_stmt *stmt)
{
  YrsApiSlot *slot = yrs_api_slot_new ();

  slot->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  slot->facility = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  yrs_api_kind_from_string ((const char *) sqlite3_column_text (stmt, 2),
                            &slot->kind);
  slot->starts_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  slot->ends_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  slot->capacity = sqlite3_column_int64 (stmt, 5);
  slot->booked = sqlite3_column_int64 (stmt, 6);
  slot->revision = sqlite3_column_int64 (stmt, 7);
  slot->deleted = sqlite3_column_int (stmt, 8) != 0;
  return slot;
}

YrsApiSlot *
_yrs_db_get_slot (sqlite3    *db,
                  const char *id)
{
  g_autoptr(sqlite3_stmt) stmt =
    _yrs_db_prepare (db, "SELECT " YRS_DB_SLOT_COLUMNS " FROM slots WHERE id = ?");

  _yrs_db_bind_texts (stmt, id, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _yrs_db_slot_from_row (stmt);
  return NULL;
}

char *
_yrs_now_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static int
run_delete (sqlite3    *db,
            const char *sql,
            gint64      bound)
{
  g_autoptr(sqlite3_stmt) stmt = _yrs_db_prepare (db, sql);

  sqlite3_bind_int64 (stmt, 1, bound);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return -1;
  return sqlite3_changes (db);
}

gboolean
_yrs_db_retention (sqlite3       *db,
                   int            personal_days,
                   YrsRetention  *out,
                   GError       **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  YrsRetention counts = { 0 };

  if (!_yrs_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  counts.keys = run_delete (db, "DELETE FROM idempotency WHERE created_unix < ?",
                            now - YRS_SERVER_IDEMPOTENCY_KEEP);
  counts.sessions = run_delete (db, "DELETE FROM sessions WHERE expires_unix < ?", now);
  run_delete (db, "DELETE FROM signin_failures WHERE last_ms < ?",
              (now - YRS_SERVER_FAILURE_WINDOW) * 1000);
  run_delete (db, "DELETE FROM lookup_failures WHERE last_ms < ?",
              (now - YRS_SERVER_FAILURE_WINDOW) * 1000);
  run_delete (db, "DELETE FROM lookup_tokens WHERE expires_unix < ?", now);
  if (personal_days > 0)
    {
      gint64 before = now - (gint64) personal_days * 24 * 3600;
      g_autoptr(sqlite3_stmt) registrations =
        _yrs_db_prepare (db,
                         /* Approved (the city has it), untouched for the
                          * configured days, and no booking still to come. */
                         "UPDATE registrations AS r SET name = '', name_kana = '', phone = '', "
                         "child_born_on = NULL, due_on = NULL, birth_on = NULL, erased_unix = ?2 "
                         "WHERE erased_unix IS NULL AND approve_unix IS NOT NULL "
                         "AND approve_unix <= ?2 AND updated_unix < ?1 "
                         "AND NOT EXISTS (SELECT 1 FROM reservations v JOIN slots s ON s.id = v.slot "
                         "  WHERE v.registration = r.id AND v.status = 'confirmed' "
                         "  AND s.starts_unix >= ?1)");
      g_autoptr(sqlite3_stmt) applications =
        _yrs_db_prepare (db,
                         /* Received by the city, for the configured days. */
                         "UPDATE applications SET fields = '{}', erased_unix = ?2 "
                         "WHERE erased_unix IS NULL AND created_unix < ?1");

      sqlite3_bind_int64 (registrations, 1, before);
      sqlite3_bind_int64 (registrations, 2, now);
      if (sqlite3_step (registrations) == SQLITE_DONE)
        counts.registrations = sqlite3_changes (db);
      sqlite3_bind_int64 (applications, 1, before);
      sqlite3_bind_int64 (applications, 2, now);
      if (sqlite3_step (applications) == SQLITE_DONE)
        counts.applications = sqlite3_changes (db);
    }
  if (!_yrs_db_exec (db, "COMMIT;", error))
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      return FALSE;
    }
  if (out != NULL)
    *out = counts;
  return TRUE;
}
