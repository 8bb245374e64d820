/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-case.h: one family on the nurse's visit list (issue 17).
 *
 * Read-only properties, notified when the case changes (a refresh):
 * "id" ("CASE-…", or "local:<key>" while the family she added is only in
 * the outbox), "ward", "family-name", "family-kana", "birth-date"
 * (YYYY-MM-DD), "child-birth-date", "due-date" (YYYY-MM-DD or NULL),
 * "phone", "address", "postal-code", "waiting" (a translated one-line
 * summary: "Waiting for the consultation after the birth"),
 * "added-by-staff", "pending" (TRUE while the case exists only in this
 * tablet's outbox). Made by YrsVisitList from the sealed cache; the
 * strings live only in this object's memory and are overwritten when it
 * goes. */

#pragma once

#include <gio/gio.h>

#include "yrs-answers.h"
#include "yrs-visit-record.h"

G_BEGIN_DECLS

#define YRS_TYPE_VISIT_CASE (yrs_visit_case_get_type ())
G_DECLARE_FINAL_TYPE (YrsVisitCase, yrs_visit_case, YRS, VISIT_CASE, GObject)

const char *yrs_visit_case_get_id            (YrsVisitCase *self);
const char *yrs_visit_case_get_ward          (YrsVisitCase *self);
const char *yrs_visit_case_get_family_name   (YrsVisitCase *self);
const char *yrs_visit_case_get_family_kana   (YrsVisitCase *self);
const char *yrs_visit_case_get_birth_date    (YrsVisitCase *self);
const char *yrs_visit_case_get_child_birth_date (YrsVisitCase *self);
const char *yrs_visit_case_get_due_date      (YrsVisitCase *self);
const char *yrs_visit_case_get_phone         (YrsVisitCase *self);
const char *yrs_visit_case_get_address       (YrsVisitCase *self);
const char *yrs_visit_case_get_postal_code   (YrsVisitCase *self);
/* Translated when read, in the language of that moment. */
char       *yrs_visit_case_dup_waiting       (YrsVisitCase *self);
gboolean    yrs_visit_case_get_added_by_staff (YrsVisitCase *self);
gboolean    yrs_visit_case_get_pending       (YrsVisitCase *self);

/* The eligibility answers the city holds (by question ID), for the
 * engine: the programmes to explain, the referrals to offer. Owned by the
 * case; never NULL (may be empty). */
YrsAnswers *yrs_visit_case_get_answers       (YrsVisitCase *self);
/* GListModel of YrsVisitSubmission: the family's applications and
 * registrations (reference, programme, state-label). Owned by the case. */
GListModel *yrs_visit_case_get_submissions   (YrsVisitCase *self);
/* GListModel of YrsVisitRecord: the family's History, newest first —
 * the city's consultation records and EPDS screenings (GET /v1/cases),
 * and the records saved on this tablet that the city's case does not
 * hold yet ("local"; "pending" while still in the outbox). Owned by the
 * case; a refresh changes its items in place. */
GListModel *yrs_visit_case_get_history       (YrsVisitCase *self);
/* The kinds of consultation already recorded for this family (the
 * server's and this tablet's still in the outbox), e.g. "notification". */
gboolean    yrs_visit_case_has_consultation  (YrsVisitCase *self,
                                              const char   *kind);

G_END_DECLS
