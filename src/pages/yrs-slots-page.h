/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_SLOTS_PAGE (yrs_slots_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsSlotsPage, yrs_slots_page, YRS, SLOTS_PAGE, YrsPage)

/* A calendar of the next four weeks for the chosen facility and kind of
 * care, each day with its free places, and the times of the chosen day.
 * From the session's YrsBookingFlow (its property "flow"). Actions:
 * "slots.day" (s: YYYY-MM-DD), "slots.slot" (s: slot ID). */

/* Free places shown for a day (-1 when the day has no slots). */
int yrs_slots_page_get_free_on (YrsSlotsPage *self,
                                const char   *day);

G_END_DECLS
