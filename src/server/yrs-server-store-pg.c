/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL backend of the storage interface (yrs-server-store.h),
 * through libpq: several yorisoi-server instances on one database, every
 * promise of the contract decided in it.
 *
 * - Statements come in SQLite's dialect; "?", "?N" and ":name" become
 *   "$N" here (values are sent as text, their types inferred by the
 *   server from where they stand).
 * - Write transactions are READ COMMITTED: places are taken by
 *   conditional UPDATEs, Idempotency-Keys claimed by INSERT … ON
 *   CONFLICT, and the slot revision counter's row lock orders the slot
 *   changes (yrs-server-db.c). Reads that need one snapshot run in
 *   REPEATABLE READ READ ONLY.
 * - The schema is versioned in schema_migrations and migrated under an
 *   advisory lock, so instances starting together migrate once.
 * - A connection that lost the server says so (_yrs_db_is_broken()); the
 *   pool drops it and opens a new one when the database is back.
 * - BEGIN is not a round trip of its own: it goes to the server with the
 *   transaction's first statement (one pipeline for a prepared statement,
 *   one simple query for SQL text), and a transaction that sent nothing
 *   ends without a word (bench-server: a request is several round trips,
 *   each a context switch to the backend on the same few cores). */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "yrs-server-store.h"
#include "yrs-server.h"

/* pg_advisory_xact_lock() keys: "yrs" and what is serialised. */
#define LOCK_MIGRATE 0x79727301
#define LOCK_SETUP   0x79727302

typedef struct
{
  YrsDb   parent;
  PGconn *conn;
  int     changes;
  char   *errmsg;
  gboolean broken;
  GHashTable *prepared;    /* translated SQL -> server-side statement name */
  const char *pending_begin;  /* a BEGIN not sent yet, or NULL */
} PgDb;

typedef struct
{
  YrsStmt    parent;
  char      *sql;          /* with $N parameters */
  GPtrArray *names;        /* ":name" of parameter i + 1, or NULL */
  int        n_params;
  char     **values;       /* n_params, NULL: SQL NULL */
  PGresult  *result;
  int        row;
  gboolean   executed;
  gboolean   failed;
} PgStmt;

#define PG(db) ((PgDb *) (db))
#define PGSTMT(stmt) ((PgStmt *) (stmt))

static void
set_errmsg (PgDb       *db,
            const char *message)
{
  g_free (db->errmsg);
  db->errmsg = g_strstrip (g_strdup (message != NULL ? message : "unknown error"));
  if (PQstatus (db->conn) != CONNECTION_OK)
    db->broken = TRUE;
}

/* The versions of the schema, applied in order, each once. Append; never
 * edit one that has shipped. */
static const char * const migrations[] = {
  /* 1: the schema of SQLite's user_version 5 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "INSERT INTO meta (key, value) VALUES ('slot_revision', '0');"
  "CREATE TABLE facilities (id TEXT PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE slots ("
  "  id TEXT PRIMARY KEY,"
  "  facility TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('stay', 'day', 'visit')),"
  "  starts_at TEXT NOT NULL,"
  "  ends_at TEXT NOT NULL,"
  "  starts_unix BIGINT NOT NULL,"
  "  capacity BIGINT NOT NULL CHECK (capacity >= 0),"
  "  booked BIGINT NOT NULL DEFAULT 0"
  "    CONSTRAINT slots_not_overbooked CHECK (booked >= 0 AND booked <= capacity),"
  "  revision BIGINT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX slots_by_revision ON slots (revision);"
  "CREATE INDEX slots_by_kind ON slots (kind, starts_unix);"
  "CREATE TABLE registrations ("
  "  id TEXT PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL, name_kana TEXT NOT NULL, phone TEXT NOT NULL,"
  "  child_born_on TEXT, due_on TEXT, ward TEXT,"
  "  tax_exempt INTEGER NOT NULL, public_assistance INTEGER NOT NULL,"
  "  created_unix BIGINT NOT NULL,"
  "  approve_unix BIGINT,"
  "  approved_by TEXT,"
  "  updated_unix BIGINT NOT NULL,"
  "  owner TEXT,"
  "  erased_unix BIGINT);"
  "CREATE INDEX registrations_by_owner ON registrations (owner);"
  "CREATE TABLE reservations ("
  "  id TEXT PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  registration TEXT NOT NULL REFERENCES registrations (id),"
  "  slot TEXT NOT NULL REFERENCES slots (id),"
  "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),"
  "  created_unix BIGINT NOT NULL,"
  "  updated_unix BIGINT NOT NULL,"
  "  owner TEXT);"
  "CREATE INDEX reservations_by_slot ON reservations (slot, status);"
  "CREATE INDEX reservations_by_registration ON reservations (registration, status);"
  "CREATE TABLE applications ("
  "  reference TEXT PRIMARY KEY,"
  "  programme TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  created_unix BIGINT NOT NULL,"
  "  updated_unix BIGINT NOT NULL,"
  "  owner TEXT,"
  "  erased_unix BIGINT);"
  "CREATE TABLE staff ("
  "  id TEXT PRIMARY KEY, pwhash TEXT NOT NULL,"
  "  role TEXT NOT NULL DEFAULT 'nurse' CHECK (role IN ('nurse', 'supervisor')),"
  "  ward TEXT,"
  "  disabled INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE devices ("
  "  token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, created_unix BIGINT NOT NULL);"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL, expires_unix BIGINT NOT NULL);"
  "CREATE TABLE signin_failures ("
  "  staff_id TEXT NOT NULL, source TEXT NOT NULL,"
  "  failures INTEGER NOT NULL, last_ms BIGINT NOT NULL,"
  "  PRIMARY KEY (staff_id, source));"
  "CREATE TABLE idempotency ("
  "  principal TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  created_unix BIGINT NOT NULL,"
  "  PRIMARY KEY (principal, key));"
  "CREATE INDEX idempotency_by_age ON idempotency (created_unix);",
  /* 2: coming back with a receipt (yrs-server-lookup.c), SQLite's
   * user_version 6: the applicant's birth date on a registration, failed
   * lookups counted per device and per reference (rows, so that every
   * instance pauses alike), the lookups' short-lived tokens (hashes). */
  "ALTER TABLE registrations ADD COLUMN birth_on TEXT;"
  "CREATE TABLE lookup_failures ("
  "  scope TEXT NOT NULL, key TEXT NOT NULL,"
  "  failures INTEGER NOT NULL, last_ms BIGINT NOT NULL,"
  "  PRIMARY KEY (scope, key));"
  "CREATE TABLE lookup_tokens ("
  "  token_hash TEXT PRIMARY KEY, reference TEXT NOT NULL,"
  "  registration TEXT, reservation TEXT, device TEXT NOT NULL,"
  "  expires_unix BIGINT NOT NULL);",
  /* 3: the nurse's home visit and the supervisor's queue (issue 17),
   * SQLite's user_version 7: cases, consultation records, screenings,
   * a supervisor's decline with its reason. */
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY, ward TEXT,"
  "  added_by_staff INTEGER NOT NULL DEFAULT 0,"
  "  family TEXT NOT NULL, answers TEXT NOT NULL,"
  "  created_unix BIGINT NOT NULL, updated_unix BIGINT NOT NULL,"
  "  owner TEXT);"
  "CREATE INDEX cases_by_ward ON cases (ward);"
  "CREATE TABLE consultations ("
  "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  kind TEXT NOT NULL, date TEXT NOT NULL, record TEXT NOT NULL,"
  "  created_unix BIGINT NOT NULL, owner TEXT NOT NULL);"
  "CREATE INDEX consultations_by_case ON consultations (case_id);"
  "CREATE TABLE screenings ("
  "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  consultation TEXT, date TEXT NOT NULL,"
  "  total INTEGER NOT NULL, high INTEGER NOT NULL, urgent INTEGER NOT NULL,"
  "  record TEXT NOT NULL, created_unix BIGINT NOT NULL, owner TEXT NOT NULL);"
  "CREATE INDEX screenings_by_case ON screenings (case_id);"
  "ALTER TABLE applications ADD COLUMN case_id TEXT;"
  "ALTER TABLE registrations ADD COLUMN case_id TEXT;"
  "ALTER TABLE registrations ADD COLUMN declined_unix BIGINT;"
  "ALTER TABLE registrations ADD COLUMN decline_reason TEXT;"
  "ALTER TABLE registrations ADD COLUMN decided_by TEXT;"
  "CREATE INDEX applications_by_case ON applications (case_id);"
  "CREATE INDEX registrations_by_case ON registrations (case_id);",
  /* 4: one family, one case, SQLite's user_version 8: a case's match key
   * (a keyed hash, never the clear text), looked up per ward; the list's
   * pages in their order. */
  "ALTER TABLE cases ADD COLUMN match_key TEXT;"
  "CREATE INDEX cases_by_match ON cases (ward, match_key);"
  "CREATE INDEX cases_by_created ON cases (created_unix, id);",
};

/* Connection */

static const char begin_write_sql[] = "BEGIN ISOLATION LEVEL READ COMMITTED";
static const char begin_read_sql[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/* COMMIT or ROLLBACK of the whole transaction (not ROLLBACK TO). */
static gboolean
ends_transaction (const char *sql)
{
  g_autofree char *word = g_strstrip (g_strdup (sql));
  gsize len = strlen (word);

  if (len > 0 && word[len - 1] == ';')
    word[len - 1] = '\0';
  g_strchomp (word);
  return g_ascii_strcasecmp (word, "COMMIT") == 0 || g_ascii_strcasecmp (word, "ROLLBACK") == 0;
}

static gboolean
pg_exec (YrsDb      *db,
         const char *sql,
         GError    **error)
{
  g_autofree char *with_begin = NULL;
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  if (PG (db)->pending_begin != NULL)
    {
      const char *begin = g_steal_pointer (&PG (db)->pending_begin);

      /* Nothing was sent: nothing to end. */
      if (ends_transaction (sql))
        {
          PG (db)->changes = 0;
          return TRUE;
        }
      /* One simple query, one round trip. */
      sql = with_begin = g_strconcat (begin, "; ", sql, NULL);
    }
  result = PQexec (PG (db)->conn, sql);
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    {
      set_errmsg (PG (db), PQresultErrorMessage (result));
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "database: %s", PG (db)->errmsg);
    }
  else
    PG (db)->changes = atoi (PQcmdTuples (result));
  PQclear (result);
  return ok;
}

static void
pg_close (YrsDb *db)
{
  PQfinish (PG (db)->conn);
  g_hash_table_unref (PG (db)->prepared);
  g_free (PG (db)->errmsg);
  g_free (db);
}

/* Sent with the first statement (pg_exec(), pg_step()); a failure shows
 * there, as the statement's. */
static gboolean
pg_begin_write (YrsDb   *db,
                GError **error)
{
  PG (db)->pending_begin = begin_write_sql;
  return TRUE;
}

static gboolean
pg_begin_read (YrsDb   *db,
               GError **error)
{
  PG (db)->pending_begin = begin_read_sql;
  return TRUE;
}

static gboolean
pg_begin_exclusive (YrsDb   *db,
                    GError **error)
{
  g_autofree char *sql = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%d)", LOCK_SETUP);

  return pg_exec (db, sql, error);
}

static gboolean
pg_in_transaction (YrsDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (PG (db)->conn);

  if (PG (db)->pending_begin != NULL)
    return TRUE;
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static gboolean
pg_migrate (YrsDb   *db,
            GError **error)
{
  g_autofree char *lock = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%d);"
                                           "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                           "  version INTEGER PRIMARY KEY,"
                                           "  applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                           LOCK_MIGRATE);
  int current = 0;

  /* Instances starting at the same moment wait here for each other; the
   * first migrates, the others find the versions applied. (The CREATE
   * TABLE IF NOT EXISTS runs under the lock too.) */
  if (!pg_exec (db, lock, error))
    {
      pg_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  {
    PGresult *result = PQexec (PG (db)->conn,
                               "SELECT COALESCE (max (version), 0) FROM schema_migrations");

    if (PQresultStatus (result) != PGRES_TUPLES_OK)
      {
        set_errmsg (PG (db), PQresultErrorMessage (result));
        g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                     "database: %s", PG (db)->errmsg);
        PQclear (result);
        pg_exec (db, "ROLLBACK", NULL);
        return FALSE;
      }
    current = atoi (PQgetvalue (result, 0, 0));
    PQclear (result);
  }
  for (guint v = current; v < G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *mark = g_strdup_printf ("INSERT INTO schema_migrations (version) VALUES (%u)",
                                               v + 1);

      if (!pg_exec (db, migrations[v], error) || !pg_exec (db, mark, error))
        {
          g_prefix_error (error, "schema version %u: ", v + 1);
          pg_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return pg_exec (db, "COMMIT", error);
}

static int
pg_changes (YrsDb *db)
{
  return PG (db)->changes;
}

static const char *
pg_errmsg (YrsDb *db)
{
  return PG (db)->errmsg != NULL ? PG (db)->errmsg : "no error";
}

static gboolean
pg_is_broken (YrsDb *db)
{
  return PG (db)->broken || PQstatus (PG (db)->conn) != CONNECTION_OK;
}

static gboolean
pg_check_alive (YrsDb *db)
{
  /* An idle connection whose server went away has its end-of-file (and
   * the server's FATAL message) waiting: read it without blocking. */
  if (!pg_is_broken (db) && !PQconsumeInput (PG (db)->conn))
    PG (db)->broken = TRUE;
  return !pg_is_broken (db);
}

/* Statements */

/* "$N IS NULL" alone leaves the server guessing the type of $N: every
 * such parameter of ours is text. */
static void
append_param (GString    *out,
              int         n,
              const char *after)
{
  while (*after == ' ')
    after++;
  g_string_append_printf (out, "$%d", n);
  if (g_ascii_strncasecmp (after, "IS NULL", 7) == 0 ||
      g_ascii_strncasecmp (after, "IS NOT NULL", 11) == 0)
    g_string_append (out, "::text");
}

static char *
translate (const char *sql,
           GPtrArray  *names,
           int        *n_params)
{
  GString *out = g_string_new (NULL);
  char quote = 0;
  int max = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          g_string_append_c (out, *p);
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              n = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            n = max + 1;
          max = MAX (max, n);
          append_param (out, n, p + 1);
        }
      else if (*p == ':' && p[1] == ':')
        {
          g_string_append (out, "::");
          p++;
        }
      else if (*p == ':' && (g_ascii_isalpha (p[1]) || p[1] == '_'))
        {
          const char *start = p;
          g_autofree char *name = NULL;
          guint index;
          int n;

          p++;
          while (g_ascii_isalnum (p[1]) || p[1] == '_')
            p++;
          name = g_strndup (start, p - start + 1);
          if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, &index))
            n = (int) index + 1;
          else
            {
              while ((int) names->len < max)
                g_ptr_array_add (names, NULL);
              g_ptr_array_add (names, g_steal_pointer (&name));
              n = names->len;
            }
          max = MAX (max, n);
          append_param (out, n, p + 1);
        }
      else
        g_string_append_c (out, *p);
    }
  *n_params = max;
  return g_string_free (out, FALSE);
}

static YrsStmt *
pg_prepare (YrsDb      *db,
            const char *sql)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.db = db;
  stmt->names = g_ptr_array_new_with_free_func (g_free);
  stmt->sql = translate (sql, stmt->names, &stmt->n_params);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->row = -1;
  return &stmt->parent;
}

static void
pg_reset (YrsStmt *stmt)
{
  PgStmt *self = PGSTMT (stmt);

  g_clear_pointer (&self->result, PQclear);
  self->executed = FALSE;
  self->failed = FALSE;
  self->row = -1;
}

static void
pg_finalize (YrsStmt *stmt)
{
  PgStmt *self = PGSTMT (stmt);

  pg_reset (stmt);
  for (int i = 0; i < self->n_params; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_ptr_array_unref (self->names);
  g_free (self->sql);
  g_free (self);
}

/* BEGIN and a prepared statement in one round trip (libpq's pipeline
 * mode): the statement's result, or BEGIN's when that failed, or NULL
 * when the connection did. */
static PGresult *
exec_after_begin (PgDb               *db,
                  const char         *begin,
                  const char         *name,
                  int                 n_params,
                  const char * const *values)
{
  PGresult *results[2] = { NULL, NULL };
  int query = 0;
  int nulls = 0;

  if (!PQenterPipelineMode (db->conn))
    return NULL;
  if (!PQsendQueryParams (db->conn, begin, 0, NULL, NULL, NULL, NULL, 0) ||
      !PQsendQueryPrepared (db->conn, name, n_params, values, NULL, NULL, 0) ||
      !PQpipelineSync (db->conn))
    {
      db->broken = TRUE;
      return NULL;
    }
  /* Each query's result and a NULL after it, then the sync's result. */
  for (;;)
    {
      PGresult *result = PQgetResult (db->conn);

      if (result == NULL)
        {
          if (PQstatus (db->conn) != CONNECTION_OK || ++nulls > 2)
            break;
          query++;
          continue;
        }
      if (PQresultStatus (result) == PGRES_PIPELINE_SYNC)
        {
          PQclear (result);
          break;
        }
      if (query < 2 && results[query] == NULL)
        results[query] = result;
      else
        PQclear (result);
    }
  if (!PQexitPipelineMode (db->conn))
    db->broken = TRUE;
  if (results[0] != NULL && PQresultStatus (results[0]) != PGRES_COMMAND_OK)
    {
      PQclear (results[1]);
      return results[0];
    }
  PQclear (results[0]);
  if (db->broken)
    g_clear_pointer (&results[1], PQclear);
  return results[1];
}

static int
pg_step (YrsStmt *stmt)
{
  PgStmt *self = PGSTMT (stmt);
  PgDb *db = PG (stmt->db);

  if (!self->executed)
    {
      ExecStatusType status;
      const char *name;

      self->executed = TRUE;
      /* Each statement text is parsed and planned once per connection
       * (the statements are constants of this program). */
      name = g_hash_table_lookup (db->prepared, self->sql);
      if (name == NULL)
        {
          g_autofree char *new_name = g_strdup_printf ("yrs%u", g_hash_table_size (db->prepared));
          PGresult *prepared = PQprepare (db->conn, new_name, self->sql, self->n_params, NULL);

          if (PQresultStatus (prepared) == PGRES_COMMAND_OK)
            {
              name = new_name;
              g_hash_table_insert (db->prepared, g_strdup (self->sql), g_steal_pointer (&new_name));
            }
          PQclear (prepared);
        }
      if (name != NULL && db->pending_begin != NULL)
        self->result = exec_after_begin (db, g_steal_pointer (&db->pending_begin), name,
                                         self->n_params, (const char * const *) self->values);
      else if (db->pending_begin != NULL &&
               !pg_exec (stmt->db, g_steal_pointer (&db->pending_begin), NULL))
        /* (A statement the server would not prepare: BEGIN on its own.) */
        self->result = NULL;
      else if (name != NULL)
        self->result = PQexecPrepared (db->conn, name, self->n_params,
                                       (const char * const *) self->values, NULL, NULL, 0);
      else
        self->result = PQexecParams (db->conn, self->sql, self->n_params, NULL,
                                     (const char * const *) self->values, NULL, NULL, 0);
      if (self->result == NULL)
        {
          set_errmsg (db, PQerrorMessage (db->conn));
          self->failed = TRUE;
          return YRS_DB_ERROR;
        }
      status = PQresultStatus (self->result);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          set_errmsg (db, PQresultErrorMessage (self->result));
          self->failed = TRUE;
        }
      else
        db->changes = atoi (PQcmdTuples (self->result));
    }
  if (self->failed)
    return YRS_DB_ERROR;
  if (PQresultStatus (self->result) != PGRES_TUPLES_OK)
    return YRS_DB_DONE;
  self->row++;
  return self->row < PQntuples (self->result) ? YRS_DB_ROW : YRS_DB_DONE;
}

static const char *
pg_sql (YrsStmt *stmt)
{
  return PGSTMT (stmt)->sql;
}

static int
pg_parameter_index (YrsStmt    *stmt,
                    const char *name)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (PGSTMT (stmt)->names, name, g_str_equal, &index))
    return (int) index + 1;
  return 0;
}

static void
set_value (YrsStmt *stmt,
           int      index,
           char    *value)
{
  PgStmt *self = PGSTMT (stmt);

  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
}

static void
pg_bind_text (YrsStmt    *stmt,
              int         index,
              const char *text,
              gssize      length)
{
  set_value (stmt, index, length < 0 ? g_strdup (text) : g_strndup (text, length));
}

static void
pg_bind_int64 (YrsStmt *stmt,
               int      index,
               gint64   value)
{
  set_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_null (YrsStmt *stmt,
              int      index)
{
  set_value (stmt, index, NULL);
}

static gboolean
has_row (PgStmt *self,
         int     column)
{
  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result) &&
         column >= 0 && column < PQnfields (self->result);
}

static gboolean
pg_column_is_null (YrsStmt *stmt,
                   int      column)
{
  PgStmt *self = PGSTMT (stmt);

  return !has_row (self, column) || PQgetisnull (self->result, self->row, column);
}

static const char *
pg_column_text (YrsStmt *stmt,
                int      column)
{
  PgStmt *self = PGSTMT (stmt);

  if (pg_column_is_null (stmt, column))
    return NULL;
  return PQgetvalue (self->result, self->row, column);
}

static gint64
pg_column_int64 (YrsStmt *stmt,
                 int      column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0;
  /* Booleans (from a comparison) read as 1 and 0, as in SQLite. */
  if (text[0] == 't' && text[1] == '\0')
    return 1;
  return g_ascii_strtoll (text, NULL, 10);
}

static int
pg_column_bytes (YrsStmt *stmt,
                 int      column)
{
  PgStmt *self = PGSTMT (stmt);

  if (pg_column_is_null (stmt, column))
    return 0;
  return PQgetlength (self->result, self->row, column);
}

static const YrsDbBackend postgresql_backend = {
  .close = pg_close,
  .exec = pg_exec,
  .begin_write = pg_begin_write,
  .begin_read = pg_begin_read,
  .begin_exclusive = pg_begin_exclusive,
  .in_transaction = pg_in_transaction,
  .migrate = pg_migrate,
  .changes = pg_changes,
  .errmsg = pg_errmsg,
  .is_broken = pg_is_broken,
  .check_alive = pg_check_alive,
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .step = pg_step,
  .reset = pg_reset,
  .sql = pg_sql,
  .parameter_index = pg_parameter_index,
  .bind_text = pg_bind_text,
  .bind_int64 = pg_bind_int64,
  .bind_null = pg_bind_null,
  .column_is_null = pg_column_is_null,
  .column_text = pg_column_text,
  .column_int64 = pg_column_int64,
  .column_bytes = pg_column_bytes,
};

static void
quiet_notices (void       *arg,
               const char *message)
{
  /* "relation already exists, skipping" and the like: not for the log. */
}

YrsDb *
_yrs_db_postgresql_open (const char *uri,
                         GError    **error)
{
  /* The URI first, so that what follows it is only a default for what
   * the URI does not say… except that later keywords win in libpq: give
   * connect_timeout only when the URI has none. */
  const char *keywords[] = { "dbname", "application_name", "connect_timeout", NULL };
  const char *values[] = { uri, "yorisoi-server", "5", NULL };
  PGconn *conn;
  PgDb *db;

  if (strstr (uri, "connect_timeout=") != NULL)
    keywords[2] = NULL;
  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (conn != NULL ? PQerrorMessage (conn)
                                                                    : "out of memory"));

      /* libpq's message names the host and the database, never the password. */
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "cannot connect to PostgreSQL: %s", message);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, quiet_notices, NULL);
  db = g_new0 (PgDb, 1);
  db->parent.backend = &postgresql_backend;
  db->parent.kind = YRS_DB_POSTGRESQL;
  db->conn = conn;
  db->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return &db->parent;
}
