/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs one data-driven eligibility case (a JSON file in tests/cases):
 *
 *   {
 *     "description": "…",
 *     "source": "PROGRAMMES.md worked case 2",       (optional)
 *     "catalog": "default" | { an inline catalogue },
 *     "as_of": "2025-04-15",
 *     "answers": { "residence.in_city": true, … },
 *     "expect": {
 *       "support_payment_birth": { "status": "eligible", "amount_yen": 100000 },
 *       …
 *     },
 *     "expect_next_questions": [ … ],               (optional, exact)
 *     "expect_checkup": { "id", "from", "until" } | null,   (optional)
 *     "expect_first": "grief_care"                   (optional)
 *   }
 *
 * A programme's expectation checks only the members it lists: "status",
 * "amount_yen", "fee_yen", "gross_fee_yen", "reduction_yen", "visits_max"
 * (null = not applicable), "from", "until" (null = unset), "sample",
 * "prominent", "missing" (exact, in order), "reasons" (codes that must be
 * there), "no_reasons" (codes that must not). Every result of every case
 * is also checked against the invariants (fees never below 0, and so on). */

#include "config.h"

#include <json-glib/json-glib.h>

#include "yrs-eligibility.h"
#include "yrs-reason.h"

static char *case_path;

static YrsDate
parse_date (const char *text)
{
  YrsDate date;

  g_assert_nonnull (text);
  g_assert_true (yrs_date_parse_iso (text, &date, NULL));
  return date;
}

static void
check_money (const char *what,
             JsonObject *expect,
             const char *member,
             gint64      got)
{
  JsonNode *node = json_object_get_member (expect, member);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (got != -1)
        g_error ("%s: %s: expected none, got %" G_GINT64_FORMAT, what, member, got);
      return;
    }
  if (json_node_get_int (node) != got)
    g_error ("%s: %s: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
             what, member, json_node_get_int (node), got);
}

static void
check_date (const char *what,
            JsonObject *expect,
            const char *member,
            YrsDate     got)
{
  JsonNode *node = json_object_get_member (expect, member);
  g_autofree char *got_text = yrs_date_is_set (got) ? yrs_date_to_iso (got) : g_strdup ("null");

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (yrs_date_is_set (got))
        g_error ("%s: %s: expected none, got %s", what, member, got_text);
      return;
    }
  if (!g_str_equal (json_node_get_string (node), got_text))
    g_error ("%s: %s: expected %s, got %s", what, member, json_node_get_string (node), got_text);
}

static void
check_invariants (YrsCatalog      *catalog,
                  const YrsResult *r)
{
  const char *id = r->programme_id;

  /* Money is never negative, a fee never exceeds the gross fee, and a
   * reduction never more than the fee it reduces. */
  g_assert_cmpint (r->amount_yen, >=, -1);
  g_assert_cmpint (r->fee_yen, >=, -1);
  g_assert_cmpint (r->reduction_yen, >=, -1);
  if (r->fee_yen >= 0 && r->gross_fee_yen >= 0)
    {
      g_assert_cmpint (r->fee_yen, <=, r->gross_fee_yen);
      g_assert_cmpint (r->fee_yen + r->reduction_yen, ==, r->gross_fee_yen);
    }
  switch (r->status)
    {
    case YRS_STATUS_NEEDS_ANSWERS:
      g_assert_cmpuint (r->n_missing, >, 0);
      for (guint i = 0; i < r->n_missing; i++)
        g_assert_nonnull (yrs_catalog_lookup_question (catalog, r->missing[i]));
      break;
    case YRS_STATUS_NOT_ELIGIBLE:
      g_assert_cmpint (r->amount_yen, ==, -1);
      g_assert_cmpint (r->fee_yen, ==, -1);
      g_assert_false (yrs_date_is_set (r->until));
      g_assert_cmpuint (r->n_missing, ==, 0);
      break;
    case YRS_STATUS_NOT_YET:
      g_assert_cmpint (r->amount_yen, ==, -1);
      g_assert_cmpuint (r->n_missing, ==, 0);
      break;
    case YRS_STATUS_ELIGIBLE:
      g_assert_cmpuint (r->n_missing, ==, 0);
      break;
    default:
      g_error ("%s: unknown status", id);
    }
  /* Every result says why, and every reason reads as a sentence. */
  g_assert_cmpuint (r->n_reasons, >, 0);
  for (guint i = 0; i < r->n_reasons; i++)
    {
      g_autofree char *ja = yrs_reason_to_text (&r->reasons[i], catalog, YRS_LANG_JA);
      g_autofree char *prefix = g_strdup_printf ("Reason: %s", r->reasons[i].code);

      g_assert_nonnull (ja);
      if (g_str_has_prefix (ja, prefix))
        g_error ("%s: reason %s has no sentence", id, r->reasons[i].code);
    }
}

static void
check_programme (YrsCatalog      *catalog,
                 const char      *id,
                 const YrsResult *r,
                 JsonObject      *expect)
{
  JsonNode *node;

  if (json_object_has_member (expect, "status"))
    {
      const char *want = json_object_get_string_member (expect, "status");

      if (!g_str_equal (want, yrs_status_to_string (r->status)))
        {
          GString *why = g_string_new (NULL);

          for (guint i = 0; i < r->n_reasons; i++)
            g_string_append_printf (why, " %s", r->reasons[i].code);
          for (guint i = 0; i < r->n_missing; i++)
            g_string_append_printf (why, " ?%s", r->missing[i]);
          g_error ("%s: status: expected %s, got %s (%s )", id, want,
                   yrs_status_to_string (r->status), why->str);
        }
    }
  check_money (id, expect, "amount_yen", r->amount_yen);
  check_money (id, expect, "fee_yen", r->fee_yen);
  check_money (id, expect, "gross_fee_yen", r->gross_fee_yen);
  check_money (id, expect, "reduction_yen", r->reduction_yen);
  check_money (id, expect, "visits_max", r->visits_max);
  check_date (id, expect, "from", r->from);
  check_date (id, expect, "until", r->until);
  if (json_object_has_member (expect, "sample"))
    g_assert_cmpint (!!r->sample, ==, json_object_get_boolean_member (expect, "sample"));
  if (json_object_has_member (expect, "prominent"))
    g_assert_cmpint (!!r->prominent, ==, json_object_get_boolean_member (expect, "prominent"));

  node = json_object_get_member (expect, "missing");
  if (node != NULL)
    {
      JsonArray *want = json_node_get_array (node);

      if (json_array_get_length (want) != r->n_missing)
        g_error ("%s: missing: expected %u questions, got %u", id,
                 json_array_get_length (want), r->n_missing);
      for (guint i = 0; i < r->n_missing; i++)
        g_assert_cmpstr (json_array_get_string_element (want, i), ==, r->missing[i]);
    }

  node = json_object_get_member (expect, "reasons");
  if (node != NULL)
    {
      JsonArray *want = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (want); i++)
        if (!yrs_result_has_reason (r, json_array_get_string_element (want, i)))
          g_error ("%s: expected reason %s", id, json_array_get_string_element (want, i));
    }
  node = json_object_get_member (expect, "no_reasons");
  if (node != NULL)
    {
      JsonArray *unwanted = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (unwanted); i++)
        if (yrs_result_has_reason (r, json_array_get_string_element (unwanted, i)))
          g_error ("%s: unexpected reason %s", id, json_array_get_string_element (unwanted, i));
    }
}

static void
test_case (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalog) catalog = NULL;
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *answers_json = NULL;
  g_autofree char *round_trip = NULL;
  JsonObject *root, *expect;
  JsonNode *catalog_node, *node;
  g_autoptr(GList) ids = NULL;
  YrsDate as_of;

  json_parser_load_from_file (parser, case_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (root);
  g_test_message ("%s", json_object_get_string_member (root, "description"));

  catalog_node = json_object_get_member (root, "catalog");
  if (catalog_node == NULL || (JSON_NODE_HOLDS_VALUE (catalog_node) &&
                               g_str_equal (json_node_get_string (catalog_node), "default")))
    catalog = yrs_catalog_new_default ();
  else
    {
      g_autoptr(GBytes) bytes = NULL;
      char *text;

      json_generator_set_root (generator, catalog_node);
      text = json_generator_to_data (generator, NULL);
      bytes = g_bytes_new_take (text, strlen (text));
      catalog = yrs_catalog_new_from_bytes (bytes, &error);
      g_assert_no_error (error);
    }

  json_generator_set_root (generator, json_object_get_member (root, "answers"));
  answers_json = json_generator_to_data (generator, NULL);
  answers = yrs_answers_new_from_json (answers_json, -1, &error);
  g_assert_no_error (error);
  yrs_answers_validate (answers, catalog, &error);
  g_assert_no_error (error);

  /* The answers survive a JSON round trip unchanged. */
  round_trip = yrs_answers_to_json (answers);
  {
    g_autoptr(YrsAnswers) again = yrs_answers_new_from_json (round_trip, -1, &error);

    g_assert_no_error (error);
    g_assert_true (yrs_answers_equal (answers, again));
  }

  as_of = parse_date (json_object_get_string_member (root, "as_of"));
  evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);
  g_assert_cmpuint (yrs_evaluation_get_n_results (evaluation), ==, yrs_catalog_get_n_programmes (catalog));

  for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
    check_invariants (catalog, yrs_evaluation_get_result (evaluation, i));

  expect = json_object_get_object_member (root, "expect");
  g_assert_nonnull (expect);
  ids = json_object_get_members (expect);
  g_assert_nonnull (ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const YrsResult *r = yrs_evaluation_lookup (evaluation, l->data);

      if (r == NULL)
        g_error ("no programme %s", (const char *) l->data);
      check_programme (catalog, l->data, r, json_object_get_object_member (expect, l->data));
    }

  node = json_object_get_member (root, "expect_next_questions");
  if (node != NULL)
    {
      g_autofree const char **next = yrs_eligibility_next_questions (catalog, answers, as_of);
      JsonArray *want = json_node_get_array (node);
      g_autofree char *got = g_strjoinv (" ", (char **) next);
      guint n = g_strv_length ((char **) next);

      if (n != json_array_get_length (want))
        g_error ("next questions: got [%s]", got);
      for (guint i = 0; i < n; i++)
        if (!g_str_equal (next[i], json_array_get_string_element (want, i)))
          g_error ("next questions: got [%s]", got);
    }

  node = json_object_get_member (root, "expect_checkup");
  if (node != NULL)
    {
      const YrsCheckup *checkup = NULL;
      YrsDate from, until;
      gboolean has = yrs_evaluation_get_next_checkup (evaluation, &checkup, &from, &until);

      if (JSON_NODE_HOLDS_NULL (node))
        g_assert_false (has);
      else
        {
          JsonObject *want = json_node_get_object (node);
          g_autofree char *from_text = NULL;
          g_autofree char *until_text = NULL;

          g_assert_true (has);
          from_text = yrs_date_to_iso (from);
          until_text = yrs_date_to_iso (until);
          g_assert_cmpstr (yrs_checkup_get_id (checkup), ==, json_object_get_string_member (want, "id"));
          g_assert_cmpstr (from_text, ==, json_object_get_string_member (want, "from"));
          g_assert_cmpstr (until_text, ==, json_object_get_string_member (want, "until"));
        }
    }

  if (json_object_has_member (root, "expect_first"))
    g_assert_cmpstr (yrs_evaluation_get_result (evaluation, 0)->programme_id, ==,
                     json_object_get_string_member (root, "expect_first"));

  /* The evaluation's JSON is valid JSON. */
  {
    g_autofree char *json = yrs_evaluation_to_json (evaluation, YRS_LANG_EN, FALSE);
    g_autoptr(JsonParser) check = json_parser_new ();

    g_assert_true (json_parser_load_from_data (check, json, -1, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *name = NULL;
  g_autofree char *test_path = NULL;

  g_test_init (&argc, &argv, NULL);

  if (argc != 2)
    g_error ("usage: test-case CASE.json");
  case_path = g_strdup (argv[1]);
  name = g_path_get_basename (case_path);
  test_path = g_strdup_printf ("/cases/%s", name);
  g_test_add_func (test_path, test_case);

  {
    int status = g_test_run ();

    g_free (case_path);
    return status;
  }
}
