/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the device-mode tests (kiosk, tablet) under Xvfb. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until `done (data)` or `timeout_ms` pass; returns
 * whether it came true. */
gboolean   yrs_gui_wait_until      (gboolean (*done) (gpointer data),
                                    gpointer  data,
                                    guint     timeout_ms);
/* Lets pending idles and redraws run. */
void       yrs_gui_flush           (void);
/* The first widget of `type` under `root` (depth first), or NULL. */
GtkWidget *yrs_gui_find            (GtkWidget *root,
                                    GType      type);
/* Every text a person could read or that a widget holds, under `root`:
 * labels, editables and their buffers, text views, buttons' labels,
 * window and row titles, tooltips. For searching a window for a person's
 * data after a wipe. */
char      *yrs_gui_collect_text    (GtkWidget *root);

G_END_DECLS
