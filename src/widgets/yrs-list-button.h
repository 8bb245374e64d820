/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_LIST_BUTTON (yrs_list_button_get_type ())

G_DECLARE_FINAL_TYPE (YrsListButton, yrs_list_button, YRS, LIST_BUTTON, GtkButton)

/* A button for the rows of list factories, whose templates can only bind
 * properties: "action" and "target" (an action with a string target,
 * set on the button once both are known: use them, not action-name),
 * "accessible-label" (what a screen reader says; NULL: its label),
 * "chosen" and "has-free" (the style classes of the same names). */

G_END_DECLS
