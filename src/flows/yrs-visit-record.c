/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-record"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yrs-consultation.h"
#include "yrs-date.h"
#include "yrs-epds.h"
#include "yrs-i18n.h"
#include "yrs-visit-record.h"

struct _YrsVisitRecord
{
  GObject     parent_instance;

  char       *kind;
  char       *id;
  char       *date;
  JsonObject *record;
  YrsCatalog *catalog;
  gboolean    local;
  gboolean    pending;
};

G_DEFINE_FINAL_TYPE (YrsVisitRecord, yrs_visit_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_DATE,
  PROP_LOCAL,
  PROP_PENDING,
  PROP_URGENT,
  PROP_HIGH,
  PROP_TITLE,
  PROP_DETAILS,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_visit_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsVisitRecord *self = YRS_VISIT_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_LOCAL:
      g_value_set_boolean (value, self->local);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    case PROP_URGENT:
      g_value_set_boolean (value, yrs_visit_record_get_urgent (self));
      break;
    case PROP_HIGH:
      g_value_set_boolean (value, yrs_visit_record_get_high (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, yrs_visit_record_dup_title (self));
      break;
    case PROP_DETAILS:
      g_value_take_string (value, yrs_visit_record_dup_details (self));
      break;
    case PROP_STATUS:
      g_value_take_string (value, yrs_visit_record_dup_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_visit_record_finalize (GObject *object)
{
  YrsVisitRecord *self = YRS_VISIT_RECORD (object);

  g_free (self->kind);
  g_free (self->id);
  g_free (self->date);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_visit_record_parent_class)->finalize (object);
}

static void
yrs_visit_record_class_init (YrsVisitRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_visit_record_get_property;
  object_class->finalize = yrs_visit_record_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, RO);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, RO);
  properties[PROP_LOCAL] = g_param_spec_boolean ("local", NULL, NULL, FALSE, RO);
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, RO);
  properties[PROP_URGENT] = g_param_spec_boolean ("urgent", NULL, NULL, FALSE, RO);
  properties[PROP_HIGH] = g_param_spec_boolean ("high", NULL, NULL, FALSE, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, RO);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_visit_record_init (YrsVisitRecord *self)
{
}

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

YrsVisitRecord *
yrs_visit_record_new (const char *kind,
                      JsonObject *record,
                      YrsCatalog *catalog,
                      gboolean    local,
                      gboolean    pending)
{
  YrsVisitRecord *self;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (YRS_TYPE_VISIT_RECORD, NULL);
  self->kind = g_strdup (kind);
  self->record = json_object_ref (record);
  self->id = g_strdup (member (record, "id"));
  self->date = g_strdup (member (record, "date"));
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->local = local;
  self->pending = local && pending;
  return self;
}

#define GETTER(field) \
const char * \
yrs_visit_record_get_##field (YrsVisitRecord *self) \
{ \
  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), NULL); \
  return self->field; \
}

GETTER (kind)
GETTER (id)
GETTER (date)
#undef GETTER

gboolean
yrs_visit_record_get_local (YrsVisitRecord *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), FALSE);
  return self->local;
}

gboolean
yrs_visit_record_get_pending (YrsVisitRecord *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), FALSE);
  return self->pending;
}

static gboolean
is_screening (YrsVisitRecord *self)
{
  return g_strcmp0 (self->kind, "screening") == 0;
}

/* The EPDS items as numbers (a record saved here has no total yet);
 * FALSE when it has none. */
static gboolean
get_items (YrsVisitRecord *self,
           int             items[YRS_EPDS_N_ITEMS])
{
  JsonNode *node = json_object_get_member (self->record, "items");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != YRS_EPDS_N_ITEMS)
    return FALSE;
  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64)
        return FALSE;
      items[i] = (int) json_node_get_int (item);
    }
  return TRUE;
}

/* total, high, urgent: the city's when it gave them, else counted from
 * the items (a record saved on this tablet). */
static gboolean
screening_result (YrsVisitRecord *self,
                  YrsEpdsResult  *result)
{
  int items[YRS_EPDS_N_ITEMS];

  if (json_object_has_member (self->record, "total"))
    {
      result->total = (int) json_object_get_int_member_with_default (self->record, "total", 0);
      result->offer_support = g_strcmp0 (member (self->record, "level"), "high") == 0;
      result->urgent = json_object_get_boolean_member_with_default (self->record, "urgent", FALSE);
      return TRUE;
    }
  return get_items (self, items) && yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, result, NULL);
}

gboolean
yrs_visit_record_get_urgent (YrsVisitRecord *self)
{
  YrsEpdsResult result = { 0 };

  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), FALSE);
  return is_screening (self) && screening_result (self, &result) && result.urgent;
}

gboolean
yrs_visit_record_get_high (YrsVisitRecord *self)
{
  YrsEpdsResult result = { 0 };

  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), FALSE);
  return is_screening (self) && screening_result (self, &result) && result.offer_support;
}

static char *
format_date (const char *iso)
{
  YrsDate date;

  if (iso == NULL || !yrs_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso != NULL ? iso : "");
  return yrs_date_format (date, yrs_i18n_get_lang ());
}

char *
yrs_visit_record_dup_title (YrsVisitRecord *self)
{
  g_autofree char *date = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), NULL);

  date = format_date (self->date);
  if (is_screening (self))
    /* Translators: the EPDS (Edinburgh Postnatal Depression Scale) screening, in a family's history */
    what = g_strdup (_("EPDS screening"));
  else
    {
      YrsConsultationKind kind;

      if (yrs_consultation_kind_from_string (member (self->record, "kind"), &kind))
        /* Translators: a consultation in a family's history, with which one it was ("At 8 months of pregnancy") */
        what = g_strdup_printf (_("Consultation: %s"), yrs_consultation_kind_get_label (kind));
      else
        what = g_strdup (_("Consultation"));
    }
  /* Translators: a record in a family's history: its date, then what it was */
  return g_strdup_printf (_("%s · %s"), date, what);
}

/* The labels of a list of ids, joined. */
static char *
join_labels (YrsVisitRecord *self,
             const char     *name,
             const char *  (*label_of) (YrsVisitRecord *, const char *))
{
  JsonNode *node = json_object_get_member (self->record, name);
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (item);
      if (text->len > 0)
        /* Translators: between the items of a list in a family's history */
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, label_of (self, id));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const char *
topic_label (YrsVisitRecord *self,
             const char     *id)
{
  const char *label = yrs_consultation_topic_get_label (id);

  return label != NULL ? label : id;
}

static const char *
present_label (YrsVisitRecord *self,
               const char     *id)
{
  const char *label = yrs_consultation_present_get_label (id);

  return label != NULL ? label : id;
}

static const char *
programme_label (YrsVisitRecord *self,
                 const char     *id)
{
  const YrsProgramme *p = self->catalog != NULL ? yrs_catalog_lookup_programme (self->catalog, id) : NULL;
  const char *label = p != NULL ? yrs_programme_get_title (p, yrs_i18n_get_lang ()) : NULL;

  return label != NULL ? label : id;
}

/* A line "format" with value, when there is a value. */
#define add_line(text, format, value)                                       \
  G_STMT_START {                                                            \
    const char *line_value = (value);                                       \
                                                                            \
    if (line_value != NULL && *line_value != '\0')                          \
      {                                                                     \
        if ((text)->len > 0)                                                \
          g_string_append_c ((text), '\n');                                 \
        g_string_append_printf ((text), (format), line_value);              \
      }                                                                     \
  } G_STMT_END

static char *
consultation_details (YrsVisitRecord *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *present = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *programmes = NULL;
  JsonNode *follow_node = json_object_get_member (self->record, "follow_up");
  JsonObject *follow_up = follow_node != NULL && JSON_NODE_HOLDS_OBJECT (follow_node)
                          ? json_node_get_object (follow_node) : NULL;
  YrsConsultationPlace place;
  YrsFollowUpKind follow_kind;

  if (!yrs_consultation_place_from_string (member (self->record, "place"), &place))
    return g_strdup (_("The city no longer keeps this record's contents."));

  /* Translators: a line of a consultation record in a family's history */
  add_line (text, _("Place: %s"), yrs_consultation_place_get_label (place));
  present = join_labels (self, "present", present_label);
  /* Translators: a line of a consultation record in a family's history */
  add_line (text, _("Present: %s"), present);
  topics = join_labels (self, "topics", topic_label);
  /* Translators: a line of a consultation record in a family's history */
  add_line (text, _("Topics: %s"), topics);
  programmes = join_labels (self, "programmes_explained", programme_label);
  /* Translators: a line of a consultation record in a family's history */
  add_line (text, _("Programmes explained: %s"), programmes);
  if (follow_up != NULL && yrs_follow_up_kind_from_string (member (follow_up, "kind"), &follow_kind))
    {
      g_autofree char *value = NULL;

      if (member (follow_up, "date") != NULL)
        {
          g_autofree char *date = format_date (member (follow_up, "date"));

          /* Translators: a follow-up in a family's history: its kind ("Phone call"), then its date */
          value = g_strdup_printf (_("%s on %s"), yrs_follow_up_kind_get_label (follow_kind), date);
        }
      else
        value = g_strdup (yrs_follow_up_kind_get_label (follow_kind));
      /* Translators: a line of a consultation record in a family's history */
      add_line (text, _("Follow-up: %s"), value);
    }
  /* Translators: a line of a consultation record in a family's history: the nurse's free notes */
  add_line (text, _("Notes: %s"), member (self->record, "notes"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
screening_details (YrsVisitRecord *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *chosen = NULL;
  YrsEpdsResult result = { 0 };

  if (!screening_result (self, &result))
    return g_strdup (_("The city no longer keeps this record's contents."));

  /* Translators: the EPDS total in a family's history, e.g. "Total: 12 of 30 points" */
  total = g_strdup_printf (_("Total: %d of 30 points"), result.total);
  g_string_append (text, total);
  g_string_append_c (text, '\n');
  g_string_append (text, result.offer_support
                   /* Translators: the EPDS total reached the line (9) at which support is offered; never a diagnosis */
                   ? _("At or above the 9-point line: support offered")
                   /* Translators: the EPDS total stayed under the line (9) at which support is offered */
                   : _("Under the 9-point line"));
  if (result.urgent)
    {
      g_string_append_c (text, '\n');
      /* Translators: EPDS item 10 (thoughts of self-harm) scored above 0 */
      g_string_append (text, _("Urgent: item 10 above 0"));
    }
  offered = join_labels (self, "offered", programme_label);
  /* Translators: a line of an EPDS record in a family's history: the support offered */
  add_line (text, _("Offered: %s"), offered);
  chosen = join_labels (self, "chosen", programme_label);
  /* Translators: a line of an EPDS record in a family's history: what the mother chose */
  add_line (text, _("She chose: %s"), chosen);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
yrs_visit_record_dup_details (YrsVisitRecord *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), NULL);
  return is_screening (self) ? screening_details (self) : consultation_details (self);
}

char *
yrs_visit_record_dup_status (YrsVisitRecord *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_RECORD (self), NULL);

  if (self->pending)
    /* Translators: a record saved on this tablet, still waiting in the outbox */
    return g_strdup (_("Not yet sent to the city"));
  if (self->local)
    /* Translators: a record saved on this tablet, now received by the city */
    return g_strdup (_("Sent to the city"));
  return g_strdup ("");
}

int
yrs_visit_record_compare (gconstpointer a,
                          gconstpointer b)
{
  YrsVisitRecord *ra = *(YrsVisitRecord **) a;
  YrsVisitRecord *rb = *(YrsVisitRecord **) b;
  int c = g_strcmp0 (rb->date, ra->date);

  if (c != 0)
    return c;
  if (ra->local != rb->local)
    return ra->local ? -1 : 1;
  if (g_strcmp0 (ra->kind, rb->kind) != 0)
    return is_screening (ra) ? 1 : -1;
  return 0;
}
