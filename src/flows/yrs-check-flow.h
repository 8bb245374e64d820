/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-result-item.h"
#include "yrs-session.h"

G_BEGIN_DECLS

#define YRS_TYPE_CHECK_FLOW (yrs_check_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsCheckFlow, yrs_check_flow, YRS, CHECK_FLOW, GObject)

/* The eligibility check: the wizard (one question at a time, only those
 * that still matter; src/core/yrs-wizard.h) and its results. Made by
 * yrs_session_get_check(); the answers and the wizard's position live in
 * the session (its draft), so a language switch or a restart keeps them.
 *
 * Each change of the answers (or of the session's date or catalogue)
 * walks the path and evaluates the catalogue once; reading properties
 * never evaluates. Sentences are made when read, in the current language.
 *
 * Properties (read-only, notified when they change):
 *   "answers"          YrsAnswers, the session's
 *   "question-id"      the question on screen, or NULL when none is left
 *   "question-text", "question-help", "has-help"
 *   "step", "n-steps"  1-based position and the steps as they stand
 *   "can-go-next"      the question on screen has a valid answer
 *   "can-go-back"      there is an earlier question
 *   "evaluation"       YrsEvaluation of the answers on the path
 *   "intro"            the results' opening sentence
 *   "support-results", "main-results", "info-results"
 *                      GListModels of YrsResultItem, the three groups of
 *                      the results page in evaluation order
 *   "has-info"         "info-results" is not empty
 *   "checkup"          YrsResultItem of the baby's next check-up, or NULL
 *   "coming-results", "has-coming"   not yet, with from when
 *   "not-eligible-results", "n-not-eligible", "not-eligible-title"
 *                      folded away on the page, with the count
 *   "can-book"         postpartum care can be booked from the results
 *   "source"           the one source line of the page
 *   "answer-error"     what is impossible in the answer on screen (a
 *                      birth date after today), in the current language,
 *                      or NULL; the answer is kept as given
 * The page shows: support, main (apply or book now, first), the check-up,
 * coming, information, then the folded not-eligible ones.
 */
YrsCheckFlow      *yrs_check_flow_new               (YrsSession   *session);
char              *yrs_check_flow_dup_answer_error  (YrsCheckFlow *self);

YrsAnswers        *yrs_check_flow_get_answers       (YrsCheckFlow *self);
const char        *yrs_check_flow_get_question_id   (YrsCheckFlow *self);
const YrsQuestion *yrs_check_flow_get_question      (YrsCheckFlow *self);
const char        *yrs_check_flow_get_question_text (YrsCheckFlow *self);
const char        *yrs_check_flow_get_question_help (YrsCheckFlow *self);
guint              yrs_check_flow_get_step          (YrsCheckFlow *self);
guint              yrs_check_flow_get_n_steps       (YrsCheckFlow *self);
gboolean           yrs_check_flow_get_can_go_next   (YrsCheckFlow *self);
gboolean           yrs_check_flow_get_can_go_back   (YrsCheckFlow *self);
/* The path's question IDs (NULL-terminated, interned) and, in n_more,
 * how many more the wizard would still ask. Owned by the flow. */
const char *const *yrs_check_flow_get_path          (YrsCheckFlow *self,
                                                     guint        *n_path,
                                                     guint        *n_more);

YrsEvaluation     *yrs_check_flow_get_evaluation    (YrsCheckFlow *self);
char              *yrs_check_flow_dup_intro         (YrsCheckFlow *self);
GListModel        *yrs_check_flow_get_support_results (YrsCheckFlow *self);
GListModel        *yrs_check_flow_get_main_results  (YrsCheckFlow *self);
GListModel        *yrs_check_flow_get_info_results  (YrsCheckFlow *self);
YrsResultItem     *yrs_check_flow_get_checkup       (YrsCheckFlow *self);
/* Not yet: from a date or after the birth (each card says when). */
GListModel        *yrs_check_flow_get_coming_results (YrsCheckFlow *self);
/* Not eligible: folded away on the page, under
 * yrs_check_flow_dup_not_eligible_title() (which carries the count).
 * After a loss, services for a baby are left out altogether. */
GListModel        *yrs_check_flow_get_not_eligible_results (YrsCheckFlow *self);
char              *yrs_check_flow_dup_not_eligible_title (YrsCheckFlow *self);
/* Postpartum care can be booked (never after a loss). */
gboolean           yrs_check_flow_get_can_book      (YrsCheckFlow *self);
/* The results' source, once for the page, in the current language. */
char              *yrs_check_flow_dup_source        (YrsCheckFlow *self);
/* The card of a programme in any group, or NULL. */
YrsResultItem     *yrs_check_flow_lookup_result     (YrsCheckFlow *self,
                                                     const char   *programme_id);

/* Answers to the question on screen; nothing when there is none. */
void               yrs_check_flow_answer_bool       (YrsCheckFlow *self,
                                                     gboolean      value);
void               yrs_check_flow_answer_int        (YrsCheckFlow *self,
                                                     gint64        value);
void               yrs_check_flow_answer_date       (YrsCheckFlow *self,
                                                     YrsDate       value);
void               yrs_check_flow_answer_string     (YrsCheckFlow *self,
                                                     const char   *value);
void               yrs_check_flow_clear_answer      (YrsCheckFlow *self);
/* The number a number question shows: the answer, or its default (which
 * counts as the answer when the person goes on without changing it). */
gint64             yrs_check_flow_get_int_value     (YrsCheckFlow *self);

/* Goes to the next question. Returns TRUE when the wizard is through
 * (every question that matters is answered: show the results), FALSE
 * when it stays (a next question, or no valid answer yet). */
gboolean           yrs_check_flow_next              (YrsCheckFlow *self);
/* Goes to the previous question; FALSE when already at the first. */
gboolean           yrs_check_flow_back              (YrsCheckFlow *self);

/* Looks again at the session's date, catalogue and step (the session
 * calls this when it sets them); re-evaluates only if the date or the
 * catalogue changed. Also right after midnight when no date is set. */
void               yrs_check_flow_refresh           (YrsCheckFlow *self);

G_END_DECLS
