/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YrsServer: the API on its own connections (yrs-server-http.c). On the
 * main thread each request is matched to a route (404/405) and copied
 * into a job; a worker thread with a connection from the instance's pool
 * (yrs-server-store.h: SQLite or PostgreSQL) checks the bearer token and the
 * Idempotency-Key, runs the handler and ends its transaction; the main
 * thread then sends the answer (after a delay for failed sign-ins) and
 * logs one line per request: "request METHOD PATH STATUS DURATIONms", the
 * path with query keys but no query values, never a token or a body. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <libsoup/soup.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "yrs-date.h"
#include "yrs-server-private.h"

#define DEFAULT_WORKERS 4
/* How long a request waits for a free database connection. */
#define DB_WAIT_MS      10000

struct _YrsServer
{
  GObject       parent_instance;

  char         *listen;
  int           port;
  char         *db_path;
  YrsDbPool    *db_pool;             /* this instance's connections */
  int           approve_after;
  int           workers;

  GTlsCertificate *certificate;
  GSocket      *listener;
  YrsHttpLimits limits;
  YrsHttp      *http;
  GThreadPool  *pool;
  GThreadPool  *signin_pool;         /* Argon2id, apart from the rest */
  GHashTable   *signin_waiting;      /* source address -> count */
  guint         signin_total;
  GMainContext *context;

  GBytes       *catalog;
  char         *catalog_etag;
  GPtrArray    *facilities;
  GHashTable   *programmes;
  YrsCatalog   *core_catalog;
  guint8        secret[32];
  guint8        family_key[32];   /* the cases' match keys (issue 17 follow-up) */
  int           cases_page_size;
  guint8        previous_secret[32];
  gboolean      has_previous_secret;

  char         *metrics_token;
  GHashTable   *metric_requests;     /* "method\troute\tstatus" -> guint64 */
  GHashTable   *metric_latency;      /* "method\troute" -> Histogram */
  gint64        started_unix;
  int           retention_days;
  guint         retention_source;
  gboolean      retention_running;

  char         *demo_staff_id;
  char         *demo_password;
  char         *demo_kiosk_token;
};

G_DEFINE_FINAL_TYPE (YrsServer, yrs_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (yrs-server-error-quark, yrs_server_error)

typedef struct
{
  YrsServer         *server;
  YrsHttpConn       *conn;
  const YrsRoute    *route;
  char              *remote;
  char              *method;
  char              *path;
  GHashTable        *query;
  char             **params;
  GBytes            *body;
  char              *authorization;
  char              *idempotency_key;
  char              *if_none_match;
  char              *content_type;
  YrsResponse       *response;
} Job;

static gint idempotency_stores;
static gint db_errors;

/* Latency buckets in seconds (Prometheus' defaults). */
static const double latency_buckets[] = {
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
};

typedef struct
{
  guint64 buckets[G_N_ELEMENTS (latency_buckets)];
  guint64 count;
  double  sum;
} Histogram;

void
_yrs_server_count_db_error (void)
{
  g_atomic_int_inc (&db_errors);
}

/* Responses */

YrsResponse *
_yrs_response_new (guint status)
{
  YrsResponse *response = g_new0 (YrsResponse, 1);

  response->status = status;
  response->headers = g_ptr_array_new_with_free_func (g_free);
  response->store = TRUE;
  return response;
}

void
_yrs_response_free (YrsResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, g_ptr_array_unref);
  g_free (response);
}

void
_yrs_response_add_header (YrsResponse *response,
                          const char  *name,
                          const char  *value)
{
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

static YrsResponse *
response_new_text (guint       status,
                   const char *content_type,
                   char       *text)
{
  YrsResponse *response = _yrs_response_new (status);

  response->content_type = g_strdup (content_type);
  response->body = g_bytes_new_take (text, strlen (text));
  return response;
}

YrsResponse *
_yrs_response_new_json (guint     status,
                        JsonNode *node)
{
  return response_new_text (status, "application/json",
                            yrs_api_node_to_string (node));
}

YrsResponse *
_yrs_response_new_problem (const YrsApiProblem *problem)
{
  return response_new_text (problem->status, "application/problem+json",
                            yrs_api_problem_to_string (problem));
}

YrsResponse *
_yrs_response_new_error (guint       status,
                         const char *type,
                         const char *title,
                         const char *detail)
{
  g_autoptr(YrsApiProblem) problem =
    yrs_api_problem_new_full (status, type, title, detail);

  return _yrs_response_new_problem (problem);
}

YrsResponse *
_yrs_response_new_decode_error (const GError *error)
{
  g_autoptr(YrsApiProblem) problem = yrs_api_problem_new_for_decode_error (error);

  return _yrs_response_new_problem (problem);
}

/* Accessors for the handlers (read-only after construction, so safe from
 * any thread). */

const char *
_yrs_server_get_catalog_bytes (YrsServer   *self,
                               gsize       *length,
                               const char **etag)
{
  *etag = self->catalog_etag;
  return g_bytes_get_data (self->catalog, length);
}

GPtrArray *
_yrs_server_get_facilities (YrsServer *self)
{
  return self->facilities;
}

int
_yrs_server_get_approve_after (YrsServer *self)
{
  return self->approve_after;
}

const guint8 *
_yrs_server_get_secret (YrsServer *self)
{
  return self->secret;
}

const guint8 *
_yrs_server_get_family_key (YrsServer *self)
{
  return self->family_key;
}

int
_yrs_server_get_cases_page_size (YrsServer *self)
{
  return self->cases_page_size;
}

gboolean
_yrs_server_knows_programme (YrsServer  *self,
                             const char *id)
{
  return g_hash_table_contains (self->programmes, id);
}

YrsCatalog *
_yrs_server_get_core_catalog (YrsServer *self)
{
  return self->core_catalog;
}

gint64
_yrs_server_get_max_active_bookings (YrsServer *self)
{
  const YrsProgramme *programme = yrs_catalog_lookup_programme (self->core_catalog,
                                                                "postpartum_care");
  gint64 value;

  if (programme == NULL ||
      !yrs_programme_lookup_int (programme, "max_active_bookings", yrs_date_today (),
                                 &value, NULL))
    return -1;
  return value;
}

const guint8 *
_yrs_server_get_previous_secret (YrsServer *self)
{
  return self->has_previous_secret ? self->previous_secret : NULL;
}

/* Worker side */

/* 503 with Retry-After: the database cannot be reached (or is busy). The
 * pool opens a new connection for a later request, so an instance
 * recovers by itself when the database returns. */
static YrsResponse *
unavailable_response (void)
{
  YrsResponse *response = _yrs_response_new_error (503, YRS_API_PROBLEM_INTERNAL,
                                                   "Unavailable",
                                                   "The database cannot be reached; try again shortly.");

  _yrs_response_add_header (response, "Retry-After", "2");
  response->store = FALSE;
  return response;
}

/* A key is looked up in the principal's own keys (and, for the 48 hours
 * after the upgrade to schema v3, in the unscoped keys of before). */
static YrsResponse *
stored_response (YrsDb    *db,
                 const char *scope,
                 const char *key,
                 const char *fingerprint,
                 const char *fingerprint_previous,
                 gboolean   *found)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT fingerprint, status, content_type, body "
                         "FROM idempotency WHERE key = ?1 AND principal IN (?2, '') "
                         "ORDER BY principal DESC LIMIT 1");
  YrsResponse *response;

  *found = FALSE;
  _yrs_db_bind_texts (stmt, key, scope, NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_ROW)
    return NULL;
  *found = TRUE;

  if (g_strcmp0 (_yrs_stmt_column_text (stmt, 0), fingerprint) != 0 &&
      (fingerprint_previous == NULL ||
       g_strcmp0 (_yrs_stmt_column_text (stmt, 0), fingerprint_previous) != 0))
    {
      response = _yrs_response_new_error (422, YRS_API_PROBLEM_IDEMPOTENCY_KEY_REUSED,
                                          "Idempotency-Key reused",
                                          "This Idempotency-Key was used for a different request.");
      response->store = FALSE;
      return response;
    }

  response = _yrs_response_new (_yrs_stmt_column_int (stmt, 1));
  response->content_type = g_strdup (_yrs_stmt_column_text (stmt, 2));
  response->body = g_bytes_new (_yrs_stmt_column_blob (stmt, 3),
                                _yrs_stmt_column_bytes (stmt, 3));
  response->store = FALSE;
  _yrs_response_add_header (response, "Idempotent-Replayed", "true");
  return response;
}

YrsResponse *
_yrs_request_begin (YrsRequest *request)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (!request->in_transaction, NULL);

  if (!_yrs_db_begin_write (request->db, &error))
    {
      _yrs_server_count_db_error ();
      g_warning ("%s", error->message);
      return unavailable_response ();
    }
  request->in_transaction = TRUE;

  if (request->idempotency_key != NULL)
    {
      gboolean found;
      YrsResponse *stored;
      g_autoptr(YrsStmt) claim = NULL;

      /* Claim the key in this transaction, before writing anything (the
       * stored answers were looked at before the handler ran; one that
       * committed since is found below, when the claim finds its row): a
       * duplicate arriving meanwhile (at this instance or another) waits
       * on this row until we commit, then reads our answer. The row holds
       * status 0 until store_response() fills it in; nobody else can see
       * it before the commit. */
      claim = _yrs_db_prepare (request->db,
                               "INSERT INTO idempotency (principal, key, fingerprint, status, "
                               "content_type, body, created_unix) VALUES (?, ?, ?, 0, '', '', ?) "
                               "ON CONFLICT DO NOTHING");
      _yrs_db_bind_texts (claim, request->idempotency_scope, request->idempotency_key,
                          request->fingerprint, NULL);
      _yrs_stmt_bind_int64 (claim, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (_yrs_stmt_step (claim) != YRS_DB_DONE)
        {
          _yrs_server_count_db_error ();
          g_warning ("idempotency: %s", _yrs_db_errmsg (request->db));
          return unavailable_response ();
        }
      if (_yrs_db_changes (request->db) == 0)
        {
          /* Another transaction committed this key while we waited. */
          stored = stored_response (request->db, request->idempotency_scope,
                                    request->idempotency_key, request->fingerprint,
                                    request->fingerprint_previous, &found);
          if (found)
            return stored;
          return unavailable_response ();
        }
      request->claimed = TRUE;
    }
  return NULL;
}

/* Fills in the claimed key with the answer, or gives the claim up when
 * the answer is not to be kept. */
static void
store_response (YrsRequest  *request,
                YrsResponse *response)
{
  g_autoptr(YrsStmt) stmt = NULL;
  gsize length = 0;
  const void *data = response->body != NULL ? g_bytes_get_data (response->body, &length) : "";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!response->store)
    {
      stmt = _yrs_db_prepare (request->db,
                              "DELETE FROM idempotency WHERE principal = ? AND key = ? AND status = 0");
      _yrs_db_bind_texts (stmt, request->idempotency_scope, request->idempotency_key, NULL);
      _yrs_stmt_step (stmt);
      return;
    }
  stmt = _yrs_db_prepare (request->db,
                          "UPDATE idempotency SET status = ?1, content_type = ?2, body = ?3, "
                          "created_unix = ?4 WHERE principal = ?5 AND key = ?6");
  _yrs_stmt_bind_int (stmt, 1, response->status);
  _yrs_stmt_bind_text (stmt, 2, response->content_type != NULL ? response->content_type : "");
  _yrs_stmt_bind_blob (stmt, 3, data != NULL ? data : "", length);
  _yrs_stmt_bind_int64 (stmt, 4, now);
  _yrs_stmt_bind_text (stmt, 5, request->idempotency_scope);
  _yrs_stmt_bind_text (stmt, 6, request->idempotency_key);
  _yrs_stmt_step (stmt);

  if (g_atomic_int_add (&idempotency_stores, 1) % 500 == 499)
    {
      g_autoptr(YrsStmt) purge =
        _yrs_db_prepare (request->db, "DELETE FROM idempotency WHERE created_unix < ? AND status <> 0");

      _yrs_stmt_bind_int64 (purge, 1, now - YRS_SERVER_IDEMPOTENCY_KEEP);
      _yrs_stmt_step (purge);
    }
}

static gboolean
is_valid_key (const char *key)
{
  gsize n = 0;

  for (const char *p = key; *p != '\0'; p++, n++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return n >= 1 && n <= 128;
}

static YrsResponse *
check_auth (YrsRequest     *request,
            const YrsRoute *route,
            const char     *authorization)
{
  YrsResponse *response;
  const char *token = NULL;

  if (route->auth == YRS_AUTH_NONE)
    return NULL;

  if (authorization != NULL &&
      g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    {
      token = authorization + 7;
      while (*token == ' ')
        token++;
      if (*token == '\0' || strlen (token) > 256)
        token = NULL;
    }

  if (token == NULL || !_yrs_auth_lookup (request->db, token, &request->principal))
    {
      response = _yrs_response_new_error (401, YRS_API_PROBLEM_UNAUTHORIZED,
                                          "Unauthorized",
                                          "A valid bearer token is required.");
      _yrs_response_add_header (response, "WWW-Authenticate", "Bearer realm=\"yorisoi\"");
      return response;
    }
  if ((route->auth == YRS_AUTH_STAFF || route->auth == YRS_AUTH_SUPERVISOR) &&
      request->principal.kind != YRS_AUTH_STAFF)
    return _yrs_response_new_error (403, YRS_API_PROBLEM_FORBIDDEN, "Forbidden",
                                    "This needs a staff session.");
  if (route->auth == YRS_AUTH_SUPERVISOR && !request->principal.supervisor)
    return _yrs_response_new_error (403, YRS_API_PROBLEM_FORBIDDEN, "Forbidden",
                                    "This needs a supervisor.");
  return NULL;
}

static gboolean
is_json_type (const char *content_type)
{
  g_autofree char *lower = NULL;

  if (content_type == NULL)
    return FALSE;
  lower = g_ascii_strdown (content_type, -1);
  return g_str_has_prefix (lower, "application/json") &&
         (lower[16] == '\0' || lower[16] == ';' || lower[16] == ' ');
}

static YrsResponse *
process (Job     *job,
         YrsDb *db)
{
  const YrsRoute *route = job->route;
  YrsRequest request = {
    .server = job->server,
    .db = db,
    .method = job->method,
    .path = job->path,
    .remote = job->remote,
    .query = job->query,
    .params = job->params,
    .body = job->body,
    .if_none_match = job->if_none_match,
  };
  YrsResponse *response;
  g_autoptr(GError) error = NULL;

  response = check_auth (&request, route, job->authorization);
  if (response != NULL)
    {
      response->store = FALSE;
      goto out;
    }

  if (route->idempotent)
    {
      gboolean found;

      if (job->idempotency_key == NULL)
        {
          response = _yrs_response_new_error (400, YRS_API_PROBLEM_IDEMPOTENCY_KEY_MISSING,
                                              "Idempotency-Key missing",
                                              "Every POST and DELETE needs an Idempotency-Key header.");
          goto out;
        }
      if (!is_valid_key (job->idempotency_key))
        {
          response = _yrs_response_new_error (400, YRS_API_PROBLEM_BAD_REQUEST,
                                              "Bad Idempotency-Key",
                                              "An Idempotency-Key is 1 to 128 visible ASCII characters.");
          goto out;
        }
      request.idempotency_key = job->idempotency_key;
      request.idempotency_scope = request.principal.name != NULL ? request.principal.name : "-";
      request.fingerprint = _yrs_auth_fingerprint (job->server->secret, job->method,
                                                   job->path, job->body);
      if (job->server->has_previous_secret)
        request.fingerprint_previous = _yrs_auth_fingerprint (job->server->previous_secret,
                                                              job->method, job->path, job->body);
      response = stored_response (db, request.idempotency_scope, request.idempotency_key,
                                  request.fingerprint, request.fingerprint_previous, &found);
      if (found)
        goto out;
    }

  if (route->has_body && !is_json_type (job->content_type))
    {
      response = _yrs_response_new_error (415, YRS_API_PROBLEM_UNSUPPORTED_MEDIA_TYPE,
                                          "Unsupported media type",
                                          "The body must be application/json.");
      response->store = FALSE;
      goto out;
    }

  response = route->handler (&request);

  if (response->status >= 500)
    {
      if (request.in_transaction)
        _yrs_db_exec (db, "ROLLBACK;", NULL);
      request.in_transaction = FALSE;
      goto out;
    }
  /* An answer given from a stored one (or an error) is not stored again;
   * a claim still held by this request is filled in or given up below. */

  if (request.idempotency_key != NULL && response->store && !request.in_transaction)
    {
      YrsResponse *first = _yrs_request_begin (&request);

      if (first != NULL)
        {
          /* Nothing was written for this answer: give the first one. */
          _yrs_response_free (response);
          response = first;
        }
    }
  if (request.claimed)
    store_response (&request, response);

  if (request.in_transaction && !_yrs_db_exec (db, "COMMIT;", &error))
    {
      _yrs_server_count_db_error ();
      g_warning ("%s", error->message);
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      _yrs_response_free (response);
      response = unavailable_response ();
    }
  request.in_transaction = FALSE;

out:
  g_free (request.fingerprint);
  g_free (request.fingerprint_previous);
  g_free (request.principal.id);
  g_free (request.principal.token_hash);
  g_free (request.principal.name);
  g_free (request.principal.ward);
  return response;
}

static void
job_free (Job *job)
{
  g_object_unref (job->server);
  _yrs_http_conn_unref (job->conn);
  g_free (job->remote);
  g_free (job->method);
  g_free (job->path);
  g_clear_pointer (&job->query, g_hash_table_unref);
  g_strfreev (job->params);
  g_clear_pointer (&job->body, g_bytes_unref);
  if (job->authorization != NULL)
    sodium_memzero (job->authorization, strlen (job->authorization));
  g_free (job->authorization);
  g_free (job->idempotency_key);
  g_free (job->if_none_match);
  g_free (job->content_type);
  _yrs_response_free (job->response);
  g_free (job);
}

static void
signin_release (YrsServer  *self,
                const char *source)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->signin_waiting, source));

  if (n <= 1)
    g_hash_table_remove (self->signin_waiting, source);
  else
    g_hash_table_insert (self->signin_waiting, g_strdup (source), GUINT_TO_POINTER (n - 1));
  self->signin_total--;
}

static gboolean
send_job (gpointer data)
{
  Job *job = data;

  if (job->route->slow)
    signin_release (job->server, job->remote);

  _yrs_http_conn_respond (job->conn, g_steal_pointer (&job->response),
                          job->route->pattern, FALSE);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gboolean
job_done (gpointer data)
{
  Job *job = data;

  if (job->response->delay_ms > 0)
    {
      GSource *source = g_timeout_source_new (job->response->delay_ms);

      g_source_set_callback (source, send_job, job, NULL);
      g_source_attach (source, job->server->context);
      g_source_unref (source);
    }
  else
    send_job (job);
  return G_SOURCE_REMOVE;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;
  YrsServer *self = user_data;
  g_autoptr(GError) error = NULL;
  YrsDb *db = _yrs_db_pool_acquire (self->db_pool, DB_WAIT_MS, &error);

  if (db == NULL)
    {
      _yrs_server_count_db_error ();
      g_warning ("%s", error->message);
      job->response = unavailable_response ();
    }
  else
    {
      job->response = process (job, db);
      /* A handler must not leave a transaction open: the connection would
       * keep an old snapshot and could not write again. */
      if (!_yrs_db_is_broken (db) && _yrs_db_in_transaction (db))
        {
          g_critical ("%s %s left a transaction open", job->route->method, job->route->pattern);
          _yrs_db_exec (db, "ROLLBACK;", NULL);
        }
      /* The database went away during the request: whatever the handler
       * made of its failed statements (a token not found is no 401, a row
       * not read no 404), the answer is "come back". A write whose COMMIT
       * was lost is found by its Idempotency-Key when the client does. */
      if (_yrs_db_is_broken (db))
        {
          _yrs_response_free (job->response);
          job->response = unavailable_response ();
        }
      _yrs_db_pool_release (self->db_pool, db);
    }

  g_main_context_invoke (self->context, job_done, job);
}

/* Main-thread side */

static char **
match_pattern (const char *pattern,
               const char *path)
{
  g_auto(GStrv) want = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) params = NULL;

  if (g_strv_length (want) != g_strv_length (have))
    return NULL;
  params = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; want[i] != NULL; i++)
    {
      if (want[i][0] == '{')
        {
          if (have[i][0] == '\0' || strlen (have[i]) > 128)
            return NULL;
          g_ptr_array_add (params, g_strdup (have[i]));
        }
      else if (strcmp (want[i], have[i]) != 0)
        return NULL;
    }
  g_ptr_array_add (params, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&params), FALSE);
}

static const YrsRoute *
find_route (const char *method,
            const char *path,
            char     ***params,
            GString    *allow)
{
  guint n_routes;
  const YrsRoute *routes = _yrs_server_get_routes (&n_routes);
  const YrsRoute *found = NULL;

  if (strcmp (method, "HEAD") == 0)
    method = "GET";
  for (guint i = 0; i < n_routes; i++)
    {
      char **p = match_pattern (routes[i].pattern, path);

      if (p == NULL)
        continue;
      if (found == NULL && strcmp (routes[i].method, method) == 0)
        {
          found = &routes[i];
          *params = p;
          continue;
        }
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].method);
      g_strfreev (p);
    }
  return found;
}

/* The path for the log: query values dropped, odd bytes escaped, short. */
static char *
loggable_path (const char *target)
{
  const char *query = strchr (target, '?');
  GString *out = g_string_new (NULL);

  for (const char *p = target; *p != '\0' && *p != '?' && out->len < 200; p++)
    {
      if (*p > 0x20 && *p < 0x7f)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", (guint8) *p);
    }
  if (query != NULL && query[1] != '\0')
    {
      g_auto(GStrv) pairs = g_strsplit (query + 1, "&", 20);

      g_string_append_c (out, '?');
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          const char *eq = strchr (pairs[i], '=');
          gsize len = eq != NULL ? (gsize) (eq - pairs[i]) : strlen (pairs[i]);

          if (i > 0)
            g_string_append_c (out, '&');
          for (gsize j = 0; j < len && j < 32; j++)
            g_string_append_c (out, g_ascii_isalnum (pairs[i][j]) || pairs[i][j] == '_'
                                      ? pairs[i][j] : '_');
        }
    }
  return g_string_free (out, FALSE);
}

static const char * const log_methods[] = {
  "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", NULL
};

static void
count_request (YrsServer  *self,
               const char *method,
               const char *route,
               guint       status,
               double      ms)
{
  g_autofree char *key = g_strdup_printf ("%s\t%s\t%u", method, route, status);
  g_autofree char *series = g_strdup_printf ("%s\t%s", method, route);
  guint64 *count = g_hash_table_lookup (self->metric_requests, key);
  Histogram *histogram = g_hash_table_lookup (self->metric_latency, series);
  double seconds = ms / 1000.0;

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (self->metric_requests, g_steal_pointer (&key), count);
    }
  (*count)++;
  if (histogram == NULL)
    {
      histogram = g_new0 (Histogram, 1);
      g_hash_table_insert (self->metric_latency, g_steal_pointer (&series), histogram);
    }
  for (guint i = 0; i < G_N_ELEMENTS (latency_buckets); i++)
    if (seconds <= latency_buckets[i])
      histogram->buckets[i]++;
  histogram->count++;
  histogram->sum += seconds;
}

/* One structured line per request: the route's template (never the path
 * as sent, which may hold a receipt reference), the query's keys without
 * their values, never a token or a body. */
static void
log_request (const char *method,
             const char *route,
             const char *target,
             guint       status,
             double      ms,
             const char *request_id,
             gpointer    user_data)
{
  YrsServer *self = user_data;
  const char *query = target != NULL ? strchr (target, '?') : NULL;
  g_autofree char *keys = NULL;
  g_autofree char *where = NULL;
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  g_autofree char *ms_text = g_strdup_printf ("%.2f", ms);

  /* Methods outside HTTP's usual set are logged as "OTHER". */
  if (method == NULL || !g_strv_contains (log_methods, method))
    method = "OTHER";
  if (query != NULL && route != NULL)
    {
      g_autofree char *loggable = loggable_path (query);

      keys = g_steal_pointer (&loggable);
    }
  where = g_strconcat (route != NULL ? route : "-", keys != NULL ? keys : "", NULL);
  count_request (self, method, route != NULL ? route : "-", status, ms);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "YRS_REQUEST_ID", request_id != NULL ? request_id : "-",
                    "YRS_METHOD", method,
                    "YRS_ROUTE", route != NULL ? route : "-",
                    "YRS_STATUS", status_text,
                    "YRS_DURATION_MS", ms_text,
                    "MESSAGE", "request %s %s %u %.2fms id=%s", method, where, status, ms,
                    request_id != NULL ? request_id : "-");
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  static int journald = -1;
  const char *message = NULL;
  gboolean request_line = FALSE;

  if (journald < 0)
    journald = g_log_writer_is_journald (fileno (stderr));
  if (journald)
    return g_log_writer_journald (level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
      else if (strcmp (fields[i].key, "YRS_REQUEST_ID") == 0 ||
               strcmp (fields[i].key, "YRS_EVENT") == 0)
        request_line = TRUE;
    }
  if (request_line && message != NULL)
    {
      /* The request log: one plain line (tests and the demo read it). */
      fprintf (stderr, "%s\n", message);
      fflush (stderr);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
yrs_server_install_log_writer (void)
{
  g_log_set_writer_func (log_writer, NULL, NULL);
}

static gboolean
is_local_or_token (YrsServer                *self,
                   const YrsHttpRequest     *request)
{
  const char *authorization;
  const char *token;

  /* The host itself; other loopback addresses (127.0.0.2…) are treated as
   * anyone else, which also lets a test play a stranger on loopback. */
  if (g_strcmp0 (request->remote, "127.0.0.1") == 0 || g_strcmp0 (request->remote, "::1") == 0)
    return TRUE;
  authorization = soup_message_headers_get_one (request->headers, "Authorization");
  if (self->metrics_token == NULL || authorization == NULL ||
      g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;
  token = authorization + 7;
  return strlen (token) == strlen (self->metrics_token) &&
         sodium_memcmp (token, self->metrics_token, strlen (token)) == 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static void
append_escaped (GString    *out,
                const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

/* GET /metrics: the Prometheus text format (0.0.4). */
static YrsResponse *
metrics_response (YrsServer *self)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = sorted_keys (self->metric_requests);
  g_autoptr(GPtrArray) series = sorted_keys (self->metric_latency);
  YrsResponse *response;


  g_string_append (out, "# HELP yrs_http_requests_total Requests answered, by method, route template and status.\n"
                        "# TYPE yrs_http_requests_total counter\n");
  for (guint i = 0; i < keys->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (keys, i), "\t", 3);
      guint64 *count = g_hash_table_lookup (self->metric_requests, g_ptr_array_index (keys, i));

      g_string_append (out, "yrs_http_requests_total{method=\"");
      append_escaped (out, parts[0]);
      g_string_append (out, "\",route=\"");
      append_escaped (out, parts[1]);
      g_string_append_printf (out, "\",status=\"%s\"} %" G_GUINT64_FORMAT "\n", parts[2], *count);
    }

  g_string_append (out, "# HELP yrs_http_request_duration_seconds Time from a request's head to its answer written.\n"
                        "# TYPE yrs_http_request_duration_seconds histogram\n");
  for (guint i = 0; i < series->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (series, i), "\t", 2);
      Histogram *histogram = g_hash_table_lookup (self->metric_latency, g_ptr_array_index (series, i));
      g_autoptr(GString) labels = g_string_new ("method=\"");

      append_escaped (labels, parts[0]);
      g_string_append (labels, "\",route=\"");
      append_escaped (labels, parts[1]);
      g_string_append_c (labels, '"');
      for (guint b = 0; b < G_N_ELEMENTS (latency_buckets); b++)
        {
          char le[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (le, sizeof le, latency_buckets[b]);
          g_string_append_printf (out, "yrs_http_request_duration_seconds_bucket{%s,le=\"%s\"} %" G_GUINT64_FORMAT "\n",
                                  labels->str, le, histogram->buckets[b]);
        }
      g_string_append_printf (out, "yrs_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %" G_GUINT64_FORMAT "\n",
                              labels->str, histogram->count);
      {
        char sum[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_dtostr (sum, sizeof sum, histogram->sum);
        g_string_append_printf (out, "yrs_http_request_duration_seconds_sum{%s} %s\n", labels->str, sum);
      }
      g_string_append_printf (out, "yrs_http_request_duration_seconds_count{%s} %" G_GUINT64_FORMAT "\n",
                              labels->str, histogram->count);
    }

  g_string_append_printf (out,
                          "# HELP yrs_db_errors_total Database errors (failed statements, busy, unopenable).\n"
                          "# TYPE yrs_db_errors_total counter\n"
                          "yrs_db_errors_total %d\n"
                          "# HELP yrs_open_connections Client connections open now.\n"
                          "# TYPE yrs_open_connections gauge\n"
                          "yrs_open_connections %u\n"
                          "# HELP yrs_signins_waiting Sign-ins queued for the Argon2id pool.\n"
                          "# TYPE yrs_signins_waiting gauge\n"
                          "yrs_signins_waiting %u\n"
                          "# HELP yrs_start_time_seconds When the server started (Unix time).\n"
                          "# TYPE yrs_start_time_seconds gauge\n"
                          "yrs_start_time_seconds %" G_GINT64_FORMAT "\n",
                          g_atomic_int_get (&db_errors),
                          self->http != NULL ? _yrs_http_get_n_connections (self->http) : 0,
                          self->signin_total, self->started_unix);

  response = _yrs_response_new (200);
  response->content_type = g_strdup ("text/plain; version=0.0.4; charset=utf-8");
  response->body = g_bytes_new_take (out->str, out->len);
  g_string_free (out, FALSE);
  return response;
}

static void
respond_now (YrsHttpConn *conn,
             YrsResponse *response)
{
  _yrs_http_conn_respond (conn, response, NULL, FALSE);
}

static void
dispatch (YrsHttpConn          *conn,
          const YrsHttpRequest *request,
          gpointer              user_data)
{
  YrsServer *self = user_data;
  SoupMessageHeaders *headers = request->headers;
  const char *path = request->path;
  g_autoptr(GString) allow = g_string_new (NULL);
  const YrsRoute *route;
  char **params = NULL;
  Job *job;

  if (!g_utf8_validate (path, -1, NULL))
    {
      respond_now (conn, _yrs_response_new_error (400, YRS_API_PROBLEM_BAD_REQUEST,
                                                  "Bad request", "The path is not UTF-8."));
      return;
    }

  route = find_route (request->method, path, &params, allow);
  if (route == NULL && allow->len == 0)
    {
      respond_now (conn, _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND,
                                                  "Not found", "There is no such route."));
      return;
    }
  if (route == NULL)
    {
      YrsResponse *response = _yrs_response_new_error (405, YRS_API_PROBLEM_METHOD_NOT_ALLOWED,
                                                       "Method not allowed", NULL);

      _yrs_response_add_header (response, "Allow", allow->str);
      respond_now (conn, response);
      return;
    }

  if (route->local_only && !is_local_or_token (self, request))
    {
      _yrs_http_conn_respond (conn, _yrs_response_new_error (404, YRS_API_PROBLEM_NOT_FOUND,
                                                             "Not found", "There is no such route."),
                              NULL, FALSE);
      g_strfreev (params);
      return;
    }
  if (route->handler == NULL)
    {
      /* GET /metrics, from the main thread's counters. */
      _yrs_http_conn_respond (conn, metrics_response (self), route->pattern, FALSE);
      g_strfreev (params);
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->conn = _yrs_http_conn_ref (conn);
  job->route = route;
  job->remote = g_strdup (request->remote);
  job->method = g_strdup (route->method);
  job->path = g_strdup (path);
  job->params = params;
  if (request->query != NULL)
    job->query = soup_form_decode (request->query);
  job->body = g_bytes_ref (request->body);
  job->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  job->idempotency_key = g_strdup (soup_message_headers_get_one (headers, "Idempotency-Key"));
  job->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  job->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  if (route->slow)
    {
      /* Sign-in (Argon2id: 64 MiB and ~0.1 s of a core each) runs on its
       * own small pool, so a flood of them waits there and not in front
       * of every other route; a few waiting per address and a few more
       * in all, the rest are told to come back. */
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->signin_waiting, request->remote));

      if (n >= YRS_SERVER_SIGNIN_PER_SOURCE || self->signin_total >= YRS_SERVER_SIGNIN_QUEUE)
        {
          YrsResponse *busy = _yrs_response_new_error (429, YRS_API_PROBLEM_TOO_MANY_ATTEMPTS,
                                                       "Too many sign-ins at once",
                                                       "Sign-in is busy; try again in a moment.");

          _yrs_response_add_header (busy, "Retry-After", "1");
          _yrs_http_conn_respond (conn, busy, route->pattern, FALSE);
          job_free (job);
          return;
        }
      g_hash_table_insert (self->signin_waiting, g_strdup (request->remote),
                           GUINT_TO_POINTER (n + 1));
      self->signin_total++;
      g_thread_pool_push (self->signin_pool, job, NULL);
      return;
    }
  g_thread_pool_push (self->pool, job, NULL);
}

/* Retention, in a thread of its own with its own connection. */

static void
retention_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  YrsServer *self = source_object;
  g_autoptr(GError) error = NULL;
  YrsDb *db = _yrs_db_open (self->db_path, &error);
  YrsRetention counts = { 0 };

  if (db == NULL || !_yrs_db_retention (db, self->retention_days, &counts, &error))
    {
      _yrs_server_count_db_error ();
      g_warning ("retention: %s", error->message);
    }
  else
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                      "YRS_EVENT", "retention",
                      "MESSAGE", "retention: %d keys, %d sessions deleted; personal fields of "
                      "%d registrations and %d applications erased",
                      counts.keys, counts.sessions, counts.registrations, counts.applications);
  if (db != NULL)
    _yrs_db_close (db);
  g_task_return_boolean (task, TRUE);
}

static void
retention_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  YrsServer *self = YRS_SERVER (source);

  self->retention_running = FALSE;
}

static gboolean
retention_tick (gpointer data)
{
  YrsServer *self = data;
  g_autoptr(GTask) task = NULL;

  if (self->retention_running)
    return G_SOURCE_CONTINUE;
  self->retention_running = TRUE;
  task = g_task_new (self, NULL, retention_done, NULL);
  g_task_run_in_thread (task, retention_thread);
  return G_SOURCE_CONTINUE;
}

/* Object */

static void
yrs_server_finalize (GObject *object)
{
  YrsServer *self = YRS_SERVER (object);

  g_clear_handle_id (&self->retention_source, g_source_remove);
  g_clear_pointer (&self->http, _yrs_http_free);
  g_clear_object (&self->certificate);
  g_clear_object (&self->listener);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->listen);
  g_free (self->db_path);
  g_clear_pointer (&self->db_pool, _yrs_db_pool_free);
  g_clear_pointer (&self->catalog, g_bytes_unref);
  g_free (self->catalog_etag);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->programmes, g_hash_table_unref);
  g_clear_object (&self->core_catalog);
  g_clear_pointer (&self->signin_waiting, g_hash_table_unref);
  g_clear_pointer (&self->metric_requests, g_hash_table_unref);
  g_clear_pointer (&self->metric_latency, g_hash_table_unref);
  if (self->metrics_token != NULL)
    sodium_memzero (self->metrics_token, strlen (self->metrics_token));
  g_free (self->metrics_token);
  g_free (self->demo_staff_id);
  g_free (self->demo_password);
  g_free (self->demo_kiosk_token);
  sodium_memzero (self->secret, sizeof self->secret);
  sodium_memzero (self->family_key, sizeof self->family_key);
  sodium_memzero (self->previous_secret, sizeof self->previous_secret);

  G_OBJECT_CLASS (yrs_server_parent_class)->finalize (object);
}

static void
yrs_server_dispose (GObject *object)
{
  YrsServer *self = YRS_SERVER (object);

  /* Jobs hold a reference, so by now none is running. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  if (self->signin_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->signin_pool), FALSE, TRUE);

  G_OBJECT_CLASS (yrs_server_parent_class)->dispose (object);
}

static void
yrs_server_class_init (YrsServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_server_dispose;
  object_class->finalize = yrs_server_finalize;
}

static void
yrs_server_init (YrsServer *self)
{
}

/* Below the descriptor limit, with room for the databases and the log. */
static guint
default_max_connections (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return 4096;
  return limit.rlim_cur > 128 ? (guint) MIN (limit.rlim_cur - 64, 65536) : 64;
}

static char *
random_password (void)
{
  static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  char text[17];

  for (int i = 0; i < 16; i++)
    text[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
  text[16] = '\0';
  return g_strdup (text);
}

static gboolean
setup_database (YrsServer *self,
                gboolean   demo,
                GError   **error)
{
  YrsDb *db = _yrs_db_open (self->db_path, error);
  g_autofree char *secret_hex = NULL;
  gboolean ok = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (db == NULL)
    return FALSE;
  if (!_yrs_db_migrate (db, error) ||
      !_yrs_db_begin_exclusive (db, error))
    goto out;

  /* The fingerprint secret lives in the database: every instance on it
   * fingerprints a request alike (a duplicate may reach any of them). */
  secret_hex = _yrs_db_get_meta (db, "secret");
  if (secret_hex == NULL ||
      sodium_hex2bin (self->secret, sizeof self->secret, secret_hex,
                      strlen (secret_hex), NULL, NULL, NULL) != 0)
    {
      char hex[65];

      randombytes_buf (self->secret, sizeof self->secret);
      sodium_bin2hex (hex, sizeof hex, self->secret, sizeof self->secret);
      _yrs_db_set_meta (db, "secret", hex);
    }

  /* The key of the cases' family match keys, in the database too (every
   * instance matches a family alike). Not rotated with the secret: a
   * new key would match no stored case. */
  {
    g_autofree char *family_hex = _yrs_db_get_meta (db, "family_key");

    if (family_hex == NULL ||
        sodium_hex2bin (self->family_key, sizeof self->family_key, family_hex,
                        strlen (family_hex), NULL, NULL, NULL) != 0)
      {
        char hex[65];

        randombytes_buf (self->family_key, sizeof self->family_key);
        sodium_bin2hex (hex, sizeof hex, self->family_key, sizeof self->family_key);
        _yrs_db_set_meta (db, "family_key", hex);
        sodium_memzero (hex, sizeof hex);
      }
    if (!_yrs_visit_add_match_keys (self, db))
      {
        g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE, "cases: %s", _yrs_db_errmsg (db));
        goto rollback;
      }
  }

  {
    g_autofree char *previous_hex = _yrs_db_get_meta (db, "secret_previous");

    self->has_previous_secret =
      previous_hex != NULL &&
      sodium_hex2bin (self->previous_secret, sizeof self->previous_secret, previous_hex,
                      strlen (previous_hex), NULL, NULL, NULL) == 0;
  }

  {
    g_autoptr(YrsStmt) purge_keys =
      _yrs_db_prepare (db, "DELETE FROM idempotency WHERE created_unix < ?");
    g_autoptr(YrsStmt) purge_sessions =
      _yrs_db_prepare (db, "DELETE FROM sessions WHERE expires_unix < ?");
    g_autoptr(YrsStmt) purge_failures =
      _yrs_db_prepare (db, "DELETE FROM signin_failures WHERE last_ms < ?");

    _yrs_stmt_bind_int64 (purge_keys, 1, now - YRS_SERVER_IDEMPOTENCY_KEEP);
    _yrs_stmt_step (purge_keys);
    _yrs_stmt_bind_int64 (purge_sessions, 1, now);
    _yrs_stmt_step (purge_sessions);
    _yrs_stmt_bind_int64 (purge_failures, 1, (now - YRS_SERVER_FAILURE_WINDOW) * 1000);
    _yrs_stmt_step (purge_failures);
  }

  if (!_yrs_seed_facilities (db, self->facilities, error))
    goto rollback;

  if (demo)
    {
      /* New credentials on every start (only hashes are kept, so the
       * printed ones must be fresh), unless YRS_DEMO_PASSWORD and
       * YRS_DEMO_KIOSK_TOKEN give them: tests restart a server that way. */
      const char *password = g_getenv ("YRS_DEMO_PASSWORD");
      const char *token = g_getenv ("YRS_DEMO_KIOSK_TOKEN");

      self->demo_staff_id = g_strdup ("staff-demo");
      self->demo_password = password != NULL && *password != '\0'
                            ? g_strdup (password) : random_password ();
      if (!_yrs_auth_set_staff_password (db, self->demo_staff_id,
                                         self->demo_password, error) ||
          !_yrs_db_exec (db, "UPDATE staff SET role = 'supervisor', disabled = 0 "
                             "WHERE id = 'staff-demo';", error) ||
          !_yrs_db_exec (db, "DELETE FROM devices WHERE name = 'kiosk-demo';", error))
        goto rollback;
      self->demo_kiosk_token = _yrs_auth_add_device (db, "kiosk-demo",
                                                     token != NULL && *token != '\0' ? token : NULL,
                                                     error);
      if (self->demo_kiosk_token == NULL ||
          !_yrs_seed_demo_slots (db, self->facilities, 60, error))
        goto rollback;
    }

  ok = _yrs_db_exec (db, "COMMIT;", error);
  goto out;

rollback:
  _yrs_db_exec (db, "ROLLBACK;", NULL);
out:
  _yrs_db_close (db);
  return ok;
}

YrsServer *
yrs_server_new (const YrsServerConfig *config,
                GError               **error)
{
  g_autoptr(YrsServer) self = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;

  g_return_val_if_fail (config != NULL && config->db_path != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_DATABASE,
                   "libsodium cannot start");
      return NULL;
    }

  self = g_object_new (YRS_TYPE_SERVER, NULL);
  self->listen = g_strdup (config->listen != NULL ? config->listen : "127.0.0.1");
  self->port = config->port;
  self->db_path = g_strdup (config->db_path);
  self->approve_after = config->approve_after;
  self->cases_page_size = config->cases_page_size > 0 ? config->cases_page_size : 100;
  self->workers = config->workers > 0 ? config->workers : DEFAULT_WORKERS;
  self->context = g_main_context_ref_thread_default ();

  if (!_yrs_seed_load_catalog (config->catalog_path, &self->core_catalog, &self->catalog,
                               &self->facilities, &self->programmes, error))
    return NULL;
  {
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256,
                                                         self->catalog);

    self->catalog_etag = g_strdup_printf ("\"%.32s\"", sum);
  }

  if (!setup_database (self, config->demo, error))
    return NULL;
  self->db_pool = _yrs_db_pool_new (self->db_path,
                                    config->db_pool > 0 ? (guint) config->db_pool
                                                        : (guint) self->workers);

  if ((config->tls_cert == NULL) != (config->tls_key == NULL))
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_TLS,
                   "--tls-cert and --tls-key go together");
      return NULL;
    }
  if (config->tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (config->tls_cert,
                                                      config->tls_key, error);
      if (certificate == NULL)
        return NULL;
    }

  self->certificate = g_steal_pointer (&certificate);
  self->limits.header_timeout_ms = (config->header_timeout > 0 ? config->header_timeout : 10) * 1000;
  self->limits.body_timeout_ms = (config->body_timeout > 0 ? config->body_timeout : 30) * 1000;
  self->limits.idle_timeout_ms = (config->idle_timeout > 0 ? config->idle_timeout : 60) * 1000;
  self->limits.write_timeout_ms = 30 * 1000;
  self->limits.max_connections = config->max_connections > 0 ? (guint) config->max_connections
                                                             : default_max_connections ();
  self->limits.max_body = YRS_API_MAX_BODY_BYTES;

  self->pool = g_thread_pool_new (worker, self, self->workers, FALSE, error);
  if (self->pool == NULL)
    return NULL;
  self->signin_pool = g_thread_pool_new (worker, self, YRS_SERVER_SIGNIN_THREADS, FALSE, error);
  if (self->signin_pool == NULL)
    return NULL;
  self->signin_waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->metric_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metric_latency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metrics_token = config->metrics_token != NULL && *config->metrics_token != '\0'
                        ? g_strdup (config->metrics_token) : NULL;
  self->started_unix = g_get_real_time () / G_USEC_PER_SEC;
  self->retention_days = MAX (0, config->retention_days);
  /* The task holds a reference: the server lives until a run ends. */
  self->retention_source = g_timeout_add_seconds (config->retention_interval > 0
                                                  ? (guint) config->retention_interval : 3600,
                                                  retention_tick, self);

  return g_steal_pointer (&self);
}

gboolean
yrs_server_listen (YrsServer *self,
                   GError   **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->listen);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) listener = NULL;

  g_return_val_if_fail (YRS_IS_SERVER (self), FALSE);

  if (address == NULL)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_LISTEN,
                   "--listen: \"%s\" is not an IP address", self->listen);
      return FALSE;
    }
  if (self->port < 0 || self->port > 65535)
    {
      g_set_error (error, YRS_SERVER_ERROR, YRS_SERVER_ERROR_LISTEN,
                   "--port: %d is not a port", self->port);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (address, self->port);

  /* Our own socket, for a listen backlog that takes a burst of clients
   * (GSocketListener's default is 10). */
  listener = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_option (listener, SOL_SOCKET, SO_REUSEADDR, 1, NULL);
  g_socket_set_listen_backlog (listener, 512);
  if (!g_socket_bind (listener, socket_address, TRUE, error) ||
      !g_socket_listen (listener, error))
    return FALSE;
  g_set_object (&self->listener, listener);
  self->http = _yrs_http_new (listener, self->certificate, &self->limits,
                              dispatch, log_request, self);
  return TRUE;
}

char *
yrs_server_dup_url (YrsServer *self)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *host = NULL;

  if (self->http == NULL || self->listener == NULL)
    return NULL;
  address = g_socket_get_local_address (self->listener, NULL);
  if (address == NULL)
    return NULL;
  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s://%s%s%s:%u", self->certificate != NULL ? "https" : "http",
                          strchr (host, ':') != NULL ? "[" : "", host,
                          strchr (host, ':') != NULL ? "]" : "",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

const char *
yrs_server_get_demo_staff_id (YrsServer *self)
{
  return self->demo_staff_id;
}

const char *
yrs_server_get_demo_password (YrsServer *self)
{
  return self->demo_password;
}

const char *
yrs_server_get_demo_kiosk_token (YrsServer *self)
{
  return self->demo_kiosk_token;
}

char *
yrs_server_dup_route_list (void)
{
  guint n_routes;
  const YrsRoute *routes = _yrs_server_get_routes (&n_routes);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_routes; i++)
    g_string_append_printf (out, "%s %s\n", routes[i].method, routes[i].pattern);
  return g_string_free (out, FALSE);
}
