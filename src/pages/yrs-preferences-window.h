/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-store-ui.h"
#include "yrs-sync-engine.h"

G_BEGIN_DECLS

#define YRS_TYPE_PREFERENCES_WINDOW (yrs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (YrsPreferencesWindow, yrs_preferences_window, YRS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The device's settings, for staff only (opened from the tablet's staff
 * menu or the kiosk's admin page, behind a sign-in): server address,
 * ward, mode, idle timeout, extra CA file, receipt printer, all written to
 * GSettings; and the sync health (last success, last error, pending and
 * failed rows) live from `sync`, which may be NULL. */
GtkWidget *yrs_preferences_window_new (GSettings     *settings,
                                       YrsSyncEngine *sync);

G_END_DECLS
