/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-api.h: the wire contract of the central API (data/api/openapi.yaml)
 * as plain C structs, with json-glib decoding and encoding shared by the
 * client (src/sync) and the reference server (src/server).
 *
 * Every decoder takes a JsonNode (or a string, parsed with the limits of
 * yrs_api_parse()) and either returns a fully checked struct or NULL with a
 * YRS_API_DECODE_ERROR whose message starts with the path of the offending
 * field ("slots[3].capacity: …"). yrs_api_decode_error_dup_field() gives
 * that path back, yrs_api_decode_error_code_name() the stable code used in
 * problem documents ("required", "type", …). */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits that both sides enforce. */
#define YRS_API_MAX_BODY_BYTES     (1024 * 1024)  /* larger bodies: 413 */
#define YRS_API_MIN_YEAR           1900           /* dates outside: "format" */
#define YRS_API_MAX_YEAR           2199
#define YRS_API_MAX_DEPTH          32             /* JSON nesting */
#define YRS_API_MAX_ID_CHARS       64
#define YRS_API_MAX_NAME_CHARS     100
#define YRS_API_MAX_TEXT_CHARS     2000
#define YRS_API_MAX_FIELDS         200            /* application fields */
#define YRS_API_MAX_LIST           100000         /* slots in one page */

#define YRS_API_DECODE_ERROR (yrs_api_decode_error_quark ())

typedef enum
{
  YRS_API_DECODE_ERROR_MALFORMED,  /* not JSON, bad UTF-8, too deep, too big */
  YRS_API_DECODE_ERROR_REQUIRED,   /* a required member is absent or null */
  YRS_API_DECODE_ERROR_TYPE,       /* a member has the wrong JSON type */
  YRS_API_DECODE_ERROR_RANGE,      /* a number or enum value out of range */
  YRS_API_DECODE_ERROR_TOO_LONG,   /* a string or list beyond its limit */
  YRS_API_DECODE_ERROR_FORMAT,     /* a string in the wrong form (dates, …) */
} YrsApiDecodeError;

GQuark      yrs_api_decode_error_quark     (void);
/* "malformed", "required", "type", "range", "too_long", "format" */
const char *yrs_api_decode_error_code_name (int           code);
/* The field path at the start of a decode error's message, or NULL. */
char       *yrs_api_decode_error_dup_field (const GError *error);

/* Parses a request or response body: valid UTF-8, at most
 * YRS_API_MAX_BODY_BYTES and YRS_API_MAX_DEPTH levels, checked before
 * json-glib sees it. length may be -1 for a NUL-terminated string. */
JsonNode   *yrs_api_parse                  (const char   *data,
                                            gssize        length,
                                            GError      **error);
/* Compact JSON text of a node. */
char       *yrs_api_node_to_string         (JsonNode     *node);

/* Checks used by the decoders, public so that forms can reuse them. */
gboolean    yrs_api_is_valid_id            (const char   *text);
/* RFC 3339 date-time with an explicit offset: 2025-06-01T10:00:00+09:00 */
gboolean    yrs_api_is_valid_timestamp     (const char   *text);
/* 2025-06-01 (and a real day: 2025-02-30 is not) */
gboolean    yrs_api_is_valid_date          (const char   *text);

/* Problem types (RFC 9457 "type"), stable: the client maps them to text. */
#define YRS_API_PROBLEM_BAD_REQUEST        "urn:yorisoi:problem:bad-request"
#define YRS_API_PROBLEM_MALFORMED_JSON     "urn:yorisoi:problem:malformed-json"
#define YRS_API_PROBLEM_IDEMPOTENCY_KEY_MISSING "urn:yorisoi:problem:idempotency-key-missing"
#define YRS_API_PROBLEM_IDEMPOTENCY_KEY_REUSED  "urn:yorisoi:problem:idempotency-key-reused"
#define YRS_API_PROBLEM_UNAUTHORIZED       "urn:yorisoi:problem:unauthorized"
#define YRS_API_PROBLEM_FORBIDDEN          "urn:yorisoi:problem:forbidden"
#define YRS_API_PROBLEM_NOT_FOUND          "urn:yorisoi:problem:not-found"
#define YRS_API_PROBLEM_METHOD_NOT_ALLOWED "urn:yorisoi:problem:method-not-allowed"
#define YRS_API_PROBLEM_PAYLOAD_TOO_LARGE  "urn:yorisoi:problem:payload-too-large"
#define YRS_API_PROBLEM_UNSUPPORTED_MEDIA_TYPE "urn:yorisoi:problem:unsupported-media-type"
#define YRS_API_PROBLEM_VALIDATION         "urn:yorisoi:problem:validation"
#define YRS_API_PROBLEM_SLOT_FULL          "urn:yorisoi:problem:slot-full"
#define YRS_API_PROBLEM_SLOT_UNAVAILABLE   "urn:yorisoi:problem:slot-unavailable"
#define YRS_API_PROBLEM_REGISTRATION_PENDING "urn:yorisoi:problem:registration-pending"
#define YRS_API_PROBLEM_LOGIN_FAILED       "urn:yorisoi:problem:login-failed"
#define YRS_API_PROBLEM_TOO_MANY_ATTEMPTS  "urn:yorisoi:problem:too-many-attempts"
#define YRS_API_PROBLEM_INTERNAL           "urn:yorisoi:problem:internal"
/* 409: a registration a supervisor approved or declined before (issue 17). */
#define YRS_API_PROBLEM_ALREADY_DECIDED    "urn:yorisoi:problem:already-decided"
/* 400: the "sealed" member (personal fields sealed to the city's key) is
 * for a key the server does not hold, was tampered with, or its content
 * is not an object; errors[0].field is "sealed". */
#define YRS_API_PROBLEM_SEALED             "urn:yorisoi:problem:sealed"

/* Kinds of postpartum care. */
typedef enum
{
  YRS_API_KIND_STAY,   /* 宿泊 */
  YRS_API_KIND_DAY,    /* 通所 */
  YRS_API_KIND_VISIT,  /* 訪問 */
} YrsApiKind;

#define YRS_API_N_KINDS 3

/* "stay", "day", "visit" */
const char *yrs_api_kind_to_string         (YrsApiKind    kind);
gboolean    yrs_api_kind_from_string       (const char   *text,
                                            YrsApiKind   *out);

/* Every struct type below has _new (zeroed), _free, _from_json (node),
 * _from_string (text, length or -1), _to_json and _to_string, and a
 * g_autoptr cleanup. Strings are owned UTF-8; optional ones may be NULL. */

/* { "field": "applicant.phone", "code": "format" } */
typedef struct
{
  char *field;
  char *code;
} YrsApiFieldError;

YrsApiFieldError *yrs_api_field_error_new  (const char   *field,
                                            const char   *code);
void        yrs_api_field_error_free       (YrsApiFieldError *fe);

/* A postpartum-care slot. */
typedef struct
{
  char      *id;
  char      *facility;      /* facility id */
  YrsApiKind kind;
  char      *starts_at;     /* RFC 3339 with offset */
  char      *ends_at;
  gint64     capacity;      /* >= 0 */
  gint64     booked;        /* 0 ..= capacity */
  gint64     revision;      /* >= 0, grows with every change */
  gboolean   deleted;
} YrsApiSlot;

/* RFC 9457 problem details. errors: YrsApiFieldError*; alternatives:
 * YrsApiSlot* (for slot-full / slot-unavailable). Both always non-NULL. */
typedef struct
{
  char      *type;
  char      *title;
  int        status;        /* 400 ..= 599 */
  char      *detail;        /* optional */
  GPtrArray *errors;
  GPtrArray *alternatives;
} YrsApiProblem;

/* The top-level identification of a catalogue document (GET /v1/catalog
 * returns the whole document; these are the members the client needs
 * without loading it). All optional. */
typedef struct
{
  char *id;
  char *version;
  char *published_on;       /* YYYY-MM-DD */
} YrsApiCatalogMeta;

/* A facility for postpartum care. kinds: a bit per YrsApiKind offered. */
typedef struct
{
  char  *id;
  char  *name_ja;
  char  *name_en;           /* optional */
  char  *type;              /* "josanjo" (助産所) | "medical" (医療機関) */
  char  *ward;              /* optional */
  guint  kinds;             /* 1 << YRS_API_KIND_… */
} YrsApiFacility;

/* GET /v1/facilities: { "facilities": [...] } */
typedef struct
{
  GPtrArray *facilities;    /* YrsApiFacility* */
} YrsApiFacilityList;

/* GET /v1/slots: { "slots": [...], "cursor": "…", "has_more": false } */
typedef struct
{
  GPtrArray *slots;         /* YrsApiSlot* */
  char      *cursor;
  gboolean   has_more;
} YrsApiSlotPage;

/* POST /v1/registrations: 産後ケア利用申請. One of child_born_on or due_on
 * is required. */
typedef struct
{
  char     *name;           /* 氏名, any characters */
  char     *name_kana;      /* フリガナ: full-width katakana and spaces */
  char     *phone;          /* digits, optional hyphens, 10 or 11 digits */
  char     *child_born_on;  /* YYYY-MM-DD, optional */
  char     *due_on;         /* YYYY-MM-DD, optional */
  char     *ward;           /* optional */
  char     *birth_on;       /* the applicant's birth date, optional: with
                             * the reference, what proves her at a lookup */
  char     *postal_code;    /* optional: the ward of her case (issue 17) */
  gboolean  tax_exempt;
  gboolean  public_assistance;
} YrsApiRegistrationRequest;

typedef enum
{
  YRS_API_REGISTRATION_PENDING,
  YRS_API_REGISTRATION_APPROVED,
  YRS_API_REGISTRATION_DECLINED,   /* by a supervisor (issue 17) */
} YrsApiRegistrationStatus;

typedef struct
{
  char                    *id;
  char                    *reference;
  YrsApiRegistrationStatus status;
} YrsApiRegistrationResponse;

/* POST /v1/reservations */
typedef struct
{
  char *registration;       /* registration id */
  char *slot;               /* slot id */
  char *lookup_token;       /* optional: a lookup's proof (POST /v1/lookups)
                             * for a registration another device made */
} YrsApiReservationRequest;

typedef enum
{
  YRS_API_RESERVATION_CONFIRMED,
  YRS_API_RESERVATION_CANCELLED,
} YrsApiReservationStatus;

/* 201 of POST /v1/reservations, 200 of DELETE /v1/reservations/{id} */
typedef struct
{
  char                   *id;
  char                   *reference;
  char                   *slot;
  char                   *registration;
  YrsApiReservationStatus status;
} YrsApiReservationResponse;

/* POST /v1/applications: a programme id and the form's fields, an object
 * whose members are field ids ("applicant.name") with string, number,
 * boolean or null values (no nesting). */
typedef struct
{
  char       *programme;
  JsonObject *fields;
} YrsApiApplicationRequest;

/* Field-level checks of an application's fields (the server's 422): adds a
 * YrsApiFieldError for every problem to errors and returns TRUE if none.
 * The rules follow the field id's last part: "name" required text,
 * "kana"/"name_kana" full-width katakana, "*_on"/"*date" YYYY-MM-DD dates,
 * "postal_code" 7 digits, "phone" 10–11 digits, "account_number" 7 digits,
 * "amount"/"count"/"*_yen" non-negative integers. */
gboolean    yrs_api_application_request_validate (const YrsApiApplicationRequest *request,
                                                  GPtrArray                      *errors);

typedef struct
{
  char *reference;
  char *status;             /* "received" */
} YrsApiApplicationResponse;

/* GET /v1/submissions/{reference} */
typedef struct
{
  char *reference;
  char *kind;               /* "application" | "registration" | "reservation" */
  char *status;             /* received | pending | approved | confirmed | cancelled,
                             * and since issue 17 waiting_for_consultation |
                             * ready_to_pay (support payments) | declined */
  char *updated_at;         /* RFC 3339 */
  char *reason;             /* optional: why a registration was declined */
} YrsApiSubmissionStatus;

/* POST /v1/staff/sessions */
typedef struct
{
  char *staff_id;
  char *password;           /* 1 ..= 256 bytes */
} YrsApiStaffSessionRequest;

typedef struct
{
  char *token;
  char *staff_id;
  char *expires_at;         /* RFC 3339 */
  char *role;               /* "nurse" | "supervisor"; NULL from an older server */
  char *ward;               /* "中央区"; NULL: city-wide (issue 17) */
} YrsApiStaffSessionResponse;

/* POST /v1/staff/password (staff): her own password, changed. "new" must
 * have YRS_API_PASSWORD_MIN_CHARS characters or more and differ from
 * "current". Both are zeroed when freed. */
#define YRS_API_PASSWORD_MIN_CHARS 10

typedef struct
{
  char *current;            /* 1 ..= 256 bytes */
  char *new_password;       /* "new": 1 ..= 256 bytes */
} YrsApiPasswordChangeRequest;

/* POST /v1/slots (staff): a new slot. id is optional (the server makes
 * one). The answer is the slot (YrsApiSlot). */
typedef struct
{
  char      *id;
  char      *facility;
  YrsApiKind kind;
  char      *starts_at;
  char      *ends_at;
  gint64     capacity;      /* 0 ..= 1000 */
} YrsApiSlotRequest;

#define YRS_API_DECLARE_BODY(Type, name)                                   \
  Type     *yrs_api_##name##_new         (void);                          \
  void      yrs_api_##name##_free        (Type        *self);             \
  Type     *yrs_api_##name##_from_json   (JsonNode    *node,              \
                                          GError     **error);            \
  Type     *yrs_api_##name##_from_string (const char  *data,              \
                                          gssize       length,            \
                                          GError     **error);            \
  JsonNode *yrs_api_##name##_to_json     (const Type  *self);             \
  char     *yrs_api_##name##_to_string   (const Type  *self);             \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Type, yrs_api_##name##_free)

YRS_API_DECLARE_BODY (YrsApiSlot, slot);
YRS_API_DECLARE_BODY (YrsApiProblem, problem);
YRS_API_DECLARE_BODY (YrsApiCatalogMeta, catalog_meta);
YRS_API_DECLARE_BODY (YrsApiFacility, facility);
YRS_API_DECLARE_BODY (YrsApiFacilityList, facility_list);
YRS_API_DECLARE_BODY (YrsApiSlotPage, slot_page);
YRS_API_DECLARE_BODY (YrsApiSlotRequest, slot_request);
YRS_API_DECLARE_BODY (YrsApiRegistrationRequest, registration_request);
YRS_API_DECLARE_BODY (YrsApiRegistrationResponse, registration_response);
YRS_API_DECLARE_BODY (YrsApiReservationRequest, reservation_request);
YRS_API_DECLARE_BODY (YrsApiReservationResponse, reservation_response);
YRS_API_DECLARE_BODY (YrsApiApplicationRequest, application_request);
YRS_API_DECLARE_BODY (YrsApiApplicationResponse, application_response);
YRS_API_DECLARE_BODY (YrsApiSubmissionStatus, submission_status);
YRS_API_DECLARE_BODY (YrsApiStaffSessionRequest, staff_session_request);
YRS_API_DECLARE_BODY (YrsApiStaffSessionResponse, staff_session_response);
YRS_API_DECLARE_BODY (YrsApiPasswordChangeRequest, password_change_request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsApiFieldError, yrs_api_field_error_free)

YrsApiSlot    *yrs_api_slot_copy            (const YrsApiSlot *slot);
/* A problem with empty errors and alternatives. */
YrsApiProblem *yrs_api_problem_new_full     (int               status,
                                             const char       *type,
                                             const char       *title,
                                             const char       *detail);
/* The problem for a decode error: 400 malformed-json for
 * YRS_API_DECODE_ERROR_MALFORMED, else 422 validation with one field
 * error naming the field and the code. */
YrsApiProblem *yrs_api_problem_new_for_decode_error (const GError *error);

G_END_DECLS
