/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-booking-flow.h: booking postpartum care (産後ケア).
 *
 * The household's registration (its newest registration in the outbox:
 * none, pending, registered, rejected), the kind of care, the ward and
 * siblings filters and the facilities they leave, the chosen facility's
 * next four weeks of free places (YrsCalendarDay) and the times of the
 * chosen day (YrsTimeItem), the chosen place with its fee (the
 * eligibility engine as of the visit day), the day's infectious-illness
 * question, the booking gate, and confirm(), which queues the
 * reservation.
 *
 * Made by yrs_session_get_booking_flow(); lives as long as the person's
 * session (a language switch keeps it, a wipe drops it). The models
 * follow the store: the registration when the sync engine answers an
 * outbox row or a submission is queued, the places when the engine
 * writes slots ("slots-changed"), the facilities and the fee when the
 * answers change. No timers. */

#pragma once

#include <glib-object.h>
#include <gio/gio.h>

#include "yrs-booking-items.h"
#include "yrs-session.h"

G_BEGIN_DECLS

typedef enum
{
  YRS_REGISTRATION_NONE,
  YRS_REGISTRATION_PENDING,     /* saved or sent, not answered */
  YRS_REGISTRATION_REGISTERED,  /* accepted by the city */
  YRS_REGISTRATION_REJECTED,
} YrsRegistrationState;

GType       yrs_registration_state_get_type  (void) G_GNUC_CONST;
#define YRS_TYPE_REGISTRATION_STATE (yrs_registration_state_get_type ())
/* "none", "pending", "registered", "rejected" */
const char *yrs_registration_state_to_string (YrsRegistrationState state);

#define YRS_TYPE_BOOKING_FLOW (yrs_booking_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsBookingFlow, yrs_booking_flow, YRS, BOOKING_FLOW, GObject)

/* For yrs_session_get_booking_flow(); the session must outlive it. */
YrsBookingFlow      *yrs_booking_flow_new                  (YrsSession     *session);

/* Reads the outbox and the slot cache again and recomputes everything:
 * for a change made behind the sync engine's back (tests, a staff member
 * setting the session's date). */
void                 yrs_booking_flow_reload               (YrsBookingFlow *self);

/* Registration: properties "registration-state", "registration-title",
 * "registration-text", "can-register" (none or rejected: offer to
 * register), "registration-key" (its outbox row), "registration-reference"
 * (the city's number once accepted). */
YrsRegistrationState yrs_booking_flow_get_registration_state (YrsBookingFlow *self);
const char          *yrs_booking_flow_get_registration_key   (YrsBookingFlow *self);
const char          *yrs_booking_flow_get_registration_reference (YrsBookingFlow *self);

/* Filters: "kind" ("stay", "day", "visit"), "ward" (a ward ID or NULL),
 * "ward-position" (in "wards": 0 = all wards), "siblings". */
const char          *yrs_booking_flow_get_kind             (YrsBookingFlow *self);
void                 yrs_booking_flow_set_kind             (YrsBookingFlow *self,
                                                            const char     *kind);
const char          *yrs_booking_flow_get_ward             (YrsBookingFlow *self);
void                 yrs_booking_flow_set_ward             (YrsBookingFlow *self,
                                                            const char     *ward);
gboolean             yrs_booking_flow_get_siblings         (YrsBookingFlow *self);
void                 yrs_booking_flow_set_siblings         (YrsBookingFlow *self,
                                                            gboolean        siblings);
/* YrsWardItem: all wards first, then the catalogue's. */
GListModel          *yrs_booking_flow_get_wards            (YrsBookingFlow *self);

/* YrsFacilityItem the household may choose ("facilities"; "has-facilities";
 * "over-choice-age" and its sentence "age-note"). */
GListModel          *yrs_booking_flow_get_facilities       (YrsBookingFlow *self);
/* Chooses a facility for the kind shown: clears the day and slot. */
void                 yrs_booking_flow_choose_facility      (YrsBookingFlow *self,
                                                            const char     *facility);
const char          *yrs_booking_flow_get_facility         (YrsBookingFlow *self);

/* YrsCalendarDay: four weeks from the Monday of the session's day
 * ("days", "month-heading"). */
GListModel          *yrs_booking_flow_get_days             (YrsBookingFlow *self);
/* Free places on a day (YYYY-MM-DD) of the calendar; -1 when it has no
 * slots or is not in the calendar. */
int                  yrs_booking_flow_get_free_on          (YrsBookingFlow *self,
                                                            const char     *day);
void                 yrs_booking_flow_choose_day           (YrsBookingFlow *self,
                                                            const char     *day);
const char          *yrs_booking_flow_get_day              (YrsBookingFlow *self);

/* YrsTimeItem of the chosen day ("times", "has-times", "day-title"). */
GListModel          *yrs_booking_flow_get_times            (YrsBookingFlow *self);
void                 yrs_booking_flow_choose_slot          (YrsBookingFlow *self,
                                                            const char     *slot);
const char          *yrs_booking_flow_get_slot             (YrsBookingFlow *self);

/* The chosen place: "facility-name", "kind-label", "title" ("name: kind"),
 * "when"; its fee for this household: "fee-known", "fee-text" (e.g.
 * "¥1,500", empty when unknown), "fee-eligible", "fee-status",
 * "fee-detail", "fee-sample". "fee-text" is notified last whenever any of
 * them changes. */
char                *yrs_booking_flow_dup_fee_text         (YrsBookingFlow *self);

/* The day's question ("question"), answered by "answered-no" /
 * "answered-yes"; the gate: "can-confirm" and "gate-message" (empty when
 * there is nothing to say). */
void                 yrs_booking_flow_set_infectious       (YrsBookingFlow *self,
                                                            gboolean        infectious);
gboolean             yrs_booking_flow_get_can_confirm      (YrsBookingFlow *self);

/* Queues the reservation of the chosen slot for the registration and sets
 * the session's "submission.key" (read by the receipt) to the row's key,
 * which it returns. Fails (G_IO_ERROR_NOT_INITIALIZED) when the gate is
 * closed or no slot is chosen, or as yrs_session_submit() does. */
char                *yrs_booking_flow_confirm              (YrsBookingFlow *self,
                                                            GError        **error);

G_END_DECLS
