/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names every widget that has no accessible label by its type:
 * a screen reader says "GtkStackPage panel", "GtkImage" and "GtkBox".
 * From this call on, every widget that is realized without a label of
 * its own and is not a control (a container, a scroll bar, a stack page
 * without a title) gets an empty name instead, which GTK then uses.
 * Idempotent; the window calls it. */
void yrs_a11y_init (void);

G_END_DECLS
