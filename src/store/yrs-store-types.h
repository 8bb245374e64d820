/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-types.h: the plain records YrsStore hands out and takes in.
 *
 * Times are GLib real time: microseconds since the Unix epoch, as
 * g_get_real_time() returns them (0 = not set). Records returned by the
 * store are owned by the caller and freed with their _free function (all
 * have g_autoptr cleanup functions); a GPtrArray returned by a list call
 * frees its elements itself. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The offline state of a cached object, as evolution-data-server's ECache:
 * a locally deleted object is a tombstone until the server confirms. */
typedef enum
{
  YRS_OFFLINE_STATE_SYNCED,
  YRS_OFFLINE_STATE_LOCALLY_CREATED,
  YRS_OFFLINE_STATE_LOCALLY_MODIFIED,
  YRS_OFFLINE_STATE_LOCALLY_DELETED,
} YrsOfflineState;

/* Who owns drafts, receipts and outbox rows. */
typedef enum
{
  YRS_SESSION_KIND_KIOSK,   /* an anonymous kiosk user; wiped at the end */
  YRS_SESSION_KIND_STAFF,   /* a signed-in staff member (tablet mode) */
} YrsSessionKind;

typedef enum
{
  YRS_OUTBOX_KIND_APPLICATION,
  YRS_OUTBOX_KIND_REGISTRATION,
  YRS_OUTBOX_KIND_RESERVATION,
  YRS_OUTBOX_KIND_CANCELLATION,
  /* The home visits (issue 17): a consultation record, an EPDS screening,
   * a family a nurse added, a supervisor's decision on a registration. */
  YRS_OUTBOX_KIND_CONSULTATION,
  YRS_OUTBOX_KIND_SCREENING,
  YRS_OUTBOX_KIND_CASE,
  YRS_OUTBOX_KIND_DECISION,
} YrsOutboxKind;

/* queued -> sending -> accepted | rejected | conflict. A row found in
 * `sending` after a crash is due again with the same idempotency key. */
typedef enum
{
  YRS_OUTBOX_STATE_ANY = -1,   /* only as a filter in yrs_store_outbox_list() */
  YRS_OUTBOX_STATE_QUEUED = 0,
  YRS_OUTBOX_STATE_SENDING,
  YRS_OUTBOX_STATE_ACCEPTED,
  YRS_OUTBOX_STATE_REJECTED,
  YRS_OUTBOX_STATE_CONFLICT,
} YrsOutboxState;

/* "synced", "locally_created", … and back; _from_string returns FALSE for
 * an unknown word. */
const char *yrs_offline_state_to_string   (YrsOfflineState  state);
gboolean    yrs_offline_state_from_string (const char      *text,
                                           YrsOfflineState *out);
/* "kiosk", "staff" */
const char *yrs_session_kind_to_string    (YrsSessionKind   kind);
/* "application", "registration", "reservation", "cancellation",
 * "consultation", "screening", "case", "decision" */
/* NULL for a value outside the enum. */
const char *yrs_outbox_kind_to_string     (YrsOutboxKind    kind);
gboolean    yrs_outbox_kind_from_string   (const char      *text,
                                           YrsOutboxKind   *out);
/* "queued", "sending", "accepted", "rejected", "conflict" */
const char *yrs_outbox_state_to_string    (YrsOutboxState   state);
gboolean    yrs_outbox_state_from_string  (const char      *text,
                                           YrsOutboxState  *out);

/* One catalogue document as fetched (or bundled). */
typedef struct
{
  gint64  id;           /* row id, increasing with each save */
  char   *document;     /* the catalogue JSON */
  char   *etag;         /* the server's ETag, NULL for the bundled one */
  gint64  fetched_at;
} YrsCatalogVersion;

typedef struct
{
  char            *id;         /* server ID */
  char            *name;       /* for lists; may be NULL */
  char            *document;   /* the facility's JSON from the server; may be NULL */
  gint64           revision;   /* server revision, 0 for a local object */
  YrsOfflineState  state;
} YrsStoreFacility;

typedef struct
{
  char            *id;           /* server ID */
  char            *facility_id;
  char            *kind;         /* kind of care, a catalogue ID */
  char            *starts_at;    /* local time "YYYY-MM-DDTHH:MM" (ISO 8601) */
  char            *ends_at;      /* same form */
  int              capacity;
  int              booked;
  gint64           revision;     /* server revision, 0 for a local object */
  YrsOfflineState  state;
} YrsSlot;

/* Free places: capacity - booked, never below 0. */
int              yrs_slot_get_free         (const YrsSlot *slot);

/* One session owning drafts (owner = session ID). */
typedef struct
{
  char           *id;          /* "kiosk:<uuid>" or "staff:<staff id>" */
  YrsSessionKind  kind;
  char           *staff_id;    /* NULL for a kiosk session */
  gint64          created_at;
  gint64          wiped_at;    /* 0 while the session is live */
} YrsSessionInfo;

typedef struct
{
  char   *owner;        /* session ID */
  char   *key;          /* e.g. "answers", "form.childcare-application" */
  char   *content;      /* JSON text: answers / fields by stable ID */
  gint64  updated_at;
} YrsDraft;

typedef struct
{
  gint64          id;
  char           *idempotency_key;   /* UUID, sent as Idempotency-Key */
  YrsOutboxKind   kind;
  char           *owner;
  char           *payload;           /* JSON; NULL once cleared after a wipe */
  YrsOutboxState  state;
  int             tries;             /* times it went to `sending` */
  gint64          next_try_at;       /* due when <= now */
  char           *last_error;        /* last transport/server error, or NULL */
  char           *server_reference;  /* set when accepted */
  char           *reason;            /* set when rejected */
  char           *alternatives;      /* JSON, set on conflict */
  gint64          created_at;
  gint64          updated_at;
} YrsOutboxItem;

typedef struct
{
  gint64  id;
  char   *owner;
  char   *reference;   /* the server's reference number */
  char   *kind;        /* "application", "reservation", … */
  char   *summary;     /* short text for the receipt screen */
  gint64  created_at;
} YrsReceipt;

/* A server delta for the cache, applied by yrs_store_apply_delta_async().
 * Reference counted; the store only reads it. Fill the arrays before the
 * call and do not change them while it runs. */
typedef struct
{
  GPtrArray *facilities;        /* YrsStoreFacility, upserts (state ignored: synced) */
  GPtrArray *slots;             /* YrsSlot, upserts (state ignored: synced) */
  GPtrArray *removed_slot_ids;  /* char *, deletions confirmed by the server */
  char      *slots_cursor;      /* new sync cursor for "slots", or NULL to keep */
} YrsStoreDelta;

GType              yrs_catalog_version_get_type (void) G_GNUC_CONST;
void               yrs_catalog_version_free     (YrsCatalogVersion       *self);

GType             yrs_store_facility_get_type (void) G_GNUC_CONST;
YrsStoreFacility *yrs_store_facility_new      (const char             *id,
                                               const char             *name,
                                               const char             *document,
                                               gint64                  revision);
YrsStoreFacility *yrs_store_facility_copy     (const YrsStoreFacility *self);
void              yrs_store_facility_free     (YrsStoreFacility       *self);

GType        yrs_slot_get_type     (void) G_GNUC_CONST;
YrsSlot     *yrs_slot_new          (const char        *id,
                                    const char        *facility_id,
                                    const char        *kind,
                                    const char        *starts_at,
                                    const char        *ends_at,
                                    int                capacity,
                                    int                booked,
                                    gint64             revision);
YrsSlot     *yrs_slot_copy         (const YrsSlot     *self);
void         yrs_slot_free         (YrsSlot           *self);

GType           yrs_session_info_get_type (void) G_GNUC_CONST;
YrsSessionInfo *yrs_session_info_copy     (const YrsSessionInfo *self);
void            yrs_session_info_free     (YrsSessionInfo       *self);

GType        yrs_draft_get_type    (void) G_GNUC_CONST;
YrsDraft    *yrs_draft_copy        (const YrsDraft    *self);
void         yrs_draft_free        (YrsDraft          *self);

GType          yrs_outbox_item_get_type (void) G_GNUC_CONST;
YrsOutboxItem *yrs_outbox_item_copy     (const YrsOutboxItem *self);
void           yrs_outbox_item_free     (YrsOutboxItem       *self);

GType        yrs_receipt_get_type  (void) G_GNUC_CONST;
YrsReceipt  *yrs_receipt_copy      (const YrsReceipt  *self);
void         yrs_receipt_free      (YrsReceipt        *self);

GType          yrs_store_delta_get_type (void) G_GNUC_CONST;
YrsStoreDelta *yrs_store_delta_new      (void);
YrsStoreDelta *yrs_store_delta_ref      (YrsStoreDelta *self);
void           yrs_store_delta_unref    (YrsStoreDelta *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsCatalogVersion, yrs_catalog_version_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsStoreFacility, yrs_store_facility_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsSlot, yrs_slot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsSessionInfo, yrs_session_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsDraft, yrs_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsOutboxItem, yrs_outbox_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsReceipt, yrs_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsStoreDelta, yrs_store_delta_unref)

G_END_DECLS
