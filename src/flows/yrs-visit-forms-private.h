/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-forms-private.h: what the visit forms (YrsConsultationFlow,
 * YrsScreeningFlow) share. Only src/flows includes this. */

#pragma once

#include "yrs-answers.h"
#include "yrs-catalog.h"
#include "yrs-visit-case.h"

G_BEGIN_DECLS

/* The answers the eligibility engine evaluates a visited family with: a
 * copy of those the city holds for the case, completed (never
 * overridden) by what the case's family says: a baby's birth date (the
 * baby is born, on that day, one child unless the city says more), else
 * a due date (she is pregnant), and a postal code of the city (she lives
 * in it). */
YrsAnswers *_yrs_visit_forms_dup_answers (YrsVisitCase *visit_case,
                                          YrsCatalog   *catalog);

G_END_DECLS
