/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target: the answers parser. Answers that parse survive a JSON
 * round trip unchanged, and evaluate against the bundled catalogue
 * whether or not they are valid for it. */

#include "config.h"

#include <stdint.h>

#include "yrs-eligibility.h"
#include "yrs-reason.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static YrsCatalog *catalog;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsAnswers) again = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree const char **next = NULL;

  if (catalog == NULL)
    catalog = yrs_catalog_new_default ();

  answers = yrs_answers_new_from_json ((const char *) data, (gssize) size, &error);
  if (answers == NULL)
    {
      g_assert (error != NULL && error->domain == YRS_ANSWERS_ERROR);
      return 0;
    }

  text = yrs_answers_to_json (answers);
  again = yrs_answers_new_from_json (text, -1, NULL);
  g_assert (again != NULL);
  g_assert (yrs_answers_equal (answers, again));

  if (!yrs_answers_validate (answers, catalog, &error))
    g_assert (error != NULL && error->domain == YRS_ANSWERS_ERROR);

  evaluation = yrs_eligibility_evaluate (catalog, answers, yrs_date_new (2025, 6, 10));
  for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
    {
      const YrsResult *r = yrs_evaluation_get_result (evaluation, i);

      g_assert (r->fee_yen >= -1 && r->reduction_yen >= -1 && r->amount_yen >= -1);
      for (guint j = 0; j < r->n_reasons; j++)
        {
          g_autofree char *sentence = yrs_reason_to_text (&r->reasons[j], catalog, YRS_LANG_EN);

          g_assert (sentence != NULL);
        }
    }
  json = yrs_evaluation_to_json (evaluation, YRS_LANG_EN, FALSE);
  next = yrs_eligibility_next_questions (catalog, answers, yrs_date_new (2025, 6, 10));
  g_assert (json != NULL && next != NULL);
  return 0;
}
