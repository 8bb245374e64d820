/* bench-server-devices.c: the simulated devices of bench-server (issue 15)
 *
 * Copyright 2026 The Yorisoi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * N devices, each a thread with a connection of its own (over https a full
 * TLS handshake of its own, with GnuTLS, the app's TLS library: no session
 * is resumed unless --resume). All wait at one barrier and are released
 * together; each
 * then makes a slot delta sync (GET /v1/slots?since=CURSOR) and one
 * submission (POST /v1/applications with an Idempotency-Key of its own)
 * on that connection, as the app's YrsApiClient does since it marks its
 * keyed writes idempotent.
 *
 * Prints one line per request on stdout:
 *
 *   <device> <get|post> <HTTP status> <µs>
 *
 * the GET's time from connect() to its answer read (connect and TLS
 * handshake included, as a device sees its first request), the POST's from
 * sending to its answer read; then "connect <device> <µs> full|resumed"
 * for the connect and handshake alone, and "wall <µs>" from the release to
 * the last answer.
 *
 *   bench-server-devices --url https://127.0.0.1:PORT --token T
 *     --cursor C [--devices 300] [--ca-file front.pem] [--resume]
 *
 * --resume: returning devices. Before the burst each device connects once,
 * syncs and closes, keeping the TLS session ticket the front gave it; in
 * the burst it offers that ticket (an abbreviated handshake: no
 * certificate sent or checked), as a tablet does that synced an hour ago.
 *
 * Why C: in bench-server.py's Python devices the 300 handshakes and
 * requests cost more CPU (0.68 s a burst) than nginx and the instances
 * together, on the same two cores, and 75 threads per process queued on
 * the GIL. Why not libsoup: glib-networking 2.74 loads the whole system
 * trust store (about 150 certificates) for every new TLS connection,
 * about 10 ms of CPU, which a real device spends on its own processor, not
 * on the server's. Here the CA is loaded once and each connection's
 * handshake is GnuTLS's own work.
 */

#include <errno.h>
#include <glib.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct
{
  gboolean tls;
  char host[64];
  guint16 port;
  const char *token;
  const char *cursor;
  gnutls_certificate_credentials_t credentials;
  gboolean resume;
  GMutex lock;
  GCond cond;
  guint ready;
  gboolean go;
} Burst;

typedef struct
{
  Burst *burst;
  guint index;
  guint get_status;
  guint post_status;
  gint64 connect_us;
  gint64 get_us;
  gint64 post_us;
  gint64 done_at;
  gboolean resumed;
} Device;

typedef struct
{
  int fd;
  gnutls_session_t session;
  GByteArray *in;
} Conn;

static gboolean
conn_write (Conn       *c,
            const char *data,
            gsize       len)
{
  while (len > 0)
    {
      gssize n;

      if (c->session != NULL)
        n = gnutls_record_send (c->session, data, len);
      else
        n = send (c->fd, data, len, MSG_NOSIGNAL);
      if (n < 0)
        {
          if (c->session != NULL && (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED))
            continue;
          if (c->session == NULL && errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Reads more into c->in; FALSE at the end or on an error. */
static gboolean
conn_fill (Conn *c)
{
  guint8 buf[16384];
  gssize n;

  do
    {
      if (c->session != NULL)
        n = gnutls_record_recv (c->session, buf, sizeof buf);
      else
        n = recv (c->fd, buf, sizeof buf, 0);
    }
  while ((c->session != NULL && (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)) ||
         (c->session == NULL && n < 0 && errno == EINTR));
  if (n <= 0)
    return FALSE;
  g_byte_array_append (c->in, buf, n);
  return TRUE;
}

static gssize
find_crlf (GByteArray *in,
           gsize       from)
{
  for (gsize i = from; i + 1 < in->len; i++)
    if (in->data[i] == '\r' && in->data[i + 1] == '\n')
      return i;
  return -1;
}

/* Reads one answer (Content-Length or chunked); its status, or 0. */
static guint
read_answer (Conn *c)
{
  gssize head_end = -1;
  guint status = 0;
  gboolean chunked = FALSE;
  gsize length = 0;
  gsize pos;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;

  for (;;)
    {
      for (gsize i = 0; i + 3 < c->in->len; i++)
        if (memcmp (c->in->data + i, "\r\n\r\n", 4) == 0)
          {
            head_end = i;
            break;
          }
      if (head_end >= 0)
        break;
      if (!conn_fill (c))
        return 0;
    }
  head = g_strndup ((const char *) c->in->data, head_end);
  lines = g_strsplit (head, "\r\n", -1);
  if (sscanf (lines[0], "HTTP/1.%*d %u", &status) != 1)
    return 0;
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
        length = g_ascii_strtoull (lines[i] + 15, NULL, 10);
      else if (g_ascii_strncasecmp (lines[i], "Transfer-Encoding:", 18) == 0 &&
               strstr (lines[i], "chunked") != NULL)
        chunked = TRUE;
    }
  pos = head_end + 4;

  if (!chunked)
    {
      while (c->in->len < pos + length)
        if (!conn_fill (c))
          return 0;
      g_byte_array_remove_range (c->in, 0, pos + length);
      return status;
    }

  for (;;)
    {
      gssize eol;
      gsize size;

      while ((eol = find_crlf (c->in, pos)) < 0)
        if (!conn_fill (c))
          return 0;
      size = g_ascii_strtoull ((const char *) c->in->data + pos, NULL, 16);
      pos = eol + 2;
      while (c->in->len < pos + size + 2)
        if (!conn_fill (c))
          return 0;
      pos += size + 2;
      if (size == 0)
        break;
    }
  g_byte_array_remove_range (c->in, 0, pos);
  return status;
}

static gboolean
conn_open (Conn           *c,
           Burst          *b,
           gnutls_datum_t *resume)
{
  struct sockaddr_in addr = { 0 };
  int one = 1;
  int ret;

  c->fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c->fd < 0)
    return FALSE;
  setsockopt (c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (b->port);
  if (inet_pton (AF_INET, b->host, &addr.sin_addr) != 1)
    return FALSE;
  while ((ret = connect (c->fd, (struct sockaddr *) &addr, sizeof addr)) < 0 && errno == EINTR)
    ;
  if (ret < 0)
    {
      g_printerr ("connect: %s\n", g_strerror (errno));
      return FALSE;
    }
  if (!b->tls)
    return TRUE;

  gnutls_init (&c->session, GNUTLS_CLIENT);
  gnutls_set_default_priority (c->session);
  gnutls_credentials_set (c->session, GNUTLS_CRD_CERTIFICATE, b->credentials);
  gnutls_session_set_verify_cert (c->session, b->host, 0);
  gnutls_transport_set_int (c->session, c->fd);
  if (resume != NULL && resume->data != NULL)
    gnutls_session_set_data (c->session, resume->data, resume->size);
  do
    ret = gnutls_handshake (c->session);
  while (ret < 0 && gnutls_error_is_fatal (ret) == 0);
  if (ret < 0)
    {
      g_printerr ("handshake: %s\n", gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

static void
conn_close (Conn *c)
{
  if (c->session != NULL)
    {
      gnutls_bye (c->session, GNUTLS_SHUT_WR);
      gnutls_deinit (c->session);
    }
  if (c->fd >= 0)
    close (c->fd);
  g_byte_array_unref (c->in);
}

static gpointer
device_thread (gpointer data)
{
  Device *d = data;
  Burst *b = d->burst;
  Conn c = { .fd = -1, .session = NULL, .in = g_byte_array_new () };
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autofree char *get = NULL;
  g_autofree char *post = NULL;
  gnutls_datum_t ticket = { NULL, 0 };
  gint64 start;

  body = g_strdup_printf ("{\"programme\":\"postpartum_care\","
                          "\"fields\":{\"applicant.name\":\"端末 %03u\"}}",
                          d->index);
  get = g_strdup_printf ("GET /v1/slots?since=%s HTTP/1.1\r\n"
                         "Host: %s:%u\r\n"
                         "Accept: application/json\r\n"
                         "Authorization: Bearer %s\r\n"
                         "\r\n",
                         b->cursor, b->host, b->port, b->token);
  post = g_strdup_printf ("POST /v1/applications HTTP/1.1\r\n"
                          "Host: %s:%u\r\n"
                          "Accept: application/json\r\n"
                          "Authorization: Bearer %s\r\n"
                          "Idempotency-Key: %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\n"
                          "\r\n%s",
                          b->host, b->port, b->token, key, strlen (body), body);

  /* A returning device: it has been here before (its first sync, then
   * the connection closed) and offers the session ticket it was given. */
  if (b->resume && b->tls)
    {
      Conn first = { .fd = -1, .session = NULL, .in = g_byte_array_new () };

      if (conn_open (&first, b, NULL) && conn_write (&first, get, strlen (get)) &&
          read_answer (&first) != 0)
        gnutls_session_get_data2 (first.session, &ticket);
      conn_close (&first);
    }

  g_mutex_lock (&b->lock);
  b->ready++;
  g_cond_broadcast (&b->cond);
  while (!b->go)
    g_cond_wait (&b->cond, &b->lock);
  g_mutex_unlock (&b->lock);

  start = g_get_monotonic_time ();
  if (conn_open (&c, b, &ticket))
    {
      d->connect_us = g_get_monotonic_time () - start;
      if (conn_write (&c, get, strlen (get)))
        d->get_status = read_answer (&c);
      d->get_us = g_get_monotonic_time () - start;
      start = g_get_monotonic_time ();
      if (d->get_status != 0 && conn_write (&c, post, strlen (post)))
        d->post_status = read_answer (&c);
      d->post_us = g_get_monotonic_time () - start;
    }
  else
    {
      d->connect_us = d->get_us = g_get_monotonic_time () - start;
    }
  d->done_at = g_get_monotonic_time ();
  if (c.session != NULL)
    d->resumed = gnutls_session_is_resumed (c.session);
  conn_close (&c);
  gnutls_free (ticket.data);
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *ca_file = NULL;
  int devices = 300;
  gboolean resume = FALSE;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "The server or front (http[s]://IPv4:PORT)", "URL" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "A device token", "TOKEN" },
    { "cursor", 0, 0, G_OPTION_ARG_STRING, &cursor, "The slot cursor to sync from", "N" },
    { "devices", 0, 0, G_OPTION_ARG_INT, &devices, "Devices at once (300)", "N" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "The front's CA (PEM)", "FILE" },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume,
      "Returning devices: each connects once before the burst and resumes its TLS session", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree Device *device = NULL;
  g_autofree GThread **threads = NULL;
  Burst burst = { 0 };
  unsigned port = 0;
  gint64 start, last = 0;

  context = g_option_context_new ("- bench-server's simulated devices");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (url == NULL || token == NULL || cursor == NULL || devices < 1)
    {
      g_printerr ("--url, --token and --cursor are needed\n");
      return 2;
    }
  if (sscanf (url, "http://%63[0-9.]:%u", burst.host, &port) == 2)
    burst.tls = FALSE;
  else if (sscanf (url, "https://%63[0-9.]:%u", burst.host, &port) == 2)
    burst.tls = TRUE;
  if (port == 0 || port > 65535)
    {
      g_printerr ("--url: http[s]://IPv4:PORT, not %s\n", url);
      return 2;
    }
  burst.port = port;
  burst.resume = resume;
  burst.token = token;
  burst.cursor = cursor;
  g_mutex_init (&burst.lock);
  g_cond_init (&burst.cond);
  if (burst.tls)
    {
      int n;

      gnutls_certificate_allocate_credentials (&burst.credentials);
      n = ca_file != NULL
        ? gnutls_certificate_set_x509_trust_file (burst.credentials, ca_file, GNUTLS_X509_FMT_PEM)
        : gnutls_certificate_set_x509_system_trust (burst.credentials);
      if (n <= 0)
        {
          g_printerr ("no CA certificate from %s\n", ca_file ? ca_file : "the system");
          return 2;
        }
    }

  device = g_new0 (Device, devices);
  threads = g_new0 (GThread *, devices);
  for (int i = 0; i < devices; i++)
    {
      device[i].burst = &burst;
      device[i].index = i;
      threads[i] = g_thread_new ("device", device_thread, &device[i]);
    }

  g_mutex_lock (&burst.lock);
  while (burst.ready < (guint) devices)
    g_cond_wait (&burst.cond, &burst.lock);
  start = g_get_monotonic_time ();
  burst.go = TRUE;
  g_cond_broadcast (&burst.cond);
  g_mutex_unlock (&burst.lock);

  for (int i = 0; i < devices; i++)
    g_thread_join (threads[i]);

  for (int i = 0; i < devices; i++)
    {
      printf ("%d get %u %" G_GINT64_FORMAT "\n", i, device[i].get_status, device[i].get_us);
      printf ("%d post %u %" G_GINT64_FORMAT "\n", i, device[i].post_status, device[i].post_us);
      printf ("connect %d %" G_GINT64_FORMAT " %s\n", i, device[i].connect_us,
              device[i].resumed ? "resumed" : "full");
      last = MAX (last, device[i].done_at);
    }
  printf ("wall %" G_GINT64_FORMAT "\n", last - start);

  if (burst.credentials != NULL)
    gnutls_certificate_free_credentials (burst.credentials);
  g_mutex_clear (&burst.lock);
  g_cond_clear (&burst.cond);
  return 0;
}
