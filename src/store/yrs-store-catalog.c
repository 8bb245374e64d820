/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-catalog.c: YrsStore's catalogue versions. See yrs-store.h. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include "yrs-store-private.h"

gboolean
yrs_store_save_catalog (YrsStore    *self,
                        const char  *document,
                        const char  *etag,
                        gint64       fetched_at,
                        GError     **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require_json (document, "document", TRUE, error))
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

  if (!_yrs_store_require_json (data->document, "document", TRUE, &error) ||
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

  stmt = _yrs_store_get_stmt (self,
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
  version->document = _yrs_store_col_dup (stmt, 1);
  version->etag = _yrs_store_col_dup (stmt, 2);
  version->fetched_at = sqlite3_column_int64 (stmt, 3);
  return version;
}
