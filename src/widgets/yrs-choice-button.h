/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_CHOICE_BUTTON (yrs_choice_button_get_type ())

G_DECLARE_FINAL_TYPE (YrsChoiceButton, yrs_choice_button, YRS, CHOICE_BUTTON, GtkToggleButton)

/* One choice of several (はい／いいえ, the kind of account, the language):
 * a toggle button, grouped with gtk_toggle_button_set_group(), that a
 * screen reader presents as a radio button with its checked state.
 * GTK 4.8 gives a GtkToggleButton the role "button" and the state
 * "pressed", which Orca never speaks for a push button. */
GtkWidget *yrs_choice_button_new (const char *label);

G_END_DECLS
