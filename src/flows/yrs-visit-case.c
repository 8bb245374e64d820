/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-case"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yrs-visit-private.h"

struct _YrsVisitCase
{
  GObject     parent_instance;

  char       *id;
  char       *ward;
  char       *family_name;
  char       *family_kana;
  char       *birth_date;
  char       *child_birth_date;
  char       *due_date;
  char       *phone;
  char       *address;
  char       *postal_code;
  gboolean    added_by_staff;
  gboolean    pending;

  YrsAnswers *answers;
  GListStore *submissions;       /* YrsVisitSubmission */
  GListStore *history;           /* YrsVisitRecord, newest first */
  GStrv       consultation_kinds;
};

G_DEFINE_FINAL_TYPE (YrsVisitCase, yrs_visit_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_WARD,
  PROP_FAMILY_NAME,
  PROP_FAMILY_KANA,
  PROP_BIRTH_DATE,
  PROP_CHILD_BIRTH_DATE,
  PROP_DUE_DATE,
  PROP_PHONE,
  PROP_ADDRESS,
  PROP_POSTAL_CODE,
  PROP_WAITING,
  PROP_ADDED_BY_STAFF,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_yrs_visit_free_secret (char *str)
{
  if (str != NULL)
    {
      explicit_bzero (str, strlen (str));
      g_free (str);
    }
}

static gboolean
has_submission (YrsVisitCase *self,
                const char   *programme,
                const char   *state)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsVisitSubmission) sub = g_list_model_get_item (G_LIST_MODEL (self->submissions), i);
      const char *p = yrs_visit_submission_get_programme (sub);
      const char *s = yrs_visit_submission_get_state (sub);

      if ((programme == NULL || g_strcmp0 (p, programme) == 0) &&
          (state == NULL || g_strcmp0 (s, state) == 0))
        return TRUE;
    }
  return FALSE;
}

char *
yrs_visit_case_dup_waiting (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), NULL);

  if (has_submission (self, "support_payment_birth", "waiting_for_consultation") &&
      !yrs_visit_case_has_consultation (self, "after_birth"))
    return g_strdup (_("Waiting for the consultation after the birth"));
  if (has_submission (self, "support_payment_pregnancy", "waiting_for_consultation") &&
      !yrs_visit_case_has_consultation (self, "notification"))
    return g_strdup (_("Waiting for the consultation at the pregnancy notification"));
  if (has_submission (self, "postpartum_care", "pending"))
    return g_strdup (_("Postpartum care registration waiting for approval"));
  if (has_submission (self, "postpartum_care", "declined"))
    return g_strdup (_("Postpartum care registration declined"));
  if (self->pending)
    return g_strdup (_("Added on this tablet, not yet sent"));
  if (self->consultation_kinds == NULL || self->consultation_kinds[0] == NULL)
    return g_strdup (_("Waiting for a first consultation"));
  return g_strdup (_("Consultation recorded"));
}

static void
yrs_visit_case_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsVisitCase *self = YRS_VISIT_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_WARD:
      g_value_set_string (value, self->ward);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    case PROP_FAMILY_KANA:
      g_value_set_string (value, self->family_kana);
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;
    case PROP_CHILD_BIRTH_DATE:
      g_value_set_string (value, self->child_birth_date);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;
    case PROP_WAITING:
      g_value_take_string (value, yrs_visit_case_dup_waiting (self));
      break;
    case PROP_ADDED_BY_STAFF:
      g_value_set_boolean (value, self->added_by_staff);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_strings (YrsVisitCase *self)
{
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->ward, g_free);
  g_clear_pointer (&self->family_name, _yrs_visit_free_secret);
  g_clear_pointer (&self->family_kana, _yrs_visit_free_secret);
  g_clear_pointer (&self->birth_date, _yrs_visit_free_secret);
  g_clear_pointer (&self->child_birth_date, _yrs_visit_free_secret);
  g_clear_pointer (&self->due_date, _yrs_visit_free_secret);
  g_clear_pointer (&self->phone, _yrs_visit_free_secret);
  g_clear_pointer (&self->address, _yrs_visit_free_secret);
  g_clear_pointer (&self->postal_code, _yrs_visit_free_secret);
  g_clear_pointer (&self->consultation_kinds, g_strfreev);
}

static void
yrs_visit_case_finalize (GObject *object)
{
  YrsVisitCase *self = YRS_VISIT_CASE (object);

  clear_strings (self);
  g_clear_object (&self->answers);
  g_clear_object (&self->submissions);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (yrs_visit_case_parent_class)->finalize (object);
}

static void
yrs_visit_case_class_init (YrsVisitCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_visit_case_get_property;
  object_class->finalize = yrs_visit_case_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  properties[PROP_WARD] = g_param_spec_string ("ward", NULL, NULL, NULL, RO);
  properties[PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, RO);
  properties[PROP_FAMILY_KANA] = g_param_spec_string ("family-kana", NULL, NULL, NULL, RO);
  properties[PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, NULL, RO);
  properties[PROP_CHILD_BIRTH_DATE] = g_param_spec_string ("child-birth-date", NULL, NULL, NULL, RO);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, RO);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, RO);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, RO);
  properties[PROP_POSTAL_CODE] = g_param_spec_string ("postal-code", NULL, NULL, NULL, RO);
  properties[PROP_WAITING] = g_param_spec_string ("waiting", NULL, NULL, NULL, RO);
  properties[PROP_ADDED_BY_STAFF] = g_param_spec_boolean ("added-by-staff", NULL, NULL, FALSE, RO);
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_visit_case_init (YrsVisitCase *self)
{
  self->answers = yrs_answers_new ();
  self->submissions = g_list_store_new (YRS_TYPE_VISIT_SUBMISSION);
  self->history = g_list_store_new (YRS_TYPE_VISIT_RECORD);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The city's records of the case and those saved here (local_records:
 * JsonObject with "type", "record", "pending"), newest first. */
static void
fill_history (YrsVisitCase *self,
              JsonObject   *object,
              YrsCatalog   *catalog,
              GPtrArray    *local_records)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  static const struct { const char *member; const char *kind; } lists[] = {
    { "consultations", "consultation" },
    { "screenings", "screening" },
  };

  for (guint i = 0; local_records != NULL && i < local_records->len; i++)
    {
      JsonObject *local = g_ptr_array_index (local_records, i);
      JsonObject *record = get_object (local, "record");
      g_autofree char *type = dup_member (local, "type");

      if (record != NULL && type != NULL)
        g_ptr_array_add (records, yrs_visit_record_new (type, record, catalog, TRUE,
                                                        json_object_get_boolean_member_with_default (local, "pending", TRUE)));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array = get_array (object, lists[l].member);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (records, yrs_visit_record_new (lists[l].kind, json_node_get_object (node),
                                                            catalog, FALSE, FALSE));
        }
    }
  g_ptr_array_sort (records, yrs_visit_record_compare);
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       records->pdata, records->len);
}

static void
fill (YrsVisitCase       *self,
      JsonObject         *object,
      YrsCatalog         *catalog,
      gboolean            pending,
      const char * const *local_kinds,
      GPtrArray          *local_records)
{
  JsonObject *family = get_object (object, "family");
  JsonObject *answers = get_object (object, "answers");
  JsonArray *array;
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();

  self->id = dup_member (object, "id");
  self->ward = dup_member (object, "ward");
  self->family_name = dup_member (family, "name");
  self->family_kana = dup_member (family, "kana");
  self->birth_date = dup_member (family, "birth_date");
  self->child_birth_date = dup_member (family, "child_birth_date");
  self->due_date = dup_member (family, "due_date");
  self->phone = dup_member (family, "phone");
  self->address = dup_member (family, "address");
  self->postal_code = dup_member (family, "postal_code");
  self->added_by_staff = json_object_get_boolean_member_with_default (object, "added_by_staff", FALSE);
  self->pending = pending;

  yrs_answers_clear (self->answers);
  if (answers != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answers);
      g_autofree char *json = json_to_string (node, FALSE);
      g_autoptr(YrsAnswers) parsed = yrs_answers_new_from_json (json, -1, NULL);

      if (parsed != NULL)
        {
          g_clear_object (&self->answers);
          self->answers = g_steal_pointer (&parsed);
        }
      _yrs_visit_free_secret (g_steal_pointer (&json));
    }

  g_list_store_remove_all (self->submissions);
  array = get_array (object, "submissions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autoptr(YrsVisitSubmission) sub = _yrs_visit_submission_new (json_node_get_object (node), catalog);

          g_list_store_append (self->submissions, sub);
        }
    }

  array = get_array (object, "consultations");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *kind = JSON_NODE_HOLDS_OBJECT (node) ? dup_member (json_node_get_object (node), "kind") : NULL;

      if (kind != NULL)
        g_strv_builder_add (kinds, kind);
    }
  if (local_kinds != NULL)
    g_strv_builder_addv (kinds, (const char **) local_kinds);
  self->consultation_kinds = g_strv_builder_end (kinds);
  fill_history (self, object, catalog, local_records);
}

YrsVisitCase *
_yrs_visit_case_new (JsonObject         *case_object,
                     YrsCatalog         *catalog,
                     gboolean            pending,
                     const char * const *local_kinds,
                     GPtrArray          *local_records)
{
  YrsVisitCase *self = g_object_new (YRS_TYPE_VISIT_CASE, NULL);

  fill (self, case_object, catalog, pending, local_kinds, local_records);
  return self;
}

void
_yrs_visit_case_update (YrsVisitCase *self,
                        YrsVisitCase *from)
{
  g_autoptr(GObject) keep = NULL;

  g_return_if_fail (YRS_IS_VISIT_CASE (self));
  g_return_if_fail (YRS_IS_VISIT_CASE (from));

  clear_strings (self);
#define TAKE(field) self->field = g_steal_pointer (&from->field)
  TAKE (id);
  TAKE (ward);
  TAKE (family_name);
  TAKE (family_kana);
  TAKE (birth_date);
  TAKE (child_birth_date);
  TAKE (due_date);
  TAKE (phone);
  TAKE (address);
  TAKE (postal_code);
  TAKE (consultation_kinds);
#undef TAKE
  self->added_by_staff = from->added_by_staff;
  self->pending = from->pending;
  g_set_object (&self->answers, from->answers);
  /* Swap the submissions' items so that a page's binding to the model
   * sees the change. */
  {
    guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));
    guint n_new = g_list_model_get_n_items (G_LIST_MODEL (from->submissions));
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n_new; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from->submissions), i));
    g_list_store_splice (self->submissions, 0, n_old, items->pdata, items->len);
  }
  {
    guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->history));
    guint n_new = g_list_model_get_n_items (G_LIST_MODEL (from->history));
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n_new; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from->history), i));
    g_list_store_splice (self->history, 0, n_old, items->pdata, items->len);
  }

  for (guint i = PROP_ID; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

#define GETTER(field) \
const char * \
yrs_visit_case_get_##field (YrsVisitCase *self) \
{ \
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), NULL); \
  return self->field; \
}

GETTER (id)
GETTER (ward)
GETTER (family_name)
GETTER (family_kana)
GETTER (birth_date)
GETTER (child_birth_date)
GETTER (due_date)
GETTER (phone)
GETTER (address)
GETTER (postal_code)
#undef GETTER

gboolean
yrs_visit_case_get_added_by_staff (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), FALSE);
  return self->added_by_staff;
}

gboolean
yrs_visit_case_get_pending (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), FALSE);
  return self->pending;
}

YrsAnswers *
yrs_visit_case_get_answers (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), NULL);
  return self->answers;
}

GListModel *
yrs_visit_case_get_submissions (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), NULL);
  return G_LIST_MODEL (self->submissions);
}

GListModel *
yrs_visit_case_get_history (YrsVisitCase *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), NULL);
  return G_LIST_MODEL (self->history);
}

gboolean
yrs_visit_case_has_consultation (YrsVisitCase *self,
                                 const char   *kind)
{
  g_return_val_if_fail (YRS_IS_VISIT_CASE (self), FALSE);
  return self->consultation_kinds != NULL &&
         g_strv_contains ((const char * const *) self->consultation_kinds, kind);
}
