/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-bank-search.h"
#include "yrs-form-field.h"
#include "yrs-form-spec.h"
#include "yrs-review-section.h"
#include "yrs-session.h"
#include "yrs-visit-case.h"

G_BEGIN_DECLS

#define YRS_TYPE_APPLICATION_FLOW (yrs_application_flow_get_type ())

G_DECLARE_FINAL_TYPE (YrsApplicationFlow, yrs_application_flow, YRS, APPLICATION_FLOW, GObject)

/* Applying for a programme: the form (its fields, their values and
 * errors), the review, and sending it to the outbox. Made by the session
 * (yrs_session_get_application_flow()); the programme is the one whose
 * card the person chose (session field "apply.programme"), followed when it
 * changes.
 *
 * Properties (read-only unless said):
 *   "programme"      the card's programme ID, or NULL
 *   "form"           its YrsFormId (0: none)
 *   "title"          the form's title, translated
 *   "fields"         GListModel of YrsFormField: the form's fields in order
 *   "errors"         GListModel of YrsFormField: those with an error after
 *                    the last check, in order (the summary at the top)
 *   "n-errors"       how many, "has-errors" whether any
 *   "error-summary"  "There are 2 problems in the form…", or "" with none
 *   "review"         GListModel of YrsReviewSection: the sections that
 *                    apply, each with its fields' values as people read
 *                    them
 *   "send-error"     why the last send could not be saved, or "";
 *                    "has-send-error" whether there is one
 *
 * The session keeps the values (so a restart or a language switch loses
 * nothing) under the field IDs, and the flow's own keys: "apply.checked"
 * (the programme whose form was last checked: its errors come back after
 * a restart), "<date id>#y/#m/#d/#wareki" (a date's parts as typed),
 * "address.filled" (the address a postal code filled in),
 * "review.sent-key"/"review.sent-sum" (the last send, against sending the
 * same answers twice). After a send the session field "submission.key"
 * names the new outbox row (see yrs_session_get_submission()). */

YrsApplicationFlow *yrs_application_flow_new              (YrsSession         *session);

const char         *yrs_application_flow_get_programme    (YrsApplicationFlow *self);
/* Opens the form of `programme_id`, the card she tapped ("Apply", "Register
 * and book"): another programme's form than last time opens without the
 * old one's errors. */
void                yrs_application_flow_open             (YrsApplicationFlow *self,
                                                           const char         *programme_id);
/* Opens the form of `programme_id` for the family of a nurse's visit (the
 * 産後ケア registration from the EPDS panel): what the form asks and the
 * case holds (her name, kana, birth date, phone, postal code, address,
 * the child's birth date or the due date) is filled in, once per case, so
 * that she only checks it and can still correct it. */
void                yrs_application_flow_open_for_case    (YrsApplicationFlow *self,
                                                           const char         *programme_id,
                                                           YrsVisitCase       *visit_case);
YrsFormId           yrs_application_flow_get_form         (YrsApplicationFlow *self);
const char         *yrs_application_flow_get_title        (YrsApplicationFlow *self);
GListModel         *yrs_application_flow_get_fields       (YrsApplicationFlow *self);
GListModel         *yrs_application_flow_get_errors       (YrsApplicationFlow *self);
guint               yrs_application_flow_get_n_errors     (YrsApplicationFlow *self);
char               *yrs_application_flow_dup_error_summary (YrsApplicationFlow *self);
GListModel         *yrs_application_flow_get_review       (YrsApplicationFlow *self);
const char         *yrs_application_flow_get_send_error   (YrsApplicationFlow *self);

/* The field of this form, or NULL. */
YrsFormField       *yrs_application_flow_lookup_field     (YrsApplicationFlow *self,
                                                           const char         *id);

/* A value as the person gave it; NULL or "" clears it. A changed value's
 * error goes (it is checked again by _validate()); a postal code of the
 * city fills the ward into an empty address. */
const char         *yrs_application_flow_get_value        (YrsApplicationFlow *self,
                                                           const char         *id);
void                yrs_application_flow_set_value        (YrsApplicationFlow *self,
                                                           const char         *id,
                                                           const char         *value);

/* The places a postal code of several places offers (YrsAddressChoice),
 * while the address is empty or holds only what a code filled in; empty
 * otherwise. Choosing one fills its whole address (ward and town) in, as
 * a code of one town does, and clears the choices; her own address or
 * another code clears them too. Property "address-choices". */
GListModel         *yrs_application_flow_get_address_choices (YrsApplicationFlow *self);
void                yrs_application_flow_choose_address   (YrsApplicationFlow *self,
                                                           guint               position);

/* A date's parts as typed (kept so that an unfinished or wrong date
 * survives a rebuild): part "y", "m" or "d". With wareki (an era year) the
 * page's date field checks the parts and tells its message (or NULL);
 * western years the flow checks itself. */
void                yrs_application_flow_set_date_parts   (YrsApplicationFlow *self,
                                                           const char         *id,
                                                           const char         *year,
                                                           const char         *month,
                                                           const char         *day,
                                                           gboolean            wareki,
                                                           const char         *wareki_error);
const char         *yrs_application_flow_get_date_part    (YrsApplicationFlow *self,
                                                           const char         *id,
                                                           const char         *part);
gboolean            yrs_application_flow_get_date_wareki  (YrsApplicationFlow *self,
                                                           const char         *id);

/* Checks every field that applies, normalises the right ones (フリガナ in
 * full-width katakana, 7-digit codes), sets each field's error and the
 * summary; returns how many are wrong. */
guint               yrs_application_flow_validate         (YrsApplicationFlow *self);

/* What to bring (the catalogue's list for the programme applied for:
 * 母子健康手帳, the bankbook, …), one "• item" a line in the current
 * language, "" when the catalogue gives none; `sample` (may be NULL) is
 * set when an item is a sample, not the city's own list. Also the
 * properties "documents", "has-documents", "documents-sample". */
char               *yrs_application_flow_dup_documents    (YrsApplicationFlow *self,
                                                           gboolean           *sample);

/* The account by name: she finds her bank, then its branch, by what she
 * types (YrsBankSearch: "results" for a list of large buttons; the
 * queries are kept with the form, as "bank.search" and
 * "bank.branch-search"), and taps one. Choosing sets "bank.code" (and
 * "bank.method" to "bank"; another bank than before clears the branch),
 * or for ゆうちょ銀行 (9900) "bank.method" to "yucho", whose account is
 * its 記号 and 番号. A branch is one of the chosen bank's. Codes the
 * table does not have are ignored here; typed into the code fields they
 * are kept, with a note. The review shows the names with their codes. */
YrsBankSearch      *yrs_application_flow_get_bank_search   (YrsApplicationFlow *self);
YrsBankSearch      *yrs_application_flow_get_branch_search (YrsApplicationFlow *self);
void                yrs_application_flow_choose_bank       (YrsApplicationFlow *self,
                                                            const char         *code);
void                yrs_application_flow_choose_branch     (YrsApplicationFlow *self,
                                                            const char         *code);

/* The programme applied for: the card's, or for the support payments the
 * one the form's choice names. */
const char         *yrs_application_flow_get_applied_programme (YrsApplicationFlow *self);

/* The request as it goes to the outbox (an application's or a
 * registration's JSON, from src/api's typed requests). */
char               *yrs_application_flow_dup_payload      (YrsApplicationFlow *self);

/* Puts the application into the outbox (yrs_session_submit()) and sets
 * the session's "submission.key" to its row. The same answers sent again
 * (back from the receipt, "Send") make no second row: the first row's key
 * is returned. On failure sets "send-error" and returns NULL. */
char               *yrs_application_flow_send             (YrsApplicationFlow *self,
                                                           GError            **error);

G_END_DECLS
