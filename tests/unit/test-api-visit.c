/* SPDX-License-Identifier: GPL-3.0-or-later */
/* src/api/yrs-api-visit: the home visit's bodies (issue 17) round-trip,
 * and hostile or careless bodies are refused with every field named. */

#define G_LOG_DOMAIN "test-api-visit"

#include "config.h"

#include <string.h>

#include "yrs-api-visit.h"

static const char *good_case =
  "{\"id\":\"CASE-AB12CD34\",\"ward\":\"中央区\",\"added_by_staff\":false,"
  "\"family\":{\"name\":\"山田 花子\",\"kana\":\"ヤマダ ハナコ\",\"birth_date\":\"1992-04-15\","
  "\"phone\":\"078-123-4567\",\"address\":\"中央区加納町6-5-1\",\"postal_code\":\"650-0001\","
  "\"child_birth_date\":\"2026-11-20\"},"
  "\"answers\":{\"residence.in_city\":true,\"pregnancy.fetuses\":1},"
  "\"submissions\":[{\"reference\":\"APP-ABCD-EFGH\",\"kind\":\"application\","
  "\"programme\":\"support_payment_birth\",\"state\":\"waiting_for_consultation\"}],"
  "\"consultations\":[{\"id\":\"CON-1234ABCD\",\"kind\":\"notification\",\"date\":\"2026-05-01\"}],"
  "\"updated_at\":\"2026-12-01T10:00:00+09:00\"}";

static const char *good_consultation =
  "{\"case\":\"CASE-AB12CD34\",\"kind\":\"after_birth\",\"date\":\"2026-12-01\","
  "\"place\":\"home\",\"present\":[\"mother\",\"partner\"],"
  "\"topics\":[\"feeding\",\"sleep\",\"mental_health\"],"
  "\"programmes_explained\":[\"postpartum_care\"],"
  "\"follow_up\":{\"kind\":\"phone\",\"date\":\"2026-12-08\"},\"notes\":\"元気\\n二行目\"}";

static const char *good_screening =
  "{\"case\":\"CASE-AB12CD34\",\"consultation\":\"CON-1234ABCD\",\"instrument\":\"epds\","
  "\"date\":\"2026-12-01\",\"items\":[1,2,1,1,2,1,1,1,1,1],"
  "\"offered\":[\"postpartum_care\",\"counselling\"],\"chosen\":[\"postpartum_care\"],"
  "\"urgent_acknowledged\":true}";

/* The field errors of a request body, "field:code" joined by spaces, or
 * NULL when it decodes. */
static char *
errors_of (gpointer (*decode) (JsonNode *, GPtrArray *),
           void     (*release) (gpointer),
           const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = yrs_api_parse (json, -1, &error);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  g_autoptr(GString) text = g_string_new (NULL);
  gpointer value;

  g_assert_no_error (error);
  value = decode (node, errors);
  if (value != NULL)
    {
      g_assert_cmpuint (errors->len, ==, 0);
      release (value);
      return NULL;
    }
  g_assert_cmpuint (errors->len, >, 0);
  for (guint i = 0; i < errors->len; i++)
    {
      YrsApiFieldError *fe = g_ptr_array_index (errors, i);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "", fe->field, fe->code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define CONSULTATION_ERRORS(json) \
  errors_of ((gpointer) yrs_api_consultation_request_decode, \
             (void (*) (gpointer)) yrs_api_consultation_request_free, json)
#define SCREENING_ERRORS(json) \
  errors_of ((gpointer) yrs_api_screening_request_decode, \
             (void (*) (gpointer)) yrs_api_screening_request_free, json)
#define CASE_ERRORS(json) \
  errors_of ((gpointer) yrs_api_case_request_decode, \
             (void (*) (gpointer)) yrs_api_case_request_free, json)
#define CASE_BODY_ERRORS(json) \
  errors_of ((gpointer) yrs_api_case_decode, \
             (void (*) (gpointer)) yrs_api_case_free, json)
#define DECISION_ERRORS(json) \
  errors_of ((gpointer) yrs_api_decision_request_decode, \
             (void (*) (gpointer)) yrs_api_decision_request_free, json)

static void
assert_errors (char       *got,
               const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_case_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiCase) c = yrs_api_case_from_string (good_case, -1, &error);
  g_autoptr(YrsApiCase) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (c->id, ==, "CASE-AB12CD34");
  g_assert_cmpstr (c->ward, ==, "中央区");
  g_assert_cmpstr (c->family->kana, ==, "ヤマダ ハナコ");
  g_assert_null (c->family->due_date);
  g_assert_cmpstr (c->family->child_birth_date, ==, "2026-11-20");
  g_assert_true (json_object_get_boolean_member (c->answers, "residence.in_city"));
  g_assert_cmpuint (c->submissions->len, ==, 1);
  g_assert_cmpstr (((YrsApiCaseSubmission *) g_ptr_array_index (c->submissions, 0))->state, ==,
                   "waiting_for_consultation");
  g_assert_cmpuint (c->consultations->len, ==, 1);
  g_assert_cmpint (((YrsApiCaseConsultation *) g_ptr_array_index (c->consultations, 0))->kind, ==,
                   YRS_API_CONSULTATION_NOTIFICATION);
  text = yrs_api_case_to_string (c);
  again = yrs_api_case_from_string (text, -1, &error);
  g_assert_no_error (error);
  text2 = yrs_api_case_to_string (again);
  g_assert_cmpstr (text, ==, text2);
}

static void
test_case_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"ward\":\"中央区\",\"cases\":[%s,%s]}", good_case, good_case);
  g_autofree char *bad = g_strdup_printf ("{\"ward\":null,\"cases\":[%s,42]}", good_case);
  g_autoptr(YrsApiCaseList) list = yrs_api_case_list_from_string (json, -1, &error);
  g_autoptr(YrsApiCaseList) refused = NULL;
  g_autofree char *field = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (list->cases->len, ==, 2);
  refused = yrs_api_case_list_from_string (bad, -1, &error);
  g_assert_null (refused);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_TYPE);
  field = yrs_api_decode_error_dup_field (error);
  g_assert_cmpstr (field, ==, "cases[1]");
  g_clear_error (&error);
  g_assert_null (yrs_api_case_list_from_string ("[]", -1, &error));
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_TYPE);
}

static void
test_case_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiCase) c = NULL;
  g_autofree char *field = NULL;
  g_autoptr(GString) bad = g_string_new (good_case);

  /* A case id that is not one. */
  g_string_replace (bad, "CASE-AB12CD34", "case-1; DROP", 1);
  c = yrs_api_case_from_string (bad->str, -1, &error);
  g_assert_null (c);
  field = yrs_api_decode_error_dup_field (error);
  g_assert_cmpstr (field, ==, "id");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  g_string_assign (bad, good_case);
  g_string_replace (bad, "\"kind\":\"notification\"", "\"kind\":\"birthday\"", 1);
  c = yrs_api_case_from_string (bad->str, -1, &error);
  g_assert_null (c);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_RANGE);
  field = yrs_api_decode_error_dup_field (error);
  g_assert_cmpstr (field, ==, "consultations[0].kind");
}

/* A case with the records' contents (GET /v1/cases for the ward's staff). */
static const char *history_case =
  "{\"id\":\"CASE-AB12CD34\",\"ward\":\"chuo\",\"added_by_staff\":false,"
  "\"family\":{\"name\":\"山田 花子\"},\"answers\":{},\"submissions\":[],"
  "\"consultations\":[{\"id\":\"CON-2\",\"kind\":\"after_birth\",\"date\":\"2026-12-01\","
  "\"place\":\"home\",\"present\":[\"mother\"],\"topics\":[\"feeding\",\"sleep\"],"
  "\"programmes_explained\":[\"postpartum_care\"],"
  "\"follow_up\":{\"kind\":\"visit\",\"date\":\"2026-12-08\"},\"notes\":\"元気\\n二行目\"},"
  "{\"id\":\"CON-1\",\"kind\":\"notification\",\"date\":\"2026-05-01\"}],"
  "\"screenings\":[{\"id\":\"SCR-1\",\"date\":\"2026-12-01\",\"total\":12,\"level\":\"high\","
  "\"urgent\":true,\"items\":[1,2,1,1,2,1,1,1,1,1],\"urgent_acknowledged\":true,"
  "\"offered\":[\"postpartum_care\"],\"chosen\":[]},"
  "{\"id\":\"SCR-0\",\"date\":\"2026-05-01\",\"total\":3,\"level\":\"low\",\"urgent\":false}],"
  "\"updated_at\":\"2026-12-01T10:00:00+09:00\"}";

static char *
history_errors (const char *from,
                const char *to)
{
  g_autoptr(GString) bad = g_string_new (history_case);

  g_assert_nonnull (strstr (bad->str, from));
  g_string_replace (bad, from, to, 1);
  return CASE_BODY_ERRORS (bad->str);
}

static void
test_case_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiCase) c = yrs_api_case_from_string (history_case, -1, &error);
  g_autoptr(YrsApiCase) again = NULL;
  g_autoptr(YrsApiCase) old = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  YrsApiCaseConsultation *k;
  YrsApiCaseScreening *s;

  g_assert_no_error (error);
  g_assert_cmpuint (c->consultations->len, ==, 2);
  k = g_ptr_array_index (c->consultations, 0);
  g_assert_true (k->has_record);
  g_assert_cmpint (k->place, ==, YRS_API_PLACE_HOME);
  g_assert_cmpstr (k->topics[1], ==, "sleep");
  g_assert_cmpstr (k->programmes_explained[0], ==, "postpartum_care");
  g_assert_cmpint (k->follow_up_kind, ==, YRS_API_FOLLOW_UP_VISIT);
  g_assert_cmpstr (k->follow_up_date, ==, "2026-12-08");
  g_assert_cmpstr (k->notes, ==, "元気\n二行目");
  k = g_ptr_array_index (c->consultations, 1);
  g_assert_false (k->has_record);
  g_assert_cmpuint (g_strv_length (k->topics), ==, 0);
  g_assert_cmpuint (c->screenings->len, ==, 2);
  s = g_ptr_array_index (c->screenings, 0);
  g_assert_true (s->has_record && s->high && s->urgent && s->urgent_acknowledged);
  g_assert_cmpint (s->total, ==, 12);
  g_assert_cmpint (s->items[1], ==, 2);
  s = g_ptr_array_index (c->screenings, 1);
  g_assert_false (s->has_record || s->high || s->urgent);
  g_assert_cmpint (s->total, ==, 3);
  text = yrs_api_case_to_string (c);
  again = yrs_api_case_from_string (text, -1, &error);
  g_assert_no_error (error);
  text2 = yrs_api_case_to_string (again);
  g_assert_cmpstr (text, ==, text2);

  /* A body from before the screenings were listed still decodes. */
  old = yrs_api_case_from_string (good_case, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old->screenings->len, ==, 0);

  /* Hostile records: every bad field named. */
  assert_errors (history_errors ("\"place\":\"home\",\"present\":[\"mother\"],\"topics\":[\"feeding\",\"sleep\"]",
                                 "\"place\":\"moon\",\"present\":\"mother\",\"topics\":[\"feeding\",7]"),
                 "consultations[0].place:range consultations[0].present:type "
                 "consultations[0].topics[1]:type");
  assert_errors (history_errors ("\"follow_up\":{\"kind\":\"visit\",\"date\":\"2026-12-08\"},\"notes\":\"元気\\n二行目\"",
                                 "\"follow_up\":{\"kind\":\"later\",\"date\":\"tomorrow\"},\"notes\":42"),
                 "consultations[0].follow_up.kind:range consultations[0].follow_up.date:format "
                 "consultations[0].notes:type");
  assert_errors (history_errors ("\"follow_up\":{\"kind\":\"visit\",\"date\":\"2026-12-08\"},", ""),
                 "consultations[0].follow_up:required");
  assert_errors (history_errors ("\"items\":[1,2,1,1,2,1,1,1,1,1]", "\"items\":[1,2,\"1\",1,2,1,1,9,1,1]"),
                 "screenings[0].items[2]:type screenings[0].items[7]:range");
  assert_errors (history_errors ("\"items\":[1,2,1,1,2,1,1,1,1,1]", "\"items\":[1,2,1]"),
                 "screenings[0].items:required");
  /* A total, level or urgent mark that are not those of the scores. */
  assert_errors (history_errors ("\"total\":12,\"level\":\"high\",\"urgent\":true",
                                 "\"total\":11,\"level\":\"low\",\"urgent\":false"),
                 "screenings[0].total:range screenings[0].level:range screenings[0].urgent:range");
  assert_errors (history_errors ("\"id\":\"SCR-0\",\"date\":\"2026-05-01\",\"total\":3,\"level\":\"low\",\"urgent\":false",
                                 "\"id\":\"CON-0\",\"date\":\"05/01\",\"total\":31,\"level\":\"severe\""),
                 "screenings[1].id:format screenings[1].date:format screenings[1].total:range "
                 "screenings[1].level:range screenings[1].urgent:required");
  assert_errors (history_errors ("\"urgent_acknowledged\":true,\"offered\":[\"postpartum_care\"],\"chosen\":[]",
                                 "\"urgent_acknowledged\":1,\"offered\":[\"a b\"],\"chosen\":null"),
                 "screenings[0].urgent_acknowledged:type screenings[0].offered[0]:format "
                 "screenings[0].chosen:required");
  assert_errors (history_errors ("\"screenings\":[", "\"screenings\":[42,"), "screenings[0]:type");
}

static void
test_case_request (void)
{
  assert_errors (CASE_ERRORS ("{\"family\":{\"name\":\"山田 花子\",\"birth_date\":\"1992-04-15\"}}"),
                 NULL);
  assert_errors (CASE_ERRORS ("{\"answers\":{}}"), "family:required");
  assert_errors (CASE_ERRORS ("{\"family\":{\"name\":\"　\",\"kana\":\"yamada\","
                              "\"birth_date\":\"1992-02-30\",\"phone\":\"12\","
                              "\"postal_code\":\"65\",\"due_date\":20260101},"
                              "\"answers\":{\"a\":{\"nested\":1}}}"),
                 "family.name:required family.kana:format family.birth_date:format "
                 "family.phone:format family.postal_code:format family.due_date:type "
                 "answers.a:type");
  assert_errors (CASE_ERRORS ("{\"family\":{\"name\":\"a\\u202eb\",\"birth_date\":\"1992-04-15\"}}"),
                 "family.name:format");
  assert_errors (CASE_ERRORS ("\"family\""), "body:type");
}

static void
test_consultation_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiConsultationRequest) r =
    yrs_api_consultation_request_from_string (good_consultation, -1, &error);
  g_autofree char *text = NULL;
  g_autoptr(YrsApiConsultationRequest) again = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *huge_json = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (r->kind, ==, YRS_API_CONSULTATION_AFTER_BIRTH);
  g_assert_cmpint (r->place, ==, YRS_API_PLACE_HOME);
  g_assert_cmpint (r->follow_up_kind, ==, YRS_API_FOLLOW_UP_PHONE);
  g_assert_cmpstr (r->follow_up_date, ==, "2026-12-08");
  g_assert_cmpuint (g_strv_length (r->topics), ==, 3);
  g_assert_cmpstr (r->notes, ==, "元気\n二行目");
  text = yrs_api_consultation_request_to_string (r);
  again = yrs_api_consultation_request_from_string (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->case_id, ==, "CASE-AB12CD34");

  /* Minimal. */
  assert_errors (CONSULTATION_ERRORS ("{\"case\":\"CASE-AB12\",\"kind\":\"other\",\"date\":\"2026-12-01\","
                                      "\"place\":\"phone\",\"follow_up\":{\"kind\":\"none\"}}"),
                 NULL);
  /* Every bad field is listed. */
  assert_errors (CONSULTATION_ERRORS ("{\"case\":7,\"kind\":\"visit\",\"date\":\"01/12/2026\","
                                      "\"place\":\"cafe\",\"present\":\"mother\","
                                      "\"topics\":[\"feeding\",\"astrology\"],"
                                      "\"programmes_explained\":[1],"
                                      "\"follow_up\":{\"kind\":\"visit\",\"date\":\"soon\"},"
                                      "\"notes\":false}"),
                 "case:type kind:range date:format place:range present:type "
                 "topics[1]:range programmes_explained[0]:type follow_up.date:format notes:type");
  assert_errors (CONSULTATION_ERRORS ("{}"),
                 "case:required kind:required date:required place:required follow_up:required");
  /* Huge notes. */
  huge = g_strnfill (YRS_API_MAX_NOTES_CHARS + 1, 'a');
  huge_json = g_strdup_printf ("{\"case\":\"CASE-AB12\",\"kind\":\"other\",\"date\":\"2026-12-01\","
                               "\"place\":\"phone\",\"follow_up\":{\"kind\":\"none\"},\"notes\":\"%s\"}",
                               huge);
  assert_errors (CONSULTATION_ERRORS (huge_json), "notes:too_long");
}

static char *
screen_errors (const char *base,
               const char *tail)
{
  g_autofree char *json = g_strconcat (base, tail, NULL);

  return SCREENING_ERRORS (json);
}

static void
test_screening_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiScreeningRequest) r =
    yrs_api_screening_request_from_string (good_screening, -1, &error);
  const char *base = "{\"case\":\"CASE-AB12\",\"instrument\":\"epds\",\"date\":\"2026-12-01\",";
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (r->items[1], ==, 2);
  g_assert_cmpint (r->items[9], ==, 1);
  g_assert_true (r->urgent_acknowledged);
  text = yrs_api_screening_request_to_string (r);
  g_assert_nonnull (strstr (text, "\"items\":[1,2,1,1,2,1,1,1,1,1]"));

#define SCREEN(tail) screen_errors (base, tail)
  assert_errors (SCREEN ("\"items\":[0,0,0,0,0,0,0,0,0,0]}"), NULL);
  assert_errors (SCREEN ("\"items\":[0,0,0,0,0,0,0,0,0,0,0]}"), "items:too_long");
  assert_errors (SCREEN ("\"items\":[0,0,0,0,0,0,0,0,0]}"), "items:required");
  assert_errors (SCREEN ("\"items\":[0,0,0,4,0,0,0,0,0,0]}"), "items[3]:range");
  assert_errors (SCREEN ("\"items\":[0,0,0,-1,0,0,0,0,0,0]}"), "items[3]:range");
  assert_errors (SCREEN ("\"items\":[0,\"1\",0,1.5,0,0,0,0,0,0]}"), "items[1]:type items[3]:type");
  assert_errors (SCREEN ("\"items\":\"0000000000\"}"), "items:type");
  /* Item 10 above 0 without the acknowledgement, at every score. */
  for (int v = 1; v <= 3; v++)
    {
      g_autofree char *tail = g_strdup_printf ("\"items\":[0,0,0,0,0,0,0,0,0,%d]}", v);
      g_autofree char *tail_ack = g_strdup_printf ("\"items\":[0,0,0,0,0,0,0,0,0,%d],"
                                                   "\"urgent_acknowledged\":true}", v);

      assert_errors (SCREEN (tail), "urgent_acknowledged:required");
      assert_errors (SCREEN (tail_ack), NULL);
    }
  assert_errors (SCREEN ("\"items\":[0,0,0,0,0,0,0,0,0,0],\"urgent_acknowledged\":\"yes\"}"),
                 "urgent_acknowledged:type");
  assert_errors (SCREENING_ERRORS ("{\"case\":\"CASE-AB12\",\"instrument\":\"phq9\","
                                   "\"date\":\"2026-12-01\",\"items\":[0,0,0,0,0,0,0,0,0,0]}"),
                 "instrument:range");
#undef SCREEN
}

static void
test_decision_request (void)
{
  g_autofree char *long_reason = g_strnfill (YRS_API_MAX_REASON_CHARS + 1, 'x');
  g_autofree char *long_json = g_strdup_printf ("{\"decision\":\"decline\",\"reason\":\"%s\"}",
                                                long_reason);
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiDecisionRequest) d =
    yrs_api_decision_request_from_string ("{\"decision\":\"decline\",\"reason\":\"区外に転出\"}", -1, &error);

  g_assert_no_error (error);
  g_assert_false (d->approve);
  g_assert_cmpstr (d->reason, ==, "区外に転出");
  assert_errors (DECISION_ERRORS ("{\"decision\":\"approve\"}"), NULL);
  assert_errors (DECISION_ERRORS ("{\"decision\":\"decline\"}"), "reason:required");
  assert_errors (DECISION_ERRORS ("{\"decision\":\"decline\",\"reason\":\"  \"}"), "reason:required");
  assert_errors (DECISION_ERRORS (long_json), "reason:too_long");
  assert_errors (DECISION_ERRORS ("{\"decision\":true}"), "decision:type");
  assert_errors (DECISION_ERRORS ("{\"decision\":\"maybe\"}"), "decision:range");
  assert_errors (DECISION_ERRORS ("[]"), "body:type");
}

/* Not JSON at all: every decoder says malformed. */
static void
test_malformed (void)
{
  const char *texts[] = { "", "{\"case\":", "{\"case\": \"\xff\xfe\"}", "{} {}" };
  /* Broken rules of RFC 8259 that the parser names a field for. */
  const char *strict[] = { "{\"items\": [01]}", "{\"a\": 1, \"a\": 2}" };

  for (guint i = 0; i < G_N_ELEMENTS (strict); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YrsApiScreeningRequest) s = yrs_api_screening_request_from_string (strict[i], -1, &error);

      g_assert_null (s);
      g_assert_nonnull (error);
      g_assert_true (error->domain == YRS_API_DECODE_ERROR);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YrsApiConsultationRequest) c =
        yrs_api_consultation_request_from_string (texts[i], -1, &error);
      g_autoptr(YrsApiScreeningRequest) s = NULL;
      g_autoptr(YrsApiCaseList) l = NULL;

      g_assert_null (c);
      g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED);
      g_clear_error (&error);
      s = yrs_api_screening_request_from_string (texts[i], -1, &error);
      g_assert_null (s);
      g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED);
      g_clear_error (&error);
      l = yrs_api_case_list_from_string (texts[i], -1, &error);
      g_assert_null (l);
      g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED);
    }
}

static void
test_responses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiConsultationResponse) c =
    yrs_api_consultation_response_from_string ("{\"id\":\"CON-AB12\",\"case\":\"CASE-CD34\","
                                               "\"payments_ready\":[\"APP-ABCD-EFGH\"]}", -1, &error);
  g_autoptr(YrsApiScreeningResponse) s = NULL;
  g_autoptr(YrsApiPendingRegistrationList) list = NULL;
  g_autoptr(YrsApiStaffSessionResponse) session = NULL;
  YrsApiPendingRegistration *p;

  g_assert_no_error (error);
  g_assert_cmpstr (c->payments_ready[0], ==, "APP-ABCD-EFGH");
  s = yrs_api_screening_response_from_string ("{\"id\":\"SCR-AB12\",\"total\":12,\"high\":true,"
                                              "\"urgent\":true}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->total, ==, 12);
  g_assert_true (s->high && s->urgent);
  g_clear_pointer (&s, yrs_api_screening_response_free);
  s = yrs_api_screening_response_from_string ("{\"id\":\"SCR-AB12\",\"total\":31,\"high\":true,"
                                              "\"urgent\":true}", -1, &error);
  g_assert_null (s);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_RANGE);
  g_clear_error (&error);

  list = yrs_api_pending_registration_list_from_string (
    "{\"registrations\":[{\"id\":\"r1\",\"reference\":\"REG-ABCD-EFGH\",\"ward\":\"中央区\","
    "\"state\":\"pending\",\"created_at\":\"2026-12-01T10:00:00+09:00\","
    "\"declared\":{\"name\":\"山田 花子\",\"tax_exempt\":true}}]}", -1, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (list->registrations, 0);
  g_assert_cmpstr (p->state, ==, "pending");
  g_assert_true (json_object_get_boolean_member (p->declared, "tax_exempt"));
  g_clear_pointer (&list, yrs_api_pending_registration_list_free);
  list = yrs_api_pending_registration_list_from_string (
    "{\"registrations\":[{\"id\":\"r1\",\"reference\":\"REG-ABCD-EFGH\",\"state\":\"lost\","
    "\"created_at\":\"2026-12-01T10:00:00+09:00\",\"declared\":{}}]}", -1, &error);
  g_assert_null (list);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_RANGE);
  g_clear_error (&error);

  session = yrs_api_staff_session_response_from_string (
    "{\"token\":\"t\",\"staff_id\":\"nurse-1\",\"expires_at\":\"2026-12-01T10:00:00+09:00\","
    "\"role\":\"nurse\",\"ward\":\"中央区\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->role, ==, "nurse");
  g_assert_cmpstr (session->ward, ==, "中央区");
  g_clear_pointer (&session, yrs_api_staff_session_response_free);
  session = yrs_api_staff_session_response_from_string (
    "{\"token\":\"t\",\"staff_id\":\"nurse-1\",\"expires_at\":\"2026-12-01T10:00:00+09:00\","
    "\"role\":\"admin\"}", -1, &error);
  g_assert_null (session);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-visit/case/round-trip", test_case_round_trip);
  g_test_add_func ("/api-visit/case/list", test_case_list);
  g_test_add_func ("/api-visit/case/bad", test_case_bad);
  g_test_add_func ("/api-visit/case/history", test_case_history);
  g_test_add_func ("/api-visit/case-request", test_case_request);
  g_test_add_func ("/api-visit/consultation-request", test_consultation_request);
  g_test_add_func ("/api-visit/screening-request", test_screening_request);
  g_test_add_func ("/api-visit/decision-request", test_decision_request);
  g_test_add_func ("/api-visit/responses", test_responses);
  g_test_add_func ("/api-visit/malformed", test_malformed);
  return g_test_run ();
}
