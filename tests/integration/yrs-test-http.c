/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-test-http"

#include "config.h"

#include <string.h>

#include "yrs-test-http.h"

YrsTestReply *
yrs_test_http (SoupSession        *session,
               const char         *method,
               const char         *url,
               const char         *token,
               const char         *key,
               const char         *content_type,
               const char         *body,
               gssize              body_length,
               const char * const *extra_headers)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  YrsTestReply *reply;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  for (guint i = 0; extra_headers != NULL && extra_headers[i] != NULL; i += 2)
    soup_message_headers_replace (headers, extra_headers[i], extra_headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length < 0 ? strlen (body)
                                                                   : (gsize) body_length);

      soup_message_set_request_body_from_bytes (msg, content_type != NULL ? content_type
                                                                          : "application/json",
                                                bytes);
    }

  reply = g_new0 (YrsTestReply, 1);
  reply->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return reply;
}

void
yrs_test_reply_free (YrsTestReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

const char *
yrs_test_reply_text (YrsTestReply *reply)
{
  gsize length;
  const char *data = g_bytes_get_data (reply->body, &length);

  /* Make sure of a NUL after the data. */
  if (data == NULL || length == 0)
    return "";
  if (data[length - 1] != '\0')
    {
      GByteArray *array = g_byte_array_sized_new (length + 1);

      g_byte_array_append (array, (const guint8 *) data, length);
      g_byte_array_append (array, (const guint8 *) "", 1);
      g_bytes_unref (reply->body);
      reply->body = g_byte_array_free_to_bytes (array);
      data = g_bytes_get_data (reply->body, NULL);
    }
  return data;
}
