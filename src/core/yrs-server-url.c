/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-server-url"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "yrs-server-url.h"

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* GUri keeps an IPv6 literal's brackets. */
  if (host[0] == '[')
    bare = g_strndup (host + 1, strlen (host) - 2);
  address = g_inet_address_new_from_string (bare != NULL ? bare : host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
yrs_server_url_check (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address: it must start with https:// and name the server"),
                   url != NULL ? url : "");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback (host))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The server address must start with https://: with http:// to %s, sign-in tokens and families’ personal data would cross the network unencrypted. (http:// is accepted only for a test server on this device.)"),
                   host);
      return FALSE;
    }
  return TRUE;
}
