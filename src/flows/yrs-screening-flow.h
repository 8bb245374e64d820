/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "yrs-answers.h"
#include "yrs-catalog.h"
#include "yrs-date.h"
#include "yrs-visit-case.h"
#include "yrs-record-item.h"

G_BEGIN_DECLS

#define YRS_TYPE_SCREENING_FLOW (yrs_screening_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsScreeningFlow, yrs_screening_flow, YRS, SCREENING_FLOW, GObject)

/* An EPDS entered on the newborn visit (issue 17): the ten item scores as
 * the nurse copies them from the mother's paper form, never the items'
 * wording and never a diagnosis; the rules are yrs-epds.h's.
 *
 * Properties (read-only unless said): "case-id", "date" (read-write,
 * ISO, today to start with), "total" (of the items entered so far),
 * "complete" (all ten entered), "high" (complete and total >= 9),
 * "urgent" (item 10 above 0), "offer-support" (high or urgent: the
 * support panel shows), "urgent-acknowledged" (read-write; cleared each
 * time item 10 goes from 0 to above 0), "can-save", "error" (after a
 * build() that failed, what is missing; else NULL), "sos-line" (the
 * catalogue's 24-hour line, title and number, for the urgent prompt).
 *
 * The referrals are a GListModel of YrsRecordItem ("offered", "chosen"):
 * 産後ケア with her eligibility as the engine computes it ("can-register"
 * when she can be registered from here), counselling, and the
 * prefecture's perinatal mental-health service, from the catalogue. */
YrsScreeningFlow *yrs_screening_flow_new          (YrsVisitCase *visit_case,
                                                   YrsCatalog   *catalog,
                                                   YrsDate       today);
YrsScreeningFlow *yrs_screening_flow_new_for_answers (const char *case_id,
                                                      YrsAnswers *answers,
                                                      YrsCatalog *catalog,
                                                      YrsDate     today);

const char *yrs_screening_flow_get_case_id        (YrsScreeningFlow *self);
/* Item @index counted from 1 as on the paper form (1..10); @score 0..3,
 * or -1 (YRS_EPDS_UNSET) to clear it. */
void        yrs_screening_flow_set_item           (YrsScreeningFlow *self,
                                                   guint             index,
                                                   int               score);
int         yrs_screening_flow_get_item           (YrsScreeningFlow *self,
                                                   guint             index);
int         yrs_screening_flow_get_total          (YrsScreeningFlow *self);
gboolean    yrs_screening_flow_get_complete       (YrsScreeningFlow *self);
gboolean    yrs_screening_flow_get_high           (YrsScreeningFlow *self);
gboolean    yrs_screening_flow_get_urgent         (YrsScreeningFlow *self);
gboolean    yrs_screening_flow_get_urgent_acknowledged (YrsScreeningFlow *self);
void        yrs_screening_flow_set_urgent_acknowledged (YrsScreeningFlow *self,
                                                        gboolean          acknowledged);
gboolean    yrs_screening_flow_get_can_save       (YrsScreeningFlow *self);
const char *yrs_screening_flow_get_error          (YrsScreeningFlow *self);
/* The consultation this screening was part of (its local or server id),
 * or NULL. */
void        yrs_screening_flow_set_consultation   (YrsScreeningFlow *self,
                                                   const char       *consultation);
GListModel *yrs_screening_flow_get_referrals      (YrsScreeningFlow *self);
/* A referral by programme id ("postpartum_care"), or NULL. */
YrsRecordItem *yrs_screening_flow_lookup_referral (YrsScreeningFlow *self,
                                                   const char       *id);

/* The record as POST /v1/screenings takes it, without "case":
 * {"consultation"?, "instrument": "epds", "date", "items": [10],
 * "offered", "chosen", "urgent_acknowledged"}; offered and chosen only
 * while the panel shows. NULL with a G_IO_ERROR_INVALID_DATA when an item
 * is missing or the urgent prompt is not acknowledged. */
JsonObject *yrs_screening_flow_build              (YrsScreeningFlow *self,
                                                   GError          **error);

G_END_DECLS
