/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-booking.h: the rules of booking postpartum care (産後ケア), as pure
 * functions of (catalogue, answers, date): which facilities a household
 * may choose, and when a place may be booked. */

#pragma once

#include <glib.h>

#include "yrs-answers.h"
#include "yrs-catalog.h"

G_BEGIN_DECLS

/* The catalogue's facility_choice_after_months of postpartum care in
 * force on `on`: from this age in months, only the facilities that say so
 * take the baby. -1 when the catalogue has none then. */
int      yrs_booking_choice_after_months (YrsCatalog *catalog,
                                          YrsDate     on);

/* Whether the baby (answer birth.born_on) has reached that age on `on`;
 * FALSE when the birth date is not answered or there is no such age. */
gboolean yrs_booking_is_over_choice_age  (YrsCatalog *catalog,
                                          YrsAnswers *answers,
                                          YrsDate     on);

/* Whether a household may choose `facility` for `kind`: it offers the
 * kind, lies in `ward` (a ward ID; NULL = any), takes a baby over the
 * choice age when `over_choice_age`, and takes siblings when `siblings`.
 * Its fee per use before reductions goes to fee_yen (may be NULL). */
gboolean yrs_booking_may_choose          (const YrsFacility *facility,
                                          YrsCareKind        kind,
                                          const char        *ward,
                                          gboolean           over_choice_age,
                                          gboolean           siblings,
                                          gint64            *fee_yen);

typedef enum
{
  YRS_BOOKING_GATE_OPEN,            /* it may be booked */
  YRS_BOOKING_GATE_UNANSWERED,      /* the day's infectious-illness question is not answered */
  YRS_BOOKING_GATE_INFECTIOUS,      /* answered "yes": not on such a day */
  YRS_BOOKING_GATE_NOT_REGISTERED,  /* the registration has not been accepted by the city */
} YrsBookingGate;

/* A place may be booked when the question health.infectious_today is
 * answered "no" and the household's registration has been accepted. An
 * infectious illness is said first: it holds whatever the registration. */
YrsBookingGate yrs_booking_gate          (YrsAnswers *answers,
                                          gboolean    registration_accepted);

G_END_DECLS
