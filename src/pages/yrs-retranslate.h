/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-date.h"

G_BEGIN_DECLS

/* Puts every text of `root` and its descendants that reads in `from` into
 * the current language, in place (see yrs-i18n.c). */
void yrs_retranslate_widget (GtkWidget *root,
                             YrsLang    from);

/* Records that `property` of `widget` ("label", or "accessible-label")
 * was set from the catalogue's `msgid` under `context` (NULL for none):
 * the switches put it into their language from that key, never from the
 * reverse table. For texts set in code that one Japanese word serves for
 * two msgids (日: "Sun" and "Day"). */
void yrs_retranslate_remember (GtkWidget  *widget,
                               const char *property,
                               const char *context,
                               const char *msgid);

G_END_DECLS
