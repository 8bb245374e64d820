/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-screening-flow"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "yrs-eligibility.h"
#include "yrs-epds.h"
#include "yrs-i18n.h"
#include "yrs-record-item.h"
#include "yrs-visit-forms-private.h"
#include "yrs-result-item.h"
#include "yrs-screening-flow.h"

/* The referrals of the support panel, in the order offered. */
static const char *const referral_ids[] = {
  "postpartum_care", "counselling", "perinatal_mental_health_hyogo", NULL,
};

struct _YrsScreeningFlow
{
  GObject     parent_instance;

  char       *case_id;
  char       *consultation;
  YrsCatalog *catalog;
  YrsDate     today;
  char       *date;
  int         items[YRS_EPDS_N_ITEMS];
  gboolean    acknowledged;
  gboolean    show_errors;
  char       *error_text;
  GListStore *referrals;

  /* What was last notified. */
  int         total;
  gboolean    complete, high, urgent, can_save;
};

G_DEFINE_FINAL_TYPE (YrsScreeningFlow, yrs_screening_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_DATE,
  PROP_TOTAL,
  PROP_COMPLETE,
  PROP_HIGH,
  PROP_URGENT,
  PROP_OFFER_SUPPORT,
  PROP_URGENT_ACKNOWLEDGED,
  PROP_CAN_SAVE,
  PROP_ERROR,
  PROP_SOS_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (YrsScreeningFlow *self,
        guint             prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update (YrsScreeningFlow *self)
{
  YrsEpdsResult r = { 0, };
  int total = 0;
  gboolean complete, high, urgent, can_save;

  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    if (self->items[i] > 0)
      total += self->items[i];
  complete = yrs_epds_evaluate (self->items, YRS_EPDS_N_ITEMS, &r, NULL);
  high = complete && r.offer_support;
  urgent = self->items[YRS_EPDS_SELF_HARM_ITEM - 1] > 0;
  can_save = yrs_epds_may_save (self->items, YRS_EPDS_N_ITEMS, self->acknowledged);

  g_object_freeze_notify (G_OBJECT (self));
  if (total != self->total)
    {
      self->total = total;
      notify (self, PROP_TOTAL);
    }
  if (complete != self->complete)
    {
      self->complete = complete;
      notify (self, PROP_COMPLETE);
    }
  if (high != self->high || urgent != self->urgent)
    notify (self, PROP_OFFER_SUPPORT);
  if (high != self->high)
    {
      self->high = high;
      notify (self, PROP_HIGH);
    }
  if (urgent != self->urgent)
    {
      self->urgent = urgent;
      notify (self, PROP_URGENT);
    }
  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      notify (self, PROP_CAN_SAVE);
    }
  if (self->show_errors)
    notify (self, PROP_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

static char *
dup_sos_line (YrsScreeningFlow *self)
{
  const YrsProgramme *p = yrs_catalog_lookup_programme (self->catalog, "sos_line");
  YrsLang lang = yrs_i18n_get_lang ();

  if (p == NULL)
    return g_strdup ("");
  /* Translators: the 24-hour line's name, then its hours and number, from the catalogue */
  return g_strdup_printf (_("%s: %s"), yrs_programme_get_title (p, lang),
                          yrs_programme_get_summary (p, lang));
}

static char *
dup_error (YrsScreeningFlow *self)
{
  g_autoptr(GError) error = NULL;
  YrsEpdsResult r;

  if (!self->show_errors)
    return NULL;
  if (!yrs_epds_evaluate (self->items, YRS_EPDS_N_ITEMS, &r, &error))
    return g_strdup (error->message);
  if (r.urgent && !self->acknowledged)
    return g_strdup (_("Item 10 scored above 0: confirm that you will talk to your supervisor today before saving."));
  return NULL;
}

static void
yrs_screening_flow_finalize (GObject *object)
{
  YrsScreeningFlow *self = YRS_SCREENING_FLOW (object);

  g_free (self->case_id);
  g_free (self->consultation);
  g_free (self->date);
  g_free (self->error_text);
  g_clear_object (&self->catalog);
  g_clear_object (&self->referrals);

  G_OBJECT_CLASS (yrs_screening_flow_parent_class)->finalize (object);
}

static void
yrs_screening_flow_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsScreeningFlow *self = YRS_SCREENING_FLOW (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TOTAL:
      g_value_set_int (value, self->total);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_HIGH:
      g_value_set_boolean (value, self->high);
      break;
    case PROP_URGENT:
      g_value_set_boolean (value, self->urgent);
      break;
    case PROP_OFFER_SUPPORT:
      g_value_set_boolean (value, self->high || self->urgent);
      break;
    case PROP_URGENT_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged);
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    case PROP_ERROR:
      g_value_take_string (value, dup_error (self));
      break;
    case PROP_SOS_LINE:
      g_value_take_string (value, dup_sos_line (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_screening_flow_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YrsScreeningFlow *self = YRS_SCREENING_FLOW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      {
        const char *iso = g_value_get_string (value);
        YrsDate date;

        if (iso == NULL || !yrs_date_parse_iso (iso, &date, NULL) ||
            g_strcmp0 (iso, self->date) == 0)
          return;
        g_free (self->date);
        self->date = g_strdup (iso);
        notify (self, PROP_DATE);
      }
      break;
    case PROP_URGENT_ACKNOWLEDGED:
      yrs_screening_flow_set_urgent_acknowledged (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_screening_flow_class_init (YrsScreeningFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_screening_flow_finalize;
  object_class->get_property = yrs_screening_flow_get_property;
  object_class->set_property = yrs_screening_flow_set_property;

  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, ro);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, rw);
  properties[PROP_TOTAL] = g_param_spec_int ("total", NULL, NULL, 0, 30, 0, ro);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, ro);
  properties[PROP_HIGH] = g_param_spec_boolean ("high", NULL, NULL, FALSE, ro);
  properties[PROP_URGENT] = g_param_spec_boolean ("urgent", NULL, NULL, FALSE, ro);
  properties[PROP_OFFER_SUPPORT] = g_param_spec_boolean ("offer-support", NULL, NULL, FALSE, ro);
  properties[PROP_URGENT_ACKNOWLEDGED] = g_param_spec_boolean ("urgent-acknowledged", NULL, NULL, FALSE, rw);
  properties[PROP_CAN_SAVE] = g_param_spec_boolean ("can-save", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_SOS_LINE] = g_param_spec_string ("sos-line", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_screening_flow_init (YrsScreeningFlow *self)
{
  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    self->items[i] = YRS_EPDS_UNSET;
  self->referrals = g_list_store_new (YRS_TYPE_RECORD_ITEM);
}

/* 産後ケア with her eligibility (the engine's, from the answers the city
 * holds), counselling and the prefecture's service: those the catalogue
 * has. */
static void
fill_referrals (YrsScreeningFlow *self,
                YrsAnswers       *answers)
{
  g_autoptr(YrsEvaluation) evaluation = yrs_eligibility_evaluate (self->catalog, answers, self->today);
  guint n = yrs_evaluation_get_n_results (evaluation);

  for (guint r = 0; referral_ids[r] != NULL; r++)
    for (guint i = 0; i < n; i++)
      {
        const YrsResult *result = yrs_evaluation_get_result (evaluation, i);
        g_autoptr(YrsRecordItem) item = NULL;
        g_autoptr(YrsResultItem) result_item = NULL;

        if (g_strcmp0 (result->programme_id, referral_ids[r]) != 0)
          continue;
        result_item = yrs_result_item_new_result (evaluation, i);
        item = yrs_record_item_new (YRS_RECORD_ITEM_PROGRAMME, result->programme_id, self->catalog);
        yrs_record_item_set_result (item, result_item);
        /* Registering is one tap away unless the engine says she cannot
         * use it at all. */
        yrs_record_item_set_can_register (item,
                                          yrs_programme_get_applyable (result->programme) &&
                                          result->status != YRS_STATUS_NOT_ELIGIBLE);
        g_list_store_append (self->referrals, item);
        break;
      }
}

YrsScreeningFlow *
yrs_screening_flow_new_for_answers (const char *case_id,
                                    YrsAnswers *answers,
                                    YrsCatalog *catalog,
                                    YrsDate     today)
{
  YrsScreeningFlow *self;
  g_autoptr(YrsAnswers) none = NULL;

  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (answers == NULL || YRS_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (yrs_date_is_set (today), NULL);

  if (answers == NULL)
    answers = none = yrs_answers_new ();

  self = g_object_new (YRS_TYPE_SCREENING_FLOW, NULL);
  self->case_id = g_strdup (case_id);
  self->catalog = g_object_ref (catalog);
  self->today = today;
  self->date = yrs_date_to_iso (today);
  fill_referrals (self, answers);
  update (self);
  return self;
}

YrsScreeningFlow *
yrs_screening_flow_new (YrsVisitCase *visit_case,
                        YrsCatalog   *catalog,
                        YrsDate       today)
{
  g_autoptr(YrsAnswers) answers = NULL;

  g_return_val_if_fail (YRS_IS_VISIT_CASE (visit_case), NULL);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);

  /* What the city holds, with what the family's record says. */
  answers = _yrs_visit_forms_dup_answers (visit_case, catalog);
  return yrs_screening_flow_new_for_answers (yrs_visit_case_get_id (visit_case), answers, catalog, today);
}

const char *
yrs_screening_flow_get_case_id (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), NULL);
  return self->case_id;
}

void
yrs_screening_flow_set_item (YrsScreeningFlow *self,
                             guint             index,
                             int               score)
{
  gboolean was_urgent;

  g_return_if_fail (YRS_IS_SCREENING_FLOW (self));
  g_return_if_fail (index >= 1 && index <= YRS_EPDS_N_ITEMS);
  g_return_if_fail (score == YRS_EPDS_UNSET || (score >= 0 && score <= YRS_EPDS_ITEM_MAX));

  if (self->items[index - 1] == score)
    return;
  was_urgent = self->items[YRS_EPDS_SELF_HARM_ITEM - 1] > 0;
  self->items[index - 1] = score;

  g_object_freeze_notify (G_OBJECT (self));
  /* A new urgent answer needs a new acknowledgement. */
  if (index == YRS_EPDS_SELF_HARM_ITEM && !was_urgent && score > 0 && self->acknowledged)
    {
      self->acknowledged = FALSE;
      notify (self, PROP_URGENT_ACKNOWLEDGED);
    }
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

int
yrs_screening_flow_get_item (YrsScreeningFlow *self,
                             guint             index)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), YRS_EPDS_UNSET);
  g_return_val_if_fail (index >= 1 && index <= YRS_EPDS_N_ITEMS, YRS_EPDS_UNSET);
  return self->items[index - 1];
}

int
yrs_screening_flow_get_total (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), 0);
  return self->total;
}

gboolean
yrs_screening_flow_get_complete (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), FALSE);
  return self->complete;
}

gboolean
yrs_screening_flow_get_high (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), FALSE);
  return self->high;
}

gboolean
yrs_screening_flow_get_urgent (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), FALSE);
  return self->urgent;
}

gboolean
yrs_screening_flow_get_urgent_acknowledged (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), FALSE);
  return self->acknowledged;
}

void
yrs_screening_flow_set_urgent_acknowledged (YrsScreeningFlow *self,
                                            gboolean          acknowledged)
{
  g_return_if_fail (YRS_IS_SCREENING_FLOW (self));

  acknowledged = !!acknowledged;
  if (self->acknowledged == acknowledged)
    return;
  self->acknowledged = acknowledged;
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_URGENT_ACKNOWLEDGED);
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
yrs_screening_flow_get_can_save (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), FALSE);
  return self->can_save;
}

const char *
yrs_screening_flow_get_error (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), NULL);

  g_free (self->error_text);
  self->error_text = dup_error (self);
  return self->error_text;
}

void
yrs_screening_flow_set_consultation (YrsScreeningFlow *self,
                                     const char       *consultation)
{
  g_return_if_fail (YRS_IS_SCREENING_FLOW (self));

  g_free (self->consultation);
  self->consultation = g_strdup (consultation);
}

GListModel *
yrs_screening_flow_get_referrals (YrsScreeningFlow *self)
{
  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), NULL);
  return G_LIST_MODEL (self->referrals);
}

YrsRecordItem *
yrs_screening_flow_lookup_referral (YrsScreeningFlow *self,
                                    const char       *id)
{
  guint n;

  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->referrals));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->referrals), i);

      if (g_strcmp0 (yrs_record_item_get_id (item), id) == 0)
        return item;   /* the store keeps its reference */
    }
  return NULL;
}

JsonObject *
yrs_screening_flow_build (YrsScreeningFlow *self,
                          GError          **error)
{
  JsonObject *record;
  JsonArray *items;
  gboolean panel;

  g_return_val_if_fail (YRS_IS_SCREENING_FLOW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!yrs_epds_may_save (self->items, YRS_EPDS_N_ITEMS, self->acknowledged))
    {
      g_autofree char *message = NULL;

      self->show_errors = TRUE;
      notify (self, PROP_ERROR);
      message = dup_error (self);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  record = json_object_new ();
  if (self->consultation != NULL)
    json_object_set_string_member (record, "consultation", self->consultation);
  json_object_set_string_member (record, "instrument", "epds");
  json_object_set_string_member (record, "date", self->date);
  items = json_array_new ();
  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    json_array_add_int_element (items, self->items[i]);
  json_object_set_array_member (record, "items", items);
  panel = self->high || self->urgent;
  json_object_set_array_member (record, "offered",
                                panel ? yrs_record_items_to_json (G_LIST_MODEL (self->referrals), YRS_RECORD_ITEM_OFFERED)
                                      : json_array_new ());
  json_object_set_array_member (record, "chosen",
                                panel ? yrs_record_items_to_json (G_LIST_MODEL (self->referrals), YRS_RECORD_ITEM_CHOSEN)
                                      : json_array_new ());
  json_object_set_boolean_member (record, "urgent_acknowledged", self->acknowledged);
  if (self->show_errors)
    {
      self->show_errors = FALSE;
      notify (self, PROP_ERROR);
    }
  return record;
}
