/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Answers, the evaluation's API and properties that hold for every
 * household: fees never below 0, the wizard asks exactly the questions
 * that can still change a result, reasons read as sentences in both
 * languages. The rule-by-rule figures are in tests/cases. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "yrs-eligibility.h"
#include "yrs-reason.h"

static YrsDate
d (const char *iso)
{
  YrsDate date;

  g_assert_true (yrs_date_parse_iso (iso, &date, NULL));
  return date;
}

static void
on_changed (YrsAnswers *answers,
            const char *id,
            gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (id));
}

static void
test_answers_basic (void)
{
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gboolean b = FALSE;
  gint64 i = 0;
  YrsDate date;
  YrsValue value;

  g_signal_connect (answers, "changed::birth.born_on", G_CALLBACK (on_changed), seen);

  g_assert_false (yrs_answers_has (answers, "residence.in_city"));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_int (answers, "birth.children", 2);
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-20"));
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  g_assert_cmpuint (yrs_answers_get_size (answers), ==, 4);

  g_assert_true (yrs_answers_get_bool (answers, "residence.in_city", &b));
  g_assert_true (b);
  g_assert_true (yrs_answers_get_int (answers, "birth.children", &i));
  g_assert_cmpint (i, ==, 2);
  g_assert_true (yrs_answers_get_date (answers, "birth.born_on", &date));
  g_assert_cmpint (yrs_date_compare (date, d ("2025-03-20")), ==, 0);
  g_assert_cmpstr (yrs_answers_get_string (answers, "pregnancy.status"), ==, "born");
  g_assert_true (yrs_answers_get_value (answers, "birth.children", &value));
  g_assert_cmpint (value.type, ==, YRS_VALUE_INT);

  /* Wrong type: FALSE, not a conversion. */
  g_assert_false (yrs_answers_get_int (answers, "residence.in_city", &i));
  g_assert_false (yrs_answers_get_bool (answers, "birth.children", &b));
  g_assert_null (yrs_answers_get_string (answers, "birth.born_on"));

  /* Setting the same value again is no change. */
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-20"));
  g_assert_cmpuint (seen->len, ==, 1);
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-21"));
  g_assert_cmpuint (seen->len, ==, 2);
  yrs_answers_unset (answers, "birth.born_on");
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "birth.born_on");
  g_assert_false (yrs_answers_has (answers, "birth.born_on"));
  yrs_answers_unset (answers, "birth.born_on");
  g_assert_cmpuint (seen->len, ==, 3);

  yrs_answers_set_string (answers, "pregnancy.status", NULL);
  g_assert_false (yrs_answers_has (answers, "pregnancy.status"));
  yrs_answers_clear (answers);
  g_assert_cmpuint (yrs_answers_get_size (answers), ==, 0);
}

static void
test_answers_json (void)
{
  const char *json = "{\"residence.in_city\": true, \"pregnancy.status\": \"born\", "
                     "\"birth.born_on\": \"2024-02-29\", \"birth.children\": 3, "
                     "\"care.facility\": \"fac-chuo-josanjo-1\", \"loss.on\": null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsAnswers) answers = yrs_answers_new_from_json (json, -1, &error);
  g_autoptr(YrsAnswers) again = NULL;
  g_autoptr(YrsAnswers) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  YrsDate date;

  g_assert_no_error (error);
  g_assert_cmpuint (yrs_answers_get_size (answers), ==, 5);
  g_assert_true (yrs_answers_get_date (answers, "birth.born_on", &date));
  g_assert_false (yrs_answers_has (answers, "loss.on"));

  text = yrs_answers_to_json (answers);
  g_assert_cmpstr (text, ==, "{\"birth.born_on\":\"2024-02-29\",\"birth.children\":3,"
                             "\"care.facility\":\"fac-chuo-josanjo-1\",\"pregnancy.status\":\"born\","
                             "\"residence.in_city\":true}");
  again = yrs_answers_new_from_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_answers_equal (answers, again));
  text2 = yrs_answers_to_json (again);
  g_assert_cmpstr (text, ==, text2);

  copy = yrs_answers_copy (answers);
  g_assert_true (yrs_answers_equal (answers, copy));
  yrs_answers_set_int (copy, "birth.children", 2);
  g_assert_false (yrs_answers_equal (answers, copy));
  yrs_answers_set_int (copy, "birth.children", 3);
  g_assert_true (yrs_answers_equal (answers, copy));
  yrs_answers_set_string (copy, "birth.children", "3");
  g_assert_false (yrs_answers_equal (answers, copy));
  yrs_answers_unset (copy, "birth.children");
  g_assert_false (yrs_answers_equal (answers, copy));
}

static void
test_answers_json_bad (void)
{
  static const struct { const char *json; int code; } bad[] = {
    { "", YRS_ANSWERS_ERROR_JSON },
    { "{", YRS_ANSWERS_ERROR_JSON },
    { "[]", YRS_ANSWERS_ERROR_JSON },
    { "true", YRS_ANSWERS_ERROR_JSON },
    { "{\"a.b\": [1]}", YRS_ANSWERS_ERROR_INVALID },
    { "{\"a.b\": {\"c\": 1}}", YRS_ANSWERS_ERROR_INVALID },
    { "{\"a.b\": 1.5}", YRS_ANSWERS_ERROR_INVALID },
    { "{\"\": true}", YRS_ANSWERS_ERROR_INVALID },
    { "{\"a\": \"\xc3\x28\"}", YRS_ANSWERS_ERROR_JSON },
    { "{\"a\": [[[[[[[[[[[[1]]]]]]]]]]]}", YRS_ANSWERS_ERROR_JSON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YrsAnswers) answers = yrs_answers_new_from_json (bad[i].json, -1, &error);

      g_assert_null (answers);
      g_assert_error (error, YRS_ANSWERS_ERROR, bad[i].code);
    }
}

static void
test_answers_validate (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  static const struct { const char *json; const char *expect; } cases[] = {
    { "{\"residence.in_city\": true, \"pregnancy.fetuses\": 2}", NULL },
    { "{\"residence.in_city\": 1}", "answers: residence.in_city: expected true or false" },
    { "{\"pregnancy.fetuses\": 9}", "answers: pregnancy.fetuses: 9 is out of range" },
    { "{\"pregnancy.fetuses\": 0}", "answers: pregnancy.fetuses: 0 is out of range" },
    { "{\"pregnancy.status\": \"maybe\"}", "answers: pregnancy.status: “maybe” is not one of the options" },
    { "{\"care.facility\": \"fac-osaka-1\"}", "answers: care.facility: “fac-osaka-1” is not one of the options" },
    { "{\"birth.born_on\": \"2025-02-30\"}", "answers: birth.born_on: expected a date" },
    { "{\"birth.born_on\": true}", "answers: birth.born_on: expected a date" },
    { "{\"birth.born_on\": \"9999-12-01\"}", "answers: birth.born_on: the year must be from 1900 to 2200" },
    { "{\"favourite.colour\": \"blue\"}", "answers: favourite.colour: unknown question ID" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YrsAnswers) answers = yrs_answers_new_from_json (cases[i].json, -1, &error);

      g_assert_no_error (error);
      if (cases[i].expect == NULL)
        {
          g_assert_true (yrs_answers_validate (answers, catalog, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (yrs_answers_validate (answers, catalog, &error));
          g_assert_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID);
          if (!g_str_has_prefix (error->message, cases[i].expect))
            g_error ("expected “%s”, got “%s”", cases[i].expect, error->message);
        }
    }
}

/* Keys from a file are not interned: interned strings are never freed,
 * so untrusted input must not make new ones. */
static void
test_answers_not_interned (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsAnswers) answers = NULL;
  g_autofree char *json = g_strdup_printf ("{\"fuzz.%08x%08x\": true}", g_random_int (), g_random_int ());
  g_autofree char *key = g_strndup (json + 2, 21);

  g_assert_cmpuint (g_quark_try_string (key), ==, 0);
  answers = yrs_answers_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (yrs_answers_has (answers, key));
  yrs_answers_unset (answers, key);
  yrs_answers_set_string (answers, key, key);
  g_clear_object (&answers);
  g_assert_cmpuint (g_quark_try_string (key), ==, 0);
}

/* An answer that is not valid for its question counts as unanswered. */
static void
test_invalid_answers_ignored (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  g_autoptr(YrsEvaluation) evaluation = NULL;
  const YrsResult *r;

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  yrs_answers_set_date (answers, "pregnancy.notified_on", d ("2025-06-01"));
  yrs_answers_set_int (answers, "pregnancy.fetuses", 9);
  yrs_answers_set_string (answers, "household.tax_exempt", "yes");

  evaluation = yrs_eligibility_evaluate (catalog, answers, d ("2025-06-10"));
  r = yrs_evaluation_lookup (evaluation, "multiple_birth_support");
  g_assert_cmpint (r->status, ==, YRS_STATUS_NEEDS_ANSWERS);
  g_assert_cmpuint (r->n_missing, ==, 1);
  g_assert_cmpstr (r->missing[0], ==, "pregnancy.fetuses");
  r = yrs_evaluation_lookup (evaluation, "first_obstetric_visit");
  g_assert_cmpint (r->status, ==, YRS_STATUS_NEEDS_ANSWERS);
  r = yrs_evaluation_lookup (evaluation, "support_payment_pregnancy");
  g_assert_cmpint (r->status, ==, YRS_STATUS_ELIGIBLE);
  g_assert_cmpint (r->amount_yen, ==, 50000);
}

/* Formulas are C, figures are catalogue: a new step in the catalogue
 * changes the result on its day and not before. */
static void
test_catalogue_drives_figures (void)
{
  g_autoptr(GBytes) original = yrs_catalog_get_default_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_autoptr(GString) changed = g_string_new (text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalog) catalog = NULL;
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();
  guint replaced;

  replaced = g_string_replace (changed,
                               "\"amount_per_child_yen\": [ { \"from\": \"2022-04-01\", \"value\": 50000 } ]",
                               "\"amount_per_child_yen\": [ { \"from\": \"2022-04-01\", \"value\": 50000 }, { \"from\": \"2026-04-01\", \"value\": 60000 } ]",
                               1);
  g_assert_cmpuint (replaced, ==, 1);
  bytes = g_bytes_new (changed->str, changed->len);
  catalog = yrs_catalog_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_int (answers, "birth.children", 2);

  {
    static const struct { const char *born; gint64 amount; } cases[] = {
      { "2026-03-31", 100000 },
      { "2026-04-01", 120000 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(YrsEvaluation) evaluation = NULL;

        yrs_answers_set_date (answers, "birth.born_on", d (cases[i].born));
        evaluation = yrs_eligibility_evaluate (catalog, answers, d ("2026-05-01"));
        g_assert_cmpint (yrs_evaluation_lookup (evaluation, "support_payment_birth")->amount_yen, ==, cases[i].amount);
      }
  }
}

static void
test_evaluation_api (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree const char **missing = NULL;
  JsonObject *root;
  JsonArray *results;
  const YrsResult *r;
  const YrsCheckup *checkup = NULL;
  YrsDate from, until;
  YrsStatus status;

  answers = yrs_answers_new_from_json ("{\"residence.in_city\": true, \"pregnancy.status\": \"born\", "
                                       "\"birth.born_on\": \"2025-03-20\", \"birth.children\": 2}", -1, &error);
  g_assert_no_error (error);
  evaluation = yrs_eligibility_evaluate (catalog, answers, d ("2025-04-15"));

  g_assert_true (yrs_evaluation_get_catalog (evaluation) == catalog);
  g_assert_cmpint (yrs_date_compare (yrs_evaluation_get_as_of (evaluation), d ("2025-04-15")), ==, 0);
  g_assert_cmpuint (yrs_evaluation_get_n_results (evaluation), ==, yrs_catalog_get_n_programmes (catalog));
  g_assert_cmpstr (yrs_evaluation_get_result (evaluation, 0)->programme_id, ==, "support_payment_pregnancy");
  g_assert_null (yrs_evaluation_lookup (evaluation, "no_such"));

  r = yrs_evaluation_lookup (evaluation, "support_payment_birth");
  g_assert_true (r->programme == yrs_catalog_lookup_programme (catalog, "support_payment_birth"));
  g_assert_cmpint (r->status, ==, YRS_STATUS_ELIGIBLE);
  g_assert_true (yrs_result_has_reason (r, "amount_per_child"));
  g_assert_false (yrs_result_has_reason (r, "not_resident"));
  {
    const YrsReason *reason = &r->reasons[0];
    const YrsValue *v = yrs_reason_get_param (reason, "count");
    g_autofree char *params = yrs_reason_params_to_json (reason);

    g_assert_cmpstr (reason->code, ==, "amount_per_child");
    g_assert_nonnull (v);
    g_assert_cmpint (v->i, ==, 2);
    g_assert_null (yrs_reason_get_param (reason, "nothing"));
    g_assert_cmpstr (params, ==, "{\"per_child\":50000,\"count\":2,\"amount\":100000}");
  }

  missing = yrs_evaluation_get_missing (evaluation);
  g_assert_cmpstr (missing[0], ==, "need.declared");
  g_assert_null (missing[1]);

  g_assert_true (yrs_evaluation_get_next_checkup (evaluation, &checkup, &from, &until));
  g_assert_cmpstr (yrs_checkup_get_id (checkup), ==, "one_month");
  g_assert_cmpint (yrs_date_compare (from, d ("2025-04-20")), ==, 0);
  g_assert_cmpint (yrs_date_compare (until, d ("2025-05-19")), ==, 0);
  g_assert_true (yrs_eligibility_next_checkup (catalog, answers, d ("2025-04-15"), &checkup, &from, &until));
  g_assert_false (yrs_eligibility_next_checkup (catalog, answers, d ("2035-04-15"), &checkup, &from, &until));

  json = yrs_evaluation_to_json (evaluation, YRS_LANG_EN, FALSE);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2025-04-15");
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, yrs_catalog_get_n_programmes (catalog));
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *o = json_array_get_object_element (results, i);
      static const char *members[] = { "programme", "status", "amount_yen", "fee_yen", "reduction_yen", "from", "until", "reasons" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (o, members[m]));
      g_assert_true (yrs_status_from_string (json_object_get_string_member (o, "status"), &status));
      for (guint j = 0; j < json_array_get_length (json_object_get_array_member (o, "reasons")); j++)
        {
          JsonObject *reason = json_array_get_object_element (json_object_get_array_member (o, "reasons"), j);

          g_assert_true (json_object_has_member (reason, "code"));
          g_assert_nonnull (json_object_get_object_member (reason, "params"));
          g_assert_cmpstr (json_object_get_string_member (reason, "text"), !=, "");
        }
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "next_checkup"), "id"), ==, "one_month");

  g_assert_false (yrs_status_from_string ("maybe", &status));
  g_assert_cmpstr (yrs_status_to_string (YRS_STATUS_NOT_YET), ==, "not_yet");
}

/* ------------------------------------------------------------------ */
/* Random households. */

static const char *check_questions[] = {
  "residence.in_city", "pregnancy.status", "pregnancy.notified_on",
  "pregnancy.fetuses", "birth.born_on", "birth.children", "loss.on",
  "loss.fetuses", "loss.notified_before", "need.declared", "household.public_assistance",
  "household.tax_exempt",
};

static YrsAnswers *
random_household (GRand   *rand,
                  YrsDate  as_of,
                  gboolean complete)
{
  static const char *statuses[] = { "pregnant", "born", "loss", "none" };
  static const char *kinds[] = { "stay", "day", "visit" };
  static const char *facilities[] = {
    "fac-chuo-josanjo-1", "fac-chuo-medical-1", "fac-kita-josanjo-1",
    "fac-hyogo-josanjo-1", "fac-tarumi-medical-1", "fac-nishi-medical-1",
  };
  YrsAnswers *a = yrs_answers_new ();
  const char *status = statuses[g_rand_int_range (rand, 0, 4)];
  int keep = complete ? 100 : 70;

#define MAYBE (g_rand_int_range (rand, 0, 100) < keep)
  if (MAYBE)
    yrs_answers_set_bool (a, "residence.in_city", g_rand_int_range (rand, 0, 8) != 0);
  if (MAYBE)
    yrs_answers_set_string (a, "pregnancy.status", status);
  if (MAYBE)
    yrs_answers_set_date (a, "pregnancy.notified_on", yrs_date_add_days (as_of, -g_rand_int_range (rand, -10, 280)));
  if (MAYBE)
    yrs_answers_set_int (a, "pregnancy.fetuses", g_rand_int_range (rand, 1, 4));
  if (MAYBE)
    yrs_answers_set_date (a, "birth.born_on", yrs_date_add_days (as_of, -g_rand_int_range (rand, -10, 1500)));
  if (MAYBE)
    yrs_answers_set_int (a, "birth.children", g_rand_int_range (rand, 1, 4));
  if (MAYBE)
    yrs_answers_set_date (a, "loss.on", yrs_date_add_days (as_of, -g_rand_int_range (rand, -10, 1500)));
  if (MAYBE)
    yrs_answers_set_int (a, "loss.fetuses", g_rand_int_range (rand, 1, 3));
  if (MAYBE)
    yrs_answers_set_bool (a, "loss.notified_before", g_rand_boolean (rand));
  if (MAYBE)
    yrs_answers_set_bool (a, "need.declared", g_rand_int_range (rand, 0, 5) != 0);
  if (MAYBE)
    yrs_answers_set_bool (a, "household.public_assistance", g_rand_int_range (rand, 0, 6) == 0);
  if (MAYBE)
    yrs_answers_set_bool (a, "household.tax_exempt", g_rand_int_range (rand, 0, 4) == 0);
  if (g_rand_boolean (rand))
    yrs_answers_set_string (a, "care.kind", kinds[g_rand_int_range (rand, 0, 3)]);
  if (g_rand_boolean (rand))
    yrs_answers_set_string (a, "care.facility", facilities[g_rand_int_range (rand, 0, G_N_ELEMENTS (facilities))]);
#undef MAYBE
  return a;
}

static YrsDate
random_date (GRand *rand)
{
  /* 2021-06-01 … 2027-06-01, to cross every dated step. */
  return yrs_date_add_days (d ("2021-06-01"), g_rand_int_range (rand, 0, 6 * 365));
}

static void
test_fee_invariants (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint n = 0; n < 3000; n++)
    {
      YrsDate as_of = random_date (rand);
      g_autoptr(YrsAnswers) answers = random_household (rand, as_of, g_rand_boolean (rand));
      g_autoptr(YrsEvaluation) evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);

      for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
        {
          const YrsResult *r = yrs_evaluation_get_result (evaluation, i);

          g_assert_cmpint (r->fee_yen, >=, -1);
          g_assert_cmpint (r->reduction_yen, >=, -1);
          g_assert_cmpint (r->amount_yen, >=, -1);
          if (r->fee_yen >= 0)
            {
              g_assert_cmpint (r->gross_fee_yen, >=, r->fee_yen);
              g_assert_cmpint (r->fee_yen + r->reduction_yen, ==, r->gross_fee_yen);
            }
          if (r->status == YRS_STATUS_NEEDS_ANSWERS)
            g_assert_cmpuint (r->n_missing, >, 0);
          else
            g_assert_cmpuint (r->n_missing, ==, 0);
          g_assert_cmpuint (r->n_reasons, >, 0);
        }

      /* A lower-income household never pays more for the same use. */
      {
        const YrsResult *r = yrs_evaluation_lookup (evaluation, "postpartum_care");
        gboolean exempt = FALSE;

        if (r->fee_yen >= 0 && yrs_answers_get_bool (answers, "household.tax_exempt", &exempt) && !exempt)
          {
            g_autoptr(YrsAnswers) lower = yrs_answers_copy (answers);
            g_autoptr(YrsEvaluation) other = NULL;
            const YrsResult *r2;

            yrs_answers_set_bool (lower, "household.tax_exempt", TRUE);
            other = yrs_eligibility_evaluate (catalog, lower, as_of);
            r2 = yrs_evaluation_lookup (other, "postpartum_care");
            g_assert_cmpint (r2->fee_yen, >=, 0);
            g_assert_cmpint (r2->fee_yen, <=, r->fee_yen);
          }
      }
    }
}

/* Two evaluations give the same results (what a person sees). */
static gboolean
same_results (YrsEvaluation *a,
              YrsEvaluation *b)
{
  for (guint i = 0; i < yrs_evaluation_get_n_results (a); i++)
    {
      const YrsResult *x = yrs_evaluation_get_result (a, i);
      const YrsResult *y = yrs_evaluation_lookup (b, x->programme_id);

      if (x->status != y->status || x->amount_yen != y->amount_yen ||
          x->fee_yen != y->fee_yen || x->reduction_yen != y->reduction_yen ||
          x->visits_max != y->visits_max ||
          yrs_date_compare (x->from, y->from) != 0 ||
          yrs_date_compare (x->until, y->until) != 0 ||
          x->n_reasons != y->n_reasons)
        return FALSE;
      for (guint j = 0; j < x->n_reasons; j++)
        if (x->reasons[j].code != y->reasons[j].code)
          return FALSE;
    }
  return TRUE;
}

/* The values a question is tried with. */
static guint
probe_values (const YrsQuestion *q,
              YrsDate            as_of,
              YrsValue          *out)
{
  static const int offsets[] = { -1500, -1000, -700, -400, -300, -200, -100, -30, -1, 0, 5 };
  static const char *absolute[] = { "2022-03-31", "2022-04-01", "2025-03-31", "2025-04-01" };
  guint n = 0;

  switch (yrs_question_get_qtype (q))
    {
    case YRS_QUESTION_BOOL:
      out[n].type = YRS_VALUE_BOOL, out[n++].b = TRUE;
      out[n].type = YRS_VALUE_BOOL, out[n++].b = FALSE;
      break;
    case YRS_QUESTION_INT:
      for (int i = 1; i <= 3; i++)
        out[n].type = YRS_VALUE_INT, out[n++].i = i;
      break;
    case YRS_QUESTION_DATE:
      for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
        out[n].type = YRS_VALUE_DATE, out[n++].date = yrs_date_add_days (as_of, offsets[i]);
      for (guint i = 0; i < G_N_ELEMENTS (absolute); i++)
        out[n].type = YRS_VALUE_DATE, out[n++].date = d (absolute[i]);
      break;
    case YRS_QUESTION_ENUM:
      for (guint i = 0; i < yrs_question_get_n_options (q); i++)
        out[n].type = YRS_VALUE_STRING, out[n++].s = yrs_question_get_option_value (q, i);
      break;
    default:
      g_assert_not_reached ();
    }
  return n;
}

/* Does some value of `id` change a result? */
static gboolean
question_matters (YrsCatalog *catalog,
                  YrsAnswers *answers,
                  const char *id,
                  YrsDate     as_of)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (catalog, id);
  YrsValue values[32] = { { 0 } };
  guint n = probe_values (q, as_of, values);
  g_autoptr(YrsEvaluation) first = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsAnswers) tried = yrs_answers_copy (answers);
      g_autoptr(YrsEvaluation) evaluation = NULL;

      yrs_answers_set_value (tried, id, &values[i]);
      evaluation = yrs_eligibility_evaluate (catalog, tried, as_of);
      if (first == NULL)
        first = g_steal_pointer (&evaluation);
      else if (!same_results (first, evaluation))
        return TRUE;
    }
  return FALSE;
}

/* The wizard asks exactly the check questions that can still change a
 * result: each one it lists matters for some answer, and every other
 * unanswered check question does not matter for any. */
static void
test_next_questions_exact (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (44);

  for (guint n = 0; n < 150; n++)
    {
      YrsDate as_of = random_date (rand);
      g_autoptr(YrsAnswers) answers = random_household (rand, as_of, FALSE);
      g_autofree const char **next = yrs_eligibility_next_questions (catalog, answers, as_of);

      /* Booking questions are asked when booking, not here. */
      yrs_answers_unset (answers, "care.kind");
      yrs_answers_unset (answers, "care.facility");
      g_free (next);
      next = yrs_eligibility_next_questions (catalog, answers, as_of);

      for (guint i = 0; i < G_N_ELEMENTS (check_questions); i++)
        {
          const char *id = check_questions[i];
          gboolean listed = g_strv_contains ((const char * const *) next, id);

          if (yrs_answers_has (answers, id))
            {
              g_assert_false (listed);
              continue;
            }
          if (listed != question_matters (catalog, answers, id, as_of))
            {
              g_autofree char *json = yrs_answers_to_json (answers);
              g_autofree char *date = yrs_date_to_iso (as_of);

              g_error ("%s %s as of %s with %s", id, listed ? "asked but irrelevant" : "relevant but not asked", date, json);
            }
        }

    }
}

/* Answering what the wizard asks, one question at a time, ends with no
 * result waiting for answers. */
static void
test_wizard_terminates (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint n = 0; n < 300; n++)
    {
      YrsDate as_of = random_date (rand);
      g_autoptr(YrsAnswers) truth = random_household (rand, as_of, TRUE);
      g_autoptr(YrsAnswers) given = yrs_answers_new ();
      g_autoptr(YrsEvaluation) evaluation = NULL;
      guint asked = 0;

      for (;;)
        {
          g_autofree const char **next = yrs_eligibility_next_questions (catalog, given, as_of);
          YrsValue value;
          int prev = -1;

          for (guint i = 0; next[i] != NULL; i++)
            {
              int index = -1;

              for (guint q = 0; q < yrs_catalog_get_n_questions (catalog); q++)
                if (g_str_equal (yrs_question_get_id (yrs_catalog_get_question (catalog, q)), next[i]))
                  index = (int) q;
              g_assert_cmpint (index, >, prev);
              prev = index;
            }
          if (next[0] == NULL)
            break;
          g_assert_true (yrs_answers_get_value (truth, next[0], &value));
          yrs_answers_set_value (given, next[0], &value);
          asked++;
          g_assert_cmpuint (asked, <=, G_N_ELEMENTS (check_questions));
        }

      evaluation = yrs_eligibility_evaluate (catalog, given, as_of);
      for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
        g_assert_cmpint (yrs_evaluation_get_result (evaluation, i)->status, !=, YRS_STATUS_NEEDS_ANSWERS);

      /* And the results are those of the whole truth (booking answers
       * aside). */
      {
        g_autoptr(YrsAnswers) full = yrs_answers_copy (truth);
        g_autoptr(YrsEvaluation) all = NULL;

        yrs_answers_unset (full, "care.kind");
        yrs_answers_unset (full, "care.facility");
        all = yrs_eligibility_evaluate (catalog, full, as_of);
        g_assert_true (same_results (evaluation, all));
      }
    }
}

/* A household with no reduction is told its fee, not "less ¥0"
 * (review 6: the home-help card said 1,600円から0円を減額し). */
static void
test_reason_fee_no_reduction (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  const YrsResult *r;
  gboolean found = FALSE;

  answers = yrs_answers_new_from_json ("{\"residence.in_city\": true, \"pregnancy.status\": \"born\", "
                                       "\"birth.born_on\": \"2026-10-01\", \"birth.children\": 1, "
                                       "\"need.declared\": true, \"household.public_assistance\": false, "
                                       "\"household.tax_exempt\": false}", -1, &error);
  g_assert_no_error (error);
  evaluation = yrs_eligibility_evaluate (catalog, answers, d ("2026-12-05"));
  r = yrs_evaluation_lookup (evaluation, "postpartum_home_help");
  g_assert_cmpint (r->status, ==, YRS_STATUS_ELIGIBLE);
  for (guint j = 0; j < r->n_reasons; j++)
    {
      g_autofree char *en = NULL;

      if (g_strcmp0 (r->reasons[j].code, "fee_after_reduction") != 0)
        continue;
      found = TRUE;
      en = yrs_reason_to_text (&r->reasons[j], catalog, YRS_LANG_EN);
      g_assert_null (strstr (en, "less"));
      g_assert_nonnull (strstr (en, "1,600"));
    }
  g_assert_true (found);
}

/* Every reason the engine gives reads as a sentence, in Japanese too. */
/* The one-line summary (yorisoi-cli) never states a sample fee as what
 * she pays (issue 20, point 3). */
static void
test_result_text_sample (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const YrsResult *r;

  answers = yrs_answers_new_from_json ("{\"residence.in_city\": true, \"pregnancy.status\": \"born\", "
                                       "\"birth.born_on\": \"2025-03-20\", \"birth.children\": 2, "
                                       "\"need.declared\": true, \"household.public_assistance\": false, "
                                       "\"household.tax_exempt\": false}", -1, &error);
  g_assert_no_error (error);
  evaluation = yrs_eligibility_evaluate (catalog, answers, d ("2025-04-15"));
  r = yrs_evaluation_lookup (evaluation, "postpartum_home_help");
  g_assert_cmpint (r->status, ==, YRS_STATUS_ELIGIBLE);
  g_assert_true (r->sample);
  g_assert_cmpint (r->fee_yen, >=, 0);
  text = yrs_result_to_text (r, YRS_LANG_EN);
  g_assert_null (strstr (text, "you pay"));
  g_assert_nonnull (strstr (text, "the ward will confirm your fee"));
}

static void
test_reason_texts (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *localedir = g_getenv ("YRS_LOCALEDIR");

  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint n = 0; n < 2000; n++)
    {
      YrsDate as_of = random_date (rand);
      g_autoptr(YrsAnswers) answers = random_household (rand, as_of, g_rand_boolean (rand));
      g_autoptr(YrsEvaluation) evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);

      for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
        {
          const YrsResult *r = yrs_evaluation_get_result (evaluation, i);

          for (guint j = 0; j < r->n_reasons; j++)
            {
              const YrsReason *reason = &r->reasons[j];
              g_autofree char *en = NULL;
              g_autofree char *ja = NULL;
              g_autofree char *unknown = g_strdup_printf ("Reason: %s", reason->code);

              if (g_hash_table_contains (seen, reason->code))
                continue;
              g_hash_table_add (seen, (gpointer) reason->code);

              g_setenv ("LANGUAGE", "en", TRUE);
              textdomain (GETTEXT_PACKAGE);
              en = yrs_reason_to_text (reason, catalog, YRS_LANG_EN);
              g_setenv ("LANGUAGE", "ja", TRUE);
              textdomain (GETTEXT_PACKAGE);
              ja = yrs_reason_to_text (reason, catalog, YRS_LANG_JA);

              g_assert_false (g_str_has_prefix (en, unknown));
              if (g_str_equal (en, ja))
                g_error ("reason %s is not translated: %s", reason->code, en);
              g_assert_null (strstr (ja, "%"));
              g_assert_null (strstr (en, "%"));
            }
        }
    }
  g_test_message ("%u reason codes seen", g_hash_table_size (seen));
  g_assert_cmpuint (g_hash_table_size (seen), >=, 40);

  /* The status labels too. */
  g_setenv ("LANGUAGE", "ja", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (yrs_status_get_label (YRS_STATUS_ELIGIBLE), !=, "Eligible");
  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (yrs_status_get_label (YRS_STATUS_ELIGIBLE), ==, "Eligible");
  {
    YrsReason unknown = { .code = "from_the_future" };
    g_autofree char *text = yrs_reason_to_text (&unknown, catalog, YRS_LANG_EN);

    g_assert_cmpstr (text, ==, "Reason: from_the_future");
  }
}

/* Issue 19: what json-glib resolves silently (the last of a repeated key,
 * a string cut at \u0000, an integer beyond 64 bits read as -1) is
 * refused, and the message names it without cutting the text. */
static void
test_answers_json_strict (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"residence.in_city\": true, \"residence.in_city\": false}",
      "answers: residence.in_city: answered more than once; each question may have one answer" },
    { "{\"residence.in_city\": true, \"residence.in_cit\\u0079\": true}",
      "answers: residence.in_city: answered more than once; each question may have one answer" },
    { "{\"pregnancy.status\": \"preg\\u0000nant\"}",
      "answers: pregnancy.status: “preg\\u0000nant” holds \\u0000 (a NUL character), which no answer may hold" },
    { "{\"a.b\\u0000c\": 1}",
      "answers: a.b\\u0000c: “a.b\\u0000c” holds \\u0000 (a NUL character), which no answer may hold" },
    { "{\"pregnancy.fetuses\": 99999999999999999999}",
      "answers: pregnancy.fetuses: 99999999999999999999 is an integer beyond 64 bits" },
    { "{\"pregnancy.fetuses\": 9223372036854775808}",
      "answers: pregnancy.fetuses: 9223372036854775808 is an integer beyond 64 bits" },
    { "{\"pregnancy.fetuses\": -9223372036854775809}",
      "answers: pregnancy.fetuses: -9223372036854775809 is an integer beyond 64 bits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YrsAnswers) answers = yrs_answers_new_from_json (cases[i].json, -1, &error);

      g_assert_null (answers);
      g_assert_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* The edges that are fine: the largest integers, a key in two objects
   * is not repeated, and an escaped character that is not NUL. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YrsAnswers) answers = NULL;
    gint64 v = 0;

    answers = yrs_answers_new_from_json ("{\"a.max\": 9223372036854775807, \"a.min\": -9223372036854775808,"
                                         " \"a.s\": \"x\\u0001y\"}", -1, &error);
    g_assert_no_error (error);
    g_assert_true (yrs_answers_get_int (answers, "a.max", &v));
    g_assert_cmpint (v, ==, G_MAXINT64);
    g_assert_true (yrs_answers_get_int (answers, "a.min", &v));
    g_assert_cmpint (v, ==, G_MININT64);
    g_assert_cmpstr (yrs_answers_get_string (answers, "a.s"), ==, "x\001y");
    g_assert_true (yrs_answers_check_json ("{\"a\": {\"k\": 1}, \"b\": {\"k\": 2}}", -1, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/answers/basic", test_answers_basic);
  g_test_add_func ("/answers/json", test_answers_json);
  g_test_add_func ("/answers/json-bad", test_answers_json_bad);
  g_test_add_func ("/answers/json-strict", test_answers_json_strict);
  g_test_add_func ("/answers/validate", test_answers_validate);
  g_test_add_func ("/answers/not-interned", test_answers_not_interned);
  g_test_add_func ("/eligibility/invalid-answers-ignored", test_invalid_answers_ignored);
  g_test_add_func ("/eligibility/catalogue-drives-figures", test_catalogue_drives_figures);
  g_test_add_func ("/eligibility/api", test_evaluation_api);
  g_test_add_func ("/eligibility/fee-invariants", test_fee_invariants);
  g_test_add_func ("/eligibility/next-questions-exact", test_next_questions_exact);
  g_test_add_func ("/eligibility/wizard-terminates", test_wizard_terminates);
  g_test_add_func ("/eligibility/reason-texts", test_reason_texts);
  g_test_add_func ("/eligibility/reason-fee-no-reduction", test_reason_fee_no_reduction);
  g_test_add_func ("/eligibility/result-text-sample", test_result_text_sample);

  return g_test_run ();
}
