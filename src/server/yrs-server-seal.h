/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-seal.h: opening the personal fields devices seal to the
 * city's key (issue 18). See yrs-server-seal.c. */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Loads the secret keys from `path`: lines "KEY-ID BASE64-SECRET-KEY"
 * (# comments), a file of this user readable by nobody else. Several
 * lines = several key ids, so payloads sealed before a rotation still
 * open. Once per process, before requests are served. */
gboolean  _yrs_server_seal_load_keys  (const char  *path,
                                       GError     **error);
/* How many keys are loaded. */
guint     _yrs_server_seal_n_keys     (void);
/* When `root` is an object with a "sealed" member {"key_id", "box"}:
 * opens the box and puts its members into `root` in place of "sealed".
 * FALSE with a YRS_API_DECODE_ERROR ("sealed: …") when the key id is not
 * known, the box was tampered with or its content is not an object, or a
 * sealed member is also given in clear. TRUE and nothing done when there
 * is no "sealed" member. */
gboolean  _yrs_server_seal_open_node  (JsonNode    *root,
                                       GError     **error);
/* yorisoi-server seal-keygen KEY-ID FILE: adds a new key pair to FILE
 * (made 0600) and prints "KEY-ID:BASE64-PUBLIC-KEY", the line devices are
 * configured with. */
int       _yrs_server_seal_keygen_main (int    argc,
                                        char **argv);

G_END_DECLS
