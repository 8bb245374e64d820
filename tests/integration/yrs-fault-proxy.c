/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A small HTTP/1.1 proxy for tests that breaks requests on purpose: between
 * the sync engine and yorisoi-server it answers 500, 503 or 429 itself,
 * resets connections, stalls, truncates or corrupts answers, or drips them.
 * toxiproxy is not packaged in Debian 12; this does what the tests need.
 *
 * Each client connection is served by a blocking handler in a thread of a
 * GThreadedSocketService; each request goes to the server on a connection
 * of its own ("Connection: close"), so the answer is complete before a
 * fault is applied to it. The accept loop runs in a thread with its own
 * main context, so the proxy serves while the test's main loop is busy or
 * not running at all. */

#define G_LOG_DOMAIN "yrs-fault-proxy"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "yrs-fault-proxy.h"

#define MAX_HEAD_BYTES (64 * 1024)
#define MAX_BODY_BYTES (256 * 1024 * 1024)

static const char *fault_names[YRS_FAULT_N] = {
  "none", "500", "503", "429", "reset-request", "reset-response",
  "stall", "truncate", "corrupt-json", "drip",
};

/* What the handler threads share; it outlives the GObject while a handler
 * still runs (the service holds a reference through the signal closure). */
typedef struct
{
  GMutex        mutex;
  GCond         cond;
  GCancellable *cancellable;
  gboolean      stopped;
  guint         n_active;

  char         *upstream_host;
  guint16       upstream_port;

  YrsFault      fault;
  gboolean      random;
  GRand        *rand;
  guint         weights[YRS_FAULT_N];
  GQueue        queue;
  YrsFaultScope scope;
  char         *path_prefix;
  guint         retry_after;
  guint         drip_pieces;
  guint         drip_delay_ms;

  guint         n_requests;
  guint         n_connections;
  guint         counts[YRS_FAULT_N];
} ProxyState;

struct _YrsFaultProxy
{
  GObject         parent_instance;

  ProxyState     *state;
  GSocket        *listen_socket;
  guint16         port;
  char           *url;

  GMainContext   *context;
  GMainLoop      *loop;
  GThread        *thread;
  GSocketService *service;
};

G_DEFINE_FINAL_TYPE (YrsFaultProxy, yrs_fault_proxy, G_TYPE_OBJECT)

static void
proxy_state_clear (ProxyState *state)
{
  g_mutex_clear (&state->mutex);
  g_cond_clear (&state->cond);
  g_clear_object (&state->cancellable);
  g_free (state->upstream_host);
  g_clear_pointer (&state->rand, g_rand_free);
  g_queue_clear (&state->queue);
  g_free (state->path_prefix);
}

static void
proxy_state_unref (gpointer data,
                   GClosure *closure)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) proxy_state_clear);
}

const char *
yrs_fault_to_string (YrsFault fault)
{
  g_return_val_if_fail (fault < YRS_FAULT_N, NULL);
  return fault_names[fault];
}

gboolean
yrs_fault_from_string (const char *name,
                       YrsFault   *fault)
{
  for (guint i = 0; i < YRS_FAULT_N; i++)
    if (g_strcmp0 (name, fault_names[i]) == 0)
      {
        *fault = i;
        return TRUE;
      }
  return FALSE;
}

/* HTTP parsing, just enough for what libsoup and SoupServer send. */

typedef struct
{
  char      *start_line;
  GPtrArray *names;
  GPtrArray *values;
} Head;

static void
head_clear (Head *head)
{
  g_clear_pointer (&head->start_line, g_free);
  g_clear_pointer (&head->names, g_ptr_array_unref);
  g_clear_pointer (&head->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Head, head_clear)

static gboolean
head_parse (Head       *head,
            const char *data,
            gsize       len)
{
  g_autofree char *text = g_strndup (data, len);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  head->names = g_ptr_array_new_with_free_func (g_free);
  head->values = g_ptr_array_new_with_free_func (g_free);
  if (lines[0] == NULL || lines[0][0] == '\0')
    return FALSE;
  head->start_line = g_strdup (lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *colon;

      if (lines[i][0] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      if (colon == NULL)
        return FALSE;
      g_ptr_array_add (head->names, g_strstrip (g_strndup (lines[i], colon - lines[i])));
      g_ptr_array_add (head->values, g_strstrip (g_strdup (colon + 1)));
    }
  return TRUE;
}

static const char *
head_get (Head       *head,
          const char *name)
{
  for (guint i = 0; i < head->names->len; i++)
    if (g_ascii_strcasecmp (head->names->pdata[i], name) == 0)
      return head->values->pdata[i];
  return NULL;
}

static gboolean
is_hop_header (const char *name)
{
  return g_ascii_strcasecmp (name, "Connection") == 0 ||
         g_ascii_strcasecmp (name, "Keep-Alive") == 0 ||
         g_ascii_strcasecmp (name, "Proxy-Connection") == 0 ||
         g_ascii_strcasecmp (name, "Transfer-Encoding") == 0 ||
         g_ascii_strcasecmp (name, "Content-Length") == 0;
}

static gssize
find_head_end (GByteArray *buf)
{
  for (gsize i = 0; i + 3 < buf->len; i++)
    if (memcmp (buf->data + i, "\r\n\r\n", 4) == 0)
      return i + 4;
  return -1;
}

/* Appends what is available; 0 at end of stream. */
static gssize
fill (GInputStream *in,
      GByteArray   *buf,
      GCancellable *cancellable,
      GError      **error)
{
  guint8 chunk[16384];
  gssize n = g_input_stream_read (in, chunk, sizeof chunk, cancellable, error);

  if (n > 0)
    g_byte_array_append (buf, chunk, n);
  return n;
}

static gboolean
parse_content_length (const char *value,
                      gsize      *length)
{
  guint64 v;

  if (value == NULL)
    {
      *length = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 0, MAX_BODY_BYTES, &v, NULL))
    return FALSE;
  *length = v;
  return TRUE;
}

/* Decodes a chunked body in place; FALSE if it is malformed. */
static gboolean
dechunk (const guint8 *data,
         gsize         len,
         GByteArray   *out)
{
  gsize pos = 0;

  for (;;)
    {
      const guint8 *eol = NULL;
      g_autofree char *size_text = NULL;
      guint64 size;
      char *end;

      for (gsize i = pos; i + 1 < len; i++)
        if (data[i] == '\r' && data[i + 1] == '\n')
          {
            eol = data + i;
            break;
          }
      if (eol == NULL)
        return FALSE;
      size_text = g_strndup ((const char *) data + pos, eol - (data + pos));
      size = g_ascii_strtoull (size_text, &end, 16);
      if (end == size_text)
        return FALSE;
      pos = eol - data + 2;
      if (size == 0)
        return TRUE;
      if (size > len - pos || len - pos - size < 2)
        return FALSE;
      g_byte_array_append (out, data + pos, size);
      pos += size + 2;
    }
}

static void
reset_connection (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger lin = { 1, 0 };

  /* SO_LINGER with a zero timeout makes close() send RST, not FIN. */
  if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lin, sizeof lin) != 0)
    g_debug ("SO_LINGER failed");
  g_socket_close (socket, NULL);
}

static YrsFault
pick_fault (ProxyState *state)
{
  YrsFault fault = state->fault;

  if (!g_queue_is_empty (&state->queue))
    return GPOINTER_TO_UINT (g_queue_pop_head (&state->queue));
  if (state->random)
    {
      guint total = 0;
      guint r;

      for (guint i = 0; i < YRS_FAULT_N; i++)
        total += state->weights[i];
      if (total == 0)
        return YRS_FAULT_NONE;
      r = g_rand_int_range (state->rand, 0, total);
      for (guint i = 0; i < YRS_FAULT_N; i++)
        {
          if (r < state->weights[i])
            return i;
          r -= state->weights[i];
        }
    }
  return fault;
}

static gboolean
write_all (GOutputStream *out,
           const void    *data,
           gsize          len,
           GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, data, len, NULL, cancellable, &error))
    {
      g_debug ("write to client: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_canned (GOutputStream *out,
              guint          status,
              const char    *reason,
              guint          retry_after,
              gboolean       close,
              GCancellable  *cancellable)
{
  g_autofree char *body = g_strdup_printf ("{\"type\":\"https://yorisoi.example/problems/injected-fault\","
                                           "\"title\":\"%s (injected by the test proxy)\",\"status\":%u}",
                                           reason, status);
  g_autofree char *retry = retry_after != G_MAXUINT ? g_strdup_printf ("Retry-After: %u\r\n", retry_after) : g_strdup ("");
  g_autofree char *text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                           "Content-Type: application/problem+json\r\n"
                                           "%s"
                                           "Content-Length: %zu\r\n"
                                           "Connection: %s\r\n\r\n%s",
                                           status, reason, retry, strlen (body),
                                           close ? "close" : "keep-alive", body);

  return write_all (out, text, strlen (text), cancellable);
}

/* Sends the request to the server on a connection of its own and reads the
 * whole answer: *head_out is the rewritten head for the client (with a
 * Content-Length), *body_out the decoded body. */
static gboolean
forward (ProxyState  *state,
         const char  *request_head,
         const guint8 *body,
         gsize        body_len,
         gboolean     client_close,
         gboolean     is_head,
         GString    **head_out,
         GBytes     **body_out,
         GError     **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  g_auto(Head) head = { 0 };
  GOutputStream *out;
  GInputStream *in;
  gssize head_end;
  gsize content_length;
  const char *te;
  guint status = 0;
  gboolean no_body;
  GString *new_head;
  gssize n;

  g_socket_client_set_timeout (client, 30);
  upstream = g_socket_client_connect_to_host (client, state->upstream_host, state->upstream_port,
                                              state->cancellable, error);
  if (upstream == NULL)
    return FALSE;
  out = g_io_stream_get_output_stream (G_IO_STREAM (upstream));
  in = g_io_stream_get_input_stream (G_IO_STREAM (upstream));
  if (!g_output_stream_write_all (out, request_head, strlen (request_head), NULL, state->cancellable, error) ||
      (body_len > 0 && !g_output_stream_write_all (out, body, body_len, NULL, state->cancellable, error)))
    return FALSE;

  while ((n = fill (in, answer, state->cancellable, error)) > 0)
    if (answer->len > MAX_BODY_BYTES)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "answer too large");
        return FALSE;
      }
  if (n < 0)
    return FALSE;

  head_end = find_head_end (answer);
  if (head_end < 0 || !head_parse (&head, (const char *) answer->data, head_end - 4))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed answer from the server");
      return FALSE;
    }
  if (strlen (head.start_line) >= 12)
    status = g_ascii_strtoull (head.start_line + 9, NULL, 10);
  no_body = is_head || status == 204 || status == 304 || (status >= 100 && status < 200);

  te = head_get (&head, "Transfer-Encoding");
  if (no_body)
    ;
  else if (te != NULL && g_ascii_strcasecmp (te, "chunked") == 0)
    {
      if (!dechunk (answer->data + head_end, answer->len - head_end, decoded))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed chunked answer from the server");
          return FALSE;
        }
    }
  else if (head_get (&head, "Content-Length") != NULL)
    {
      if (!parse_content_length (head_get (&head, "Content-Length"), &content_length) ||
          content_length > answer->len - (gsize) head_end)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "short answer from the server");
          return FALSE;
        }
      g_byte_array_append (decoded, answer->data + head_end, content_length);
    }
  else
    g_byte_array_append (decoded, answer->data + head_end, answer->len - head_end);

  new_head = g_string_new (head.start_line);
  g_string_append (new_head, "\r\n");
  for (guint i = 0; i < head.names->len; i++)
    if (!is_hop_header (head.names->pdata[i]))
      g_string_append_printf (new_head, "%s: %s\r\n",
                              (char *) head.names->pdata[i], (char *) head.values->pdata[i]);
  if (!no_body)
    g_string_append_printf (new_head, "Content-Length: %u\r\n", decoded->len);
  g_string_append_printf (new_head, "Connection: %s\r\n\r\n", client_close ? "close" : "keep-alive");

  *head_out = new_head;
  *body_out = g_byte_array_free_to_bytes (g_steal_pointer (&decoded));
  return TRUE;
}

static void
handle_connection (ProxyState        *state,
                   GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  GCancellable *cancellable = state->cancellable;
  gboolean have_connection_fault = FALSE;
  YrsFault connection_fault = YRS_FAULT_NONE;

  g_mutex_lock (&state->mutex);
  state->n_connections++;
  g_mutex_unlock (&state->mutex);

  for (;;)
    {
      g_auto(Head) head = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) upstream_head = NULL;
      g_autoptr(GString) answer_head = NULL;
      g_autoptr(GBytes) answer_body = NULL;
      g_auto(GStrv) request_line = NULL;
      const char *connection_header;
      gssize head_end;
      gsize body_len;
      gboolean client_close;
      YrsFault fault;
      const guint8 *body_data;
      gsize body_size;

      while ((head_end = find_head_end (buf)) < 0)
        {
          gssize n;

          if (buf->len > MAX_HEAD_BYTES)
            return;
          n = fill (in, buf, cancellable, &error);
          if (n <= 0)
            return;
        }

      if (!head_parse (&head, (const char *) buf->data, head_end - 4))
        {
          write_canned (out, 400, "Bad Request", G_MAXUINT, TRUE, cancellable);
          return;
        }
      request_line = g_strsplit (head.start_line, " ", 3);
      if (g_strv_length (request_line) != 3)
        {
          write_canned (out, 400, "Bad Request", G_MAXUINT, TRUE, cancellable);
          return;
        }
      if (head_get (&head, "Transfer-Encoding") != NULL ||
          !parse_content_length (head_get (&head, "Content-Length"), &body_len))
        {
          /* libsoup sends a Content-Length for the bodies the client sends. */
          write_canned (out, 501, "Not Implemented", G_MAXUINT, TRUE, cancellable);
          return;
        }
      connection_header = head_get (&head, "Connection");
      client_close = connection_header != NULL && g_ascii_strcasecmp (connection_header, "close") == 0;

      g_mutex_lock (&state->mutex);
      state->n_requests++;
      if (state->path_prefix != NULL && !g_str_has_prefix (request_line[1], state->path_prefix))
        fault = YRS_FAULT_NONE;
      else if (state->scope == YRS_FAULT_SCOPE_CONNECTION)
        {
          if (!have_connection_fault)
            {
              connection_fault = pick_fault (state);
              have_connection_fault = TRUE;
            }
          fault = connection_fault;
        }
      else
        fault = pick_fault (state);
      state->counts[fault]++;
      g_mutex_unlock (&state->mutex);

      g_debug ("%s %s: %s", request_line[0], request_line[1], fault_names[fault]);

      if (fault == YRS_FAULT_RESET_REQUEST)
        {
          reset_connection (connection);
          return;
        }

      /* The rest of the request. */
      while (buf->len - (gsize) head_end < body_len)
        {
          gssize n = fill (in, buf, cancellable, &error);

          if (n <= 0)
            return;
        }

      switch (fault)
        {
        case YRS_FAULT_STATUS_500:
          if (!write_canned (out, 500, "Internal Server Error", G_MAXUINT, client_close, cancellable))
            return;
          goto next;
        case YRS_FAULT_STATUS_503:
          if (!write_canned (out, 503, "Service Unavailable", state->retry_after, client_close, cancellable))
            return;
          goto next;
        case YRS_FAULT_STATUS_429:
          if (!write_canned (out, 429, "Too Many Requests", state->retry_after, client_close, cancellable))
            return;
          goto next;
        case YRS_FAULT_NONE:
        case YRS_FAULT_RESET_REQUEST:
        case YRS_FAULT_RESET_RESPONSE:
        case YRS_FAULT_STALL:
        case YRS_FAULT_TRUNCATE:
        case YRS_FAULT_CORRUPT_JSON:
        case YRS_FAULT_DRIP:
        case YRS_FAULT_N:
        default:
          break;
        }

      upstream_head = g_string_new (head.start_line);
      g_string_append (upstream_head, "\r\n");
      for (guint i = 0; i < head.names->len; i++)
        if (!is_hop_header (head.names->pdata[i]))
          g_string_append_printf (upstream_head, "%s: %s\r\n",
                                  (char *) head.names->pdata[i], (char *) head.values->pdata[i]);
      if (body_len > 0)
        g_string_append_printf (upstream_head, "Content-Length: %zu\r\n", body_len);
      g_string_append (upstream_head, "Connection: close\r\n\r\n");

      if (!forward (state, upstream_head->str, buf->data + head_end, body_len, client_close,
                    g_str_equal (request_line[0], "HEAD"), &answer_head, &answer_body, &error))
        {
          g_debug ("forward: %s", error->message);
          write_canned (out, 502, "Bad Gateway", G_MAXUINT, TRUE, cancellable);
          return;
        }
      body_data = g_bytes_get_data (answer_body, &body_size);

      switch (fault)
        {
        case YRS_FAULT_RESET_RESPONSE:
          {
            /* Half of head + body, then RST. */
            gsize total = answer_head->len + body_size;
            gsize half = total / 2;

            if (half <= answer_head->len)
              write_all (out, answer_head->str, half, cancellable);
            else
              {
                write_all (out, answer_head->str, answer_head->len, cancellable);
                write_all (out, body_data, half - answer_head->len, cancellable);
              }
            g_output_stream_flush (out, cancellable, NULL);
            reset_connection (connection);
            return;
          }

        case YRS_FAULT_STALL:
          {
            guint8 scratch[4096];

            /* Keep the connection open, say nothing, until the client
             * gives up (its timeout) or the proxy stops. */
            while (g_input_stream_read (in, scratch, sizeof scratch, cancellable, NULL) > 0)
              ;
            return;
          }

        case YRS_FAULT_TRUNCATE:
          write_all (out, answer_head->str, answer_head->len, cancellable);
          write_all (out, body_data, body_size / 2, cancellable);
          g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
          return;

        case YRS_FAULT_CORRUPT_JSON:
          if (body_size > 0)
            {
              /* Half the JSON text, with a matching Content-Length: the
               * HTTP layer is sound, the JSON is not. */
              g_autofree char *old_length = g_strdup_printf ("Content-Length: %zu\r\n", body_size);
              g_autofree char *new_length = g_strdup_printf ("Content-Length: %zu\r\n", body_size / 2);

              g_string_replace (answer_head, old_length, new_length, 1);
              if (!write_all (out, answer_head->str, answer_head->len, cancellable) ||
                  !write_all (out, body_data, body_size / 2, cancellable))
                return;
              break;
            }
          if (!write_all (out, answer_head->str, answer_head->len, cancellable) ||
              !write_all (out, body_data, body_size, cancellable))
            return;
          break;

        case YRS_FAULT_DRIP:
          {
            g_autoptr(GByteArray) all = g_byte_array_new ();
            guint pieces = MAX (1, state->drip_pieces);
            gsize piece;

            g_byte_array_append (all, (const guint8 *) answer_head->str, answer_head->len);
            g_byte_array_append (all, body_data, body_size);
            piece = MAX (1, all->len / pieces);
            for (gsize pos = 0; pos < all->len; pos += piece)
              {
                if (!write_all (out, all->data + pos, MIN (piece, all->len - pos), cancellable) ||
                    !g_output_stream_flush (out, cancellable, NULL))
                  return;
                if (g_cancellable_is_cancelled (cancellable))
                  return;
                g_usleep (state->drip_delay_ms * 1000);
              }
          }
          break;

        case YRS_FAULT_NONE:
        case YRS_FAULT_STATUS_500:
        case YRS_FAULT_STATUS_503:
        case YRS_FAULT_STATUS_429:
        case YRS_FAULT_RESET_REQUEST:
        case YRS_FAULT_N:
        default:
          if (!write_all (out, answer_head->str, answer_head->len, cancellable) ||
              !write_all (out, body_data, body_size, cancellable))
            return;
          break;
        }

    next:
      g_byte_array_remove_range (buf, 0, head_end + body_len);
      if (client_close)
        return;
    }
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  ProxyState *state = user_data;

  g_mutex_lock (&state->mutex);
  if (state->stopped)
    {
      g_mutex_unlock (&state->mutex);
      return TRUE;
    }
  state->n_active++;
  g_mutex_unlock (&state->mutex);

  handle_connection (state, connection);

  g_mutex_lock (&state->mutex);
  state->n_active--;
  g_cond_broadcast (&state->cond);
  g_mutex_unlock (&state->mutex);
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  YrsFaultProxy *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  /* Let the cancelled accept finish and drop its references. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
start_service (gpointer data)
{
  YrsFaultProxy *self = data;

  g_socket_service_start (self->service);
  return G_SOURCE_REMOVE;
}

void
yrs_fault_proxy_stop (YrsFaultProxy *self)
{
  ProxyState *state;

  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  if (self->thread == NULL)
    return;
  state = self->state;
  g_mutex_lock (&state->mutex);
  state->stopped = TRUE;
  g_mutex_unlock (&state->mutex);
  g_cancellable_cancel (state->cancellable);

  g_main_loop_quit (self->loop);
  g_thread_join (g_steal_pointer (&self->thread));

  g_mutex_lock (&state->mutex);
  while (state->n_active > 0)
    g_cond_wait (&state->cond, &state->mutex);
  g_mutex_unlock (&state->mutex);
}

static void
yrs_fault_proxy_finalize (GObject *object)
{
  YrsFaultProxy *self = YRS_FAULT_PROXY (object);

  yrs_fault_proxy_stop (self);
  g_clear_object (&self->service);
  g_clear_object (&self->listen_socket);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->url);
  proxy_state_unref (self->state, NULL);

  G_OBJECT_CLASS (yrs_fault_proxy_parent_class)->finalize (object);
}

static void
yrs_fault_proxy_class_init (YrsFaultProxyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yrs_fault_proxy_finalize;
}

static void
yrs_fault_proxy_init (YrsFaultProxy *self)
{
  ProxyState *state = g_atomic_rc_box_new0 (ProxyState);

  g_mutex_init (&state->mutex);
  g_cond_init (&state->cond);
  state->cancellable = g_cancellable_new ();
  state->rand = g_rand_new_with_seed (1);
  g_queue_init (&state->queue);
  state->retry_after = 1;
  state->drip_pieces = 40;
  state->drip_delay_ms = 5;
  self->state = state;
}

YrsFaultProxy *
yrs_fault_proxy_new (const char *upstream_url,
                     GError    **error)
{
  g_autoptr(YrsFaultProxy) self = g_object_new (YRS_TYPE_FAULT_PROXY, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSource) source = NULL;

  g_return_val_if_fail (upstream_url != NULL, NULL);

  uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "upstream: only http://HOST:PORT is supported, not “%s”", upstream_url);
      return NULL;
    }
  self->state->upstream_host = g_strdup (g_uri_get_host (uri));
  self->state->upstream_port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 80;

  /* Loopback only: this is a test tool. */
  self->listen_socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, error);
  if (self->listen_socket == NULL ||
      !g_socket_bind (self->listen_socket, address, TRUE, error) ||
      !g_socket_listen (self->listen_socket, error))
    return NULL;
  bound = g_socket_get_local_address (self->listen_socket, error);
  if (bound == NULL)
    return NULL;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  self->service = g_threaded_socket_service_new (128);
  g_socket_service_stop (self->service);
  g_signal_connect_data (self->service, "run", G_CALLBACK (on_run),
                         g_atomic_rc_box_acquire (self->state), proxy_state_unref, 0);
  /* The accept loop attaches to the thread-default context of whoever
   * starts the service: start it from the proxy's own thread. */
  g_main_context_push_thread_default (self->context);
  if (!g_socket_listener_add_socket (G_SOCKET_LISTENER (self->service), self->listen_socket, NULL, error))
    {
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }
  g_main_context_pop_thread_default (self->context);

  source = g_idle_source_new ();
  g_source_set_callback (source, start_service, self, NULL);
  g_source_attach (source, self->context);
  self->thread = g_thread_new ("yrs-fault-proxy", proxy_thread, self);

  return g_steal_pointer (&self);
}

const char *
yrs_fault_proxy_get_url (YrsFaultProxy *self)
{
  g_return_val_if_fail (YRS_IS_FAULT_PROXY (self), NULL);
  return self->url;
}

guint16
yrs_fault_proxy_get_port (YrsFaultProxy *self)
{
  g_return_val_if_fail (YRS_IS_FAULT_PROXY (self), 0);
  return self->port;
}

void
yrs_fault_proxy_set_fault (YrsFaultProxy *self,
                           YrsFault       fault)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));
  g_return_if_fail (fault < YRS_FAULT_N);

  g_mutex_lock (&self->state->mutex);
  self->state->fault = fault;
  self->state->random = FALSE;
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_queue_faults (YrsFaultProxy  *self,
                              const YrsFault *faults,
                              guint           n_faults)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  for (guint i = 0; i < n_faults; i++)
    if (faults[i] < YRS_FAULT_N)
      g_queue_push_tail (&self->state->queue, GUINT_TO_POINTER (faults[i]));
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_set_random (YrsFaultProxy *self,
                            guint32        seed,
                            const guint   *weights)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));
  g_return_if_fail (weights != NULL);

  g_mutex_lock (&self->state->mutex);
  g_rand_set_seed (self->state->rand, seed);
  memcpy (self->state->weights, weights, sizeof self->state->weights);
  self->state->random = TRUE;
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_set_scope (YrsFaultProxy *self,
                           YrsFaultScope  scope)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  self->state->scope = scope;
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_set_path_prefix (YrsFaultProxy *self,
                                 const char    *prefix)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  g_free (self->state->path_prefix);
  self->state->path_prefix = g_strdup (prefix);
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_set_retry_after (YrsFaultProxy *self,
                                 guint          seconds)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  self->state->retry_after = seconds;
  g_mutex_unlock (&self->state->mutex);
}

void
yrs_fault_proxy_set_drip (YrsFaultProxy *self,
                          guint          pieces,
                          guint          delay_ms)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  self->state->drip_pieces = pieces;
  self->state->drip_delay_ms = delay_ms;
  g_mutex_unlock (&self->state->mutex);
}

guint
yrs_fault_proxy_get_n_requests (YrsFaultProxy *self)
{
  guint n;

  g_return_val_if_fail (YRS_IS_FAULT_PROXY (self), 0);

  g_mutex_lock (&self->state->mutex);
  n = self->state->n_requests;
  g_mutex_unlock (&self->state->mutex);
  return n;
}

guint
yrs_fault_proxy_get_n_connections (YrsFaultProxy *self)
{
  guint n;

  g_return_val_if_fail (YRS_IS_FAULT_PROXY (self), 0);

  g_mutex_lock (&self->state->mutex);
  n = self->state->n_connections;
  g_mutex_unlock (&self->state->mutex);
  return n;
}

guint
yrs_fault_proxy_get_fault_count (YrsFaultProxy *self,
                                 YrsFault       fault)
{
  guint n;

  g_return_val_if_fail (YRS_IS_FAULT_PROXY (self), 0);
  g_return_val_if_fail (fault < YRS_FAULT_N, 0);

  g_mutex_lock (&self->state->mutex);
  n = self->state->counts[fault];
  g_mutex_unlock (&self->state->mutex);
  return n;
}

void
yrs_fault_proxy_reset_counts (YrsFaultProxy *self)
{
  g_return_if_fail (YRS_IS_FAULT_PROXY (self));

  g_mutex_lock (&self->state->mutex);
  self->state->n_requests = 0;
  self->state->n_connections = 0;
  memset (self->state->counts, 0, sizeof self->state->counts);
  g_mutex_unlock (&self->state->mutex);
}
