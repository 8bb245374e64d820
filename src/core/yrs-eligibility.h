/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-eligibility.h: which programmes a family can use as of a date, why,
 * and what each is worth. A pure function of (catalogue, answers, date):
 * the figures and dates are catalogue parameters, the formulas are here. */

#pragma once

#include <gio/gio.h>

#include "yrs-answers.h"
#include "yrs-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  YRS_STATUS_ELIGIBLE,
  YRS_STATUS_NOT_ELIGIBLE,
  YRS_STATUS_NOT_YET,        /* result.from: the first eligible day, when known */
  YRS_STATUS_NEEDS_ANSWERS,  /* result.missing: the question IDs */
} YrsStatus;

#define YRS_REASON_MAX_PARAMS 4

typedef struct
{
  const char *name;          /* interned */
  YrsValue    value;         /* strings interned */
} YrsReasonParam;

/* A reason as a code with parameters ("child_under_age" {"years": 2,
 * "until": 2026-03-19}). Plain data: copy it freely, nothing to free.
 * yrs-reason.h turns it into a sentence; CATALOG.md lists the codes. */
typedef struct
{
  const char     *code;      /* interned */
  guint           n_params;
  YrsReasonParam  params[YRS_REASON_MAX_PARAMS];
} YrsReason;

#define YRS_RESULT_MAX_REASONS 12
#define YRS_RESULT_MAX_MISSING 8

/* The result for one programme. Figures are -1 when they do not apply or
 * are not known (a fee needs care.facility and care.kind). */
typedef struct
{
  const YrsProgramme *programme;
  const char         *programme_id;    /* interned */
  YrsStatus           status;
  YrsDate             from;            /* not_yet: first eligible day; unset = after an event */
  YrsDate             until;           /* last eligible day, for time-limited ones */
  gint64              amount_yen;      /* payments: the amount */
  gint64              fee_yen;         /* services: the fee per use after reductions, never < 0 */
  gint64              gross_fee_yen;   /* services: the facility's fee per use */
  gint64              reduction_yen;   /* services: the reduction per use */
  int                 visits_max;      /* uses/visits in all, or -1 */
  gboolean            sample;          /* a figure above is a sample value */
  gboolean            prominent;       /* show first and gently (grief care after a loss) */
  guint               n_missing;
  const char         *missing[YRS_RESULT_MAX_MISSING];   /* question IDs, interned */
  guint               n_reasons;
  YrsReason           reasons[YRS_RESULT_MAX_REASONS];
} YrsResult;

#define YRS_TYPE_EVALUATION (yrs_evaluation_get_type ())
G_DECLARE_FINAL_TYPE (YrsEvaluation, yrs_evaluation, YRS, EVALUATION, GObject)

/* Evaluates every programme of `catalog` as of `as_of` (a year within
 * YRS_ANSWERS_MIN_YEAR…YRS_ANSWERS_MAX_YEAR). Answers that are
 * not valid for their question (wrong type, unknown option, out of range)
 * count as unanswered. Never fails. Results come in catalogue order, except
 * that prominent results (grief care after a loss) come first. */
YrsEvaluation   *yrs_eligibility_evaluate       (YrsCatalog *catalog,
                                                 YrsAnswers *answers,
                                                 YrsDate     as_of);

/* The IDs of the check-stage questions whose answer could still change a
 * result, in the catalogue's asking order: the wizard asks exactly these.
 * Free with g_free (the strings are interned). NULL-terminated. */
const char     **yrs_eligibility_next_questions (YrsCatalog *catalog,
                                                 YrsAnswers *answers,
                                                 YrsDate     as_of);

/* The next infant check-up due on `as_of` (the first one offered whose
 * window has not ended) and its age window. FALSE when no child is born,
 * the birth date is unknown, or all are past. */
gboolean         yrs_eligibility_next_checkup   (YrsCatalog        *catalog,
                                                 YrsAnswers        *answers,
                                                 YrsDate            as_of,
                                                 const YrsCheckup **checkup,
                                                 YrsDate           *from,
                                                 YrsDate           *until);

YrsCatalog      *yrs_evaluation_get_catalog     (YrsEvaluation *self);
YrsDate          yrs_evaluation_get_as_of       (YrsEvaluation *self);
guint            yrs_evaluation_get_n_results   (YrsEvaluation *self);
const YrsResult *yrs_evaluation_get_result      (YrsEvaluation *self,
                                                 guint          index);
const YrsResult *yrs_evaluation_lookup          (YrsEvaluation *self,
                                                 const char    *programme_id);
/* The union of all results' missing question IDs, in asking order
 * (NULL-terminated, free with g_free). */
const char     **yrs_evaluation_get_missing     (YrsEvaluation *self);
/* As yrs_eligibility_next_checkup(), from this evaluation. */
gboolean         yrs_evaluation_get_next_checkup (YrsEvaluation     *self,
                                                  const YrsCheckup **checkup,
                                                  YrsDate           *from,
                                                  YrsDate           *until);
/* {"as_of": ..., "results": [{"programme", "status", "amount_yen",
 * "fee_yen", "reduction_yen", "from", "until", "reasons": [{"code",
 * "params", "text"}], ...}]}; texts in the current gettext language,
 * dates and money formatted for `lang`. */
char            *yrs_evaluation_to_json         (YrsEvaluation *self,
                                                 YrsLang        lang,
                                                 gboolean       pretty);

/* "eligible", "not_eligible", "not_yet", "needs_answers" */
const char      *yrs_status_to_string           (YrsStatus      status);
gboolean         yrs_status_from_string         (const char    *text,
                                                 YrsStatus     *status);
/* Translated, for people: "Eligible" / "対象です". */
const char      *yrs_status_get_label           (YrsStatus      status);

/* A reason parameter by name, or NULL. */
const YrsValue  *yrs_reason_get_param           (const YrsReason *reason,
                                                 const char      *name);
/* TRUE when the result carries a reason with this code. */
gboolean         yrs_result_has_reason          (const YrsResult *result,
                                                 const char      *code);

G_END_DECLS
