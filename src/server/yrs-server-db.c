/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers over the storage interface (yrs-server-store.h): meta values,
 * the slot revision counter, slots, retention. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <unistd.h>

#include "yrs-server-private.h"

void
_yrs_db_bind_texts (YrsStmt *stmt,
                    ...)
{
  va_list args;
  const char *text;
  int i = 1;

  va_start (args, stmt);
  while ((text = va_arg (args, const char *)) != NULL)
    _yrs_stmt_bind_text (stmt, i++, text);
  va_end (args);
}

gint64
_yrs_db_next_revision (YrsDb *db)
{
  g_autoptr(YrsStmt) stmt =
    /* The counter's row stays locked until the transaction ends, so
     * revisions are handed out in commit order: a reader who sees
     * revision N committed sees every revision below it too, and a
     * delta's cursor never skips a change made at another instance. */
    _yrs_db_prepare_dialect (db,
                             "UPDATE meta SET value = CAST (value AS INTEGER) + 1 "
                             "WHERE key = 'slot_revision' RETURNING CAST (value AS INTEGER)",
                             "UPDATE meta SET value = (value::bigint + 1)::text "
                             "WHERE key = 'slot_revision' RETURNING value::bigint");
  gint64 revision = -1;

  if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
    revision = _yrs_stmt_column_int64 (stmt, 0);
  return revision;
}

char *
_yrs_db_get_meta (YrsDb    *db,
                  const char *key)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT value FROM meta WHERE key = ?");

  _yrs_db_bind_texts (stmt, key, NULL);
  if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
    return g_strdup (_yrs_stmt_column_text (stmt, 0));
  return NULL;
}

void
_yrs_db_set_meta (YrsDb    *db,
                  const char *key,
                  const char *value)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

  _yrs_db_bind_texts (stmt, key, value, NULL);
  _yrs_stmt_step (stmt);
}

YrsApiSlot *
_yrs_db_slot_from_row (YrsStmt *stmt)
{
  YrsApiSlot *slot = yrs_api_slot_new ();

  slot->id = g_strdup (_yrs_stmt_column_text (stmt, 0));
  slot->facility = g_strdup (_yrs_stmt_column_text (stmt, 1));
  yrs_api_kind_from_string (_yrs_stmt_column_text (stmt, 2),
                            &slot->kind);
  slot->starts_at = g_strdup (_yrs_stmt_column_text (stmt, 3));
  slot->ends_at = g_strdup (_yrs_stmt_column_text (stmt, 4));
  slot->capacity = _yrs_stmt_column_int64 (stmt, 5);
  slot->booked = _yrs_stmt_column_int64 (stmt, 6);
  slot->revision = _yrs_stmt_column_int64 (stmt, 7);
  slot->deleted = _yrs_stmt_column_int (stmt, 8) != 0;
  return slot;
}

YrsApiSlot *
_yrs_db_get_slot (YrsDb    *db,
                  const char *id)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT " YRS_DB_SLOT_COLUMNS " FROM slots WHERE id = ?");

  _yrs_db_bind_texts (stmt, id, NULL);
  if (_yrs_stmt_step (stmt) == YRS_DB_ROW)
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
run_delete (YrsDb    *db,
            const char *sql,
            gint64      bound)
{
  g_autoptr(YrsStmt) stmt = _yrs_db_prepare (db, sql);

  _yrs_stmt_bind_int64 (stmt, 1, bound);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
    return -1;
  return _yrs_db_changes (db);
}

/* The home visit (issue 17): a case no longer on any nurse's list (no
 * support payment waiting, no registration pending or declined, a family
 * a nurse added has had its consultation), untouched for the configured
 * days, keeps its ids, kinds, dates and EPDS totals; the family, its
 * match key, the answers and the records' contents (notes, topics, item
 * scores) are erased. */
static void
erase_closed_cases (YrsDb  *db,
                    gint64  before,
                    gint64  now)
{
#define CLOSED_CASE \
  "c.updated_unix < ?1 " \
  "AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.case_id = c.id " \
  "  AND a.status = 'waiting_for_consultation') " \
  "AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.case_id = c.id " \
  "  AND (r.declined_unix IS NOT NULL OR r.approve_unix IS NULL OR r.approve_unix > ?2)) " \
  "AND NOT (c.added_by_staff = 1 AND NOT EXISTS " \
  "  (SELECT 1 FROM consultations k WHERE k.case_id = c.id))"
  const char *statements[] = {
    "UPDATE consultations SET record = '{}' WHERE record <> '{}' AND case_id IN "
    "(SELECT c.id FROM cases c WHERE " CLOSED_CASE ")",
    "UPDATE screenings SET record = '{}' WHERE record <> '{}' AND case_id IN "
    "(SELECT c.id FROM cases c WHERE " CLOSED_CASE ")",
    "UPDATE cases AS c SET family = '{\"name\":\"-\"}', answers = '{}', match_key = NULL "
    "WHERE (family <> '{\"name\":\"-\"}' OR match_key IS NOT NULL) AND " CLOSED_CASE,
  };
#undef CLOSED_CASE

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(YrsStmt) stmt = _yrs_db_prepare (db, statements[i]);

      _yrs_stmt_bind_int64 (stmt, 1, before);
      _yrs_stmt_bind_int64 (stmt, 2, now);
      _yrs_stmt_step (stmt);
    }
}

gboolean
_yrs_db_retention (YrsDb       *db,
                   int            personal_days,
                   YrsRetention  *out,
                   GError       **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  YrsRetention counts = { 0 };

  if (!_yrs_db_begin_write (db, error))
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
      g_autoptr(YrsStmt) registrations =
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
      g_autoptr(YrsStmt) applications =
        _yrs_db_prepare (db,
                         /* Received by the city, for the configured days. */
                         "UPDATE applications SET fields = '{}', erased_unix = ?2 "
                         "WHERE erased_unix IS NULL AND created_unix < ?1");

      _yrs_stmt_bind_int64 (registrations, 1, before);
      _yrs_stmt_bind_int64 (registrations, 2, now);
      if (_yrs_stmt_step (registrations) == YRS_DB_DONE)
        counts.registrations = _yrs_db_changes (db);
      _yrs_stmt_bind_int64 (applications, 1, before);
      _yrs_stmt_bind_int64 (applications, 2, now);
      if (_yrs_stmt_step (applications) == YRS_DB_DONE)
        counts.applications = _yrs_db_changes (db);
      erase_closed_cases (db, before, now);
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
