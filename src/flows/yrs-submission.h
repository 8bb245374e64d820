/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-alternative.h"
#include "yrs-session.h"

G_BEGIN_DECLS

#define YRS_TYPE_SUBMISSION (yrs_submission_get_type ())

G_DECLARE_FINAL_TYPE (YrsSubmission, yrs_submission, YRS, SUBMISSION, GObject)

/* What happened to one outbox row: the receipt. Follows the row live from
 * the sync engine's "row-answered" (no timer), and the session's field
 * "submission.key" when made by the session (yrs_session_get_submission()).
 *
 * Properties (read-only):
 *   "key"            the row's idempotency key, or NULL
 *   "kind"           "application", "registration", "reservation",
 *                    "cancellation", or NULL with no row
 *   "state"          "queued", "sending", "accepted", "rejected",
 *                    "conflict", or NULL with no row
 *   "icon-name", "style" ("ok", "problem" or "")
 *   "title"          "Saved: waiting to be sent", "Received by the city", …
 *   "detail"         the sentence under it (yrs-sync-messages for a
 *                    rejection; the booked place first for a booking)
 *   "reference"      the city's once accepted, the device's D-XXXX-XXXX
 *                    while waiting, NULL otherwise
 *   "has-reference"
 *   "note"           the sentence under the reference
 *   "next-steps"     what happens next, or ""
 *   "can-cancel"     an accepted booking
 *   "can-book"       a registration not rejected: booking comes next
 *   "show-steps"     an application or registration (step 3 of 3)
 *   "printer"        the CUPS queue for receipts (GSettings "printer"), or NULL
 *   "can-print"      a printer and a reference
 *   "place"          the place a booking is for ("facility\nwhen"), or NULL
 *   "alternatives"   GListModel of YrsAlternative (a 409's free places)
 *   "has-alternatives"
 *
 * When the row is accepted, its receipt is kept in the store for the
 * session's owner, once. */

YrsSubmission *yrs_submission_new                 (YrsSession    *session);

const char    *yrs_submission_get_key             (YrsSubmission *self);
void           yrs_submission_set_key             (YrsSubmission *self,
                                                   const char    *key);
const char    *yrs_submission_get_kind            (YrsSubmission *self);
const char    *yrs_submission_get_state           (YrsSubmission *self);
const char    *yrs_submission_get_title           (YrsSubmission *self);
const char    *yrs_submission_get_detail          (YrsSubmission *self);
const char    *yrs_submission_get_reference       (YrsSubmission *self);
const char    *yrs_submission_get_next_steps      (YrsSubmission *self);
const char    *yrs_submission_get_printer         (YrsSubmission *self);
gboolean       yrs_submission_get_can_cancel      (YrsSubmission *self);
gboolean       yrs_submission_get_can_book        (YrsSubmission *self);
GListModel    *yrs_submission_get_alternatives    (YrsSubmission *self);

/* Reads the row again: for a change made to the store outside the sync
 * engine (staff tools, tests). The engine's answers come by themselves. */
void           yrs_submission_reload              (YrsSubmission *self);

/* A new booking of the place the person chose among the alternatives, for
 * the same registration; the submission then follows the new row. Never a
 * silent rebooking. */
gboolean       yrs_submission_choose_alternative  (YrsSubmission *self,
                                                   const char    *slot_id,
                                                   GError       **error);
/* Cancels an accepted booking (a cancellation row, followed then). */
gboolean       yrs_submission_cancel              (YrsSubmission *self,
                                                   GError       **error);

/* The temporary reference of a submission not yet received by the city,
 * made from its outbox key ("D-1A2B-3C4D"), as its receipt shows it. */
char          *yrs_submission_format_device_reference (const char *key);

G_END_DECLS
