/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-about-window.h: the About window (AdwAboutWindow): the version from
 * git, the programme catalogue in use with its version and date, and where
 * the data comes from (postcodes, bank codes, conversion dictionaries). */

#pragma once

#include <adwaita.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

/* A new About window for `catalog`; `received` is when the device got it
 * from the server (NULL for the bundled one). The window belongs to GTK's
 * list of toplevels, like any window: present it, and it goes when closed. */
GtkWindow *yrs_about_window_new (YrsCatalog *catalog,
                                 GDateTime  *received);

G_END_DECLS
