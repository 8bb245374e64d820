/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "yrs-answers.h"
#include "yrs-catalog.h"
#include "yrs-date.h"
#include "yrs-visit-case.h"

G_BEGIN_DECLS

#define YRS_TYPE_CONSULTATION_FLOW (yrs_consultation_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsConsultationFlow, yrs_consultation_flow, YRS, CONSULTATION_FLOW, GObject)

/* The state of a consultation record (面談記録) a nurse fills in for one
 * family, and the rules it obeys (yrs-consultation.h): GTK-free, so a
 * page binds and a test drives it alike.
 *
 * Properties: "case-id" (read-only), "kind", "date" (ISO, the tablet's
 * today to start with), "place", "follow-up-kind" ("none" to start
 * with), "follow-up-date" (ISO or NULL), "notes"; read-only:
 * "follow-up-needs-date", "can-save" (the record is complete and
 * consistent), "show-errors" (TRUE after a build() that failed, so a form
 * shows its messages only once she has tried), "error" (the summary at
 * the top, NULL when none is shown) and one message per field:
 * "kind-error", "date-error", "place-error", "present-error",
 * "follow-up-error" (NULL when none is shown).
 *
 * The ticked lists are GListModels of YrsRecordItem ("active"): the
 * topics (the fixed list), who was there, and the programmes to explain:
 * those the family can use as the eligibility engine computes it from
 * the answers the city holds, as of the tablet's today. */
YrsConsultationFlow *yrs_consultation_flow_new        (YrsVisitCase *visit_case,
                                                       YrsCatalog   *catalog,
                                                       YrsDate       today);
/* The same from a case's id and answers (the tests; a case not yet on
 * the list). @answers is copied. */
YrsConsultationFlow *yrs_consultation_flow_new_for_answers (const char *case_id,
                                                            YrsAnswers *answers,
                                                            YrsCatalog *catalog,
                                                            YrsDate     today);

const char *yrs_consultation_flow_get_case_id       (YrsConsultationFlow *self);
const char *yrs_consultation_flow_get_kind          (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_kind          (YrsConsultationFlow *self,
                                                     const char          *kind);
const char *yrs_consultation_flow_get_date          (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_date          (YrsConsultationFlow *self,
                                                     const char          *iso);
const char *yrs_consultation_flow_get_place         (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_place         (YrsConsultationFlow *self,
                                                     const char          *place);
const char *yrs_consultation_flow_get_follow_up_kind (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_follow_up_kind (YrsConsultationFlow *self,
                                                      const char          *kind);
const char *yrs_consultation_flow_get_follow_up_date (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_follow_up_date (YrsConsultationFlow *self,
                                                      const char          *iso);
const char *yrs_consultation_flow_get_notes         (YrsConsultationFlow *self);
void        yrs_consultation_flow_set_notes         (YrsConsultationFlow *self,
                                                     const char          *notes);
gboolean    yrs_consultation_flow_get_can_save      (YrsConsultationFlow *self);
const char *yrs_consultation_flow_get_error         (YrsConsultationFlow *self);

GListModel *yrs_consultation_flow_get_topics        (YrsConsultationFlow *self);
GListModel *yrs_consultation_flow_get_present       (YrsConsultationFlow *self);
GListModel *yrs_consultation_flow_get_programmes    (YrsConsultationFlow *self);
/* Ticks an item of one of the lists by id; FALSE when it has no such
 * item. */
gboolean    yrs_consultation_flow_set_active        (YrsConsultationFlow *self,
                                                     GListModel          *list,
                                                     const char          *id,
                                                     gboolean             active);

/* The record as POST /v1/consultations takes it, without "case":
 * {"kind", "date", "place", "present", "topics", "programmes_explained",
 * "follow_up": {"kind", "date"?}, "notes"}. NULL with a
 * G_IO_ERROR_INVALID_DATA (the first problem's message) when the record
 * is not complete; the form's messages then show. */
JsonObject *yrs_consultation_flow_build             (YrsConsultationFlow *self,
                                                     GError             **error);

G_END_DECLS
