/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-wizard"

#include "config.h"

#include "yrs-form.h"
#include "yrs-wizard.h"

/* Questions whose date is of something that has already happened. */
static const char *past_dates[] = {
  "birth.born_on",
  "loss.on",
  "pregnancy.notified_on",
};

gboolean
yrs_wizard_check_answer (const YrsQuestion *question,
                         YrsAnswers        *answers,
                         YrsDate            as_of,
                         GError           **error)
{
  const char *id;
  YrsDate date;

  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), FALSE);

  id = yrs_question_get_id (question);
  if (yrs_question_get_qtype (question) != YRS_QUESTION_DATE ||
      !yrs_answers_get_date (answers, id, &date))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (past_dates); i++)
    if (g_str_equal (id, past_dates[i]))
      return yrs_form_check_not_future (date, as_of, NULL, error);
  return TRUE;
}

/* Answered, in the answer's type and range, and possible. */
static gboolean
answered_validly (YrsAnswers        *answers,
                  const YrsQuestion *question,
                  YrsDate            as_of)
{
  return yrs_answers_is_valid_for (answers, question) &&
         yrs_wizard_check_answer (question, answers, as_of, NULL);
}

/* A stand-in answer, only to see how many questions would follow. */
static void
set_probe_answer (YrsAnswers        *probe,
                  const YrsQuestion *question,
                  YrsDate            as_of)
{
  const char *id = yrs_question_get_id (question);

  switch (yrs_question_get_qtype (question))
    {
    case YRS_QUESTION_BOOL:
      yrs_answers_set_bool (probe, id, TRUE);
      break;
    case YRS_QUESTION_INT:
      yrs_answers_set_int (probe, id, MAX (yrs_question_get_min (question), 1));
      break;
    case YRS_QUESTION_DATE:
      yrs_answers_set_date (probe, id, yrs_date_add_days (as_of, -14));
      break;
    case YRS_QUESTION_ENUM:
    default:
      if (yrs_question_get_n_options (question) > 0)
        yrs_answers_set_string (probe, id, yrs_question_get_option_value (question, 0));
      break;
    }
}

/* How many questions would come after `frontier`, for the step indicator:
 * the engine only lists what the known answers make relevant, so the walk
 * goes on with the person's answers where there are some and stand-ins
 * elsewhere. An estimate; the path itself never uses the stand-ins. */
static guint
count_ahead (YrsCatalog *catalog,
             YrsAnswers *answers,
             YrsDate     as_of,
             YrsAnswers *partial,
             const char *frontier)
{
  g_autoptr(YrsAnswers) probe = yrs_answers_copy (partial);
  guint n_questions = yrs_catalog_get_n_questions (catalog);
  const char *id = frontier;
  guint count = 0;

  for (guint guard = 0; guard <= n_questions && id != NULL; guard++)
    {
      const YrsQuestion *question = yrs_catalog_lookup_question (catalog, id);
      g_autofree const char **next = NULL;
      YrsValue value = YRS_VALUE_INIT;

      if (question == NULL)
        break;
      if (answered_validly (answers, question, as_of) &&
          yrs_answers_get_value (answers, id, &value))
        yrs_answers_set_value (probe, id, &value);
      else
        set_probe_answer (probe, question, as_of);

      next = yrs_eligibility_next_questions (catalog, probe, as_of);
      id = NULL;
      for (guint i = 0; next != NULL && next[i] != NULL; i++)
        if (!yrs_answers_has (probe, next[i]))
          {
            id = next[i];
            count++;
            break;
          }
    }
  return count;
}

/* Walks the wizard as the engine would: from no answers, take the first
 * question it still asks; if the person has answered it, carry that answer
 * over into `partial` and ask again. Stops at the first unanswered one. */
static const char **
walk_path (YrsCatalog *catalog,
           YrsAnswers *answers,
           YrsDate     as_of,
           YrsAnswers *partial,
           guint      *n_path,
           guint      *n_more)
{
  GPtrArray *path = g_ptr_array_new ();
  guint more = 0;
  guint n_questions = yrs_catalog_get_n_questions (catalog);

  for (guint guard = 0; guard <= n_questions; guard++)
    {
      g_autofree const char **next = yrs_eligibility_next_questions (catalog, partial, as_of);
      const YrsQuestion *question = NULL;
      const char *id = NULL;

      for (guint i = 0; next != NULL && next[i] != NULL; i++)
        if (!yrs_answers_has (partial, next[i]))
          {
            id = next[i];
            break;
          }
      if (id == NULL)
        break;

      g_ptr_array_add (path, (gpointer) id);
      question = yrs_catalog_lookup_question (catalog, id);
      if (question != NULL && answered_validly (answers, question, as_of))
        {
          YrsValue value = YRS_VALUE_INIT;

          yrs_answers_get_value (answers, id, &value);
          yrs_answers_set_value (partial, id, &value);
          continue;
        }

      if (n_more != NULL)
        more = count_ahead (catalog, answers, as_of, partial, id);
      break;
    }

  if (n_path != NULL)
    *n_path = path->len;
  if (n_more != NULL)
    *n_more = more;
  g_ptr_array_add (path, NULL);
  return (const char **) g_ptr_array_free (path, FALSE);
}

const char **
yrs_wizard_get_path (YrsCatalog *catalog,
                     YrsAnswers *answers,
                     YrsDate     as_of,
                     guint      *n_path,
                     guint      *n_more)
{
  g_autoptr(YrsAnswers) partial = NULL;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), NULL);

  partial = yrs_answers_new ();
  return walk_path (catalog, answers, as_of, partial, n_path, n_more);
}

YrsAnswers *
yrs_wizard_dup_path_answers (YrsCatalog *catalog,
                             YrsAnswers *answers,
                             YrsDate     as_of)
{
  YrsAnswers *partial;
  g_autofree const char **path = NULL;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), NULL);

  partial = yrs_answers_new ();
  path = walk_path (catalog, answers, as_of, partial, NULL, NULL);

  /* Answers given at booking time are not on the wizard's path but count
   * for fees. */
  for (guint i = 0; i < yrs_catalog_get_n_questions (catalog); i++)
    {
      const YrsQuestion *question = yrs_catalog_get_question (catalog, i);
      YrsValue value = YRS_VALUE_INIT;

      if (yrs_question_get_stage (question) == YRS_QUESTION_STAGE_BOOKING &&
          yrs_answers_get_value (answers, yrs_question_get_id (question), &value))
        yrs_answers_set_value (partial, yrs_question_get_id (question), &value);
    }
  return partial;
}

YrsEvaluation *
yrs_wizard_evaluate (YrsCatalog *catalog,
                     YrsAnswers *answers,
                     YrsDate     as_of)
{
  g_autoptr(YrsAnswers) path_answers = NULL;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), NULL);

  path_answers = yrs_wizard_dup_path_answers (catalog, answers, as_of);
  return yrs_eligibility_evaluate (catalog, path_answers, as_of);
}
