/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The home visit's bodies (issue 17): cases, consultations, screenings,
 * the supervisor's queue and decisions. See yrs-api-visit.h. */

#define G_LOG_DOMAIN "yrs-api"

#include "config.h"

#include <string.h>

#include "yrs-api-lookup.h"
#include "yrs-api-private.h"
#include "yrs-api-visit.h"

#define MAX_ADDRESS_CHARS 200
#define MAX_ANSWERS       200
#define MAX_LIST_ITEMS    50
#define MAX_CASES         10000
#define MAX_CURSOR_CHARS  200

static const char * const consultation_kinds[] = {
  "notification", "eight_months", "after_birth", "other", NULL
};
static const char * const places[] = { "home", "ward_office", "phone", "online", NULL };
static const char * const follow_ups[] = { "none", "phone", "visit", "referral", NULL };
static const char * const topics[] = {
  "physical_health", "mental_health", "feeding", "sleep", "partner_support",
  "family_support", "money", "housing", "siblings", "childcare", "work", "other", NULL
};
static const char * const present[] = { "mother", "partner", "grandparent", "other", NULL };
static const char * const submission_kinds[] = { "application", "registration", NULL };
static const char * const decisions[] = { "approve", "decline", NULL };

const char *
yrs_api_consultation_kind_to_string (YrsApiConsultationKind kind)
{
  g_return_val_if_fail (kind <= YRS_API_CONSULTATION_OTHER, NULL);
  return consultation_kinds[kind];
}

gboolean
yrs_api_consultation_kind_from_string (const char             *text,
                                       YrsApiConsultationKind *out)
{
  for (int i = 0; text != NULL && consultation_kinds[i] != NULL; i++)
    if (g_str_equal (text, consultation_kinds[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
yrs_api_consultation_place_to_string (YrsApiConsultationPlace place)
{
  g_return_val_if_fail (place <= YRS_API_PLACE_ONLINE, NULL);
  return places[place];
}

gboolean
yrs_api_consultation_place_from_string (const char              *text,
                                        YrsApiConsultationPlace *out)
{
  for (int i = 0; text != NULL && places[i] != NULL; i++)
    if (g_str_equal (text, places[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
yrs_api_follow_up_kind_from_string (const char         *text,
                                    YrsApiFollowUpKind *out)
{
  for (int i = 0; text != NULL && follow_ups[i] != NULL; i++)
    if (g_str_equal (text, follow_ups[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
yrs_api_follow_up_kind_to_string (YrsApiFollowUpKind kind)
{
  g_return_val_if_fail (kind <= YRS_API_FOLLOW_UP_REFERRAL, NULL);
  return follow_ups[kind];
}

const char * const *
yrs_api_consultation_topics (void)
{
  return topics;
}

const char * const *
yrs_api_consultation_present (void)
{
  return present;
}

static gboolean
is_prefixed_id (const char *text,
                const char *prefix)
{
  gsize n, p;

  if (text == NULL || !g_str_has_prefix (text, prefix))
    return FALSE;
  n = strlen (text);
  p = strlen (prefix);
  if (n <= p || n > YRS_API_MAX_ID_CHARS)
    return FALSE;
  for (gsize i = p; i < n; i++)
    if (!(g_ascii_isupper (text[i]) || g_ascii_isdigit (text[i]) || text[i] == '-'))
      return FALSE;
  return text[n - 1] != '-';
}

gboolean
yrs_api_is_valid_case_id (const char *text)
{
  return is_prefixed_id (text, "CASE-");
}

gboolean
yrs_api_is_valid_consultation_id (const char *text)
{
  return is_prefixed_id (text, "CON-");
}

static gboolean
is_screening_id (const char *text)
{
  return is_prefixed_id (text, "SCR-");
}

/* Collecting errors */

static void
collect (GPtrArray *errors,
         GError    *error)
{
  g_autofree char *field = yrs_api_decode_error_dup_field (error);

  g_ptr_array_add (errors,
                   yrs_api_field_error_new (field != NULL ? field : "body",
                                            yrs_api_decode_error_code_name (error->code)));
  g_error_free (error);
}

/* Evaluates expr, which reports through &e, and collects its error. */
#define COLLECT(errors, expr)                                               \
  G_STMT_START {                                                            \
    GError *e = NULL;                                                       \
    if (!(expr))                                                            \
      collect ((errors), e);                                                \
  } G_STMT_END

static void
add_error (GPtrArray  *errors,
           const char *prefix,
           const char *member,
           int         code)
{
  g_autofree char *path = _yrs_api_path (prefix, member);

  g_ptr_array_add (errors, yrs_api_field_error_new (path, yrs_api_decode_error_code_name (code)));
}

/* The first collected error as a GError. */
static void
first_error (GPtrArray *errors,
             GError   **error)
{
  YrsApiFieldError *fe = g_ptr_array_index (errors, 0);
  int code = YRS_API_DECODE_ERROR_FORMAT;

  for (int i = YRS_API_DECODE_ERROR_MALFORMED; i <= YRS_API_DECODE_ERROR_FORMAT; i++)
    if (g_strcmp0 (yrs_api_decode_error_code_name (i), fe->code) == 0)
      code = i;
  _yrs_api_set_error (error, code, fe->field, "%s", fe->code);
}

static GPtrArray *
new_errors (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);
}

/* Field readers */

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
get_prefixed (JsonObject *o,
              const char *prefix,
              const char *member,
              gboolean    required,
              gboolean  (*check) (const char *),
              char      **out,
              GError    **error)
{
  return _yrs_api_get_formatted (o, prefix, member, required, YRS_API_MAX_ID_CHARS,
                                 check, "an id like CASE-ABCD1234", out, error);
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

/* A single line of text a person typed, at most max_chars. */
static gboolean
get_line (JsonObject *o,
          const char *prefix,
          const char *member,
          gboolean    required,
          guint       max_chars,
          char      **out,
          GError    **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);

  if (!_yrs_api_get_string (o, prefix, member, required, max_chars, out, error))
    return FALSE;
  if (*out != NULL && (!_yrs_api_check_line (*out, path, error)))
    {
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  if (required && *out != NULL && _yrs_api_is_blank (*out))
    {
      g_clear_pointer (out, g_free);
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED, path, "is blank");
      return FALSE;
    }
  return TRUE;
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
  g_autofree char *path = _yrs_api_path (prefix, member);

  if (!_yrs_api_get_string (o, prefix, member, TRUE, 32, &text, error))
    return FALSE;
  for (int i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], text))
      {
        *out = i;
        return TRUE;
      }
  _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path, "not a known value");
  return FALSE;
}

/* An array of ids, each one of `allowed` when that is not NULL; an absent
 * optional member gives an empty list. Repeated ids are kept once. */
static gboolean
get_ids (JsonObject         *o,
         const char         *prefix,
         const char         *member,
         gboolean            required,
         const char * const *allowed,
         GStrv              *out,
         GError            **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = NULL;

  if (!_yrs_api_get_array (o, prefix, member, required, MAX_LIST_ITEMS, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, item_path, "must be a string");
          return FALSE;
        }
      text = json_node_get_string (node);
      if (!yrs_api_is_valid_id (text))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, item_path, "must be an id");
          return FALSE;
        }
      if (allowed != NULL && !g_strv_contains (allowed, text))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, item_path, "not a known value");
          return FALSE;
        }
      if (g_hash_table_add (seen, (gpointer) text))
        g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* A flat object of answers by question id: strings, numbers, booleans,
 * null. *out is a new reference; an absent member gives an empty object. */
static gboolean
get_answers (JsonObject  *o,
             const char  *prefix,
             const char  *member,
             JsonObject **out,
             GError     **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonObject *answers = NULL;
  g_autoptr(GList) members = NULL;

  if (!_yrs_api_get_object (o, prefix, member, FALSE, &answers, error))
    return FALSE;
  if (answers == NULL)
    {
      *out = json_object_new ();
      return TRUE;
    }
  if (json_object_get_size (answers) > MAX_ANSWERS)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TOO_LONG, path,
                          "more than %u answers", MAX_ANSWERS);
      return FALSE;
    }
  members = json_object_get_members (answers);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (answers, l->data);
      g_autofree char *item_path = NULL;

      if (!yrs_api_is_valid_id (l->data))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, path,
                              "a question id is not an id");
          return FALSE;
        }
      item_path = _yrs_api_path (path, l->data);
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node))
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, item_path,
                              "must be a string, number, boolean or null");
          return FALSE;
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          g_utf8_strlen (json_node_get_string (node), -1) > YRS_API_MAX_NAME_CHARS)
        {
          _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TOO_LONG, item_path,
                              "more than %d characters", YRS_API_MAX_NAME_CHARS);
          return FALSE;
        }
    }
  *out = json_object_ref (answers);
  return TRUE;
}

/* Any object (server-made), as a new reference; absent: empty. */
static gboolean
get_any_object (JsonObject  *o,
                const char  *prefix,
                const char  *member,
                JsonObject **out,
                GError     **error)
{
  JsonObject *value = NULL;

  if (!_yrs_api_get_object (o, prefix, member, FALSE, &value, error))
    return FALSE;
  *out = value != NULL ? json_object_ref (value) : json_object_new ();
  return TRUE;
}

static gboolean
check_format (char          **value,
              gboolean      (*check) (const char *),
              const char     *prefix,
              const char     *member,
              GError        **error)
{
  g_autofree char *path = NULL;

  if (*value == NULL || check (*value))
    return TRUE;
  path = _yrs_api_path (prefix, member);
  _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, path, "wrong form");
  g_clear_pointer (value, g_free);
  return FALSE;
}

static void
add_strv (JsonBuilder        *b,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_object (JsonBuilder *b,
            const char  *member,
            JsonObject  *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object != NULL ? object : json_object_new ());
  if (object == NULL)
    json_object_unref (json_node_get_object (node));
  json_builder_set_member_name (b, member);
  json_builder_add_value (b, node);
}

static void
add_bool (JsonBuilder *b,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static JsonNode *
finish (JsonBuilder *b)
{
  JsonNode *node = json_builder_get_root (b);

  g_object_unref (b);
  return node;
}

static void
wipe (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

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

/* A decoder that collects, as from_json. */
/* A decoder of a whole body (JsonNode) from one of an object: the body
 * must be an object, then @object_decoder (its members, no prefix). */
#define DEFINE_BODY_DECODER(Type, name, object_decoder)                      \
  static Type *                                                             \
  name (JsonNode  *node,                                                    \
        GPtrArray *errors)                                                  \
  {                                                                         \
    GError *oe = NULL;                                                      \
    JsonObject *o = _yrs_api_expect_object (node, "body", &oe);             \
                                                                            \
    if (o == NULL)                                                          \
      {                                                                     \
        collect (errors, oe);                                               \
        return NULL;                                                        \
      }                                                                     \
    return object_decoder (o, NULL, errors);                                \
  }

#define DEFINE_FROM_JSON(Type, name, decoder)                               \
  Type *                                                                    \
  yrs_api_##name##_from_json (JsonNode *node,                               \
                              GError  **error)                              \
  {                                                                         \
    g_autoptr(GPtrArray) errors = new_errors ();                            \
    Type *self = decoder (node, errors);                                    \
                                                                            \
    if (self == NULL)                                                       \
      first_error (errors, error);                                          \
    return self;                                                            \
  }

/* Family */

YrsApiVisitFamily *
yrs_api_visit_family_new (void)
{
  return g_new0 (YrsApiVisitFamily, 1);
}

void
yrs_api_visit_family_free (YrsApiVisitFamily *self)
{
  if (self == NULL)
    return;
  wipe (self->name);
  wipe (self->kana);
  wipe (self->birth_date);
  wipe (self->phone);
  wipe (self->address);
  wipe (self->postal_code);
  wipe (self->due_date);
  wipe (self->child_birth_date);
  g_free (self);
}

/* strict: a nurse's new family (name and birth date required). */
static YrsApiVisitFamily *
family_decode (JsonObject *o,
               const char *prefix,
               gboolean    strict,
               GPtrArray  *errors)
{
  g_autoptr(YrsApiVisitFamily) self = yrs_api_visit_family_new ();
  guint before = errors->len;

  COLLECT (errors, get_line (o, prefix, "name", TRUE, YRS_API_MAX_NAME_CHARS, &self->name, &e));
  COLLECT (errors, get_line (o, prefix, "kana", FALSE, YRS_API_MAX_NAME_CHARS, &self->kana, &e) &&
                   check_format (&self->kana, _yrs_api_is_katakana, prefix, "kana", &e));
  COLLECT (errors, get_date (o, prefix, "birth_date", strict, &self->birth_date, &e));
  COLLECT (errors, get_line (o, prefix, "phone", FALSE, 20, &self->phone, &e) &&
                   check_format (&self->phone, _yrs_api_is_phone, prefix, "phone", &e));
  COLLECT (errors, get_line (o, prefix, "address", FALSE, MAX_ADDRESS_CHARS, &self->address, &e));
  COLLECT (errors, get_line (o, prefix, "postal_code", FALSE, 8, &self->postal_code, &e) &&
                   check_format (&self->postal_code, _yrs_api_is_postal_code, prefix,
                                 "postal_code", &e));
  COLLECT (errors, get_date (o, prefix, "due_date", FALSE, &self->due_date, &e));
  COLLECT (errors, get_date (o, prefix, "child_birth_date", FALSE, &self->child_birth_date, &e));
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

static YrsApiVisitFamily *
visit_family_decode (JsonNode  *node,
                     GPtrArray *errors)
{
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "family", &oe);

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  return family_decode (o, "family", FALSE, errors);
}

DEFINE_FROM_JSON (YrsApiVisitFamily, visit_family, visit_family_decode)

void
yrs_api_visit_family_drop_invalid (YrsApiVisitFamily *self)
{
  char **values[] = { &self->name, &self->kana, &self->birth_date, &self->phone,
                      &self->address, &self->postal_code, &self->due_date,
                      &self->child_birth_date };
  const char *members[] = { "name", "kana", "birth_date", "phone", "address",
                            "postal_code", "due_date", "child_birth_date" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(GPtrArray) errors = new_errors ();
      g_autoptr(YrsApiVisitFamily) checked = NULL;

      if (*values[i] == NULL)
        continue;
      json_object_set_string_member (o, "name", i == 0 ? *values[i] : "-");
      if (i > 0)
        json_object_set_string_member (o, members[i], *values[i]);
      checked = family_decode (o, NULL, FALSE, errors);
      if (checked == NULL)
        {
          wipe (*values[i]);
          *values[i] = NULL;
        }
    }
  if (self->name == NULL)
    self->name = g_strdup ("-");
}

static void
add_family (JsonBuilder             *b,
            const YrsApiVisitFamily *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "name", self->name);
  _yrs_api_set_nullable_string (b, "kana", self->kana);
  _yrs_api_set_nullable_string (b, "birth_date", self->birth_date);
  _yrs_api_set_nullable_string (b, "phone", self->phone);
  _yrs_api_set_nullable_string (b, "address", self->address);
  _yrs_api_set_nullable_string (b, "postal_code", self->postal_code);
  if (self->due_date != NULL)
    _yrs_api_set_nullable_string (b, "due_date", self->due_date);
  if (self->child_birth_date != NULL)
    _yrs_api_set_nullable_string (b, "child_birth_date", self->child_birth_date);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_visit_family_to_json (const YrsApiVisitFamily *self)
{
  JsonBuilder *b = json_builder_new ();

  add_family (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiVisitFamily, visit_family)

/* Case submission */

YrsApiCaseSubmission *
yrs_api_case_submission_new (void)
{
  return g_new0 (YrsApiCaseSubmission, 1);
}

void
yrs_api_case_submission_free (YrsApiCaseSubmission *self)
{
  if (self == NULL)
    return;
  g_free (self->reference);
  g_free (self->kind);
  g_free (self->programme);
  g_free (self->state);
  g_free (self);
}

static YrsApiCaseSubmission *
submission_decode (JsonObject *o,
                   const char *prefix,
                   GPtrArray  *errors)
{
  g_autoptr(YrsApiCaseSubmission) self = yrs_api_case_submission_new ();
  guint before = errors->len;
  int kind = 0;

  COLLECT (errors, get_reference (o, prefix, "reference", &self->reference, &e));
  COLLECT (errors, get_choice (o, prefix, "kind", submission_kinds, &kind, &e));
  COLLECT (errors, get_id (o, prefix, "programme", TRUE, &self->programme, &e));
  COLLECT (errors, get_id (o, prefix, "state", TRUE, &self->state, &e));
  self->kind = g_strdup (submission_kinds[kind]);
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_BODY_DECODER (YrsApiCaseSubmission, case_submission_decode, submission_decode)

DEFINE_FROM_JSON (YrsApiCaseSubmission, case_submission, case_submission_decode)

static void
add_submission (JsonBuilder                *b,
                const YrsApiCaseSubmission *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "kind", self->kind);
  _yrs_api_set_nullable_string (b, "programme", self->programme);
  _yrs_api_set_nullable_string (b, "state", self->state);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_case_submission_to_json (const YrsApiCaseSubmission *self)
{
  JsonBuilder *b = json_builder_new ();

  add_submission (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCaseSubmission, case_submission)

/* Case consultation */

YrsApiCaseConsultation *
yrs_api_case_consultation_new (void)
{
  YrsApiCaseConsultation *self = g_new0 (YrsApiCaseConsultation, 1);

  self->present = g_new0 (char *, 1);
  self->topics = g_new0 (char *, 1);
  self->programmes_explained = g_new0 (char *, 1);
  return self;
}

void
yrs_api_case_consultation_free (YrsApiCaseConsultation *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->date);
  g_strfreev (self->present);
  g_strfreev (self->topics);
  g_strfreev (self->programmes_explained);
  g_free (self->follow_up_date);
  wipe (self->notes);
  g_free (self);
}

/* The follow-up object {kind, date?} of a record. */
static void
follow_up_decode (JsonObject *o,
                  const char *prefix,
                  int        *kind,
                  char      **date,
                  GPtrArray  *errors)
{
  g_autofree char *path = _yrs_api_path (prefix, "follow_up");
  JsonObject *follow_up = NULL;

  COLLECT (errors, _yrs_api_get_object (o, prefix, "follow_up", TRUE, &follow_up, &e));
  if (follow_up == NULL)
    return;
  COLLECT (errors, get_choice (follow_up, path, "kind", follow_ups, kind, &e));
  COLLECT (errors, get_date (follow_up, path, "date", FALSE, date, &e));
}

static void
add_follow_up (JsonBuilder       *b,
               YrsApiFollowUpKind kind,
               const char        *date)
{
  json_builder_set_member_name (b, "follow_up");
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "kind", follow_ups[kind]);
  if (date != NULL)
    _yrs_api_set_nullable_string (b, "date", date);
  json_builder_end_object (b);
}

static YrsApiCaseConsultation *
consultation_item_decode (JsonObject *o,
                          const char *prefix,
                          GPtrArray  *errors)
{
  g_autoptr(YrsApiCaseConsultation) self = yrs_api_case_consultation_new ();
  guint before = errors->len;
  int kind = 0, place = 0, follow_kind = 0;

  COLLECT (errors, get_prefixed (o, prefix, "id", TRUE, yrs_api_is_valid_consultation_id,
                                 &self->id, &e));
  COLLECT (errors, get_choice (o, prefix, "kind", consultation_kinds, &kind, &e));
  COLLECT (errors, get_date (o, prefix, "date", TRUE, &self->date, &e));
  self->kind = kind;
  /* The record itself: there for the ward's staff unless erased. */
  if (json_object_has_member (o, "place"))
    {
      g_auto(GStrv) present_ids = NULL;
      g_auto(GStrv) topic_ids = NULL;
      g_auto(GStrv) programmes = NULL;
      g_autofree char *notes = NULL;

      self->has_record = TRUE;
      COLLECT (errors, get_choice (o, prefix, "place", places, &place, &e));
      COLLECT (errors, get_ids (o, prefix, "present", TRUE, present, &present_ids, &e));
      COLLECT (errors, get_ids (o, prefix, "topics", TRUE, topics, &topic_ids, &e));
      COLLECT (errors, get_ids (o, prefix, "programmes_explained", TRUE, NULL, &programmes, &e));
      follow_up_decode (o, prefix, &follow_kind, &self->follow_up_date, errors);
      COLLECT (errors, _yrs_api_get_string (o, prefix, "notes", FALSE, YRS_API_MAX_NOTES_CHARS,
                                            &notes, &e));
      self->place = place;
      self->follow_up_kind = follow_kind;
      self->notes = g_steal_pointer (&notes);
      if (present_ids != NULL)
        {
          g_strfreev (self->present);
          self->present = g_steal_pointer (&present_ids);
        }
      if (topic_ids != NULL)
        {
          g_strfreev (self->topics);
          self->topics = g_steal_pointer (&topic_ids);
        }
      if (programmes != NULL)
        {
          g_strfreev (self->programmes_explained);
          self->programmes_explained = g_steal_pointer (&programmes);
        }
    }
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_BODY_DECODER (YrsApiCaseConsultation, case_consultation_decode, consultation_item_decode)

DEFINE_FROM_JSON (YrsApiCaseConsultation, case_consultation, case_consultation_decode)

static void
add_consultation (JsonBuilder                  *b,
                  const YrsApiCaseConsultation *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "kind", consultation_kinds[self->kind]);
  _yrs_api_set_nullable_string (b, "date", self->date);
  if (self->has_record)
    {
      _yrs_api_set_nullable_string (b, "place", places[self->place]);
      add_strv (b, "present", (const char * const *) self->present);
      add_strv (b, "topics", (const char * const *) self->topics);
      add_strv (b, "programmes_explained", (const char * const *) self->programmes_explained);
      add_follow_up (b, self->follow_up_kind, self->follow_up_date);
      if (self->notes != NULL)
        _yrs_api_set_nullable_string (b, "notes", self->notes);
    }
  json_builder_end_object (b);
}

JsonNode *
yrs_api_case_consultation_to_json (const YrsApiCaseConsultation *self)
{
  JsonBuilder *b = json_builder_new ();

  add_consultation (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCaseConsultation, case_consultation)

/* Case screening */

static const char * const levels[] = { "low", "high", NULL };

YrsApiCaseScreening *
yrs_api_case_screening_new (void)
{
  YrsApiCaseScreening *self = g_new0 (YrsApiCaseScreening, 1);

  self->offered = g_new0 (char *, 1);
  self->chosen = g_new0 (char *, 1);
  return self;
}

void
yrs_api_case_screening_free (YrsApiCaseScreening *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->date);
  explicit_bzero (self->items, sizeof self->items);
  g_strfreev (self->offered);
  g_strfreev (self->chosen);
  g_free (self);
}

/* Ten item scores, each an integer 0..3 (every bad one listed); FALSE
 * when any is wrong. */
static gboolean
items_decode (JsonObject *o,
              const char *prefix,
              gboolean    required,
              int        *items,
              GPtrArray  *errors)
{
  g_autofree char *path = _yrs_api_path (prefix, "items");
  JsonArray *array = NULL;
  GError *e = NULL;
  gboolean ok = TRUE;
  guint n;

  if (!_yrs_api_get_array (o, prefix, "items", required, 1000, &array, &e))
    {
      collect (errors, e);
      return FALSE;
    }
  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n != YRS_API_EPDS_ITEMS)
    {
      add_error (errors, prefix, "items",
                 n > YRS_API_EPDS_ITEMS ? YRS_API_DECODE_ERROR_TOO_LONG
                                        : YRS_API_DECODE_ERROR_REQUIRED);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64)
        {
          g_ptr_array_add (errors, yrs_api_field_error_new (item_path, "type"));
          ok = FALSE;
          continue;
        }
      value = json_node_get_int (item);
      if (value < 0 || value > 3)
        {
          g_ptr_array_add (errors, yrs_api_field_error_new (item_path, "range"));
          ok = FALSE;
          continue;
        }
      items[i] = (int) value;
    }
  return ok;
}

static void
add_items (JsonBuilder *b,
           const int   *items)
{
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < YRS_API_EPDS_ITEMS; i++)
    json_builder_add_int_value (b, items[i]);
  json_builder_end_array (b);
}

static YrsApiCaseScreening *
screening_item_decode (JsonObject *o,
                       const char *prefix,
                       GPtrArray  *errors)
{
  g_autoptr(YrsApiCaseScreening) self = yrs_api_case_screening_new ();
  guint before = errors->len;
  gint64 total = 0;
  int level = 0;

  COLLECT (errors, get_prefixed (o, prefix, "id", TRUE, is_screening_id, &self->id, &e));
  COLLECT (errors, get_date (o, prefix, "date", TRUE, &self->date, &e));
  COLLECT (errors, _yrs_api_get_int (o, prefix, "total", TRUE, 0,
                                     YRS_API_EPDS_ITEMS * 3, &total, &e));
  COLLECT (errors, get_choice (o, prefix, "level", levels, &level, &e));
  COLLECT (errors, _yrs_api_get_bool (o, prefix, "urgent", TRUE, &self->urgent, &e));
  self->total = (int) total;
  self->high = level == 1;
  if (json_object_has_member (o, "items"))
    {
      g_auto(GStrv) offered = NULL;
      g_auto(GStrv) chosen = NULL;

      self->has_record = TRUE;
      if (items_decode (o, prefix, TRUE, self->items, errors) && errors->len == before)
        {
          int sum = 0;

          /* The total and the marks must be those of the scores. */
          for (guint i = 0; i < YRS_API_EPDS_ITEMS; i++)
            sum += self->items[i];
          if (sum != self->total)
            add_error (errors, prefix, "total", YRS_API_DECODE_ERROR_RANGE);
          if ((sum >= 9) != self->high)
            add_error (errors, prefix, "level", YRS_API_DECODE_ERROR_RANGE);
          if ((self->items[YRS_API_EPDS_ITEMS - 1] > 0) != self->urgent)
            add_error (errors, prefix, "urgent", YRS_API_DECODE_ERROR_RANGE);
        }
      COLLECT (errors, _yrs_api_get_bool (o, prefix, "urgent_acknowledged", TRUE,
                                          &self->urgent_acknowledged, &e));
      COLLECT (errors, get_ids (o, prefix, "offered", TRUE, NULL, &offered, &e));
      COLLECT (errors, get_ids (o, prefix, "chosen", TRUE, NULL, &chosen, &e));
      if (offered != NULL)
        {
          g_strfreev (self->offered);
          self->offered = g_steal_pointer (&offered);
        }
      if (chosen != NULL)
        {
          g_strfreev (self->chosen);
          self->chosen = g_steal_pointer (&chosen);
        }
    }
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_BODY_DECODER (YrsApiCaseScreening, case_screening_decode, screening_item_decode)

DEFINE_FROM_JSON (YrsApiCaseScreening, case_screening, case_screening_decode)

static void
add_screening (JsonBuilder               *b,
               const YrsApiCaseScreening *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "date", self->date);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, self->total);
  _yrs_api_set_nullable_string (b, "level", levels[self->high ? 1 : 0]);
  add_bool (b, "urgent", self->urgent);
  if (self->has_record)
    {
      add_items (b, self->items);
      add_bool (b, "urgent_acknowledged", self->urgent_acknowledged);
      add_strv (b, "offered", (const char * const *) self->offered);
      add_strv (b, "chosen", (const char * const *) self->chosen);
    }
  json_builder_end_object (b);
}

JsonNode *
yrs_api_case_screening_to_json (const YrsApiCaseScreening *self)
{
  JsonBuilder *b = json_builder_new ();

  add_screening (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCaseScreening, case_screening)

/* Case */

YrsApiCase *
yrs_api_case_new (void)
{
  YrsApiCase *self = g_new0 (YrsApiCase, 1);

  self->family = yrs_api_visit_family_new ();
  self->answers = json_object_new ();
  self->submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_case_submission_free);
  self->consultations = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_case_consultation_free);
  self->screenings = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_case_screening_free);
  return self;
}

void
yrs_api_case_free (YrsApiCase *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->ward);
  g_clear_pointer (&self->family, yrs_api_visit_family_free);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->submissions, g_ptr_array_unref);
  g_clear_pointer (&self->consultations, g_ptr_array_unref);
  g_clear_pointer (&self->screenings, g_ptr_array_unref);
  g_free (self->updated_at);
  g_free (self);
}

/* Each object of an array member through item_decode into `into`. */
static void
decode_list (JsonObject *o,
             const char *prefix,
             const char *member,
             guint       max,
             gpointer  (*item_decode) (JsonObject *, const char *, GPtrArray *),
             GPtrArray  *into,
             GPtrArray  *errors)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonArray *array = NULL;
  GError *oe = NULL;

  if (!_yrs_api_get_array (o, prefix, member, TRUE, max, &array, &oe))
    {
      collect (errors, oe);
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      JsonObject *item = _yrs_api_expect_object (json_array_get_element (array, i), item_path, &oe);
      gpointer value;

      if (item == NULL)
        {
          collect (errors, oe);
          continue;
        }
      value = item_decode (item, item_path, errors);
      if (value != NULL)
        g_ptr_array_add (into, value);
    }
}

static YrsApiCase *
case_decode_object (JsonObject *o,
                    const char *prefix,
                    GPtrArray  *errors)
{
  g_autoptr(YrsApiCase) self = yrs_api_case_new ();
  g_autofree char *family_path = _yrs_api_path (prefix, "family");
  JsonObject *family = NULL;
  guint before = errors->len;

  COLLECT (errors, get_prefixed (o, prefix, "id", TRUE, yrs_api_is_valid_case_id, &self->id, &e));
  COLLECT (errors, get_line (o, prefix, "ward", FALSE, YRS_API_MAX_NAME_CHARS, &self->ward, &e));
  COLLECT (errors, _yrs_api_get_bool (o, prefix, "added_by_staff", TRUE, &self->added_by_staff, &e));
  COLLECT (errors, _yrs_api_get_object (o, prefix, "family", TRUE, &family, &e));
  if (family != NULL)
    {
      YrsApiVisitFamily *decoded = family_decode (family, family_path, FALSE, errors);

      if (decoded != NULL)
        {
          yrs_api_visit_family_free (self->family);
          self->family = decoded;
        }
    }
  g_clear_pointer (&self->answers, json_object_unref);
  COLLECT (errors, get_answers (o, prefix, "answers", &self->answers, &e));
  decode_list (o, prefix, "submissions", 1000, (gpointer) submission_decode,
               self->submissions, errors);
  decode_list (o, prefix, "consultations", 1000, (gpointer) consultation_item_decode,
               self->consultations, errors);
  /* Absent in a body from before the screenings were listed. */
  if (json_object_has_member (o, "screenings"))
    decode_list (o, prefix, "screenings", 1000, (gpointer) screening_item_decode,
                 self->screenings, errors);
  COLLECT (errors, get_timestamp (o, prefix, "updated_at", TRUE, &self->updated_at, &e));
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

YrsApiCase *
yrs_api_case_decode (JsonNode  *node,
                     GPtrArray *errors)
{
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  return case_decode_object (o, NULL, errors);
}

DEFINE_FROM_JSON (YrsApiCase, case, yrs_api_case_decode)

static void
add_case (JsonBuilder      *b,
          const YrsApiCase *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "ward", self->ward);
  add_bool (b, "added_by_staff", self->added_by_staff);
  json_builder_set_member_name (b, "family");
  add_family (b, self->family);
  add_object (b, "answers", self->answers);
  json_builder_set_member_name (b, "submissions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->submissions->len; i++)
    add_submission (b, g_ptr_array_index (self->submissions, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "consultations");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->consultations->len; i++)
    add_consultation (b, g_ptr_array_index (self->consultations, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "screenings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->screenings->len; i++)
    add_screening (b, g_ptr_array_index (self->screenings, i));
  json_builder_end_array (b);
  _yrs_api_set_nullable_string (b, "updated_at", self->updated_at);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_case_to_json (const YrsApiCase *self)
{
  JsonBuilder *b = json_builder_new ();

  add_case (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCase, case)

/* Case list */

YrsApiCaseList *
yrs_api_case_list_new (void)
{
  YrsApiCaseList *self = g_new0 (YrsApiCaseList, 1);

  self->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_case_free);
  return self;
}

void
yrs_api_case_list_free (YrsApiCaseList *self)
{
  if (self == NULL)
    return;
  g_free (self->ward);
  g_free (self->next);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_free (self);
}

static YrsApiCaseList *
case_list_decode (JsonNode  *node,
                  GPtrArray *errors)
{
  g_autoptr(YrsApiCaseList) self = yrs_api_case_list_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_line (o, NULL, "ward", FALSE, YRS_API_MAX_NAME_CHARS, &self->ward, &e));
  decode_list (o, NULL, "cases", MAX_CASES, (gpointer) case_decode_object, self->cases, errors);
  COLLECT (errors, get_line (o, NULL, "next", FALSE, MAX_CURSOR_CHARS, &self->next, &e));
  return errors->len == 0 ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiCaseList, case_list, case_list_decode)

JsonNode *
yrs_api_case_list_to_json (const YrsApiCaseList *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "ward", self->ward);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->cases->len; i++)
    add_case (b, g_ptr_array_index (self->cases, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next");
  if (self->next != NULL)
    json_builder_add_string_value (b, self->next);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCaseList, case_list)

/* Case request */

YrsApiCaseRequest *
yrs_api_case_request_new (void)
{
  return g_new0 (YrsApiCaseRequest, 1);
}

void
yrs_api_case_request_free (YrsApiCaseRequest *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->family, yrs_api_visit_family_free);
  g_clear_pointer (&self->answers, json_object_unref);
  g_free (self);
}

YrsApiCaseRequest *
yrs_api_case_request_decode (JsonNode  *node,
                             GPtrArray *errors)
{
  g_autoptr(YrsApiCaseRequest) self = yrs_api_case_request_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);
  JsonObject *family = NULL;
  guint before = errors->len;

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, _yrs_api_get_object (o, NULL, "family", TRUE, &family, &e));
  if (family != NULL)
    self->family = family_decode (family, "family", TRUE, errors);
  COLLECT (errors, get_answers (o, NULL, "answers", &self->answers, &e));
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiCaseRequest, case_request, yrs_api_case_request_decode)

JsonNode *
yrs_api_case_request_to_json (const YrsApiCaseRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "family");
  if (self->family != NULL)
    add_family (b, self->family);
  else
    json_builder_add_null_value (b);
  add_object (b, "answers", self->answers);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiCaseRequest, case_request)

/* Consultation request */

YrsApiConsultationRequest *
yrs_api_consultation_request_new (void)
{
  return g_new0 (YrsApiConsultationRequest, 1);
}

void
yrs_api_consultation_request_free (YrsApiConsultationRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->case_id);
  g_free (self->date);
  g_strfreev (self->present);
  g_strfreev (self->topics);
  g_strfreev (self->programmes_explained);
  g_free (self->follow_up_date);
  wipe (self->notes);
  g_free (self);
}

YrsApiConsultationRequest *
yrs_api_consultation_request_decode (JsonNode  *node,
                                     GPtrArray *errors)
{
  g_autoptr(YrsApiConsultationRequest) self = yrs_api_consultation_request_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);
  guint before = errors->len;
  int kind = 0, place = 0, follow_kind = 0;

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_prefixed (o, NULL, "case", TRUE, yrs_api_is_valid_case_id,
                                 &self->case_id, &e));
  COLLECT (errors, get_choice (o, NULL, "kind", consultation_kinds, &kind, &e));
  COLLECT (errors, get_date (o, NULL, "date", TRUE, &self->date, &e));
  COLLECT (errors, get_choice (o, NULL, "place", places, &place, &e));
  COLLECT (errors, get_ids (o, NULL, "present", FALSE, present, &self->present, &e));
  COLLECT (errors, get_ids (o, NULL, "topics", FALSE, topics, &self->topics, &e));
  COLLECT (errors, get_ids (o, NULL, "programmes_explained", FALSE, NULL,
                            &self->programmes_explained, &e));
  follow_up_decode (o, NULL, &follow_kind, &self->follow_up_date, errors);
  {
    g_autofree char *notes = NULL;

    /* Notes may hold line breaks; no NUL and no more than the limit. */
    COLLECT (errors, _yrs_api_get_string (o, NULL, "notes", FALSE, YRS_API_MAX_NOTES_CHARS,
                                          &notes, &e));
    self->notes = g_steal_pointer (&notes);
  }
  self->kind = kind;
  self->place = place;
  self->follow_up_kind = follow_kind;
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiConsultationRequest, consultation_request,
                  yrs_api_consultation_request_decode)

JsonNode *
yrs_api_consultation_request_to_json (const YrsApiConsultationRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "case", self->case_id);
  _yrs_api_set_nullable_string (b, "kind", consultation_kinds[self->kind]);
  _yrs_api_set_nullable_string (b, "date", self->date);
  _yrs_api_set_nullable_string (b, "place", places[self->place]);
  add_strv (b, "present", (const char * const *) self->present);
  add_strv (b, "topics", (const char * const *) self->topics);
  add_strv (b, "programmes_explained", (const char * const *) self->programmes_explained);
  json_builder_set_member_name (b, "follow_up");
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "kind", follow_ups[self->follow_up_kind]);
  if (self->follow_up_date != NULL)
    _yrs_api_set_nullable_string (b, "date", self->follow_up_date);
  json_builder_end_object (b);
  _yrs_api_set_nullable_string (b, "notes", self->notes);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiConsultationRequest, consultation_request)

/* Consultation response */

YrsApiConsultationResponse *
yrs_api_consultation_response_new (void)
{
  return g_new0 (YrsApiConsultationResponse, 1);
}

void
yrs_api_consultation_response_free (YrsApiConsultationResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->case_id);
  g_strfreev (self->payments_ready);
  g_free (self);
}

static YrsApiConsultationResponse *
consultation_response_decode (JsonNode  *node,
                              GPtrArray *errors)
{
  g_autoptr(YrsApiConsultationResponse) self = yrs_api_consultation_response_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_prefixed (o, NULL, "id", TRUE, yrs_api_is_valid_consultation_id,
                                 &self->id, &e));
  COLLECT (errors, get_prefixed (o, NULL, "case", TRUE, yrs_api_is_valid_case_id,
                                 &self->case_id, &e));
  COLLECT (errors, get_ids (o, NULL, "payments_ready", TRUE, NULL, &self->payments_ready, &e));
  return errors->len == 0 ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiConsultationResponse, consultation_response, consultation_response_decode)

JsonNode *
yrs_api_consultation_response_to_json (const YrsApiConsultationResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "case", self->case_id);
  add_strv (b, "payments_ready", (const char * const *) self->payments_ready);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiConsultationResponse, consultation_response)

/* Screening request */

YrsApiScreeningRequest *
yrs_api_screening_request_new (void)
{
  return g_new0 (YrsApiScreeningRequest, 1);
}

void
yrs_api_screening_request_free (YrsApiScreeningRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->case_id);
  g_free (self->consultation);
  g_free (self->instrument);
  g_free (self->date);
  explicit_bzero (self->items, sizeof self->items);
  g_strfreev (self->offered);
  g_strfreev (self->chosen);
  g_free (self);
}

YrsApiScreeningRequest *
yrs_api_screening_request_decode (JsonNode  *node,
                                  GPtrArray *errors)
{
  static const char * const instruments[] = { "epds", NULL };
  g_autoptr(YrsApiScreeningRequest) self = yrs_api_screening_request_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);
  JsonArray *items = NULL;
  guint before = errors->len;
  int instrument = 0;
  gboolean items_ok = FALSE;

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_prefixed (o, NULL, "case", TRUE, yrs_api_is_valid_case_id,
                                 &self->case_id, &e));
  COLLECT (errors, get_prefixed (o, NULL, "consultation", FALSE,
                                 yrs_api_is_valid_consultation_id, &self->consultation, &e));
  COLLECT (errors, get_choice (o, NULL, "instrument", instruments, &instrument, &e));
  self->instrument = g_strdup (instruments[instrument]);
  COLLECT (errors, get_date (o, NULL, "date", TRUE, &self->date, &e));
  COLLECT (errors, _yrs_api_get_array (o, NULL, "items", TRUE, 1000, &items, &e));
  if (items != NULL)
    {
      guint n = json_array_get_length (items);

      if (n != YRS_API_EPDS_ITEMS)
        add_error (errors, NULL, "items",
                   n > YRS_API_EPDS_ITEMS ? YRS_API_DECODE_ERROR_TOO_LONG
                                          : YRS_API_DECODE_ERROR_REQUIRED);
      else
        {
          items_ok = TRUE;
          for (guint i = 0; i < n; i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              g_autofree char *path = g_strdup_printf ("items[%u]", i);
              gint64 value;

              if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64)
                {
                  g_ptr_array_add (errors, yrs_api_field_error_new (path, "type"));
                  items_ok = FALSE;
                  continue;
                }
              value = json_node_get_int (item);
              if (value < 0 || value > 3)
                {
                  g_ptr_array_add (errors, yrs_api_field_error_new (path, "range"));
                  items_ok = FALSE;
                  continue;
                }
              self->items[i] = (int) value;
            }
        }
    }
  COLLECT (errors, get_ids (o, NULL, "offered", FALSE, NULL, &self->offered, &e));
  COLLECT (errors, get_ids (o, NULL, "chosen", FALSE, NULL, &self->chosen, &e));
  COLLECT (errors, _yrs_api_get_bool (o, NULL, "urgent_acknowledged", FALSE,
                                      &self->urgent_acknowledged, &e));
  /* Item 10 above 0: the nurse must have acknowledged the urgent prompt. */
  if (items_ok && self->items[YRS_API_EPDS_ITEMS - 1] > 0 && !self->urgent_acknowledged)
    add_error (errors, NULL, "urgent_acknowledged", YRS_API_DECODE_ERROR_REQUIRED);
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiScreeningRequest, screening_request, yrs_api_screening_request_decode)

JsonNode *
yrs_api_screening_request_to_json (const YrsApiScreeningRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "case", self->case_id);
  if (self->consultation != NULL)
    _yrs_api_set_nullable_string (b, "consultation", self->consultation);
  _yrs_api_set_nullable_string (b, "instrument", self->instrument != NULL ? self->instrument : "epds");
  _yrs_api_set_nullable_string (b, "date", self->date);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < YRS_API_EPDS_ITEMS; i++)
    json_builder_add_int_value (b, self->items[i]);
  json_builder_end_array (b);
  add_strv (b, "offered", (const char * const *) self->offered);
  add_strv (b, "chosen", (const char * const *) self->chosen);
  add_bool (b, "urgent_acknowledged", self->urgent_acknowledged);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiScreeningRequest, screening_request)

/* Screening response */

YrsApiScreeningResponse *
yrs_api_screening_response_new (void)
{
  return g_new0 (YrsApiScreeningResponse, 1);
}

void
yrs_api_screening_response_free (YrsApiScreeningResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self);
}

static YrsApiScreeningResponse *
screening_response_decode (JsonNode  *node,
                           GPtrArray *errors)
{
  g_autoptr(YrsApiScreeningResponse) self = yrs_api_screening_response_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);
  gint64 total = 0;

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_prefixed (o, NULL, "id", TRUE, is_screening_id, &self->id, &e));
  COLLECT (errors, _yrs_api_get_int (o, NULL, "total", TRUE, 0, 30, &total, &e));
  COLLECT (errors, _yrs_api_get_bool (o, NULL, "high", TRUE, &self->high, &e));
  COLLECT (errors, _yrs_api_get_bool (o, NULL, "urgent", TRUE, &self->urgent, &e));
  self->total = (int) total;
  return errors->len == 0 ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiScreeningResponse, screening_response, screening_response_decode)

JsonNode *
yrs_api_screening_response_to_json (const YrsApiScreeningResponse *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, self->total);
  add_bool (b, "high", self->high);
  add_bool (b, "urgent", self->urgent);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiScreeningResponse, screening_response)

/* Pending registration */

YrsApiPendingRegistration *
yrs_api_pending_registration_new (void)
{
  YrsApiPendingRegistration *self = g_new0 (YrsApiPendingRegistration, 1);

  self->declared = json_object_new ();
  return self;
}

void
yrs_api_pending_registration_free (YrsApiPendingRegistration *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->reference);
  g_free (self->ward);
  g_free (self->state);
  wipe (self->reason);
  g_free (self->created_at);
  g_clear_pointer (&self->declared, json_object_unref);
  g_free (self);
}

static YrsApiPendingRegistration *
pending_decode_object (JsonObject *o,
                       const char *prefix,
                       GPtrArray  *errors)
{
  static const char * const states[] = { "pending", "approved", "declined", NULL };
  g_autoptr(YrsApiPendingRegistration) self = yrs_api_pending_registration_new ();
  guint before = errors->len;
  int state = 0;

  COLLECT (errors, get_id (o, prefix, "id", TRUE, &self->id, &e));
  COLLECT (errors, get_reference (o, prefix, "reference", &self->reference, &e));
  COLLECT (errors, get_line (o, prefix, "ward", FALSE, YRS_API_MAX_NAME_CHARS, &self->ward, &e));
  COLLECT (errors, get_choice (o, prefix, "state", states, &state, &e));
  self->state = g_strdup (states[state]);
  COLLECT (errors, _yrs_api_get_string (o, prefix, "reason", FALSE, YRS_API_MAX_REASON_CHARS,
                                        &self->reason, &e));
  COLLECT (errors, get_timestamp (o, prefix, "created_at", TRUE, &self->created_at, &e));
  g_clear_pointer (&self->declared, json_object_unref);
  COLLECT (errors, get_any_object (o, prefix, "declared", &self->declared, &e));
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_BODY_DECODER (YrsApiPendingRegistration, pending_registration_decode, pending_decode_object)

DEFINE_FROM_JSON (YrsApiPendingRegistration, pending_registration, pending_registration_decode)

static void
add_pending (JsonBuilder                     *b,
             const YrsApiPendingRegistration *self)
{
  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "id", self->id);
  _yrs_api_set_nullable_string (b, "reference", self->reference);
  _yrs_api_set_nullable_string (b, "ward", self->ward);
  _yrs_api_set_nullable_string (b, "state", self->state);
  if (self->reason != NULL)
    _yrs_api_set_nullable_string (b, "reason", self->reason);
  _yrs_api_set_nullable_string (b, "created_at", self->created_at);
  add_object (b, "declared", self->declared);
  json_builder_end_object (b);
}

JsonNode *
yrs_api_pending_registration_to_json (const YrsApiPendingRegistration *self)
{
  JsonBuilder *b = json_builder_new ();

  add_pending (b, self);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiPendingRegistration, pending_registration)

/* Pending registration list */

YrsApiPendingRegistrationList *
yrs_api_pending_registration_list_new (void)
{
  YrsApiPendingRegistrationList *self = g_new0 (YrsApiPendingRegistrationList, 1);

  self->registrations = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_pending_registration_free);
  return self;
}

void
yrs_api_pending_registration_list_free (YrsApiPendingRegistrationList *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->registrations, g_ptr_array_unref);
  g_free (self);
}

static YrsApiPendingRegistrationList *
pending_list_decode (JsonNode  *node,
                     GPtrArray *errors)
{
  g_autoptr(YrsApiPendingRegistrationList) self = yrs_api_pending_registration_list_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  decode_list (o, NULL, "registrations", MAX_CASES, (gpointer) pending_decode_object,
               self->registrations, errors);
  return errors->len == 0 ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiPendingRegistrationList, pending_registration_list, pending_list_decode)

JsonNode *
yrs_api_pending_registration_list_to_json (const YrsApiPendingRegistrationList *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "registrations");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->registrations->len; i++)
    add_pending (b, g_ptr_array_index (self->registrations, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiPendingRegistrationList, pending_registration_list)

/* Decision request */

YrsApiDecisionRequest *
yrs_api_decision_request_new (void)
{
  return g_new0 (YrsApiDecisionRequest, 1);
}

void
yrs_api_decision_request_free (YrsApiDecisionRequest *self)
{
  if (self == NULL)
    return;
  wipe (self->reason);
  g_free (self);
}

YrsApiDecisionRequest *
yrs_api_decision_request_decode (JsonNode  *node,
                                 GPtrArray *errors)
{
  g_autoptr(YrsApiDecisionRequest) self = yrs_api_decision_request_new ();
  GError *oe = NULL;
  JsonObject *o = _yrs_api_expect_object (node, "body", &oe);
  guint before = errors->len;
  int decision = -1;

  if (o == NULL)
    {
      collect (errors, oe);
      return NULL;
    }
  COLLECT (errors, get_choice (o, NULL, "decision", decisions, &decision, &e));
  COLLECT (errors, _yrs_api_get_string (o, NULL, "reason", FALSE, YRS_API_MAX_REASON_CHARS,
                                        &self->reason, &e));
  if (self->reason != NULL && _yrs_api_is_blank (self->reason))
    g_clear_pointer (&self->reason, g_free);
  self->approve = decision == 0;
  if (decision == 1 && self->reason == NULL && errors->len == before)
    add_error (errors, NULL, "reason", YRS_API_DECODE_ERROR_REQUIRED);
  return errors->len == before ? g_steal_pointer (&self) : NULL;
}

DEFINE_FROM_JSON (YrsApiDecisionRequest, decision_request, yrs_api_decision_request_decode)

JsonNode *
yrs_api_decision_request_to_json (const YrsApiDecisionRequest *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  _yrs_api_set_nullable_string (b, "decision", decisions[self->approve ? 0 : 1]);
  if (self->reason != NULL)
    _yrs_api_set_nullable_string (b, "reason", self->reason);
  json_builder_end_object (b);
  return finish (b);
}

DEFINE_STRING_FUNCS (YrsApiDecisionRequest, decision_request)
