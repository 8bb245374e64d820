/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-decision-queue"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "yrs-api-visit.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-visit-private.h"

struct _YrsDecisionQueue
{
  GObject     parent_instance;

  YrsSession    *session;   /* weak */
  YrsStore      *store;
  char          *owner;
  YrsSyncEngine *engine;
  GCancellable  *cancellable;
  GHashTable    *sent;      /* outbox key -> registration id */
  GPtrArray     *items;     /* YrsPendingRegistration */
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
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
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
  g_hash_table_unref (self->sent);
  g_free (self->error);
  g_free (self->owner);

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
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
set_error (YrsDecisionQueue *self,
           const char       *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_flag (YrsDecisionQueue *self,
          gboolean         *flag,
          gboolean          value,
          guint             prop)
{
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static YrsPendingRegistration *
find (YrsDecisionQueue *self,
      const char       *id,
      guint            *position)
{
  for (guint i = 0; id != NULL && i < self->items->len; i++)
    {
      YrsPendingRegistration *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (yrs_pending_registration_get_id (item), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }
  return NULL;
}

/* The decision's row got the server's answer: the registration shows it;
 * refused (decided already by someone else, gone): the list is asked
 * for again. */
static void
on_row_answered (YrsSyncEngine    *engine,
                 const char       *key,
                 int               state,
                 YrsDecisionQueue *self)
{
  const char *id = g_hash_table_lookup (self->sent, key);
  YrsPendingRegistration *item;

  if (id == NULL)
    return;
  item = find (self, id, NULL);
  if (state == YRS_OUTBOX_STATE_ACCEPTED)
    {
      if (item != NULL)
        _yrs_pending_registration_set_state (item, g_object_get_data (G_OBJECT (item), "decision"),
                                             g_object_get_data (G_OBJECT (item), "reason"));
      g_hash_table_remove (self->sent, key);
    }
  else if (state == YRS_OUTBOX_STATE_REJECTED || state == YRS_OUTBOX_STATE_CONFLICT)
    {
      g_hash_table_remove (self->sent, key);
      set_error (self, _("A decision was not accepted by the city: the registration may have been decided already. The list was read again."));
      yrs_decision_queue_refresh (self);
    }
}

YrsDecisionQueue *
yrs_decision_queue_new (YrsSession *session)
{
  YrsDecisionQueue *self = g_object_new (YRS_TYPE_DECISION_QUEUE, NULL);
  YrsStore *store = yrs_session_get_store (session);
  YrsSyncEngine *engine = yrs_session_get_sync_engine (session);

  g_set_weak_pointer (&self->session, session);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->owner = g_strdup (yrs_session_get_owner (session));
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  self->cancellable = g_cancellable_new ();
  if (self->engine != NULL)
    g_signal_connect (self->engine, "row-answered", G_CALLBACK (on_row_answered), self);
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

static void
on_pending (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YrsDecisionQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = yrs_api_client_request_json_finish (YRS_API_CLIENT (source), result, &error);
  g_autoptr(YrsApiPendingRegistrationList) decoded = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  JsonArray *array;
  guint n_old;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  set_flag (self, &self->loading, FALSE, PROP_LOADING);
  if (root != NULL)
    {
      decoded = yrs_api_pending_registration_list_from_json (root, &error);
      if (decoded == NULL)
        g_clear_pointer (&root, json_node_unref);
    }
  if (root == NULL)
    {
      gboolean offline = g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE) ||
                         g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT);

      g_debug ("The pending registrations: %s", error->message);
      set_flag (self, &self->offline, offline, PROP_OFFLINE);
      if (offline)
        set_error (self, _("The city’s server cannot be reached: the list is the one read last. Decisions are kept and sent when it is back."));
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED))
        set_error (self, _("Only a supervisor signed in online can see the registrations waiting for approval."));
      else
        set_error (self, _("The registrations waiting for approval could not be read. Try again later."));
      return;
    }
  set_flag (self, &self->offline, FALSE, PROP_OFFLINE);
  set_error (self, NULL);

  fresh = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_object_get_array_member (json_node_get_object (root), "registrations");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      YrsPendingRegistration *item;
      YrsPendingRegistration *shown;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = _yrs_pending_registration_new (json_node_get_object (node),
                                             self->session != NULL ? yrs_session_get_catalog (self->session) : NULL);
      shown = find (self, yrs_pending_registration_get_id (item), NULL);
      /* One she decided on this tablet that is still on its way stays
       * as she left it. */
      if (shown != NULL && g_strcmp0 (yrs_pending_registration_get_state (shown), "sending") == 0)
        {
          g_object_unref (item);
          item = g_object_ref (shown);
        }
      g_ptr_array_add (fresh, item);
    }
  n_old = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
}

void
yrs_decision_queue_refresh (YrsDecisionQueue *self)
{
  g_return_if_fail (YRS_IS_DECISION_QUEUE (self));

  if (self->engine == NULL)
    {
      set_error (self, _("No server is set up on this tablet."));
      return;
    }
  if (self->loading)
    return;
  set_flag (self, &self->loading, TRUE, PROP_LOADING);
  yrs_api_client_request_json_async (yrs_sync_engine_get_client (self->engine), "GET",
                                     "/v1/registrations?state=pending", NULL, NULL,
                                     self->cancellable, on_pending, g_object_ref (self));
}

gboolean
yrs_decision_queue_decide (YrsDecisionQueue *self,
                           const char       *registration_id,
                           gboolean          approve,
                           const char       *reason,
                           GError          **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(YrsApiDecisionRequest) decoded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;
  YrsPendingRegistration *item;

  g_return_val_if_fail (YRS_IS_DECISION_QUEUE (self), FALSE);

  item = find (self, registration_id, NULL);
  if (item == NULL)
    {
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_NOT_FOUND,
                           _("This registration is no longer in the queue."));
      return FALSE;
    }
  if (g_strcmp0 (yrs_pending_registration_get_state (item), "pending") != 0)
    {
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_DECIDED,
                           _("This registration has been decided already."));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (!approve && *stripped == '\0')
    {
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_INVALID,
                           _("Give the reason for declining: the mother is told it."));
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > YRS_DECISION_REASON_MAX)
    {
      g_set_error (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_INVALID,
                   _("The reason is too long: at most %d characters."), YRS_DECISION_REASON_MAX);
      return FALSE;
    }
  if (self->session == NULL)
    {
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_FAILED,
                           _("Nobody is signed in on this tablet."));
      return FALSE;
    }

  json_object_set_string_member (body, "decision", approve ? "approve" : "decline");
  if (*stripped != '\0')
    json_object_set_string_member (body, "reason", stripped);
  json_node_set_object (node, body);
  check = json_node_copy (node);
  decoded = yrs_api_decision_request_decode (check, errors);
  if (decoded == NULL)
    {
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_INVALID,
                           _("The decision could not be made: check the reason."));
      return FALSE;
    }

  /* The registration routes the row (public); the reason is sealed to the
   * city with the rest. */
  json_object_set_string_member (body, "registration", registration_id);
  json = json_to_string (node, FALSE);
  key = yrs_session_submit (self->session, "decision", json, &local_error);
  explicit_bzero (json, strlen (json));
  if (key == NULL)
    {
      g_warning ("A decision could not be queued: %s", local_error->message);
      g_set_error_literal (error, YRS_DECISION_QUEUE_ERROR, YRS_DECISION_QUEUE_ERROR_FAILED,
                           _("The decision could not be kept on this tablet. Try again."));
      return FALSE;
    }
  g_hash_table_insert (self->sent, g_strdup (key), g_strdup (registration_id));
  g_object_set_data_full (G_OBJECT (item), "decision", g_strdup (approve ? "approved" : "declined"), g_free);
  g_object_set_data_full (G_OBJECT (item), "reason", approve ? NULL : g_strdup (stripped), g_free);
  _yrs_pending_registration_set_state (item, "sending", NULL);
  if (self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
  return TRUE;
}
