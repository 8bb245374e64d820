/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-window.h"

G_BEGIN_DECLS

#define YRS_TYPE_TABLET (yrs_tablet_get_type ())

G_DECLARE_FINAL_TYPE (YrsTablet, yrs_tablet, YRS, TABLET, GObject)

/* Tablet mode for a window: nothing shows before a staff member signs in
 * (online, or offline within offline-signin-days); then the session is
 * theirs (drafts, outbox rows and receipts owned by "staff:<id>"), the
 * sync engine gets their token, and after idle-timeout-seconds without a
 * touch the lock screen covers everything until the same person's
 * password is given. Sign-out saves their draft, wipes the session from
 * memory and the token, and shows the sign-in page again. Actions on the
 * window: tablet.outbox, tablet.preferences, tablet.lock,
 * tablet.sign-out. `sync` may be NULL (no server set up). */
YrsTablet    *yrs_tablet_new      (YrsWindow     *window,
                                   GSettings     *settings,
                                   YrsStore      *store,
                                   YrsStaffAuth  *auth,
                                   YrsSyncEngine *sync);
YrsWindow    *yrs_tablet_get_window (YrsTablet   *self);
gboolean      yrs_tablet_get_locked (YrsTablet   *self);
void          yrs_tablet_lock     (YrsTablet     *self);
void          yrs_tablet_sign_out (YrsTablet     *self);
/* "Next family" (the staff menu's, the receipt's): ends the family's
 * visit (yrs_session_end_visit()) and shows an empty start page; the
 * staff member stays signed in. */
void          yrs_tablet_next_family (YrsTablet  *self);

G_END_DECLS
