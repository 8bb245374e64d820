/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The fault proxy itself: each fault as a plain libsoup client sees it,
 * in front of a small SoupServer that counts what reaches it. */

#define G_LOG_DOMAIN "test-fault-proxy"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "yrs-fault-proxy.h"

typedef struct
{
  SoupServer     *server;
  GSocketService *service;
  char           *server_url;
  YrsFaultProxy  *proxy;
  guint           hits;
  char           *json;
} Fixture;

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fx = user_data;

  fx->hits++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    fx->json, strlen (fx->json));
}

/* Hands each connection to the SoupServer. The server does not listen
 * itself: libsoup 3.2's listener (Debian 12 has 3.2.3) never drops its
 * reference to the GSocket of a connection it accepts, nor the address
 * soup_server_listen_local() looks up, so every request leaked a GSocket
 * (fixed upstream in 3.4.0, b545d5f0 "soup-listener: Plug a leak", and
 * 3.4.3, c07ff61f). Accepting here keeps LeakSanitizer's view of this
 * test to our own code, without a suppression that would also hide
 * sockets we leak. */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, &error);
  g_autoptr(GSocketAddress) remote = NULL;

  if (local != NULL)
    remote = g_socket_connection_get_remote_address (connection, &error);
  if (remote == NULL ||
      !soup_server_accept_iostream (fx->server, G_IO_STREAM (connection), local, remote, &error))
    g_test_message ("test server: a connection refused: %s", error->message);
  return TRUE;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"items\":[");
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (json, "%s{\"n\":%u,\"text\":\"item %u\"}", i ? "," : "", i, i);
  g_string_append (json, "]}");
  fx->json = g_string_free (g_steal_pointer (&json), FALSE);

  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->server, NULL, on_request, fx, NULL);
  fx->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fx->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (fx->service, "incoming", G_CALLBACK (on_incoming), fx);
  fx->server_url = g_strdup_printf ("http://127.0.0.1:%u/",
                                    g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  fx->proxy = yrs_fault_proxy_new (fx->server_url, &error);
  g_assert_no_error (error);
  yrs_fault_proxy_set_drip (fx->proxy, 20, 5);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  yrs_fault_proxy_stop (fx->proxy);
  g_assert_finalize_object (fx->proxy);
  g_socket_service_stop (fx->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fx->service));
  g_clear_object (&fx->service);
  soup_server_disconnect (fx->server);
  g_clear_object (&fx->server);
  g_free (fx->server_url);
  g_free (fx->json);
}

typedef struct
{
  GBytes     *body;
  GError     *error;
  guint       status;
  char       *retry_after;
  gboolean    done;
} Result;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->status = soup_message_get_status (msg);
  r->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Retry-After"));
  r->done = TRUE;
}

/* One GET through the proxy on a fresh session (so libsoup has no reused
 * connection to retry on). */
static void
fetch (Fixture    *fx,
       const char *method,
       Result     *r)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
  g_autofree char *url = g_strconcat (yrs_fault_proxy_get_url (fx->proxy), "/thing", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);

  /* The message takes a reference of its own to the body. */
  if (g_str_equal (method, "POST"))
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  memset (r, 0, sizeof *r);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_error (&r->error);
  g_clear_pointer (&r->retry_after, g_free);
}

static gboolean
body_is_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return json_parser_load_from_data (parser, data, len, NULL);
}

static void
test_none (Fixture       *fx,
           gconstpointer  data)
{
  Result r;

  fetch (fx, "GET", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), fx->json, strlen (fx->json));
  g_assert_cmpuint (fx->hits, ==, 1);
  result_clear (&r);

  fetch (fx, "POST", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpuint (fx->hits, ==, 2);
  g_assert_cmpuint (yrs_fault_proxy_get_n_requests (fx->proxy), ==, 2);
  result_clear (&r);
}

static void
test_status (Fixture       *fx,
             gconstpointer  data)
{
  const YrsFault faults[] = { YRS_FAULT_STATUS_500, YRS_FAULT_STATUS_503, YRS_FAULT_STATUS_429 };
  const guint statuses[] = { 500, 503, 429 };

  yrs_fault_proxy_set_retry_after (fx->proxy, 7);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      Result r;

      yrs_fault_proxy_set_fault (fx->proxy, faults[i]);
      fetch (fx, "POST", &r);
      g_assert_no_error (r.error);
      g_assert_cmpuint (r.status, ==, statuses[i]);
      if (statuses[i] == 500)
        g_assert_null (r.retry_after);
      else
        g_assert_cmpstr (r.retry_after, ==, "7");
      result_clear (&r);
    }
  /* None of them reached the server. */
  g_assert_cmpuint (fx->hits, ==, 0);
  g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_STATUS_503), ==, 1);
}

static void
test_broken (Fixture       *fx,
             gconstpointer  data)
{
  struct { YrsFault fault; guint hits; } cases[] = {
    { YRS_FAULT_RESET_REQUEST, 0 },
    { YRS_FAULT_RESET_RESPONSE, 1 },
    { YRS_FAULT_TRUNCATE, 1 },
    { YRS_FAULT_STALL, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r;

      fx->hits = 0;
      yrs_fault_proxy_set_fault (fx->proxy, cases[i].fault);
      fetch (fx, "POST", &r);
      g_test_message ("%s: %s", yrs_fault_to_string (cases[i].fault),
                      r.error ? r.error->message : "no error");
      g_assert_nonnull (r.error);
      if (cases[i].fault == YRS_FAULT_STALL)
        g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpuint (fx->hits, ==, cases[i].hits);
      result_clear (&r);
    }
}

static void
test_corrupt_and_drip (Fixture       *fx,
                       gconstpointer  data)
{
  Result r;
  gint64 start;

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_CORRUPT_JSON);
  fetch (fx, "GET", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, strlen (fx->json) / 2);
  g_assert_false (body_is_json (r.body));
  result_clear (&r);

  yrs_fault_proxy_set_fault (fx->proxy, YRS_FAULT_DRIP);
  start = g_get_monotonic_time ();
  fetch (fx, "GET", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_true (body_is_json (r.body));
  /* 20 pieces, 5 ms apart */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 19 * 5000);
  result_clear (&r);
  g_assert_cmpuint (fx->hits, ==, 2);
}

static void
test_random (Fixture       *fx,
             gconstpointer  data)
{
  guint weights[YRS_FAULT_N] = { 0 };
  guint first[3] = { 0 };

  weights[YRS_FAULT_NONE] = 1;
  weights[YRS_FAULT_STATUS_500] = 1;
  weights[YRS_FAULT_STATUS_429] = 1;
  for (guint round = 0; round < 2; round++)
    {
      yrs_fault_proxy_reset_counts (fx->proxy);
      yrs_fault_proxy_set_random (fx->proxy, 42, weights);
      for (guint i = 0; i < 30; i++)
        {
          Result r;

          fetch (fx, "GET", &r);
          g_assert_no_error (r.error);
          result_clear (&r);
        }
      g_assert_cmpuint (yrs_fault_proxy_get_n_requests (fx->proxy), ==, 30);
      if (round == 0)
        {
          first[0] = yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_NONE);
          first[1] = yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_STATUS_500);
          first[2] = yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_STATUS_429);
          g_assert_cmpuint (first[0] + first[1] + first[2], ==, 30);
          g_assert_cmpuint (first[0], >, 0);
          g_assert_cmpuint (first[1], >, 0);
          g_assert_cmpuint (first[2], >, 0);
        }
      else
        {
          /* The same seed gives the same faults. */
          g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_NONE), ==, first[0]);
          g_assert_cmpuint (yrs_fault_proxy_get_fault_count (fx->proxy, YRS_FAULT_STATUS_500), ==, first[1]);
        }
    }
}

static void
test_queue_and_scope (Fixture       *fx,
                      gconstpointer  data)
{
  const YrsFault queued[] = { YRS_FAULT_STATUS_503, YRS_FAULT_STATUS_500 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (yrs_fault_proxy_get_url (fx->proxy), "/thing", NULL);
  guint statuses[4];

  yrs_fault_proxy_queue_faults (fx->proxy, queued, 2);
  for (guint i = 0; i < 3; i++)
    {
      Result r;

      fetch (fx, "GET", &r);
      statuses[i] = r.status;
      result_clear (&r);
    }
  g_assert_cmpuint (statuses[0], ==, 503);
  g_assert_cmpuint (statuses[1], ==, 500);
  g_assert_cmpuint (statuses[2], ==, 200);

  /* Per connection: every request on one kept-alive connection gets the
   * fault picked for it. */
  yrs_fault_proxy_set_scope (fx->proxy, YRS_FAULT_SCOPE_CONNECTION);
  yrs_fault_proxy_queue_faults (fx->proxy, queued, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      Result r = { 0 };

      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &r);
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      statuses[i] = r.status;
      result_clear (&r);
    }
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (statuses[i], ==, 503);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fault-proxy/none", test_none);
  ADD ("/fault-proxy/status", test_status);
  ADD ("/fault-proxy/broken", test_broken);
  ADD ("/fault-proxy/corrupt-and-drip", test_corrupt_and_drip);
  ADD ("/fault-proxy/random", test_random);
  ADD ("/fault-proxy/queue-and-scope", test_queue_and_scope);
#undef ADD

  return g_test_run ();
}
