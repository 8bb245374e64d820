/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_KEYPAD (yrs_keypad_get_type ())

G_DECLARE_DERIVABLE_TYPE (YrsKeypad, yrs_keypad, YRS, KEYPAD, GtkWidget)

/* What the on-screen keypads (YrsNumericKeypad, YrsKanaKeypad) are: a
 * grid of keys from the subclass's template that type into the
 * "editable" property (a GtkEditable, held weakly), or, when it is NULL,
 * into the focused editable of the window. The keys never take the focus
 * and are at least YRS_KEYPAD_KEY_SIZE square. Every keypad has a close
 * key ("keypad.close"), which emits YrsKeypad::close for whoever shows
 * it to hide it. */
struct _YrsKeypadClass
{
  GtkWidgetClass parent_class;
};

GtkEditable *yrs_keypad_get_editable (YrsKeypad   *self);
void         yrs_keypad_set_editable (YrsKeypad   *self,
                                      GtkEditable *editable);

G_END_DECLS
