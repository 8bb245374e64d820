/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coming back with a receipt: the lookup's and the cancel's bodies. */

#define G_LOG_DOMAIN "yrs-api"

#include "config.h"

#include <string.h>

#include "yrs-api-lookup.h"
#include "yrs-api-private.h"

static JsonNode *
finish (JsonBuilder *b)
{
  JsonNode *node = json_builder_get_root (b);

  g_object_unref (b);
  return node;
}

#define DEFINE_COMMON(Type, name)                                           \
  Type *                                                                    \
  yrs_api_##name##_new (void)                                               \
  {                                                                         \
    return g_new0 (Type, 1);                                                \
  }                                                                         \
                                                                            \
  Type *                                                                    \
  yrs_api_##name##_from_string (const char *data,                           \
                                gssize      length,                         \
                                GError    **error)                          \
  {                                                                         \
    g_autoptr(JsonNode) node = yrs_api_parse (data, length, error);         \
                                                                            \
    if (node == NULL)                                                       \
      return NULL;                                                          \
    return yrs_api_##name##_from_json (node, error);                        \
  }                                                                         \
                                                                            \
  char *                                                                    \
  yrs_api_##name##_to_string (const Type *self)                             \
  {                                                                         \
    g_autoptr(JsonNode) node = yrs_api_##name##_to_json (self);             \
                                                                            \
    return yrs_api_node_to_string (node);                                   \
  }

gboolean
yrs_api_is_valid_reference (const char *text)
{
  gsize n;

  if (text == NULL)
    return FALSE;
  n = strlen (text);
  if (n < 5 || n > YRS_API_MAX_REFERENCE_CHARS)
    return FALSE;
  for (gsize i = 0; i < 3; i++)
    if (!g_ascii_isupper (text[i]))
      return FALSE;
  if (text[3] != '-')
    return FALSE;
  for (gsize i = 4; i < n; i++)
    if (!(g_ascii_isupper (text[i]) || g_ascii_isdigit (text[i]) || text[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
get_date (JsonObject *o,
          const char *prefix,
          const char *member,
          gboolean    required,
          char      **out,
          GError    **error)
{
  return _yrs_api_get_formatted (o, prefix, member, required, 10, yrs_api_is_valid_date,
                                 "a date like 2025-06-01", out, error);
}

static gboolean
get_id (JsonObject *o,
        const char *prefix,
        const char *member,
        gboolean    required,
        char      **out,
        GError    **error)
{
  return _yrs_api_get_formatted (o, prefix, member, required, YRS_API_MAX_ID_CHARS,
                                 yrs_api_is_valid_id, "an id (letters, digits, - _ . :)",
                                 out, error);
}

static gboolean
get_timestamp (JsonObject *o,
               const char *prefix,
               const char *member,
               gboolean    required,
               char      **out,
               GError    **error)
{
  return _yrs_api_get_formatted (o, prefix, member, required, 40, yrs_api_is_valid_timestamp,
                                 "a date-time like 2025-06-01T10:00:00+09:00", out, error);
}

static gboolean
get_reference (JsonObject *o,
               const char *prefix,
               const char *member,
               char      **out,
               GError    **error)
{
  return _yrs_api_get_formatted (o, prefix, member, TRUE, YRS_API_MAX_REFERENCE_CHARS,
                                 yrs_api_is_valid_reference,
                                 "a reference like REG-ABCD-EFGH", out, error);
}

static gboolean
get_choice (JsonObject         *o,
            const char         *prefix,
            const char         *member,
            const char * const *values,
            int                *out,
            GError            **error)
{
  g_autofree char *text = NULL;

  if (!_yrs_api_get_string (o, prefix, member, TRUE, 32, &text, error))
    return FALSE;
  for (int i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], text))
      {
        *out = i;
        return TRUE;
      }
  {
    g_autofree char *path = _yrs_api_path (prefix, member);

    _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path, "not a known value");
  }
  return FALSE;
}

/* Lookup request */

void
yrs_api_lookup_request_free (YrsApiLookupRequest *self)
{
  if (self == NULL)
    return;
  if (self->reference != NULL)
    explicit_bzero (self->reference, strlen (self->reference));
  if (self->birth_on != NULL)
    explicit_bzero (self->birth_on, strlen (self->birth_on));
  g_free (self->reference);
  g_free (self->birth_on);
  g_free (self);
}

YrsApiLookupRequest *
yrs_api_lookup_request_from_json (JsonNode *node,
                                  GError  **error)
{
  g_autoptr(YrsApiLookupRequest) self = yrs_api_lookup_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_reference (o, NULL, "reference", &self->reference, error) ||
      !get_date (o, NULL, "birth_on", TRUE, &self->birth_on, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_lookup_request_to_json (const YrsApiLookupRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "birth_on", self->birth_on);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_COMMON (YrsApiLookupRequest, lookup_request)

/* A booking */

static const char * const booking_statuses[] = { "confirmed", "cancelled", NULL };
static const char * const kinds[] = { "stay", "day", "visit", NULL };

void
yrs_api_lookup_booking_free (YrsApiLookupBooking *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->reference);
  g_free (self->slot);
  g_free (self->facility);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self);
}

static YrsApiLookupBooking *
booking_from_object (JsonObject *o,
                     const char *prefix,
                     GError    **error)
{
  g_autoptr(YrsApiLookupBooking) self = yrs_api_lookup_booking_new ();
  int kind, status;

  if (!get_id (o, prefix, "id", TRUE, &self->id, error) ||
      !get_reference (o, prefix, "reference", &self->reference, error) ||
      !get_id (o, prefix, "slot", TRUE, &self->slot, error) ||
      !get_id (o, prefix, "facility", TRUE, &self->facility, error) ||
      !get_choice (o, prefix, "kind", kinds, &kind, error) ||
      !get_timestamp (o, prefix, "starts_at", TRUE, &self->starts_at, error) ||
      !get_timestamp (o, prefix, "ends_at", TRUE, &self->ends_at, error) ||
      !get_choice (o, prefix, "status", booking_statuses, &status, error))
    return NULL;
  self->kind = kind;
  self->status = status;
  return g_steal_pointer (&self);
}

YrsApiLookupBooking *
yrs_api_lookup_booking_from_json (JsonNode *node,
                                  GError  **error)
{
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  return o != NULL ? booking_from_object (o, NULL, error) : NULL;
}

static void
add_booking (JsonBuilder               *b,
             const YrsApiLookupBooking *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "slot", self->slot);
  _yrs_api_set_nullable_string (b, "facility", self->facility);
  _yrs_api_set_nullable_string (b, "kind", yrs_api_kind_to_string (self->kind));
  _yrs_api_set_nullable_string (b, "starts_at", self->starts_at);
  _yrs_api_set_nullable_string (b, "ends_at", self->ends_at);
  _yrs_api_set_nullable_string (b, "status", booking_statuses[self->status == YRS_API_RESERVATION_CANCELLED]);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_lookup_booking_to_json (const YrsApiLookupBooking *self)
{
  JsonBuilder *b = json_builder_new ();

  add_booking (b, self);
  return finish (b);
}

DEFINE_COMMON (YrsApiLookupBooking, lookup_booking)

/* Lookup response */

static const char * const lookup_kinds[] = { "application", "registration", "reservation", NULL };

void
yrs_api_lookup_response_free (YrsApiLookupResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->reference);
  g_free (self->kind);
  g_free (self->status);
  g_free (self->reason);
  g_free (self->programme);
  g_free (self->registration);
  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_free (self->token);
  g_free (self->expires_at);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_free (self);
}

YrsApiLookupResponse *
yrs_api_lookup_response_from_json (JsonNode *node,
                                   GError  **error)
{
  g_autoptr(YrsApiLookupResponse) self = yrs_api_lookup_response_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  JsonArray *bookings = NULL;
  int kind;

  if (o == NULL ||
      !get_reference (o, NULL, "reference", &self->reference, error) ||
      !get_choice (o, NULL, "kind", lookup_kinds, &kind, error) ||
      !get_id (o, NULL, "status", TRUE, &self->status, error) ||
      !_yrs_api_get_string (o, NULL, "reason", FALSE, YRS_API_MAX_TEXT_CHARS, &self->reason, error) ||
      !get_id (o, NULL, "programme", FALSE, &self->programme, error) ||
      !get_id (o, NULL, "registration", FALSE, &self->registration, error) ||
      !_yrs_api_get_bool (o, NULL, "can_book", TRUE, &self->can_book, error) ||
      !get_id (o, NULL, "token", TRUE, &self->token, error) ||
      !get_timestamp (o, NULL, "expires_at", TRUE, &self->expires_at, error) ||
      !_yrs_api_get_array (o, NULL, "bookings", TRUE, 1000, &bookings, error))
    return NULL;
  self->kind = g_strdup (lookup_kinds[kind]);
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      g_autofree char *path = g_strdup_printf ("bookings[%u]", i);
      JsonObject *item = _yrs_api_expect_object (json_array_get_element (bookings, i), path, error);
      YrsApiLookupBooking *booking;

      if (item == NULL || (booking = booking_from_object (item, path, error)) == NULL)
        return NULL;
      g_ptr_array_add (self->bookings, booking);
    }
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_lookup_response_to_json (const YrsApiLookupResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "kind", self->kind);
  _yrs_api_set_nullable_string (b, "status", self->status);
  _yrs_api_set_nullable_string (b, "reason", self->reason);
  _yrs_api_set_nullable_string (b, "programme", self->programme);
  _yrs_api_set_nullable_string (b, "registration", self->registration);
  json_builder_set_member_name (b, "can_book");
  json_builder_add_boolean_value (b, self->can_book);
  _yrs_api_set_nullable_string (b, "token", self->token);
  _yrs_api_set_nullable_string (b, "expires_at", self->expires_at);
  json_builder_set_member_name (b, "bookings");
  json_builder_begin_array (b);
  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    add_booking (b, g_ptr_array_index (self->bookings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return finish (b);
}

YrsApiLookupResponse *
yrs_api_lookup_response_new (void)
{
  YrsApiLookupResponse *self = g_new0 (YrsApiLookupResponse, 1);

  self->bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_lookup_booking_free);
  return self;
}

YrsApiLookupResponse *
yrs_api_lookup_response_from_string (const char *data,
                                     gssize      length,
                                     GError    **error)
{
  g_autoptr(JsonNode) node = yrs_api_parse (data, length, error);

  return node != NULL ? yrs_api_lookup_response_from_json (node, error) : NULL;
}

char *
yrs_api_lookup_response_to_string (const YrsApiLookupResponse *self)
{
  g_autoptr(JsonNode) node = yrs_api_lookup_response_to_json (self);

  return yrs_api_node_to_string (node);
}

/* Cancel request */

void
yrs_api_cancel_request_free (YrsApiCancelRequest *self)
{
  if (self == NULL)
    return;
  if (self->lookup_token != NULL)
    explicit_bzero (self->lookup_token, strlen (self->lookup_token));
  g_free (self->lookup_token);
  g_free (self);
}

YrsApiCancelRequest *
yrs_api_cancel_request_from_json (JsonNode *node,
                                  GError  **error)
{
  g_autoptr(YrsApiCancelRequest) self = yrs_api_cancel_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_id (o, NULL, "lookup_token", FALSE, &self->lookup_token, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_cancel_request_to_json (const YrsApiCancelRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  if (self->lookup_token != NULL)
    _yrs_api_set_nullable_string (b, "lookup_token", self->lookup_token);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_COMMON (YrsApiCancelRequest, cancel_request)
