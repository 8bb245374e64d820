/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bodies of the central API: decoding with every check the contract
 * makes, and encoding. See data/api/openapi.yaml. */

#define G_LOG_DOMAIN "yrs-api"

#include "config.h"

#include <string.h>

#include "yrs-api-private.h"

#define DEFINE_STRING_FUNCS(Type, name)                                     \
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

#define DEFINE_NEW(Type, name)                                              \
  Type *                                                                    \
  yrs_api_##name##_new (void)                                               \
  {                                                                         \
    return g_new0 (Type, 1);                                                \
  }

static JsonNode *
builder_finish (JsonBuilder *builder)
{
  JsonNode *node = json_builder_get_root (builder);

  g_object_unref (builder);
  return node;
}

/* One member and its value, for the encoders. */
static void
set_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
set_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
set_bool (JsonBuilder *b,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static const char *kind_names[] = {
  [YRS_API_KIND_STAY] = "stay",
  [YRS_API_KIND_DAY] = "day",
  [YRS_API_KIND_VISIT] = "visit",
};

const char *
yrs_api_kind_to_string (YrsApiKind kind)
{
  g_return_val_if_fail ((guint) kind < YRS_API_N_KINDS, "stay");
  return kind_names[kind];
}

gboolean
yrs_api_kind_from_string (const char *text,
                          YrsApiKind *out)
{
  for (guint i = 0; text != NULL && i < YRS_API_N_KINDS; i++)
    {
      if (g_strcmp0 (text, kind_names[i]) == 0)
        {
          if (out != NULL)
            *out = (YrsApiKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
get_kind (JsonObject *object,
          const char *prefix,
          const char *member,
          YrsApiKind *out,
          GError    **error)
{
  g_autofree char *text = NULL;

  if (!_yrs_api_get_string (object, prefix, member, TRUE, 16, &text, error))
    return FALSE;
  if (!yrs_api_kind_from_string (text, out))
    {
      g_autofree char *path = _yrs_api_path (prefix, member);

      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                          "must be \"stay\", \"day\" or \"visit\"");
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_id (JsonObject *object,
        const char *prefix,
        const char *member,
        gboolean    required,
        char      **out,
        GError    **error)
{
  return _yrs_api_get_formatted (object, prefix, member, required,
                                 YRS_API_MAX_ID_CHARS, yrs_api_is_valid_id,
                                 "an id (letters, digits, - _ . :)", out,
                                 error);
}

static gboolean
get_timestamp (JsonObject *object,
               const char *prefix,
               const char *member,
               gboolean    required,
               char      **out,
               GError    **error)
{
  return _yrs_api_get_formatted (object, prefix, member, required, 40,
                                 yrs_api_is_valid_timestamp,
                                 "a date-time like 2025-06-01T10:00:00+09:00",
                                 out, error);
}

static gboolean
get_date (JsonObject *object,
          const char *prefix,
          const char *member,
          gboolean    required,
          char      **out,
          GError    **error)
{
  return _yrs_api_get_formatted (object, prefix, member, required, 10,
                                 yrs_api_is_valid_date,
                                 "a date like 2025-06-01", out, error);
}

static gboolean
get_enum (JsonObject         *object,
          const char         *prefix,
          const char         *member,
          const char * const *values,
          int                *out,
          GError            **error)
{
  g_autofree char *text = NULL;

  if (!_yrs_api_get_string (object, prefix, member, TRUE, 32, &text, error))
    return FALSE;
  for (int i = 0; values[i] != NULL; i++)
    {
      if (strcmp (values[i], text) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  {
    g_autofree char *path = _yrs_api_path (prefix, member);

    _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                        "is not a known value");
  }
  return FALSE;
}

static char *
element_path (const char *prefix,
              const char *member,
              guint       index)
{
  g_autofree char *path = _yrs_api_path (prefix, member);

  return g_strdup_printf ("%s[%u]", path, index);
}

/* Field errors */

YrsApiFieldError *
yrs_api_field_error_new (const char *field,
                         const char *code)
{
  YrsApiFieldError *fe = g_new0 (YrsApiFieldError, 1);

  fe->field = g_strdup (field);
  fe->code = g_strdup (code);
  return fe;
}

void
yrs_api_field_error_free (YrsApiFieldError *fe)
{
  if (fe == NULL)
    return;
  g_free (fe->field);
  g_free (fe->code);
  g_free (fe);
}

/* Slot */

void
yrs_api_slot_free (YrsApiSlot *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->facility);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self);
}

YrsApiSlot *
yrs_api_slot_copy (const YrsApiSlot *slot)
{
  YrsApiSlot *copy = g_new0 (YrsApiSlot, 1);

  *copy = *slot;
  copy->id = g_strdup (slot->id);
  copy->facility = g_strdup (slot->facility);
  copy->starts_at = g_strdup (slot->starts_at);
  copy->ends_at = g_strdup (slot->ends_at);
  return copy;
}

static YrsApiSlot *
slot_from_node (JsonNode   *node,
                const char *prefix,
                GError    **error)
{
  g_autoptr(YrsApiSlot) self = yrs_api_slot_new ();
  JsonObject *o = _yrs_api_expect_object (node, prefix[0] ? prefix : "body",
                                          error);

  if (o == NULL ||
      !get_id (o, prefix, "id", TRUE, &self->id, error) ||
      !get_id (o, prefix, "facility", TRUE, &self->facility, error) ||
      !get_kind (o, prefix, "kind", &self->kind, error) ||
      !get_timestamp (o, prefix, "starts_at", TRUE, &self->starts_at, error) ||
      !get_timestamp (o, prefix, "ends_at", TRUE, &self->ends_at, error) ||
      !_yrs_api_get_int (o, prefix, "capacity", TRUE, 0, 100000,
                         &self->capacity, error) ||
      !_yrs_api_get_int (o, prefix, "booked", TRUE, 0, 100000,
                         &self->booked, error) ||
      !_yrs_api_get_int (o, prefix, "revision", TRUE, 0, G_MAXINT64,
                         &self->revision, error) ||
      !_yrs_api_get_bool (o, prefix, "deleted", FALSE, &self->deleted, error))
    return NULL;

  if (self->booked > self->capacity)
    {
      g_autofree char *path = _yrs_api_path (prefix, "booked");

      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                          "exceeds the capacity");
      return NULL;
    }
  {
    g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (self->starts_at, NULL);
    g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (self->ends_at, NULL);

    if (g_date_time_compare (ends, starts) <= 0)
      {
        g_autofree char *path = _yrs_api_path (prefix, "ends_at");

        _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                            "must be after starts_at");
        return NULL;
      }
  }
  return g_steal_pointer (&self);
}

YrsApiSlot *
yrs_api_slot_from_json (JsonNode *node,
                        GError  **error)
{
  return slot_from_node (node, "", error);
}

static void
slot_build (JsonBuilder      *b,
            const YrsApiSlot *self)
{
  json_builder_begin_object (b);
  set_string (b, "id", self->id);
  set_string (b, "facility", self->facility);
  set_string (b, "kind", yrs_api_kind_to_string (self->kind));
  set_string (b, "starts_at", self->starts_at);
  set_string (b, "ends_at", self->ends_at);
  set_int (b, "capacity", self->capacity);
  set_int (b, "booked", self->booked);
  set_int (b, "revision", self->revision);
  set_bool (b, "deleted", self->deleted);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_slot_to_json (const YrsApiSlot *self)
{
  JsonBuilder *b = json_builder_new ();

  slot_build (b, self);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiSlot, slot)
DEFINE_NEW (YrsApiSlot, slot)

static gboolean
slots_from_array (JsonObject *o,
                  const char *member,
                  gboolean    required,
                  GPtrArray  *into,
                  GError    **error)
{
  JsonArray *array;

  if (!_yrs_api_get_array (o, NULL, member, required, YRS_API_MAX_LIST,
                           &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = element_path (NULL, member, i);
      YrsApiSlot *slot = slot_from_node (json_array_get_element (array, i),
                                         path, error);

      if (slot == NULL)
        return FALSE;
      g_ptr_array_add (into, slot);
    }
  return TRUE;
}

static void
slots_build (JsonBuilder *b,
             const char  *member,
             GPtrArray   *slots)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    slot_build (b, g_ptr_array_index (slots, i));
  json_builder_end_array (b);
}

/* Problem */

YrsApiProblem *
yrs_api_problem_new_full (int         status,
                          const char *type,
                          const char *title,
                          const char *detail)
{
  YrsApiProblem *self = g_new0 (YrsApiProblem, 1);

  self->status = status;
  self->type = g_strdup (type);
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
  self->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_slot_free);
  return self;
}

YrsApiProblem *
yrs_api_problem_new (void)
{
  return yrs_api_problem_new_full (0, NULL, NULL, NULL);
}

YrsApiProblem *
yrs_api_problem_new_for_decode_error (const GError *error)
{
  YrsApiProblem *self;
  g_autofree char *field = yrs_api_decode_error_dup_field (error);

  if (error->domain == YRS_API_DECODE_ERROR &&
      error->code == YRS_API_DECODE_ERROR_MALFORMED)
    return yrs_api_problem_new_full (400, YRS_API_PROBLEM_MALFORMED_JSON,
                                     "Malformed JSON", error->message);

  /* Sealed personal fields that do not open (issue 18): a bad request,
   * not a field the person can correct. */
  if (field != NULL && g_str_has_prefix (field, "sealed"))
    self = yrs_api_problem_new_full (400, YRS_API_PROBLEM_SEALED,
                                     "Sealed fields do not open", error->message);
  else
    self = yrs_api_problem_new_full (422, YRS_API_PROBLEM_VALIDATION,
                                     "Invalid fields", error->message);
  g_ptr_array_add (self->errors,
                   yrs_api_field_error_new (field != NULL ? field : "body",
                                            yrs_api_decode_error_code_name (error->code)));
  return self;
}

void
yrs_api_problem_free (YrsApiProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->type);
  g_free (self->title);
  g_free (self->detail);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  g_free (self);
}

YrsApiProblem *
yrs_api_problem_from_json (JsonNode *node,
                           GError  **error)
{
  g_autoptr(YrsApiProblem) self = yrs_api_problem_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  JsonArray *errors;
  gint64 status;

  if (o == NULL ||
      !_yrs_api_get_string (o, NULL, "type", TRUE, 200, &self->type, error) ||
      !_yrs_api_get_string (o, NULL, "title", TRUE, 200, &self->title, error) ||
      !_yrs_api_get_int (o, NULL, "status", TRUE, 400, 599, &status, error) ||
      !_yrs_api_get_string (o, NULL, "detail", FALSE, YRS_API_MAX_TEXT_CHARS,
                            &self->detail, error) ||
      !_yrs_api_get_array (o, NULL, "errors", FALSE, 1000, &errors, error))
    return NULL;
  self->status = (int) status;

  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      g_autofree char *path = element_path (NULL, "errors", i);
      JsonObject *eo = _yrs_api_expect_object (json_array_get_element (errors, i),
                                               path, error);
      g_autofree char *field = NULL;
      g_autofree char *code = NULL;

      if (eo == NULL ||
          !_yrs_api_get_string (eo, path, "field", TRUE, 200, &field, error) ||
          !_yrs_api_get_string (eo, path, "code", TRUE, 64, &code, error))
        return NULL;
      g_ptr_array_add (self->errors, yrs_api_field_error_new (field, code));
    }
  if (!slots_from_array (o, "alternatives", FALSE, self->alternatives, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_problem_to_json (const YrsApiProblem *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  set_string (b, "type", self->type);
  set_string (b, "title", self->title);
  set_int (b, "status", self->status);
  if (self->detail != NULL)
    set_string (b, "detail", self->detail);
  if (self->errors != NULL && self->errors->len > 0)
    {
      json_builder_set_member_name (b, "errors");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->errors->len; i++)
        {
          YrsApiFieldError *fe = g_ptr_array_index (self->errors, i);

          json_builder_begin_object (b);
          set_string (b, "field", fe->field);
          set_string (b, "code", fe->code);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (self->alternatives != NULL &&
      (self->alternatives->len > 0 ||
       g_strcmp0 (self->type, YRS_API_PROBLEM_SLOT_FULL) == 0 ||
       g_strcmp0 (self->type, YRS_API_PROBLEM_SLOT_UNAVAILABLE) == 0))
    slots_build (b, "alternatives", self->alternatives);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiProblem, problem)

/* Catalogue metadata */

void
yrs_api_catalog_meta_free (YrsApiCatalogMeta *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->version);
  g_free (self->published_on);
  g_free (self);
}

YrsApiCatalogMeta *
yrs_api_catalog_meta_from_json (JsonNode *node,
                                GError  **error)
{
  g_autoptr(YrsApiCatalogMeta) self = yrs_api_catalog_meta_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  JsonNode *version;

  if (o == NULL ||
      !_yrs_api_get_string (o, NULL, "id", FALSE, 200, &self->id, error))
    return NULL;

  /* A catalogue's version may be written as a string or a number. */
  version = json_object_get_member (o, "version");
  if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
      json_node_get_value_type (version) == G_TYPE_INT64)
    self->version = g_strdup_printf ("%" G_GINT64_FORMAT,
                                     json_node_get_int (version));
  else if (!_yrs_api_get_string (o, NULL, "version", FALSE, 200,
                                 &self->version, error))
    return NULL;

  if (!get_date (o, NULL, "published_on", FALSE, &self->published_on, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_catalog_meta_to_json (const YrsApiCatalogMeta *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "version", self->version);
  _yrs_api_set_nullable_string (b, "published_on", self->published_on);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCatalogMeta, catalog_meta)
DEFINE_NEW (YrsApiCatalogMeta, catalog_meta)

/* Facility */

void
yrs_api_facility_free (YrsApiFacility *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name_ja);
  g_free (self->name_en);
  g_free (self->type);
  g_free (self->ward);
  g_free (self);
}

static const char * const facility_types[] = { "josanjo", "medical", NULL };

static YrsApiFacility *
facility_from_node (JsonNode   *node,
                    const char *prefix,
                    GError    **error)
{
  g_autoptr(YrsApiFacility) self = yrs_api_facility_new ();
  JsonObject *o = _yrs_api_expect_object (node, prefix[0] ? prefix : "body",
                                          error);
  g_autofree char *name_path = _yrs_api_path (prefix, "name");
  JsonObject *name;
  JsonArray *kinds;
  int type;

  if (o == NULL ||
      !get_id (o, prefix, "id", TRUE, &self->id, error) ||
      !_yrs_api_get_object (o, prefix, "name", TRUE, &name, error) ||
      !_yrs_api_get_string (name, name_path, "ja", TRUE, 200, &self->name_ja,
                            error) ||
      !_yrs_api_get_string (name, name_path, "en", FALSE, 200, &self->name_en,
                            error) ||
      !get_enum (o, prefix, "type", facility_types, &type, error) ||
      !_yrs_api_get_string (o, prefix, "ward", FALSE, YRS_API_MAX_ID_CHARS,
                            &self->ward, error) ||
      !_yrs_api_get_array (o, prefix, "kinds", TRUE, YRS_API_N_KINDS * 2,
                           &kinds, error))
    return NULL;
  self->type = g_strdup (facility_types[type]);

  for (guint i = 0; i < json_array_get_length (kinds); i++)
    {
      g_autofree char *path = element_path (prefix, "kinds", i);
      JsonNode *k = json_array_get_element (kinds, i);
      YrsApiKind kind;

      if (!JSON_NODE_HOLDS_VALUE (k) ||
          json_node_get_value_type (k) != G_TYPE_STRING)
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, path,
                              "must be a string");
          return NULL;
        }
      if (!yrs_api_kind_from_string (json_node_get_string (k), &kind))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                              "must be \"stay\", \"day\" or \"visit\"");
          return NULL;
        }
      self->kinds |= 1u << kind;
    }
  return g_steal_pointer (&self);
}

YrsApiFacility *
yrs_api_facility_from_json (JsonNode *node,
                            GError  **error)
{
  return facility_from_node (node, "", error);
}

static void
facility_build (JsonBuilder          *b,
                const YrsApiFacility *self)
{
  json_builder_begin_object (b);
  set_string (b, "id", self->id);
  json_builder_set_member_name (b, "name");
  json_builder_begin_object (b);
  set_string (b, "ja", self->name_ja);
  if (self->name_en != NULL)
    set_string (b, "en", self->name_en);
  json_builder_end_object (b);
  set_string (b, "type", self->type != NULL ? self->type : "medical");
  if (self->ward != NULL)
    set_string (b, "ward", self->ward);
  json_builder_set_member_name (b, "kinds");
  json_builder_begin_array (b);
  for (guint k = 0; k < YRS_API_N_KINDS; k++)
    if (self->kinds & (1u << k))
      json_builder_add_string_value (b, kind_names[k]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_facility_to_json (const YrsApiFacility *self)
{
  JsonBuilder *b = json_builder_new ();

  facility_build (b, self);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiFacility, facility)
DEFINE_NEW (YrsApiFacility, facility)

YrsApiFacilityList *
yrs_api_facility_list_new (void)
{
  YrsApiFacilityList *self = g_new0 (YrsApiFacilityList, 1);

  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_facility_free);
  return self;
}

void
yrs_api_facility_list_free (YrsApiFacilityList *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_free (self);
}

YrsApiFacilityList *
yrs_api_facility_list_from_json (JsonNode *node,
                                 GError  **error)
{
  g_autoptr(YrsApiFacilityList) self = yrs_api_facility_list_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  JsonArray *array;

  if (o == NULL ||
      !_yrs_api_get_array (o, NULL, "facilities", TRUE, 10000, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = element_path (NULL, "facilities", i);
      YrsApiFacility *f = facility_from_node (json_array_get_element (array, i),
                                              path, error);

      if (f == NULL)
        return NULL;
      g_ptr_array_add (self->facilities, f);
    }
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_facility_list_to_json (const YrsApiFacilityList *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "facilities");
  json_builder_begin_array (b);
  for (guint i = 0; self->facilities != NULL && i < self->facilities->len; i++)
    facility_build (b, g_ptr_array_index (self->facilities, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiFacilityList, facility_list)

/* Slot page */

YrsApiSlotPage *
yrs_api_slot_page_new (void)
{
  YrsApiSlotPage *self = g_new0 (YrsApiSlotPage, 1);

  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_slot_free);
  return self;
}

void
yrs_api_slot_page_free (YrsApiSlotPage *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_free (self->cursor);
  g_free (self);
}

YrsApiSlotPage *
yrs_api_slot_page_from_json (JsonNode *node,
                             GError  **error)
{
  g_autoptr(YrsApiSlotPage) self = yrs_api_slot_page_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !slots_from_array (o, "slots", TRUE, self->slots, error) ||
      !get_id (o, NULL, "cursor", TRUE, &self->cursor, error) ||
      !_yrs_api_get_bool (o, NULL, "has_more", FALSE, &self->has_more, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_slot_page_to_json (const YrsApiSlotPage *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  slots_build (b, "slots", self->slots);
  set_string (b, "cursor", self->cursor != NULL ? self->cursor : "0");
  set_bool (b, "has_more", self->has_more);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiSlotPage, slot_page)

/* Slot request */

void
yrs_api_slot_request_free (YrsApiSlotRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->facility);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self);
}

YrsApiSlotRequest *
yrs_api_slot_request_from_json (JsonNode *node,
                                GError  **error)
{
  g_autoptr(YrsApiSlotRequest) self = yrs_api_slot_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_id (o, NULL, "id", FALSE, &self->id, error) ||
      !get_id (o, NULL, "facility", TRUE, &self->facility, error) ||
      !get_kind (o, NULL, "kind", &self->kind, error) ||
      !get_timestamp (o, NULL, "starts_at", TRUE, &self->starts_at, error) ||
      !get_timestamp (o, NULL, "ends_at", TRUE, &self->ends_at, error) ||
      !_yrs_api_get_int (o, NULL, "capacity", TRUE, 0, 1000, &self->capacity,
                         error))
    return NULL;
  {
    g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (self->starts_at, NULL);
    g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (self->ends_at, NULL);

    if (g_date_time_compare (ends, starts) <= 0)
      {
        _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, "ends_at",
                            "must be after starts_at");
        return NULL;
      }
  }
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_slot_request_to_json (const YrsApiSlotRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  if (self->id != NULL)
    set_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "facility", self->facility);
  set_string (b, "kind", yrs_api_kind_to_string (self->kind));
  _yrs_api_set_nullable_string (b, "starts_at", self->starts_at);
  _yrs_api_set_nullable_string (b, "ends_at", self->ends_at);
  set_int (b, "capacity", self->capacity);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiSlotRequest, slot_request)
DEFINE_NEW (YrsApiSlotRequest, slot_request)

/* Registration */

void
yrs_api_registration_request_free (YrsApiRegistrationRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->name_kana);
  g_free (self->phone);
  g_free (self->child_born_on);
  g_free (self->due_on);
  g_free (self->ward);
  g_free (self->birth_on);
  g_free (self->postal_code);
  g_free (self);
}

YrsApiRegistrationRequest *
yrs_api_registration_request_from_json (JsonNode *node,
                                        GError  **error)
{
  g_autoptr(YrsApiRegistrationRequest) self = yrs_api_registration_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !_yrs_api_get_string (o, NULL, "name", TRUE, YRS_API_MAX_NAME_CHARS,
                            &self->name, error) ||
      !_yrs_api_get_formatted (o, NULL, "name_kana", TRUE,
                               YRS_API_MAX_NAME_CHARS, _yrs_api_is_katakana,
                               "full-width katakana", &self->name_kana,
                               error) ||
      !_yrs_api_get_formatted (o, NULL, "phone", TRUE, 20, _yrs_api_is_phone,
                               "a phone number of 10 or 11 digits",
                               &self->phone, error) ||
      !get_date (o, NULL, "child_born_on", FALSE, &self->child_born_on,
                 error) ||
      !get_date (o, NULL, "due_on", FALSE, &self->due_on, error) ||
      !_yrs_api_get_formatted (o, NULL, "ward", FALSE, YRS_API_MAX_ID_CHARS,
                               yrs_api_is_valid_id, "a ward id", &self->ward,
                               error) ||
      !get_date (o, NULL, "birth_on", FALSE, &self->birth_on, error) ||
      !_yrs_api_get_formatted (o, NULL, "postal_code", FALSE, 8, _yrs_api_is_postal_code,
                               "7 digits", &self->postal_code, error) ||
      !_yrs_api_get_bool (o, NULL, "tax_exempt", FALSE, &self->tax_exempt,
                          error) ||
      !_yrs_api_get_bool (o, NULL, "public_assistance", FALSE,
                          &self->public_assistance, error) ||
      !_yrs_api_check_line (self->name, "name", error) ||
      !_yrs_api_check_line (self->name_kana, "name_kana", error))
    return NULL;

  if (self->child_born_on == NULL && self->due_on == NULL)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED,
                          "child_born_on", "or due_on is required");
      return NULL;
    }
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_registration_request_to_json (const YrsApiRegistrationRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "name", self->name);
  _yrs_api_set_nullable_string (b, "name_kana", self->name_kana);
  _yrs_api_set_nullable_string (b, "phone", self->phone);
  _yrs_api_set_nullable_string (b, "child_born_on", self->child_born_on);
  _yrs_api_set_nullable_string (b, "due_on", self->due_on);
  _yrs_api_set_nullable_string (b, "ward", self->ward);
  if (self->birth_on != NULL)
    _yrs_api_set_nullable_string (b, "birth_on", self->birth_on);
  if (self->postal_code != NULL)
    _yrs_api_set_nullable_string (b, "postal_code", self->postal_code);
  set_bool (b, "tax_exempt", self->tax_exempt);
  set_bool (b, "public_assistance", self->public_assistance);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiRegistrationRequest, registration_request)
DEFINE_NEW (YrsApiRegistrationRequest, registration_request)

static const char * const registration_statuses[] = { "pending", "approved", "declined", NULL };

static const char *
yrs_api_registration_status_to_string (YrsApiRegistrationStatus status)
{
  g_return_val_if_fail ((guint) status < 3, "pending");
  return registration_statuses[status];
}

void
yrs_api_registration_response_free (YrsApiRegistrationResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->reference);
  g_free (self);
}

YrsApiRegistrationResponse *
yrs_api_registration_response_from_json (JsonNode *node,
                                         GError  **error)
{
  g_autoptr(YrsApiRegistrationResponse) self = yrs_api_registration_response_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  int status;

  if (o == NULL ||
      !get_id (o, NULL, "id", TRUE, &self->id, error) ||
      !get_id (o, NULL, "reference", TRUE, &self->reference, error) ||
      !get_enum (o, NULL, "status", registration_statuses, &status, error))
    return NULL;
  self->status = status;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_registration_response_to_json (const YrsApiRegistrationResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  set_string (b, "status", yrs_api_registration_status_to_string (self->status));
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiRegistrationResponse, registration_response)
DEFINE_NEW (YrsApiRegistrationResponse, registration_response)

/* Reservation */

void
yrs_api_reservation_request_free (YrsApiReservationRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->registration);
  g_free (self->slot);
  g_free (self->lookup_token);
  g_free (self);
}

YrsApiReservationRequest *
yrs_api_reservation_request_from_json (JsonNode *node,
                                       GError  **error)
{
  g_autoptr(YrsApiReservationRequest) self = yrs_api_reservation_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_id (o, NULL, "registration", TRUE, &self->registration, error) ||
      !get_id (o, NULL, "slot", TRUE, &self->slot, error) ||
      !_yrs_api_get_formatted (o, NULL, "lookup_token", FALSE, 64,
                               yrs_api_is_valid_id, "a lookup token",
                               &self->lookup_token, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_reservation_request_to_json (const YrsApiReservationRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "registration", self->registration);
  _yrs_api_set_nullable_string (b, "slot", self->slot);
  if (self->lookup_token != NULL)
    _yrs_api_set_nullable_string (b, "lookup_token", self->lookup_token);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiReservationRequest, reservation_request)
DEFINE_NEW (YrsApiReservationRequest, reservation_request)

static const char * const reservation_statuses[] = { "confirmed", "cancelled", NULL };

static const char *
yrs_api_reservation_status_to_string (YrsApiReservationStatus status)
{
  g_return_val_if_fail ((guint) status < 2, "confirmed");
  return reservation_statuses[status];
}

void
yrs_api_reservation_response_free (YrsApiReservationResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->reference);
  g_free (self->slot);
  g_free (self->registration);
  g_free (self);
}

YrsApiReservationResponse *
yrs_api_reservation_response_from_json (JsonNode *node,
                                        GError  **error)
{
  g_autoptr(YrsApiReservationResponse) self = yrs_api_reservation_response_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  int status;

  if (o == NULL ||
      !get_id (o, NULL, "id", TRUE, &self->id, error) ||
      !get_id (o, NULL, "reference", TRUE, &self->reference, error) ||
      !get_id (o, NULL, "slot", TRUE, &self->slot, error) ||
      !get_id (o, NULL, "registration", TRUE, &self->registration, error) ||
      !get_enum (o, NULL, "status", reservation_statuses, &status, error))
    return NULL;
  self->status = status;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_reservation_response_to_json (const YrsApiReservationResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "slot", self->slot);
  _yrs_api_set_nullable_string (b, "registration", self->registration);
  set_string (b, "status", yrs_api_reservation_status_to_string (self->status));
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiReservationResponse, reservation_response)
DEFINE_NEW (YrsApiReservationResponse, reservation_response)

/* Application */

void
yrs_api_application_request_free (YrsApiApplicationRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->programme);
  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self);
}

static gboolean
is_field_id (const char *text)
{
  gsize n = 0;

  if (text == NULL || *text == '\0' || *text == '.')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' ||
          *p == '.'))
      return FALSE;
  return n <= YRS_API_MAX_ID_CHARS;
}

YrsApiApplicationRequest *
yrs_api_application_request_from_json (JsonNode *node,
                                       GError  **error)
{
  g_autoptr(YrsApiApplicationRequest) self = yrs_api_application_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  JsonObject *fields;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (o == NULL ||
      !get_id (o, NULL, "programme", TRUE, &self->programme, error) ||
      !_yrs_api_get_object (o, NULL, "fields", TRUE, &fields, error))
    return NULL;

  if (json_object_get_size (fields) > YRS_API_MAX_FIELDS)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TOO_LONG, "fields",
                          "more than %d fields", YRS_API_MAX_FIELDS);
      return NULL;
    }

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = NULL;

      if (!g_utf8_validate (name, -1, NULL) || !is_field_id (name))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, "fields",
                              "field ids are lower-case letters, digits, _ and .");
          return NULL;
        }
      path = _yrs_api_path ("fields", name);
      if (JSON_NODE_HOLDS_OBJECT (value) || JSON_NODE_HOLDS_ARRAY (value))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, path,
                              "must be a string, number, boolean or null");
          return NULL;
        }
      if (JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (value);

          if (!_yrs_api_check_text (text, strlen (text), path,
                                    YRS_API_MAX_TEXT_CHARS, error))
            return NULL;
        }
    }
  self->fields = json_object_ref (fields);
  return g_steal_pointer (&self);
}

static const char *
last_part (const char *field)
{
  const char *dot = strrchr (field, '.');

  return dot != NULL ? dot + 1 : field;
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *code)
{
  g_autofree char *path = _yrs_api_path ("fields", field);

  if (errors != NULL)
    g_ptr_array_add (errors, yrs_api_field_error_new (path, code));
}

gboolean
yrs_api_application_request_validate (const YrsApiApplicationRequest *request,
                                      GPtrArray                      *errors)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean ok = TRUE;
  gboolean has_name = FALSE;

  g_return_val_if_fail (request != NULL && request->fields != NULL, FALSE);

  json_object_iter_init (&iter, request->fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const char *part = last_part (name);
      gboolean is_string = JSON_NODE_HOLDS_VALUE (value) &&
                           json_node_get_value_type (value) == G_TYPE_STRING;
      const char *text = is_string ? json_node_get_string (value) : NULL;
      gboolean blank = JSON_NODE_HOLDS_NULL (value) ||
                       (is_string && *text == '\0');
      const char *code = NULL;

      if (strcmp (part, "name") == 0)
        {
          has_name = TRUE;
          if (blank || (is_string && _yrs_api_is_blank (text)))
            code = "required";
          else if (!is_string)
            code = "type";
          else if (g_utf8_strlen (text, -1) > YRS_API_MAX_NAME_CHARS)
            code = "too_long";
          else if (!_yrs_api_is_plain_line (text))
            code = "format";
        }
      else if (blank)
        continue;
      else if (is_string && !_yrs_api_is_plain_line (text))
        code = "format";
      else if (g_str_has_suffix (part, "kana"))
        code = !is_string ? "type" : !_yrs_api_is_katakana (text) ? "format" : NULL;
      else if (g_str_has_suffix (part, "_on") || g_str_has_suffix (part, "date"))
        code = !is_string ? "type" : !yrs_api_is_valid_date (text) ? "format" : NULL;
      else if (strcmp (part, "postal_code") == 0)
        code = !is_string ? "type" : !_yrs_api_is_postal_code (text) ? "format" : NULL;
      else if (strcmp (part, "phone") == 0)
        code = !is_string ? "type" : !_yrs_api_is_phone (text) ? "format" : NULL;
      else if (strcmp (part, "account_number") == 0)
        code = !is_string ? "type" : !_yrs_api_is_digits (text, 7) ? "format" : NULL;
      else if (g_str_has_suffix (part, "_yen") || g_str_has_suffix (part, "count"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) ||
              json_node_get_value_type (value) != G_TYPE_INT64)
            code = "type";
          else if (json_node_get_int (value) < 0 ||
                   json_node_get_int (value) > 100000000)
            code = "range";
        }

      if (code != NULL)
        {
          add_error (errors, name, code);
          ok = FALSE;
        }
    }

  if (!has_name)
    {
      add_error (errors, "applicant.name", "required");
      ok = FALSE;
    }
  return ok;
}

JsonNode *
yrs_api_application_request_to_json (const YrsApiApplicationRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "programme", self->programme);
  json_builder_set_member_name (b, "fields");
  if (self->fields != NULL)
    {
      JsonNode *fields = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (fields, self->fields);
      json_builder_add_value (b, fields);
    }
  else
    {
      json_builder_begin_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiApplicationRequest, application_request)
DEFINE_NEW (YrsApiApplicationRequest, application_request)

void
yrs_api_application_response_free (YrsApiApplicationResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->reference);
  g_free (self->status);
  g_free (self);
}

YrsApiApplicationResponse *
yrs_api_application_response_from_json (JsonNode *node,
                                        GError  **error)
{
  g_autoptr(YrsApiApplicationResponse) self = yrs_api_application_response_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_id (o, NULL, "reference", TRUE, &self->reference, error) ||
      !get_id (o, NULL, "status", TRUE, &self->status, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_application_response_to_json (const YrsApiApplicationResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "status", self->status);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiApplicationResponse, application_response)
DEFINE_NEW (YrsApiApplicationResponse, application_response)

/* Submission status */

void
yrs_api_submission_status_free (YrsApiSubmissionStatus *self)
{
  if (self == NULL)
    return;
  g_free (self->reference);
  g_free (self->kind);
  g_free (self->status);
  g_free (self->updated_at);
  g_free (self->reason);
  g_free (self);
}

static const char * const submission_kinds[] = {
  "application", "registration", "reservation", NULL
};

YrsApiSubmissionStatus *
yrs_api_submission_status_from_json (JsonNode *node,
                                     GError  **error)
{
  g_autoptr(YrsApiSubmissionStatus) self = yrs_api_submission_status_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);
  int kind;

  if (o == NULL ||
      !get_id (o, NULL, "reference", TRUE, &self->reference, error) ||
      !get_enum (o, NULL, "kind", submission_kinds, &kind, error) ||
      !get_id (o, NULL, "status", TRUE, &self->status, error) ||
      !get_timestamp (o, NULL, "updated_at", TRUE, &self->updated_at, error) ||
      !_yrs_api_get_string (o, NULL, "reason", FALSE, YRS_API_MAX_TEXT_CHARS, &self->reason, error))
    return NULL;
  self->kind = g_strdup (submission_kinds[kind]);
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_submission_status_to_json (const YrsApiSubmissionStatus *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "kind", self->kind);
  _yrs_api_set_nullable_string (b, "status", self->status);
  _yrs_api_set_nullable_string (b, "updated_at", self->updated_at);
  if (self->reason != NULL)
    _yrs_api_set_nullable_string (b, "reason", self->reason);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiSubmissionStatus, submission_status)
DEFINE_NEW (YrsApiSubmissionStatus, submission_status)

/* Staff sessions */

void
yrs_api_staff_session_request_free (YrsApiStaffSessionRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->staff_id);
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  g_free (self);
}

YrsApiStaffSessionRequest *
yrs_api_staff_session_request_from_json (JsonNode *node,
                                         GError  **error)
{
  g_autoptr(YrsApiStaffSessionRequest) self = yrs_api_staff_session_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !get_id (o, NULL, "staff_id", TRUE, &self->staff_id, error) ||
      !_yrs_api_get_string (o, NULL, "password", TRUE, 256, &self->password,
                            error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_staff_session_request_to_json (const YrsApiStaffSessionRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "staff_id", self->staff_id);
  _yrs_api_set_nullable_string (b, "password", self->password);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiStaffSessionRequest, staff_session_request)
DEFINE_NEW (YrsApiStaffSessionRequest, staff_session_request)

void
yrs_api_staff_session_response_free (YrsApiStaffSessionResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->token);
  g_free (self->staff_id);
  g_free (self->expires_at);
  g_free (self->role);
  g_free (self->ward);
  g_free (self);
}

static const char * const staff_roles[] = { "nurse", "supervisor", NULL };

/* An optional member that must be one of values; *out a copy. */
static gboolean
get_choice_text (JsonObject         *o,
                 const char         *member,
                 const char * const *values,
                 char              **out,
                 GError            **error)
{
  if (!_yrs_api_get_string (o, NULL, member, FALSE, 32, out, error))
    return FALSE;
  if (*out != NULL && !g_strv_contains (values, *out))
    {
      g_clear_pointer (out, g_free);
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, member, "not a known value");
      return FALSE;
    }
  return TRUE;
}

YrsApiStaffSessionResponse *
yrs_api_staff_session_response_from_json (JsonNode *node,
                                          GError  **error)
{
  g_autoptr(YrsApiStaffSessionResponse) self = yrs_api_staff_session_response_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !_yrs_api_get_string (o, NULL, "token", TRUE, 256, &self->token, error) ||
      !get_id (o, NULL, "staff_id", TRUE, &self->staff_id, error) ||
      !get_timestamp (o, NULL, "expires_at", TRUE, &self->expires_at, error) ||
      !get_choice_text (o, "role", staff_roles, &self->role, error) ||
      !_yrs_api_get_string (o, NULL, "ward", FALSE, YRS_API_MAX_NAME_CHARS, &self->ward, error) ||
      !_yrs_api_check_line (self->ward, "ward", error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_staff_session_response_to_json (const YrsApiStaffSessionResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "token", self->token);
  _yrs_api_set_nullable_string (b, "staff_id", self->staff_id);
  _yrs_api_set_nullable_string (b, "expires_at", self->expires_at);
  /* An answer with a role has a ward too: null for city-wide staff. */
  if (self->role != NULL)
    {
      _yrs_api_set_nullable_string (b, "role", self->role);
      _yrs_api_set_nullable_string (b, "ward", self->ward);
    }
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiStaffSessionResponse, staff_session_response)
DEFINE_NEW (YrsApiStaffSessionResponse, staff_session_response)

/* Password change */

void
yrs_api_password_change_request_free (YrsApiPasswordChangeRequest *self)
{
  if (self == NULL)
    return;
  if (self->current != NULL)
    {
      memset (self->current, 0, strlen (self->current));
      g_free (self->current);
    }
  if (self->new_password != NULL)
    {
      memset (self->new_password, 0, strlen (self->new_password));
      g_free (self->new_password);
    }
  g_free (self);
}

YrsApiPasswordChangeRequest *
yrs_api_password_change_request_from_json (JsonNode *node,
                                           GError  **error)
{
  g_autoptr(YrsApiPasswordChangeRequest) self = yrs_api_password_change_request_new ();
  JsonObject *o = _yrs_api_expect_object (node, "body", error);

  if (o == NULL ||
      !_yrs_api_get_string (o, NULL, "current", TRUE, 256, &self->current, error) ||
      !_yrs_api_get_string (o, NULL, "new", TRUE, 256, &self->new_password, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
yrs_api_password_change_request_to_json (const YrsApiPasswordChangeRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "current", self->current);
  _yrs_api_set_nullable_string (b, "new", self->new_password);
  json_builder_end_object (b);
  return builder_finish (b);
}

DEFINE_STRING_FUNCS (YrsApiPasswordChangeRequest, password_change_request)
DEFINE_NEW (YrsApiPasswordChangeRequest, password_change_request)
