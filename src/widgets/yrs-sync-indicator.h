/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-sync-status.h"

G_BEGIN_DECLS

#define YRS_TYPE_SYNC_INDICATOR (yrs_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (YrsSyncIndicator, yrs_sync_indicator, YRS, SYNC_INDICATOR, GtkWidget)

/* The header's sync status, bound to a YrsSyncStatus: synced, syncing,
 * "N waiting to send", "N failed", offline, error (the error in the
 * tooltip). A button to the outbox page (tablet.outbox). */
GtkWidget     *yrs_sync_indicator_new        (YrsSyncStatus    *status);
YrsSyncStatus *yrs_sync_indicator_get_status (YrsSyncIndicator *self);
/* What it says now (tests). */
const char    *yrs_sync_indicator_get_text   (YrsSyncIndicator *self);

G_END_DECLS
