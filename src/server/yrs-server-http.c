/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server's own HTTP/1.1 connections, in place of SoupServer.
 *
 * libsoup 3.2.3 (Debian 12) keeps every keep-alive connection that the
 * client closes in CLOSE-WAIT for ever (fixed only in 3.3), reads a
 * declared body into memory whatever its size, answers "Expect:
 * 100-continue" before the handler can refuse, lets the last of repeated
 * headers win and has no header or body timeouts. So the server accepts
 * and reads its connections itself, on the main context:
 *
 *  - the request head is read with a size limit (16 KiB, else 431) and a
 *    deadline counted from the connection's start or, on a kept-alive
 *    connection, from the request's first byte (408, then close); an idle
 *    kept-alive connection is closed after the idle timeout;
 *  - the head is parsed by libsoup's own parser (soup_headers_parse_request),
 *    then checked: repeated Content-Length, Content-Type, Authorization,
 *    Idempotency-Key, Host, Expect or X-Request-Id are a 400 naming the
 *    header; Transfer-Encoding gets 411 (every client sends a length);
 *  - a Content-Length over the limit gets 413 at once, without 100
 *    Continue and without reading the body; an acceptable one is read
 *    against the body deadline (408 when it does not come);
 *  - a client's EOF while the connection waits for the next request closes
 *    it at once;
 *  - after a refusal the connection shuts down its sending side and reads
 *    and drops what the client still sends, for a few seconds at most, so
 *    that the client reads its 413 rather than a reset.
 *
 * Nothing of a request is kept longer than its answer; one connection
 * costs its 16 KiB read buffer and at most one body. */

#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <libsoup/soup.h>
#include <sodium.h>

#include "yrs-server-private.h"

#define MAX_HEAD_BYTES   (16 * 1024)
#define READ_CHUNK       (16 * 1024)
#define LINGER_MS        3000
#define LINGER_BYTES     (64 * 1024 * 1024)

typedef enum
{
  CONN_READ_HEAD,
  CONN_READ_BODY,
  CONN_DISPATCHED,
  CONN_WRITING,
  CONN_LINGER,
  CONN_CLOSED,
} ConnState;

struct _YrsHttp
{
  YrsHttpLimits    limits;
  GSocket         *listener;
  GSource         *accept_source;
  GTlsCertificate *certificate;
  GHashTable      *conns;          /* YrsHttpConn set */
  YrsHttpDispatch  dispatch;
  YrsHttpLog       log;
  gpointer         user_data;
  guint            n_accepted;
};

struct _YrsHttpConn
{
  gint               ref_count;
  YrsHttp           *http;
  GSocketConnection *connection;
  GIOStream         *stream;        /* the connection or its TLS layer */
  GCancellable      *cancellable;
  ConnState          state;
  GByteArray        *buf;           /* read, not yet used */
  guint8            *chunk;
  gboolean           reading;
  gboolean           served_one;    /* a request was answered */
  GSource           *deadline;
  gsize              lingered;
  char              *remote;

  /* The request being read or served */
  gint64             started;
  gsize              head_length;
  gsize              body_length;
  gboolean           keep_alive;
  gboolean           continue_sent;
  char              *method;
  char              *target;
  SoupMessageHeaders *headers;
  char              *request_id;
  GBytes            *out;
  guint              status;
  char              *route;
};

static void conn_advance (YrsHttpConn *conn);
static void conn_read_more (YrsHttpConn *conn);
static void conn_close (YrsHttpConn *conn);

static YrsHttpConn *
conn_ref (YrsHttpConn *conn)
{
  g_atomic_int_inc (&conn->ref_count);
  return conn;
}

static void
conn_reset_request (YrsHttpConn *conn)
{
  g_clear_pointer (&conn->method, g_free);
  g_clear_pointer (&conn->target, g_free);
  g_clear_pointer (&conn->headers, soup_message_headers_unref);
  g_clear_pointer (&conn->request_id, g_free);
  g_clear_pointer (&conn->out, g_bytes_unref);
  g_clear_pointer (&conn->route, g_free);
  conn->head_length = 0;
  conn->body_length = 0;
  conn->continue_sent = FALSE;
  conn->status = 0;
  conn->started = 0;
}

static void
conn_unref (YrsHttpConn *conn)
{
  if (!g_atomic_int_dec_and_test (&conn->ref_count))
    return;
  g_assert (conn->deadline == NULL);
  conn_reset_request (conn);
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->stream);
  g_clear_object (&conn->connection);
  if (conn->buf != NULL)
    {
      sodium_memzero (conn->buf->data, conn->buf->len);
      g_byte_array_unref (conn->buf);
    }
  g_free (conn->chunk);
  g_free (conn->remote);
  g_free (conn);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsHttpConn, conn_unref)

/* Deadlines */

static gboolean
deadline_fired (gpointer data)
{
  YrsHttpConn *conn = data;

  g_clear_pointer (&conn->deadline, g_source_unref);
  switch (conn->state)
    {
    case CONN_READ_HEAD:
    case CONN_READ_BODY:
      /* Part of a request came and the rest did not: say so, then close.
       * A connection that sent nothing is closed without a word. */
      if (conn->state == CONN_READ_BODY || conn->buf->len > 0)
        {
          _yrs_http_conn_respond (conn,
                                  _yrs_response_new_error (408, YRS_API_PROBLEM_BAD_REQUEST,
                                                           "Request timeout",
                                                           "The request did not arrive in time."),
                                  NULL, TRUE);
          return G_SOURCE_REMOVE;
        }
      conn_close (conn);
      break;

    case CONN_WRITING:
    case CONN_LINGER:
      conn_close (conn);
      break;

    case CONN_DISPATCHED:
    case CONN_CLOSED:
    default:
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
conn_clear_deadline (YrsHttpConn *conn)
{
  if (conn->deadline != NULL)
    {
      g_source_destroy (conn->deadline);
      g_clear_pointer (&conn->deadline, g_source_unref);
    }
}

static void
conn_set_deadline (YrsHttpConn *conn,
                   guint        ms)
{
  conn_clear_deadline (conn);
  conn->deadline = g_timeout_source_new (ms);
  /* The source holds no reference: closing the connection destroys it. */
  g_source_set_callback (conn->deadline, deadline_fired, conn, NULL);
  g_source_attach (conn->deadline, NULL);
}

/* Closing */

static void
conn_close (YrsHttpConn *conn)
{
  YrsHttp *http = conn->http;

  if (conn->state == CONN_CLOSED)
    return;
  conn->state = CONN_CLOSED;
  conn_clear_deadline (conn);
  g_cancellable_cancel (conn->cancellable);
  /* Closing the underlying socket at once, whatever is pending: the
   * descriptor is given back now, not when the last callback has run. */
  g_socket_close (g_socket_connection_get_socket (conn->connection), NULL);
  if (http != NULL)
    g_hash_table_remove (http->conns, conn);   /* drops the set's reference */
}

static void
conn_linger (YrsHttpConn *conn)
{
  GSocket *socket = g_socket_connection_get_socket (conn->connection);

  /* Over TLS a half-close is not worth having: just close. */
  if (conn->stream != G_IO_STREAM (conn->connection) ||
      !g_socket_shutdown (socket, FALSE, TRUE, NULL))
    {
      conn_close (conn);
      return;
    }
  conn->state = CONN_LINGER;
  conn->lingered = 0;
  g_byte_array_set_size (conn->buf, 0);
  conn_set_deadline (conn, LINGER_MS);
  conn_read_more (conn);
}

/* Reading */

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(YrsHttpConn) conn = data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  conn->reading = FALSE;
  if (conn->state == CONN_CLOSED)
    return;
  if (n <= 0)
    {
      /* EOF or an error: the client is gone (or sent half a request). */
      conn_close (conn);
      return;
    }
  if (conn->state == CONN_LINGER)
    {
      conn->lingered += n;
      if (conn->lingered > LINGER_BYTES)
        conn_close (conn);
      else
        conn_read_more (conn);
      return;
    }
  if (conn->state == CONN_READ_HEAD && conn->buf->len == 0 && conn->served_one)
    {
      /* The first byte of a request on a kept-alive connection: from now
       * the head must come within the header timeout. */
      conn_set_deadline (conn, conn->http->limits.header_timeout_ms);
    }
  g_byte_array_append (conn->buf, conn->chunk, n);
  conn_advance (conn);
}

static void
conn_read_more (YrsHttpConn *conn)
{
  if (conn->reading || conn->state == CONN_CLOSED)
    return;
  conn->reading = TRUE;
  g_input_stream_read_async (g_io_stream_get_input_stream (conn->stream),
                             conn->chunk, READ_CHUNK, G_PRIORITY_DEFAULT,
                             conn->cancellable, read_done, conn_ref (conn));
}

/* Writing */

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(YrsHttpConn) conn = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result,
                                                  NULL, &error);
  YrsHttp *http = conn->http;

  if (conn->state == CONN_CLOSED)
    return;

  if (conn->state == CONN_READ_BODY)
    {
      /* That was "100 Continue". */
      if (!ok)
        conn_close (conn);
      else
        conn_advance (conn);
      return;
    }

  if (http != NULL && http->log != NULL && conn->method != NULL)
    http->log (conn->method, conn->route, conn->target, conn->status,
               (g_get_monotonic_time () - conn->started) / 1000.0,
               conn->request_id, http->user_data);

  if (!ok)
    {
      conn_close (conn);
      return;
    }
  if (!conn->keep_alive)
    {
      conn_reset_request (conn);
      conn_linger (conn);
      return;
    }
  conn_reset_request (conn);
  conn->served_one = TRUE;
  conn->state = CONN_READ_HEAD;
  conn_set_deadline (conn, conn->buf->len > 0 ? http->limits.header_timeout_ms
                                              : http->limits.idle_timeout_ms);
  conn_advance (conn);
}

static void
conn_write (YrsHttpConn *conn,
            GBytes      *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->stream),
                                   data, length, G_PRIORITY_DEFAULT,
                                   conn->cancellable, write_done, conn_ref (conn));
}

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

static char *
make_request_id (const char *given)
{
  guint8 raw[8];
  char hex[17];
  gsize n = 0;

  if (given != NULL)
    {
      for (const char *p = given; *p != '\0'; p++, n++)
        if (!is_token_char (*p))
          {
            n = 0;
            break;
          }
      if (n >= 1 && n <= 64)
        return g_strdup (given);
    }
  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strdup (hex);
}

void
_yrs_http_conn_respond (YrsHttpConn *conn,
                        YrsResponse *response,
                        const char  *route,
                        gboolean     close)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  const char *phrase = soup_status_get_phrase (response->status);
  gboolean head = g_strcmp0 (conn->method, "HEAD") == 0;
  gboolean with_body = response->status != 204 && response->status != 304;
  gsize length = 0;
  const char *data = NULL;

  if (conn->state == CONN_CLOSED)
    {
      _yrs_response_free (response);
      return;
    }
  conn_clear_deadline (conn);
  if (close)
    conn->keep_alive = FALSE;
  if (conn->request_id == NULL)
    conn->request_id = make_request_id (NULL);
  if (conn->started == 0)
    conn->started = g_get_monotonic_time ();
  g_free (conn->route);
  conn->route = g_strdup (route);
  conn->status = response->status;

  if (response->body != NULL && with_body)
    data = g_bytes_get_data (response->body, &length);

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", response->status,
                          phrase != NULL && *phrase != '\0' ? phrase : "Unknown");
  g_string_append_printf (out, "Date: %s\r\n", date);
  g_string_append (out, "Server: yorisoi-server/" PACKAGE_VERSION "\r\n");
  g_string_append (out, "Cache-Control: no-store\r\n");
  g_string_append_printf (out, "X-Request-Id: %s\r\n", conn->request_id);
  for (guint i = 0; i + 1 < response->headers->len; i += 2)
    g_string_append_printf (out, "%s: %s\r\n",
                            (const char *) g_ptr_array_index (response->headers, i),
                            (const char *) g_ptr_array_index (response->headers, i + 1));
  if (with_body)
    {
      if (data != NULL && response->content_type != NULL)
        g_string_append_printf (out, "Content-Type: %s\r\n", response->content_type);
      g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n", length);
    }
  g_string_append (out, conn->keep_alive ? "Connection: keep-alive\r\n"
                                         : "Connection: close\r\n");
  g_string_append (out, "\r\n");
  if (data != NULL && !head)
    g_string_append_len (out, data, length);

  _yrs_response_free (response);
  g_clear_pointer (&conn->out, g_bytes_unref);
  conn->out = g_bytes_new (out->str, out->len);
  conn->state = CONN_WRITING;
  conn_set_deadline (conn, conn->http->limits.write_timeout_ms);
  conn_write (conn, conn->out);
}

static void
refuse (YrsHttpConn *conn,
        guint        status,
        const char  *header,
        const char  *code,
        const char  *detail)
{
  g_autoptr(YrsApiProblem) problem = NULL;
  const char *type = status == 413 ? YRS_API_PROBLEM_PAYLOAD_TOO_LARGE : YRS_API_PROBLEM_BAD_REQUEST;

  problem = yrs_api_problem_new_full (status, type, soup_status_get_phrase (status), detail);
  if (header != NULL)
    g_ptr_array_add (problem->errors, yrs_api_field_error_new (header, code));
  _yrs_http_conn_respond (conn, _yrs_response_new_problem (problem), NULL, TRUE);
}

/* The headers that must come at most once: with two of them, which one
 * the server and a proxy in front of it believe is anyone's guess. */
static const char * const single_headers[] = {
  "Content-Length", "Content-Type", "Authorization", "Idempotency-Key",
  "Host", "Expect", "X-Request-Id", "Transfer-Encoding", "Connection",
  NULL
};

typedef struct
{
  guint       counts[G_N_ELEMENTS (single_headers)];
  gboolean    bad_value;
} HeaderCheck;

static void
count_header (const char *name,
              const char *value,
              gpointer    data)
{
  HeaderCheck *check = data;

  for (guint i = 0; single_headers[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, single_headers[i]) == 0)
      check->counts[i]++;
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      check->bad_value = TRUE;
}

static gboolean
parse_length (const char *text,
              gsize      *out)
{
  gsize n = strlen (text);
  guint64 value;

  if (n == 0 || n > 15 || strspn (text, "0123456789") != n)
    return FALSE;
  value = g_ascii_strtoull (text, NULL, 10);
  *out = value;
  return TRUE;
}

/* Takes the head apart; FALSE when it has answered (and will close). */
static gboolean
conn_parse_head (YrsHttpConn *conn,
                 gsize        head_length)
{
  const char *head = (const char *) conn->buf->data;
  SoupHTTPVersion version = SOUP_HTTP_1_1;
  HeaderCheck check = { { 0 } };
  const char *connection;
  const char *length_text;
  const char *expect;
  guint status;

  conn->started = g_get_monotonic_time ();
  conn->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (memchr (head, '\0', head_length) != NULL)
    {
      refuse (conn, 400, NULL, NULL, "The request head holds a NUL byte.");
      return FALSE;
    }
  status = soup_headers_parse_request (head, head_length, conn->headers,
                                       &conn->method, &conn->target, &version);
  if (status != SOUP_STATUS_OK)
    {
      g_clear_pointer (&conn->method, g_free);
      g_clear_pointer (&conn->target, g_free);
      refuse (conn, status == SOUP_STATUS_HTTP_VERSION_NOT_SUPPORTED ? 505 : 400,
              NULL, NULL, "The request head is not HTTP/1.1.");
      return FALSE;
    }
  conn->request_id = make_request_id (soup_message_headers_get_one (conn->headers,
                                                                    "X-Request-Id"));

  connection = soup_message_headers_get_one (conn->headers, "Connection");
  if (version == SOUP_HTTP_1_0)
    conn->keep_alive = connection != NULL && g_ascii_strcasecmp (connection, "keep-alive") == 0;
  else
    conn->keep_alive = connection == NULL || g_ascii_strcasecmp (connection, "close") != 0;

  if (conn->target[0] != '/')
    {
      refuse (conn, 400, NULL, NULL, "The request target must be a path.");
      return FALSE;
    }

  soup_message_headers_foreach (conn->headers, count_header, &check);
  for (guint i = 0; single_headers[i] != NULL; i++)
    if (check.counts[i] > 1)
      {
        g_autofree char *detail = g_strdup_printf ("%s: the header is repeated.",
                                                   single_headers[i]);

        refuse (conn, 400, single_headers[i], "repeated", detail);
        return FALSE;
      }
  if (check.bad_value)
    {
      refuse (conn, 400, NULL, NULL, "A header value holds a control character.");
      return FALSE;
    }
  if (soup_message_headers_get_one (conn->headers, "Transfer-Encoding") != NULL)
    {
      refuse (conn, 411, "Transfer-Encoding", "unsupported",
              "Transfer-Encoding: send the body with a Content-Length.");
      return FALSE;
    }

  length_text = soup_message_headers_get_one (conn->headers, "Content-Length");
  conn->body_length = 0;
  if (length_text != NULL && !parse_length (length_text, &conn->body_length))
    {
      refuse (conn, 400, "Content-Length", "format",
              "Content-Length: not a length in bytes.");
      return FALSE;
    }
  if (conn->body_length > conn->http->limits.max_body)
    {
      /* Refused before a byte of it is read, and without 100 Continue. */
      g_autofree char *detail =
        g_strdup_printf ("Content-Length: request bodies are limited to %" G_GSIZE_FORMAT " bytes.",
                         conn->http->limits.max_body);

      refuse (conn, 413, "Content-Length", "too_large", detail);
      return FALSE;
    }

  expect = soup_message_headers_get_one (conn->headers, "Expect");
  if (expect != NULL && g_ascii_strcasecmp (expect, "100-continue") != 0)
    {
      refuse (conn, 417, "Expect", "unsupported", "Expect: only 100-continue is known.");
      return FALSE;
    }
  conn->continue_sent = expect == NULL;   /* nothing to send */
  conn->head_length = head_length;
  return TRUE;
}

/* Finds the end of the head: the offset after "\r\n\r\n", or 0. */
static gsize
find_head_end (const guint8 *data,
               gsize         length)
{
  const guint8 *end = memmem (data, length, "\r\n\r\n", 4);

  return end != NULL ? (gsize) (end - data) + 4 : 0;
}

static void
conn_dispatch (YrsHttpConn *conn)
{
  YrsHttp *http = conn->http;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  const char *query;
  YrsHttpRequest request = { 0 };

  body = g_bytes_new (conn->buf->data + conn->head_length, conn->body_length);
  sodium_memzero (conn->buf->data, conn->head_length + conn->body_length);
  g_byte_array_remove_range (conn->buf, 0, conn->head_length + conn->body_length);

  query = strchr (conn->target, '?');
  path = query != NULL ? g_strndup (conn->target, query - conn->target) : g_strdup (conn->target);
  if (query != NULL)
    query++;

  conn->state = CONN_DISPATCHED;
  conn_clear_deadline (conn);

  request.method = conn->method;
  request.path = path;
  request.query = query;
  request.headers = conn->headers;
  request.body = body;
  request.remote = conn->remote;
  request.request_id = conn->request_id;
  http->dispatch (conn, &request, http->user_data);
}

static void
conn_advance (YrsHttpConn *conn)
{
  YrsHttp *http = conn->http;

  if (conn->state == CONN_READ_HEAD)
    {
      gsize end;

      /* Blank lines between requests are allowed (RFC 9112, 2.2). */
      while (conn->buf->len > 0 && (conn->buf->data[0] == '\r' || conn->buf->data[0] == '\n'))
        g_byte_array_remove_index (conn->buf, 0);

      end = find_head_end (conn->buf->data, MIN (conn->buf->len, MAX_HEAD_BYTES));
      if (end == 0)
        {
          if (conn->buf->len >= MAX_HEAD_BYTES)
            {
              refuse (conn, 431, NULL, NULL, "The request head is larger than 16 KiB.");
              return;
            }
          conn_read_more (conn);
          return;
        }
      if (!conn_parse_head (conn, end))
        return;
      conn->state = CONN_READ_BODY;
      conn_set_deadline (conn, http->limits.body_timeout_ms);
    }

  if (conn->state == CONN_READ_BODY)
    {
      if (conn->buf->len >= conn->head_length + conn->body_length)
        {
          conn_dispatch (conn);
          return;
        }
      if (!conn->continue_sent)
        {
          static const char continue_line[] = "HTTP/1.1 100 Continue\r\n\r\n";
          g_autoptr(GBytes) bytes = g_bytes_new_static (continue_line, sizeof continue_line - 1);

          conn->continue_sent = TRUE;
          g_clear_pointer (&conn->out, g_bytes_unref);
          conn->out = g_bytes_ref (bytes);
          conn_write (conn, conn->out);
          return;
        }
      conn_read_more (conn);
    }
}

/* Accepting */

static void
conn_start (YrsHttp           *http,
            GSocketConnection *connection)
{
  YrsHttpConn *conn = g_new0 (YrsHttpConn, 1);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  conn->ref_count = 1;           /* the set's */
  conn->http = http;
  conn->connection = connection;
  conn->cancellable = g_cancellable_new ();
  conn->buf = g_byte_array_new ();
  conn->chunk = g_malloc (READ_CHUNK);
  conn->state = CONN_READ_HEAD;
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    conn->remote = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  else
    conn->remote = g_strdup ("unknown");

  if (http->certificate != NULL)
    {
      g_autoptr(GError) error = NULL;
      GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection),
                                                    http->certificate, &error);

      if (tls == NULL)
        {
          g_warning ("TLS: %s", error->message);
          g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
          conn->state = CONN_CLOSED;
          conn_unref (conn);
          return;
        }
      conn->stream = tls;
    }
  else
    conn->stream = g_object_ref (G_IO_STREAM (connection));

  g_hash_table_add (http->conns, conn);
  /* A new connection has the header timeout for its first request
   * (including a TLS handshake). */
  conn_set_deadline (conn, http->limits.header_timeout_ms);
  conn_read_more (conn);
}

static gboolean
resume_accepting (gpointer data)
{
  YrsHttp *http = data;

  g_source_attach (http->accept_source, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready (GSocket      *listener,
              GIOCondition  condition,
              gpointer      data)
{
  YrsHttp *http = data;

  for (int i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          /* Out of descriptors (EMFILE) or the like: stop taking
           * connections for a moment instead of spinning on the error. */
          g_message ("accept: %s; pausing for 100 ms", error->message);
          {
            GSource *source = g_steal_pointer (&http->accept_source);

            g_source_destroy (source);
            g_source_unref (source);
            http->accept_source = g_socket_create_source (listener, G_IO_IN, NULL);
            g_source_set_callback (http->accept_source, (GSourceFunc) (GCallback) accept_ready,
                                   http, NULL);
            g_timeout_add_once (100, (GSourceOnceFunc) (GCallback) resume_accepting, http);
          }
          return G_SOURCE_REMOVE;
        }
      if (g_hash_table_size (http->conns) >= http->limits.max_connections)
        {
          /* Full: the newcomer is closed at once (the kernel's backlog
           * would only keep it waiting without an answer). */
          g_socket_close (socket, NULL);
          continue;
        }
      g_socket_set_blocking (socket, FALSE);
      g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      http->n_accepted++;
      conn_start (http, g_socket_connection_factory_create_connection (socket));
    }
  return G_SOURCE_CONTINUE;
}

static void
conn_detach (gpointer data)
{
  YrsHttpConn *conn = data;

  conn->http = NULL;
  conn_unref (conn);
}

YrsHttp *
_yrs_http_new (GSocket             *listener,
               GTlsCertificate     *certificate,
               const YrsHttpLimits *limits,
               YrsHttpDispatch      dispatch,
               YrsHttpLog           log,
               gpointer             user_data)
{
  YrsHttp *http = g_new0 (YrsHttp, 1);

  http->limits = *limits;
  http->listener = g_object_ref (listener);
  http->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  http->conns = g_hash_table_new_full (NULL, NULL, conn_detach, NULL);
  http->dispatch = dispatch;
  http->log = log;
  http->user_data = user_data;
  g_socket_set_blocking (listener, FALSE);
  http->accept_source = g_socket_create_source (listener, G_IO_IN, NULL);
  g_source_set_callback (http->accept_source, (GSourceFunc) (GCallback) accept_ready,
                         http, NULL);
  g_source_attach (http->accept_source, NULL);
  return http;
}

void
_yrs_http_free (YrsHttp *http)
{
  GHashTableIter iter;
  gpointer key;

  if (http == NULL)
    return;
  if (http->accept_source != NULL)
    {
      g_source_destroy (http->accept_source);
      g_source_unref (http->accept_source);
    }
  g_hash_table_iter_init (&iter, http->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      YrsHttpConn *conn = key;

      conn->state = CONN_CLOSED;
      conn_clear_deadline (conn);
      g_cancellable_cancel (conn->cancellable);
      g_socket_close (g_socket_connection_get_socket (conn->connection), NULL);
    }
  g_hash_table_unref (http->conns);
  g_socket_close (http->listener, NULL);
  g_object_unref (http->listener);
  g_clear_object (&http->certificate);
  g_free (http);
}

guint
_yrs_http_get_n_connections (YrsHttp *http)
{
  return g_hash_table_size (http->conns);
}

YrsHttpConn *
_yrs_http_conn_ref (YrsHttpConn *conn)
{
  return conn_ref (conn);
}

void
_yrs_http_conn_unref (YrsHttpConn *conn)
{
  conn_unref (conn);
}
