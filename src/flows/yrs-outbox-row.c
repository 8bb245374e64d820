/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-outbox-row"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-api.h"
#include "yrs-i18n.h"
#include "yrs-outbox-row-private.h"
#include "yrs-submission.h"
#include "yrs-sync-messages.h"

struct _YrsOutboxRow
{
  GObject        parent_instance;

  YrsOutboxItem *item;
  gboolean       may_discard;   /* the owner is a staff member */
  YrsCatalog    *catalog;       /* for the programme's title; may be NULL */
};

G_DEFINE_FINAL_TYPE (YrsOutboxRow, yrs_outbox_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND,
  PROP_KIND_TEXT,
  PROP_CREATED_AT,
  PROP_CREATED_TEXT,
  PROP_TITLE,
  PROP_STATE,
  PROP_ICON_NAME,
  PROP_SENTENCE,
  PROP_REFERENCE,
  PROP_CAN_DISCARD,
  PROP_PROGRAMME_TEXT,
  PROP_FAMILY,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_outbox_row_finalize (GObject *object)
{
  YrsOutboxRow *self = YRS_OUTBOX_ROW (object);

  g_clear_pointer (&self->item, yrs_outbox_item_free);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_outbox_row_parent_class)->finalize (object);
}

static void
yrs_outbox_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsOutboxRow *self = YRS_OUTBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, yrs_outbox_row_get_key (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, yrs_outbox_row_get_kind (self));
      break;
    case PROP_KIND_TEXT:
      g_value_set_string (value, yrs_outbox_row_get_kind_text (self));
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, yrs_outbox_row_get_created_at (self));
      break;
    case PROP_CREATED_TEXT:
      g_value_take_string (value, yrs_outbox_row_dup_created_text (self));
      break;
    case PROP_PROGRAMME_TEXT:
      g_value_take_string (value, yrs_outbox_row_dup_programme_text (self));
      break;
    case PROP_FAMILY:
      g_value_take_string (value, yrs_outbox_row_dup_family (self));
      break;
    case PROP_DETAILS:
      g_value_take_string (value, yrs_outbox_row_dup_details (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, yrs_outbox_row_dup_title (self));
      break;
    case PROP_STATE:
      g_value_set_string (value, yrs_outbox_row_get_state (self));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, yrs_outbox_row_get_icon_name (self));
      break;
    case PROP_SENTENCE:
      g_value_take_string (value, yrs_outbox_row_dup_sentence (self));
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, yrs_outbox_row_get_reference (self));
      break;
    case PROP_CAN_DISCARD:
      g_value_set_boolean (value, yrs_outbox_row_get_can_discard (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_outbox_row_class_init (YrsOutboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_outbox_row_finalize;
  object_class->get_property = yrs_outbox_row_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_KIND_TEXT] = g_param_spec_string ("kind-text", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_TEXT] = g_param_spec_string ("created-text", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_SENTENCE] = g_param_spec_string ("sentence", NULL, NULL, NULL, flags);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_CAN_DISCARD] = g_param_spec_boolean ("can-discard", NULL, NULL, FALSE, flags);
  properties[PROP_PROGRAMME_TEXT] = g_param_spec_string ("programme-text", NULL, NULL, NULL, flags);
  properties[PROP_FAMILY] = g_param_spec_string ("family", NULL, NULL, NULL, flags);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_outbox_row_init (YrsOutboxRow *self)
{
}

YrsOutboxRow *
_yrs_outbox_row_new (const YrsOutboxItem *item,
                     gboolean             may_discard,
                     YrsCatalog          *catalog)
{
  YrsOutboxRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (YRS_TYPE_OUTBOX_ROW, NULL);
  self->item = yrs_outbox_item_copy (item);
  self->may_discard = may_discard;
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  return self;
}

const YrsOutboxItem *
_yrs_outbox_row_get_item (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return self->item;
}

/* What the sentence and icon depend on. */
static gboolean
same_answer (const YrsOutboxItem *a,
             const YrsOutboxItem *b)
{
  return a->state == b->state &&
         a->tries == b->tries &&
         g_strcmp0 (a->server_reference, b->server_reference) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->alternatives, b->alternatives) == 0 &&
         g_strcmp0 (a->last_error, b->last_error) == 0;
}

void
_yrs_outbox_row_update (YrsOutboxRow        *self,
                        const YrsOutboxItem *item)
{
  YrsOutboxItem *old;
  gboolean changed;

  g_return_if_fail (YRS_IS_OUTBOX_ROW (self));
  g_return_if_fail (item != NULL);
  g_return_if_fail (g_strcmp0 (item->idempotency_key, self->item->idempotency_key) == 0);

  old = g_steal_pointer (&self->item);
  self->item = yrs_outbox_item_copy (item);
  changed = !same_answer (old, item);

  if (changed)
    {
      g_object_freeze_notify (G_OBJECT (self));
      if (old->state != item->state)
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_DISCARD]);
        }
      if (old->state != item->state ||
          g_strcmp0 (old->server_reference, item->server_reference) != 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENTENCE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
      g_object_thaw_notify (G_OBJECT (self));
    }
  yrs_outbox_item_free (old);
}

const char *
yrs_outbox_row_get_key (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return self->item->idempotency_key;
}

const char *
yrs_outbox_row_get_kind (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return yrs_outbox_kind_to_string (self->item->kind);
}

const char *
yrs_outbox_row_get_kind_text (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  switch (self->item->kind)
    {
    case YRS_OUTBOX_KIND_APPLICATION:
      return _("Application");
    case YRS_OUTBOX_KIND_REGISTRATION:
      return _("Postpartum care registration");
    case YRS_OUTBOX_KIND_RESERVATION:
      return _("Postpartum care reservation");
    case YRS_OUTBOX_KIND_CANCELLATION:
      return _("Cancellation of a reservation");
    case YRS_OUTBOX_KIND_CONSULTATION:
      return _("Home visit consultation");
    case YRS_OUTBOX_KIND_SCREENING:
      return _("EPDS screening");
    case YRS_OUTBOX_KIND_CASE:
      return _("Family added for visits");
    case YRS_OUTBOX_KIND_DECISION:
      return _("Decision on a registration");
    default:
      return _("Submission");
    }
}

gint64
yrs_outbox_row_get_created_at (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), 0);

  return self->item->created_at;
}

char *
yrs_outbox_row_dup_created_text (YrsOutboxRow *self)
{
  g_autoptr(GDateTime) created = NULL;

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  created = g_date_time_new_from_unix_local (self->item->created_at / G_USEC_PER_SEC);
  return g_date_time_format (created, "%Y-%m-%d %H:%M");
}

char *
yrs_outbox_row_dup_title (YrsOutboxRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *programme = NULL;
  g_autofree char *family = NULL;
  char *title;

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  when = yrs_outbox_row_dup_created_text (self);
  programme = yrs_outbox_row_dup_programme_text (self);
  family = yrs_outbox_row_dup_family (self);
  /* "Application · Pregnancy support payment · 寄添 花子 · 2025-06-01
   * 10:00": what for and which family, at a glance. */
  title = g_strdup (yrs_outbox_row_get_kind_text (self));
  for (guint i = 0; i < 3; i++)
    {
      const char *part = i == 0 ? programme : i == 1 ? family : when;
      char *longer;

      if (part == NULL)
        continue;
      /* Translators: "Application · 2025-06-01 10:00" */
      longer = g_strdup_printf (_("%s · %s"), title, part);
      g_free (title);
      title = longer;
    }
  return title;
}

static JsonObject *
payload_object (YrsOutboxRow *self,
                JsonNode    **root)
{
  if (self->item->payload == NULL)
    return NULL;
  *root = yrs_api_parse (self->item->payload, -1, NULL);
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    return NULL;
  return json_node_get_object (*root);
}

char *
yrs_outbox_row_dup_programme_text (YrsOutboxRow *self)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *id;
  const YrsProgramme *programme;

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  if (self->item->kind != YRS_OUTBOX_KIND_APPLICATION ||
      (object = payload_object (self, &root)) == NULL ||
      (id = json_object_get_string_member_with_default (object, "programme", NULL)) == NULL)
    return NULL;
  programme = self->catalog != NULL ? yrs_catalog_lookup_programme (self->catalog, id) : NULL;
  return g_strdup (programme != NULL ? yrs_programme_get_title (programme, yrs_i18n_get_lang ()) : id);
}

char *
yrs_outbox_row_dup_family (YrsOutboxRow *self)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *name = NULL;

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  /* Staff only: a kiosk's model has no rows at all. */
  if (!self->may_discard || (object = payload_object (self, &root)) == NULL)
    return NULL;
  if (json_object_has_member (object, "fields") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "fields")))
    name = json_object_get_string_member_with_default (json_object_get_object_member (object, "fields"),
                                                       "applicant.name", NULL);
  else
    name = json_object_get_string_member_with_default (object, "name", NULL);
  return name != NULL && *name != '\0' ? g_strdup (name) : NULL;
}

char *
yrs_outbox_row_dup_details (YrsOutboxRow *self)
{
  g_autofree char *sentence = NULL;
  g_autofree char *temporary = NULL;

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  sentence = yrs_outbox_row_dup_sentence (self);
  if (self->item->state != YRS_OUTBOX_STATE_QUEUED && self->item->state != YRS_OUTBOX_STATE_SENDING)
    return g_steal_pointer (&sentence);
  temporary = yrs_submission_format_device_reference (self->item->idempotency_key);
  /* Translators: %s is the temporary number on the family's receipt, "D-1A2B-3C4D" */
  return g_strdup_printf (_("%s\nTemporary number on the receipt: %s. The city's number will show here once it is received."),
                          sentence, temporary);
}

const char *
yrs_outbox_row_get_state (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return yrs_outbox_state_to_string (self->item->state);
}

const char *
yrs_outbox_row_get_icon_name (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  switch (self->item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
      return "document-send-symbolic";
    case YRS_OUTBOX_STATE_SENDING:
      return "emblem-synchronizing-symbolic";
    case YRS_OUTBOX_STATE_ACCEPTED:
      return "emblem-ok-symbolic";
    case YRS_OUTBOX_STATE_REJECTED:
    case YRS_OUTBOX_STATE_CONFLICT:
    case YRS_OUTBOX_STATE_ANY:
    default:
      return "dialog-warning-symbolic";
    }
}

char *
yrs_outbox_row_dup_sentence (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return yrs_sync_describe_outbox_item (self->item);
}

const char *
yrs_outbox_row_get_reference (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  return self->item->state == YRS_OUTBOX_STATE_ACCEPTED ? self->item->server_reference : NULL;
}

gboolean
yrs_outbox_row_get_can_discard (YrsOutboxRow *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), FALSE);

  return self->may_discard &&
         (self->item->state == YRS_OUTBOX_STATE_REJECTED ||
          self->item->state == YRS_OUTBOX_STATE_CONFLICT);
}
