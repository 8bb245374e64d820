/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-sync-indicator.h"

struct _YrsSyncIndicator
{
  GtkWidget      parent_instance;

  YrsSyncEngine *engine;

  /* template children */
  GtkButton     *button;
  GtkImage      *icon;
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (YrsSyncIndicator, yrs_sync_indicator, GTK_TYPE_WIDGET)

char *
yrs_sync_describe (YrsSyncEngine  *engine,
                   const char    **icon_name)
{
  guint pending = yrs_sync_engine_get_pending (engine);
  guint failed = yrs_sync_engine_get_failed (engine);
  const char *icon;
  char *text;

  switch (yrs_sync_engine_get_state (engine))
    {
    case YRS_SYNC_STATE_SYNCING:
      icon = "emblem-synchronizing-symbolic";
      text = g_strdup (_("Syncing…"));
      break;

    case YRS_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      if (pending > 0)
        text = g_strdup_printf (ngettext ("Offline: %u waiting", "Offline: %u waiting", pending), pending);
      else
        text = g_strdup (_("Offline"));
      break;

    case YRS_SYNC_STATE_ERROR:
      icon = "dialog-warning-symbolic";
      text = g_strdup (_("Sync error"));
      break;

    case YRS_SYNC_STATE_IDLE:
    default:
      if (failed > 0)
        {
          icon = "dialog-warning-symbolic";
          text = g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);
        }
      else if (pending > 0)
        {
          icon = "document-send-symbolic";
          text = g_strdup_printf (ngettext ("%u waiting to send", "%u waiting to send", pending), pending);
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

static void
update (YrsSyncIndicator *self)
{
  g_autofree char *text = NULL;
  const char *icon = NULL;
  const char *error;

  text = yrs_sync_describe (self->engine, &icon);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  error = yrs_sync_engine_get_last_error (self->engine);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               error != NULL ? error : _("Outbox: what is waiting to be sent"));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  if (yrs_sync_engine_get_state (self->engine) == YRS_SYNC_STATE_ERROR ||
      yrs_sync_engine_get_failed (self->engine) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else if (yrs_sync_engine_get_state (self->engine) == YRS_SYNC_STATE_OFFLINE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
}

static void
yrs_sync_indicator_dispose (GObject *object)
{
  YrsSyncIndicator *self = YRS_SYNC_INDICATOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_SYNC_INDICATOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (yrs_sync_indicator_parent_class)->dispose (object);
}

static void
yrs_sync_indicator_class_init (YrsSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, YrsSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, YrsSyncIndicator, label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-sync-indicator");
}

static void
yrs_sync_indicator_init (YrsSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_sync_indicator_new (YrsSyncEngine *engine)
{
  YrsSyncIndicator *self;

  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (YRS_TYPE_SYNC_INDICATOR, NULL);
  self->engine = g_object_ref (engine);
  g_signal_connect_object (engine, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

const char *
yrs_sync_indicator_get_text (YrsSyncIndicator *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}
