/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yrs-session.h"

#include "yrs-check-flow.h"
#include "yrs-wizard.h"
#include "yrs-booking-flow.h"

#include "yrs-outbox-model.h"
#include "yrs-sync-status.h"
#include "yrs-application-flow.h"
#include "yrs-converter.h"
#include "yrs-handwriting.h"

#include "yrs-store.h"
#include "yrs-submission.h"
#include "yrs-lookup-flow.h"
#include "yrs-sync-engine.h"
#include "yrs-visit-list.h"
#include "yrs-decision-queue.h"
#include "yrs-consultation-flow.h"
#include "yrs-screening-flow.h"

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
  /* The idempotency keys of what this person (a kiosk's visitor, the
   * family a nurse is with) sent in this visit: a staff member's outbox
   * holds every family's rows, and only these are this family's. */
  GPtrArray  *visit_keys;

  YrsStore   *store;
  char       *owner;
  gboolean    loading;

  YrsSyncEngine *sync_engine;
  /* The engine as views show it: not a person's, so it outlives a wipe
   * and goes only with the engine. */
  YrsSyncStatus *sync_status;

  /* The flows, made on first use (see drop_flows()). */
  YrsCheckFlow  *check;
  YrsBookingFlow *booking_flow;
  YrsOutboxModel *outbox;
  YrsApplicationFlow *application_flow;
  YrsSubmission      *submission;
  YrsLookupFlow      *lookup_flow;
  YrsVisitList       *visit_list;
  YrsDecisionQueue   *decision_queue;
  YrsConsultationFlow *consultation_flow;
  YrsScreeningFlow   *screening_flow;
  char               *staff_role;
  YrsConverter   *converter;
  YrsHandwriting *handwriting;
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

/* What the person wrote on the keypad: wiped, dropped, and the engines'
 * model and dictionaries released, so that the next person starts from
 * the kiosk's start-up memory. */
static void
drop_ime (YrsSession *self)
{
  gboolean used = self->converter != NULL || self->handwriting != NULL;

  if (self->converter != NULL)
    yrs_converter_forget (self->converter);
  if (self->handwriting != NULL)
    yrs_handwriting_forget (self->handwriting);
  g_clear_object (&self->converter);
  g_clear_object (&self->handwriting);
  if (used)
    yrs_ime_unload ();
}

/* The flows go with the person: after a wipe, or when the store or owner
 * changes, the getters make new ones. Who still holds a reference (a page
 * about to be rebuilt) keeps a dead flow that nothing updates. */
/* A flow with a page's reference on it is disposed first where it
 * allows it: the page then holds an empty one that listens to nothing. */
static void
drop_flow (gpointer flow_ptr,
           gboolean dispose)
{
  GObject **flow = flow_ptr;

  if (*flow != NULL && dispose)
    g_object_run_dispose (*flow);
  g_clear_object (flow);
}

static void
drop_flows (YrsSession *self)
{
  drop_flow (&self->check, FALSE);
  drop_flow (&self->booking_flow, TRUE);
  drop_flow (&self->outbox, FALSE);
  drop_flow (&self->application_flow, FALSE);
  drop_flow (&self->submission, FALSE);
  drop_flow (&self->lookup_flow, TRUE);
  drop_flow (&self->visit_list, TRUE);
  drop_flow (&self->decision_queue, TRUE);
  drop_flow (&self->consultation_flow, FALSE);
  drop_flow (&self->screening_flow, FALSE);
  g_clear_pointer (&self->staff_role, g_free);
  drop_ime (self);
}

/* The engine downloads the visit list of a signed-in staff member, never
 * of a kiosk (issue 17). */
static void
update_case_owner (YrsSession *self)
{
  gboolean staff = self->store != NULL && self->owner != NULL &&
                   g_str_has_prefix (self->owner, "staff:");

  if (self->sync_engine != NULL)
    yrs_sync_engine_set_case_owner (self->sync_engine, staff ? self->owner : NULL);
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
  g_clear_object (&self->sync_status);
  g_clear_object (&self->sync_engine);

  G_OBJECT_CLASS (yrs_session_parent_class)->dispose (object);
}

static void
yrs_session_finalize (GObject *object)
{
  YrsSession *self = (YrsSession *) object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->visit_keys, g_ptr_array_unref);
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
  self->visit_keys = g_ptr_array_new_with_free_func (g_free);
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

  /* The detail is the field's quark only if it exists: a handler for
   * "field-changed::ID" made it when it connected, and no other can
   * match. Making one per field ID set (g_quark_from_string()) grew
   * GLib's quark table past its first block of 2048 in a long session,
   * and GLib leaks the old block when it grows (gquark.c, by design):
   * the 16 KB LeakSanitizer found in ui-journey. */
  g_signal_emit (self, signals[FIELD_CHANGED], g_quark_try_string (id), id);
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
  g_ptr_array_set_size (self->visit_keys, 0);
  yrs_answers_clear (self->answers);
  self->check_step = 0;
  self->as_of = YRS_DATE_NONE;
  yrs_session_reset_pages (self, "welcome");
  drop_flows (self);
  self->loading = FALSE;
  g_signal_emit (self, signals[WIPED], 0);
}

void
yrs_session_end_visit (YrsSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (YRS_IS_SESSION (self));

  /* The family's draft (queued or written) goes first, so that nothing
   * of theirs is restored at the next sign-in; the owner, and with it
   * the staff member's outbox, stays. */
  if (self->store != NULL && self->owner != NULL &&
      !yrs_store_delete_draft (self->store, self->owner, DRAFT_KEY, &error))
    g_warning ("Could not delete the draft: %s", error->message);
  yrs_session_wipe (self);
}

gboolean
yrs_session_is_visit_submission (YrsSession *self,
                                 const char *key)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), FALSE);

  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < self->visit_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->visit_keys, i), key))
      return TRUE;
  return FALSE;
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
  if (self->check != NULL)
    yrs_check_flow_refresh (self->check);
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
  if (self->check != NULL)
    yrs_check_flow_refresh (self->check);
}

/* The wizard's path and evaluation are core rules (yrs-wizard.h) that the
 * check flow uses; these two stay for the flows and pages that want them
 * for the session's answers as they are now (fees, registrations). */
YrsAnswers *
yrs_session_dup_path_answers (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return yrs_wizard_dup_path_answers (yrs_session_get_catalog (self), self->answers,
                                      yrs_session_get_as_of (self));
}

YrsEvaluation *
yrs_session_evaluate (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return yrs_wizard_evaluate (yrs_session_get_catalog (self), self->answers,
                              yrs_session_get_as_of (self));
}

YrsCheckFlow *
yrs_session_get_check (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->check == NULL)
    self->check = yrs_check_flow_new (self);
  return self->check;
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
  if (self->check != NULL)
    yrs_check_flow_refresh (self->check);
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
  update_case_owner (self);

  if (store == NULL || owner == NULL)
    return;

  json = yrs_store_load_draft (store, owner, DRAFT_KEY, &error);
  if (g_error_matches (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED))
    /* Sealed under a key that is gone (a kiosk session's, after a
     * restart): unreadable by design (issue 18). */
    g_message ("The draft is sealed under a key this process does not hold; starting afresh");
  else if (error != NULL)
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
  g_clear_object (&self->sync_status);
  if (self->sync_engine != NULL)
    yrs_sync_engine_set_case_owner (self->sync_engine, NULL);
  g_set_object (&self->sync_engine, engine);
  update_case_owner (self);
}

YrsSyncStatus *
yrs_session_get_sync_status (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->sync_status == NULL && self->sync_engine != NULL)
    self->sync_status = yrs_sync_status_new (self->sync_engine);
  return self->sync_status;
}

YrsOutboxModel *
yrs_session_get_outbox (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->outbox == NULL)
    {
      self->outbox = yrs_outbox_model_new (self->store, self->owner, self->sync_engine);
      yrs_outbox_model_set_catalog (self->outbox, yrs_session_get_catalog (self));
    }
  return self->outbox;
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

  json_builder_set_member_name (builder, "submissions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->visit_keys->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->visit_keys, i));
  json_builder_end_array (builder);
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
  JsonArray *submissions = NULL;
  JsonNode *node;

  g_return_val_if_fail (YRS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  /* Before json-glib keeps the last of a repeated answer or cuts a
   * string at \u0000 (issue 19): the same refusal as everywhere answers
   * are read. */
  if (!yrs_answers_check_json (json, -1, error))
    {
      g_prefix_error (error, "draft: ");
      return FALSE;
    }
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
  node = json_object_get_member (root, "submissions");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    submissions = json_node_get_array (node);

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

  g_ptr_array_set_size (self->visit_keys, 0);
  for (guint i = 0; submissions != NULL && i < json_array_get_length (submissions); i++)
    {
      JsonNode *element = json_array_get_element (submissions, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (self->visit_keys, g_strdup (json_node_get_string (element)));
    }

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

  /* Issue 18: personal data is sealed to the city before it is kept; a
   * device set up without the city's key takes nothing (what was typed
   * stays in the draft, under the session's or her own key). */
  if (yrs_store_get_city_key_id (self->store) == NULL)
    {
      g_set_error_literal (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NO_CITY_KEY,
                           _("This device cannot take submissions yet: it has not been given the city's key for protecting personal data (the “city-key” setting). What you entered has not been sent. For the city's IT staff: set city-key to the line “yorisoi-server seal-keygen” printed."));
      return NULL;
    }

  item = yrs_store_outbox_enqueue (self->store, outbox_kind, self->owner, payload, error);
  if (item == NULL)
    return NULL;

  /* This person's, in the draft that goes with it, so a restart shows
   * the same page and knows what was sent. */
  g_ptr_array_add (self->visit_keys, g_strdup (item->idempotency_key));
  save_draft (self);
  yrs_store_flush_drafts (self->store, NULL);
  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
  return g_strdup (item->idempotency_key);
}

YrsConverter *
yrs_session_get_converter (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->converter == NULL)
    self->converter = yrs_converter_new (YRS_CONVERTER_HINT_TEXT);
  return self->converter;
}

YrsHandwriting *
yrs_session_get_handwriting (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->handwriting == NULL)
    self->handwriting = yrs_handwriting_new (320, 320);
  return self->handwriting;
}

void
yrs_session_request_sync (YrsSession *self)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
}

YrsBookingFlow *
yrs_session_get_booking_flow (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->booking_flow == NULL)
    self->booking_flow = yrs_booking_flow_new (self);
  return self->booking_flow;
}

YrsApplicationFlow *
yrs_session_get_application_flow (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->application_flow == NULL)
    self->application_flow = yrs_application_flow_new (self);
  return self->application_flow;
}

YrsSubmission *
yrs_session_get_submission (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->submission == NULL)
    self->submission = yrs_submission_new (self);
  return self->submission;
}

YrsLookupFlow *
yrs_session_get_lookup_flow (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (self->lookup_flow == NULL)
    self->lookup_flow = yrs_lookup_flow_new (self);
  return self->lookup_flow;
}

YrsLookupFlow *
yrs_session_peek_lookup_flow (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return self->lookup_flow;
}

/* A staff member's session ("staff:<id>"), never a kiosk's. */
static gboolean
is_staff (YrsSession *self)
{
  return self->store != NULL && self->owner != NULL &&
         g_str_has_prefix (self->owner, "staff:");
}

const char *
yrs_session_get_staff_role (YrsSession *self)
{
  g_autofree char *profile = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (!is_staff (self))
    return NULL;
  if (self->staff_role != NULL)
    return self->staff_role;

  /* Her role as the server gave it at her last online sign-in, kept in
   * the store under her data key (yrs-staff-auth.c). */
  profile = yrs_store_get_sealed (self->store, self->owner, YRS_STAFF_PROFILE_COLLECTION,
                                  YRS_STAFF_PROFILE_ID, NULL);
  if (profile == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, profile, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  self->staff_role = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                           "role", NULL));
  return self->staff_role;
}

YrsVisitList *
yrs_session_get_visit_list (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (!is_staff (self))
    return NULL;
  if (self->visit_list == NULL)
    self->visit_list = yrs_visit_list_new (self);
  return self->visit_list;
}

YrsDecisionQueue *
yrs_session_get_decision_queue (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  if (g_strcmp0 (yrs_session_get_staff_role (self), "supervisor") != 0)
    return NULL;
  if (self->decision_queue == NULL)
    self->decision_queue = yrs_decision_queue_new (self);
  return self->decision_queue;
}

/* The case the visit forms are for, if it is on her list. */
static YrsVisitCase *
visit_forms_case (YrsSession *self)
{
  const char *case_id = yrs_session_get_field (self, "visit.case");
  YrsVisitList *list;

  if (case_id == NULL || *case_id == '\0')
    return NULL;
  list = yrs_session_get_visit_list (self);
  return list != NULL ? yrs_visit_list_lookup (list, case_id) : NULL;
}

YrsConsultationFlow *
yrs_session_get_consultation_flow (YrsSession *self)
{
  YrsVisitCase *visit_case;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  visit_case = visit_forms_case (self);
  if (visit_case == NULL)
    return NULL;
  if (self->consultation_flow != NULL &&
      g_strcmp0 (yrs_consultation_flow_get_case_id (self->consultation_flow),
                 yrs_visit_case_get_id (visit_case)) != 0)
    drop_flow (&self->consultation_flow, FALSE);
  if (self->consultation_flow == NULL)
    self->consultation_flow = yrs_consultation_flow_new (visit_case, yrs_session_get_catalog (self),
                                                         yrs_session_get_as_of (self));
  return self->consultation_flow;
}

YrsScreeningFlow *
yrs_session_get_screening_flow (YrsSession *self)
{
  YrsVisitCase *visit_case;

  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  visit_case = visit_forms_case (self);
  if (visit_case == NULL)
    return NULL;
  if (self->screening_flow != NULL &&
      g_strcmp0 (yrs_screening_flow_get_case_id (self->screening_flow),
                 yrs_visit_case_get_id (visit_case)) != 0)
    drop_flow (&self->screening_flow, FALSE);
  if (self->screening_flow == NULL)
    self->screening_flow = yrs_screening_flow_new (visit_case, yrs_session_get_catalog (self),
                                                   yrs_session_get_as_of (self));
  return self->screening_flow;
}

void
yrs_session_drop_visit_forms (YrsSession *self)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  drop_flow (&self->consultation_flow, FALSE);
  drop_flow (&self->screening_flow, FALSE);
}
