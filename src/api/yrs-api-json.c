/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-api"

#include "config.h"

#include <math.h>
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

/* A strict reading of RFC 8259 before json-glib 1.6 sees the text: its
 * GScanner takes 010 as octal 8, 0x10 as 16, a second document after the
 * first, 1e21 (stored back as text that is not JSON) and a 30-digit
 * integer (as -1), keeps the last of repeated members, and cuts a string
 * at an escaped NUL. Each of these is refused here, with the member's path
 * when there is one ("fields.count: …"), so that the answer names the
 * field. Nesting is limited to YRS_API_MAX_DEPTH (a megabyte of "[" must
 * not exhaust the stack), and "\uD800" escapes without their pair (which
 * json-glib turns into a leaked, broken string) are refused. */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  GString    *path;
  GError    **error;
} Lexer;

#define MAX_SAFE_DOUBLE 9007199254740992.0   /* 2^53 */

static gboolean
lex_fail (Lexer      *lx,
          int         code,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static gboolean
lex_fail (Lexer      *lx,
          int         code,
          const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  _yrs_api_set_error (lx->error, code, lx->path->len > 0 ? lx->path->str : "body",
                      "%s", text);
  return FALSE;
}

static void
lex_space (Lexer *lx)
{
  while (lx->pos < lx->length)
    {
      char c = lx->data[lx->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      lx->pos++;
    }
}

/* A string token; its text (escapes undone) in out when out is not NULL. */
static gboolean
lex_string (Lexer    *lx,
            GString  *out)
{
  lx->pos++;                                   /* the opening quote */
  while (lx->pos < lx->length)
    {
      guchar c = lx->data[lx->pos];

      if (c == '"')
        {
          lx->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                         "not JSON (a control character inside a string at byte %" G_GSIZE_FORMAT ")",
                         lx->pos);
      if (c != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, c);
          lx->pos++;
          continue;
        }
      if (lx->pos + 1 >= lx->length)
        break;
      c = lx->data[lx->pos + 1];
      if (c == 'u')
        {
          int unit = escape_unit (lx->data, lx->length, lx->pos);

          if (unit < 0)
            return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                             "not JSON (a bad \\u escape at byte %" G_GSIZE_FORMAT ")", lx->pos);
          if (unit == 0)
            return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT,
                             "holds a NUL character (\\u0000)");
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              int low = escape_unit (lx->data, lx->length, lx->pos + 6);

              if (low < 0xDC00 || low > 0xDFFF)
                return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                                 "a \\u escape names half a UTF-16 surrogate pair");
              if (out != NULL)
                g_string_append_unichar (out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
              lx->pos += 12;
              continue;
            }
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                             "a \\u escape names half a UTF-16 surrogate pair");
          if (out != NULL)
            g_string_append_unichar (out, unit);
          lx->pos += 6;
          continue;
        }
      if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                         "not JSON (a bad escape at byte %" G_GSIZE_FORMAT ")", lx->pos);
      if (out != NULL)
        g_string_append_c (out, c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r'
                                : c == 'b' ? '\b' : c == 'f' ? '\f' : c);
      lx->pos += 2;
    }
  return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED, "not JSON (an unterminated string)");
}

static gboolean
lex_number (Lexer *lx)
{
  gsize start = lx->pos;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (lx->data[lx->pos] == '-')
    lx->pos++;
  if (lx->pos < lx->length && lx->data[lx->pos] == '0')
    {
      lx->pos++;
      if (lx->pos < lx->length &&
          (g_ascii_isdigit (lx->data[lx->pos]) || lx->data[lx->pos] == 'x' ||
           lx->data[lx->pos] == 'X'))
        return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT,
                         "not a JSON number (no leading zeros, octal or hexadecimal)");
    }
  else if (lx->pos < lx->length && g_ascii_isdigit (lx->data[lx->pos]))
    {
      while (lx->pos < lx->length && g_ascii_isdigit (lx->data[lx->pos]))
        lx->pos++;
    }
  else
    return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "not a JSON number");

  if (lx->pos < lx->length && lx->data[lx->pos] == '.')
    {
      integer = FALSE;
      lx->pos++;
      if (lx->pos >= lx->length || !g_ascii_isdigit (lx->data[lx->pos]))
        return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "not a JSON number");
      while (lx->pos < lx->length && g_ascii_isdigit (lx->data[lx->pos]))
        lx->pos++;
    }
  if (lx->pos < lx->length && (lx->data[lx->pos] == 'e' || lx->data[lx->pos] == 'E'))
    {
      integer = FALSE;
      lx->pos++;
      if (lx->pos < lx->length && (lx->data[lx->pos] == '+' || lx->data[lx->pos] == '-'))
        lx->pos++;
      if (lx->pos >= lx->length || !g_ascii_isdigit (lx->data[lx->pos]))
        return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "not a JSON number");
      while (lx->pos < lx->length && g_ascii_isdigit (lx->data[lx->pos]))
        lx->pos++;
    }
  if (lx->pos < lx->length && (g_ascii_isalnum (lx->data[lx->pos]) || lx->data[lx->pos] == '.'))
    return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "not a JSON number");

  text = g_strndup (lx->data + start, lx->pos - start);
  if (integer)
    {
      gint64 value;

      /* 64-bit integers only: a 30-digit one is out of range, not -1. */
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return lex_fail (lx, YRS_API_DECODE_ERROR_RANGE, "an integer out of range");
    }
  else
    {
      double value = g_ascii_strtod (text, NULL);

      /* Beyond 2^53 a double is no longer exact, and json-glib writes
       * such values back as text that is not JSON (1e+21). */
      if (!isfinite (value) || fabs (value) >= MAX_SAFE_DOUBLE)
        return lex_fail (lx, YRS_API_DECODE_ERROR_RANGE, "a number out of range");
    }
  return TRUE;
}

static gboolean lex_value (Lexer *lx,
                           int    depth);

static gboolean
lex_object (Lexer *lx,
            int    depth)
{
  gsize path_length = lx->path->len;
  g_autoptr(GHashTable) seen = NULL;

  lx->pos++;
  lex_space (lx);
  if (lx->pos < lx->length && lx->data[lx->pos] == '}')
    {
      lx->pos++;
      return TRUE;
    }
  for (;;)
    {
      g_autoptr(GString) key = g_string_new (NULL);

      lex_space (lx);
      if (lx->pos >= lx->length || lx->data[lx->pos] != '"')
        return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                         "not JSON (a member name expected at byte %" G_GSIZE_FORMAT ")", lx->pos);
      if (!lex_string (lx, key))
        return FALSE;
      if (path_length > 0)
        g_string_append_c (lx->path, '.');
      g_string_append (lx->path, key->len > 0 ? key->str : "\"\"");
      if (seen == NULL)
        seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (seen, g_strdup (key->str)))
        return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "the member is repeated");
      lex_space (lx);
      if (lx->pos >= lx->length || lx->data[lx->pos] != ':')
        return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                         "not JSON (\":\" expected at byte %" G_GSIZE_FORMAT ")", lx->pos);
      lx->pos++;
      if (!lex_value (lx, depth))
        return FALSE;
      g_string_truncate (lx->path, path_length);
      lex_space (lx);
      if (lx->pos < lx->length && lx->data[lx->pos] == ',')
        {
          lx->pos++;
          continue;
        }
      if (lx->pos < lx->length && lx->data[lx->pos] == '}')
        {
          lx->pos++;
          return TRUE;
        }
      return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                       "not JSON (\",\" or \"}\" expected at byte %" G_GSIZE_FORMAT ")", lx->pos);
    }
}

static gboolean
lex_array (Lexer *lx,
           int    depth)
{
  gsize path_length = lx->path->len;
  guint index = 0;

  lx->pos++;
  lex_space (lx);
  if (lx->pos < lx->length && lx->data[lx->pos] == ']')
    {
      lx->pos++;
      return TRUE;
    }
  for (;;)
    {
      g_string_append_printf (lx->path, "[%u]", index++);
      if (!lex_value (lx, depth))
        return FALSE;
      g_string_truncate (lx->path, path_length);
      lex_space (lx);
      if (lx->pos < lx->length && lx->data[lx->pos] == ',')
        {
          lx->pos++;
          continue;
        }
      if (lx->pos < lx->length && lx->data[lx->pos] == ']')
        {
          lx->pos++;
          return TRUE;
        }
      return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                       "not JSON (\",\" or \"]\" expected at byte %" G_GSIZE_FORMAT ")", lx->pos);
    }
}

static gboolean
lex_literal (Lexer      *lx,
             const char *word)
{
  gsize n = strlen (word);

  if (lx->length - lx->pos < n || memcmp (lx->data + lx->pos, word, n) != 0)
    return FALSE;
  lx->pos += n;
  return TRUE;
}

static gboolean
lex_value (Lexer *lx,
           int    depth)
{
  char c;

  lex_space (lx);
  if (lx->pos >= lx->length)
    return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED, "not JSON (it ends early)");
  c = lx->data[lx->pos];
  switch (c)
    {
    case '{':
    case '[':
      if (depth + 1 > YRS_API_MAX_DEPTH)
        {
          _yrs_api_set_error (lx->error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                              "nested deeper than %d levels", YRS_API_MAX_DEPTH);
          return FALSE;
        }
      return c == '{' ? lex_object (lx, depth + 1) : lex_array (lx, depth + 1);

    case '"':
      return lex_string (lx, NULL);

    case 't':
    case 'f':
    case 'n':
      if (lex_literal (lx, "true") || lex_literal (lx, "false") || lex_literal (lx, "null"))
        {
          if (lx->pos < lx->length && g_ascii_isalnum (lx->data[lx->pos]))
            break;
          return TRUE;
        }
      break;

    default:
      if (c == '-' || g_ascii_isdigit (c))
        return lex_number (lx);
      if (c == '+' || c == '.')
        return lex_fail (lx, YRS_API_DECODE_ERROR_FORMAT, "not a JSON number");
      break;
    }
  return lex_fail (lx, YRS_API_DECODE_ERROR_MALFORMED,
                   "not JSON (unexpected text at byte %" G_GSIZE_FORMAT ")", lx->pos);
}

static gboolean
check_strict (const char *data,
              gsize       length,
              GError    **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Lexer lx = { data, length, 0, path, error };

  if (!lex_value (&lx, 0))
    return FALSE;
  lex_space (&lx);
  if (lx.pos != length)
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_MALFORMED, "body",
                          "more than one JSON value (trailing text at byte %" G_GSIZE_FORMAT ")",
                          lx.pos);
      return FALSE;
    }
  return TRUE;
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
  if (!check_strict (data, len, error))
    return NULL;

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
  YrsDate date;

  /* Year 1 or 9999 is a typing slip or a probe, never a date of this
   * service (births, due dates, slots). */
  return yrs_date_parse_iso (text, &date, NULL) &&
         date.year >= YRS_API_MIN_YEAR && date.year <= YRS_API_MAX_YEAR;
}

gboolean
_yrs_api_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000 && c != 0x200B && c != 0xFEFF)
        return FALSE;
    }
  return TRUE;
}

gboolean
_yrs_api_is_plain_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* C0 (CR, LF and tab among them), DEL and C1 controls; the
       * bidirectional marks, embeddings, overrides and isolates, with
       * which a name displays as another (U+202E). */
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
          c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
          (c >= 0x2066 && c <= 0x2069) || c == 0x061C)
        return FALSE;
    }
  return TRUE;
}

gboolean
_yrs_api_check_line (const char *text,
                     const char *path,
                     GError    **error)
{
  if (text == NULL)
    return TRUE;
  if (_yrs_api_is_blank (text))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_REQUIRED, path,
                          "must not be only spaces");
      return FALSE;
    }
  if (!_yrs_api_is_plain_line (text))
    {
      _yrs_api_set_error (error, YRS_API_DECODE_ERROR_FORMAT, path,
                          "holds a control or text-direction character");
      return FALSE;
    }
  return TRUE;
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
