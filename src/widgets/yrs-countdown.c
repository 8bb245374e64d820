/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-countdown"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-countdown.h"
#include "yrs-i18n.h"

struct _YrsCountdown
{
  GtkWidget  parent_instance;

  guint      seconds_left;

  /* template children */
  GtkLabel  *other_language_label;
  GtkLabel  *seconds_label;
};

G_DEFINE_FINAL_TYPE (YrsCountdown, yrs_countdown, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SECONDS_LEFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (YrsCountdown *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("%u second", "%u seconds", self->seconds_left),
                          self->seconds_left);
  gtk_label_set_label (self->seconds_label, text);
}

static void
yrs_countdown_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_COUNTDOWN);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (yrs_countdown_parent_class)->dispose (object);
}

static void
yrs_countdown_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsCountdown *self = YRS_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_SECONDS_LEFT:
      g_value_set_uint (value, self->seconds_left);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_countdown_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YrsCountdown *self = YRS_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_SECONDS_LEFT:
      yrs_countdown_set_seconds_left (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_countdown_class_init (YrsCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_countdown_dispose;
  object_class->get_property = yrs_countdown_get_property;
  object_class->set_property = yrs_countdown_set_property;

  properties[PROP_SECONDS_LEFT] =
    g_param_spec_uint ("seconds-left", NULL, NULL,
                       0, G_MAXUINT, 30,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, other_language_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, seconds_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-countdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
}

static void
yrs_countdown_init (YrsCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The question in the other language too: the person at the kiosk may
   * not read the one on screen. Each text stays in its own language. */
  gtk_label_set_label (self->other_language_label,
                       yrs_i18n_get_lang () == YRS_LANG_EN
                       ? "まだご利用中ですか？" : "Are you still there?");
  self->seconds_left = 30;
  update_label (self);
}

GtkWidget *
yrs_countdown_new (guint seconds_left)
{
  return g_object_new (YRS_TYPE_COUNTDOWN, "seconds-left", seconds_left, NULL);
}

guint
yrs_countdown_get_seconds_left (YrsCountdown *self)
{
  g_return_val_if_fail (YRS_IS_COUNTDOWN (self), 0);

  return self->seconds_left;
}

void
yrs_countdown_set_seconds_left (YrsCountdown *self,
                                guint         seconds_left)
{
  g_return_if_fail (YRS_IS_COUNTDOWN (self));

  if (self->seconds_left == seconds_left)
    return;

  self->seconds_left = seconds_left;
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
}
