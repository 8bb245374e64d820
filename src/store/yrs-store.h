/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store.h: the device's one SQLite database — catalogue and slot cache,
 * sessions and their drafts, the outbox, receipts and staff credentials.
 * No other layer writes SQL.
 *
 * Threads: a YrsStore belongs to the thread that opened it (the main thread
 * in the app) and every call but the _async ones is one short statement or
 * one small transaction there. Bulk writes (a catalogue, a slots delta) run
 * as _async/_finish on a worker thread with their own connection, honour a
 * GCancellable, and commit in chunks so the main thread's writes never wait
 * long; readers never wait at all (WAL).
 *
 * Errors: YRS_STORE_ERROR codes below; a cancelled operation fails with
 * G_IO_ERROR_CANCELLED. A lookup that finds nothing returns NULL / FALSE
 * without setting an error. */

#pragma once

#include <gio/gio.h>

#include "yrs-date.h"
#include "yrs-store-types.h"

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). Version 1 is
 * kept as a fixture in tests/store-fixtures/ and migrated forward. */
#define YRS_STORE_SCHEMA_VERSION 3

/* The sync cursor name of the slots feed. */
#define YRS_STORE_CURSOR_SLOTS "slots"

#define YRS_STORE_ERROR (yrs_store_error_quark ())

typedef enum
{
  YRS_STORE_ERROR_FAILED,      /* SQLite failed; the message says where */
  YRS_STORE_ERROR_IO,          /* directory or file could not be made/opened/moved */
  YRS_STORE_ERROR_TOO_NEW,     /* written by a newer Yorisoi; refused, left untouched */
  YRS_STORE_ERROR_INVALID,     /* a bad argument (not JSON, empty ID, …); names the field */
  YRS_STORE_ERROR_NOT_FOUND,   /* the row to change does not exist */
  YRS_STORE_ERROR_STATE,       /* the row is in a state that forbids the change */
  YRS_STORE_ERROR_CORRUPT,     /* integrity check failed on an open database */
  YRS_STORE_ERROR_LOCKED,      /* sealed data whose owner's key is not held */
  YRS_STORE_ERROR_NO_CITY_KEY, /* a submission refused: no city key to seal it to */
} YrsStoreError;

#define YRS_TYPE_STORE (yrs_store_get_type ())

G_DECLARE_FINAL_TYPE (YrsStore, yrs_store, YRS, STORE, GObject)

GQuark      yrs_store_error_quark           (void);

/* $YRS_DB if set, else $XDG_DATA_HOME/yorisoi/yorisoi.db. */
char       *yrs_store_default_path          (void);

/* Opens (creating and migrating as needed) the database at `path`, or at
 * yrs_store_default_path() when `path` is NULL. The directory is made 0700
 * when created (the default one always), the file and its -wal/-shm are
 * 0600. WAL, foreign keys, a busy timeout and secure_delete are on.
 *
 * A database written by a newer schema fails with YRS_STORE_ERROR_TOO_NEW
 * and is not modified. A damaged one (not a database, quick_check failing,
 * or tables that are not Yorisoi's) is renamed to "<path>.damaged-<time>"
 * (with its -wal/-shm), never deleted; a fresh database is created and the
 * outbox rows that could still be read are carried over. Then
 * yrs_store_get_moved_aside_path() returns the new name of the old file so
 * the app can tell staff. */
YrsStore   *yrs_store_open                  (const char   *path,
                                             GError      **error);
/* Another YrsStore on the database `store` has open, for another thread
 * (the sync engine's worker, so that an outbox write and its fsync never
 * hold up the main loop): its own connection, without the probe and the
 * migrations of yrs_store_open(). Call it on the thread that will use it;
 * like any YrsStore, it belongs to that thread. */
YrsStore   *yrs_store_open_another          (YrsStore     *store,
                                             GError      **error);

const char *yrs_store_get_path              (YrsStore     *self);
/* NULL unless this open moved a damaged file aside. */
const char *yrs_store_get_moved_aside_path  (YrsStore     *self);
/* How many outbox rows were carried over from the damaged file. */
guint       yrs_store_get_recovered_outbox_count (YrsStore *self);
/* The version the file had before this open (0 = new file); equals
 * YRS_STORE_SCHEMA_VERSION when nothing was migrated. */
int         yrs_store_get_opened_version    (YrsStore     *self);

/* PRAGMA integrity_check (full, slow on big files: for tests and support). */
gboolean    yrs_store_check_integrity       (YrsStore     *self,
                                             GError      **error);

/* ---- Catalogue versions ---------------------------------------------- */

gboolean    yrs_store_save_catalog          (YrsStore     *self,
                                             const char   *document,
                                             const char   *etag,
                                             gint64        fetched_at,
                                             GError      **error);
/* The same on the worker thread, for a big document. */
void        yrs_store_save_catalog_async    (YrsStore            *self,
                                             const char          *document,
                                             const char          *etag,
                                             gint64               fetched_at,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    yrs_store_save_catalog_finish   (YrsStore      *self,
                                             GAsyncResult  *result,
                                             GError       **error);
/* The newest saved version, or NULL (no error) when there is none. Older
 * versions than the newest three are pruned on save. */
YrsCatalogVersion *yrs_store_get_latest_catalog (YrsStore  *self,
                                                 GError   **error);

/* ---- Facilities and slots (cache with offline state) ------------------ */

/* Writes a facility/slot as it is locally, with its state and revision as
 * given (the sync engine and offline edits). */
gboolean          yrs_store_put_facility (YrsStore               *self,
                                          const YrsStoreFacility *facility,
                                          GError                **error);
YrsStoreFacility *yrs_store_get_facility (YrsStore               *self,
                                          const char             *id,
                                          GError                **error);
/* All facilities but tombstones, by name. */
GPtrArray  *yrs_store_list_facilities       (YrsStore          *self,
                                             GError           **error);

gboolean    yrs_store_put_slot              (YrsStore          *self,
                                             const YrsSlot     *slot,
                                             GError           **error);
YrsSlot    *yrs_store_get_slot              (YrsStore          *self,
                                             const char        *id,
                                             GError           **error);
/* Sets the offline state (and revision when > 0) of a slot; e.g. back to
 * synced when the server confirmed an offline change. */
gboolean    yrs_store_set_slot_state        (YrsStore          *self,
                                             const char        *id,
                                             YrsOfflineState    state,
                                             gint64             revision,
                                             GError           **error);
/* Deletes locally: a locally created slot goes at once, any other becomes a
 * locally_deleted tombstone until a delta removes it. */
gboolean    yrs_store_remove_slot           (YrsStore          *self,
                                             const char        *id,
                                             GError           **error);
/* Slots (YrsSlot) starting on days from..to inclusive (either may be
 * YRS_DATE_NONE for open-ended), of a facility and kind (NULL = any), by
 * start time. Tombstones are left out; with only_free, so are full slots. */
GPtrArray  *yrs_store_list_slots            (YrsStore          *self,
                                             const char        *facility_id,
                                             const char        *kind,
                                             YrsDate            from,
                                             YrsDate            to,
                                             gboolean           only_free,
                                             GError           **error);
guint       yrs_store_count_slots           (YrsStore          *self,
                                             GError           **error);

/* Applies a server delta on a worker thread with its own connection:
 * facilities and slots are upserted as synced (a row with a pending local
 * change takes the server's data and revision but keeps its offline
 * state), removed IDs are deleted (tombstones included), and the slots
 * cursor is written with the last chunk. Chunks commit as they go, which is
 * safe because a delta applied twice gives the same rows: if it is
 * cancelled or fails, the cursor is not moved and the next sync applies it
 * again. */
void        yrs_store_apply_delta_async     (YrsStore            *self,
                                             YrsStoreDelta       *delta,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    yrs_store_apply_delta_finish    (YrsStore      *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Opaque sync cursors by feed name (YRS_STORE_CURSOR_SLOTS). Get returns
 * NULL (no error) before the first sync. */
char       *yrs_store_get_sync_cursor       (YrsStore     *self,
                                             const char   *name,
                                             GError      **error);
gboolean    yrs_store_set_sync_cursor       (YrsStore     *self,
                                             const char   *name,
                                             const char   *value,
                                             GError      **error);

/* ---- Sessions and drafts --------------------------------------------- */

/* A new kiosk session; returns its ID ("kiosk:<uuid>"), the owner of its
 * drafts, receipts and outbox rows. */
char       *yrs_store_create_kiosk_session  (YrsStore     *self,
                                             GError      **error);
/* The staff member's session ("staff:<staff_id>"), created on first use and
 * the same across restarts, so a nurse's drafts survive a flat battery. */
char       *yrs_store_ensure_staff_session  (YrsStore     *self,
                                             const char   *staff_id,
                                             GError      **error);
YrsSessionInfo *yrs_store_get_session       (YrsStore     *self,
                                             const char   *owner,
                                             GError      **error);
/* Live (not wiped) sessions, oldest first. */
GPtrArray  *yrs_store_list_sessions         (YrsStore     *self,
                                             GError      **error);

/* Writes a draft now (one small transaction). `content` must be JSON, e.g.
 * {"answers":{"residence.in_city":true},"fields":{"applicant.name":"…"}}. */
gboolean    yrs_store_save_draft            (YrsStore     *self,
                                             const char   *owner,
                                             const char   *key,
                                             const char   *content,
                                             GError      **error);
/* For every change: keeps the content and writes it at most once per
 * 300 ms, when the main loop is idle; yrs_store_flush_drafts() (on quit, and
 * done by dispose) writes what is pending at once. Returns FALSE only for a
 * bad argument; a later write failure emits YrsStore::draft-error. */
gboolean    yrs_store_queue_draft           (YrsStore     *self,
                                             const char   *owner,
                                             const char   *key,
                                             const char   *content,
                                             GError      **error);
gboolean    yrs_store_flush_drafts          (YrsStore     *self,
                                             GError      **error);
gboolean    yrs_store_has_pending_drafts    (YrsStore     *self);
/* The content (a pending queued one first), or NULL when there is none. */
char       *yrs_store_load_draft            (YrsStore     *self,
                                             const char   *owner,
                                             const char   *key,
                                             GError      **error);
/* YrsDraft of an owner, by key (pending queued content included). */
GPtrArray  *yrs_store_list_drafts           (YrsStore     *self,
                                             const char   *owner,
                                             GError      **error);
gboolean    yrs_store_delete_draft          (YrsStore     *self,
                                             const char   *owner,
                                             const char   *key,
                                             GError      **error);

/* ---- Outbox ---------------------------------------------------------- */

/* Queues a submission with a new UUID idempotency key (g_uuid_string_random)
 * and returns the row. `payload` must be a JSON object. With a city key
 * (yrs_store_set_city_key()) its personal members are sealed to it: the
 * row's payload, as returned and as sent, is the public members and
 * "sealed": {"key_id", "box"}. */
YrsOutboxItem *yrs_store_outbox_enqueue     (YrsStore      *self,
                                             YrsOutboxKind  kind,
                                             const char    *owner,
                                             const char    *payload,
                                             GError       **error);
YrsOutboxItem *yrs_store_outbox_get         (YrsStore      *self,
                                             const char    *idempotency_key,
                                             GError       **error);
/* Rows of an owner (NULL = all) in a state (YRS_OUTBOX_STATE_ANY = all),
 * oldest first. */
GPtrArray  *yrs_store_outbox_list           (YrsStore       *self,
                                             const char     *owner,
                                             YrsOutboxState  state,
                                             GError        **error);
/* What to send now: for each owner, its oldest unanswered row (queued, or
 * sending left by a crash) if next_try_at <= now, so an owner's
 * submissions reach the server in order; oldest first, at most `limit`
 * (0 = no limit). */
GPtrArray  *yrs_store_outbox_next_due       (YrsStore       *self,
                                             gint64          now,
                                             guint           limit,
                                             GError        **error);
/* queued/sending -> sending, tries + 1. This and mark_retry() commit with
 * synchronous=NORMAL: a power cut that loses either leaves the row queued
 * or sending, and it is sent again with the same key, which the server
 * answers as before; the answers below are committed with FULL. */
gboolean    yrs_store_outbox_mark_sending   (YrsStore       *self,
                                             const char     *idempotency_key,
                                             GError        **error);
/* sending/queued -> queued again after a transport or 5xx error. */
gboolean    yrs_store_outbox_mark_retry     (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *last_error,
                                             gint64          next_try_at,
                                             GError        **error);
/* Rows of `owner` (NULL = every owner) queued and waiting out a backoff
 * become due at `now` (next_try_at = now); their tries and last error
 * stay. `n_made_due` (may be NULL) receives how many. Emits
 * YrsStore::outbox-changed when any changed. */
gboolean    yrs_store_outbox_make_due       (YrsStore       *self,
                                             const char     *owner,
                                             gint64          now,
                                             guint          *n_made_due,
                                             GError        **error);
/* The server's answers. Answering the same row again with the same answer
 * is accepted (an idempotent resend). When the owner's session was wiped,
 * the payload is cleared and only the reference/reason remains. An
 * accepted row keeps only the payload's public members (programme, slot,
 * registration, reservation, ward, kind): its sealed box and anything
 * personal go. */
gboolean    yrs_store_outbox_mark_accepted  (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *server_reference,
                                             GError        **error);
gboolean    yrs_store_outbox_mark_rejected  (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *reason,
                                             GError        **error);
gboolean    yrs_store_outbox_mark_conflict  (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *alternatives_json,
                                             GError        **error);
/* The server's ID of an accepted submission, for a later row that needs
 * it: a reservation queued offline names its registration by the
 * registration row's idempotency key, and the sync engine sends the ID
 * recorded here. Kept next to the sync cursors; the engine sets it before
 * mark_accepted(), whose FULL commit makes both durable. Get returns NULL
 * (no error) when none was recorded. */
gboolean    yrs_store_outbox_set_server_id  (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *server_id,
                                             GError        **error);
char       *yrs_store_outbox_get_server_id  (YrsStore       *self,
                                             const char     *idempotency_key,
                                             GError        **error);
/* Deletes a rejected or conflicting row of `owner` (staff's "discard");
 * YRS_STORE_ERROR_STATE for any other state, _NOT_FOUND for another
 * owner's row. The WAL is then truncated. */
gboolean    yrs_store_outbox_discard        (YrsStore       *self,
                                             const char     *idempotency_key,
                                             const char     *owner,
                                             GError        **error);
/* pending = queued + sending; failed = rejected + conflict. Either out
 * pointer may be NULL. */
gboolean    yrs_store_outbox_count          (YrsStore       *self,
                                             guint          *pending,
                                             guint          *failed,
                                             GError        **error);

/* ---- Receipts -------------------------------------------------------- */

YrsReceipt *yrs_store_add_receipt           (YrsStore     *self,
                                             const char   *owner,
                                             const char   *reference,
                                             const char   *kind,
                                             const char   *summary,
                                             GError      **error);
/* Of an owner, newest first. */
GPtrArray  *yrs_store_list_receipts         (YrsStore     *self,
                                             const char   *owner,
                                             GError      **error);

/* ---- Staff credentials (offline sign-in) ----------------------------- */

/* `verifier` is an Argon2id string from libsodium (crypto_pwhash_str),
 * made in the app layer; the store never sees a password. */
gboolean    yrs_store_set_staff_credential  (YrsStore     *self,
                                             const char   *staff_id,
                                             const char   *verifier,
                                             gint64        last_online_at,
                                             GError      **error);
/* FALSE without an error when there is none. Either out pointer may be NULL. */
gboolean    yrs_store_get_staff_credential  (YrsStore     *self,
                                             const char   *staff_id,
                                             char        **verifier,
                                             gint64       *last_online_at,
                                             GError      **error);
gboolean    yrs_store_forget_staff_credential (YrsStore   *self,
                                               const char *staff_id,
                                               GError    **error);

/* Offline sign-in attempts that failed since the last success: the
 * count and when the last one was. FALSE without an error when the staff
 * member has no credential here. */
gboolean    yrs_store_get_staff_failures    (YrsStore     *self,
                                             const char   *staff_id,
                                             guint        *failures,
                                             gint64       *last_failure_at,
                                             GError      **error);
gboolean    yrs_store_set_staff_failures    (YrsStore     *self,
                                             const char   *staff_id,
                                             guint         failures,
                                             gint64        last_failure_at,
                                             GError      **error);
/* Her data key wrapped by a key derived from her password (made and
 * opened in YrsStaffAuth; the store never sees the password or the key
 * in clear). Set needs a credential row; get returns NULL without an
 * error when there is none. */
gboolean    yrs_store_set_staff_wrapped_key (YrsStore     *self,
                                             const char   *staff_id,
                                             GBytes       *wrapped,
                                             GError      **error);
GBytes     *yrs_store_get_staff_wrapped_key (YrsStore     *self,
                                             const char   *staff_id,
                                             GError      **error);

/* After a password change: her new verifier and her data key wrapped
 * under the new password, both at once (one transaction), with the
 * failure count cleared; the old values are zeroed in the file and gone
 * from the WAL. Needs a credential row. */
gboolean    yrs_store_replace_staff_secrets (YrsStore     *self,
                                             const char   *staff_id,
                                             const char   *verifier,
                                             GBytes       *wrapped,
                                             gint64        last_online_at,
                                             GError      **error);

/* ---- Sealing (issue 18) ---------------------------------------------- */

#define YRS_STORE_KEY_BYTES 32

/* The city's public key, "KEY-ID:BASE64" (a crypto_box X25519 key), from
 * the device's configuration. From then on the personal members of every
 * queued submission are sealed to it (crypto_box_seal) and the row holds
 * only what routes and shows it; rows still in clear (written before) are
 * sealed at once and the old pages vacuumed away. Without a city key
 * submissions stay in clear. Call again with a new key to rotate: rows
 * already sealed keep their key id. */
gboolean    yrs_store_set_city_key          (YrsStore     *self,
                                             const char   *spec,
                                             GError      **error);
/* NULL when no city key was set. */
const char *yrs_store_get_city_key_id       (YrsStore     *self);

/* Drafts and sealed rows are encrypted under their owner's data key
 * (YRS_STORE_KEY_BYTES, copied into sodium_malloc'd memory). A kiosk
 * session gets a random key of its own when it is created, wiped with it.
 * A staff session's key is handed in at sign-in and unlock and dropped at
 * lock and sign-out (after pending drafts are written). Without the key,
 * drafts and sealed rows of the owner fail with YRS_STORE_ERROR_LOCKED
 * (yrs_store_list_drafts() gives them with a NULL content). */
gboolean    yrs_store_unlock_owner          (YrsStore      *self,
                                             const char    *owner,
                                             const guint8  *key,
                                             GError       **error);
gboolean    yrs_store_lock_owner            (YrsStore      *self,
                                             const char    *owner,
                                             GError       **error);
gboolean    yrs_store_is_owner_unlocked     (YrsStore      *self,
                                             const char    *owner);
/* Also keeps each new kiosk session's key in a file (0600) of `dir`,
 * which must be in RAM (the user's $XDG_RUNTIME_DIR, a tmpfs), so that a
 * kiosk restarted after a crash within kiosk-restore-seconds can give her
 * answers back; the file is overwritten and deleted when the session is
 * wiped, and gone with the power. NULL (the default): in memory only. */
void        yrs_store_set_session_key_dir   (YrsStore      *self,
                                             const char    *dir);

/* Sealed rows: what a nurse carries for her visits (cases, records), by
 * collection and ID, JSON content under the owner's key with
 * "row\0owner\0collection\0id" as associated data. expires_at (µs, 0 =
 * never) hides the row and lets yrs_store_forget_expired() delete it. */
gboolean    yrs_store_put_sealed            (YrsStore     *self,
                                             const char   *owner,
                                             const char   *collection,
                                             const char   *id,
                                             const char   *content,
                                             gint64        expires_at,
                                             GError      **error);
/* NULL without an error when there is none. */
char       *yrs_store_get_sealed            (YrsStore     *self,
                                             const char   *owner,
                                             const char   *collection,
                                             const char   *id,
                                             GError      **error);
GPtrArray  *yrs_store_list_sealed_ids       (YrsStore     *self,
                                             const char   *owner,
                                             const char   *collection,
                                             GError      **error);
/* collection and/or id NULL: all of the owner's (or of the collection). */
gboolean    yrs_store_delete_sealed         (YrsStore     *self,
                                             const char   *owner,
                                             const char   *collection,
                                             const char   *id,
                                             GError      **error);
/* The signed-in staff member's profile as the server gave it at her last
 * online sign-in ({"role", "ward"}), a sealed row of her owner. */
#define YRS_STAFF_PROFILE_COLLECTION "staff"
#define YRS_STAFF_PROFILE_ID "profile"

gboolean    yrs_store_forget_expired        (YrsStore     *self,
                                             gint64        now,
                                             guint        *n_forgotten,
                                             GError      **error);

/* ---- Wipe ------------------------------------------------------------ */

/* The end of a person's session: drops their pending queued drafts, deletes
 * their drafts and receipts, clears the payload of their outbox rows the
 * server has answered (unanswered rows stay until it has them; their
 * payload is cleared when the answer comes), marks the session wiped, and
 * checkpoints the WAL with TRUNCATE so nothing of theirs can be read back
 * from the database, -wal or -shm files (secure_delete zeroes freed
 * content). */
gboolean    yrs_store_wipe_owner            (YrsStore     *self,
                                             const char   *owner,
                                             GError      **error);

G_END_DECLS
