/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-submission.h: one application or registration of a family on
 * the visit list, for a list factory. Read-only properties: "reference"
 * (the city's), "kind" ("application", "registration"), "programme" (a
 * catalogue ID), "programme-label" (its title, or the ID when the
 * catalogue does not know it), "state" (the server's: "received",
 * "waiting_for_consultation", "ready_to_pay", "pending", "approved",
 * "declined", …), "state-label" (translated when read), "reason" (a
 * decline's, or NULL). */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_VISIT_SUBMISSION (yrs_visit_submission_get_type ())
G_DECLARE_FINAL_TYPE (YrsVisitSubmission, yrs_visit_submission, YRS, VISIT_SUBMISSION, GObject)

const char *yrs_visit_submission_get_reference (YrsVisitSubmission *self);
const char *yrs_visit_submission_get_kind      (YrsVisitSubmission *self);
const char *yrs_visit_submission_get_programme (YrsVisitSubmission *self);
const char *yrs_visit_submission_get_state     (YrsVisitSubmission *self);
const char *yrs_visit_submission_get_reason    (YrsVisitSubmission *self);
/* "Waiting for the consultation", "Ready to pay", "Declined", … */
const char *yrs_visit_submission_get_state_label (YrsVisitSubmission *self);
/* A submission's state as words (the same as "state-label"). */
const char *yrs_visit_submission_state_label   (const char *state);

G_END_DECLS
