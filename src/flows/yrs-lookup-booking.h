/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-lookup-booking.h: a booking found by YrsLookupFlow, for a list
 * factory: "id", "reference", "title" ("facility: kind"), "when",
 * "status-label" (Booked / Cancelled), "can-cancel" (booked and still to
 * come), "accessible-label" (all of it in one sentence). The sentences are
 * made when read, in the language of that moment. */

#pragma once

#include <glib-object.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

#define YRS_TYPE_LOOKUP_BOOKING (yrs_lookup_booking_get_type ())
G_DECLARE_FINAL_TYPE (YrsLookupBooking, yrs_lookup_booking, YRS, LOOKUP_BOOKING, GObject)

const char *yrs_lookup_booking_get_id         (YrsLookupBooking *self);
const char *yrs_lookup_booking_get_reference  (YrsLookupBooking *self);
gboolean    yrs_lookup_booking_get_can_cancel (YrsLookupBooking *self);
char       *yrs_lookup_booking_dup_title      (YrsLookupBooking *self);

G_END_DECLS
