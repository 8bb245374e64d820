/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-sync-status.h"

G_BEGIN_DECLS

#define YRS_TYPE_PREFERENCES_WINDOW (yrs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (YrsPreferencesWindow, yrs_preferences_window, YRS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The device's settings, for staff only (opened from the tablet's staff
 * menu or the kiosk's admin page, behind a sign-in): server address,
 * ward, mode, idle timeout, extra CA file, receipt printer, all written to
 * GSettings; and the sync health (last success, last error, pending and
 * failed rows) bound to `status`, which may be NULL (no sync health
 * then). */
GtkWidget *yrs_preferences_window_new (GSettings     *settings,
                                       YrsSyncStatus *status);

G_END_DECLS
