/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-date.h"

G_BEGIN_DECLS

/* Puts every text of `root` and its descendants that reads in `from` into
 * the current language, in place (see yrs-i18n.c). */
void yrs_retranslate_widget (GtkWidget *root,
                             YrsLang    from);

G_END_DECLS
