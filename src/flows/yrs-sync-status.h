/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* yrs-sync-engine.h, forward-declared so that a view can bind to the
 * status without the sync layer's headers. */
typedef struct _YrsSyncEngine YrsSyncEngine;

#define YRS_TYPE_SYNC_STATUS (yrs_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (YrsSyncStatus, yrs_sync_status, YRS, SYNC_STATUS, GObject)

/* The sync engine as the views show it (the header's indicator, the
 * outbox page's line, the settings' sync health), live from the engine's
 * notifications. Read-only properties, notified when they change:
 *
 *   state              "idle", "syncing", "offline", "error"
 *   text               "Synced", "Syncing…", "3 waiting to send",
 *                      "1 failed", "Offline: 2 waiting", "Sync error"
 *   icon-name          a symbolic icon for the same
 *   severity           "ok", "warning" (offline) or "error" (a sync
 *                      error, or rows rejected or in conflict)
 *   tooltip            the last error, or what the indicator leads to
 *   last-error         the last sync's error, NULL after a good sync
 *   last-error-text    the same, or "None"
 *   pending            rows queued or sending (every owner's)
 *   failed             rows rejected or in conflict
 *   last-success       g_get_real_time() of the last good sync, 0 = never
 *   last-success-text  "2025-06-01 10:00:00" local time, or "Never"
 *
 * The words are in the gettext language of the moment they are read (a
 * language switch rebuilds the views, which read them again). Made by the
 * session (yrs_session_get_sync_status()). */
YrsSyncStatus *yrs_sync_status_new                (YrsSyncEngine *engine);

const char    *yrs_sync_status_get_state          (YrsSyncStatus *self);
char          *yrs_sync_status_dup_text           (YrsSyncStatus *self);
const char    *yrs_sync_status_get_icon_name      (YrsSyncStatus *self);
const char    *yrs_sync_status_get_severity       (YrsSyncStatus *self);
char          *yrs_sync_status_dup_tooltip        (YrsSyncStatus *self);
const char    *yrs_sync_status_get_last_error     (YrsSyncStatus *self);
char          *yrs_sync_status_dup_last_error_text (YrsSyncStatus *self);
guint          yrs_sync_status_get_pending        (YrsSyncStatus *self);
guint          yrs_sync_status_get_failed         (YrsSyncStatus *self);
gint64         yrs_sync_status_get_last_success   (YrsSyncStatus *self);
char          *yrs_sync_status_dup_last_success_text (YrsSyncStatus *self);

/* "Sync now": asks the engine to sync (and send the outbox) at once. */
void           yrs_sync_status_kick               (YrsSyncStatus *self);

G_END_DECLS
