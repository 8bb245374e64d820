/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The eligibility wizard's path (src/core/yrs-wizard.c): which questions
 * are asked for a household, in which order, how many more the step
 * indicator promises, and which answers count. */

#include "config.h"

#include <string.h>

#include "yrs-form.h"
#include "yrs-wizard.h"

static YrsDate
d (const char *iso)
{
  YrsDate date;

  g_assert_true (yrs_date_parse_iso (iso, &date, NULL));
  return date;
}

static char *
join (const char **path)
{
  return g_strjoinv (" ", (char **) path);
}

static void
test_path_empty (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  guint n_path = 99, n_more = 0;
  g_autofree const char **path = yrs_wizard_get_path (catalog, answers, d ("2025-04-15"),
                                                      &n_path, &n_more);

  /* The first question, and the promise of more to come. */
  g_assert_cmpuint (n_path, ==, 1);
  g_assert_cmpstr (path[0], ==, "residence.in_city");
  g_assert_null (path[1]);
  g_assert_cmpuint (n_more, >, 0);
}

/* A resident, pregnant: the notification is asked, never a birth or a
 * loss; the path ends at the first unanswered question. */
static void
test_path_pregnant (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  YrsDate as_of = d ("2025-06-10");
  guint n_path = 0, n_more = 0, n_more_before;
  g_autofree const char **path = NULL;
  g_autofree char *text = NULL;

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  path = yrs_wizard_get_path (catalog, answers, as_of, &n_path, &n_more);
  g_assert_cmpuint (n_path, ==, 3);
  g_assert_cmpstr (path[0], ==, "residence.in_city");
  g_assert_cmpstr (path[1], ==, "pregnancy.status");
  g_assert_cmpstr (path[2], ==, "pregnancy.notified_on");
  g_assert_cmpuint (n_more, >, 0);
  n_more_before = n_more;
  g_clear_pointer (&path, g_free);

  /* Answering moves the frontier on, and the promise shrinks. */
  yrs_answers_set_date (answers, "pregnancy.notified_on", d ("2025-06-02"));
  path = yrs_wizard_get_path (catalog, answers, as_of, &n_path, &n_more);
  g_assert_cmpuint (n_path, ==, 4);
  g_assert_cmpstr (path[2], ==, "pregnancy.notified_on");
  g_assert_cmpuint (n_more, <, n_more_before);
  g_clear_pointer (&path, g_free);

  /* To the end: every question answered as "no"/1. */
  for (guint guard = 0; guard < 20; guard++)
    {
      const YrsQuestion *question;

      path = yrs_wizard_get_path (catalog, answers, as_of, &n_path, &n_more);
      question = yrs_catalog_lookup_question (catalog, path[n_path - 1]);
      if (yrs_answers_is_valid_for (answers, question))
        break;
      switch (yrs_question_get_qtype (question))
        {
        case YRS_QUESTION_BOOL:
          yrs_answers_set_bool (answers, path[n_path - 1], FALSE);
          break;
        case YRS_QUESTION_INT:
          yrs_answers_set_int (answers, path[n_path - 1], 1);
          break;
        case YRS_QUESTION_DATE:
          yrs_answers_set_date (answers, path[n_path - 1], d ("2025-06-02"));
          break;
        case YRS_QUESTION_ENUM:
        default:
          yrs_answers_set_string (answers, path[n_path - 1], yrs_question_get_option_value (question, 0));
          break;
        }
      g_clear_pointer (&path, g_free);
    }
  g_assert_nonnull (path);
  /* All answered: nothing more to ask. */
  g_assert_cmpuint (n_more, ==, 0);
  text = join (path);
  g_test_message ("pregnant: %s", text);
  for (guint i = 0; i < n_path; i++)
    {
      g_assert_false (g_str_has_prefix (path[i], "birth."));
      g_assert_false (g_str_has_prefix (path[i], "loss."));
      /* No booking-time question on the wizard's path. */
      g_assert_false (g_str_has_prefix (path[i], "care."));
    }
  g_assert_nonnull (strstr (text, "household.tax_exempt"));
}

/* Twins born: every question that matters answered, so the path is those
 * questions and nothing is left to ask. */
static void
test_path_twins_complete (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  guint n_path = 0, n_more = 99;
  g_autofree const char **path = NULL;

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-20"));
  yrs_answers_set_int (answers, "birth.children", 2);
  yrs_answers_set_bool (answers, "need.declared", TRUE);
  yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);
  yrs_answers_set_bool (answers, "household.public_assistance", FALSE);

  path = yrs_wizard_get_path (catalog, answers, d ("2025-04-15"), &n_path, &n_more);
  g_assert_cmpuint (n_path, ==, 7);
  g_assert_cmpuint (n_more, ==, 0);
  for (guint i = 0; i < n_path; i++)
    g_assert_true (yrs_answers_has (answers, path[i]));
  g_assert_cmpstr (path[0], ==, "residence.in_city");
  g_assert_cmpstr (path[1], ==, "pregnancy.status");
  g_assert_cmpstr (path[2], ==, "birth.born_on");
}

/* A non-resident is asked nothing about the household's tax. */
static void
test_path_non_resident (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  YrsDate as_of = d ("2025-06-10");
  guint n_path = 0, n_more = 0;
  g_autofree const char **path = NULL;

  yrs_answers_set_bool (answers, "residence.in_city", FALSE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-05-10"));
  yrs_answers_set_int (answers, "birth.children", 1);
  yrs_answers_set_bool (answers, "need.declared", FALSE);
  /* Answered, but not on a non-resident's path. */
  yrs_answers_set_bool (answers, "household.tax_exempt", TRUE);

  path = yrs_wizard_get_path (catalog, answers, as_of, &n_path, &n_more);
  for (guint i = 0; i < n_path; i++)
    {
      g_assert_cmpstr (path[i], !=, "household.tax_exempt");
      g_assert_cmpstr (path[i], !=, "household.public_assistance");
    }
  g_assert_cmpstr (path[0], ==, "residence.in_city");
}

/* An answer that is not valid for its question (out of range) counts as
 * unanswered: the path stops there. */
static void
test_path_invalid_answer (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  guint n_path = 0;
  g_autofree const char **path = NULL;

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "no-such-option");
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-20"));

  path = yrs_wizard_get_path (catalog, answers, d ("2025-04-15"), &n_path, NULL);
  g_assert_cmpuint (n_path, ==, 2);
  g_assert_cmpstr (path[1], ==, "pregnancy.status");
}

/* Changing "loss" to "born" leaves the loss answers behind: they are not
 * on the path any more and never count; the booking-time answers are kept
 * although the wizard never asks them. */
static void
test_path_answers (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  g_autoptr(YrsAnswers) kept = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  YrsDate as_of = d ("2025-05-20");
  const YrsResult *result;

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "loss");
  yrs_answers_set_date (answers, "loss.on", d ("2025-05-01"));
  yrs_answers_set_int (answers, "loss.fetuses", 1);

  kept = yrs_wizard_dup_path_answers (catalog, answers, as_of);
  g_assert_true (yrs_answers_has (kept, "loss.on"));
  g_assert_true (yrs_answers_has (kept, "loss.fetuses"));
  g_clear_object (&kept);

  /* The person goes back and says the baby was born. */
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-05-01"));
  yrs_answers_set_string (answers, "care.kind", "stay");
  yrs_answers_set_bool (answers, "health.infectious_today", FALSE);

  kept = yrs_wizard_dup_path_answers (catalog, answers, as_of);
  g_assert_false (yrs_answers_has (kept, "loss.on"));
  g_assert_false (yrs_answers_has (kept, "loss.fetuses"));
  g_assert_true (yrs_answers_has (kept, "birth.born_on"));
  g_assert_cmpstr (yrs_answers_get_string (kept, "pregnancy.status"), ==, "born");
  g_assert_cmpstr (yrs_answers_get_string (kept, "care.kind"), ==, "stay");
  g_assert_true (yrs_answers_has (kept, "health.infectious_today"));
  /* The person's own answers are untouched. */
  g_assert_true (yrs_answers_has (answers, "loss.on"));

  /* The evaluation sees the path answers only: no grief care. */
  evaluation = yrs_wizard_evaluate (catalog, answers, as_of);
  g_assert_cmpint (yrs_date_compare (yrs_evaluation_get_as_of (evaluation), as_of), ==, 0);
  result = yrs_evaluation_lookup (evaluation, "grief_care");
  g_assert_true (result == NULL || !result->prominent);
  result = yrs_evaluation_get_result (evaluation, 0);
  g_assert_false (result->prominent);
}

/* The day the baby was born cannot be after today (issue 20): the day
 * before and of pass, the day after is refused and never counts. */
static void
test_born_in_future (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  const YrsQuestion *born = yrs_catalog_lookup_question (catalog, "birth.born_on");
  YrsDate today = d ("2025-04-15");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsAnswers) counted = NULL;
  g_autofree const char **path = NULL;
  guint n_path = 0;

  g_assert_nonnull (born);
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");

  /* No answer yet: nothing impossible. */
  g_assert_true (yrs_wizard_check_answer (born, answers, today, &error));

  yrs_answers_set_date (answers, "birth.born_on", d ("2025-04-14"));
  g_assert_true (yrs_wizard_check_answer (born, answers, today, &error));
  yrs_answers_set_date (answers, "birth.born_on", today);
  g_assert_true (yrs_wizard_check_answer (born, answers, today, &error));
  g_assert_no_error (error);

  yrs_answers_set_date (answers, "birth.born_on", d ("2025-04-16"));
  g_assert_false (yrs_wizard_check_answer (born, answers, today, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_FUTURE);
  g_clear_error (&error);

  /* The path stops there, as at a missing answer, and the date does not
   * count ("eligible from 2027-03-01" was the symptom). */
  yrs_answers_set_date (answers, "birth.born_on", d ("2027-03-01"));
  path = yrs_wizard_get_path (catalog, answers, today, &n_path, NULL);
  g_assert_cmpstr (path[n_path - 1], ==, "birth.born_on");
  counted = yrs_wizard_dup_path_answers (catalog, answers, today);
  g_assert_false (yrs_answers_has (counted, "birth.born_on"));

  /* Other questions are not dates of the past. */
  g_assert_true (yrs_wizard_check_answer (yrs_catalog_lookup_question (catalog, "residence.in_city"),
                                          answers, today, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wizard/path/empty", test_path_empty);
  g_test_add_func ("/wizard/path/pregnant", test_path_pregnant);
  g_test_add_func ("/wizard/path/twins-complete", test_path_twins_complete);
  g_test_add_func ("/wizard/path/non-resident", test_path_non_resident);
  g_test_add_func ("/wizard/path/invalid-answer", test_path_invalid_answer);
  g_test_add_func ("/wizard/path-answers", test_path_answers);
  g_test_add_func ("/wizard/born-in-future", test_born_in_future);

  return g_test_run ();
}
