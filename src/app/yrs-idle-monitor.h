/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_IDLE_MONITOR (yrs_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (YrsIdleMonitor, yrs_idle_monitor, YRS, IDLE_MONITOR, GObject)

/* Watches a window for input (touch, pointer, keys, scrolling), in the
 * capture phase so that no widget can hide an event from it, and emits
 * ::idle once `timeout` milliseconds pass without any. Every input emits
 * ::activity and starts the wait again. */
YrsIdleMonitor *yrs_idle_monitor_new         (GtkWidget      *widget,
                                              guint           timeout_ms);
GtkWidget      *yrs_idle_monitor_get_widget  (YrsIdleMonitor *self);
guint           yrs_idle_monitor_get_timeout (YrsIdleMonitor *self);
void            yrs_idle_monitor_set_timeout (YrsIdleMonitor *self,
                                              guint           timeout_ms);
/* Whether the wait runs; a stopped monitor still emits ::activity. */
gboolean        yrs_idle_monitor_get_running (YrsIdleMonitor *self);
void            yrs_idle_monitor_start       (YrsIdleMonitor *self);
void            yrs_idle_monitor_stop        (YrsIdleMonitor *self);
/* Counts as input: starts the wait again (when running). */
void            yrs_idle_monitor_reset       (YrsIdleMonitor *self);

G_END_DECLS
