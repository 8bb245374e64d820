/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-api-private.h: field readers shared by the decoders. Each reads one
 * member of an object, checks it, and on failure sets a
 * YRS_API_DECODE_ERROR whose message starts with "<prefix>.<member>: ". */

#pragma once

#include "yrs-api.h"

G_BEGIN_DECLS

/* "prefix.member", or "member" when prefix is NULL or empty. */
char     *_yrs_api_path          (const char  *prefix,
                                  const char  *member);
void      _yrs_api_set_error     (GError     **error,
                                  int          code,
                                  const char  *path,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (4, 5);

JsonObject *_yrs_api_expect_object (JsonNode  *node,
                                    const char *path,
                                    GError   **error);

/* A string member. max_chars counts characters. On success *out is a new
 * string, or NULL for an absent optional member. */
gboolean  _yrs_api_get_string    (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  guint        max_chars,
                                  char       **out,
                                  GError     **error);
/* A string member checked with a format function. */
gboolean  _yrs_api_get_formatted (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  guint        max_chars,
                                  gboolean   (*check) (const char *),
                                  const char  *what,
                                  char       **out,
                                  GError     **error);
gboolean  _yrs_api_get_int       (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  gint64       min,
                                  gint64       max,
                                  gint64      *out,
                                  GError     **error);
gboolean  _yrs_api_get_bool      (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  gboolean    *out,
                                  GError     **error);
/* An array member; *out is borrowed, NULL for an absent optional one. */
gboolean  _yrs_api_get_array     (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  guint        max_length,
                                  JsonArray  **out,
                                  GError     **error);
/* An object member; *out is borrowed, NULL for an absent optional one. */
gboolean  _yrs_api_get_object    (JsonObject  *object,
                                  const char  *prefix,
                                  const char  *member,
                                  gboolean     required,
                                  JsonObject **out,
                                  GError     **error);

/* Validates a decoded string: UTF-8, no NUL, at most max_chars. */
gboolean  _yrs_api_check_text    (const char  *text,
                                  gsize        bytes,
                                  const char  *path,
                                  guint        max_chars,
                                  GError     **error);

gboolean  _yrs_api_is_katakana   (const char  *text);
gboolean  _yrs_api_is_phone      (const char  *text);
gboolean  _yrs_api_is_digits     (const char  *text,
                                  guint        count);
gboolean  _yrs_api_is_postal_code (const char *text);

void      _yrs_api_set_nullable_string (JsonBuilder *builder,
                                        const char  *member,
                                        const char  *value);

/* Only white space (U+3000 and zero-width ones included). */
gboolean    _yrs_api_is_blank            (const char   *text);
/* No control characters (CR, LF, tab…) and no text-direction controls
 * (U+202E…): a single line a person typed. */
gboolean    _yrs_api_is_plain_line       (const char   *text);
/* Both, as a decode error at path (NULL text passes). */
gboolean    _yrs_api_check_line          (const char   *text,
                                          const char   *path,
                                          GError      **error);

G_END_DECLS
