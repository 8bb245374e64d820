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
  GtkWidget *previous_focus;   /* weak */

  /* template children */
  GtkLabel  *other_language_label;
  GtkLabel  *seconds_label;
  GtkLabel  *privacy_label;
  GtkWidget *continue_button;
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
  /* Read with the dialog's name when the focus lands in it. */
  {
    g_autofree char *description = g_strdup_printf ("%s\n%s\n%s",
                                                    gtk_label_get_label (self->other_language_label),
                                                    text,
                                                    gtk_label_get_label (self->privacy_label));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  }
}

/* GTK 4.8 has no way to make a screen reader announce something that
 * appears (no gtk_accessible_announce(), no "showing" events for an
 * alert). So the dialog takes the keyboard focus: Orca speaks the alert
 * dialog it enters (its name, "Are you still there?", and its text) and
 * then the button. The focus goes back where it was when it goes. */
static void
yrs_countdown_map (GtkWidget *widget)
{
  YrsCountdown *self = YRS_COUNTDOWN (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (yrs_countdown_parent_class)->map (widget);

  g_clear_weak_pointer (&self->previous_focus);
  if (root != NULL && gtk_root_get_focus (root) != NULL)
    g_set_weak_pointer (&self->previous_focus, gtk_root_get_focus (root));
  gtk_widget_grab_focus (self->continue_button);
}

static void
yrs_countdown_unmap (GtkWidget *widget)
{
  YrsCountdown *self = YRS_COUNTDOWN (widget);
  GtkWidget *previous = self->previous_focus;

  GTK_WIDGET_CLASS (yrs_countdown_parent_class)->unmap (widget);

  g_clear_weak_pointer (&self->previous_focus);
  if (previous != NULL && gtk_widget_get_mapped (previous))
    gtk_widget_grab_focus (previous);
}

static void
yrs_countdown_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_weak_pointer (&YRS_COUNTDOWN (object)->previous_focus);
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
  widget_class->map = yrs_countdown_map;
  widget_class->unmap = yrs_countdown_unmap;

  properties[PROP_SECONDS_LEFT] =
    g_param_spec_uint ("seconds-left", NULL, NULL,
                       0, G_MAXUINT, 30,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, other_language_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, seconds_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCountdown, continue_button);

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
