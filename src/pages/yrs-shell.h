/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-date.h"
#include "yrs-session.h"

G_BEGIN_DECLS

#define YRS_TYPE_SHELL (yrs_shell_get_type ())

G_DECLARE_FINAL_TYPE (YrsShell, yrs_shell, YRS, SHELL, GtkWidget)

/* The header (language switcher, SOS) and the page stack. A language
 * switch translates it in place (yrs_shell_retranslate()); see
 * yrs-i18n.c. */
YrsShell   *yrs_shell_new              (YrsSession *session);
YrsSession *yrs_shell_get_session      (YrsShell   *self);
GtkWidget  *yrs_shell_get_visible_page (YrsShell   *self);
void        yrs_shell_go               (YrsShell   *self,
                                        const char *page);
void        yrs_shell_retranslate      (YrsShell   *self,
                                        YrsLang     from);

/* For the device modes (yrs-kiosk.c, yrs-tablet.c). */
void        yrs_shell_pack_header_end  (YrsShell   *self,
                                        GtkWidget  *widget);
void        yrs_shell_set_window_buttons_visible (YrsShell *self,
                                                  gboolean  visible);

/* Page names to page types. */
GType       yrs_shell_lookup_page_type (const char *name);

G_END_DECLS
