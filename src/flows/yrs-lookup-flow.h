/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-lookup-flow.h: coming back with a receipt (issue 20, point 8).
 *
 * She gives the reference on her receipt (typed on the keypad, or typed
 * by a USB QR scanner reading the receipt's code: any spacing, case or
 * full-width form is accepted and shown as "REG-7K3M-Q9XA") and her date
 * of birth; look_up() asks the server (POST /v1/lookups). On a match:
 * the state of her application, registration or booking as the server
 * knows it ("status-label", "status-text", "status-style"), her bookings
 * ("bookings", YrsLookupBooking) with cancel_booking(), and "can-book":
 * an approved registration, which YrsBookingFlow then books with (the
 * registration and the lookup's token), so she is not asked to register
 * again. No match, a pause after wrong tries (a countdown in
 * "wait-seconds" and "message"), no connection: "state" and "message",
 * translated. Nothing is kept anywhere but in this object: it is the
 * session's (yrs_session_get_lookup_flow()) and goes with it at the wipe,
 * the reference, the date and the token overwritten. */

#pragma once

#include <glib-object.h>
#include <gio/gio.h>

#include "yrs-session.h"

G_BEGIN_DECLS

typedef enum
{
  YRS_LOOKUP_EMPTY,      /* nothing asked yet */
  YRS_LOOKUP_BUSY,       /* asking */
  YRS_LOOKUP_FOUND,      /* a match: the state below */
  YRS_LOOKUP_NO_MATCH,   /* wrong reference or date */
  YRS_LOOKUP_WAITING,    /* too many wrong tries: "wait-seconds" */
  YRS_LOOKUP_FAILED,     /* no connection, or the server failed */
} YrsLookupState;

GType yrs_lookup_state_get_type (void) G_GNUC_CONST;
#define YRS_TYPE_LOOKUP_STATE (yrs_lookup_state_get_type ())

#define YRS_TYPE_LOOKUP_FLOW (yrs_lookup_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsLookupFlow, yrs_lookup_flow, YRS, LOOKUP_FLOW, GObject)

YrsLookupFlow *yrs_lookup_flow_new               (YrsSession    *session);

/* "REG-7K3M-Q9XA" from what a person or a scanner typed ("reg 7k3m q9xa",
 * "ＲＥＧ－７Ｋ３Ｍ－Ｑ９ＸＡ", "REG7K3MQ9XA"), or NULL when it is not a
 * reference of the city. */
char          *yrs_lookup_flow_normalize_reference (const char  *text);

/* "reference" (as typed; "reference-error" says what is wrong once it is
 * complete or looked up), "birth-date" (YYYY-MM-DD or ""; "birth-date-error"),
 * "can-look-up" (both valid, not busy, not waiting). */
const char    *yrs_lookup_flow_get_reference     (YrsLookupFlow *self);
void           yrs_lookup_flow_set_reference     (YrsLookupFlow *self,
                                                  const char    *reference);
const char    *yrs_lookup_flow_get_birth_date    (YrsLookupFlow *self);
void           yrs_lookup_flow_set_birth_date    (YrsLookupFlow *self,
                                                  const char    *iso);
gboolean       yrs_lookup_flow_get_can_look_up   (YrsLookupFlow *self);

/* Asks the server; "state" goes BUSY, then FOUND, NO_MATCH, WAITING or
 * FAILED. Returns FALSE (and changes nothing) when it cannot ask now. */
gboolean       yrs_lookup_flow_look_up           (YrsLookupFlow *self);
/* Asks again with the same reference and date (after a booking). */
gboolean       yrs_lookup_flow_refresh           (YrsLookupFlow *self);

YrsLookupState yrs_lookup_flow_get_state         (YrsLookupFlow *self);
/* Seconds left before she may try again (WAITING), else 0. */
guint          yrs_lookup_flow_get_wait_seconds  (YrsLookupFlow *self);

/* The match: "found-reference", "kind-label", "status-label",
 * "status-text", "status-style" ("success", "warning", "error" or ""),
 * "can-book", "bookings", "has-bookings". */
gboolean       yrs_lookup_flow_get_can_book      (YrsLookupFlow *self);
/* For YrsBookingFlow: the registration's id and the token that proves
 * it, or NULL without an approved registration. */
const char    *yrs_lookup_flow_get_registration  (YrsLookupFlow *self);
const char    *yrs_lookup_flow_get_token         (YrsLookupFlow *self);
const char    *yrs_lookup_flow_get_found_reference (YrsLookupFlow *self);
GListModel    *yrs_lookup_flow_get_bookings      (YrsLookupFlow *self);

/* Cancels one of "bookings" on the server (its place is freed), then
 * looks up again; "cancel-message" says how it went. FALSE when it is
 * not one of hers or cannot be cancelled now. */
gboolean       yrs_lookup_flow_cancel_booking    (YrsLookupFlow *self,
                                                  const char    *booking_id);

/* Forgets everything (the wipe does this too). */
void           yrs_lookup_flow_clear             (YrsLookupFlow *self);

G_END_DECLS
