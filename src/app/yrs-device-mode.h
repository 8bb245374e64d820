/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-window.h"

G_BEGIN_DECLS

/* Puts a new window in the device's mode (GSettings "mode"): a YrsKiosk
 * or a YrsTablet, kept by the window, with a YrsStaffAuth on the store
 * and the sync engine's API client. A kiosk gives the sync engine its
 * device token from yrs_staff_auth_device_token_path() (a 0600 file); a
 * tablet gives it the signed-in staff member's. Without a store (the
 * database could not be opened) a tablet cannot sign anyone in, so the
 * device runs as a kiosk. A kiosk forces the light colour scheme; a
 * tablet follows the desktop's (AdwStyleManager). Returns the mode object
 * (owned by the window). */
GObject *yrs_device_mode_attach (YrsWindow     *window,
                                 GSettings     *settings,
                                 YrsStore      *store,
                                 YrsSyncEngine *sync);

G_END_DECLS
