/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-session"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yrs-session.h"

#include "yrs-store.h"
#include "yrs-sync-engine.h"

#define DRAFT_KEY "session"

struct _YrsSession
{
  GObject     parent_instance;

  GPtrArray  *pages;   /* names, the last one is shown */
  GHashTable *fields;  /* id -> value */

  YrsCatalog *catalog;
  YrsAnswers *answers;
  YrsDate     as_of;
  guint       check_step;

  YrsStore   *store;
  char       *owner;
  gboolean    loading;

  YrsSyncEngine *sync_engine;

  /* The flows, made on first use (see drop_flows()). */
};

G_DEFINE_FINAL_TYPE (YrsSession, yrs_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

enum {
  FIELD_CHANGED,
  WIPED,
  CHANGED,
  SYNC_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Overwrite a value before it is freed, so a wiped session leaves no copy
 * of a person's data in freed heap memory. */
static void
free_secret (gpointer data)
{
  char *str = data;

  if (str != NULL)
    {
      explicit_bzero (str, strlen (str));
      g_free (str);
    }
}

/* Every change goes to the owner's draft (the store writes it at most
 * every 300 ms) and to whoever listens to "changed". */
static void
save_draft (YrsSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (self->loading)
    return;

  g_signal_emit (self, signals[CHANGED], 0);

  if (self->store == NULL || self->owner == NULL)
    return;

  json = yrs_session_to_json (self);
  if (!yrs_store_queue_draft (self->store, self->owner, DRAFT_KEY, json, &error))
    g_warning ("Could not save the draft: %s", error->message);
  explicit_bzero (json, strlen (json));
}

/* The flows go with the person: after a wipe, or when the store or owner
 * changes, the getters make new ones. Who still holds a reference (a page
 * about to be rebuilt) keeps a dead flow that nothing updates. */
static void
drop_flows (YrsSession *self)
{
}

static void
on_answers_changed (YrsSession *self,
                    const char *id,
                    YrsAnswers *answers)
{
  save_draft (self);
}

static void
yrs_session_dispose (GObject *object)
{
  YrsSession *self = (YrsSession *) object;

  if (self->store != NULL)
    yrs_store_flush_drafts (self->store, NULL);
  drop_flows (self);
  g_clear_object (&self->store);
  g_clear_object (&self->sync_engine);

  G_OBJECT_CLASS (yrs_session_parent_class)->dispose (object);
}

static void
yrs_session_finalize (GObject *object)
{
  YrsSession *self = (YrsSession *) object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->answers);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (yrs_session_parent_class)->finalize (object);
}

static void
yrs_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YrsSession *self = YRS_SESSION (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, yrs_session_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_session_class_init (YrsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_session_dispose;
  object_class->finalize = yrs_session_finalize;
  object_class->get_property = yrs_session_get_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         "welcome",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FIELD_CHANGED] =
    g_signal_new ("field-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[WIPED] =
    g_signal_new ("wiped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A submission went into the outbox: the app kicks the sync engine. */
  signals[SYNC_REQUESTED] =
    g_signal_new ("sync-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Anything the person did: an answer, a field, a page, a step. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yrs_session_init (YrsSession *self)
{
  self->pages = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pages, g_strdup ("welcome"));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
  self->answers = yrs_answers_new ();
  g_signal_connect_object (self->answers, "changed",
                           G_CALLBACK (on_answers_changed), self,
                           G_CONNECT_SWAPPED);
}

YrsSession *
yrs_session_new (void)
{
  return g_object_new (YRS_TYPE_SESSION, NULL);
}

const char *
yrs_session_get_page (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

void
yrs_session_push_page (YrsSession *self,
                       const char *name)
{
  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  if (g_str_equal (name, yrs_session_get_page (self)))
    return;

  g_ptr_array_add (self->pages, g_strdup (name));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  save_draft (self);
}

gboolean
yrs_session_pop_page (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), FALSE);

  if (self->pages->len <= 1)
    return FALSE;

  g_ptr_array_remove_index (self->pages, self->pages->len - 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  save_draft (self);
  return TRUE;
}

void
yrs_session_reset_pages (YrsSession *self,
                         const char *name)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_add (self->pages, g_strdup (name));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  save_draft (self);
}

const char *
yrs_session_get_field (YrsSession *self,
                       const char *id)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_hash_table_lookup (self->fields, id);
}

void
yrs_session_set_field (YrsSession *self,
                       const char *id,
                       const char *value)
{
  const char *old;

  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (id != NULL);

  old = g_hash_table_lookup (self->fields, id);
  if (g_strcmp0 (old, value) == 0)
    return;

  if (value == NULL)
    g_hash_table_remove (self->fields, id);
  else
    g_hash_table_insert (self->fields, g_strdup (id), g_strdup (value));

  g_signal_emit (self, signals[FIELD_CHANGED], g_quark_from_string (id), id);
  save_draft (self);
}

GList *
yrs_session_list_fields (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_hash_table_get_keys (self->fields);
}

void
yrs_session_wipe (YrsSession *self)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  self->loading = TRUE;
  g_hash_table_remove_all (self->fields);
  yrs_answers_clear (self->answers);
  self->check_step = 0;
  self->as_of = YRS_DATE_NONE;
  yrs_session_reset_pages (self, "welcome");
  drop_flows (self);
  self->loading = FALSE;
  g_signal_emit (self, signals[WIPED], 0);
}

YrsCatalog *
yrs_session_get_catalog (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->catalog == NULL)
    self->catalog = yrs_catalog_new_default ();
  return self->catalog;
}

void
yrs_session_set_catalog (YrsSession *self,
                         YrsCatalog *catalog)
{
  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (catalog == NULL || YRS_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
}

YrsAnswers *
yrs_session_get_answers (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return self->answers;
}

YrsDate
yrs_session_get_as_of (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), YRS_DATE_NONE);

  return yrs_date_is_set (self->as_of) ? self->as_of : yrs_date_today ();
}

void
yrs_session_set_as_of (YrsSession *self,
                       YrsDate     as_of)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  self->as_of = as_of;
}

/* A stand-in answer, only to see how many questions would follow. */
static void
set_probe_answer (YrsAnswers        *probe,
                  const YrsQuestion *question,
                  YrsDate            as_of)
{
  const char *id = yrs_question_get_id (question);

  switch (yrs_question_get_qtype (question))
    {
    case YRS_QUESTION_BOOL:
      yrs_answers_set_bool (probe, id, TRUE);
      break;
    case YRS_QUESTION_INT:
      yrs_answers_set_int (probe, id, MAX (yrs_question_get_min (question), 1));
      break;
    case YRS_QUESTION_DATE:
      yrs_answers_set_date (probe, id, yrs_date_add_days (as_of, -14));
      break;
    case YRS_QUESTION_ENUM:
    default:
      if (yrs_question_get_n_options (question) > 0)
        yrs_answers_set_string (probe, id, yrs_question_get_option_value (question, 0));
      break;
    }
}

/* How many questions would come after `frontier`, for the step indicator:
 * the engine only lists what the known answers make relevant, so the walk
 * goes on with the person's answers where there are some and stand-ins
 * elsewhere. An estimate; the path itself never uses the stand-ins. */
static guint
count_ahead (YrsSession *self,
             YrsAnswers *partial,
             const char *frontier)
{
  YrsCatalog *catalog = yrs_session_get_catalog (self);
  YrsDate as_of = yrs_session_get_as_of (self);
  g_autoptr(YrsAnswers) probe = yrs_answers_copy (partial);
  guint n_questions = yrs_catalog_get_n_questions (catalog);
  const char *id = frontier;
  guint count = 0;

  for (guint guard = 0; guard <= n_questions && id != NULL; guard++)
    {
      const YrsQuestion *question = yrs_catalog_lookup_question (catalog, id);
      g_autofree const char **next = NULL;
      YrsValue value = YRS_VALUE_INIT;

      if (question == NULL)
        break;
      if (yrs_answers_is_valid_for (self->answers, question) &&
          yrs_answers_get_value (self->answers, id, &value))
        yrs_answers_set_value (probe, id, &value);
      else
        set_probe_answer (probe, question, as_of);

      next = yrs_eligibility_next_questions (catalog, probe, as_of);
      id = NULL;
      for (guint i = 0; next != NULL && next[i] != NULL; i++)
        if (!yrs_answers_has (probe, next[i]))
          {
            id = next[i];
            count++;
            break;
          }
    }
  return count;
}

/* Walks the wizard as the engine would: from no answers, take the first
 * question it still asks; if the person has answered it, carry that answer
 * over and ask again. Stops at the first unanswered one. */
static const char **
walk_path (YrsSession  *self,
           YrsAnswers  *partial,
           guint       *n_path,
           guint       *n_more)
{
  YrsCatalog *catalog = yrs_session_get_catalog (self);
  YrsDate as_of = yrs_session_get_as_of (self);
  GPtrArray *path = g_ptr_array_new ();
  guint more = 0;
  guint n_questions = yrs_catalog_get_n_questions (catalog);

  for (guint guard = 0; guard <= n_questions; guard++)
    {
      g_autofree const char **next = yrs_eligibility_next_questions (catalog, partial, as_of);
      const YrsQuestion *question = NULL;
      const char *id = NULL;
      guint i;

      for (i = 0; next != NULL && next[i] != NULL; i++)
        if (!yrs_answers_has (partial, next[i]))
          {
            id = next[i];
            break;
          }
      if (id == NULL)
        break;

      g_ptr_array_add (path, (gpointer) id);
      question = yrs_catalog_lookup_question (catalog, id);
      if (question != NULL && yrs_answers_is_valid_for (self->answers, question))
        {
          YrsValue value = YRS_VALUE_INIT;

          yrs_answers_get_value (self->answers, id, &value);
          yrs_answers_set_value (partial, id, &value);
          continue;
        }

      more = count_ahead (self, partial, id);
      break;
    }

  if (n_path != NULL)
    *n_path = path->len;
  if (n_more != NULL)
    *n_more = more;
  g_ptr_array_add (path, NULL);
  return (const char **) g_ptr_array_free (path, FALSE);
}

const char **
yrs_session_get_check_path (YrsSession *self,
                            guint      *n_path,
                            guint      *n_more)
{
  g_autoptr(YrsAnswers) partial = yrs_answers_new ();

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return walk_path (self, partial, n_path, n_more);
}

YrsAnswers *
yrs_session_dup_path_answers (YrsSession *self)
{
  YrsAnswers *partial = yrs_answers_new ();
  g_autofree const char **path = NULL;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  path = walk_path (self, partial, NULL, NULL);
  /* Answers given at booking time (facility, kind of care, infectious
   * disease today) are not on the wizard's path but count for fees. */
  for (guint i = 0; i < yrs_catalog_get_n_questions (yrs_session_get_catalog (self)); i++)
    {
      const YrsQuestion *question = yrs_catalog_get_question (yrs_session_get_catalog (self), i);
      YrsValue value = YRS_VALUE_INIT;

      if (yrs_question_get_stage (question) == YRS_QUESTION_STAGE_BOOKING &&
          yrs_answers_get_value (self->answers, yrs_question_get_id (question), &value))
        yrs_answers_set_value (partial, yrs_question_get_id (question), &value);
    }
  return partial;
}

YrsEvaluation *
yrs_session_evaluate (YrsSession *self)
{
  g_autoptr(YrsAnswers) answers = NULL;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  answers = yrs_session_dup_path_answers (self);
  return yrs_eligibility_evaluate (yrs_session_get_catalog (self), answers,
                                   yrs_session_get_as_of (self));
}

guint
yrs_session_get_check_step (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), 0);

  return self->check_step;
}

void
yrs_session_set_check_step (YrsSession *self,
                            guint       step)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  if (self->check_step == step)
    return;
  self->check_step = step;
  save_draft (self);
}

void
yrs_session_set_store (YrsSession *self,
                       YrsStore   *store,
                       const char *owner)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (store == NULL || YRS_IS_STORE (store));

  if (self->store != NULL)
    yrs_store_flush_drafts (self->store, NULL);
  drop_flows (self);
  g_set_object (&self->store, store);
  g_free (self->owner);
  self->owner = g_strdup (owner);

  if (store == NULL || owner == NULL)
    return;

  json = yrs_store_load_draft (store, owner, DRAFT_KEY, &error);
  if (error != NULL)
    g_warning ("Could not read the draft: %s", error->message);
  else if (json != NULL && !yrs_session_load_json (self, json, &error))
    g_warning ("Could not restore the draft: %s", error->message);
  if (json != NULL)
    explicit_bzero (json, strlen (json));
}

YrsStore *
yrs_session_get_store (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return self->store;
}

const char *
yrs_session_get_owner (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return self->owner;
}

void
yrs_session_set_sync_engine (YrsSession    *self,
                             YrsSyncEngine *engine)
{
  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (engine == NULL || YRS_IS_SYNC_ENGINE (engine));

  if (engine == self->sync_engine)
    return;
  drop_flows (self);
  g_set_object (&self->sync_engine, engine);
}

YrsSyncEngine *
yrs_session_get_sync_engine (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return self->sync_engine;
}

char *
yrs_session_to_json (YrsSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answers = NULL;
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  answers = yrs_answers_to_json (self->answers);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "answers");
  if (json_parser_load_from_data (parser, answers, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  explicit_bzero (answers, strlen (answers));

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->fields), (GCompareFunc) strcmp);
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->fields, l->data));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "pages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->pages->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->pages, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "check_step");
  json_builder_add_int_value (builder, self->check_step);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
yrs_session_load_json (YrsSession *self,
                       const char *json,
                       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YrsAnswers) answers = NULL;
  JsonObject *root, *fields = NULL;
  JsonArray *pages = NULL;
  JsonNode *node;

  g_return_val_if_fail (YRS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "draft: not a JSON object");
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  node = json_object_get_member (root, "answers");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      answers = yrs_answers_new_from_json (text, -1, error);
      explicit_bzero (text, strlen (text));
      if (answers == NULL)
        {
          g_prefix_error (error, "draft: answers: ");
          return FALSE;
        }
    }
  node = json_object_get_member (root, "fields");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    fields = json_node_get_object (node);
  node = json_object_get_member (root, "pages");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    pages = json_node_get_array (node);

  self->loading = TRUE;

  yrs_answers_clear (self->answers);
  if (answers != NULL)
    {
      guint n_ids = 0;
      g_autofree const char **ids = yrs_answers_list_ids (answers, &n_ids);

      for (guint i = 0; i < n_ids; i++)
        {
          YrsValue value = YRS_VALUE_INIT;

          yrs_answers_get_value (answers, ids[i], &value);
          yrs_answers_set_value (self->answers, ids[i], &value);
        }
    }

  g_hash_table_remove_all (self->fields);
  if (fields != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &value))
        if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
          yrs_session_set_field (self, name, json_node_get_string (value));
    }

  self->check_step = (guint) CLAMP (json_object_get_int_member_with_default (root, "check_step", 0), 0, 1000);

  if (pages != NULL && json_array_get_length (pages) > 0)
    {
      g_ptr_array_set_size (self->pages, 0);
      for (guint i = 0; i < json_array_get_length (pages); i++)
        {
          const char *name = json_array_get_string_element (pages, i);

          if (name != NULL && *name != '\0')
            g_ptr_array_add (self->pages, g_strdup (name));
        }
      if (self->pages->len == 0)
        g_ptr_array_add (self->pages, g_strdup ("welcome"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }

  self->loading = FALSE;
  return TRUE;
}

char *
yrs_session_submit (YrsSession *self,
                    const char *kind,
                    const char *payload,
                    GError    **error)
{
  g_autoptr(YrsOutboxItem) item = NULL;
  YrsOutboxKind outbox_kind;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  if (!yrs_outbox_kind_from_string (kind, &outbox_kind))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "kind: not an outbox kind: %s", kind);
      return NULL;
    }
  if (self->store == NULL || self->owner == NULL)
    {
      g_set_error_literal (error, YRS_STORE_ERROR, YRS_STORE_ERROR_FAILED,
                           "The session has no store to keep the submission in");
      return NULL;
    }

  item = yrs_store_outbox_enqueue (self->store, outbox_kind, self->owner, payload, error);
  if (item == NULL)
    return NULL;

  /* The draft goes with it, so a restart shows the same page. */
  yrs_store_flush_drafts (self->store, NULL);
  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
  return g_strdup (item->idempotency_key);
}

void
yrs_session_request_sync (YrsSession *self)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
}
