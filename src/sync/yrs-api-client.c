/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-api-client"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "yrs-api-client.h"
#include "yrs-server-url.h"
#include "yrs-version.h"

/* Answers bigger than this are refused (a 10,000-slot page is ~2 MB). */
#define MAX_ANSWER_BYTES (64 * 1024 * 1024)
/* Bodies above this are parsed in a worker thread. */
#define THREAD_DECODE_BYTES (32 * 1024)

/* ---- YRS_API_ERROR, with the answer's details attached --------------- */

typedef struct
{
  guint          status;
  gint64         retry_after;
  YrsApiProblem *problem;
} YrsApiErrorPrivate;

static void
yrs_api_error_private_init (YrsApiErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = -1;
  priv->problem = NULL;
}

static void
yrs_api_error_private_copy (const YrsApiErrorPrivate *src,
                            YrsApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->problem = NULL;
  if (src->problem != NULL)
    {
      g_autoptr(JsonNode) node = yrs_api_problem_to_json (src->problem);

      dest->problem = yrs_api_problem_from_json (node, NULL);
    }
}

static void
yrs_api_error_private_clear (YrsApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem, yrs_api_problem_free);
}

G_DEFINE_EXTENDED_ERROR (YrsApiError, yrs_api_error)

guint
yrs_api_error_get_status (const GError *error)
{
  YrsApiErrorPrivate *priv = yrs_api_error_get_private (error);

  return priv != NULL ? priv->status : 0;
}

gint64
yrs_api_error_get_retry_after (const GError *error)
{
  YrsApiErrorPrivate *priv = yrs_api_error_get_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

const YrsApiProblem *
yrs_api_error_get_problem (const GError *error)
{
  YrsApiErrorPrivate *priv = yrs_api_error_get_private (error);

  return priv != NULL ? priv->problem : NULL;
}

gboolean
yrs_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != YRS_API_ERROR)
    return FALSE;
  switch ((YrsApiError) error->code)
    {
    case YRS_API_ERROR_OFFLINE:
    case YRS_API_ERROR_TIMEOUT:
    case YRS_API_ERROR_SERVER:
    case YRS_API_ERROR_RATE_LIMITED:
    case YRS_API_ERROR_BAD_RESPONSE:
      return TRUE;
    case YRS_API_ERROR_REJECTED:
    case YRS_API_ERROR_CONFLICT:
    case YRS_API_ERROR_UNAUTHORIZED:
    case YRS_API_ERROR_TLS:
    case YRS_API_ERROR_INSECURE:
    default:
      return FALSE;
    }
}

static GError *
api_error_new (YrsApiError    code,
               guint          status,
               gint64         retry_after,
               YrsApiProblem *problem,
               const char    *format,
               ...) G_GNUC_PRINTF (5, 6);

static GError *
api_error_new (YrsApiError    code,
               guint          status,
               gint64         retry_after,
               YrsApiProblem *problem,
               const char    *format,
               ...)
{
  GError *error;
  YrsApiErrorPrivate *priv;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (YRS_API_ERROR, code, format, args);
  va_end (args);
  priv = yrs_api_error_get_private (error);
  priv->status = status;
  priv->retry_after = retry_after;
  priv->problem = problem;
  return error;
}

/* ---- The client ------------------------------------------------------ */

struct _YrsApiClient
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *base_url;
  char         *token;
  guint         connect_ms;
  guint         request_ms;
  GTlsDatabase *extra_ca;
  guint         n_requests;
};

G_DEFINE_FINAL_TYPE (YrsApiClient, yrs_api_client, G_TYPE_OBJECT)

typedef gpointer (*DecodeFunc) (JsonNode *node,
                                GError  **error);

/* How an answer becomes the value the caller's _finish returns. */
typedef struct
{
  DecodeFunc     decode;
  GDestroyNotify free_func;
} Decoder;

/* What one public call asks of the server. */
typedef struct
{
  const char    *method;
  const char    *path;            /* below the base URL */
  const char    *id;              /* escaped and put after path, or NULL */
  GHashTable    *query;           /* string -> string, or NULL */
  const char    *idempotency_key;
  const char    *body_json;
  const char    *if_none_match;
  const Decoder *decoder;         /* NULL: the catalogue, kept as bytes */
} Request;

/* For the calls whose success is 204 No Content (no body to decode). */
static const Decoder no_content_decoder = { NULL, NULL };

typedef struct
{
  SoupMessage   *msg;
  const Decoder *decoder;       /* NULL: keep the document as bytes */
  GCancellable  *cancellable;   /* ours: cancelled by the deadlines and by the caller's */
  GCancellable  *user_cancellable;
  gulong         user_cancel_id;
  GSource       *deadline;
  GSource       *connect_deadline;
  gboolean       timed_out;
  gboolean       connect_timed_out;
  GBytes        *body;
  char          *etag;
} Call;

static void
call_free (Call *call)
{
  if (call->deadline != NULL)
    g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);
  if (call->connect_deadline != NULL)
    g_source_destroy (call->connect_deadline);
  g_clear_pointer (&call->connect_deadline, g_source_unref);
  if (call->user_cancel_id != 0)
    g_cancellable_disconnect (call->user_cancellable, call->user_cancel_id);
  g_clear_object (&call->user_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->etag);
  g_free (call);
}

static void
yrs_api_client_finalize (GObject *object)
{
  YrsApiClient *self = YRS_API_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->extra_ca);
  g_free (self->base_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (yrs_api_client_parent_class)->finalize (object);
}

static void
yrs_api_client_class_init (YrsApiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yrs_api_client_finalize;
}

static void
yrs_api_client_init (YrsApiClient *self)
{
  g_autofree char *user_agent = NULL;

  self->connect_ms = 10000;
  self->request_ms = 30000;
  /* The version from git (yrs-version.h); the trailing space makes libsoup
   * append its own product token. */
  user_agent = g_strdup_printf ("Yorisoi/%s ", yrs_version ());
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "accept-language", "ja",
                                                 "timeout", self->request_ms / 1000,
                                                 "max-conns-per-host", 4,
                                                 NULL);
}

YrsApiClient *
yrs_api_client_new (const char *base_url)
{
  YrsApiClient *self;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (YRS_TYPE_API_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  return self;
}

void
yrs_api_client_set_token (YrsApiClient *self,
                          const char   *token)
{
  g_return_if_fail (YRS_IS_API_CLIENT (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

void
yrs_api_client_set_timeouts (YrsApiClient *self,
                             guint         connect_ms,
                             guint         request_ms)
{
  g_return_if_fail (YRS_IS_API_CLIENT (self));

  self->connect_ms = MAX (connect_ms, 1);
  self->request_ms = MAX (request_ms, 1);
  soup_session_set_timeout (self->session, MAX (1, (self->request_ms + 999) / 1000));
}

gboolean
yrs_api_client_set_extra_ca_file (YrsApiClient *self,
                                  const char   *path,
                                  GError      **error)
{
  GTlsDatabase *db = NULL;

  g_return_val_if_fail (YRS_IS_API_CLIENT (self), FALSE);

  if (path != NULL && *path != '\0')
    {
      db = g_tls_file_database_new (path, error);
      if (db == NULL)
        {
          g_prefix_error (error, "extra-ca-file “%s”: ", path);
          return FALSE;
        }
    }
  g_clear_object (&self->extra_ca);
  self->extra_ca = db;
  return TRUE;
}

guint
yrs_api_client_get_n_requests (YrsApiClient *self)
{
  g_return_val_if_fail (YRS_IS_API_CLIENT (self), 0);
  return self->n_requests;
}

/* The system's verdict failed: accept only if the chain verifies against
 * the extra CA file, for the same host. Verification stays on. */
static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  YrsApiClient *self = user_data;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri = soup_message_get_uri (msg);
  GTlsCertificateFlags flags;

  if (self->extra_ca == NULL)
    return FALSE;
  identity = g_network_address_new (g_uri_get_host (uri), g_uri_get_port (uri));
  flags = g_tls_database_verify_chain (self->extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       NULL, &error);
  return error == NULL && flags == 0;
}

static gboolean
on_deadline (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_deadline (gpointer user_data)
{
  Call *call = user_data;

  call->connect_timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
stop_connect_deadline (Call *call)
{
  if (call->connect_deadline != NULL)
    {
      g_source_destroy (call->connect_deadline);
      g_clear_pointer (&call->connect_deadline, g_source_unref);
    }
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  if (event == G_SOCKET_CLIENT_COMPLETE)
    stop_connect_deadline (user_data);
}

static void
on_wrote_headers (SoupMessage *msg,
                  gpointer     user_data)
{
  stop_connect_deadline (user_data);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 7 * 24 * 3600, &seconds, NULL))
    return seconds;
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (when == NULL)
        return -1;
      return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
    }
}

static GError *
map_transport_error (Call   *call,
                     GError *error)
{
  if (call->connect_timed_out)
    return api_error_new (YRS_API_ERROR_TIMEOUT, 0, -1, NULL, "No connection to the server in time");
  if (call->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return api_error_new (YRS_API_ERROR_TIMEOUT, 0, -1, NULL, "The server did not answer in time");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR)
    return api_error_new (YRS_API_ERROR_TLS, 0, -1, NULL, "The server’s certificate is not trusted: %s",
                          error->message);
  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return api_error_new (YRS_API_ERROR_OFFLINE, 0, -1, NULL, "The server cannot be reached: %s",
                          error->message);
  return api_error_new (YRS_API_ERROR_OFFLINE, 0, -1, NULL, "The connection to the server was lost: %s",
                        error->message);
}

static YrsApiProblem *
parse_problem (GBytes *body)
{
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  if (data == NULL || len == 0)
    return NULL;
  return yrs_api_problem_from_string (data, len, NULL);
}

/* Status and problem -> YRS_API_ERROR. */
static GError *
map_status (SoupMessage *msg,
            GBytes      *body)
{
  guint status = soup_message_get_status (msg);
  YrsApiProblem *problem = parse_problem (body);
  const char *title = problem != NULL ? problem->title : soup_message_get_reason_phrase (msg);
  gint64 retry_after = parse_retry_after (msg);

  if (title == NULL)
    title = "";
  /* A definite answer must be readable: a 4xx whose problem document is
   * broken is not believed (it may be a cut or garbled answer). */
  if (problem == NULL && status >= 400 && status <= 499 && status != 429 &&
      body != NULL && g_bytes_get_size (body) > 0)
    return api_error_new (YRS_API_ERROR_BAD_RESPONSE, status, -1, NULL,
                          "Unreadable answer from the server (%u)", status);
  if (status == 401 || status == 403)
    return api_error_new (YRS_API_ERROR_UNAUTHORIZED, status, -1, problem,
                          "Not signed in or not allowed (%u %s)", status, title);
  if (status == 409)
    return api_error_new (YRS_API_ERROR_CONFLICT, status, -1, problem,
                          "Conflict (%u %s)", status, title);
  if (status == 429)
    return api_error_new (YRS_API_ERROR_RATE_LIMITED, status, retry_after, problem,
                          "Too many requests (%u %s)", status, title);
  if (status == 408)
    return api_error_new (YRS_API_ERROR_TIMEOUT, status, retry_after, problem,
                          "The server timed out (%u %s)", status, title);
  if (status >= 500 && status <= 599)
    return api_error_new (YRS_API_ERROR_SERVER, status, retry_after, problem,
                          "Server error (%u %s)", status, title);
  if (status >= 400 && status <= 499)
    return api_error_new (YRS_API_ERROR_REJECTED, status, -1, problem,
                          "Rejected by the server (%u %s)", status, title);
  return api_error_new (YRS_API_ERROR_BAD_RESPONSE, status, -1, problem,
                        "Unexpected answer from the server (%u %s)", status, title);
}

/* Parses and decodes an answer body; any thread. */
static gpointer
decode_body (Call    *call,
             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (call->body, &len);
  JsonNode *root;
  gpointer value;

  if (len == 0 || !g_utf8_validate (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_propagate_error (error, api_error_new (YRS_API_ERROR_BAD_RESPONSE, soup_message_get_status (call->msg),
                                               -1, NULL, "The server’s answer is not JSON%s%s",
                                               local_error ? ": " : "",
                                               local_error ? local_error->message : ""));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (call->decoder == NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_propagate_error (error, api_error_new (YRS_API_ERROR_BAD_RESPONSE, 200, -1, NULL,
                                                   "The catalogue is not a JSON object"));
          return NULL;
        }
      return g_bytes_ref (call->body);
    }
  if (call->decoder->decode == NULL)
    {
      g_propagate_error (error, api_error_new (YRS_API_ERROR_BAD_RESPONSE, soup_message_get_status (call->msg),
                                               -1, NULL, "Unexpected answer from the server: a body where none was due"));
      return NULL;
    }
  value = call->decoder->decode (root, &local_error);
  if (value == NULL)
    {
      g_propagate_error (error, api_error_new (YRS_API_ERROR_BAD_RESPONSE, soup_message_get_status (call->msg),
                                               -1, NULL, "Unexpected answer from the server: %s",
                                               local_error ? local_error->message : "empty"));
      return NULL;
    }
  return value;
}

static void
return_decoded (GTask *task,
                Call  *call)
{
  GError *error = NULL;
  gpointer value = decode_body (call, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value,
                           call->decoder == NULL ? (GDestroyNotify) g_bytes_unref : call->decoder->free_func);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  return_decoded (task, task_data);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  gsize len;

  call->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (call->deadline != NULL)
    g_source_destroy (call->deadline);
  stop_connect_deadline (call);
  if (call->body == NULL)
    {
      g_task_return_error (task, map_transport_error (call, error));
      return;
    }

  status = soup_message_get_status (call->msg);
  call->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (call->msg), "ETag"));
  if (status == 304 && call->decoder == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (status == 204 && call->decoder == &no_content_decoder)
    {
      g_task_return_pointer (task, GUINT_TO_POINTER (TRUE), NULL);
      return;
    }
  if (status < 200 || status > 299 || status == 204)
    {
      g_task_return_error (task, map_status (call->msg, call->body));
      return;
    }
  g_bytes_get_data (call->body, &len);
  if (len > MAX_ANSWER_BYTES)
    {
      g_task_return_error (task, api_error_new (YRS_API_ERROR_BAD_RESPONSE, status, -1, NULL,
                                                "The server’s answer is too large"));
      return;
    }
  if (len >= THREAD_DECODE_BYTES)
    g_task_run_in_thread (task, decode_thread);
  else
    return_decoded (task, call);
}

/* Sends `request`; its _finish is finish() with the same source_tag. */
static void
send_async (YrsApiClient        *self,
            const Request       *request,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *query_string = NULL;
  g_autoptr(GError) url_error = NULL;
  SoupMessageHeaders *headers;
  Call *call;

  g_task_set_source_tag (task, source_tag);
  /* Tokens and personal data go over TLS, or stay on this device. */
  if (!yrs_server_url_check (self->base_url, &url_error))
    {
      g_task_return_new_error (task, YRS_API_ERROR, YRS_API_ERROR_INSECURE, "%s", url_error->message);
      return;
    }
  if (request->id != NULL)
    escaped_id = g_uri_escape_string (request->id, NULL, FALSE);
  path = g_strconcat (request->path, escaped_id, NULL);
  if (request->query != NULL && g_hash_table_size (request->query) > 0)
    query_string = soup_form_encode_hash (request->query);
  url = g_strconcat (self->base_url, path, query_string ? "?" : "", query_string ? query_string : "", NULL);

  call = g_new0 (Call, 1);
  call->decoder = request->decoder;
  call->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  call->msg = soup_message_new (request->method, url);
  if (call->msg == NULL)
    {
      g_task_return_new_error (task, YRS_API_ERROR, YRS_API_ERROR_OFFLINE,
                               "The server address “%s” is not valid", self->base_url);
      return;
    }
  headers = soup_message_get_request_headers (call->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (request->idempotency_key != NULL)
    {
      soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
      /* Sent twice, a write under its key is still one write: libsoup may
       * then use the kept-alive connection, where for any other POST it
       * opens a new one (over https, a TLS handshake per submission). */
      soup_message_add_flags (call->msg, SOUP_MESSAGE_IDEMPOTENT);
    }
  if (request->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->if_none_match);
  if (request->body_json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request->body_json, strlen (request->body_json));

      soup_message_set_request_body_from_bytes (call->msg, "application/json", bytes);
    }
  g_signal_connect (call->msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  g_signal_connect (call->msg, "network-event", G_CALLBACK (on_network_event), call);
  g_signal_connect (call->msg, "wrote-headers", G_CALLBACK (on_wrote_headers), call);

  if (cancellable != NULL)
    {
      call->user_cancellable = g_object_ref (cancellable);
      call->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                    call->cancellable, NULL);
    }
  call->deadline = g_timeout_source_new (self->request_ms);
  g_source_set_callback (call->deadline, on_deadline, call, NULL);
  g_source_attach (call->deadline, g_main_context_get_thread_default ());
  call->connect_deadline = g_timeout_source_new (self->connect_ms);
  g_source_set_callback (call->connect_deadline, on_connect_deadline, call, NULL);
  g_source_attach (call->connect_deadline, g_main_context_get_thread_default ());

  self->n_requests++;
  g_debug ("%s %s", request->method, path);
  soup_session_send_and_read_async (self->session, call->msg, G_PRIORITY_DEFAULT,
                                    call->cancellable, on_sent, g_steal_pointer (&task));
}

static gpointer
finish (YrsApiClient *self,
        GAsyncResult *result,
        gpointer      source_tag,
        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

#define DECODER(Type, name)                                 \
  static gpointer                                           \
  decode_##name (JsonNode *node,                            \
                 GError  **error)                           \
  {                                                         \
    return yrs_api_##name##_from_json (node, error);        \
  }                                                         \
  static void                                               \
  free_##name (gpointer data)                               \
  {                                                         \
    yrs_api_##name##_free (data);                           \
  }                                                         \
  static const Decoder name##_decoder = { decode_##name, free_##name };

DECODER (YrsApiFacilityList, facility_list)
DECODER (YrsApiSlotPage, slot_page)
DECODER (YrsApiRegistrationResponse, registration_response)
DECODER (YrsApiReservationResponse, reservation_response)
DECODER (YrsApiApplicationResponse, application_response)
DECODER (YrsApiLookupResponse, lookup_response)
DECODER (YrsApiStaffSessionResponse, staff_session_response)

void
yrs_api_client_get_catalog_async (YrsApiClient        *self,
                                  const char          *if_none_match,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const Request request = {
    .method = "GET", .path = "/v1/catalog", .if_none_match = if_none_match,
  };

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  send_async (self, &request, yrs_api_client_get_catalog_async, cancellable, callback, user_data);
}

GBytes *
yrs_api_client_get_catalog_finish (YrsApiClient  *self,
                                   GAsyncResult  *result,
                                   char         **etag,
                                   gboolean      *not_modified,
                                   GError       **error)
{
  Call *call;
  GBytes *document;
  GError *local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_get_task_data (G_TASK (result));
  document = finish (self, result, yrs_api_client_get_catalog_async, &local_error);
  if (not_modified != NULL)
    *not_modified = document == NULL && local_error == NULL;
  if (etag != NULL)
    *etag = local_error == NULL ? g_strdup (call->etag) : NULL;
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return document;
}

void
yrs_api_client_get_facilities_async (YrsApiClient        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const Request request = {
    .method = "GET", .path = "/v1/facilities", .decoder = &facility_list_decoder,
  };

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  send_async (self, &request, yrs_api_client_get_facilities_async, cancellable, callback, user_data);
}

YrsApiFacilityList *
yrs_api_client_get_facilities_finish (YrsApiClient *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  return finish (self, result, yrs_api_client_get_facilities_async, error);
}

void
yrs_api_client_get_slots_async (YrsApiClient        *self,
                                const char          *facility,
                                const char          *from,
                                const char          *to,
                                const char          *since,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  const Request request = {
    .method = "GET", .path = "/v1/slots", .query = query, .decoder = &slot_page_decoder,
  };

  g_return_if_fail (YRS_IS_API_CLIENT (self));

  if (facility != NULL)
    g_hash_table_insert (query, (gpointer) "facility", (gpointer) facility);
  if (from != NULL)
    g_hash_table_insert (query, (gpointer) "from", (gpointer) from);
  if (to != NULL)
    g_hash_table_insert (query, (gpointer) "to", (gpointer) to);
  if (since != NULL)
    g_hash_table_insert (query, (gpointer) "since", (gpointer) since);
  send_async (self, &request, yrs_api_client_get_slots_async, cancellable, callback, user_data);
}

YrsApiSlotPage *
yrs_api_client_get_slots_finish (YrsApiClient *self,
                                 GAsyncResult *result,
                                 GError      **error)
{
  return finish (self, result, yrs_api_client_get_slots_async, error);
}

/* A POST of a JSON body under an Idempotency-Key: the submissions and the
 * staff sign-in differ only in where they go and what comes back. */
static void
post_json_async (YrsApiClient        *self,
                 const char          *path,
                 const char          *idempotency_key,
                 const char          *body_json,
                 const Decoder       *decoder,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  const Request request = {
    .method = "POST", .path = path, .idempotency_key = idempotency_key,
    .body_json = body_json, .decoder = decoder,
  };

  send_async (self, &request, source_tag, cancellable, callback, user_data);
}

void
yrs_api_client_post_registration_async (YrsApiClient        *self,
                                        const char          *idempotency_key,
                                        const char          *body_json,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && body_json != NULL);
  post_json_async (self, "/v1/registrations", idempotency_key, body_json,
                   &registration_response_decoder, yrs_api_client_post_registration_async,
                   cancellable, callback, user_data);
}

YrsApiRegistrationResponse *
yrs_api_client_post_registration_finish (YrsApiClient *self,
                                         GAsyncResult *result,
                                         GError      **error)
{
  return finish (self, result, yrs_api_client_post_registration_async, error);
}

void
yrs_api_client_post_reservation_async (YrsApiClient        *self,
                                       const char          *idempotency_key,
                                       const char          *body_json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && body_json != NULL);
  post_json_async (self, "/v1/reservations", idempotency_key, body_json,
                   &reservation_response_decoder, yrs_api_client_post_reservation_async,
                   cancellable, callback, user_data);
}

YrsApiReservationResponse *
yrs_api_client_post_reservation_finish (YrsApiClient *self,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return finish (self, result, yrs_api_client_post_reservation_async, error);
}

void
yrs_api_client_post_application_async (YrsApiClient        *self,
                                       const char          *idempotency_key,
                                       const char          *body_json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && body_json != NULL);
  post_json_async (self, "/v1/applications", idempotency_key, body_json,
                   &application_response_decoder, yrs_api_client_post_application_async,
                   cancellable, callback, user_data);
}

YrsApiApplicationResponse *
yrs_api_client_post_application_finish (YrsApiClient *self,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return finish (self, result, yrs_api_client_post_application_async, error);
}

void
yrs_api_client_cancel_reservation_async (YrsApiClient        *self,
                                         const char          *idempotency_key,
                                         const char          *reservation_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const Request request = {
    .method = "DELETE", .path = "/v1/reservations/", .id = reservation_id,
    .idempotency_key = idempotency_key, .decoder = &reservation_response_decoder,
  };

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && reservation_id != NULL);
  send_async (self, &request, yrs_api_client_cancel_reservation_async, cancellable, callback, user_data);
}

YrsApiReservationResponse *
yrs_api_client_cancel_reservation_finish (YrsApiClient *self,
                                          GAsyncResult *result,
                                          GError      **error)
{
  return finish (self, result, yrs_api_client_cancel_reservation_async, error);
}

void
yrs_api_client_sign_in_async (YrsApiClient        *self,
                              const char          *staff_id,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(YrsApiStaffSessionRequest) session_request = yrs_api_staff_session_request_new ();
  g_autofree char *body = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (staff_id != NULL && password != NULL);

  session_request->staff_id = g_strdup (staff_id);
  session_request->password = g_strdup (password);
  body = yrs_api_staff_session_request_to_string (session_request);
  post_json_async (self, "/v1/staff/sessions", key, body,
                   &staff_session_response_decoder, yrs_api_client_sign_in_async,
                   cancellable, callback, user_data);
  memset (body, 0, strlen (body));
  memset (session_request->password, 0, strlen (session_request->password));
}

void
yrs_api_client_change_password_async (YrsApiClient        *self,
                                      const char          *current,
                                      const char          *new_password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(YrsApiPasswordChangeRequest) change = yrs_api_password_change_request_new ();
  g_autofree char *body = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (current != NULL && new_password != NULL);

  change->current = g_strdup (current);
  change->new_password = g_strdup (new_password);
  body = yrs_api_password_change_request_to_string (change);
  post_json_async (self, "/v1/staff/password", key, body, &no_content_decoder,
                   yrs_api_client_change_password_async, cancellable, callback, user_data);
  explicit_bzero (body, strlen (body));
}

gboolean
yrs_api_client_change_password_finish (YrsApiClient *self,
                                       GAsyncResult *result,
                                       GError      **error)
{
  return finish (self, result, yrs_api_client_change_password_async, error) != NULL;
}

YrsApiStaffSessionResponse *
yrs_api_client_sign_in_finish (YrsApiClient *self,
                               GAsyncResult *result,
                               GError      **error)
{
  return finish (self, result, yrs_api_client_sign_in_async, error);
}

void
yrs_api_client_lookup_async (YrsApiClient        *self,
                             const char          *reference,
                             const char          *birth_on,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(YrsApiLookupRequest) lookup = yrs_api_lookup_request_new ();
  g_autofree char *body = NULL;

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (reference != NULL && birth_on != NULL);

  lookup->reference = g_strdup (reference);
  lookup->birth_on = g_strdup (birth_on);
  body = yrs_api_lookup_request_to_string (lookup);
  /* No Idempotency-Key: the answer holds a live token and is never kept. */
  post_json_async (self, "/v1/lookups", NULL, body, &lookup_response_decoder,
                   yrs_api_client_lookup_async, cancellable, callback, user_data);
  explicit_bzero (body, strlen (body));
}

YrsApiLookupResponse *
yrs_api_client_lookup_finish (YrsApiClient *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return finish (self, result, yrs_api_client_lookup_async, error);
}

void
yrs_api_client_cancel_with_proof_async (YrsApiClient        *self,
                                        const char          *idempotency_key,
                                        const char          *reservation_id,
                                        const char          *lookup_token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(YrsApiCancelRequest) cancel = yrs_api_cancel_request_new ();
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && reservation_id != NULL);

  escaped = g_uri_escape_string (reservation_id, NULL, FALSE);
  path = g_strconcat ("/v1/reservations/", escaped, "/cancel", NULL);
  cancel->lookup_token = g_strdup (lookup_token);
  body = yrs_api_cancel_request_to_string (cancel);
  post_json_async (self, path, idempotency_key, body, &reservation_response_decoder,
                   yrs_api_client_cancel_with_proof_async, cancellable, callback, user_data);
  explicit_bzero (body, strlen (body));
}

YrsApiReservationResponse *
yrs_api_client_cancel_with_proof_finish (YrsApiClient *self,
                                         GAsyncResult *result,
                                         GError      **error)
{
  return finish (self, result, yrs_api_client_cancel_with_proof_async, error);
}

static gpointer
decode_json_node (JsonNode *node,
                  GError  **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, YRS_API_DECODE_ERROR, YRS_API_DECODE_ERROR_MALFORMED,
                   "not an object");
      return NULL;
    }
  return json_node_copy (node);
}

static const Decoder json_node_decoder = { decode_json_node, (GDestroyNotify) json_node_unref };

void
yrs_api_client_request_json_async (YrsApiClient        *self,
                                   const char          *method,
                                   const char          *path,
                                   const char          *idempotency_key,
                                   const char          *body_json,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const Request request = {
    .method = method, .path = path, .idempotency_key = idempotency_key,
    .body_json = body_json, .decoder = &json_node_decoder,
  };

  g_return_if_fail (YRS_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);
  send_async (self, &request, yrs_api_client_request_json_async, cancellable, callback, user_data);
}

JsonNode *
yrs_api_client_request_json_finish (YrsApiClient *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  return finish (self, result, yrs_api_client_request_json_async, error);
}
