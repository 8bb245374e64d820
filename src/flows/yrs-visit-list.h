/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-list.h: the nurse's visit list (issue 17, points 1 and 5), a
 * GListModel of YrsVisitCase.
 *
 * The families of her ward waiting for a consultation, as the server
 * gave them (GET /v1/cases, downloaded by the sync engine at sign-in and
 * each sync) and kept in the store's sealed cache under her data key, so
 * that the list is there on an offline visit day; the families she added
 * and the records she made that are still in the outbox are shown with
 * them ("pending"). Only for a signed-in staff member: the session never
 * makes one on a kiosk (yrs_session_get_visit_list()).
 *
 * Properties: "loading" (a refresh is under way), "offline" (the last
 * refresh could not reach the server: the list is the cached one),
 * "last-updated" (when the server last gave the list, local time, or
 * NULL), "error" (translated, or NULL).
 *
 * The records are the POST bodies of /v1/consultations and
 * /v1/screenings minus "case" (src/flows/yrs-consultation-flow.h and
 * yrs-screening-flow.h build them); they are queued in the outbox with
 * their idempotency key, their personal members sealed to the city's key,
 * and sent when the server is there, exactly once. */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "yrs-session.h"
#include "yrs-visit-case.h"

G_BEGIN_DECLS

#define YRS_VISIT_LIST_ERROR (yrs_visit_list_error_quark ())

typedef enum
{
  YRS_VISIT_LIST_ERROR_INVALID,     /* a bad record; the message names the field */
  YRS_VISIT_LIST_ERROR_NOT_FOUND,   /* no such case on the list */
  YRS_VISIT_LIST_ERROR_LOCKED,      /* her data key is not held (locked) */
  YRS_VISIT_LIST_ERROR_FAILED,      /* the store failed */
} YrsVisitListError;

GQuark yrs_visit_list_error_quark (void);

#define YRS_TYPE_VISIT_LIST (yrs_visit_list_get_type ())
G_DECLARE_FINAL_TYPE (YrsVisitList, yrs_visit_list, YRS, VISIT_LIST, GObject)

/* The session's (yrs_session_get_visit_list()); its store, owner and
 * sync engine. */
YrsVisitList *yrs_visit_list_new     (YrsSession   *session);

gboolean    yrs_visit_list_get_loading      (YrsVisitList *self);
gboolean    yrs_visit_list_get_offline      (YrsVisitList *self);
/* "2026-12-05 09:30", local time, or NULL before the first download. */
char       *yrs_visit_list_dup_last_updated (YrsVisitList *self);
const char *yrs_visit_list_get_error        (YrsVisitList *self);

/* Reads the cached list, and asks the sync engine for a fresh one (when
 * there is an engine); offline, the cached list stays. */
void        yrs_visit_list_refresh          (YrsVisitList *self);
/* The case of that ID on the list (a server's "CASE-…" or a pending
 * "local:…"), or NULL. Owned by the list. */
YrsVisitCase *yrs_visit_list_lookup         (YrsVisitList *self,
                                             const char   *case_id);
/* A family she adds: {"name", "kana", "birth_date", "phone", "address",
 * "postal_code", "due_date"?, "child_birth_date"?} (the POST /v1/cases
 * "family"), queued as an outbox "case" row; the case appears on the
 * list at once as pending with the ID "local:<key>" (out_case_id), which
 * records may name until the server's ID is known. */
gboolean    yrs_visit_list_add_family       (YrsVisitList *self,
                                             JsonObject   *family,
                                             char        **out_case_id,
                                             GError      **error);
/* Queues a consultation record (outbox kind "consultation"); out_local_id
 * receives its idempotency key, which a screening may name in
 * "consultation" until the server's CON- ID is known. */
gboolean    yrs_visit_list_record_consultation (YrsVisitList *self,
                                                const char   *case_id,
                                                JsonObject   *record,
                                                char        **out_local_id,
                                                GError      **error);
/* Queues an EPDS record (outbox kind "screening"). */
gboolean    yrs_visit_list_record_screening (YrsVisitList *self,
                                             const char   *case_id,
                                             JsonObject   *record,
                                             GError      **error);

G_END_DECLS
