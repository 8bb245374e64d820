/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-staff-auth.h"

G_BEGIN_DECLS

#define YRS_TYPE_PASSWORD_DIALOG (yrs_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (YrsPasswordDialog, yrs_password_dialog, YRS, PASSWORD_DIALOG, AdwWindow)

/* "Change password", from the tablet's staff menu: her current password,
 * the new one twice. The change itself is YrsStaffAuth's (the city's
 * server, then her data key wrapped again on the device). Emits
 * ::changed and closes when done; a refusal is shown in place and keeps
 * what was typed in the new fields (never the current password). */
GtkWidget  *yrs_password_dialog_new       (YrsStaffAuth      *auth);
/* For tests: as if the Change button were pressed. */
void        yrs_password_dialog_submit    (YrsPasswordDialog *self);
/* The message shown, or NULL. */
const char *yrs_password_dialog_get_error (YrsPasswordDialog *self);

G_END_DECLS
