/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-result-card"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-result-card.h"

struct _YrsResultCard
{
  GtkWidget            parent_instance;

  YrsResultCardStatus  status;

  /* template children */
  GtkWidget           *box;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkLabel            *title_label;
  GtkLabel            *amount_label;
  GtkLabel            *sample_label;
  GtkLabel            *reason_label;
  GtkLabel            *source_label;
  GtkButton           *action_button;
};

G_DEFINE_FINAL_TYPE (YrsResultCard, yrs_result_card, GTK_TYPE_WIDGET)

static const struct {
  const char *icon;
  const char *css;
} status_looks[] = {
  [YRS_RESULT_CARD_ELIGIBLE] = { "emblem-ok-symbolic", "eligible" },
  [YRS_RESULT_CARD_NOT_ELIGIBLE] = { "action-unavailable-symbolic", "not-eligible" },
  [YRS_RESULT_CARD_NOT_YET] = { "alarm-symbolic", "not-yet" },
  [YRS_RESULT_CARD_NEEDS_ANSWERS] = { "dialog-question-symbolic", "needs-answers" },
  [YRS_RESULT_CARD_INFO] = { "dialog-information-symbolic", "info" },
  [YRS_RESULT_CARD_SUPPORT] = { "emblem-favorite-symbolic", "support" },
};

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update_accessible (YrsResultCard *self)
{
  g_autofree char *label = g_strdup_printf ("%s: %s",
                                            gtk_label_get_label (self->title_label),
                                            gtk_label_get_label (self->status_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
yrs_result_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_RESULT_CARD);

  G_OBJECT_CLASS (yrs_result_card_parent_class)->dispose (object);
}

static void
yrs_result_card_class_init (YrsResultCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_result_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-result-card.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, sample_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, reason_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, action_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-result-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_result_card_init (YrsResultCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  yrs_result_card_set_status (self, YRS_RESULT_CARD_INFO, NULL);
}

GtkWidget *
yrs_result_card_new (void)
{
  return g_object_new (YRS_TYPE_RESULT_CARD, NULL);
}

void
yrs_result_card_set_title (YrsResultCard *self,
                           const char    *title)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  update_accessible (self);
}

const char *
yrs_result_card_get_title (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
yrs_result_card_set_status (YrsResultCard       *self,
                            YrsResultCardStatus  status,
                            const char          *words)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));
  g_return_if_fail (status <= YRS_RESULT_CARD_SUPPORT);

  gtk_widget_remove_css_class (GTK_WIDGET (self), status_looks[self->status].css);
  self->status = status;
  gtk_widget_add_css_class (GTK_WIDGET (self), status_looks[status].css);
  gtk_image_set_from_icon_name (self->status_icon, status_looks[status].icon);
  set_line (self->status_label, words);
  update_accessible (self);
}

YrsResultCardStatus
yrs_result_card_get_status (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), YRS_RESULT_CARD_INFO);

  return self->status;
}

const char *
yrs_result_card_get_status_text (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->status_label);
}

void
yrs_result_card_set_amount (YrsResultCard *self,
                            const char    *amount)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  set_line (self->amount_label, amount);
}

const char *
yrs_result_card_get_amount (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->amount_label);
}

void
yrs_result_card_set_reason (YrsResultCard *self,
                            const char    *reason)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  set_line (self->reason_label, reason);
}

const char *
yrs_result_card_get_reason (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->reason_label);
}

void
yrs_result_card_set_source (YrsResultCard *self,
                            const char    *source)
{
  g_autofree char *text = NULL;

  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  if (source != NULL && *source != '\0')
    /* Translators: where a programme's rule comes from, e.g. “Source: Kobe City 2025 briefing, p. 12” */
    text = g_strdup_printf (_("Source: %s"), source);
  set_line (self->source_label, text);
}

void
yrs_result_card_set_sample (YrsResultCard *self,
                            gboolean       sample)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), sample);
}

gboolean
yrs_result_card_get_sample (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->sample_label));
}

void
yrs_result_card_set_action (YrsResultCard *self,
                            const char    *label,
                            const char    *action_name,
                            GVariant      *target)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  gtk_widget_set_visible (GTK_WIDGET (self->action_button), label != NULL);
  if (label == NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), NULL);
      if (target != NULL && g_variant_is_floating (target))
        g_variant_unref (g_variant_ref_sink (target));
      return;
    }
  gtk_button_set_label (self->action_button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->action_button), target);
}

GtkButton *
yrs_result_card_get_button (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return self->action_button;
}
