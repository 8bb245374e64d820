/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-choice-button"

#include "config.h"

#include "yrs-choice-button.h"

struct _YrsChoiceButton
{
  GtkToggleButton parent_instance;
};

G_DEFINE_FINAL_TYPE (YrsChoiceButton, yrs_choice_button, GTK_TYPE_TOGGLE_BUTTON)

static void
update_checked (YrsChoiceButton *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
yrs_choice_button_toggled (GtkToggleButton *button)
{
  GtkToggleButtonClass *parent = GTK_TOGGLE_BUTTON_CLASS (yrs_choice_button_parent_class);

  update_checked (YRS_CHOICE_BUTTON (button));
  if (parent->toggled != NULL)
    parent->toggled (button);
}

static void
yrs_choice_button_class_init (YrsChoiceButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkToggleButtonClass *toggle_class = GTK_TOGGLE_BUTTON_CLASS (klass);

  toggle_class->toggled = yrs_choice_button_toggled;
  /* AT-SPI "radio button": Orca says its name, "radio button" and
   * "selected"/"not selected" (選択／未選択), and speaks the change when
   * space picks it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_RADIO);
}

static void
yrs_choice_button_init (YrsChoiceButton *self)
{
  update_checked (self);
}

GtkWidget *
yrs_choice_button_new (const char *label)
{
  return g_object_new (YRS_TYPE_CHOICE_BUTTON, "label", label, NULL);
}
