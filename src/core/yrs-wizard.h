/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-wizard.h: the eligibility wizard's path, a pure function of
 * (catalogue, answers, as-of date). The wizard asks one question at a
 * time, only those yrs_eligibility_next_questions() says still matter
 * given the answers that are on the path so far; an answer the path no
 * longer reaches (a loss date after choosing "born") never counts. */

#pragma once

#include <glib.h>

#include "yrs-answers.h"
#include "yrs-catalog.h"
#include "yrs-eligibility.h"

G_BEGIN_DECLS

/* The questions that matter given `answers`, in asking order, up to and
 * including the first one not answered (validly) yet; none when all that
 * matter are answered. `n_more` receives how many more the wizard would
 * still ask after that one, as it stands (an estimate for the step
 * indicator). NULL-terminated; free with g_free (the strings are
 * interned). */
const char    **yrs_wizard_get_path          (YrsCatalog *catalog,
                                              YrsAnswers *answers,
                                              YrsDate     as_of,
                                              guint      *n_path,
                                              guint      *n_more);

/* Whether the answer to `question` can be true as of `as_of`: the date
 * of something that has happened (the day the baby was born, the day a
 * pregnancy ended, the day it was notified) is not after it (a due date
 * would be another question). FALSE with a sentence for the person
 * (YRS_FORM_ERROR_DATE_FUTURE) when it cannot; TRUE when there is no
 * answer. The path (above) stops at such an answer as at a missing one,
 * so it never counts. */
gboolean        yrs_wizard_check_answer      (const YrsQuestion *question,
                                              YrsAnswers        *answers,
                                              YrsDate            as_of,
                                              GError           **error);
/* A copy of `answers` limited to the questions on the path, plus the
 * answers given at booking time (facility, kind of care, infectious
 * disease today), which are not on the wizard's path but count for fees. */
YrsAnswers     *yrs_wizard_dup_path_answers  (YrsCatalog *catalog,
                                              YrsAnswers *answers,
                                              YrsDate     as_of);

/* The catalogue evaluated for the path answers as of `as_of`. */
YrsEvaluation  *yrs_wizard_evaluate          (YrsCatalog *catalog,
                                              YrsAnswers *answers,
                                              YrsDate     as_of);

G_END_DECLS
