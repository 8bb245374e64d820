/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-api-lookup.h"
#include "yrs-lookup-booking.h"

G_BEGIN_DECLS

/* For YrsLookupFlow: catalog (for the facility's name) is kept. */
YrsLookupBooking *_yrs_lookup_booking_new (YrsCatalog                *catalog,
                                           const YrsApiLookupBooking *booking,
                                           gint64                     now_unix);

G_END_DECLS
