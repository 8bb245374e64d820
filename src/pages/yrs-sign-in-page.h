/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-staff-auth.h"

G_BEGIN_DECLS

#define YRS_TYPE_SIGN_IN_PAGE (yrs_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsSignInPage, yrs_sign_in_page, YRS, SIGN_IN_PAGE, GtkWidget)

/* Staff sign-in (staff ID and password), or, with `locked_staff_id`, the
 * lock screen that only that staff member's password opens. Emits
 * ::signed-in when through, ::cancelled for Cancel (sign-in) or Sign out
 * (lock screen). Shown by YrsWindow as a gate, in place of the shell. */
GtkWidget *yrs_sign_in_page_new             (YrsStaffAuth  *auth,
                                             const char    *locked_staff_id);
void       yrs_sign_in_page_set_cancellable (YrsSignInPage *self,
                                             gboolean       cancellable);
/* Signs in (or unlocks) with what the fields hold, as the button does. */
void       yrs_sign_in_page_submit          (YrsSignInPage *self);
/* The last error shown, or NULL. */
const char *yrs_sign_in_page_get_error      (YrsSignInPage *self);

G_END_DECLS
