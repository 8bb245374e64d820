/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-numeric-keypad"

#include "config.h"

#include "yrs-keypad-private.h"
#include "yrs-numeric-keypad.h"

struct _YrsNumericKeypad
{
  YrsKeypad parent_instance;
};

G_DEFINE_FINAL_TYPE (YrsNumericKeypad, yrs_numeric_keypad, YRS_TYPE_KEYPAD)

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *digit = g_variant_get_string (param, NULL);

  if (editable == NULL)
    return;
  if (digit[0] < '0' || digit[0] > '9' || digit[1] != '\0')
    {
      g_critical ("Not a digit: “%s”", digit);
      return;
    }
  _yrs_keypad_insert (editable, digit);
}

static void
yrs_numeric_keypad_class_init (YrsNumericKeypadClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-numeric-keypad.ui");

  gtk_widget_class_install_action (widget_class, "keypad.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "keypad.backspace", NULL, _yrs_keypad_backspace_action);
  gtk_widget_class_install_action (widget_class, "keypad.clear", NULL, _yrs_keypad_clear_action);

  gtk_widget_class_set_css_name (widget_class, "yrs-numeric-keypad");
}

static void
yrs_numeric_keypad_init (YrsNumericKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_numeric_keypad_new (void)
{
  return g_object_new (YRS_TYPE_NUMERIC_KEYPAD, NULL);
}

GtkEditable *
yrs_numeric_keypad_get_editable (YrsNumericKeypad *self)
{
  g_return_val_if_fail (YRS_IS_NUMERIC_KEYPAD (self), NULL);

  return yrs_keypad_get_editable (YRS_KEYPAD (self));
}

void
yrs_numeric_keypad_set_editable (YrsNumericKeypad *self,
                                 GtkEditable      *editable)
{
  g_return_if_fail (YRS_IS_NUMERIC_KEYPAD (self));

  yrs_keypad_set_editable (YRS_KEYPAD (self), editable);
}
