/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-step-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-step-indicator.h"

struct _YrsStepIndicator
{
  GtkWidget  parent_instance;

  guint      current;
  guint      n_steps;
  /* The step as last asked for, before clamping to n_steps, so that a
   * template may set "current" and "n-steps" in either order. */
  guint      wanted;
  /* The number of steps is not known ahead (a wizard whose answers
   * decide what comes next): show the steps so far and "more may follow",
   * never a total that grows as she goes. */
  gboolean   open_ended;

  /* template children */
  GtkWidget *box;
  GtkBox    *dots_box;
  GtkLabel  *text_label;
};

G_DEFINE_FINAL_TYPE (YrsStepIndicator, yrs_step_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_N_STEPS,
  PROP_OPEN_ENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (YrsStepIndicator *self)
{
  g_autofree char *text = NULL;
  GtkWidget *child;
  guint i, n_dots = self->open_ended ? self->current + 1 : self->n_steps;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dots_box))) != NULL)
    gtk_box_remove (self->dots_box, child);

  /* The dots only repeat the words; the words carry the meaning. */
  for (i = 1; i <= n_dots; i++)
    {
      GtkWidget *dot = g_object_new (GTK_TYPE_BOX,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     "valign", GTK_ALIGN_CENTER,
                                     NULL);

      gtk_widget_add_css_class (dot, "step-dot");
      if (i < self->current)
        gtk_widget_add_css_class (dot, "done");
      else if (i == self->current)
        gtk_widget_add_css_class (dot, "current");
      else if (self->open_ended)
        gtk_widget_add_css_class (dot, "more");
      gtk_box_append (self->dots_box, dot);
    }

  if (self->open_ended)
    {
      /* Translators: a step indicator when the number of steps depends on
       * the answers, e.g. “Step 2 · more may follow”. Not “almost done”:
       * it is said at every step, the first too (review 6). */
      text = g_strdup_printf (_("Step %u · more may follow"), self->current);
      gtk_label_set_label (self->text_label, text);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 1.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->current,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
      return;
    }
  /* Translators: a step indicator in a multi-step form, e.g. “Step 2 of 5” */
  text = g_strdup_printf (_("Step %u of %u"), self->current, self->n_steps);
  gtk_label_set_label (self->text_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (self->n_steps, 1),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->current,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
yrs_step_indicator_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_STEP_INDICATOR);

  G_OBJECT_CLASS (yrs_step_indicator_parent_class)->dispose (object);
}

static void
yrs_step_indicator_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsStepIndicator *self = YRS_STEP_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;

    case PROP_N_STEPS:
      g_value_set_uint (value, self->n_steps);
      break;
    case PROP_OPEN_ENDED:
      g_value_set_boolean (value, self->open_ended);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_step_indicator_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YrsStepIndicator *self = YRS_STEP_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      yrs_step_indicator_set_steps (self, g_value_get_uint (value), self->n_steps);
      break;

    case PROP_N_STEPS:
      yrs_step_indicator_set_steps (self, self->wanted, g_value_get_uint (value));
      break;
    case PROP_OPEN_ENDED:
      yrs_step_indicator_set_open_ended (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_step_indicator_class_init (YrsStepIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_step_indicator_dispose;
  object_class->get_property = yrs_step_indicator_get_property;
  object_class->set_property = yrs_step_indicator_set_property;

  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 1,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 1,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OPEN_ENDED] =
    g_param_spec_boolean ("open-ended", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-step-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsStepIndicator, box);
  gtk_widget_class_bind_template_child (widget_class, YrsStepIndicator, dots_box);
  gtk_widget_class_bind_template_child (widget_class, YrsStepIndicator, text_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-step-indicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
yrs_step_indicator_init (YrsStepIndicator *self)
{
  self->current = 1;
  self->n_steps = 1;
  self->wanted = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
yrs_step_indicator_new (void)
{
  return g_object_new (YRS_TYPE_STEP_INDICATOR, NULL);
}

void
yrs_step_indicator_set_steps (YrsStepIndicator *self,
                              guint             current,
                              guint             n_steps)
{
  g_return_if_fail (YRS_IS_STEP_INDICATOR (self));

  self->wanted = current;
  n_steps = MAX (n_steps, 1);
  current = CLAMP (current, 1, n_steps);
  if (self->current == current && self->n_steps == n_steps)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->current != current)
    {
      self->current = current;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
  if (self->n_steps != n_steps)
    {
      self->n_steps = n_steps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
    }
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
yrs_step_indicator_get_current (YrsStepIndicator *self)
{
  g_return_val_if_fail (YRS_IS_STEP_INDICATOR (self), 0);

  return self->current;
}

guint
yrs_step_indicator_get_n_steps (YrsStepIndicator *self)
{
  g_return_val_if_fail (YRS_IS_STEP_INDICATOR (self), 0);

  return self->n_steps;
}

void
yrs_step_indicator_set_open_ended (YrsStepIndicator *self,
                                   gboolean          open_ended)
{
  g_return_if_fail (YRS_IS_STEP_INDICATOR (self));

  open_ended = !!open_ended;
  if (self->open_ended == open_ended)
    return;
  self->open_ended = open_ended;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_ENDED]);
}

gboolean
yrs_step_indicator_get_open_ended (YrsStepIndicator *self)
{
  g_return_val_if_fail (YRS_IS_STEP_INDICATOR (self), FALSE);

  return self->open_ended;
}

const char *
yrs_step_indicator_get_text (YrsStepIndicator *self)
{
  g_return_val_if_fail (YRS_IS_STEP_INDICATOR (self), NULL);

  return gtk_label_get_label (self->text_label);
}
