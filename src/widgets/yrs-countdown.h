/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_COUNTDOWN (yrs_countdown_get_type ())

G_DECLARE_FINAL_TYPE (YrsCountdown, yrs_countdown, YRS, COUNTDOWN, GtkWidget)

/* The kiosk's "Are you still there?" dialog: a dimmed backdrop over the
 * whole window with a card that shows the seconds left. It only shows;
 * YrsKiosk counts and cancels (any touch anywhere). */
GtkWidget *yrs_countdown_new             (guint         seconds_left);
guint      yrs_countdown_get_seconds_left (YrsCountdown *self);
void       yrs_countdown_set_seconds_left (YrsCountdown *self,
                                           guint         seconds_left);

G_END_DECLS
