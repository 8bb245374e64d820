/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-private.h: how YrsVisitList and YrsDecisionQueue make their
 * items. Only src/flows includes this. */

#pragma once

#include <json-glib/json-glib.h>

#include "yrs-catalog.h"
#include "yrs-decision-queue.h"
#include "yrs-pending-registration.h"
#include "yrs-visit-case.h"
#include "yrs-visit-list.h"
#include "yrs-visit-submission.h"

G_BEGIN_DECLS

/* From a Case of GET /v1/cases (or a family she added, with "pending");
 * `local_kinds` are the consultation kinds recorded on this tablet and
 * still in the outbox (may be NULL); `local_records` (JsonObject*: "type"
 * consultation|screening, "record", "pending"; may be NULL) the records
 * saved here that the city's case does not hold yet. */
YrsVisitCase *_yrs_visit_case_new (JsonObject          *case_object,
                                   YrsCatalog          *catalog,
                                   gboolean             pending,
                                   const char * const  *local_kinds,
                                   GPtrArray           *local_records);
/* Replaces what the case holds (the same ID) and notifies. */
void          _yrs_visit_case_update (YrsVisitCase       *self,
                                      YrsVisitCase       *from);

YrsVisitSubmission *_yrs_visit_submission_new (JsonObject *submission,
                                               YrsCatalog *catalog);

/* From a registration of GET /v1/registrations?state=pending. */
/* @catalog (nullable): names the declared ward in the reader's language. */
YrsPendingRegistration *_yrs_pending_registration_new (JsonObject *registration,
                                                       YrsCatalog *catalog);
void    _yrs_pending_registration_set_state (YrsPendingRegistration *self,
                                             const char             *state,
                                             const char             *reason);

/* Overwrites a string before freeing it (personal data). */
void    _yrs_visit_free_secret (char *str);

G_END_DECLS
