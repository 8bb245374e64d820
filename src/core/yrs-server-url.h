/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-url.h: which central API addresses the app may send to.
 * Tokens and personal data only cross the network over TLS: an https://
 * address, or a plain http:// one on this device itself (the demo, the
 * tests), never plain http:// to another host. Pure GLib. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for https://HOST… with a host, or http:// to 127.0.0.0/8, ::1 or
 * localhost. Otherwise FALSE with a G_IO_ERROR (INVALID_ARGUMENT: not an
 * address; NOT_SUPPORTED: plain http:// to another host) whose message
 * says why, in the current language, for the staff who set it. */
gboolean yrs_server_url_check (const char  *url,
                               GError     **error);

G_END_DECLS
