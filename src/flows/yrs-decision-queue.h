/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-decision-queue.h: the supervisor's queue (issue 17, point 4), a
 * GListModel of YrsPendingRegistration: the pending postpartum-care
 * registrations of her ward (GET /v1/registrations?state=pending), to
 * approve or decline with a reason. A decision is queued in the outbox
 * (kind "decision", with its idempotency key; the reason sealed to the
 * city's key) and sent at once when the server is there; the row shows
 * "sending" until then. Only for a signed-in supervisor
 * (yrs_session_get_decision_queue()).
 *
 * Properties: "loading", "offline", "error" (translated or NULL). */

#pragma once

#include <gio/gio.h>

#include "yrs-session.h"
#include "yrs-pending-registration.h"

G_BEGIN_DECLS

#define YRS_DECISION_QUEUE_ERROR (yrs_decision_queue_error_quark ())

typedef enum
{
  YRS_DECISION_QUEUE_ERROR_INVALID,    /* no reason to decline, a reason too long */
  YRS_DECISION_QUEUE_ERROR_NOT_FOUND,  /* not in the queue */
  YRS_DECISION_QUEUE_ERROR_DECIDED,    /* already decided */
  YRS_DECISION_QUEUE_ERROR_FAILED,     /* the store failed */
} YrsDecisionQueueError;

GQuark yrs_decision_queue_error_quark (void);

/* The longest reason the server takes, in characters. */
#define YRS_DECISION_REASON_MAX 500

#define YRS_TYPE_DECISION_QUEUE (yrs_decision_queue_get_type ())
G_DECLARE_FINAL_TYPE (YrsDecisionQueue, yrs_decision_queue, YRS, DECISION_QUEUE, GObject)

YrsDecisionQueue *yrs_decision_queue_new (YrsSession *session);

gboolean    yrs_decision_queue_get_loading (YrsDecisionQueue *self);
gboolean    yrs_decision_queue_get_offline (YrsDecisionQueue *self);
const char *yrs_decision_queue_get_error   (YrsDecisionQueue *self);

/* Asks the server for the pending list (keeps the last one offline). */
void        yrs_decision_queue_refresh     (YrsDecisionQueue *self);
/* Queues the decision; a decline needs a reason (≤ 500 characters). */
gboolean    yrs_decision_queue_decide      (YrsDecisionQueue *self,
                                            const char       *registration_id,
                                            gboolean          approve,
                                            const char       *reason,
                                            GError          **error);

G_END_DECLS
