/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalogue the server serves (and takes facilities and programme ids
 * from), and the demo slots. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <string.h>

#include "yrs-catalog.h"
#include "yrs-server-private.h"

#define MAX_CATALOG_BYTES (8 * 1024 * 1024)

/* Small capacities, so that a demo can fill a slot by hand. */
static const struct
{
  int start_hour;
  int hours;
  int capacity;
} demo_kinds[YRS_API_N_KINDS] = {
  [YRS_API_KIND_STAY] = { 10, 24, 2 },
  [YRS_API_KIND_DAY] = { 10, 6, 3 },
  [YRS_API_KIND_VISIT] = { 13, 2, 2 },
};

static gboolean
catalog_error (GError    **error,
               const char *path,
               const char *where,
               const char *what)
{
  g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_CATALOG,
               "%s: %s: %s", path, where, what);
  return FALSE;
}

static const char *
object_string (JsonObject *o,
               const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static YrsApiFacility *
facility_from_catalog (JsonNode   *node,
                       const char *path,
                       guint       index,
                       GError    **error)
{
  g_autoptr(YrsApiFacility) f = yrs_api_facility_new ();
  g_autofree char *where = g_strdup_printf ("facilities[%u]", index);
  JsonObject *o, *name;
  JsonArray *kinds;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return catalog_error (error, path, where, "not an object"), NULL;
  o = json_node_get_object (node);
  if (!yrs_api_is_valid_id (object_string (o, "id")))
    return catalog_error (error, path, where, "no valid \"id\""), NULL;
  f->id = g_strdup (object_string (o, "id"));

  if (json_object_has_member (o, "name") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "name")))
    {
      name = json_object_get_object_member (o, "name");
      f->name_ja = g_strdup (object_string (name, "ja"));
      f->name_en = g_strdup (object_string (name, "en"));
    }
  if (f->name_ja == NULL)
    return catalog_error (error, path, where, "no \"name\".\"ja\""), NULL;

  f->type = g_strdup (g_strcmp0 (object_string (o, "type"), "josanjo") == 0
                      ? "josanjo" : "medical");
  if (object_string (o, "ward") != NULL && yrs_api_is_valid_id (object_string (o, "ward")))
    f->ward = g_strdup (object_string (o, "ward"));

  if (!json_object_has_member (o, "kinds") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "kinds")))
    return catalog_error (error, path, where, "no \"kinds\" array"), NULL;
  kinds = json_object_get_array_member (o, "kinds");
  for (guint k = 0; k < json_array_get_length (kinds); k++)
    {
      JsonNode *item = json_array_get_element (kinds, k);
      const char *text = NULL;
      YrsApiKind kind;

      /* "kinds": ["stay", …] or [{"kind": "stay", "fee_yen": …}, …] */
      if (JSON_NODE_HOLDS_OBJECT (item))
        text = object_string (json_node_get_object (item), "kind");
      else if (JSON_NODE_HOLDS_VALUE (item) &&
               json_node_get_value_type (item) == G_TYPE_STRING)
        text = json_node_get_string (item);
      if (!yrs_api_kind_from_string (text, &kind))
        return catalog_error (error, path, where, "a kind is not stay, day or visit"), NULL;
      f->kinds |= 1u << kind;
    }
  return g_steal_pointer (&f);
}

gboolean
_yrs_seed_load_catalog (const char  *path,
                        YrsCatalog **catalog,
                        GBytes     **bytes,
                        GPtrArray  **facilities,
                        GHashTable **programmes,
                        GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(YrsCatalog) checked = NULL;
  JsonObject *o;
  const char *data;
  gsize length;

  if (path == NULL)
    {
      /* The catalogue compiled into yrs-core, as the app bundles it. */
      path = "bundled catalogue";
      contents = yrs_catalog_get_default_bytes ();
    }
  else
    {
      g_autofree char *text = NULL;

      if (!g_file_get_contents (path, &text, &length, error))
        return FALSE;
      if (length > MAX_CATALOG_BYTES)
        return catalog_error (error, path, "file", "larger than 8 MiB");
      contents = g_bytes_new_take (g_steal_pointer (&text), length);
    }

  /* Only a catalogue the app's own loader accepts is published. */
  checked = yrs_catalog_new_from_bytes (contents, &parse_error);
  if (checked == NULL)
    return catalog_error (error, path, "catalogue", parse_error->message);

  data = g_bytes_get_data (contents, &length);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    if (!json_parser_load_from_data (parser, data, length, &parse_error))
      return catalog_error (error, path, "JSON", parse_error->message);
    root = json_node_copy (json_parser_get_root (parser));
  }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return catalog_error (error, path, "$", "not an object");
  o = json_node_get_object (root);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_facility_free);
  if (json_object_has_member (o, "facilities"))
    {
      JsonNode *node = json_object_get_member (o, "facilities");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return catalog_error (error, path, "facilities", "not an array");
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          YrsApiFacility *f = facility_from_catalog (json_array_get_element (array, i),
                                                     path, i, error);

          if (f == NULL)
            return FALSE;
          g_ptr_array_add (list, f);
        }
    }

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (json_object_has_member (o, "programmes") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "programmes")))
    {
      JsonArray *array = json_object_get_array_member (o, "programmes");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (item)
                           ? object_string (json_node_get_object (item), "id") : NULL;

          if (yrs_api_is_valid_id (id))
            g_hash_table_add (ids, g_strdup (id));
        }
    }

  *bytes = g_bytes_ref (contents);
  *facilities = g_steal_pointer (&list);
  *programmes = g_steal_pointer (&ids);
  *catalog = g_steal_pointer (&checked);
  return TRUE;
}

gboolean
_yrs_seed_facilities (YrsDb   *db,
                      GPtrArray *facilities,
                      GError   **error)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "INSERT INTO facilities (id, json) VALUES (?, ?) "
                         "ON CONFLICT (id) DO UPDATE SET json = excluded.json");

  for (guint i = 0; i < facilities->len; i++)
    {
      const YrsApiFacility *f = g_ptr_array_index (facilities, i);
      g_autofree char *json = yrs_api_facility_to_string (f);

      _yrs_stmt_reset (stmt);
      _yrs_db_bind_texts (stmt, f->id, json, NULL);
      if (_yrs_stmt_step (stmt) != YRS_DB_DONE)
        {
          g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                       "database: %s", _yrs_db_errmsg (db));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_yrs_seed_demo_slots (YrsDb   *db,
                      GPtrArray *facilities,
                      int        days,
                      GError   **error)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (jst);
  g_autoptr(GDateTime) today = g_date_time_new (jst, g_date_time_get_year (now),
                                                g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now),
                                                0, 0, 0);
  g_autoptr(YrsStmt) exists =
    _yrs_db_prepare (db, "SELECT 1 FROM slots WHERE id = ?");
  g_autoptr(YrsStmt) insert =
    _yrs_db_prepare (db, "INSERT INTO slots (id, facility, kind, starts_at, ends_at, "
                         "starts_unix, capacity, booked, revision, deleted) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0)");

  /* From tomorrow, so that every demo slot can still be booked. */
  for (int d = 1; d <= days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, d);
      g_autofree char *ymd = g_date_time_format (day, "%Y%m%d");

      for (guint i = 0; i < facilities->len; i++)
        {
          const YrsApiFacility *f = g_ptr_array_index (facilities, i);

          for (guint k = 0; k < YRS_API_N_KINDS; k++)
            {
              g_autoptr(GDateTime) starts = NULL;
              g_autoptr(GDateTime) ends = NULL;
              g_autofree char *id = NULL;
              g_autofree char *starts_at = NULL;
              g_autofree char *ends_at = NULL;

              if (!(f->kinds & (1u << k)))
                continue;
              id = g_strdup_printf ("slot-%s-%s-%s", f->id, yrs_api_kind_to_string (k), ymd);
              if (!yrs_api_is_valid_id (id))
                id[YRS_API_MAX_ID_CHARS] = '\0';

              _yrs_stmt_reset (exists);
              _yrs_db_bind_texts (exists, id, NULL);
              if (_yrs_stmt_step (exists) == YRS_DB_ROW)
                continue;

              starts = g_date_time_add_hours (day, demo_kinds[k].start_hour);
              ends = g_date_time_add_hours (starts, demo_kinds[k].hours);
              starts_at = g_date_time_format (starts, "%Y-%m-%dT%H:%M:%S%:z");
              ends_at = g_date_time_format (ends, "%Y-%m-%dT%H:%M:%S%:z");

              _yrs_stmt_reset (insert);
              _yrs_db_bind_texts (insert, id, f->id, yrs_api_kind_to_string (k),
                                  starts_at, ends_at, NULL);
              _yrs_stmt_bind_int64 (insert, 6, g_date_time_to_unix (starts));
              _yrs_stmt_bind_int (insert, 7, demo_kinds[k].capacity);
              _yrs_stmt_bind_int64 (insert, 8, _yrs_db_next_revision (db));
              if (_yrs_stmt_step (insert) != YRS_DB_DONE)
                {
                  g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                               "database: %s", _yrs_db_errmsg (db));
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}
