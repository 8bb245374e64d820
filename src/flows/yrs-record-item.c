/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-record-item"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yrs-consultation.h"
#include "yrs-i18n.h"
#include "yrs-record-item.h"

struct _YrsRecordItem
{
  GObject            parent_instance;

  YrsRecordItemKind  kind;
  char              *id;
  YrsCatalog        *catalog;
  YrsResultItem     *result;
  gboolean           active;
  gboolean           offered;
  gboolean           chosen;
  gboolean           sample;
  gboolean           can_register;
};

G_DEFINE_FINAL_TYPE (YrsRecordItem, yrs_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DETAIL,
  PROP_ACTIVE,
  PROP_OFFERED,
  PROP_CHOSEN,
  PROP_SAMPLE,
  PROP_CAN_REGISTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_record_item_finalize (GObject *object)
{
  YrsRecordItem *self = YRS_RECORD_ITEM (object);

  g_free (self->id);
  g_clear_object (&self->result);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_record_item_parent_class)->finalize (object);
}

static void
yrs_record_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsRecordItem *self = YRS_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, yrs_record_item_get_label (self));
      break;
    case PROP_DETAIL:
      g_value_take_string (value, yrs_record_item_dup_detail (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_OFFERED:
      g_value_set_boolean (value, self->offered);
      break;
    case PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    case PROP_SAMPLE:
      g_value_set_boolean (value, self->sample);
      break;
    case PROP_CAN_REGISTER:
      g_value_set_boolean (value, self->can_register);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_record_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsRecordItem *self = YRS_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      yrs_record_item_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_OFFERED:
      yrs_record_item_set_offered (self, g_value_get_boolean (value));
      break;
    case PROP_CHOSEN:
      yrs_record_item_set_chosen (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_record_item_class_init (YrsRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_record_item_finalize;
  object_class->get_property = yrs_record_item_get_property;
  object_class->set_property = yrs_record_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OFFERED] =
    g_param_spec_boolean ("offered", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SAMPLE] =
    g_param_spec_boolean ("sample", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REGISTER] =
    g_param_spec_boolean ("can-register", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_record_item_init (YrsRecordItem *self)
{
}

YrsRecordItem *
yrs_record_item_new (YrsRecordItemKind  kind,
                     const char        *id,
                     YrsCatalog        *catalog)
{
  YrsRecordItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (kind != YRS_RECORD_ITEM_PROGRAMME || YRS_IS_CATALOG (catalog), NULL);

  self = g_object_new (YRS_TYPE_RECORD_ITEM, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  return self;
}

const char *
yrs_record_item_get_id (YrsRecordItem *self)
{
  g_return_val_if_fail (YRS_IS_RECORD_ITEM (self), NULL);
  return self->id;
}

const char *
yrs_record_item_get_label (YrsRecordItem *self)
{
  const char *label = NULL;

  g_return_val_if_fail (YRS_IS_RECORD_ITEM (self), NULL);

  switch (self->kind)
    {
    case YRS_RECORD_ITEM_TOPIC:
      label = yrs_consultation_topic_get_label (self->id);
      break;
    case YRS_RECORD_ITEM_PRESENT:
      label = yrs_consultation_present_get_label (self->id);
      break;
    case YRS_RECORD_ITEM_PROGRAMME:
      {
        const YrsProgramme *p = yrs_catalog_lookup_programme (self->catalog, self->id);

        if (p != NULL)
          label = yrs_programme_get_title (p, yrs_i18n_get_lang ());
      }
      break;
    default:
      break;
    }
  return label != NULL ? label : self->id;
}

/* What the engine still needs to decide, as the questions to ask in the
 * catalogue's own wording ("To ask: Do you feel you need support…?"):
 * a nurse in front of the mother asks them; NULL when nothing is
 * missing. */
static char *
dup_questions_to_ask (YrsRecordItem *self)
{
  const YrsResult *result = yrs_result_item_get_result (self->result);
  g_autoptr(GString) questions = NULL;
  YrsLang lang = yrs_i18n_get_lang ();

  if (result == NULL || result->status != YRS_STATUS_NEEDS_ANSWERS ||
      result->n_missing == 0 || self->catalog == NULL)
    return NULL;
  questions = g_string_new (NULL);
  for (guint i = 0; i < result->n_missing; i++)
    {
      const YrsQuestion *question = yrs_catalog_lookup_question (self->catalog, result->missing[i]);
      const char *text = question != NULL ? yrs_question_get_text (question, lang) : NULL;

      if (text == NULL || *text == '\0')
        continue;
      if (questions->len > 0)
        /* Translators: between two questions the nurse still has to ask */
        g_string_append (questions, _(" / "));
      g_string_append (questions, text);
    }
  if (questions->len == 0)
    return NULL;
  /* Translators: a referral's status when the engine needs answers:
   * the nurse asks these questions, in the catalogue's wording ("To ask:
   * Do you feel you need support with your health, the housework or the
   * baby?") */
  return g_strdup_printf (_("To ask: %s"), questions->str);
}

char *
yrs_record_item_dup_detail (YrsRecordItem *self)
{
  g_autofree char *status = NULL;
  g_autofree char *figure = NULL;

  g_return_val_if_fail (YRS_IS_RECORD_ITEM (self), NULL);

  if (self->result == NULL)
    return g_strdup ("");
  status = dup_questions_to_ask (self);
  if (status == NULL)
    status = yrs_result_item_dup_status_text (self->result);
  figure = yrs_result_item_dup_figure (self->result);
  if (figure == NULL || *figure == '\0')
    return g_steal_pointer (&status);
  /* Translators: a programme's status and figure on one line, as "Eligible · ¥2,500 off per use" */
  return g_strdup_printf (_("%s · %s"), status, figure);
}

void
yrs_record_item_set_result (YrsRecordItem *self,
                            YrsResultItem *result)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));

  if (!g_set_object (&self->result, result))
    return;
  if (result != NULL)
    self->sample = yrs_result_item_get_sample (result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

YrsResultItem *
yrs_record_item_get_result (YrsRecordItem *self)
{
  g_return_val_if_fail (YRS_IS_RECORD_ITEM (self), NULL);
  return self->result;
}

#define DEFINE_FLAG(name, NAME)                                                 \
gboolean                                                                        \
yrs_record_item_get_##name (YrsRecordItem *self)                                \
{                                                                               \
  g_return_val_if_fail (YRS_IS_RECORD_ITEM (self), FALSE);                      \
  return self->name;                                                            \
}

DEFINE_FLAG (active, ACTIVE)
DEFINE_FLAG (offered, OFFERED)
DEFINE_FLAG (chosen, CHOSEN)
DEFINE_FLAG (sample, SAMPLE)
DEFINE_FLAG (can_register, CAN_REGISTER)

static void
set_flag (YrsRecordItem *self,
          gboolean      *field,
          gboolean       value,
          guint          prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
yrs_record_item_set_active (YrsRecordItem *self,
                            gboolean       active)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));
  set_flag (self, &self->active, active, PROP_ACTIVE);
}

/* What the mother chose was offered to her: ticking "chosen" ticks
 * "offered", and taking back the offer takes back the choice. */
void
yrs_record_item_set_offered (YrsRecordItem *self,
                             gboolean       offered)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_flag (self, &self->offered, offered, PROP_OFFERED);
  if (!offered)
    set_flag (self, &self->chosen, FALSE, PROP_CHOSEN);
  g_object_thaw_notify (G_OBJECT (self));
}

void
yrs_record_item_set_chosen (YrsRecordItem *self,
                            gboolean       chosen)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_flag (self, &self->chosen, chosen, PROP_CHOSEN);
  if (chosen)
    set_flag (self, &self->offered, TRUE, PROP_OFFERED);
  g_object_thaw_notify (G_OBJECT (self));
}

void
yrs_record_item_set_sample (YrsRecordItem *self,
                            gboolean       sample)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));
  set_flag (self, &self->sample, sample, PROP_SAMPLE);
}

void
yrs_record_item_set_can_register (YrsRecordItem *self,
                                  gboolean       can_register)
{
  g_return_if_fail (YRS_IS_RECORD_ITEM (self));
  set_flag (self, &self->can_register, can_register, PROP_CAN_REGISTER);
}

static gboolean
has_flag (YrsRecordItem     *item,
          YrsRecordItemFlag  flag)
{
  switch (flag)
    {
    case YRS_RECORD_ITEM_ACTIVE:
      return item->active;
    case YRS_RECORD_ITEM_OFFERED:
      return item->offered;
    case YRS_RECORD_ITEM_CHOSEN:
      return item->chosen;
    default:
      return FALSE;
    }
}

JsonArray *
yrs_record_items_to_json (GListModel        *model,
                          YrsRecordItemFlag  flag)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsRecordItem) item = g_list_model_get_item (model, i);

      if (has_flag (item, flag))
        json_array_add_string_element (array, item->id);
    }
  return array;
}

guint
yrs_record_items_count (GListModel        *model,
                        YrsRecordItemFlag  flag)
{
  guint n = g_list_model_get_n_items (model), count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsRecordItem) item = g_list_model_get_item (model, i);

      if (has_flag (item, flag))
        count++;
    }
  return count;
}
