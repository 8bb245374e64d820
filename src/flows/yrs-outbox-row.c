/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-outbox-row"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-outbox-row-private.h"
#include "yrs-sync-messages.h"

struct _YrsOutboxRow
{
  GObject        parent_instance;

  YrsOutboxItem *item;
  gboolean       may_discard;   /* the owner is a staff member */
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_outbox_row_finalize (GObject *object)
{
  YrsOutboxRow *self = YRS_OUTBOX_ROW (object);

  g_clear_pointer (&self->item, yrs_outbox_item_free);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_outbox_row_init (YrsOutboxRow *self)
{
}

YrsOutboxRow *
_yrs_outbox_row_new (const YrsOutboxItem *item,
                     gboolean             may_discard)
{
  YrsOutboxRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (YRS_TYPE_OUTBOX_ROW, NULL);
  self->item = yrs_outbox_item_copy (item);
  self->may_discard = may_discard;
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

  g_return_val_if_fail (YRS_IS_OUTBOX_ROW (self), NULL);

  when = yrs_outbox_row_dup_created_text (self);
  /* Translators: "Application · 2025-06-01 10:00" */
  return g_strdup_printf (_("%s · %s"), yrs_outbox_row_get_kind_text (self), when);
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
