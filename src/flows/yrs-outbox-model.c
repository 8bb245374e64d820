/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-outbox-model"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-outbox-model.h"
#include "yrs-outbox-row-private.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"

struct _YrsOutboxModel
{
  GObject        parent_instance;

  YrsStore      *store;    /* NULL: no rows */
  char          *owner;
  YrsSyncEngine *engine;   /* may be NULL */

  YrsCatalog    *catalog;  /* for the programmes' titles; may be NULL */
  GPtrArray     *rows;     /* YrsOutboxRow, newest first */
  gboolean       staff;
  gboolean       can_retry;
};

static void yrs_outbox_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YrsOutboxModel, yrs_outbox_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      yrs_outbox_model_list_model_init))

enum {
  PROP_0,
  PROP_STAFF,
  PROP_HAS_ROWS,
  PROP_EMPTY,
  PROP_CAN_RETRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel ---------------------------------------------------------- */

static GType
yrs_outbox_model_get_item_type (GListModel *model)
{
  return YRS_TYPE_OUTBOX_ROW;
}

static guint
yrs_outbox_model_get_n_items (GListModel *model)
{
  return YRS_OUTBOX_MODEL (model)->rows->len;
}

static gpointer
yrs_outbox_model_get_item (GListModel *model,
                           guint       position)
{
  YrsOutboxModel *self = YRS_OUTBOX_MODEL (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
yrs_outbox_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = yrs_outbox_model_get_item_type;
  iface->get_n_items = yrs_outbox_model_get_n_items;
  iface->get_item = yrs_outbox_model_get_item;
}

/* ---- Reading the store --------------------------------------------------- */

static const char *
row_key (GPtrArray *rows,
         guint      i)
{
  return yrs_outbox_row_get_key (g_ptr_array_index (rows, i));
}

static const char *
item_key (GPtrArray *items,
          guint      i)
{
  /* The store lists oldest first; the model shows newest first. */
  return ((const YrsOutboxItem *) g_ptr_array_index (items, items->len - 1 - i))->idempotency_key;
}

static const YrsOutboxItem *
item_at (GPtrArray *items,
         guint      i)
{
  return g_ptr_array_index (items, items->len - 1 - i);
}

void
yrs_outbox_model_reload (YrsOutboxModel *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_rows;
  gboolean was_empty;
  gboolean could_retry;
  gboolean can_retry = FALSE;
  guint old_n, new_n, prefix = 0, suffix = 0;

  g_return_if_fail (YRS_IS_OUTBOX_MODEL (self));

  had_rows = yrs_outbox_model_get_has_rows (self);
  was_empty = yrs_outbox_model_get_empty (self);
  could_retry = self->can_retry;

  /* This owner's rows only, and only for staff. */
  if (self->staff)
    {
      items = yrs_store_outbox_list (self->store, self->owner, YRS_OUTBOX_STATE_ANY, &error);
      if (items == NULL)
        g_warning ("Could not read the outbox: %s", error->message);
    }
  if (items == NULL)
    items = g_ptr_array_new ();

  /* Rows keep their objects (a list keeps its widgets and focus): only
   * the span between the unchanged head and tail is replaced. */
  old_n = self->rows->len;
  new_n = items->len;
  while (prefix < old_n && prefix < new_n &&
         g_str_equal (row_key (self->rows, prefix), item_key (items, prefix)))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_str_equal (row_key (self->rows, old_n - 1 - suffix), item_key (items, new_n - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    _yrs_outbox_row_update (g_ptr_array_index (self->rows, i), item_at (items, i));
  for (guint i = 0; i < suffix; i++)
    _yrs_outbox_row_update (g_ptr_array_index (self->rows, old_n - 1 - i), item_at (items, new_n - 1 - i));

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    {
      g_ptr_array_remove_range (self->rows, prefix, old_n - prefix - suffix);
      for (guint i = prefix; i < new_n - suffix; i++)
        g_ptr_array_insert (self->rows, i, _yrs_outbox_row_new (item_at (items, i), self->staff, self->catalog));
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_n - prefix - suffix, new_n - prefix - suffix);
    }

  for (guint i = 0; i < items->len; i++)
    can_retry |= ((const YrsOutboxItem *) g_ptr_array_index (items, i))->state == YRS_OUTBOX_STATE_QUEUED;
  self->can_retry = can_retry;

  if (had_rows != yrs_outbox_model_get_has_rows (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ROWS]);
  if (was_empty != yrs_outbox_model_get_empty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
  if (could_retry != self->can_retry)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RETRY]);
}

static void
on_outbox_changed (YrsOutboxModel *self,
                   const char     *owner,
                   YrsStore       *store)
{
  if (owner == NULL || g_strcmp0 (owner, self->owner) == 0)
    yrs_outbox_model_reload (self);
}

static void
on_row_answered (YrsOutboxModel *self,
                 const char     *key,
                 int             state,
                 YrsSyncEngine  *engine)
{
  yrs_outbox_model_reload (self);
}

/* The engine's state and counts: a sync began or ended, a row went. */
static void
on_engine_notify (YrsOutboxModel *self,
                  GParamSpec     *pspec,
                  YrsSyncEngine  *engine)
{
  yrs_outbox_model_reload (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
yrs_outbox_model_dispose (GObject *object)
{
  YrsOutboxModel *self = YRS_OUTBOX_MODEL (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_outbox_model_parent_class)->dispose (object);
}

static void
yrs_outbox_model_finalize (GObject *object)
{
  YrsOutboxModel *self = YRS_OUTBOX_MODEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (yrs_outbox_model_parent_class)->finalize (object);
}

static void
yrs_outbox_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsOutboxModel *self = YRS_OUTBOX_MODEL (object);

  switch (prop_id)
    {
    case PROP_STAFF:
      g_value_set_boolean (value, self->staff);
      break;
    case PROP_HAS_ROWS:
      g_value_set_boolean (value, yrs_outbox_model_get_has_rows (self));
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, yrs_outbox_model_get_empty (self));
      break;
    case PROP_CAN_RETRY:
      g_value_set_boolean (value, self->can_retry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_outbox_model_class_init (YrsOutboxModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = yrs_outbox_model_dispose;
  object_class->finalize = yrs_outbox_model_finalize;
  object_class->get_property = yrs_outbox_model_get_property;

  properties[PROP_STAFF] = g_param_spec_boolean ("staff", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_ROWS] = g_param_spec_boolean ("has-rows", NULL, NULL, FALSE, flags);
  properties[PROP_EMPTY] = g_param_spec_boolean ("empty", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_RETRY] = g_param_spec_boolean ("can-retry", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_outbox_model_init (YrsOutboxModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Who may see and discard rows: a staff member's session, as the store
 * records it (never a guess from the owner's spelling). */
static gboolean
owner_is_staff (YrsStore   *store,
                const char *owner)
{
  g_autoptr(YrsSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || owner == NULL)
    return FALSE;
  info = yrs_store_get_session (store, owner, &error);
  if (error != NULL)
    g_warning ("Could not read the session %s: %s", owner, error->message);
  return info != NULL && info->kind == YRS_SESSION_KIND_STAFF && info->wiped_at == 0;
}

YrsOutboxModel *
yrs_outbox_model_new (YrsStore      *store,
                      const char    *owner,
                      YrsSyncEngine *engine)
{
  YrsOutboxModel *self;

  g_return_val_if_fail (store == NULL || YRS_IS_STORE (store), NULL);
  g_return_val_if_fail (engine == NULL || YRS_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (YRS_TYPE_OUTBOX_MODEL, NULL);
  self->owner = g_strdup (owner);
  self->staff = owner_is_staff (store, owner);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "outbox-changed",
                               G_CALLBACK (on_outbox_changed), self, G_CONNECT_SWAPPED);
    }
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      g_signal_connect_object (engine, "row-answered",
                               G_CALLBACK (on_row_answered), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::state",
                               G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::pending",
                               G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::failed",
                               G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
    }
  yrs_outbox_model_reload (self);
  return self;
}

void
yrs_outbox_model_set_catalog (YrsOutboxModel *self,
                              YrsCatalog     *catalog)
{
  g_return_if_fail (YRS_IS_OUTBOX_MODEL (self));

  if (!g_set_object (&self->catalog, catalog))
    return;
  /* The rows name their programmes from it: made again. */
  if (self->rows->len > 0)
    {
      guint n = self->rows->len;

      g_ptr_array_set_size (self->rows, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }
  yrs_outbox_model_reload (self);
}

gboolean
yrs_outbox_model_get_staff (YrsOutboxModel *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), FALSE);

  return self->staff;
}

gboolean
yrs_outbox_model_get_has_rows (YrsOutboxModel *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), FALSE);

  return self->rows->len > 0;
}

gboolean
yrs_outbox_model_get_empty (YrsOutboxModel *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), FALSE);

  return self->staff && self->rows->len == 0;
}

gboolean
yrs_outbox_model_get_can_retry (YrsOutboxModel *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), FALSE);

  return self->can_retry;
}

YrsOutboxRow *
yrs_outbox_model_find (YrsOutboxModel *self,
                       const char     *key)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), NULL);

  for (guint i = 0; key != NULL && i < self->rows->len; i++)
    if (g_str_equal (row_key (self->rows, i), key))
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

void
yrs_outbox_model_retry_now (YrsOutboxModel *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (YRS_IS_OUTBOX_MODEL (self));

  if (!self->staff)
    return;

  /* outbox-changed reloads the rows. */
  if (!yrs_store_outbox_make_due (self->store, self->owner, g_get_real_time (), NULL, &error))
    g_warning ("Could not make the outbox due: %s", error->message);
  if (self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
}

gboolean
yrs_outbox_model_discard (YrsOutboxModel *self,
                          const char     *key,
                          GError        **error)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_MODEL (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!self->staff)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Only the staff member who made a submission can discard it"));
      return FALSE;
    }

  /* outbox-changed reloads the rows. */
  if (!yrs_store_outbox_discard (self->store, key, self->owner, error))
    return FALSE;
  /* The engine counts again. */
  if (self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
  return TRUE;
}
