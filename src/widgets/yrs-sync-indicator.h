/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-store-ui.h"
#include "yrs-sync-engine.h"

G_BEGIN_DECLS

#define YRS_TYPE_SYNC_INDICATOR (yrs_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (YrsSyncIndicator, yrs_sync_indicator, YRS, SYNC_INDICATOR, GtkWidget)

/* The header's sync status, live from the engine: synced, syncing,
 * "N waiting to send", "N failed", offline, error (the error in the
 * tooltip). A button to the outbox page (tablet.outbox). */
GtkWidget  *yrs_sync_indicator_new      (YrsSyncEngine    *engine);
/* What it says now (tests). */
const char *yrs_sync_indicator_get_text (YrsSyncIndicator *self);

/* The same words, for the outbox page and the settings. */
char       *yrs_sync_describe           (YrsSyncEngine    *engine,
                                         const char      **icon_name);

G_END_DECLS
