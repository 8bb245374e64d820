/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-status.h"

/* What the engine said last: the properties are derived from it, and
 * notified when the derived value changes. */
typedef struct
{
  YrsSyncState  state;
  guint         pending;
  guint         failed;
  gint64        last_success;
  char         *last_error;
} Snapshot;

struct _YrsSyncStatus
{
  GObject        parent_instance;

  YrsSyncEngine *engine;
  Snapshot       now;
};

G_DEFINE_FINAL_TYPE (YrsSyncStatus, yrs_sync_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_STATE,
  PROP_TEXT,
  PROP_ICON_NAME,
  PROP_SEVERITY,
  PROP_TOOLTIP,
  PROP_LAST_ERROR,
  PROP_LAST_ERROR_TEXT,
  PROP_PENDING,
  PROP_FAILED,
  PROP_LAST_SUCCESS,
  PROP_LAST_SUCCESS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The words the header's indicator, the outbox page and the settings
 * share (were yrs_sync_describe() in the indicator). */
static char *
describe (const Snapshot  *s,
          const char     **icon_name)
{
  const char *icon;
  char *text;

  switch (s->state)
    {
    case YRS_SYNC_STATE_SYNCING:
      icon = "emblem-synchronizing-symbolic";
      text = g_strdup (_("Syncing…"));
      break;

    case YRS_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      if (s->pending > 0)
        text = g_strdup_printf (ngettext ("Offline: %u waiting", "Offline: %u waiting", s->pending), s->pending);
      else
        text = g_strdup (_("Offline"));
      break;

    case YRS_SYNC_STATE_ERROR:
      icon = "dialog-warning-symbolic";
      text = g_strdup (_("Sync error"));
      break;

    case YRS_SYNC_STATE_IDLE:
    default:
      if (s->failed > 0)
        {
          icon = "dialog-warning-symbolic";
          text = g_strdup_printf (ngettext ("%u failed", "%u failed", s->failed), s->failed);
        }
      else if (s->pending > 0)
        {
          icon = "document-send-symbolic";
          text = g_strdup_printf (ngettext ("%u waiting to send", "%u waiting to send", s->pending), s->pending);
        }
      else
        {
          icon = "emblem-ok-symbolic";
          text = g_strdup (_("Synced"));
        }
      break;
    }

  if (icon_name != NULL)
    *icon_name = icon;
  return text;
}

static const char *
severity (const Snapshot *s)
{
  if (s->state == YRS_SYNC_STATE_ERROR || s->failed > 0)
    return "error";
  if (s->state == YRS_SYNC_STATE_OFFLINE)
    return "warning";
  return "ok";
}

static void
take_snapshot (YrsSyncEngine *engine,
               Snapshot      *s)
{
  s->state = yrs_sync_engine_get_state (engine);
  s->pending = yrs_sync_engine_get_pending (engine);
  s->failed = yrs_sync_engine_get_failed (engine);
  s->last_success = yrs_sync_engine_get_last_success (engine);
  g_free (s->last_error);
  s->last_error = g_strdup (yrs_sync_engine_get_last_error (engine));
}

static void
on_engine_notify (YrsSyncStatus *self,
                  GParamSpec    *pspec,
                  YrsSyncEngine *engine)
{
  Snapshot before = self->now;
  g_autofree char *text_before = NULL;
  g_autofree char *text_after = NULL;
  const char *icon_before = NULL;
  const char *icon_after = NULL;
  GObject *object = G_OBJECT (self);

  text_before = describe (&before, &icon_before);
  self->now.last_error = NULL;
  take_snapshot (engine, &self->now);
  text_after = describe (&self->now, &icon_after);

  g_object_freeze_notify (object);
  if (before.state != self->now.state)
    g_object_notify_by_pspec (object, properties[PROP_STATE]);
  if (g_strcmp0 (text_before, text_after) != 0)
    g_object_notify_by_pspec (object, properties[PROP_TEXT]);
  if (g_strcmp0 (icon_before, icon_after) != 0)
    g_object_notify_by_pspec (object, properties[PROP_ICON_NAME]);
  if (g_strcmp0 (severity (&before), severity (&self->now)) != 0)
    g_object_notify_by_pspec (object, properties[PROP_SEVERITY]);
  if (g_strcmp0 (before.last_error, self->now.last_error) != 0)
    {
      g_object_notify_by_pspec (object, properties[PROP_LAST_ERROR]);
      g_object_notify_by_pspec (object, properties[PROP_LAST_ERROR_TEXT]);
      g_object_notify_by_pspec (object, properties[PROP_TOOLTIP]);
    }
  if (before.pending != self->now.pending)
    g_object_notify_by_pspec (object, properties[PROP_PENDING]);
  if (before.failed != self->now.failed)
    g_object_notify_by_pspec (object, properties[PROP_FAILED]);
  if (before.last_success != self->now.last_success)
    {
      g_object_notify_by_pspec (object, properties[PROP_LAST_SUCCESS]);
      g_object_notify_by_pspec (object, properties[PROP_LAST_SUCCESS_TEXT]);
    }
  g_object_thaw_notify (object);

  g_free (before.last_error);
}

static void
yrs_sync_status_dispose (GObject *object)
{
  YrsSyncStatus *self = YRS_SYNC_STATUS (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (yrs_sync_status_parent_class)->dispose (object);
}

static void
yrs_sync_status_finalize (GObject *object)
{
  YrsSyncStatus *self = YRS_SYNC_STATUS (object);

  g_clear_pointer (&self->now.last_error, g_free);

  G_OBJECT_CLASS (yrs_sync_status_parent_class)->finalize (object);
}

static void
yrs_sync_status_constructed (GObject *object)
{
  YrsSyncStatus *self = YRS_SYNC_STATUS (object);

  G_OBJECT_CLASS (yrs_sync_status_parent_class)->constructed (object);

  g_assert (self->engine != NULL);
  take_snapshot (self->engine, &self->now);
  g_signal_connect_object (self->engine, "notify",
                           G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
  /* Its words are made when read: a language switch has them read again
   * at once, not at the engine's next change. */
  yrs_i18n_follow (self, "text", "tooltip", "last-error-text", "last-success-text", NULL);
}

static void
yrs_sync_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsSyncStatus *self = YRS_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_STATE:
      g_value_set_string (value, yrs_sync_status_get_state (self));
      break;
    case PROP_TEXT:
      g_value_take_string (value, yrs_sync_status_dup_text (self));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, yrs_sync_status_get_icon_name (self));
      break;
    case PROP_SEVERITY:
      g_value_set_string (value, yrs_sync_status_get_severity (self));
      break;
    case PROP_TOOLTIP:
      g_value_take_string (value, yrs_sync_status_dup_tooltip (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, yrs_sync_status_get_last_error (self));
      break;
    case PROP_LAST_ERROR_TEXT:
      g_value_take_string (value, yrs_sync_status_dup_last_error_text (self));
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->now.pending);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->now.failed);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->now.last_success);
      break;
    case PROP_LAST_SUCCESS_TEXT:
      g_value_take_string (value, yrs_sync_status_dup_last_success_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sync_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsSyncStatus *self = YRS_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sync_status_class_init (YrsSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = yrs_sync_status_constructed;
  object_class->dispose = yrs_sync_status_dispose;
  object_class->finalize = yrs_sync_status_finalize;
  object_class->get_property = yrs_sync_status_get_property;
  object_class->set_property = yrs_sync_status_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, YRS_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "idle", flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_string ("severity", NULL, NULL, "ok", flags);
  properties[PROP_TOOLTIP] = g_param_spec_string ("tooltip", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR_TEXT] = g_param_spec_string ("last-error-text", NULL, NULL, NULL, flags);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_SUCCESS_TEXT] = g_param_spec_string ("last-success-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_sync_status_init (YrsSyncStatus *self)
{
}

YrsSyncStatus *
yrs_sync_status_new (YrsSyncEngine *engine)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (engine), NULL);

  return g_object_new (YRS_TYPE_SYNC_STATUS, "engine", engine, NULL);
}

const char *
yrs_sync_status_get_state (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  /* The enum's nicks: "idle", "syncing", "offline", "error". */
  GEnumValue *value = g_enum_get_value (g_type_class_peek (YRS_TYPE_SYNC_STATE), self->now.state);

  return value != NULL ? value->value_nick : NULL;
}

char *
yrs_sync_status_dup_text (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  return describe (&self->now, NULL);
}

const char *
yrs_sync_status_get_icon_name (YrsSyncStatus *self)
{
  const char *icon = NULL;

  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  g_free (describe (&self->now, &icon));
  return icon;
}

const char *
yrs_sync_status_get_severity (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  return severity (&self->now);
}

char *
yrs_sync_status_dup_tooltip (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  if (self->now.last_error != NULL)
    return g_strdup (self->now.last_error);
  return g_strdup (_("Outbox: what is waiting to be sent"));
}

const char *
yrs_sync_status_get_last_error (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  return self->now.last_error;
}

char *
yrs_sync_status_dup_last_error_text (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  if (self->now.last_error != NULL)
    return g_strdup (self->now.last_error);
  return g_strdup (_("None"));
}

guint
yrs_sync_status_get_pending (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), 0);

  return self->now.pending;
}

guint
yrs_sync_status_get_failed (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), 0);

  return self->now.failed;
}

gint64
yrs_sync_status_get_last_success (YrsSyncStatus *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), 0);

  return self->now.last_success;
}

char *
yrs_sync_status_dup_last_success_text (YrsSyncStatus *self)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (YRS_IS_SYNC_STATUS (self), NULL);

  if (self->now.last_success <= 0)
    return g_strdup (_("Never"));
  time = g_date_time_new_from_unix_local (self->now.last_success / G_USEC_PER_SEC);
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

void
yrs_sync_status_kick (YrsSyncStatus *self)
{
  g_return_if_fail (YRS_IS_SYNC_STATUS (self));

  yrs_sync_engine_kick (self->engine);
}
