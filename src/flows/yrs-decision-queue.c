/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-decision-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-visit-private.h"

/* SKELETON (issue 17, step 1): the type, its properties and the model
 * interface, so that pages build against it; refresh() and decide() are
 * not wired yet. */

struct _YrsDecisionQueue
{
  GObject     parent_instance;

  YrsSession *session;   /* weak */
  GPtrArray  *items;     /* YrsPendingRegistration */
  gboolean    loading;
  gboolean    offline;
  char       *error;
};

static void yrs_decision_queue_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YrsDecisionQueue, yrs_decision_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, yrs_decision_queue_model_init))

G_DEFINE_QUARK (yrs-decision-queue-error-quark, yrs_decision_queue_error)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_OFFLINE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
model_get_item_type (GListModel *model)
{
  return YRS_TYPE_PENDING_REGISTRATION;
}

static guint
model_get_n_items (GListModel *model)
{
  return YRS_DECISION_QUEUE (model)->items->len;
}

static gpointer
model_get_item (GListModel *model,
                guint       position)
{
  YrsDecisionQueue *self = YRS_DECISION_QUEUE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
yrs_decision_queue_model_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

static void
yrs_decision_queue_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsDecisionQueue *self = YRS_DECISION_QUEUE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_decision_queue_dispose (GObject *object)
{
  YrsDecisionQueue *self = YRS_DECISION_QUEUE (object);
  guint n = self->items->len;

  g_clear_weak_pointer (&self->session);
  if (n > 0)
    {
      g_ptr_array_set_size (self->items, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }

  G_OBJECT_CLASS (yrs_decision_queue_parent_class)->dispose (object);
}

static void
yrs_decision_queue_finalize (GObject *object)
{
  YrsDecisionQueue *self = YRS_DECISION_QUEUE (object);

  g_ptr_array_unref (self->items);
  g_free (self->error);

  G_OBJECT_CLASS (yrs_decision_queue_parent_class)->finalize (object);
}

static void
yrs_decision_queue_class_init (YrsDecisionQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_decision_queue_get_property;
  object_class->dispose = yrs_decision_queue_dispose;
  object_class->finalize = yrs_decision_queue_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, RO);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, RO);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_decision_queue_init (YrsDecisionQueue *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

YrsDecisionQueue *
yrs_decision_queue_new (YrsSession *session)
{
  YrsDecisionQueue *self = g_object_new (YRS_TYPE_DECISION_QUEUE, NULL);

  g_set_weak_pointer (&self->session, session);
  return self;
}

gboolean
yrs_decision_queue_get_loading (YrsDecisionQueue *self)
{
  g_return_val_if_fail (YRS_IS_DECISION_QUEUE (self), FALSE);
  return self->loading;
}

gboolean
yrs_decision_queue_get_offline (YrsDecisionQueue *self)
{
  g_return_val_if_fail (YRS_IS_DECISION_QUEUE (self), FALSE);
  return self->offline;
}

const char *
yrs_decision_queue_get_error (YrsDecisionQueue *self)
{
  g_return_val_if_fail (YRS_IS_DECISION_QUEUE (self), NULL);
  return self->error;
}

void
yrs_decision_queue_refresh (YrsDecisionQueue *self)
{
  g_return_if_fail (YRS_IS_DECISION_QUEUE (self));
}

gboolean
yrs_decision_queue_decide (YrsDecisionQueue *self,
                           const char       *registration_id,
                           gboolean          approve,
                           const char       *reason,
                           GError          **error)
{
  g_return_val_if_fail (YRS_IS_DECISION_QUEUE (self), FALSE);
  g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_FAILED,
                       "not implemented yet");
  return FALSE;
}
