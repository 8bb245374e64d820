/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-api"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "yrs-api-private.h"
#include "yrs-date.h"

G_DEFINE_QUARK (yrs-api-decode-error-quark, yrs_api_decode_error)

static const char *code_names[] = {
  [YRS_API_DECODE_ERROR_MALFORMED] = "malformed",
  [YRS_API_DECODE_ERROR_REQUIRED] = "required",
  [YRS_API_DECODE_ERROR_TYPE] = "type",
  [YRS_API_DECODE_ERROR_RANGE] = "range",
  [YRS_API_DECODE_ERROR_TOO_LONG] = "too_long",
  [YRS_API_DECODE_ERROR_FORMAT] = "format",
};

const char *
yrs_api_decode_error_code_name (int code)
{
  if (code < 0 || code >= (int) G_N_ELEMENTS (code_names))
    return "invalid";
  return code_names[code];
}

char *
yrs_api_decode_error_dup_field (const GError *error)
{
  const char *colon;

  if (error == NULL || error->domain != YRS_API_DECODE_ERROR ||
      error->message == NULL)
    return NULL;
  colon = strstr (error->message, ": ");
  if (colon == NULL || colon == error->message)
    return NULL;
  return g_strndup (error->message, colon - error->message);
}

char *
_yrs_api_path (const char *prefix,
               const char *member)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (member);
  return g_strconcat (prefix, ".", member, NULL);
}

void
_yrs_api_set_error (GError    **error,
                    int         code,
                    const char *path,
                    const char *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, YRS_API_DECODE_ERROR, code, "%s: %s", path, text);
}

/* The UTF-16 unit of a "\uXXXX" escape at data[i] ('\\' at i), or -1. */
static int
escape_unit (const char *data,
             gsize       length,
             gsize       i)
{
  int unit = 0;

  if (i + 5 >= length || data[i] != '\\' || data[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

typedef enum
{
  STRUCTURE_OK,
  STRUCTURE_TOO_DEEP,
  STRUCTURE_LONE_SURROGATE,
} Structure;

/* Rejects nesting deeper than YRS_API_MAX_DEPTH before a recursive parser
 * sees the text (a megabyte of "[" must not exhaust the stack), and
 * "\uD800" escapes without their pair, which json-glib 1.6 turns into a
 * leaked, broken string. */
static Structure
check_structure (const char *data,
                 gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              int unit = escape_unit (data, length, i);

              if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                  int low = escape_unit (data, length, i + 6);

                  if (low < 0xDC00 || low > 0xDFFF)
                    return STRUCTURE_LONE_SURROGATE;
                  i += 11;
                }
              else if (unit >= 0xDC00 && unit <= 0xDFFF)
                return STRUCTURE_LONE_SURROGATE;
              else
                i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > YRS_API_MAX_DEPTH)
            return STRUCTURE_TOO_DEEP;
          break;
        case ']':
        case '}':
          depth--;
          break;
        default:
          break;
        }
    }
  return STRUCTURE_OK;
}

JsonNode *
yrs_api_parse (const char *data,
               gssize      length,
               GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize len;

  if (data == NULL)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "no body");
      return NULL;
    }
  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > YRS_API_MAX_BODY_BYTES)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "larger than %d bytes", YRS_API_MAX_BODY_BYTES);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "not valid UTF-8");
      return NULL;
    }
  switch (check_structure (data, len))
    {
    case STRUCTURE_TOO_DEEP:
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "nested deeper than %d levels", YRS_API_MAX_DEPTH);
      return NULL;

    case STRUCTURE_LONE_SURROGATE:
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "a \\u escape names half a UTF-16 surrogate pair");
      return NULL;

    case STRUCTURE_OK:
    default:
      break;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib may quote the offending bytes, which need not be UTF-8. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "not JSON (%s)", reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "empty");
      return NULL;
    }
  return json_node_copy (root);
}

char *
yrs_api_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

gboolean
yrs_api_is_valid_id (const char *text)
{
  gsize n = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ||
            *p == ':'))
        return FALSE;
    }
  return n <= YRS_API_MAX_ID_CHARS;
}

gboolean
yrs_api_is_valid_date (const char *text)
{
  return yrs_date_parse_iso (text, NULL, NULL);
}

gboolean
yrs_api_is_valid_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  char day[11];
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  /* YYYY-MM-DDTHH:MM:SS and an offset ("Z" or "+09:00"), at most 35;
   * the day is checked on its own since GDateTime is lenient elsewhere. */
  if (len < 20 || len > 35 || text[10] != 'T')
    return FALSE;
  memcpy (day, text, 10);
  day[10] = '\0';
  if (!yrs_api_is_valid_date (day))
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

gboolean
_yrs_api_check_text (const char *text,
                     gsize       bytes,
                     const char *path,
                     guint       max_chars,
                     GError    **error)
{
  if (memchr (text, '\0', bytes) != NULL ||
      !g_utf8_validate_len (text, bytes, NULL))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, path,
                          "not valid text");
      return FALSE;
    }
  if (bytes > (gsize) max_chars * 4 ||
      g_utf8_strlen (text, bytes) > (glong) max_chars)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TOO_LONG, path,
                          "longer than %u characters", max_chars);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
_yrs_api_expect_object (JsonNode   *node,
                        const char *path,
                        GError    **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED, path,
                          "an object is required");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, path,
                          "must be an object");
      return NULL;
    }
  return json_node_get_object (node);
}

/* The member's node in *node, NULL when absent or null (an error only
 * when `required`); otherwise it must be of `node_type` and, for a value,
 * hold a `value_type`, else "must be `must_be`". */
static gboolean
get_member (JsonObject    *object,
            const char    *path,
            const char    *member,
            gboolean       required,
            JsonNodeType   node_type,
            GType          value_type,
            const char    *must_be,
            JsonNode     **node,
            GError       **error)
{
  *node = json_object_get_member (object, member);
  if (*node == NULL || JSON_NODE_HOLDS_NULL (*node))
    {
      *node = NULL;
      if (!required)
        return TRUE;
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED, path,
                          "is required");
      return FALSE;
    }
  if (JSON_NODE_TYPE (*node) != node_type ||
      (node_type == JSON_NODE_VALUE && json_node_get_value_type (*node) != value_type))
    {
      *node = NULL;
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TYPE, path,
                          "must be %s", must_be);
      return FALSE;
    }
  return TRUE;
}

gboolean
_yrs_api_get_string (JsonObject  *object,
                     const char  *prefix,
                     const char  *member,
                     gboolean     required,
                     guint        max_chars,
                     char       **out,
                     GError     **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonNode *node;
  const char *text;

  *out = NULL;
  if (!get_member (object, path, member, required, JSON_NODE_VALUE, G_TYPE_STRING,
                   "a string", &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  text = json_node_get_string (node);
  if (!_yrs_api_check_text (text, strlen (text), path, max_chars, error))
    return FALSE;
  if (required && *text == '\0')
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED, path,
                          "must not be empty");
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

gboolean
_yrs_api_get_formatted (JsonObject  *object,
                        const char  *prefix,
                        const char  *member,
                        gboolean     required,
                        guint        max_chars,
                        gboolean   (*check) (const char *),
                        const char  *what,
                        char       **out,
                        GError     **error)
{
  g_autofree char *value = NULL;

  *out = NULL;
  if (!_yrs_api_get_string (object, prefix, member, required, max_chars,
                            &value, error))
    return FALSE;
  if (value != NULL && !check (value))
    {
      g_autofree char *path = _yrs_api_path (prefix, member);

      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, path,
                          "must be %s", what);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

gboolean
_yrs_api_get_int (JsonObject *object,
                  const char *prefix,
                  const char *member,
                  gboolean    required,
                  gint64      min,
                  gint64      max,
                  gint64     *out,
                  GError    **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonNode *node;
  gint64 value;

  *out = 0;
  if (!get_member (object, path, member, required, JSON_NODE_VALUE, G_TYPE_INT64,
                   "an integer", &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_RANGE, path,
                          "must be between %" G_GINT64_FORMAT " and %"
                          G_GINT64_FORMAT, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
_yrs_api_get_bool (JsonObject *object,
                   const char *prefix,
                   const char *member,
                   gboolean    required,
                   gboolean   *out,
                   GError    **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonNode *node;

  *out = FALSE;
  if (!get_member (object, path, member, required, JSON_NODE_VALUE, G_TYPE_BOOLEAN,
                   "true or false", &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_yrs_api_get_array (JsonObject *object,
                    const char *prefix,
                    const char *member,
                    gboolean    required,
                    guint       max_length,
                    JsonArray **out,
                    GError    **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonNode *node;

  *out = NULL;
  if (!get_member (object, path, member, required, JSON_NODE_ARRAY, G_TYPE_INVALID,
                   "an array", &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_array_get_length (json_node_get_array (node)) > max_length)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_TOO_LONG, path,
                          "more than %u items", max_length);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_yrs_api_get_object (JsonObject  *object,
                     const char  *prefix,
                     const char  *member,
                     gboolean     required,
                     JsonObject **out,
                     GError     **error)
{
  g_autofree char *path = _yrs_api_path (prefix, member);
  JsonNode *node;

  *out = NULL;
  if (!get_member (object, path, member, required, JSON_NODE_OBJECT, G_TYPE_INVALID,
                   "an object", &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_yrs_api_is_katakana (const char *text)
{
  gboolean any = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Full-width katakana (including ー and ・) and spaces. */
      if (c >= 0x30A1 && c <= 0x30FE)
        any = TRUE;
      else if (c != 0x3000 && c != ' ')
        return FALSE;
    }
  return any;
}

gboolean
_yrs_api_is_digits (const char *text,
                    guint       count)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return n == count;
}

gboolean
_yrs_api_is_phone (const char *text)
{
  guint digits = 0;

  if (*text == '-')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != '-' || p[1] == '-' || p[1] == '\0')
        return FALSE;
    }
  return digits == 10 || digits == 11;
}

gboolean
_yrs_api_is_postal_code (const char *text)
{
  if (strlen (text) == 8 && text[3] == '-')
    {
      char joined[8];

      memcpy (joined, text, 3);
      memcpy (joined + 3, text + 4, 4);
      joined[7] = '\0';
      return _yrs_api_is_digits (joined, 7);
    }
  return _yrs_api_is_digits (text, 7);
}

void
_yrs_api_set_nullable_string (JsonBuilder *builder,
                              const char  *member,
                              const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
