/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-staff-auth.h"

G_BEGIN_DECLS

#define YRS_TYPE_KIOSK_ADMIN_PAGE (yrs_kiosk_admin_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsKioskAdminPage, yrs_kiosk_admin_page, YRS, KIOSK_ADMIN_PAGE, GtkWidget)

/* What a signed-in staff member can do at a kiosk: the settings, leave
 * kiosk mode (close the app), or go back to the kiosk. Its buttons use the
 * kiosk.* actions of YrsKiosk. */
GtkWidget *yrs_kiosk_admin_page_new (YrsStaffAuth *auth);

G_END_DECLS
