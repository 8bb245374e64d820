/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-list"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "yrs-api-visit.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-visit-private.h"

/* The families she added on this tablet, until the server's list has
 * them: sealed rows of her owner, by "local:<outbox key>". */
#define ADDED_COLLECTION "added"
#define LOCAL_PREFIX "local:"
/* A copy of each record she saves (consultation, screening), sealed under
 * her data key by its outbox key (the outbox's own payload is sealed to
 * the city, which she cannot open): shown in the family's History until
 * the city's case holds it or the case leaves her cache. */
#define RECORDS_COLLECTION "visit-records"

struct _YrsVisitList
{
  GObject        parent_instance;

  YrsSession    *session;   /* weak */
  YrsStore      *store;
  char          *owner;
  YrsSyncEngine *engine;
  YrsCatalog    *catalog;
  GCancellable  *cancellable;
  GPtrArray     *cases;     /* YrsVisitCase */
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
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
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
  g_free (self->owner);

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

static void
set_error (YrsVisitList *self,
           const char   *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_loading (YrsVisitList *self,
             gboolean      loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_offline (YrsVisitList *self,
             gboolean      offline)
{
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static JsonNode *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_copy (root);
}

/* The consultation kinds of this owner's outbox rows, by the case they
 * are about ("CASE-…", or "local:<key>" for a family added here): only
 * public members are read (the record itself is sealed to the city). */
static GHashTable *
local_consultations (YrsVisitList *self)
{
  g_autoptr(GPtrArray) rows = yrs_store_outbox_list (self->store, self->owner, YRS_OUTBOX_STATE_ANY, NULL);
  GHashTable *by_case = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (rows, i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *o;
      const char *kind;
      const char *case_id;
      const char *case_key;
      g_autofree char *id = NULL;
      GPtrArray *kinds;

      if (row->kind != YRS_OUTBOX_KIND_CONSULTATION ||
          row->state == YRS_OUTBOX_STATE_REJECTED || row->state == YRS_OUTBOX_STATE_CONFLICT)
        continue;
      node = parse_object (row->payload);
      if (node == NULL)
        continue;
      o = json_node_get_object (node);
      kind = json_object_get_string_member_with_default (o, "kind", NULL);
      case_id = json_object_get_string_member_with_default (o, "case", NULL);
      case_key = json_object_get_string_member_with_default (o, "case_key", NULL);
      if (kind == NULL)
        continue;
      if (case_id != NULL)
        id = g_strdup (case_id);
      else if (case_key != NULL)
        id = g_strconcat (LOCAL_PREFIX, case_key, NULL);
      else
        continue;
      kinds = g_hash_table_lookup (by_case, id);
      if (kinds == NULL)
        {
          kinds = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_case, g_strdup (id), kinds);
        }
      g_ptr_array_add (kinds, g_strdup (kind));
      /* A family added here and accepted since: its records count for
       * the server's ID too. */
      if (case_key != NULL)
        {
          g_autofree char *server_id = yrs_store_outbox_get_server_id (self->store, case_key, NULL);

          if (server_id != NULL)
            {
              GPtrArray *more = g_hash_table_lookup (by_case, server_id);

              if (more == NULL)
                {
                  more = g_ptr_array_new_with_free_func (g_free);
                  g_hash_table_insert (by_case, g_strdup (server_id), more);
                }
              g_ptr_array_add (more, g_strdup (kind));
            }
        }
    }
  {
    GHashTableIter iter;
    gpointer kinds;

    /* NULL-terminated, for _yrs_visit_case_new(). */
    g_hash_table_iter_init (&iter, by_case);
    while (g_hash_table_iter_next (&iter, NULL, &kinds))
      g_ptr_array_add (kinds, NULL);
  }
  return by_case;
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  YrsVisitCase *ca = *(YrsVisitCase **) a;
  YrsVisitCase *cb = *(YrsVisitCase **) b;
  const char *ka = yrs_visit_case_get_family_kana (ca);
  const char *kb = yrs_visit_case_get_family_kana (cb);
  int c;

  if (yrs_visit_case_get_pending (ca) != yrs_visit_case_get_pending (cb))
    return yrs_visit_case_get_pending (ca) ? -1 : 1;
  c = g_strcmp0 (ka != NULL ? ka : yrs_visit_case_get_family_name (ca),
                 kb != NULL ? kb : yrs_visit_case_get_family_name (cb));
  return c != 0 ? c : g_strcmp0 (yrs_visit_case_get_id (ca), yrs_visit_case_get_id (cb));
}

/* The IDs of the records a Case holds (its consultations' and
 * screenings'), into `ids`. */
static void
add_record_ids (JsonObject *case_object,
                GHashTable *ids)
{
  static const char * const lists[] = { "consultations", "screenings" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (case_object, lists[l]);
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (item)
                           ? json_object_get_string_member_with_default (json_node_get_object (item), "id", NULL)
                           : NULL;

          if (id != NULL)
            g_hash_table_add (ids, g_strdup (id));
        }
    }
}

/* Her copies of the records saved here, by the case shown for them
 * (GPtrArray of JsonObject: "type", "record", "pending"). A copy goes
 * when the city refused the record (the outbox says why), when the
 * city's case holds it (`city_records`), or when its case is no longer
 * among `shown` (closed, forgotten after the retention days). */
static GHashTable *
local_records (YrsVisitList *self,
               GHashTable   *shown,
               GHashTable   *city_records,
               GError      **error)
{
  g_autoptr(GPtrArray) keys = yrs_store_list_sealed_ids (self->store, self->owner, RECORDS_COLLECTION, error);
  GHashTable *by_case = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autoptr(YrsOutboxItem) row = yrs_store_outbox_get (self->store, key, NULL);
      g_autofree char *server_id = row != NULL ? yrs_store_outbox_get_server_id (self->store, key, NULL) : NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *case_id = NULL;
      const char *stored_case;
      JsonObject *o;
      GPtrArray *list;

      if (row == NULL || row->state == YRS_OUTBOX_STATE_REJECTED ||
          row->state == YRS_OUTBOX_STATE_CONFLICT ||
          (server_id != NULL && g_hash_table_contains (city_records, server_id)))
        {
          yrs_store_delete_sealed (self->store, self->owner, RECORDS_COLLECTION, key, NULL);
          continue;
        }
      json = yrs_store_get_sealed (self->store, self->owner, RECORDS_COLLECTION, key, NULL);
      node = parse_object (json);
      if (json != NULL)
        explicit_bzero (json, strlen (json));
      if (node == NULL)
        continue;
      o = json_node_get_object (node);
      stored_case = json_object_get_string_member_with_default (o, "case", NULL);
      if (stored_case == NULL)
        continue;
      case_id = g_strdup (stored_case);
      /* A family added here that the city's list has since. */
      if (g_str_has_prefix (case_id, LOCAL_PREFIX) && !g_hash_table_contains (shown, case_id))
        {
          g_autofree char *family_id = yrs_store_outbox_get_server_id (self->store,
                                                                       case_id + strlen (LOCAL_PREFIX), NULL);

          if (family_id != NULL)
            {
              g_free (case_id);
              case_id = g_steal_pointer (&family_id);
            }
        }
      if (!g_hash_table_contains (shown, case_id))
        {
          yrs_store_delete_sealed (self->store, self->owner, RECORDS_COLLECTION, key, NULL);
          continue;
        }
      json_object_set_boolean_member (o, "pending", row->state != YRS_OUTBOX_STATE_ACCEPTED);
      list = g_hash_table_lookup (by_case, case_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (by_case, g_strdup (case_id), list);
        }
      g_ptr_array_add (list, json_object_ref (o));
    }
  return by_case;
}

/* Reads her sealed cache (the server's list and the families added
 * here), her copies of the records saved here and her outbox's records,
 * and shows them; the objects of cases already shown are kept (updated),
 * so that a page bound to one stays. */
static void
reload (YrsVisitList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) local = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GHashTable) server_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) city_records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* (id, case JsonNode, pending) of each case to show */
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) node_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) node_pending = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GPtrArray) old = NULL;
  g_autofree char *meta = NULL;
  gint64 list_updated_at = 0;
  guint n_old;

  if (self->store == NULL || self->owner == NULL)
    return;

  if (!yrs_store_is_owner_unlocked (self->store, self->owner))
    {
      set_error (self, _("The visit list is locked. Sign in again to open it."));
      return;
    }

  local = local_consultations (self);
  meta = yrs_store_get_sealed (self->store, self->owner, YRS_SYNC_CASES_META_COLLECTION,
                               YRS_SYNC_CASES_META_ID, NULL);
  if (meta != NULL)
    {
      g_autoptr(JsonNode) node = parse_object (meta);

      list_updated_at = node != NULL ? json_object_get_int_member_with_default (json_node_get_object (node),
                                                                                "updated_at", 0) : 0;
    }
  ids = yrs_store_list_sealed_ids (self->store, self->owner, YRS_SYNC_CASES_COLLECTION, &error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *json = yrs_store_get_sealed (self->store, self->owner, YRS_SYNC_CASES_COLLECTION,
                                                    id, &error);
      g_autoptr(JsonNode) node = parse_object (json);
      gboolean no = FALSE;

      if (json != NULL)
        explicit_bzero (json, strlen (json));
      if (node == NULL)
        continue;
      add_record_ids (json_node_get_object (node), city_records);
      g_hash_table_add (server_ids, g_strdup (id));
      g_hash_table_add (shown, g_strdup (id));
      g_ptr_array_add (nodes, g_steal_pointer (&node));
      g_ptr_array_add (node_ids, g_strdup (id));
      g_array_append_val (node_pending, no);
    }

  added = error == NULL ? yrs_store_list_sealed_ids (self->store, self->owner, ADDED_COLLECTION, &error) : NULL;
  for (guint i = 0; added != NULL && i < added->len; i++)
    {
      const char *id = g_ptr_array_index (added, i);
      const char *key = g_str_has_prefix (id, LOCAL_PREFIX) ? id + strlen (LOCAL_PREFIX) : id;
      g_autoptr(YrsOutboxItem) row = yrs_store_outbox_get (self->store, key, NULL);
      g_autofree char *server_id = row != NULL ? yrs_store_outbox_get_server_id (self->store, key, NULL) : NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) node = NULL;
      gboolean pending;

      /* On the server's list now, or not on a list downloaded after the
       * city had it (closed since), or refused by the city (the outbox
       * says why): no longer a family of this tablet. */
      if (row == NULL || row->state == YRS_OUTBOX_STATE_REJECTED ||
          (server_id != NULL && (g_hash_table_contains (server_ids, server_id) ||
                                 list_updated_at >= row->updated_at)))
        {
          yrs_store_delete_sealed (self->store, self->owner, ADDED_COLLECTION, id, NULL);
          continue;
        }
      json = yrs_store_get_sealed (self->store, self->owner, ADDED_COLLECTION, id, &error);
      node = parse_object (json);
      if (json != NULL)
        explicit_bzero (json, strlen (json));
      if (node == NULL)
        continue;
      pending = row->state != YRS_OUTBOX_STATE_ACCEPTED;
      g_hash_table_add (shown, g_strdup (id));
      g_ptr_array_add (nodes, g_steal_pointer (&node));
      g_ptr_array_add (node_ids, g_strdup (id));
      g_array_append_val (node_pending, pending);
    }

  records = error == NULL ? local_records (self, shown, city_records, &error) : NULL;

  if (error != NULL)
    {
      g_warning ("The visit list could not be read: %s", error->message);
      set_error (self, g_error_matches (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED)
                       ? _("The visit list is locked. Sign in again to open it.")
                       : _("The visit list could not be read on this tablet."));
      return;
    }
  set_error (self, NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      const char *id = g_ptr_array_index (node_ids, i);
      GPtrArray *kinds = g_hash_table_lookup (local, id);

      g_ptr_array_add (fresh, _yrs_visit_case_new (json_node_get_object (g_ptr_array_index (nodes, i)),
                                                   self->catalog,
                                                   g_array_index (node_pending, gboolean, i),
                                                   kinds != NULL ? (const char * const *) kinds->pdata : NULL,
                                                   g_hash_table_lookup (records, id)));
    }

  if (list_updated_at != self->last_updated)
    {
      self->last_updated = list_updated_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATED]);
    }

  /* Keep the objects of cases already shown. */
  for (guint i = 0; i < fresh->len; i++)
    {
      YrsVisitCase *item = g_ptr_array_index (fresh, i);
      YrsVisitCase *shown_case = yrs_visit_list_lookup (self, yrs_visit_case_get_id (item));

      if (shown_case != NULL)
        {
          _yrs_visit_case_update (shown_case, item);
          g_ptr_array_index (fresh, i) = g_object_ref (shown_case);
          g_object_unref (item);
        }
    }
  g_ptr_array_sort (fresh, compare_cases);

  n_old = self->cases->len;
  old = g_steal_pointer (&self->cases);
  self->cases = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->cases->len);
}

static void
on_cases_changed (YrsSyncEngine *engine,
                  const char    *owner,
                  YrsVisitList  *self)
{
  if (g_strcmp0 (owner, self->owner) == 0)
    reload (self);
}

static void
on_row_answered (YrsSyncEngine *engine,
                 const char    *key,
                 int            state,
                 YrsVisitList  *self)
{
  g_autoptr(YrsOutboxItem) row = self->store != NULL ? yrs_store_outbox_get (self->store, key, NULL) : NULL;

  if (row != NULL && g_strcmp0 (row->owner, self->owner) == 0 &&
      (row->kind == YRS_OUTBOX_KIND_CASE || row->kind == YRS_OUTBOX_KIND_CONSULTATION ||
       row->kind == YRS_OUTBOX_KIND_SCREENING))
    reload (self);
}

YrsVisitList *
yrs_visit_list_new (YrsSession *session)
{
  YrsVisitList *self = g_object_new (YRS_TYPE_VISIT_LIST, NULL);
  YrsStore *store = yrs_session_get_store (session);
  YrsSyncEngine *engine = yrs_session_get_sync_engine (session);

  g_set_weak_pointer (&self->session, session);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->owner = g_strdup (yrs_session_get_owner (session));
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  self->catalog = g_object_ref (yrs_session_get_catalog (session));
  self->cancellable = g_cancellable_new ();
  if (self->engine != NULL)
    {
      g_signal_connect (self->engine, "cases-changed", G_CALLBACK (on_cases_changed), self);
      g_signal_connect (self->engine, "row-answered", G_CALLBACK (on_row_answered), self);
    }
  reload (self);
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

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(YrsVisitList) self = user_data;
  g_autoptr(GError) error = NULL;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &error);
  if (self->store == NULL)
    return;   /* dropped meanwhile */
  set_loading (self, FALSE);
  set_offline (self, g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE) ||
                     g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT));
  reload (self);
}

void
yrs_visit_list_refresh (YrsVisitList *self)
{
  g_return_if_fail (YRS_IS_VISIT_LIST (self));

  reload (self);
  if (self->engine == NULL || self->loading ||
      g_strcmp0 (yrs_sync_engine_get_case_owner (self->engine), self->owner) != 0)
    return;
  set_loading (self, TRUE);
  yrs_sync_engine_sync_async (self->engine, self->cancellable, on_synced, g_object_ref (self));
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

/* The field errors of a body as one sentence, for the staff member:
 * "Check: family.birth_date, date". Never a value. */
static gboolean
invalid (GPtrArray  *errors,
         GError    **error)
{
  g_autoptr(GString) fields = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      YrsApiFieldError *fe = g_ptr_array_index (errors, i);

      if (fields->len > 0)
        g_string_append (fields, ", ");
      g_string_append (fields, fe->field);
    }
  /* Translators: %s lists the fields of a record to check, e.g. "date, place" */
  g_set_error (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_INVALID,
               _("Some fields need checking: %s"), fields->str);
  return FALSE;
}

static gboolean
check_ready (YrsVisitList  *self,
             GError       **error)
{
  if (self->store == NULL || self->owner == NULL || self->session == NULL)
    {
      g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_FAILED,
                           _("Nobody is signed in on this tablet."));
      return FALSE;
    }
  if (!yrs_store_is_owner_unlocked (self->store, self->owner))
    {
      g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_LOCKED,
                           _("The visit list is locked. Sign in again to open it."));
      return FALSE;
    }
  return TRUE;
}

/* Queues `body` in her outbox (its personal members sealed to the city)
 * and asks for a sync; returns the row's key. */
static char *
submit (YrsVisitList  *self,
        const char    *kind,
        JsonNode      *body,
        GError       **error)
{
  g_autofree char *json = json_to_string (body, FALSE);
  g_autoptr(GError) local_error = NULL;
  char *key = yrs_session_submit (self->session, kind, json, &local_error);

  explicit_bzero (json, strlen (json));
  if (key == NULL)
    {
      g_warning ("A %s could not be queued: %s", kind, local_error->message);
      g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_FAILED,
                           _("The record could not be kept on this tablet. Nothing was lost: try again."));
      return NULL;
    }
  if (self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
  return key;
}

gboolean
yrs_visit_list_add_family (YrsVisitList *self,
                           JsonObject   *family,
                           char        **out_case_id,
                           GError      **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(YrsApiCaseRequest) decoded = NULL;
  g_autoptr(JsonObject) cached = json_object_new ();
  g_autoptr(JsonNode) cached_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  g_return_val_if_fail (family != NULL, FALSE);

  if (!check_ready (self, error))
    return FALSE;

  json_object_set_object_member (body, "family", json_object_ref (family));
  json_object_set_object_member (body, "answers", json_object_new ());
  json_node_set_object (node, body);
  decoded = yrs_api_case_request_decode (node, errors);
  if (decoded == NULL)
    return invalid (errors, error);

  key = submit (self, "case", node, error);
  if (key == NULL)
    return FALSE;

  /* What she sees until the server's list has the family: under her key,
   * not in the outbox (which is sealed to the city). */
  id = g_strconcat (LOCAL_PREFIX, key, NULL);
  json_object_set_string_member (cached, "id", id);
  json_object_set_boolean_member (cached, "added_by_staff", TRUE);
  json_object_set_object_member (cached, "family", json_object_ref (family));
  json_node_set_object (cached_node, cached);
  json = json_to_string (cached_node, FALSE);
  ok = yrs_store_put_sealed (self->store, self->owner, ADDED_COLLECTION, id, json, 0, &local_error);
  explicit_bzero (json, strlen (json));
  if (!ok)
    g_warning ("The added family could not be kept for the list: %s", local_error->message);

  reload (self);
  if (out_case_id != NULL)
    *out_case_id = g_steal_pointer (&id);
  return TRUE;
}

/* Her copy of a record just queued under `key` (see RECORDS_COLLECTION):
 * the record's members as she saved them, for the family's History. */
static void
keep_copy (YrsVisitList *self,
           const char   *key,
           const char   *type,
           const char   *case_id,
           JsonObject   *record)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(JsonObject) members = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &member, &value))
    if (strcmp (member, "case") != 0 && strcmp (member, "case_key") != 0 &&
        strcmp (member, "consultation") != 0)
      json_object_set_member (members, member, json_node_copy (value));
  json_object_set_string_member (members, "id", key);
  json_object_set_string_member (copy, "type", type);
  json_object_set_string_member (copy, "case", case_id);
  json_object_set_object_member (copy, "record", g_steal_pointer (&members));
  json_node_set_object (node, copy);
  json = json_to_string (node, FALSE);
  if (!yrs_store_put_sealed (self->store, self->owner, RECORDS_COLLECTION, key, json, 0, &error))
    g_warning ("A copy of the record could not be kept for the history: %s", error->message);
  explicit_bzero (json, strlen (json));
}

/* The body of a record for `case_id`: the record's members, and the case
 * (the server's ID, or the key of the family added here). `check` gets
 * the same with a placeholder ID, for the decoder's field checks. */
static JsonNode *
record_body (YrsVisitList  *self,
             const char    *case_id,
             JsonObject    *record,
             JsonNode     **check,
             GError       **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) check_node = NULL;
  JsonObject *body = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (case_id == NULL || yrs_visit_list_lookup (self, case_id) == NULL)
    {
      json_object_unref (body);
      g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_NOT_FOUND,
                           _("This family is no longer on the visit list."));
      return NULL;
    }

  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &member, &value))
    if (strcmp (member, "case") != 0 && strcmp (member, "case_key") != 0)
      json_object_set_member (body, member, json_node_copy (value));
  json_node_take_object (node, body);
  check_node = json_node_copy (node);
  if (g_str_has_prefix (case_id, LOCAL_PREFIX))
    {
      json_object_set_string_member (body, "case_key", case_id + strlen (LOCAL_PREFIX));
      json_object_set_string_member (json_node_get_object (check_node), "case", "CASE-LOCAL");
    }
  else
    {
      json_object_set_string_member (body, "case", case_id);
      json_object_set_string_member (json_node_get_object (check_node), "case", case_id);
    }
  *check = g_steal_pointer (&check_node);
  return g_steal_pointer (&node);
}

gboolean
yrs_visit_list_record_consultation (YrsVisitList *self,
                                    const char   *case_id,
                                    JsonObject   *record,
                                    char        **out_local_id,
                                    GError      **error)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(YrsApiConsultationRequest) decoded = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!check_ready (self, error))
    return FALSE;
  body = record_body (self, case_id, record, &check, error);
  if (body == NULL)
    return FALSE;
  decoded = yrs_api_consultation_request_decode (check, errors);
  if (decoded == NULL)
    return invalid (errors, error);

  key = submit (self, "consultation", body, error);
  if (key == NULL)
    return FALSE;
  keep_copy (self, key, "consultation", case_id, record);
  reload (self);
  if (out_local_id != NULL)
    *out_local_id = g_steal_pointer (&key);
  return TRUE;
}

gboolean
yrs_visit_list_record_screening (YrsVisitList *self,
                                 const char   *case_id,
                                 JsonObject   *record,
                                 GError      **error)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(YrsApiScreeningRequest) decoded = NULL;
  g_autofree char *key = NULL;
  const char *consultation;

  g_return_val_if_fail (YRS_IS_VISIT_LIST (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!check_ready (self, error))
    return FALSE;
  body = record_body (self, case_id, record, &check, error);
  if (body == NULL)
    return FALSE;

  /* A consultation recorded here and not sent yet is named by its outbox
   * key (out_local_id of record_consultation()). */
  consultation = json_object_get_string_member_with_default (json_node_get_object (body), "consultation", NULL);
  if (consultation != NULL && !yrs_api_is_valid_consultation_id (consultation))
    {
      g_autoptr(YrsOutboxItem) row = yrs_store_outbox_get (self->store, consultation, NULL);
      g_autofree char *local = g_strdup (consultation);

      if (row == NULL || row->kind != YRS_OUTBOX_KIND_CONSULTATION)
        {
          g_set_error_literal (error, YRS_VISIT_LIST_ERROR, YRS_VISIT_LIST_ERROR_INVALID,
                               _("Some fields need checking: consultation"));
          return FALSE;
        }
      json_object_remove_member (json_node_get_object (body), "consultation");
      json_object_set_string_member (json_node_get_object (body), "consultation_key", local);
      json_object_remove_member (json_node_get_object (check), "consultation");
    }

  decoded = yrs_api_screening_request_decode (check, errors);
  if (decoded == NULL)
    return invalid (errors, error);

  key = submit (self, "screening", body, error);
  if (key == NULL)
    return FALSE;
  keep_copy (self, key, "screening", case_id, record);
  reload (self);
  return TRUE;
}
