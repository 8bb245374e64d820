/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-catalog.h"

#include "yrs-outbox-row.h"

G_BEGIN_DECLS

/* Forward declarations (yrs-store.h, yrs-sync-engine.h), so that a page
 * can bind to the model without those headers. */
typedef struct _YrsStore YrsStore;
typedef struct _YrsSyncEngine YrsSyncEngine;

#define YRS_TYPE_OUTBOX_MODEL (yrs_outbox_model_get_type ())

G_DECLARE_FINAL_TYPE (YrsOutboxModel, yrs_outbox_model, YRS, OUTBOX_MODEL, GObject)

/* The outbox of the session's owner, as a GListModel of YrsOutboxRow,
 * newest first: every submission of a signed-in staff member with what
 * became of it. A kiosk session's rows are never listed (the model is
 * empty and `staff` is FALSE): the outbox is for staff.
 *
 * Live: it follows the store's YrsStore::outbox-changed (a submission
 * queued, discarded, made due) and the sync engine's row-answered and
 * state/count notifications; rows keep their objects across updates
 * (their properties are notified), new and discarded rows are
 * items-changed.
 *
 * Properties (read-only, notified on change):
 *   staff      the owner is a staff member (YrsSessionInfo kind, from
 *              the store), so the rows are listed and may be discarded
 *   has-rows   there is at least one row
 *   empty      staff, and nothing in the outbox
 *   can-retry  staff, and a row is waiting ("Retry now" has work)
 *
 * Made by the session (yrs_session_get_outbox()). */
YrsOutboxModel *yrs_outbox_model_new          (YrsStore       *store,
                                               const char     *owner,
                                               YrsSyncEngine  *engine);

gboolean        yrs_outbox_model_get_staff     (YrsOutboxModel *self);
/* The catalogue the rows take their programmes' titles from. */
void            yrs_outbox_model_set_catalog   (YrsOutboxModel *self,
                                                YrsCatalog     *catalog);
gboolean        yrs_outbox_model_get_has_rows  (YrsOutboxModel *self);
gboolean        yrs_outbox_model_get_empty     (YrsOutboxModel *self);
gboolean        yrs_outbox_model_get_can_retry (YrsOutboxModel *self);

/* The row with this idempotency key, or NULL. */
YrsOutboxRow   *yrs_outbox_model_find          (YrsOutboxModel *self,
                                                const char     *key);

/* Reads the rows again (after a change made where no signal tells, e.g.
 * a test writing to the store directly). */
void            yrs_outbox_model_reload        (YrsOutboxModel *self);

/* "Retry now": the owner's waiting rows are due at once
 * (yrs_store_outbox_make_due()), and the engine is kicked. Nothing for a
 * kiosk session. */
void            yrs_outbox_model_retry_now     (YrsOutboxModel *self);

/* Deletes a rejected or conflicting row of the owner (after the page's
 * confirmation). Only a staff member may (G_IO_ERROR_PERMISSION_DENIED
 * otherwise); another owner's row is YRS_STORE_ERROR_NOT_FOUND, a row in
 * another state YRS_STORE_ERROR_STATE. The engine then counts again. */
gboolean        yrs_outbox_model_discard       (YrsOutboxModel *self,
                                                const char     *key,
                                                GError        **error);

G_END_DECLS
