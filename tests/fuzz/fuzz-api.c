/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target: the request and response decoders of src/api (the
 * server runs them on every body it gets, the client on every answer).
 * Every decoder gets every input. Any crash, hang, leak or sanitizer
 * report is a finding; in addition, a decoder must either give a value
 * that encodes and decodes back to the same text, or an error in
 * YRS_API_DECODE_ERROR that names a field. */

#include "config.h"

#include <string.h>

#include "yrs-api.h"

typedef gpointer (*FromJson) (JsonNode *node,
                              GError  **error);
typedef JsonNode *(*ToJson) (gconstpointer value);

typedef struct
{
  FromJson       from_json;
  ToJson         to_json;
  GDestroyNotify free;
} Decoder;

/* Wrappers with one signature, so that no call goes through a cast. */
#define WRAP(name)                                                           \
  static gpointer                                                           \
  name##_from (JsonNode *node,                                              \
               GError  **error)                                             \
  {                                                                         \
    return yrs_api_##name##_from_json (node, error);                        \
  }                                                                         \
  static JsonNode *                                                         \
  name##_to (gconstpointer value)                                           \
  {                                                                         \
    return yrs_api_##name##_to_json (value);                                \
  }                                                                         \
  static void                                                               \
  name##_free (gpointer value)                                              \
  {                                                                         \
    yrs_api_##name##_free (value);                                          \
  }

WRAP (registration_request)
WRAP (reservation_request)
WRAP (application_request)
WRAP (staff_session_request)
WRAP (slot_request)
WRAP (slot)
WRAP (slot_page)
WRAP (problem)
WRAP (facility_list)
WRAP (catalog_meta)
WRAP (registration_response)
WRAP (reservation_response)
WRAP (application_response)
WRAP (submission_status)
WRAP (staff_session_response)

#define DECODER(name) { name##_from, name##_to, name##_free }

static const Decoder decoders[] = {
  DECODER (registration_request),
  DECODER (reservation_request),
  DECODER (application_request),
  DECODER (staff_session_request),
  DECODER (slot_request),
  DECODER (slot),
  DECODER (slot_page),
  DECODER (problem),
  DECODER (facility_list),
  DECODER (catalog_meta),
  DECODER (registration_response),
  DECODER (reservation_response),
  DECODER (application_response),
  DECODER (submission_status),
  DECODER (staff_session_response),
};

static void
check_error (const GError *error)
{
  g_autofree char *field = NULL;

  g_assert_nonnull (error);
  g_assert_true (error->domain == YRS_API_DECODE_ERROR);
  g_assert_cmpstr (yrs_api_decode_error_code_name (error->code), !=, "invalid");
  field = yrs_api_decode_error_dup_field (error);
  g_assert_nonnull (field);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
run_decoder (const Decoder *decoder,
             JsonNode      *node)
{
  g_autoptr(GError) error = NULL;
  gpointer value = decoder->from_json (node, &error);
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  gpointer again;

  if (value == NULL)
    {
      check_error (error);
      return;
    }
  g_assert_no_error (error);

  /* Whatever decodes, encodes to JSON that decodes to the same. */
  encoded = decoder->to_json (value);
  text = yrs_api_node_to_string (encoded);
  reparsed = yrs_api_parse (text, -1, &error);
  g_assert_no_error (error);
  again = decoder->from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  {
    g_autoptr(JsonNode) encoded_again = decoder->to_json (again);

    again_text = yrs_api_node_to_string (encoded_again);
  }
  g_assert_cmpstr (again_text, ==, text);

  if (decoder->from_json == application_request_from)
    {
      g_autoptr(GPtrArray) errors =
        g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
      gboolean ok = yrs_api_application_request_validate (value, errors);

      g_assert_true (ok == (errors->len == 0));
    }

  decoder->free (again);
  decoder->free (value);
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (size > YRS_API_MAX_BODY_BYTES + 16)
    return 0;

  node = yrs_api_parse ((const char *) data, size, &error);
  if (node == NULL)
    {
      check_error (error);
      g_assert_cmpint (error->code, ==, YRS_API_DECODE_ERROR_MALFORMED);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    run_decoder (&decoders[i], node);

  /* The problem for any decode error is a valid problem document. */
  {
    g_autoptr(YrsApiRegistrationRequest) request =
      yrs_api_registration_request_from_json (node, &error);

    if (request == NULL)
      {
        g_autoptr(YrsApiProblem) problem = yrs_api_problem_new_for_decode_error (error);
        g_autofree char *text = yrs_api_problem_to_string (problem);
        g_autoptr(YrsApiProblem) back = yrs_api_problem_from_string (text, -1, NULL);

        g_assert_nonnull (back);
        g_assert_cmpint (back->status, ==, 422);
      }
  }
  return 0;
}
