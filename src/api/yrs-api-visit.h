/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-api-visit.h: the nurse's home visit and the supervisor's queue
 * (issue 17; data/api/openapi.yaml): cases, consultation records, EPDS
 * screenings, pending 産後ケア registrations and decisions.
 *
 *   GET  /v1/cases                         YrsApiCaseList
 *   POST /v1/cases                         YrsApiCaseRequest → YrsApiCase
 *   POST /v1/consultations                 YrsApiConsultationRequest →
 *                                          YrsApiConsultationResponse
 *   POST /v1/screenings                    YrsApiScreeningRequest →
 *                                          YrsApiScreeningResponse
 *   GET  /v1/registrations?state=pending   YrsApiPendingRegistrationList
 *   POST /v1/registrations/{id}/decision   YrsApiDecisionRequest →
 *                                          YrsApiPendingRegistration
 *
 * Every body has the functions of YRS_API_DECLARE_BODY. The requests also
 * have _decode (node, errors): every field problem as a YrsApiFieldError
 * in @errors (what a 422 lists), NULL when there is one; _from_json gives
 * the first of them as a GError. The bodies hold the most sensitive data
 * the app knows: never log them; _free wipes the free text. */

#pragma once

#include "yrs-api.h"

G_BEGIN_DECLS

#define YRS_API_MAX_REASON_CHARS 500
#define YRS_API_MAX_NOTES_CHARS  YRS_API_MAX_TEXT_CHARS
#define YRS_API_EPDS_ITEMS       10

/* Staff roles (YrsApiStaffSessionResponse.role). */
#define YRS_API_ROLE_NURSE      "nurse"
#define YRS_API_ROLE_SUPERVISOR "supervisor"

/* Submission states added by issue 17 (with received, pending, approved,
 * confirmed, cancelled). */
#define YRS_API_STATE_WAITING_FOR_CONSULTATION "waiting_for_consultation"
#define YRS_API_STATE_READY_TO_PAY             "ready_to_pay"
#define YRS_API_STATE_DECLINED                 "declined"

typedef enum
{
  YRS_API_CONSULTATION_NOTIFICATION,  /* at the pregnancy notification */
  YRS_API_CONSULTATION_EIGHT_MONTHS,
  YRS_API_CONSULTATION_AFTER_BIRTH,
  YRS_API_CONSULTATION_OTHER,
} YrsApiConsultationKind;

typedef enum
{
  YRS_API_PLACE_HOME,
  YRS_API_PLACE_WARD_OFFICE,
  YRS_API_PLACE_PHONE,
  YRS_API_PLACE_ONLINE,
} YrsApiConsultationPlace;

typedef enum
{
  YRS_API_FOLLOW_UP_NONE,
  YRS_API_FOLLOW_UP_PHONE,
  YRS_API_FOLLOW_UP_VISIT,
  YRS_API_FOLLOW_UP_REFERRAL,
} YrsApiFollowUpKind;

/* "notification", "eight_months", "after_birth", "other" */
const char *yrs_api_consultation_kind_to_string   (YrsApiConsultationKind  kind);
gboolean    yrs_api_consultation_kind_from_string (const char             *text,
                                                   YrsApiConsultationKind *out);
/* "home", "ward_office", "phone", "online" */
const char *yrs_api_consultation_place_to_string  (YrsApiConsultationPlace place);
gboolean    yrs_api_consultation_place_from_string (const char              *text,
                                                    YrsApiConsultationPlace *out);
/* "none", "phone", "visit", "referral" */
const char *yrs_api_follow_up_kind_to_string      (YrsApiFollowUpKind      kind);
gboolean    yrs_api_follow_up_kind_from_string    (const char             *text,
                                                   YrsApiFollowUpKind     *out);

/* The fixed lists, NULL-terminated. */
const char * const *yrs_api_consultation_topics   (void);  /* physical_health … other */
const char * const *yrs_api_consultation_present  (void);  /* mother, partner, grandparent, other */

/* The family of a case. In a Case only name is sure to be there (the city
 * may hold no more); POST /v1/cases requires name and birth_date. */
typedef struct
{
  char *name;
  char *kana;               /* full-width katakana */
  char *birth_date;         /* the mother's, YYYY-MM-DD */
  char *phone;
  char *address;
  char *postal_code;        /* 7 digits, "650-0001" too */
  char *due_date;           /* optional */
  char *child_birth_date;   /* optional */
} YrsApiVisitFamily;

/* Case.submissions[] */
typedef struct
{
  char *reference;
  char *kind;               /* "application" | "registration" */
  char *programme;          /* programme id (registrations: postpartum_care) */
  char *state;              /* waiting_for_consultation, ready_to_pay, pending,
                             * approved, declined, received … */
} YrsApiCaseSubmission;

/* Case.consultations[], newest first. For the ward's staff the record
 * itself comes with it (has_record); a record the city's retention erased
 * has only id, kind and date. */
typedef struct
{
  char                   *id;
  YrsApiConsultationKind  kind;
  char                   *date;
  gboolean                has_record;
  YrsApiConsultationPlace place;
  GStrv                   present;               /* never NULL */
  GStrv                   topics;                /* never NULL */
  GStrv                   programmes_explained;  /* never NULL */
  YrsApiFollowUpKind      follow_up_kind;
  char                   *follow_up_date;        /* optional */
  char                   *notes;                 /* optional */
} YrsApiCaseConsultation;

/* Case.screenings[], newest first: the EPDS as recorded (item scores as
 * numbers only, never the wording), the server's total and level
 * ("high": at or above the 9-point line, else "low"), urgent when item
 * 10 scored above 0. has_record FALSE: erased by retention (only id,
 * date, total, level and urgent then). */
typedef struct
{
  char    *id;                  /* "SCR-…" */
  char    *date;
  gboolean has_record;
  int      items[YRS_API_EPDS_ITEMS];
  int      total;
  gboolean high;
  gboolean urgent;
  gboolean urgent_acknowledged;
  GStrv    offered;             /* never NULL */
  GStrv    chosen;              /* never NULL */
} YrsApiCaseScreening;

typedef struct
{
  char              *id;             /* "CASE-…" */
  char              *ward;           /* NULL: none known */
  gboolean           added_by_staff;
  YrsApiVisitFamily *family;         /* never NULL */
  JsonObject        *answers;        /* by question id, never NULL */
  GPtrArray         *submissions;    /* YrsApiCaseSubmission*, never NULL */
  GPtrArray         *consultations;  /* YrsApiCaseConsultation*, never NULL */
  GPtrArray         *screenings;     /* YrsApiCaseScreening*, never NULL
                                      * (absent in an older body: empty) */
  char              *updated_at;     /* RFC 3339 */
} YrsApiCase;

/* 200 of GET /v1/cases */
typedef struct
{
  char      *ward;                   /* the caller's; NULL for city-wide */
  GPtrArray *cases;                  /* YrsApiCase*, never NULL */
  char      *next;                   /* the next page's cursor (after=), NULL: the last */
} YrsApiCaseList;

/* POST /v1/cases */
typedef struct
{
  YrsApiVisitFamily *family;         /* never NULL once decoded */
  JsonObject        *answers;        /* never NULL once decoded */
} YrsApiCaseRequest;

/* POST /v1/consultations */
typedef struct
{
  char                   *case_id;
  YrsApiConsultationKind  kind;
  char                   *date;
  YrsApiConsultationPlace place;
  GStrv                   present;               /* never NULL once decoded */
  GStrv                   topics;                /* ids of the fixed list */
  GStrv                   programmes_explained;  /* programme ids */
  YrsApiFollowUpKind      follow_up_kind;
  char                   *follow_up_date;        /* optional */
  char                   *notes;                 /* optional, ≤ 2000 chars */
} YrsApiConsultationRequest;

/* 201 of POST /v1/consultations */
typedef struct
{
  char *id;                  /* "CON-…" */
  char *case_id;
  GStrv payments_ready;      /* references now ready_to_pay, never NULL */
} YrsApiConsultationResponse;

/* POST /v1/screenings (instrument "epds" only) */
typedef struct
{
  char    *case_id;
  char    *consultation;        /* optional "CON-…" */
  char    *instrument;          /* "epds" */
  char    *date;
  int      items[YRS_API_EPDS_ITEMS];  /* each 0..3 */
  GStrv    offered;             /* referral ids, never NULL once decoded */
  GStrv    chosen;
  gboolean urgent_acknowledged;
} YrsApiScreeningRequest;

/* 201 of POST /v1/screenings: the server's own count */
typedef struct
{
  char    *id;                  /* "SCR-…" */
  int      total;
  gboolean high;                /* total >= 9 */
  gboolean urgent;              /* items[9] > 0 */
} YrsApiScreeningResponse;

/* One registration in the supervisor's queue, and the answer of a
 * decision. */
typedef struct
{
  char       *id;
  char       *reference;
  char       *ward;             /* NULL: none known */
  char       *state;            /* pending | approved | declined */
  char       *reason;           /* optional: why it was declined */
  char       *created_at;       /* RFC 3339 */
  JsonObject *declared;         /* what the mother declared, never NULL */
} YrsApiPendingRegistration;

/* 200 of GET /v1/registrations?state=pending */
typedef struct
{
  GPtrArray *registrations;     /* YrsApiPendingRegistration*, never NULL */
} YrsApiPendingRegistrationList;

/* POST /v1/registrations/{id}/decision */
typedef struct
{
  gboolean approve;             /* "approve" | "decline" */
  char    *reason;              /* required to decline, ≤ 500 chars */
} YrsApiDecisionRequest;

YRS_API_DECLARE_BODY (YrsApiVisitFamily, visit_family);
YRS_API_DECLARE_BODY (YrsApiCaseSubmission, case_submission);
YRS_API_DECLARE_BODY (YrsApiCaseConsultation, case_consultation);
YRS_API_DECLARE_BODY (YrsApiCaseScreening, case_screening);
YRS_API_DECLARE_BODY (YrsApiCase, case);
YRS_API_DECLARE_BODY (YrsApiCaseList, case_list);
YRS_API_DECLARE_BODY (YrsApiCaseRequest, case_request);
YRS_API_DECLARE_BODY (YrsApiConsultationRequest, consultation_request);
YRS_API_DECLARE_BODY (YrsApiConsultationResponse, consultation_response);
YRS_API_DECLARE_BODY (YrsApiScreeningRequest, screening_request);
YRS_API_DECLARE_BODY (YrsApiScreeningResponse, screening_response);
YRS_API_DECLARE_BODY (YrsApiPendingRegistration, pending_registration);
YRS_API_DECLARE_BODY (YrsApiPendingRegistrationList, pending_registration_list);
YRS_API_DECLARE_BODY (YrsApiDecisionRequest, decision_request);

/* Every field problem of a request body into @errors (YrsApiFieldError*):
 * NULL when there is any. A body that is not an object gives one error
 * with field "body". */
YrsApiCaseRequest         *yrs_api_case_request_decode         (JsonNode  *node,
                                                                GPtrArray *errors);
YrsApiConsultationRequest *yrs_api_consultation_request_decode (JsonNode  *node,
                                                                GPtrArray *errors);
YrsApiScreeningRequest    *yrs_api_screening_request_decode    (JsonNode  *node,
                                                                GPtrArray *errors);
YrsApiDecisionRequest     *yrs_api_decision_request_decode     (JsonNode  *node,
                                                                GPtrArray *errors);
/* A Case of GET /v1/cases (what the tablet downloads), every bad field of
 * it, its records' and screenings' included, listed. */
YrsApiCase                *yrs_api_case_decode                 (JsonNode  *node,
                                                                GPtrArray *errors);

/* "CASE-…", "CON-…", "SCR-…": a prefix, a hyphen, then capitals, digits
 * and hyphens (at most YRS_API_MAX_ID_CHARS). */
gboolean yrs_api_is_valid_case_id         (const char *text);
gboolean yrs_api_is_valid_consultation_id (const char *text);

/* For a family the server puts together from a submission: drops each
 * member a Case decoder would refuse (a kana that is not katakana, a phone
 * of the wrong form, …); a missing or unusable name becomes "-". */
void     yrs_api_visit_family_drop_invalid (YrsApiVisitFamily *self);

G_END_DECLS
