/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-window.h"

G_BEGIN_DECLS

#define YRS_TYPE_KIOSK (yrs_kiosk_get_type ())

G_DECLARE_FINAL_TYPE (YrsKiosk, yrs_kiosk, YRS, KIOSK, GObject)

/* Kiosk mode for a window: full screen without window controls, closing
 * refused unless a staff member signed in for it; after the settings'
 * idle-timeout-seconds without a touch a countdown ("Are you still
 * there?") that any touch cancels, then the wipe (yrs_kiosk_wipe()).
 * Actions on the window: kiosk.finish (wipe now, for the receipt page's
 * "Finish"), kiosk.still-here, kiosk.staff (staff sign-in for the admin
 * page: preferences, leave kiosk mode). Dropping the last reference undoes
 * all of it. */
YrsKiosk *yrs_kiosk_new                   (YrsWindow    *window,
                                           GSettings    *settings,
                                           YrsStore     *store,
                                           YrsStaffAuth *auth);
YrsWindow *yrs_kiosk_get_window           (YrsKiosk     *self);
/* Seconds the countdown shows (30 by default). */
guint     yrs_kiosk_get_countdown_seconds (YrsKiosk     *self);
void      yrs_kiosk_set_countdown_seconds (YrsKiosk     *self,
                                           guint         seconds);
gboolean  yrs_kiosk_get_counting_down     (YrsKiosk     *self);
/* Starts the countdown now, as the idle timer does. */
void      yrs_kiosk_start_countdown       (YrsKiosk     *self);
void      yrs_kiosk_cancel_countdown      (YrsKiosk     *self);
/* Ends the person's session: their drafts and receipts deleted from the
 * store (and the WAL truncated), the YrsSession wiped, a new anonymous
 * owner, clipboards emptied, the language back to the settings' default,
 * every page rebuilt empty on the welcome page. Emits ::wiped. */
void      yrs_kiosk_wipe                  (YrsKiosk     *self);

G_END_DECLS
