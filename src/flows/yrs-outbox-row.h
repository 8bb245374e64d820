/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_OUTBOX_ROW (yrs_outbox_row_get_type ())

G_DECLARE_FINAL_TYPE (YrsOutboxRow, yrs_outbox_row, YRS, OUTBOX_ROW, GObject)

/* One submission in a YrsOutboxModel, as the outbox page shows it. The
 * words (kind, title, sentence) are in the current gettext language when
 * read, so a page rebuilt after a language switch shows them in the new
 * one. Every property is read-only and notified when the row's state
 * changes. */

/* The idempotency key: what yrs_outbox_model_discard() takes. */
const char *yrs_outbox_row_get_key          (YrsOutboxRow *self);
/* "application", "registration", "reservation", "cancellation" */
const char *yrs_outbox_row_get_kind         (YrsOutboxRow *self);
/* "Application", "Postpartum care registration", … */
const char *yrs_outbox_row_get_kind_text    (YrsOutboxRow *self);
/* g_get_real_time() when it was queued */
gint64      yrs_outbox_row_get_created_at   (YrsOutboxRow *self);
/* "2025-06-01 10:00", local time */
char       *yrs_outbox_row_dup_created_text (YrsOutboxRow *self);
/* "Application · 2025-06-01 10:00", with the programme and the family
 * between when known: "Application · Pregnancy support payment (first
 * payment) · 寄添 花子 · 2025-06-01 10:00" */
char       *yrs_outbox_row_dup_title        (YrsOutboxRow *self);
/* An application's programme, by its title in the catalogue; else NULL. */
char       *yrs_outbox_row_dup_programme_text (YrsOutboxRow *self);
/* The family's name as the form gave it (the applicant's); NULL unless
 * the model is a staff member's (a kiosk's has no rows anyway). */
char       *yrs_outbox_row_dup_family       (YrsOutboxRow *self);
/* The sentence, and while it waits, the temporary number on the
 * family's receipt and that the city's will show here; once received,
 * the sentence gives the city's number. */
char       *yrs_outbox_row_dup_details      (YrsOutboxRow *self);
/* "queued", "sending", "accepted", "rejected", "conflict" */
const char *yrs_outbox_row_get_state        (YrsOutboxRow *self);
const char *yrs_outbox_row_get_icon_name    (YrsOutboxRow *self);
/* What became of it, in words (src/flows/yrs-sync-messages): waiting,
 * sending, received with the city's reference, the reason of a rejection
 * naming the fields to check, a slot conflict; never the server's JSON. */
char       *yrs_outbox_row_dup_sentence     (YrsOutboxRow *self);
/* The city's reference number once accepted, else NULL. */
const char *yrs_outbox_row_get_reference    (YrsOutboxRow *self);
/* Rejected or in conflict, and the model's owner is a staff member. */
gboolean    yrs_outbox_row_get_can_discard  (YrsOutboxRow *self);

G_END_DECLS
