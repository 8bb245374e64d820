/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TLS or nothing (issue 18): the app sends tokens and personal data only
 * to an https:// server, or to plain http:// on this device itself.
 *
 * A listener on every address of this machine counts the connections it
 * gets. The real sync engine, with a queued application, is pointed at it
 * over plain http:// through the machine's own non-loopback address (as a
 * misconfigured kiosk would point at a server in the next room): it must
 * open no connection, keep the row queued (not rejected: nothing is lost,
 * it goes once the address is corrected) and say why. The same engine
 * pointed at the listener through 127.0.0.1 does connect, which shows the
 * listener would have seen a connection. */

#include "config.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <gio/gio.h>

#include "yrs-server-url.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "../unit/test-store-util.h"

typedef struct
{
  guint     connections;
  gboolean  done;
  GError   *error;
} Counter;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Counter *counter = user_data;

  counter->connections++;
  /* Close at once: the engine sees a broken answer, a transient error. */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* An IPv4 address of this machine that is not loopback, or NULL. */
static char *
own_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET)
      {
        char text[INET_ADDRSTRLEN];
        const struct sockaddr_in *in = (const struct sockaddr_in *) i->ifa_addr;

        if ((ntohl (in->sin_addr.s_addr) >> 24) != 127 &&
            inet_ntop (AF_INET, &in->sin_addr, text, sizeof text) != NULL)
          found = g_strdup (text);
      }
  freeifaddrs (list);
  return found;
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Counter *counter = user_data;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &counter->error);
  counter->done = TRUE;
}

static guint
sync_once (const char *url,
           const char *db,
           GError    **error,
           YrsOutboxState *state)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsSyncEngine) engine = NULL;
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(YrsOutboxItem) after = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *full = NULL;
  Counter counter = { 0 };
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &local);
  g_assert_no_error (local);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), &counter);
  g_socket_service_start (service);

  store = yrs_store_open (db, &local);
  g_assert_no_error (local);
  item = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "kiosk:test",
                                   "{\"programme\":\"support_payment_pregnancy\",\"fields\":{\"applicant.name\":\"平文 禁子\"}}",
                                   &local);
  g_assert_no_error (local);

  full = g_strdup_printf ("%s:%u", url, port);
  engine = yrs_sync_engine_new (store, full);
  yrs_sync_engine_set_token (engine, "device-token-for-the-test");
  yrs_sync_engine_sync_async (engine, NULL, on_synced, &counter);
  while (!counter.done)
    g_main_context_iteration (NULL, TRUE);
  /* Let a late connection show up. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  after = yrs_store_outbox_get (store, item->idempotency_key, &local);
  g_assert_no_error (local);
  *state = after->state;
  g_socket_service_stop (service);
  g_propagate_error (error, counter.error);
  return counter.connections;
}

static void
test_plain_http_to_another_host (void)
{
  g_autofree char *address = own_address ();
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "insecure.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  YrsOutboxState state;
  guint connections;

  if (address == NULL)
    {
      g_test_skip ("this machine has no non-loopback IPv4 address");
      return;
    }
  url = g_strdup_printf ("http://%s", address);
  connections = sync_once (url, db, &error, &state);
  g_test_message ("plain http:// to %s: %u connections, %s", address, connections,
                  error != NULL ? error->message : "no error");
  g_assert_cmpuint (connections, ==, 0);
  g_assert_error (error, YRS_API_ERROR, YRS_API_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_assert_cmpint (state, ==, YRS_OUTBOX_STATE_QUEUED);
  store_test_rm_rf (dir);
}

static void
test_plain_http_to_this_device (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "loopback.db", NULL);
  g_autoptr(GError) error = NULL;
  YrsOutboxState state;
  guint connections = sync_once ("http://127.0.0.1", db, &error, &state);

  /* It tried: the listener closed on it, a transient error. */
  g_assert_cmpuint (connections, >=, 1);
  g_assert_false (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_INSECURE));
  g_assert_cmpint (state, ==, YRS_OUTBOX_STATE_QUEUED);
  store_test_rm_rf (dir);
}

static void
test_check (void)
{
  const char *good[] = {
    "https://yorisoi.city.kobe.lg.jp", "https://192.0.2.10:8443/api", "HTTPS://Example.ORG/",
    "http://127.0.0.1:8080", "http://127.9.8.7", "http://localhost:1234/", "http://[::1]:8080",
  };
  const char *bad[] = {
    "http://yorisoi.city.kobe.lg.jp", "http://192.0.2.10:8080", "http://[2001:db8::1]/",
    "http://127.0.0.1.example.org/", "ftp://127.0.0.1/", "https://", "yorisoi.city.kobe.lg.jp",
    "", "http://user:pw@127.0.0.1/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (yrs_server_url_check (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int code = i < 4 ? G_IO_ERROR_NOT_SUPPORTED : G_IO_ERROR_INVALID_ARGUMENT;

      g_assert_false (yrs_server_url_check (bad[i], &error));
      g_assert_error (error, G_IO_ERROR, code);
    }
  g_assert_false (yrs_server_url_check (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insecure/check", test_check);
  g_test_add_func ("/insecure/plain-http-to-another-host", test_plain_http_to_another_host);
  g_test_add_func ("/insecure/plain-http-to-this-device", test_plain_http_to_this_device);

  return g_test_run ();
}
