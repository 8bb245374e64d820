/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-admin.h: `yorisoi-server admin …` (staff, devices, secret). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv as main()'s, argv[1] being "admin". Returns the exit status. */
int yrs_server_admin_main (int    argc,
                           char **argv);

G_END_DECLS
