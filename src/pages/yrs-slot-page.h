/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_SLOT_PAGE (yrs_slot_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsSlotPage, yrs_slot_page, YRS, SLOT_PAGE, YrsPage)

/* One chosen place: when, where, the fee after reductions for this
 * household, the infectious-disease question for the day, and "Book".
 * From the session's YrsBookingFlow (its property "flow"). Action:
 * "slot.confirm". */

/* The fee shown, e.g. "¥1,500"; empty when unknown. */
const char *yrs_slot_page_get_fee_text (YrsSlotPage *self);

G_END_DECLS
