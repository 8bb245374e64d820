/* SPDX-License-Identifier: GPL-3.0-or-later */
/* src/api without a server: every body round-trips, and each kind of bad
 * input is refused with the field's path and a code. */

#define G_LOG_DOMAIN "test-api"

#include "config.h"

#include <string.h>

#include "yrs-api.h"

typedef gpointer (*Decode) (const char *data,
                            gssize      length,
                            GError    **error);
typedef char *(*Encode) (gconstpointer value);

#define CODEC(name)                                                         \
  static gpointer                                                           \
  name##_decode (const char *data,                                          \
                 gssize      length,                                        \
                 GError    **error)                                         \
  {                                                                         \
    return yrs_api_##name##_from_string (data, length, error);              \
  }                                                                         \
  static char *                                                             \
  name##_encode (gconstpointer value)                                       \
  {                                                                         \
    return yrs_api_##name##_to_string (value);                              \
  }                                                                         \
  static void                                                               \
  name##_release (gpointer value)                                           \
  {                                                                         \
    yrs_api_##name##_free (value);                                          \
  }

CODEC (registration_request)
CODEC (reservation_request)
CODEC (application_request)
CODEC (staff_session_request)
CODEC (slot_request)
CODEC (slot)
CODEC (slot_page)
CODEC (problem)
CODEC (facility_list)
CODEC (registration_response)
CODEC (reservation_response)
CODEC (application_response)
CODEC (submission_status)
CODEC (staff_session_response)

typedef struct
{
  Decode         decode;
  Encode         encode;
  GDestroyNotify release;
  const char    *json;
} RoundTrip;

#define RT(name, json) { name##_decode, name##_encode, name##_release, json }

static const RoundTrip round_trips[] = {
  RT (registration_request,
      "{\"name\":\"山田 花子\",\"name_kana\":\"ヤマダ　ハナコ\",\"phone\":\"078-123-4567\","
      "\"child_born_on\":null,\"due_on\":\"2026-03-01\",\"ward\":\"chuo\",\"tax_exempt\":true,"
      "\"public_assistance\":false}"),
  RT (reservation_request, "{\"registration\":\"reg-1\",\"slot\":\"slot-1\"}"),
  RT (application_request,
      "{\"programme\":\"postpartum_care\",\"fields\":{\"applicant.name\":\"A\",\"n_count\":2,"
      "\"ok\":true,\"note\":null}}"),
  RT (staff_session_request, "{\"staff_id\":\"staff-1\",\"password\":\"p w\"}"),
  RT (slot_request,
      "{\"id\":\"s1\",\"facility\":\"f\",\"kind\":\"visit\",\"starts_at\":\"2030-01-01T10:00:00+09:00\","
      "\"ends_at\":\"2030-01-01T12:00:00+09:00\",\"capacity\":3}"),
  RT (slot,
      "{\"id\":\"s1\",\"facility\":\"f\",\"kind\":\"stay\",\"starts_at\":\"2030-01-01T10:00:00+09:00\","
      "\"ends_at\":\"2030-01-02T10:00:00+09:00\",\"capacity\":2,\"booked\":2,\"revision\":9,"
      "\"deleted\":true}"),
  RT (slot_page,
      "{\"slots\":[{\"id\":\"s1\",\"facility\":\"f\",\"kind\":\"day\",\"starts_at\":"
      "\"2030-01-01T10:00:00Z\",\"ends_at\":\"2030-01-01T16:00:00Z\",\"capacity\":1,\"booked\":0,"
      "\"revision\":1,\"deleted\":false}],\"cursor\":\"1\",\"has_more\":true}"),
  RT (problem,
      "{\"type\":\"urn:yorisoi:problem:slot-full\",\"title\":\"Slot full\",\"status\":409,"
      "\"detail\":\"d\",\"errors\":[{\"field\":\"slot\",\"code\":\"unknown\"}],\"alternatives\":[]}"),
  RT (facility_list,
      "{\"facilities\":[{\"id\":\"f\",\"name\":{\"ja\":\"助産所\",\"en\":\"Home\"},\"type\":\"josanjo\","
      "\"ward\":\"nada\",\"kinds\":[\"stay\",\"visit\"]}]}"),
  RT (registration_response, "{\"id\":\"reg-1\",\"reference\":\"REG-AAAA-BBBB\",\"status\":\"approved\"}"),
  RT (reservation_response,
      "{\"id\":\"rsv-1\",\"reference\":\"RSV-AAAA-BBBB\",\"slot\":\"s\",\"registration\":\"r\","
      "\"status\":\"confirmed\"}"),
  RT (application_response, "{\"reference\":\"APP-AAAA-BBBB\",\"status\":\"received\"}"),
  RT (submission_status,
      "{\"reference\":\"APP-AAAA-BBBB\",\"kind\":\"application\",\"status\":\"received\","
      "\"updated_at\":\"2025-06-01T00:00:00Z\"}"),
  RT (staff_session_response,
      "{\"token\":\"t\",\"staff_id\":\"staff-1\",\"expires_at\":\"2025-06-01T08:00:00Z\"}"),
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      const RoundTrip *rt = &round_trips[i];
      g_autoptr(GError) error = NULL;
      gpointer value = rt->decode (rt->json, -1, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (value);
      text = rt->encode (value);
      g_assert_cmpstr (text, ==, rt->json);
      rt->release (value);
    }
}

typedef struct
{
  Decode      decode;
  const char *json;
  const char *field;
  const char *code;
} Bad;

#define BAD(name, json, field, code) { name##_decode, json, field, code }

static const Bad bad[] = {
  BAD (registration_request, "{\"name\": 1, \"name_kana\": \"ア\", \"phone\": \"0781234567\", \"due_on\": \"2026-01-01\"}",
       "name", "type"),
  BAD (registration_request, "{\"name_kana\": \"ア\", \"phone\": \"0781234567\", \"due_on\": \"2026-01-01\"}",
       "name", "required"),
  BAD (registration_request, "{\"name\": \"\", \"name_kana\": \"ア\", \"phone\": \"0781234567\", \"due_on\": \"2026-01-01\"}",
       "name", "required"),
  BAD (registration_request, "{\"name\": \"a\", \"name_kana\": \"a\", \"phone\": \"0781234567\", \"due_on\": \"2026-01-01\"}",
       "name_kana", "format"),
  BAD (registration_request, "{\"name\": \"a\", \"name_kana\": \"ア\", \"phone\": \"078\", \"due_on\": \"2026-01-01\"}",
       "phone", "format"),
  BAD (registration_request, "{\"name\": \"a\", \"name_kana\": \"ア\", \"phone\": \"0781234567\", \"due_on\": \"2026-02-29\"}",
       "due_on", "format"),
  BAD (registration_request, "{\"name\": \"a\", \"name_kana\": \"ア\", \"phone\": \"0781234567\"}",
       "child_born_on", "required"),
  BAD (registration_request, "{\"name\": \"a\", \"name_kana\": \"ア\", \"phone\": \"0781234567\", \"due_on\": \"2026-01-01\", \"tax_exempt\": 1}",
       "tax_exempt", "type"),
  BAD (registration_request, "[1]", "body", "type"),
  BAD (registration_request, "{\"name\": \"a\"", "body", "malformed"),
  BAD (reservation_request, "{\"registration\": \"r\", \"slot\": \"a b\"}", "slot", "format"),
  BAD (reservation_request, "{\"registration\": \"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\", \"slot\": \"s\"}",
       "registration", "too_long"),
  BAD (slot_request, "{\"facility\": \"f\", \"kind\": \"day\", \"starts_at\": \"2030-01-01T10:00:00+09:00\", "
                     "\"ends_at\": \"2030-01-01T12:00:00+09:00\", \"capacity\": 1001}", "capacity", "range"),
  BAD (slot_request, "{\"facility\": \"f\", \"kind\": \"night\", \"starts_at\": \"2030-01-01T10:00:00+09:00\", "
                     "\"ends_at\": \"2030-01-01T12:00:00+09:00\", \"capacity\": 1}", "kind", "range"),
  BAD (slot_request, "{\"facility\": \"f\", \"kind\": \"day\", \"starts_at\": \"2030-01-01 10:00\", "
                     "\"ends_at\": \"2030-01-01T12:00:00+09:00\", \"capacity\": 1}", "starts_at", "format"),
  BAD (slot_request, "{\"facility\": \"f\", \"kind\": \"day\", \"starts_at\": \"2030-01-01T10:00:00+09:00\", "
                     "\"ends_at\": \"2030-01-01T10:00:00+09:00\", \"capacity\": 1}", "ends_at", "range"),
  BAD (slot_request, "{\"facility\": \"f\", \"kind\": \"day\", \"starts_at\": \"2030-01-01T10:00:00+09:00\", "
                     "\"ends_at\": \"2030-01-01T12:00:00+09:00\", \"capacity\": 1.5}", "capacity", "type"),
  BAD (slot_page, "{\"slots\": [{\"id\": \"s\", \"facility\": \"f\", \"kind\": \"day\", \"starts_at\": "
                  "\"2030-01-01T10:00:00Z\", \"ends_at\": \"2030-01-01T16:00:00Z\", \"capacity\": 1, "
                  "\"booked\": 2, \"revision\": 1}], \"cursor\": \"1\"}", "slots[0].booked", "range"),
  BAD (slot_page, "{\"slots\": [], \"cursor\": 5}", "cursor", "type"),
  BAD (slot, "{\"id\": \"s\", \"facility\": \"f\", \"kind\": \"day\", \"starts_at\": \"2030-01-01T10:00:00Z\", "
             "\"ends_at\": \"2030-01-01T16:00:00Z\", \"capacity\": 1, \"booked\": -1, \"revision\": 1}",
       "booked", "range"),
  BAD (application_request, "{\"programme\": \"p\", \"fields\": {\"a\": [1]}}", "fields.a", "type"),
  BAD (application_request, "{\"programme\": \"p\"}", "fields", "required"),
  BAD (application_request, "{\"programme\": \"p\", \"fields\": {\"Bad Key\": 1}}", "fields", "format"),
  BAD (staff_session_request, "{\"staff_id\": \"s\", \"password\": \"\"}", "password", "required"),
  BAD (problem, "{\"type\": \"t\", \"title\": \"x\", \"status\": 200}", "status", "range"),
  BAD (problem, "{\"type\": \"t\", \"title\": \"x\", \"status\": 409, \"errors\": [{\"field\": \"f\"}]}",
       "errors[0].code", "required"),
  BAD (facility_list, "{\"facilities\": [{\"id\": \"f\", \"name\": {\"en\": \"x\"}, \"type\": \"josanjo\", \"kinds\": []}]}",
       "facilities[0].name.ja", "required"),
  BAD (facility_list, "{\"facilities\": [{\"id\": \"f\", \"name\": {\"ja\": \"x\"}, \"type\": \"spa\", \"kinds\": []}]}",
       "facilities[0].type", "range"),
  BAD (registration_response, "{\"id\": \"r\", \"reference\": \"R\", \"status\": \"maybe\"}", "status", "range"),
  BAD (submission_status, "{\"reference\": \"R\", \"kind\": \"application\", \"status\": \"received\", "
                          "\"updated_at\": \"2025-02-30T00:00:00Z\"}", "updated_at", "format"),
};

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gpointer value = bad[i].decode (bad[i].json, -1, &error);
      g_autofree char *field = NULL;

      if (value != NULL)
        g_error ("accepted: %s", bad[i].json);
      g_assert_error (error, YRS_API_DECODE_ERROR, error->code);
      field = yrs_api_decode_error_dup_field (error);
      g_assert_cmpstr (field, ==, bad[i].field);
      g_assert_cmpstr (yrs_api_decode_error_code_name (error->code), ==, bad[i].code);
    }
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(YrsApiProblem) problem = NULL;
  g_autofree char *json = NULL;

  /* Depth: 32 levels pass, 33 do not. */
  for (int i = 0; i < YRS_API_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < YRS_API_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  node = yrs_api_parse (deep->str, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  node = yrs_api_parse (deep->str, -1, &error);
  g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED);
  g_assert_null (node);
  g_clear_error (&error);

  /* Brackets inside strings do not count. */
  node = yrs_api_parse ("{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}", -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* Half a surrogate pair is refused before json-glib sees it (1.6 leaks
   * on it); a whole pair and an escaped backslash before "u" are fine. */
  {
    static const char *halves[] = {
      "{\"a\": \"\\ud800\"}", "{\"a\": \"\\udc00x\"}",
      "{\"a\": \"\\uD83D\\u0041\"}", "{\"a\": \"\\ud800\\u0000\\n\"}",
    };
    static const char *pairs[] = {
      "{\"a\": \"\\ud83d\\ude00\"}", "{\"a\": \"\\\\ud800\"}", "{\"a\": \"\\u30a2\\n\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (halves); i++)
      {
        g_assert_null (yrs_api_parse (halves[i], -1, &error));
        g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED);
        g_clear_error (&error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
      {
        node = yrs_api_parse (pairs[i], -1, &error);
        g_assert_no_error (error);
        g_clear_pointer (&node, json_node_unref);
      }
  }

  /* Characters, not bytes: 100 kanji are a valid name, 101 are not. */
  {
    GString *name = g_string_new (NULL);
    g_autoptr(YrsApiRegistrationRequest) ok = NULL;

    for (int i = 0; i < YRS_API_MAX_NAME_CHARS; i++)
      g_string_append (name, "花");
    json = g_strdup_printf ("{\"name\": \"%s\", \"name_kana\": \"ハナ\", \"phone\": \"0781234567\", "
                            "\"due_on\": \"2026-01-01\"}", name->str);
    ok = yrs_api_registration_request_from_string (json, -1, &error);
    g_assert_no_error (error);
    g_string_append (name, "花");
    g_free (json);
    json = g_strdup_printf ("{\"name\": \"%s\", \"name_kana\": \"ハナ\", \"phone\": \"0781234567\", "
                            "\"due_on\": \"2026-01-01\"}", name->str);
    g_assert_null (yrs_api_registration_request_from_string (json, -1, &error));
    g_assert_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_TOO_LONG);
    g_clear_error (&error);
    g_string_free (name, TRUE);
  }

  /* A decode error becomes a 422 naming the field, malformed JSON a 400. */
  g_assert_null (yrs_api_reservation_request_from_string ("{\"slot\": \"s\"}", -1, &error));
  problem = yrs_api_problem_new_for_decode_error (error);
  g_assert_cmpint (problem->status, ==, 422);
  g_assert_cmpstr (problem->type, ==, YRS_API_PROBLEM_VALIDATION);
  g_assert_cmpstr (((YrsApiFieldError *) g_ptr_array_index (problem->errors, 0))->field, ==, "registration");
  g_clear_error (&error);
  g_clear_pointer (&problem, yrs_api_problem_free);
  g_assert_null (yrs_api_reservation_request_from_string ("{", -1, &error));
  problem = yrs_api_problem_new_for_decode_error (error);
  g_assert_cmpint (problem->status, ==, 400);
  g_assert_cmpstr (problem->type, ==, YRS_API_PROBLEM_MALFORMED_JSON);
}

static void
test_application_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiApplicationRequest) request =
    yrs_api_application_request_from_string ("{\"programme\": \"p\", \"fields\": {"
                                              "\"applicant.name\": \"名前\", \"applicant.kana\": \"ナマエ\","
                                              "\"applicant.postal_code\": \"6500001\", \"bank.account_number\": \"0012345\","
                                              "\"a.phone\": \"078-1234-5678\", \"x.fee_yen\": 0, \"y.moved_on\": \"2024-02-29\"}}",
                                              -1, &error);
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);

  g_assert_no_error (error);
  g_assert_true (yrs_api_application_request_validate (request, errors));
  g_assert_cmpuint (errors->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api/round-trip", test_round_trip);
  g_test_add_func ("/api/bad", test_bad);
  g_test_add_func ("/api/limits", test_limits);
  g_test_add_func ("/api/application-rules", test_application_rules);
  return g_test_run ();
}
