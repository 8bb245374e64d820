/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-sync-engine.h: moves the outbox up to the central API and the
 * catalogue, facilities and slots down into the store.
 *
 * One engine per app (and one in `yorisoi-cli sync`), on the main context.
 * It syncs when started, when the network comes back (GNetworkMonitor;
 * after a sync that could not reach the server, the rows put off are sent
 * at once instead of at the end of their backoff), right after a
 * submission (yrs_sync_engine_kick()), periodically, and when a row's
 * backoff ends.
 *
 * The outbox goes oldest first per owner (one row in flight per owner),
 * each row with its own idempotency key. Transient failures (offline,
 * timeout, 5xx, 429, a broken answer) are retried with exponential backoff
 * and full jitter, capped, and never sooner than the server's Retry-After;
 * a definite answer (422, 400, …) marks the row rejected and is never
 * retried; a 409 for a slot makes the row a conflict with the server's
 * alternatives, for the person to choose (nothing is rebooked). A row left
 * in `sending` by a crash is sent again with the same key.
 *
 * A reservation made offline for a registration still in the outbox names
 * it by the registration row's idempotency key, in the same owner's
 * outbox: {"registration_key": "<key>", "slot": "<slot id>"}. It goes
 * after the registration (oldest first per owner) with the server's
 * registration ID in "registration" (yrs_store_outbox_get_server_id());
 * while the city has not approved the registration the server answers
 * 409 registration-pending, retried with backoff. If the registration was
 * rejected, or is not on the device, the reservation is rejected without
 * a request (reason status 0, "registration_key: …").
 *
 * The catalogue is fetched with If-None-Match, the slots with the delta
 * cursor; both are written by the store's worker thread, so the main loop
 * never waits on SQLite or on parsing a big answer. The outbox is read and
 * its rows' states are written on the engine's own thread, with its own
 * connection (yrs_store_open_another()): the fsync of a durable answer
 * never holds up the main loop either. */

#pragma once

#include <gio/gio.h>

#include "yrs-api-client.h"
#include "yrs-store.h"

G_BEGIN_DECLS

typedef enum
{
  YRS_SYNC_STATE_IDLE,      /* nothing running; the last sync went through */
  YRS_SYNC_STATE_SYNCING,
  YRS_SYNC_STATE_OFFLINE,   /* the last sync could not reach the server */
  YRS_SYNC_STATE_ERROR,     /* the last sync failed otherwise (see last-error) */
} YrsSyncState;

GType       yrs_sync_state_get_type   (void) G_GNUC_CONST;
#define YRS_TYPE_SYNC_STATE (yrs_sync_state_get_type ())

#define YRS_TYPE_SYNC_ENGINE (yrs_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (YrsSyncEngine, yrs_sync_engine, YRS, SYNC_ENGINE, GObject)

/* The engine does nothing until yrs_sync_engine_start() or a sync call. */
YrsSyncEngine *yrs_sync_engine_new              (YrsStore      *store,
                                                 const char    *server_url);
/* For the staff sign-in call and the timeouts. */
YrsApiClient  *yrs_sync_engine_get_client       (YrsSyncEngine *self);

/* The bearer token for the following requests: the signed-in staff
 * member's token on a tablet, the device token on a kiosk; NULL when there
 * is none (writes then fail as unauthorized and are retried after
 * yrs_sync_engine_set_token() gives one, which also kicks the engine). */
void           yrs_sync_engine_set_token        (YrsSyncEngine *self,
                                                 const char    *token);

/* Syncs now and then: at once, every interval (default 60 s, GSettings
 * sync-interval-seconds), when the network comes back. */
void           yrs_sync_engine_start            (YrsSyncEngine *self);
/* Stops the timers and cancels what is running (rows in flight stay in
 * `sending` and go again with the same key). */
void           yrs_sync_engine_stop             (YrsSyncEngine *self);
/* A submission was queued: send the outbox now. Cheap; call after every
 * yrs_store_outbox_enqueue(). */
void           yrs_sync_engine_kick             (YrsSyncEngine *self);

/* The outbox payload of a reservation whose registration is known on this
 * device only by its outbox row's idempotency key (above):
 * {"registration_key": "<key>", "slot": "<slot id>"}. When the
 * registration's server ID is known, queue the typed
 * YrsApiReservationRequest (yrs_api_reservation_request_to_string())
 * instead. */
char          *yrs_sync_reservation_envelope    (const char    *registration_key,
                                                 const char    *slot);

/* Signals: "row-answered" (key, YrsOutboxState) when an outbox row got the
 * server's answer or was rescheduled; "slots-changed" when a page of slots
 * from the server has been written to the store's cache; "unauthorized". */

/* One full sync (outbox, catalogue, facilities, slots). Fails with the
 * first transport or store error of the sync; rows answered with a
 * rejection or conflict are not errors of the sync. Asked for after a
 * sync that could not reach the server ("try again"), it first makes the
 * rows that sync put off due. */
void           yrs_sync_engine_sync_async       (YrsSyncEngine       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       yrs_sync_engine_sync_finish      (YrsSyncEngine  *self,
                                                 GAsyncResult   *result,
                                                 GError        **error);

void           yrs_sync_engine_set_interval     (YrsSyncEngine *self,
                                                 guint          seconds);
/* Backoff of the n-th try: a random time in [0, min (cap, base * 2^(n-1))]
 * (defaults 2 s and 10 min), and at least the server's Retry-After. */
void           yrs_sync_engine_set_backoff      (YrsSyncEngine *self,
                                                 guint          base_ms,
                                                 guint          cap_ms);

YrsSyncState   yrs_sync_engine_get_state        (YrsSyncEngine *self);
/* Outbox rows queued or sending. */
guint          yrs_sync_engine_get_pending      (YrsSyncEngine *self);
/* Outbox rows rejected or in conflict. */
guint          yrs_sync_engine_get_failed       (YrsSyncEngine *self);
/* g_get_real_time() of the end of the last sync that went through, 0 = never. */
gint64         yrs_sync_engine_get_last_success (YrsSyncEngine *self);
/* The message of the last sync's error, NULL after a good sync. */
const char    *yrs_sync_engine_get_last_error   (YrsSyncEngine *self);

/* The payload of a cancellation row (outbox kind "cancellation") that
 * cancels the reservation `reservation`: {"reservation": "<id>"}, the
 * envelope the engine turns into DELETE /v1/reservations/{id}. */
char          *yrs_sync_cancellation_payload    (const char    *reservation);

/* ---- The home visits (issue 17) ---------------------------------------
 *
 * A signed-in staff member's cases: each full sync (and at once when the
 * owner is set) asks GET /v1/cases after the outbox and writes the list
 * into the store's sealed rows of `owner` (under her data key), collection
 * YRS_SYNC_CASES_COLLECTION by case ID, each expiring after the retention
 * days (GSettings case-retention-days); a cached case the server's list no
 * longer has (closed) is deleted, and expired rows are forgotten. The
 * collection YRS_SYNC_CASES_META_COLLECTION holds {"ward", "updated_at"}
 * (µs). Then "cases-changed" (owner). The session sets the owner for a
 * staff member only: never on a kiosk. */
#define YRS_SYNC_CASES_COLLECTION "cases"
#define YRS_SYNC_CASES_META_COLLECTION "cases-meta"
#define YRS_SYNC_CASES_META_ID "list"
#define YRS_SYNC_CASE_RETENTION_DAYS 14

void           yrs_sync_engine_set_case_owner   (YrsSyncEngine *self,
                                                 const char    *owner);
const char    *yrs_sync_engine_get_case_owner   (YrsSyncEngine *self);
void           yrs_sync_engine_set_case_retention_days (YrsSyncEngine *self,
                                                        guint          days);
guint          yrs_sync_engine_get_case_retention_days (YrsSyncEngine *self);

G_END_DECLS
