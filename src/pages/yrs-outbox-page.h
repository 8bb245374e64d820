/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_OUTBOX_PAGE (yrs_outbox_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsOutboxPage, yrs_outbox_page, YRS, OUTBOX_PAGE, YrsPage)

/* The signed-in staff member's outbox: every submission of theirs with
 * its state in words (waiting, sending, received with its reference,
 * rejected with the reason, in conflict), "Retry now" for what is
 * waiting, and "Discard" (after a confirmation) for rejected and
 * conflicting rows. A view of the session's YrsOutboxModel and
 * YrsSyncStatus (its `model` and `status` properties, which the template
 * binds to). Shows nothing on a kiosk: a kiosk session's rows are never
 * listed. */
/* Reads the rows again (for a change no signal tells: tests writing to
 * the store directly). */
void     yrs_outbox_page_refresh    (YrsOutboxPage *self);
/* Rows in the model (tests). */
guint    yrs_outbox_page_get_n_rows (YrsOutboxPage *self);
/* "Retry now" (yrs_outbox_model_retry_now()). */
void     yrs_outbox_page_retry_now  (YrsOutboxPage *self);
/* Discard without asking (the confirmation's "Discard";
 * yrs_outbox_model_discard()). */
gboolean yrs_outbox_page_discard    (YrsOutboxPage *self,
                                     const char    *idempotency_key,
                                     GError       **error);

G_END_DECLS
