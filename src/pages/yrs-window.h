/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-session.h"
#include "yrs-shell.h"

G_BEGIN_DECLS

#define YRS_TYPE_WINDOW (yrs_window_get_type ())

G_DECLARE_FINAL_TYPE (YrsWindow, yrs_window, YRS, WINDOW, AdwApplicationWindow)

YrsWindow  *yrs_window_new          (GtkApplication *application,
                                     YrsSession     *session);
YrsSession *yrs_window_get_session  (YrsWindow      *self);
YrsShell   *yrs_window_get_shell    (YrsWindow      *self);
void        yrs_window_set_language (YrsWindow      *self,
                                     const char     *code);
void        yrs_window_add_toast    (YrsWindow      *self,
                                     AdwToast       *toast);

/* The app's sync engine, for the pages that show it (the outbox page);
 * NULL when there is none. Declared here without its header so that the
 * window does not pull in the store's. */
typedef struct _YrsSyncEngine YrsSyncEngine;
void           yrs_window_set_sync_engine (YrsWindow     *self,
                                           YrsSyncEngine *engine);
YrsSyncEngine *yrs_window_get_sync_engine (YrsWindow     *self);

/* For the device modes (kiosk, tablet): see yrs-window.c. */
void        yrs_window_rebuild        (YrsWindow *self);
void        yrs_window_set_gate       (YrsWindow *self,
                                       GtkWidget *gate);
GtkWidget  *yrs_window_get_gate       (YrsWindow *self);
void        yrs_window_add_overlay    (YrsWindow *self,
                                       GtkWidget *widget);
void        yrs_window_remove_overlay (YrsWindow *self,
                                       GtkWidget *widget);
void        yrs_window_set_keyboard   (YrsWindow *self,
                                       GtkWidget *keyboard);
GtkWidget  *yrs_window_get_keyboard   (YrsWindow *self);
void        yrs_window_close_dependents (YrsWindow *self);

G_END_DECLS
