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

/* Shared by the kiosk and tablet tests (issue 21: real keys). */

/* The X window of `native`, as text for xdotool: raised and given the
 * keyboard focus before a real tap or key, since other GUI tests may run
 * side by side on the same Xvfb screen with their windows at the same
 * place (no window manager). */
char      *yrs_gui_x_window_of     (GtkNative *native);
/* Real key presses through the X server (xdotool), as a physical
 * keyboard sends them, into the window under the pointer (no window
 * manager under Xvfb: the focus follows the pointer). */
void       yrs_gui_type_on_keyboard (GtkWidget  *over,
                                     const char *text);
/* For yrs_gui_wait_until (yrs_gui_text_is, &wait, …): the editable holds
 * exactly `text`. */
typedef struct
{
  GtkEditable *editable;
  const char  *text;
} YrsGuiTextWait;

gboolean   yrs_gui_text_is         (gpointer data);
/* GtkText's input method is the system's (IBus where it runs): the app
 * never picks one. */
void       yrs_gui_assert_system_input_method (GtkWidget *entry);

G_END_DECLS
