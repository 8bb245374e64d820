/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <string.h>

#include "yrs-store-types.h"

static const char *offline_states[] = {
  "synced", "locally_created", "locally_modified", "locally_deleted",
};

static const char *session_kinds[] = { "kiosk", "staff" };

static const char *outbox_kinds[] = {
  "application", "registration", "reservation", "cancellation",
  "consultation", "screening", "case", "decision",
};

static const char *outbox_states[] = {
  "queued", "sending", "accepted", "rejected", "conflict",
};

static gboolean
lookup (const char  *text,
        const char **words,
        guint        n_words,
        int         *out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_words; i++)
    if (strcmp (text, words[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yrs_offline_state_to_string (YrsOfflineState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (offline_states), NULL);
  return offline_states[state];
}

gboolean
yrs_offline_state_from_string (const char      *text,
                               YrsOfflineState *out)
{
  int v;

  if (!lookup (text, offline_states, G_N_ELEMENTS (offline_states), &v))
    return FALSE;
  *out = (YrsOfflineState) v;
  return TRUE;
}

const char *
yrs_session_kind_to_string (YrsSessionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (session_kinds), NULL);
  return session_kinds[kind];
}

const char *
yrs_outbox_kind_to_string (YrsOutboxKind kind)
{
  /* NULL for an unknown value, which callers use to validate. */
  if ((guint) kind >= G_N_ELEMENTS (outbox_kinds))
    return NULL;
  return outbox_kinds[kind];
}

gboolean
yrs_outbox_kind_from_string (const char    *text,
                             YrsOutboxKind *out)
{
  int v;

  if (!lookup (text, outbox_kinds, G_N_ELEMENTS (outbox_kinds), &v))
    return FALSE;
  *out = (YrsOutboxKind) v;
  return TRUE;
}

const char *
yrs_outbox_state_to_string (YrsOutboxState state)
{
  g_return_val_if_fail (state >= 0 && (guint) state < G_N_ELEMENTS (outbox_states), NULL);
  return outbox_states[state];
}

gboolean
yrs_outbox_state_from_string (const char     *text,
                              YrsOutboxState *out)
{
  int v;

  if (!lookup (text, outbox_states, G_N_ELEMENTS (outbox_states), &v))
    return FALSE;
  *out = (YrsOutboxState) v;
  return TRUE;
}

int
yrs_slot_get_free (const YrsSlot *slot)
{
  g_return_val_if_fail (slot != NULL, 0);
  return MAX (slot->capacity - slot->booked, 0);
}

/* Catalogue versions */

static YrsCatalogVersion *
yrs_catalog_version_copy (const YrsCatalogVersion *self)
{
  YrsCatalogVersion *copy = g_new0 (YrsCatalogVersion, 1);

  copy->id = self->id;
  copy->document = g_strdup (self->document);
  copy->etag = g_strdup (self->etag);
  copy->fetched_at = self->fetched_at;
  return copy;
}

void
yrs_catalog_version_free (YrsCatalogVersion *self)
{
  if (self == NULL)
    return;
  g_free (self->document);
  g_free (self->etag);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsCatalogVersion, yrs_catalog_version,
                     yrs_catalog_version_copy, yrs_catalog_version_free)

/* Facilities */

YrsStoreFacility *
yrs_store_facility_new (const char *id,
                        const char *name,
                        const char *document,
                        gint64      revision)
{
  YrsStoreFacility *self = g_new0 (YrsStoreFacility, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->document = g_strdup (document);
  self->revision = revision;
  self->state = YRS_OFFLINE_STATE_SYNCED;
  return self;
}

YrsStoreFacility *
yrs_store_facility_copy (const YrsStoreFacility *self)
{
  YrsStoreFacility *copy = yrs_store_facility_new (self->id, self->name, self->document,
                                        self->revision);

  copy->state = self->state;
  return copy;
}

void
yrs_store_facility_free (YrsStoreFacility *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->document);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsStoreFacility, yrs_store_facility, yrs_store_facility_copy, yrs_store_facility_free)

/* Slots */

YrsSlot *
yrs_slot_new (const char *id,
              const char *facility_id,
              const char *kind,
              const char *starts_at,
              const char *ends_at,
              int         capacity,
              int         booked,
              gint64      revision)
{
  YrsSlot *self = g_new0 (YrsSlot, 1);

  self->id = g_strdup (id);
  self->facility_id = g_strdup (facility_id);
  self->kind = g_strdup (kind);
  self->starts_at = g_strdup (starts_at);
  self->ends_at = g_strdup (ends_at);
  self->capacity = capacity;
  self->booked = booked;
  self->revision = revision;
  self->state = YRS_OFFLINE_STATE_SYNCED;
  return self;
}

YrsSlot *
yrs_slot_copy (const YrsSlot *self)
{
  YrsSlot *copy = yrs_slot_new (self->id, self->facility_id, self->kind,
                                self->starts_at, self->ends_at,
                                self->capacity, self->booked, self->revision);

  copy->state = self->state;
  return copy;
}

void
yrs_slot_free (YrsSlot *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->facility_id);
  g_free (self->kind);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsSlot, yrs_slot, yrs_slot_copy, yrs_slot_free)

/* Sessions */

YrsSessionInfo *
yrs_session_info_copy (const YrsSessionInfo *self)
{
  YrsSessionInfo *copy = g_new0 (YrsSessionInfo, 1);

  copy->id = g_strdup (self->id);
  copy->kind = self->kind;
  copy->staff_id = g_strdup (self->staff_id);
  copy->created_at = self->created_at;
  copy->wiped_at = self->wiped_at;
  return copy;
}

void
yrs_session_info_free (YrsSessionInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->staff_id);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsSessionInfo, yrs_session_info,
                     yrs_session_info_copy, yrs_session_info_free)

/* Drafts */

YrsDraft *
yrs_draft_copy (const YrsDraft *self)
{
  YrsDraft *copy = g_new0 (YrsDraft, 1);

  copy->owner = g_strdup (self->owner);
  copy->key = g_strdup (self->key);
  copy->content = g_strdup (self->content);
  copy->updated_at = self->updated_at;
  return copy;
}

void
yrs_draft_free (YrsDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->owner);
  g_free (self->key);
  /* Drafts hold a person's answers: do not leave them in freed memory. */
  if (self->content != NULL)
    memset (self->content, 0, strlen (self->content));
  g_free (self->content);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsDraft, yrs_draft, yrs_draft_copy, yrs_draft_free)

/* Outbox */

YrsOutboxItem *
yrs_outbox_item_copy (const YrsOutboxItem *self)
{
  YrsOutboxItem *copy = g_new0 (YrsOutboxItem, 1);

  *copy = *self;
  copy->idempotency_key = g_strdup (self->idempotency_key);
  copy->owner = g_strdup (self->owner);
  copy->payload = g_strdup (self->payload);
  copy->last_error = g_strdup (self->last_error);
  copy->server_reference = g_strdup (self->server_reference);
  copy->reason = g_strdup (self->reason);
  copy->alternatives = g_strdup (self->alternatives);
  return copy;
}

void
yrs_outbox_item_free (YrsOutboxItem *self)
{
  if (self == NULL)
    return;
  g_free (self->idempotency_key);
  g_free (self->owner);
  g_free (self->payload);
  g_free (self->last_error);
  g_free (self->server_reference);
  g_free (self->reason);
  g_free (self->alternatives);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsOutboxItem, yrs_outbox_item,
                     yrs_outbox_item_copy, yrs_outbox_item_free)

/* Receipts */

YrsReceipt *
yrs_receipt_copy (const YrsReceipt *self)
{
  YrsReceipt *copy = g_new0 (YrsReceipt, 1);

  copy->id = self->id;
  copy->owner = g_strdup (self->owner);
  copy->reference = g_strdup (self->reference);
  copy->kind = g_strdup (self->kind);
  copy->summary = g_strdup (self->summary);
  copy->created_at = self->created_at;
  return copy;
}

void
yrs_receipt_free (YrsReceipt *self)
{
  if (self == NULL)
    return;
  g_free (self->owner);
  g_free (self->reference);
  g_free (self->kind);
  g_free (self->summary);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (YrsReceipt, yrs_receipt, yrs_receipt_copy, yrs_receipt_free)

/* Deltas */

YrsStoreDelta *
yrs_store_delta_new (void)
{
  YrsStoreDelta *self = g_atomic_rc_box_new0 (YrsStoreDelta);

  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_store_facility_free);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_slot_free);
  self->removed_slot_ids = g_ptr_array_new_with_free_func (g_free);
  return self;
}

YrsStoreDelta *
yrs_store_delta_ref (YrsStoreDelta *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
delta_clear (gpointer data)
{
  YrsStoreDelta *self = data;

  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->removed_slot_ids, g_ptr_array_unref);
  g_clear_pointer (&self->slots_cursor, g_free);
}

void
yrs_store_delta_unref (YrsStoreDelta *self)
{
  g_atomic_rc_box_release_full (self, delta_clear);
}

G_DEFINE_BOXED_TYPE (YrsStoreDelta, yrs_store_delta,
                     yrs_store_delta_ref, yrs_store_delta_unref)
