/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-record.h: one earlier record of a family, for the History
 * section of the visit list (issue 17's follow-up): a consultation record
 * or an EPDS screening, as the city holds it (GET /v1/cases) or as saved
 * on this tablet and still waiting in (or just leaving) the outbox.
 *
 * Read-only properties: "kind" ("consultation" | "screening"), "id" (the
 * server's CON-…/SCR-…, or the outbox key of one saved here), "date"
 * (YYYY-MM-DD), "local" (saved on this tablet, not yet in the city's
 * case), "pending" (local and not yet accepted by the city), "urgent"
 * (EPDS item 10 above 0), "high" (EPDS total at or above the line), and
 * the texts, made when read in the language of that moment: "title"
 * ("1 December 2026 · Consultation after the birth"), "details" (one line
 * per part of the record: place, who was there, topics, programmes
 * explained, follow-up with its date, notes; or the EPDS total, level,
 * urgent mark, support offered and chosen — never the items' wording),
 * "status" ("Not yet sent" / "Sent", empty for the city's own).
 * The record lives only in this object's memory (from her sealed cache). */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

#define YRS_TYPE_VISIT_RECORD (yrs_visit_record_get_type ())
G_DECLARE_FINAL_TYPE (YrsVisitRecord, yrs_visit_record, YRS, VISIT_RECORD, GObject)

/* From a Case's consultations[] / screenings[] item (kind says which);
 * local: saved here, pending: not yet accepted. @catalog (nullable)
 * names the programmes. */
YrsVisitRecord *yrs_visit_record_new         (const char *kind,
                                              JsonObject *record,
                                              YrsCatalog *catalog,
                                              gboolean    local,
                                              gboolean    pending);

const char *yrs_visit_record_get_kind        (YrsVisitRecord *self);
const char *yrs_visit_record_get_id          (YrsVisitRecord *self);
const char *yrs_visit_record_get_date        (YrsVisitRecord *self);
gboolean    yrs_visit_record_get_local       (YrsVisitRecord *self);
gboolean    yrs_visit_record_get_pending     (YrsVisitRecord *self);
gboolean    yrs_visit_record_get_urgent      (YrsVisitRecord *self);
gboolean    yrs_visit_record_get_high        (YrsVisitRecord *self);
char       *yrs_visit_record_dup_title       (YrsVisitRecord *self);
char       *yrs_visit_record_dup_details     (YrsVisitRecord *self);
char       *yrs_visit_record_dup_status      (YrsVisitRecord *self);

/* Newest first: by date, then the local ones before the city's. */
int         yrs_visit_record_compare         (gconstpointer a,
                                              gconstpointer b);

G_END_DECLS
