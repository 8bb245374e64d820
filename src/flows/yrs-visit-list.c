/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-list"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-visit-private.h"

/* SKELETON (issue 17, step 1): the type, its properties and the model
 * interface, so that pages build against it. The cache, the outbox and
 * the sync are not wired yet: refresh() does nothing, the record calls
 * fail. */

struct _YrsVisitList
{
  GObject     parent_instance;

  YrsSession *session;   /* weak */
  GPtrArray  *cases;     /* YrsVisitCase */
  gboolean    loading;
  gboolean    offline;
  gint64      last_updated;
  char       *error;
};

static void yrs_visit_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YrsVisitList, yrs_visit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, yrs_visit_list_model_init))

G_DEFINE_QUARK (yrs-visit-list-error-quark, yrs_visit_list_error)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_OFFLINE,
  PROP_LAST_UPDATED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
model_get_item_type (GListModel *model)
{
  return YRS_TYPE_VISIT_CASE;
}

static guint
model_get_n_items (GListModel *model)
{
  return YRS_VISIT_LIST (model)->cases->len;
}

static gpointer
model_get_item (GListModel *model,
                guint       position)
{
  YrsVisitList *self = YRS_VISIT_LIST (model);

  if (position >= self->cases->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->cases, position));
}

static void
yrs_visit_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

static void
yrs_visit_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsVisitList *self = YRS_VISIT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_LAST_UPDATED:
      g_value_take_string (value, yrs_visit_list_dup_last_updated (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_visit_list_dispose (GObject *object)
{
  YrsVisitList *self = YRS_VISIT_LIST (object);
  guint n = self->cases->len;

  g_clear_weak_pointer (&self->session);
  if (n > 0)
    {
      g_ptr_array_set_size (self->cases, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }

  G_OBJECT_CLASS (yrs_visit_list_parent_class)->dispose (object);
}

static void
yrs_visit_list_finalize (GObject *object)
{
  YrsVisitList *self = YRS_VISIT_LIST (object);

  g_ptr_array_unref (self->cases);
  g_free (self->error);

  G_OBJECT_CLASS (yrs_visit_list_parent_class)->finalize (object);
}

static void
yrs_visit_list_class_init (YrsVisitListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_visit_list_get_property;
  object_class->dispose = yrs_visit_list_dispose;
  object_class->finalize = yrs_visit_list_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, RO);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, RO);
  properties[PROP_LAST_UPDATED] = g_param_spec_string ("last-updated", NULL, NULL, NULL, RO);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_visit_list_init (YrsVisitList *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
}

YrsVisitList *
yrs_visit_list_new (YrsSession *session)
{
  YrsVisitList *self = g_object_new (YRS_TYPE_VISIT_LIST, NULL);

  g_set_weak_pointer (&self->session, session);
  return self;
}

gboolean
yrs_visit_list_get_loading (YrsVisitList *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  return self->loading;
}

gboolean
yrs_visit_list_get_offline (YrsVisitList *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  return self->offline;
}

char *
yrs_visit_list_dup_last_updated (YrsVisitList *self)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), NULL);

  if (self->last_updated <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (self->last_updated / G_USEC_PER_SEC);
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

const char *
yrs_visit_list_get_error (YrsVisitList *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), NULL);
  return self->error;
}

void
yrs_visit_list_refresh (YrsVisitList *self)
{
  g_return_if_fail (YRS_IS_VISIT_LIST (self));
}

YrsVisitCase *
yrs_visit_list_lookup (YrsVisitList *self,
                       const char   *case_id)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), NULL);

  for (guint i = 0; case_id != NULL && i < self->cases->len; i++)
    {
      YrsVisitCase *item = g_ptr_array_index (self->cases, i);

      if (g_strcmp0 (yrs_visit_case_get_id (item), case_id) == 0)
        return item;
    }
  return NULL;
}

static gboolean
not_yet (GError **error)
{
  g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_FAILED,
                       "not implemented yet");
  return FALSE;
}

gboolean
yrs_visit_list_add_family (YrsVisitList *self,
                           JsonObject   *family,
                           char        **out_case_id,
                           GError      **error)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  return not_yet (error);
}

gboolean
yrs_visit_list_record_consultation (YrsVisitList *self,
                                    const char   *case_id,
                                    JsonObject   *record,
                                    char        **out_local_id,
                                    GError      **error)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  return not_yet (error);
}

gboolean
yrs_visit_list_record_screening (YrsVisitList *self,
                                 const char   *case_id,
                                 JsonObject   *record,
                                 GError      **error)
{
  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  return not_yet (error);
}
