/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_SUBMITTED_PAGE (yrs_submitted_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsSubmittedPage, yrs_submitted_page, YRS, SUBMITTED_PAGE, YrsPage)

/* What happened to the last submission (the session's YrsSubmission):
 * queued, sent, received (with the receipt: reference number and its QR
 * code), rejected with the reason, or, for a reservation, a conflict with
 * the alternatives to choose from. Follows the outbox row while shown.
 * Actions: "submitted.choose" (s: slot ID of an alternative),
 * "submitted.cancel" (cancels an accepted reservation), "submitted.refresh". */

/* Reads the outbox row again (yrs_submission_reload()): for changes made
 * to the store outside the sync engine, whose answers come by themselves. */
void        yrs_submitted_page_refresh        (YrsSubmittedPage *self);
/* The state shown: "queued", "sending", "accepted", "rejected",
 * "conflict", or NULL when there is no submission. */
const char *yrs_submitted_page_get_state      (YrsSubmittedPage *self);
/* The reference number shown on the receipt. */
const char *yrs_submitted_page_get_reference  (YrsSubmittedPage *self);
/* How many alternatives a conflict offers. */
guint       yrs_submitted_page_get_n_alternatives (YrsSubmittedPage *self);

G_END_DECLS
