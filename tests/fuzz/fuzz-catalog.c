/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target: the catalogue loader. Any bytes: a catalogue or a
 * GError naming a path, never a crash, a hang or a leak. A catalogue that
 * loads is then evaluated for a few households, so that a catalogue the
 * validator lets through cannot crash the formulas either. */

#include "config.h"

#include <stdint.h>

#include "yrs-eligibility.h"
#include "yrs-reason.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char *households[] = {
  "{}",
  "{\"residence.in_city\": true, \"pregnancy.status\": \"pregnant\", \"pregnancy.notified_on\": \"2025-06-02\", \"pregnancy.fetuses\": 2}",
  "{\"residence.in_city\": true, \"pregnancy.status\": \"born\", \"birth.born_on\": \"2024-02-29\", \"birth.children\": 3, "
  "\"need.declared\": true, \"household.public_assistance\": false, \"household.tax_exempt\": true, "
  "\"care.kind\": \"visit\", \"care.facility\": \"fac-chuo-josanjo-1\"}",
  "{\"residence.in_city\": true, \"pregnancy.status\": \"loss\", \"loss.on\": \"2025-05-01\", \"loss.fetuses\": 1}",
  "{\"residence.in_city\": false, \"pregnancy.status\": \"none\"}",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_from_bytes (bytes, &error);

  if (catalog == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == YRS_CATALOG_ERROR);
      g_assert (error->message[0] == '$');
      return 0;
    }
  g_assert (error == NULL);

  for (guint i = 0; i < G_N_ELEMENTS (households); i++)
    {
      g_autoptr(YrsAnswers) answers = yrs_answers_new_from_json (households[i], -1, NULL);
      g_autoptr(YrsEvaluation) evaluation = NULL;
      g_autofree const char **next = NULL;
      g_autofree char *json = NULL;

      g_assert (answers != NULL);
      evaluation = yrs_eligibility_evaluate (catalog, answers, yrs_date_new (2025, 6, 10));
      json = yrs_evaluation_to_json (evaluation, YRS_LANG_JA, FALSE);
      next = yrs_eligibility_next_questions (catalog, answers, yrs_date_new (2025, 6, 10));
      g_assert (json != NULL && next != NULL);
    }

  for (guint i = 0; i < yrs_catalog_get_n_wards (catalog); i++)
    {
      const char * const *prefixes = yrs_ward_get_postal_prefixes (yrs_catalog_get_ward (catalog, i));

      g_assert (prefixes[0] != NULL);
    }
  (void) yrs_catalog_lookup_postal_code (catalog, "650-0001");
  return 0;
}
