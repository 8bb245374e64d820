/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_RESERVE_PAGE (yrs_reserve_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsReservePage, yrs_reserve_page, YRS, RESERVE_PAGE, YrsPage)

/* Postpartum care: the registration's state, and the facilities that fit
 * the kind of care, the ward and the acceptance rules (a baby over the
 * catalogue's age, siblings), from the session's YrsBookingFlow (its
 * property "flow"). Actions: "reserve.facility" (s), "reserve.register". */

/* The facility IDs listed, in order (NULL-terminated; free with g_free). */
const char **yrs_reserve_page_list_facilities (YrsReservePage *self);
/* "none", "pending", "registered" or "rejected". */
const char  *yrs_reserve_page_get_registration_state (YrsReservePage *self);

G_END_DECLS
