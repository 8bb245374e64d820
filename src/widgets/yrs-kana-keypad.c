/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-kana-keypad"

#include "config.h"

#include "yrs-kana-keypad.h"
#include "yrs-keypad-private.h"

struct _YrsKanaKeypad
{
  YrsKeypad parent_instance;
};

G_DEFINE_FINAL_TYPE (YrsKanaKeypad, yrs_kana_keypad, YRS_TYPE_KEYPAD)

#define DAKUTEN 0x3099
#define HANDAKUTEN 0x309A

static gboolean
is_keypad_text (const char *text)
{
  gunichar c;

  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) != 1)
    return FALSE;
  c = g_utf8_get_char (text);
  return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x3000;
}

static void
type_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *text = g_variant_get_string (param, NULL);

  if (editable == NULL)
    return;
  if (!is_keypad_text (text))
    {
      g_critical ("Not a katakana key: “%s”", text);
      return;
    }
  _yrs_keypad_insert (editable, text);
}

/* ゛ / ゜: put the mark on the kana before the cursor, replace the other
 * mark, or take it off when it is already there. */
static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *key = g_variant_get_string (param, NULL);
  gunichar want = g_str_equal (key, "゜") ? HANDAKUTEN : DAKUTEN;
  gunichar prev, base, mark, composed;

  if (editable == NULL)
    return;

  prev = _yrs_keypad_char_before (editable);
  if (prev == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (!g_unichar_decompose (prev, &base, &mark) || (mark != DAKUTEN && mark != HANDAKUTEN))
    {
      base = prev;
      mark = 0;
    }

  if (mark == want)
    _yrs_keypad_replace_before (editable, base);
  else if (g_unichar_compose (base, want, &composed))
    _yrs_keypad_replace_before (editable, composed);
  else
    gtk_widget_error_bell (widget);
}

static void
yrs_kana_keypad_class_init (YrsKanaKeypadClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-kana-keypad.ui");

  gtk_widget_class_install_action (widget_class, "kana.type", "s", type_action);
  gtk_widget_class_install_action (widget_class, "kana.mark", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "kana.backspace", NULL, _yrs_keypad_backspace_action);
  gtk_widget_class_install_action (widget_class, "kana.clear", NULL, _yrs_keypad_clear_action);

  gtk_widget_class_set_css_name (widget_class, "yrs-kana-keypad");
}

static void
yrs_kana_keypad_init (YrsKanaKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_kana_keypad_new (void)
{
  return g_object_new (YRS_TYPE_KANA_KEYPAD, NULL);
}

GtkEditable *
yrs_kana_keypad_get_editable (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), NULL);

  return yrs_keypad_get_editable (YRS_KEYPAD (self));
}

void
yrs_kana_keypad_set_editable (YrsKanaKeypad *self,
                              GtkEditable   *editable)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));

  yrs_keypad_set_editable (YRS_KEYPAD (self), editable);
}
