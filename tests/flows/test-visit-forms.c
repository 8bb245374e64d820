/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form state of a home visit (issue 17): YrsConsultationFlow and
 * YrsScreeningFlow, with the real bundled catalogue and eligibility
 * engine; no widgets. */

#include <gio/gio.h>
#include <locale.h>

#include "yrs-consultation-flow.h"
#include "yrs-epds.h"
#include "yrs-i18n.h"
#include "yrs-record-item.h"
#include "yrs-screening-flow.h"
#include "yrs-visit-private.h"

static const YrsDate today = { 2026, 1, 20 };

/* A resident mother whose baby was born ten days before the visit. */
static YrsAnswers *
after_birth_answers (void)
{
  YrsAnswers *answers = yrs_answers_new ();

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2026, 1, 10));
  yrs_answers_set_int (answers, "birth.children", 1);
  yrs_answers_set_date (answers, "pregnancy.notified_on", yrs_date_new (2025, 6, 2));
  return answers;
}

static gboolean
has_item (GListModel *model,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YrsRecordItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (yrs_record_item_get_id (item), id))
        return TRUE;
    }
  return FALSE;
}

static guint notified;

static void
count_notify (void)
{
  notified++;
}

static void
test_consultation_build (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = after_birth_answers ();
  g_autoptr(YrsConsultationFlow) flow =
    yrs_consultation_flow_new_for_answers ("CASE-1", answers, catalog, today);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  GListModel *programmes = yrs_consultation_flow_get_programmes (flow);

  g_assert_cmpstr (yrs_consultation_flow_get_case_id (flow), ==, "CASE-1");
  /* Today to start with, no follow-up, nothing ticked. */
  g_assert_cmpstr (yrs_consultation_flow_get_date (flow), ==, "2026-01-20");
  g_assert_cmpstr (yrs_consultation_flow_get_follow_up_kind (flow), ==, "none");
  g_assert_false (yrs_consultation_flow_get_can_save (flow));
  g_assert_null (yrs_consultation_flow_get_error (flow));
  g_assert_cmpuint (g_list_model_get_n_items (yrs_consultation_flow_get_topics (flow)), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_consultation_flow_get_present (flow)), ==, 4);

  /* The programmes offered are the engine's: after a birth, the birth
   * payment and postpartum care (on her declared need); not the
   * pregnancy-only ones. */
  g_assert_true (has_item (programmes, "support_payment_birth"));
  g_assert_true (has_item (programmes, "postpartum_care"));
  g_assert_true (has_item (programmes, "newborn_visit"));
  g_assert_false (has_item (programmes, "online_parents_class"));
  g_assert_false (has_item (programmes, "prenatal_checkup_subsidy"));
  {
    g_autoptr(YrsRecordItem) item = g_list_model_get_item (programmes, 0);
    g_autofree char *detail = yrs_record_item_dup_detail (item);

    g_assert_cmpstr (detail, !=, "");
  }

  /* Saving too early shows the messages, each under its field. */
  g_assert_null (yrs_consultation_flow_build (flow, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_nonnull (yrs_consultation_flow_get_error (flow));
  {
    g_autofree char *kind_error = NULL, *date_error = NULL, *present_error = NULL;

    g_object_get (flow, "kind-error", &kind_error, "date-error", &date_error,
                  "present-error", &present_error, NULL);
    g_assert_nonnull (kind_error);
    g_assert_null (date_error);
    g_assert_nonnull (present_error);
  }

  g_signal_connect_swapped (flow, "notify::can-save", G_CALLBACK (count_notify), NULL);
  notified = 0;
  yrs_consultation_flow_set_kind (flow, "after_birth");
  yrs_consultation_flow_set_place (flow, "home");
  g_assert_false (yrs_consultation_flow_get_can_save (flow));
  g_assert_true (yrs_consultation_flow_set_active (flow, yrs_consultation_flow_get_present (flow), "mother", TRUE));
  g_assert_true (yrs_consultation_flow_get_can_save (flow));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (yrs_consultation_flow_get_error (flow));

  /* A phone follow-up needs its date, not before the visit. */
  yrs_consultation_flow_set_follow_up_kind (flow, "phone");
  {
    gboolean needs;

    g_object_get (flow, "follow-up-needs-date", &needs, NULL);
    g_assert_true (needs);
  }
  g_assert_false (yrs_consultation_flow_get_can_save (flow));
  yrs_consultation_flow_set_follow_up_date (flow, "2026-01-19");
  g_assert_false (yrs_consultation_flow_get_can_save (flow));
  yrs_consultation_flow_set_follow_up_date (flow, "2026-02-03");
  g_assert_true (yrs_consultation_flow_get_can_save (flow));

  /* Not in the future. */
  yrs_consultation_flow_set_date (flow, "2026-01-21");
  g_assert_false (yrs_consultation_flow_get_can_save (flow));
  yrs_consultation_flow_set_date (flow, "2026-01-20");

  g_assert_true (yrs_consultation_flow_set_active (flow, yrs_consultation_flow_get_topics (flow), "sleep", TRUE));
  g_assert_true (yrs_consultation_flow_set_active (flow, yrs_consultation_flow_get_topics (flow), "mental_health", TRUE));
  g_assert_true (yrs_consultation_flow_set_active (flow, programmes, "postpartum_care", TRUE));
  g_assert_false (yrs_consultation_flow_set_active (flow, programmes, "online_parents_class", TRUE));
  yrs_consultation_flow_set_notes (flow, "よく眠れていない。");

  record = yrs_consultation_flow_build (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  node = json_node_init_object (json_node_alloc (), record);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"kind\":\"after_birth\",\"date\":\"2026-01-20\",\"place\":\"home\","
                   "\"present\":[\"mother\"],\"topics\":[\"mental_health\",\"sleep\"],"
                   "\"programmes_explained\":[\"postpartum_care\"],"
                   "\"follow_up\":{\"kind\":\"phone\",\"date\":\"2026-02-03\"},"
                   "\"notes\":\"よく眠れていない。\"}");
}

static void
test_consultation_no_answers (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsConsultationFlow) flow =
    yrs_consultation_flow_new_for_answers ("CASE-2", NULL, catalog, today);
  GListModel *programmes = yrs_consultation_flow_get_programmes (flow);

  /* A family the nurse added, of whom the city holds nothing yet. */
  g_assert_true (has_item (programmes, "sos_line"));
  g_assert_true (has_item (programmes, "counselling"));
}

static void
test_screening (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsAnswers) answers = after_birth_answers ();
  g_autoptr(YrsScreeningFlow) flow =
    yrs_screening_flow_new_for_answers ("CASE-1", answers, catalog, today);
  g_autoptr(GError) error = NULL;
  GListModel *referrals = yrs_screening_flow_get_referrals (flow);
  const int scores[YRS_EPDS_N_ITEMS] = { 2, 1, 2, 1, 1, 1, 1, 1, 1, 1 };   /* 12, item 10 at 1 */
  gboolean offer;

  /* The three referrals, 産後ケア with her eligibility and registration. */
  g_assert_cmpuint (g_list_model_get_n_items (referrals), ==, 3);
  {
    YrsRecordItem *care = yrs_screening_flow_lookup_referral (flow, "postpartum_care");
    g_autofree char *detail = yrs_record_item_dup_detail (care);

    g_assert_true (yrs_record_item_get_can_register (care));
    g_assert_cmpstr (detail, !=, "");
    g_assert_false (yrs_record_item_get_can_register (yrs_screening_flow_lookup_referral (flow, "counselling")));
    g_assert_nonnull (yrs_screening_flow_lookup_referral (flow, "perinatal_mental_health_hyogo"));
  }

  /* Incomplete: refused, with the first missing item named. */
  g_assert_null (yrs_screening_flow_build (flow, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  g_assert_nonnull (yrs_screening_flow_get_error (flow));

  for (guint i = 0; i < 9; i++)
    yrs_screening_flow_set_item (flow, i + 1, scores[i]);
  g_assert_false (yrs_screening_flow_get_complete (flow));
  g_assert_cmpint (yrs_screening_flow_get_total (flow), ==, 11);
  g_assert_false (yrs_screening_flow_get_high (flow));
  g_assert_false (yrs_screening_flow_get_urgent (flow));

  yrs_screening_flow_set_item (flow, 10, scores[9]);
  g_assert_true (yrs_screening_flow_get_complete (flow));
  g_assert_cmpint (yrs_screening_flow_get_total (flow), ==, 12);
  g_assert_true (yrs_screening_flow_get_high (flow));
  g_assert_true (yrs_screening_flow_get_urgent (flow));
  g_object_get (flow, "offer-support", &offer, NULL);
  g_assert_true (offer);

  /* The urgent prompt must be acknowledged. */
  g_assert_false (yrs_screening_flow_get_can_save (flow));
  g_assert_null (yrs_screening_flow_build (flow, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  yrs_screening_flow_set_urgent_acknowledged (flow, TRUE);
  g_assert_true (yrs_screening_flow_get_can_save (flow));
  g_assert_null (yrs_screening_flow_get_error (flow));

  /* Item 10 back to 0 and up again: acknowledged again. */
  yrs_screening_flow_set_item (flow, 10, 0);
  g_assert_true (yrs_screening_flow_get_can_save (flow));
  yrs_screening_flow_set_item (flow, 10, 1);
  g_assert_false (yrs_screening_flow_get_urgent_acknowledged (flow));
  g_assert_false (yrs_screening_flow_get_can_save (flow));
  yrs_screening_flow_set_urgent_acknowledged (flow, TRUE);

  /* Offered counselling and 産後ケア; she chose 産後ケア. */
  yrs_record_item_set_offered (yrs_screening_flow_lookup_referral (flow, "counselling"), TRUE);
  yrs_record_item_set_chosen (yrs_screening_flow_lookup_referral (flow, "postpartum_care"), TRUE);
  g_assert_true (yrs_record_item_get_offered (yrs_screening_flow_lookup_referral (flow, "postpartum_care")));
  yrs_screening_flow_set_consultation (flow, "CON-local-1");

  {
    g_autoptr(JsonObject) record = yrs_screening_flow_build (flow, &error);
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    node = json_node_init_object (json_node_alloc (), record);
    json = json_to_string (node, FALSE);
    g_assert_cmpstr (json, ==,
                     "{\"consultation\":\"CON-local-1\",\"instrument\":\"epds\",\"date\":\"2026-01-20\","
                     "\"items\":[2,1,2,1,1,1,1,1,1,1],"
                     "\"offered\":[\"postpartum_care\",\"counselling\"],\"chosen\":[\"postpartum_care\"],"
                     "\"urgent_acknowledged\":true}");
  }

  /* Below the line and not urgent: no panel, nothing offered in the record. */
  yrs_screening_flow_set_item (flow, 10, 0);
  yrs_screening_flow_set_item (flow, 1, 0);
  yrs_screening_flow_set_item (flow, 3, 0);
  g_assert_cmpint (yrs_screening_flow_get_total (flow), ==, 7);
  g_object_get (flow, "offer-support", &offer, NULL);
  g_assert_false (offer);
  {
    g_autoptr(JsonObject) record = yrs_screening_flow_build (flow, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "offered")), ==, 0);
  }
}

static void
test_screening_sos_line (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsScreeningFlow) flow =
    yrs_screening_flow_new_for_answers ("CASE-3", NULL, catalog, today);
  g_autofree char *sos = NULL;

  g_object_get (flow, "sos-line", &sos, NULL);
  /* The number is the catalogue's, not the flow's. */
  g_assert_nonnull (strstr (sos, "078-351-3400"));
}

/* A case as GET /v1/cases gives it: the city holds no answers, the family
 * record says the baby was born and where she lives. */
static void
test_from_case (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YrsVisitCase) visit_case = NULL;
  g_autoptr(YrsConsultationFlow) consultation = NULL;
  g_autoptr(YrsScreeningFlow) screening = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": \"CASE-7\", \"ward\": \"chuo\", \"added_by_staff\": false,"
    " \"family\": {\"name\": \"寄添 花子\", \"kana\": \"ヨリソイ ハナコ\", \"birth_date\": \"1994-04-15\","
    "  \"phone\": \"09012345678\", \"address\": \"加納町6-5-1\", \"postal_code\": \"650-0001\","
    "  \"child_birth_date\": \"2026-01-10\"},"
    " \"answers\": {}, \"submissions\": [], \"consultations\": [], \"updated_at\": \"2026-01-15T09:00:00Z\"}",
    -1, NULL));
  visit_case = _yrs_visit_case_new (json_node_get_object (json_parser_get_root (parser)), catalog, FALSE, NULL, NULL);

  consultation = yrs_consultation_flow_new (visit_case, catalog, today);
  g_assert_cmpstr (yrs_consultation_flow_get_case_id (consultation), ==, "CASE-7");
  /* Born ten days ago, in the city: the birth payment is hers, the
   * pregnancy-only programmes are not offered. */
  {
    GListModel *programmes = yrs_consultation_flow_get_programmes (consultation);

    g_assert_true (has_item (programmes, "support_payment_birth"));
    g_assert_false (has_item (programmes, "online_parents_class"));
    g_assert_false (has_item (programmes, "prenatal_checkup_subsidy"));
  }
  /* The case's own answers are not changed. */
  g_assert_cmpuint (yrs_answers_get_size (yrs_visit_case_get_answers (visit_case)), ==, 0);

  screening = yrs_screening_flow_new (visit_case, catalog, today);
  g_assert_true (yrs_record_item_get_can_register (yrs_screening_flow_lookup_referral (screening, "postpartum_care")));
  /* Born, in the city, from the family record: what is still unknown is
   * the mother's own word, said as the question to ask her (never a bare
   * "More answers needed"), in the page's language; registering is still
   * one tap away. */
  {
    YrsRecordItem *care = yrs_screening_flow_lookup_referral (screening, "postpartum_care");
    g_autofree char *en = yrs_record_item_dup_detail (care);
    g_autofree char *ja = NULL;

    g_assert_cmpstr (en, ==, "To ask: Do you feel you need support with your health, the housework or the baby?");
    yrs_i18n_set_language ("ja");
    ja = yrs_record_item_dup_detail (care);
    yrs_i18n_set_language ("en");
    g_assert_cmpstr (ja, ==, "確認すること：体調や育児のことで、支援が必要だと感じていますか？");
  }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_test_add_func ("/visit-forms/consultation/build", test_consultation_build);
  g_test_add_func ("/visit-forms/consultation/no-answers", test_consultation_no_answers);
  g_test_add_func ("/visit-forms/screening", test_screening);
  g_test_add_func ("/visit-forms/screening/sos-line", test_screening_sos_line);
  g_test_add_func ("/visit-forms/from-case", test_from_case);
  return g_test_run ();
}
