/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "yrs-answers.h"
#include "yrs-eligibility.h"
#include "yrs-outbox-model.h"
#include "yrs-sync-status.h"

G_BEGIN_DECLS

/* The device's store (yrs-store.h) and sync engine (yrs-sync-engine.h);
 * forward-declared so that a page can use the session without their
 * headers. Only flows (src/flows) use them. */
typedef struct _YrsStore YrsStore;
typedef struct _YrsSyncEngine YrsSyncEngine;
typedef struct _YrsBookingFlow YrsBookingFlow;

/* The flows (src/flows/yrs-*-flow.h). */
typedef struct _YrsCheckFlow YrsCheckFlow;
typedef struct _YrsApplicationFlow YrsApplicationFlow;
typedef struct _YrsSubmission YrsSubmission;
typedef struct _YrsLookupFlow YrsLookupFlow;
typedef struct _YrsVisitList YrsVisitList;
typedef struct _YrsDecisionQueue YrsDecisionQueue;
typedef struct _YrsConsultationFlow YrsConsultationFlow;
typedef struct _YrsScreeningFlow YrsScreeningFlow;

/* The person's writing engines (src/ime, yrs-converter.h and
 * yrs-handwriting.h). */
typedef struct _YrsConverter YrsConverter;
typedef struct _YrsHandwriting YrsHandwriting;

#define YRS_TYPE_SESSION (yrs_session_get_type ())

G_DECLARE_FINAL_TYPE (YrsSession, yrs_session, YRS, SESSION, GObject)

/* Everything a person creates lives here, never in a page: so pages can be
 * rebuilt at any time (language switch) and dropped at once (kiosk wipe).
 *
 * The session owns the flows (src/flows: one object per thing a person
 * does), made on first use by their typed getters below and dropped by
 * yrs_session_wipe() and by a change of store or owner: pages bind to a
 * flow, and a page built after a wipe gets a new, empty one. A flow keeps
 * what must survive a restart in the session's draft; its keys are its
 * own business, never a message from one page to another. */
YrsSession *yrs_session_new            (void);

const char *yrs_session_get_page       (YrsSession *self);
void        yrs_session_push_page      (YrsSession *self,
                                        const char *name);
/* Returns FALSE when already at the first page. */
gboolean    yrs_session_pop_page       (YrsSession *self);
void        yrs_session_reset_pages    (YrsSession *self,
                                        const char *name);

/* Form fields and other values by stable ID ("applicant.name"). */
const char *yrs_session_get_field      (YrsSession *self,
                                        const char *id);
void        yrs_session_set_field      (YrsSession *self,
                                        const char *id,
                                        const char *value);
GList      *yrs_session_list_fields    (YrsSession *self);

/* Drops everything the person entered and goes back to the first page. */
void        yrs_session_wipe           (YrsSession *self);
/* The end of a family's visit at a staff tablet ("Next family"): as
 * yrs_session_wipe() (answers, fields, the check's step, the flows and
 * what they remember, the submissions of this visit), and the owner's
 * draft deleted from the store; the owner (the staff member signed in)
 * and the outbox stay. A kiosk's end of session is yrs_session_wipe()
 * with the owner's rows wiped in the store (yrs-kiosk.c). */
void        yrs_session_end_visit      (YrsSession *self);
/* Whether the outbox row `key` was sent in this visit (by
 * yrs_session_submit() since the last wipe): a staff member's outbox
 * holds every family's rows, and only these are this family's. */
gboolean    yrs_session_is_visit_submission (YrsSession *self,
                                             const char *key);

/* The programme catalogue in use: the newest one the app has (the store's
 * or the bundled default); never NULL. */
YrsCatalog *yrs_session_get_catalog    (YrsSession *self);
void        yrs_session_set_catalog    (YrsSession *self,
                                        YrsCatalog *catalog);

/* The eligibility answers by question ID; pages write into them directly
 * and the session saves each change. */
YrsAnswers *yrs_session_get_answers    (YrsSession *self);

/* The date everything is evaluated as of: today unless set (staff and
 * tests); YRS_DATE_NONE goes back to today. */
YrsDate     yrs_session_get_as_of      (YrsSession *self);
void        yrs_session_set_as_of      (YrsSession *self,
                                        YrsDate     as_of);

/* The eligibility check (yrs-check-flow.h): answers, the wizard's path and
 * position, the results. */
YrsCheckFlow *yrs_session_get_check    (YrsSession *self);
/* The wizard's position in its path (0-based), kept across rebuilds. */
guint       yrs_session_get_check_step (YrsSession *self);
void        yrs_session_set_check_step (YrsSession *self,
                                        guint       step);
/* A copy of the answers limited to the questions on the wizard's path
 * (yrs_wizard_dup_path_answers()), so that an answer made irrelevant by a
 * later change (a loss date after choosing "born") never counts. */
YrsAnswers *yrs_session_dup_path_answers (YrsSession *self);
/* Evaluates the catalogue for the path answers as of the session's date
 * (yrs_wizard_evaluate()); the check flow keeps the same, evaluated once
 * per change. */
YrsEvaluation *yrs_session_evaluate    (YrsSession *self);

/* Drafts: with a store and an owner (a kiosk session or a staff member's),
 * every change (answers, fields, pages, step) is queued as that owner's
 * draft; setting them loads the owner's draft when there is one. */
void        yrs_session_set_store      (YrsSession *self,
                                        YrsStore   *store,
                                        const char *owner);
YrsStore   *yrs_session_get_store      (YrsSession *self);
const char *yrs_session_get_owner      (YrsSession *self);

/* The device's sync engine, or NULL (no server configured, tests). Set by
 * the app before the flows are first used. */
void           yrs_session_set_sync_engine (YrsSession    *self,
                                            YrsSyncEngine *engine);
YrsSyncEngine *yrs_session_get_sync_engine (YrsSession    *self);
/* The engine as views show it (the header's indicator, the settings'
 * sync health, the outbox page's line); NULL without an engine. Kept
 * across wipes: it is the device's, not the person's. */
YrsSyncStatus *yrs_session_get_sync_status (YrsSession    *self);

/* The outbox of the session's owner (rows listed for a staff member
 * only); never NULL. A flow: dropped with the person. */
YrsOutboxModel *yrs_session_get_outbox     (YrsSession    *self);

/* The kana-kanji converter and the handwriting recogniser the on-screen
 * keypad uses for this person: made on first use (their engines load on
 * the first tap or stroke, not here), wiped (forget()) and dropped with
 * the flows, and the engines' memory given back (yrs_ime_unload()). */
YrsConverter   *yrs_session_get_converter   (YrsSession *self);
YrsHandwriting *yrs_session_get_handwriting (YrsSession *self);

/* Puts a submission (kind "application", "registration", "reservation",
 * "cancellation"; payload a JSON object) into the store's outbox for this
 * session's owner and asks for a sync ("sync-requested"). Returns the
 * row's idempotency key. Without the city's key (the city-key setting,
 * yrs_store_set_city_key()) nothing is queued: personal data never stays
 * on a device unsealed. That fails with YRS_STORE_ERROR_NO_CITY_KEY and a
 * translated message for the person, naming what the city's IT staff must
 * set. */
char       *yrs_session_submit         (YrsSession *self,
                                        const char *kind,
                                        const char *payload,
                                        GError    **error);
void        yrs_session_request_sync   (YrsSession *self);

/* The session as the draft's JSON: {"answers": {...}, "fields": {...},
 * "pages": [...]}, and back. Restoring replaces everything. */
char       *yrs_session_to_json        (YrsSession *self);
gboolean    yrs_session_load_json      (YrsSession *self,
                                        const char *json,
                                        GError    **error);

/* The booking of postpartum care (yrs-booking-flow.h). */
YrsBookingFlow *yrs_session_get_booking_flow (YrsSession *self);
/* The application form of the card chosen ("apply.programme"): fields,
 * validation, review, sending (yrs-application-flow.h). */
YrsApplicationFlow *yrs_session_get_application_flow (YrsSession *self);
/* The receipt of the last submission: follows the outbox row named by the
 * field "submission.key", which the application and booking flows set
 * after a send (yrs-submission.h). */
YrsSubmission      *yrs_session_get_submission       (YrsSession *self);

/* Coming back with a receipt: her reference and date of birth, the state
 * the server knows, her bookings (yrs-lookup-flow.h). Dropped at the wipe
 * with everything she entered. peek: the flow if she used it, else NULL
 * (never makes one). */
YrsLookupFlow      *yrs_session_get_lookup_flow      (YrsSession *self);
YrsLookupFlow      *yrs_session_peek_lookup_flow     (YrsSession *self);

/* The home visits (issue 17). The signed-in staff member's role as the
 * server gave it at her last online sign-in ("nurse", "supervisor"), or
 * NULL (a kiosk, nobody signed in, never online). The nurse's visit list
 * (yrs-visit-list.h): NULL unless a staff member is signed in (never on a
 * kiosk). The supervisor's queue (yrs-decision-queue.h): NULL unless she
 * is a supervisor. Flows: dropped with the person (sign-out, wipe, next
 * family), made again on the next call. */
const char         *yrs_session_get_staff_role       (YrsSession *self);
YrsVisitList       *yrs_session_get_visit_list       (YrsSession *self);
YrsDecisionQueue   *yrs_session_get_decision_queue   (YrsSession *self);

/* The visit forms (yrs-consultation-flow.h, yrs-screening-flow.h) of the
 * family chosen on the visit list (the field "visit.case"): made on first
 * use for that case as of the session's date, made again when another
 * case is chosen; NULL when none is chosen or it is not on the list.
 * Dropped with the flows, and by yrs_session_drop_visit_forms() once a
 * record is saved. */
YrsConsultationFlow *yrs_session_get_consultation_flow (YrsSession *self);
YrsScreeningFlow    *yrs_session_get_screening_flow    (YrsSession *self);
void                 yrs_session_drop_visit_forms      (YrsSession *self);

G_END_DECLS
