/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-forms"

#include "config.h"

#include "yrs-visit-forms-private.h"

static gboolean
parse_date (const char *iso,
            YrsDate    *date)
{
  return iso != NULL && *iso != '\0' && yrs_date_parse_iso (iso, date, NULL);
}

YrsAnswers *
_yrs_visit_forms_dup_answers (YrsVisitCase *visit_case,
                              YrsCatalog   *catalog)
{
  YrsAnswers *answers;
  YrsDate date;

  g_return_val_if_fail (YRS_IS_VISIT_CASE (visit_case), NULL);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);

  answers = yrs_answers_copy (yrs_visit_case_get_answers (visit_case));

  if (!yrs_answers_has (answers, "pregnancy.status"))
    {
      if (parse_date (yrs_visit_case_get_child_birth_date (visit_case), &date))
        {
          yrs_answers_set_string (answers, "pregnancy.status", "born");
          if (!yrs_answers_has (answers, "birth.born_on"))
            yrs_answers_set_date (answers, "birth.born_on", date);
          if (!yrs_answers_has (answers, "birth.children"))
            yrs_answers_set_int (answers, "birth.children", 1);
        }
      else if (parse_date (yrs_visit_case_get_due_date (visit_case), &date))
        yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
    }
  if (!yrs_answers_has (answers, "residence.in_city") &&
      yrs_visit_case_get_postal_code (visit_case) != NULL &&
      yrs_catalog_lookup_postal_code (catalog, yrs_visit_case_get_postal_code (visit_case)) != NULL)
    yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  return answers;
}
