/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-pending-registration.h: one postpartum-care registration in the
 * supervisor's queue (YrsDecisionQueue). Read-only properties, notified:
 * "id", "reference", "ward", "created-at" (local time, "2026-12-05
 * 09:30"), "declared-summary" (what the mother declared, translated,
 * one "Label: value" per line), "state" ("pending", "approved",
 * "declined", and "sending" while the decision is only in the outbox),
 * "reason" (a decline's, or NULL). */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_PENDING_REGISTRATION (yrs_pending_registration_get_type ())
G_DECLARE_FINAL_TYPE (YrsPendingRegistration, yrs_pending_registration, YRS, PENDING_REGISTRATION, GObject)

const char *yrs_pending_registration_get_id         (YrsPendingRegistration *self);
const char *yrs_pending_registration_get_reference  (YrsPendingRegistration *self);
const char *yrs_pending_registration_get_ward       (YrsPendingRegistration *self);
const char *yrs_pending_registration_get_state      (YrsPendingRegistration *self);
const char *yrs_pending_registration_get_reason     (YrsPendingRegistration *self);
char       *yrs_pending_registration_dup_created_at (YrsPendingRegistration *self);
char       *yrs_pending_registration_dup_declared_summary (YrsPendingRegistration *self);

G_END_DECLS
