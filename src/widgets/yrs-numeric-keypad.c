/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-numeric-keypad"

#include "config.h"

#include "yrs-keypad-private.h"
#include "yrs-numeric-keypad.h"

struct _YrsNumericKeypad
{
  GtkWidget    parent_instance;

  GtkEditable *editable;  /* weak */
};

G_DEFINE_FINAL_TYPE (YrsNumericKeypad, yrs_numeric_keypad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
yrs_numeric_keypad_dispose (GObject *object)
{
  YrsNumericKeypad *self = YRS_NUMERIC_KEYPAD (object);

  _yrs_keypad_dispose (GTK_WIDGET (self), YRS_TYPE_NUMERIC_KEYPAD, &self->editable);

  G_OBJECT_CLASS (yrs_numeric_keypad_parent_class)->dispose (object);
}

static void
yrs_numeric_keypad_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsNumericKeypad *self = YRS_NUMERIC_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_object (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_numeric_keypad_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YrsNumericKeypad *self = YRS_NUMERIC_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      yrs_numeric_keypad_set_editable (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_numeric_keypad_class_init (YrsNumericKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_numeric_keypad_dispose;
  object_class->get_property = yrs_numeric_keypad_get_property;
  object_class->set_property = yrs_numeric_keypad_set_property;

  /* The field the keys type into; when NULL, the focused one. */
  properties[PROP_EDITABLE] =
    g_param_spec_object ("editable", NULL, NULL,
                         GTK_TYPE_EDITABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-numeric-keypad.ui");

  gtk_widget_class_install_action (widget_class, "keypad.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "keypad.backspace", NULL, _yrs_keypad_backspace_action);
  gtk_widget_class_install_action (widget_class, "keypad.clear", NULL, _yrs_keypad_clear_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-numeric-keypad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_numeric_keypad_init (YrsNumericKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _yrs_keypad_setup_buttons (GTK_WIDGET (self));
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

  return self->editable;
}

void
yrs_numeric_keypad_set_editable (YrsNumericKeypad *self,
                                 GtkEditable      *editable)
{
  g_return_if_fail (YRS_IS_NUMERIC_KEYPAD (self));
  g_return_if_fail (editable == NULL || GTK_IS_EDITABLE (editable));

  if (_yrs_keypad_set_editable (&self->editable, editable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}
