/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-consultation-flow"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "yrs-consultation.h"
#include "yrs-consultation-flow.h"
#include "yrs-eligibility.h"
#include "yrs-i18n.h"
#include "yrs-record-item.h"
#include "yrs-visit-forms-private.h"

struct _YrsConsultationFlow
{
  GObject     parent_instance;

  char       *case_id;
  YrsCatalog *catalog;
  YrsAnswers *answers;
  YrsDate     today;

  char       *kind;
  char       *date;
  char       *place;
  char       *follow_up_kind;
  char       *follow_up_date;
  char       *notes;

  GListStore *topics;
  GListStore *present;
  GListStore *programmes;

  gboolean    show_errors;
  gboolean    can_save;
  /* The messages per field (static, translated when read), -1 for none. */
  int         problem[YRS_CONSULTATION_N_FIELDS];
  int         first_problem;
};

G_DEFINE_FINAL_TYPE (YrsConsultationFlow, yrs_consultation_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_KIND,
  PROP_DATE,
  PROP_PLACE,
  PROP_FOLLOW_UP_KIND,
  PROP_FOLLOW_UP_DATE,
  PROP_NOTES,
  PROP_FOLLOW_UP_NEEDS_DATE,
  PROP_CAN_SAVE,
  PROP_SHOW_ERRORS,
  PROP_ERROR,
  PROP_KIND_ERROR,
  PROP_DATE_ERROR,
  PROP_PLACE_ERROR,
  PROP_PRESENT_ERROR,
  PROP_FOLLOW_UP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint field_props[YRS_CONSULTATION_N_FIELDS] = {
  [YRS_CONSULTATION_FIELD_KIND] = PROP_KIND_ERROR,
  [YRS_CONSULTATION_FIELD_DATE] = PROP_DATE_ERROR,
  [YRS_CONSULTATION_FIELD_PLACE] = PROP_PLACE_ERROR,
  [YRS_CONSULTATION_FIELD_PRESENT] = PROP_PRESENT_ERROR,
  [YRS_CONSULTATION_FIELD_FOLLOW_UP] = PROP_FOLLOW_UP_ERROR,
};

static YrsDate
parse_date (const char *iso)
{
  YrsDate date = YRS_DATE_NONE;

  if (iso == NULL || *iso == '\0' || !yrs_date_parse_iso (iso, &date, NULL))
    return YRS_DATE_NONE;
  return date;
}

static void
fill_record (YrsConsultationFlow   *self,
             YrsConsultationRecord *r)
{
  YrsConsultationKind kind = YRS_CONSULTATION_KIND_UNSET;
  YrsConsultationPlace place = YRS_CONSULTATION_PLACE_UNSET;
  YrsFollowUpKind follow_up = YRS_FOLLOW_UP_UNSET;

  if (!yrs_consultation_kind_from_string (self->kind, &kind))
    kind = YRS_CONSULTATION_KIND_UNSET;
  if (!yrs_consultation_place_from_string (self->place, &place))
    place = YRS_CONSULTATION_PLACE_UNSET;
  if (!yrs_follow_up_kind_from_string (self->follow_up_kind, &follow_up))
    follow_up = YRS_FOLLOW_UP_UNSET;

  r->kind = kind;
  r->date = parse_date (self->date);
  r->place = place;
  r->n_present = yrs_record_items_count (G_LIST_MODEL (self->present), YRS_RECORD_ITEM_ACTIVE);
  r->follow_up = follow_up;
  r->follow_up_date = parse_date (self->follow_up_date);
}

/* Checks the record again after every change: can-save at once, and the
 * messages (once shown) as she corrects them. */
static void
update (YrsConsultationFlow *self)
{
  YrsConsultationRecord r;
  YrsConsultationProblem problems[YRS_CONSULTATION_N_PROBLEMS];
  int before[YRS_CONSULTATION_N_FIELDS];
  int first_before = self->first_problem;
  gboolean can_save_before = self->can_save;
  guint n;

  fill_record (self, &r);
  n = yrs_consultation_check (&r, self->today, problems);

  memcpy (before, self->problem, sizeof before);
  for (guint f = 0; f < YRS_CONSULTATION_N_FIELDS; f++)
    self->problem[f] = -1;
  for (guint i = n; i-- > 0;)
    self->problem[yrs_consultation_problem_get_field (problems[i])] = problems[i];
  self->first_problem = n > 0 ? (int) problems[0] : -1;
  self->can_save = n == 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_save != can_save_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
  if (self->show_errors)
    {
      for (guint f = 0; f < YRS_CONSULTATION_N_FIELDS; f++)
        if (before[f] != self->problem[f])
          g_object_notify_by_pspec (G_OBJECT (self), properties[field_props[f]]);
      if (first_before != self->first_problem)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_show_errors (YrsConsultationFlow *self,
                 gboolean             show)
{
  if (self->show_errors == show)
    return;
  self->show_errors = show;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  for (guint f = 0; f < YRS_CONSULTATION_N_FIELDS; f++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[field_props[f]]);
  g_object_thaw_notify (G_OBJECT (self));
}

static const char *
field_error (YrsConsultationFlow  *self,
             YrsConsultationField  field)
{
  if (!self->show_errors || self->problem[field] < 0)
    return NULL;
  return yrs_consultation_problem_get_message (self->problem[field]);
}

static gboolean
set_string (YrsConsultationFlow *self,
            char               **field,
            const char          *value,
            guint                prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
on_item_active (YrsConsultationFlow *self)
{
  update (self);
}

static void
add_items (YrsConsultationFlow *self,
           GListStore          *store,
           YrsRecordItemKind    kind,
           const char *const   *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(YrsRecordItem) item = yrs_record_item_new (kind, ids[i], self->catalog);

      g_signal_connect_object (item, "notify::active", G_CALLBACK (on_item_active), self,
                               G_CONNECT_SWAPPED);
      g_list_store_append (store, item);
    }
}

/* The programmes worth explaining to this family: all but those the
 * engine finds she cannot use (eligible now, from a coming date, or on an
 * answer she can give the nurse, such as postpartum care's declared
 * need), in the results' order, each with the engine's status. */
static void
fill_programmes (YrsConsultationFlow *self)
{
  g_autoptr(YrsEvaluation) evaluation = yrs_eligibility_evaluate (self->catalog, self->answers,
                                                                   self->today);
  guint n = yrs_evaluation_get_n_results (evaluation);

  for (guint i = 0; i < n; i++)
    {
      const YrsResult *result = yrs_evaluation_get_result (evaluation, i);
      g_autoptr(YrsRecordItem) item = NULL;
      g_autoptr(YrsResultItem) result_item = NULL;

      if (result->status == YRS_STATUS_NOT_ELIGIBLE)
        continue;

      result_item = yrs_result_item_new_result (evaluation, i);
      item = yrs_record_item_new (YRS_RECORD_ITEM_PROGRAMME, result->programme_id, self->catalog);
      yrs_record_item_set_result (item, result_item);
      g_list_store_append (self->programmes, item);
    }
}

static void
yrs_consultation_flow_finalize (GObject *object)
{
  YrsConsultationFlow *self = YRS_CONSULTATION_FLOW (object);

  g_free (self->case_id);
  g_free (self->kind);
  g_free (self->date);
  g_free (self->place);
  g_free (self->follow_up_kind);
  g_free (self->follow_up_date);
  g_free (self->notes);
  g_clear_object (&self->catalog);
  g_clear_object (&self->answers);
  g_clear_object (&self->topics);
  g_clear_object (&self->present);
  g_clear_object (&self->programmes);

  G_OBJECT_CLASS (yrs_consultation_flow_parent_class)->finalize (object);
}

static void
yrs_consultation_flow_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YrsConsultationFlow *self = YRS_CONSULTATION_FLOW (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_FOLLOW_UP_KIND:
      g_value_set_string (value, self->follow_up_kind);
      break;
    case PROP_FOLLOW_UP_DATE:
      g_value_set_string (value, self->follow_up_date);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_FOLLOW_UP_NEEDS_DATE:
      {
        YrsFollowUpKind kind;

        g_value_set_boolean (value, yrs_follow_up_kind_from_string (self->follow_up_kind, &kind) &&
                                    yrs_follow_up_kind_needs_date (kind));
      }
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    case PROP_SHOW_ERRORS:
      g_value_set_boolean (value, self->show_errors);
      break;
    case PROP_ERROR:
      g_value_set_string (value, yrs_consultation_flow_get_error (self));
      break;
    case PROP_KIND_ERROR:
      g_value_set_string (value, field_error (self, YRS_CONSULTATION_FIELD_KIND));
      break;
    case PROP_DATE_ERROR:
      g_value_set_string (value, field_error (self, YRS_CONSULTATION_FIELD_DATE));
      break;
    case PROP_PLACE_ERROR:
      g_value_set_string (value, field_error (self, YRS_CONSULTATION_FIELD_PLACE));
      break;
    case PROP_PRESENT_ERROR:
      g_value_set_string (value, field_error (self, YRS_CONSULTATION_FIELD_PRESENT));
      break;
    case PROP_FOLLOW_UP_ERROR:
      g_value_set_string (value, field_error (self, YRS_CONSULTATION_FIELD_FOLLOW_UP));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_consultation_flow_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  YrsConsultationFlow *self = YRS_CONSULTATION_FLOW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      yrs_consultation_flow_set_kind (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      yrs_consultation_flow_set_date (self, g_value_get_string (value));
      break;
    case PROP_PLACE:
      yrs_consultation_flow_set_place (self, g_value_get_string (value));
      break;
    case PROP_FOLLOW_UP_KIND:
      yrs_consultation_flow_set_follow_up_kind (self, g_value_get_string (value));
      break;
    case PROP_FOLLOW_UP_DATE:
      yrs_consultation_flow_set_follow_up_date (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      yrs_consultation_flow_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define STRING_PROP(name)                                                        \
  g_param_spec_string (name, NULL, NULL, NULL,                                   \
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))
#define RO_STRING_PROP(name)                                                     \
  g_param_spec_string (name, NULL, NULL, NULL,                                   \
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))
#define RO_BOOL_PROP(name)                                                       \
  g_param_spec_boolean (name, NULL, NULL, FALSE,                                 \
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))

static void
yrs_consultation_flow_class_init (YrsConsultationFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_consultation_flow_finalize;
  object_class->get_property = yrs_consultation_flow_get_property;
  object_class->set_property = yrs_consultation_flow_set_property;

  properties[PROP_CASE_ID] = RO_STRING_PROP ("case-id");
  properties[PROP_KIND] = STRING_PROP ("kind");
  properties[PROP_DATE] = STRING_PROP ("date");
  properties[PROP_PLACE] = STRING_PROP ("place");
  properties[PROP_FOLLOW_UP_KIND] = STRING_PROP ("follow-up-kind");
  properties[PROP_FOLLOW_UP_DATE] = STRING_PROP ("follow-up-date");
  properties[PROP_NOTES] = STRING_PROP ("notes");
  properties[PROP_FOLLOW_UP_NEEDS_DATE] = RO_BOOL_PROP ("follow-up-needs-date");
  properties[PROP_CAN_SAVE] = RO_BOOL_PROP ("can-save");
  properties[PROP_SHOW_ERRORS] = RO_BOOL_PROP ("show-errors");
  properties[PROP_ERROR] = RO_STRING_PROP ("error");
  properties[PROP_KIND_ERROR] = RO_STRING_PROP ("kind-error");
  properties[PROP_DATE_ERROR] = RO_STRING_PROP ("date-error");
  properties[PROP_PLACE_ERROR] = RO_STRING_PROP ("place-error");
  properties[PROP_PRESENT_ERROR] = RO_STRING_PROP ("present-error");
  properties[PROP_FOLLOW_UP_ERROR] = RO_STRING_PROP ("follow-up-error");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_consultation_flow_init (YrsConsultationFlow *self)
{
  self->topics = g_list_store_new (YRS_TYPE_RECORD_ITEM);
  self->present = g_list_store_new (YRS_TYPE_RECORD_ITEM);
  self->programmes = g_list_store_new (YRS_TYPE_RECORD_ITEM);
  self->follow_up_kind = g_strdup ("none");
  self->first_problem = -1;
  for (guint f = 0; f < YRS_CONSULTATION_N_FIELDS; f++)
    self->problem[f] = -1;
}

YrsConsultationFlow *
yrs_consultation_flow_new_for_answers (const char *case_id,
                                       YrsAnswers *answers,
                                       YrsCatalog *catalog,
                                       YrsDate     today)
{
  YrsConsultationFlow *self;

  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (answers == NULL || YRS_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (yrs_date_is_set (today), NULL);

  self = g_object_new (YRS_TYPE_CONSULTATION_FLOW, NULL);
  self->case_id = g_strdup (case_id);
  self->catalog = g_object_ref (catalog);
  self->answers = answers != NULL ? yrs_answers_copy (answers) : yrs_answers_new ();
  self->today = today;
  self->date = yrs_date_to_iso (today);

  add_items (self, self->topics, YRS_RECORD_ITEM_TOPIC, yrs_consultation_get_topics ());
  add_items (self, self->present, YRS_RECORD_ITEM_PRESENT, yrs_consultation_get_present ());
  fill_programmes (self);
  update (self);
  return self;
}

YrsConsultationFlow *
yrs_consultation_flow_new (YrsVisitCase *visit_case,
                           YrsCatalog   *catalog,
                           YrsDate       today)
{
  g_autoptr(YrsAnswers) answers = NULL;

  g_return_val_if_fail (YRS_IS_VISIT_CASE (visit_case), NULL);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);

  /* What the city holds, with what the family's record says. */
  answers = _yrs_visit_forms_dup_answers (visit_case, catalog);
  return yrs_consultation_flow_new_for_answers (yrs_visit_case_get_id (visit_case), answers, catalog, today);
}

const char *
yrs_consultation_flow_get_case_id (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return self->case_id;
}

#define ACCESSORS(name, PROP)                                                    \
const char *                                                                     \
yrs_consultation_flow_get_##name (YrsConsultationFlow *self)                     \
{                                                                                \
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);                  \
  return self->name;                                                             \
}                                                                                \
void                                                                             \
yrs_consultation_flow_set_##name (YrsConsultationFlow *self,                     \
                                  const char          *value)                    \
{                                                                                \
  g_return_if_fail (YRS_IS_CONSULTATION_FLOW (self));                            \
  if (set_string (self, &self->name, value, PROP))                               \
    update (self);                                                               \
}

ACCESSORS (kind, PROP_KIND)
ACCESSORS (date, PROP_DATE)
ACCESSORS (place, PROP_PLACE)
ACCESSORS (follow_up_date, PROP_FOLLOW_UP_DATE)

const char *
yrs_consultation_flow_get_follow_up_kind (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return self->follow_up_kind;
}

void
yrs_consultation_flow_set_follow_up_kind (YrsConsultationFlow *self,
                                          const char          *kind)
{
  g_return_if_fail (YRS_IS_CONSULTATION_FLOW (self));

  if (!set_string (self, &self->follow_up_kind, kind, PROP_FOLLOW_UP_KIND))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_NEEDS_DATE]);
  update (self);
}

/* Free text: kept as typed (an empty text is no notes). */
const char *
yrs_consultation_flow_get_notes (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return self->notes;
}

void
yrs_consultation_flow_set_notes (YrsConsultationFlow *self,
                                 const char          *notes)
{
  g_return_if_fail (YRS_IS_CONSULTATION_FLOW (self));
  set_string (self, &self->notes, notes, PROP_NOTES);
}

gboolean
yrs_consultation_flow_get_can_save (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), FALSE);
  return self->can_save;
}

const char *
yrs_consultation_flow_get_error (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);

  if (!self->show_errors || self->first_problem < 0)
    return NULL;
  return yrs_consultation_problem_get_message (self->first_problem);
}

GListModel *
yrs_consultation_flow_get_topics (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->topics);
}

GListModel *
yrs_consultation_flow_get_present (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->present);
}

GListModel *
yrs_consultation_flow_get_programmes (YrsConsultationFlow *self)
{
  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->programmes);
}

gboolean
yrs_consultation_flow_set_active (YrsConsultationFlow *self,
                                  GListModel          *list,
                                  const char          *id,
                                  gboolean             active)
{
  guint n;

  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (list), FALSE);

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsRecordItem) item = g_list_model_get_item (list, i);

      if (g_strcmp0 (yrs_record_item_get_id (item), id) == 0)
        {
          yrs_record_item_set_active (item, active);
          return TRUE;
        }
    }
  return FALSE;
}

JsonObject *
yrs_consultation_flow_build (YrsConsultationFlow *self,
                             GError             **error)
{
  JsonObject *record, *follow_up;
  YrsConsultationRecord r;

  g_return_val_if_fail (YRS_IS_CONSULTATION_FLOW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  update (self);
  if (!self->can_save)
    {
      set_show_errors (self, TRUE);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           yrs_consultation_flow_get_error (self));
      return NULL;
    }

  fill_record (self, &r);
  record = json_object_new ();
  json_object_set_string_member (record, "kind", yrs_consultation_kind_to_string (r.kind));
  {
    g_autofree char *date = yrs_date_to_iso (r.date);

    json_object_set_string_member (record, "date", date);
  }
  json_object_set_string_member (record, "place", yrs_consultation_place_to_string (r.place));
  json_object_set_array_member (record, "present",
                                yrs_record_items_to_json (G_LIST_MODEL (self->present), YRS_RECORD_ITEM_ACTIVE));
  json_object_set_array_member (record, "topics",
                                yrs_record_items_to_json (G_LIST_MODEL (self->topics), YRS_RECORD_ITEM_ACTIVE));
  json_object_set_array_member (record, "programmes_explained",
                                yrs_record_items_to_json (G_LIST_MODEL (self->programmes), YRS_RECORD_ITEM_ACTIVE));
  follow_up = json_object_new ();
  json_object_set_string_member (follow_up, "kind", yrs_follow_up_kind_to_string (r.follow_up));
  if (yrs_follow_up_kind_needs_date (r.follow_up))
    {
      g_autofree char *date = yrs_date_to_iso (r.follow_up_date);

      json_object_set_string_member (follow_up, "date", date);
    }
  json_object_set_object_member (record, "follow_up", follow_up);
  json_object_set_string_member (record, "notes", self->notes != NULL ? self->notes : "");
  set_show_errors (self, FALSE);
  return record;
}
