/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-keypad"

#include "config.h"

#include "yrs-keypad-private.h"

GtkEditable *
_yrs_keypad_get_target (GtkWidget *keypad)
{
  g_autoptr(GtkEditable) attached = NULL;
  GtkRoot *root;
  GtkWidget *focus;

  /* Borrowed back below: the keypad holds it only weakly, its owner keeps it. */
  g_object_get (keypad, "editable", &attached, NULL);
  if (attached != NULL)
    return attached;

  root = gtk_widget_get_root (keypad);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  /* A GtkEntry's focus is its inner GtkText: both are editables. */
  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (GTK_IS_EDITABLE (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus)))
      return GTK_EDITABLE (focus);
  gtk_widget_error_bell (keypad);
  return NULL;
}

gboolean
_yrs_keypad_set_editable (GtkEditable **slot,
                          GtkEditable  *editable)
{
  if (*slot == editable)
    return FALSE;

  if (*slot != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  *slot = editable;
  if (*slot != NULL)
    g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  return TRUE;
}

void
_yrs_keypad_insert (GtkEditable *editable,
                    const char  *text)
{
  int pos;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  gtk_editable_delete_selection (editable);
  pos = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &pos);
  gtk_editable_set_position (editable, pos);
}

void
_yrs_keypad_backspace_action (GtkWidget  *keypad,
                              const char *action_name,
                              GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (keypad);
  int start, end, pos;

  if (editable == NULL)
    return;

  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    {
      gtk_editable_delete_selection (editable);
      return;
    }

  pos = gtk_editable_get_position (editable);
  if (pos > 0)
    gtk_editable_delete_text (editable, pos - 1, pos);
}

void
_yrs_keypad_clear_action (GtkWidget  *keypad,
                          const char *action_name,
                          GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (keypad);

  if (editable != NULL)
    gtk_editable_set_text (editable, "");
}

gunichar
_yrs_keypad_char_before (GtkEditable *editable)
{
  int pos = gtk_editable_get_position (editable);
  g_autofree char *prev = NULL;

  if (pos <= 0)
    return 0;
  prev = gtk_editable_get_chars (editable, pos - 1, pos);
  return prev != NULL && *prev != '\0' ? g_utf8_get_char (prev) : 0;
}

void
_yrs_keypad_replace_before (GtkEditable *editable,
                            gunichar     c)
{
  int pos = gtk_editable_get_position (editable);
  char buf[8] = { 0 };

  if (pos <= 0)
    return;
  g_unichar_to_utf8 (c, buf);
  gtk_editable_delete_text (editable, pos - 1, pos);
  pos--;
  gtk_editable_insert_text (editable, buf, -1, &pos);
  gtk_editable_set_position (editable, pos);
}

void
_yrs_keypad_setup_buttons (GtkWidget *keypad)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (keypad); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        {
          gtk_widget_set_focus_on_click (child, FALSE);
          /* Touch targets for a finger, whatever the style sheet says. */
          gtk_widget_set_size_request (child, YRS_KEYPAD_KEY_SIZE, YRS_KEYPAD_KEY_SIZE);
        }
      _yrs_keypad_setup_buttons (child);
    }
}

void
_yrs_keypad_dispose (GtkWidget    *keypad,
                     GType         keypad_type,
                     GtkEditable **editable)
{
  GtkWidget *child;

  _yrs_keypad_set_editable (editable, NULL);
  gtk_widget_dispose_template (keypad, keypad_type);
  while ((child = gtk_widget_get_first_child (keypad)) != NULL)
    gtk_widget_unparent (child);
}
