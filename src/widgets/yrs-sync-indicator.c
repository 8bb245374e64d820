/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync-indicator"

#include "config.h"

#include "yrs-sync-indicator.h"

struct _YrsSyncIndicator
{
  GtkWidget      parent_instance;

  YrsSyncStatus *status;

  /* template children */
  GtkButton     *button;
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (YrsSyncIndicator, yrs_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the template cannot say: the button's accessible name (the text
 * shown) and the colour of the severity. */
static void
on_label_changed (YrsSyncIndicator *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_label (self->label),
                                  -1);
}

static void
on_severity_changed (YrsSyncIndicator *self)
{
  const char *severity = yrs_sync_status_get_severity (self->status);

  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  if (g_strcmp0 (severity, "error") == 0 || g_strcmp0 (severity, "warning") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), severity);
}

static void
yrs_sync_indicator_constructed (GObject *object)
{
  YrsSyncIndicator *self = YRS_SYNC_INDICATOR (object);

  G_OBJECT_CLASS (yrs_sync_indicator_parent_class)->constructed (object);

  g_signal_connect_object (self->label, "notify::label",
                           G_CALLBACK (on_label_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status, "notify::severity",
                           G_CALLBACK (on_severity_changed), self, G_CONNECT_SWAPPED);
  on_label_changed (self);
  on_severity_changed (self);
}

static void
yrs_sync_indicator_dispose (GObject *object)
{
  YrsSyncIndicator *self = YRS_SYNC_INDICATOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_SYNC_INDICATOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->status);

  G_OBJECT_CLASS (yrs_sync_indicator_parent_class)->dispose (object);
}

static void
yrs_sync_indicator_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsSyncIndicator *self = YRS_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sync_indicator_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YrsSyncIndicator *self = YRS_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      self->status = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sync_indicator_class_init (YrsSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_sync_indicator_constructed;
  object_class->dispose = yrs_sync_indicator_dispose;
  object_class->get_property = yrs_sync_indicator_get_property;
  object_class->set_property = yrs_sync_indicator_set_property;

  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, YRS_TYPE_SYNC_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_SYNC_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSyncIndicator, button);
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
yrs_sync_indicator_new (YrsSyncStatus *status)
{
  g_return_val_if_fail (YRS_IS_SYNC_STATUS (status), NULL);

  return g_object_new (YRS_TYPE_SYNC_INDICATOR, "status", status, NULL);
}

YrsSyncStatus *
yrs_sync_indicator_get_status (YrsSyncIndicator *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_INDICATOR (self), NULL);

  return self->status;
}

const char *
yrs_sync_indicator_get_text (YrsSyncIndicator *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}
