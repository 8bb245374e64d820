/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-api-client.h: the central API (data/api/openapi.yaml) from the
 * device's side, on libsoup 3.
 *
 * Every call is async on the caller's thread-default main context; bodies
 * are decoded through src/api (big ones in a worker thread). Certificates
 * are always verified: an extra CA file can be trusted in addition to the
 * system's, verification cannot be turned off.
 *
 * Failures are YRS_API_ERROR errors whose code says what to do next:
 * offline, timeout, server (5xx) and rate-limited are transient (try again
 * later, not before yrs_api_error_get_retry_after()); rejected, conflict
 * and unauthorized are the server's definite answer. A cancelled call
 * fails with G_IO_ERROR_CANCELLED. */

#pragma once

#include <gio/gio.h>

#include "yrs-api.h"
#include "yrs-api-lookup.h"

G_BEGIN_DECLS

#define YRS_API_ERROR (yrs_api_error_quark ())

typedef enum
{
  YRS_API_ERROR_OFFLINE,       /* no network, server unreachable, or the connection broke */
  YRS_API_ERROR_TIMEOUT,       /* connect or request timeout */
  YRS_API_ERROR_SERVER,        /* 5xx (a 503 may carry Retry-After) */
  YRS_API_ERROR_RATE_LIMITED,  /* 429, with the server's Retry-After */
  YRS_API_ERROR_REJECTED,      /* 400, 404, 405, 413, 422 …: with field errors */
  YRS_API_ERROR_CONFLICT,      /* 409: with alternatives (a full slot) */
  YRS_API_ERROR_UNAUTHORIZED,  /* 401, 403: no, wrong or expired token */
  YRS_API_ERROR_BAD_RESPONSE,  /* malformed or unexpected body or status */
  YRS_API_ERROR_TLS,           /* the server's certificate was not trusted */
  YRS_API_ERROR_INSECURE,      /* not https:// and not this device: nothing is sent */
} YrsApiError;

GQuark               yrs_api_error_quark            (void);
/* The HTTP status behind a YRS_API_ERROR (0 when there was no answer). */
guint                yrs_api_error_get_status       (const GError *error);
/* Seconds from the answer's Retry-After (delta or HTTP date), or -1. */
gint64               yrs_api_error_get_retry_after  (const GError *error);
/* The problem document of the answer (field errors in ->errors,
 * alternatives in ->alternatives), or NULL. */
const YrsApiProblem *yrs_api_error_get_problem      (const GError *error);
/* TRUE for the codes worth trying again later: offline, timeout, server,
 * rate-limited, bad response. */
gboolean             yrs_api_error_is_transient     (const GError *error);

#define YRS_TYPE_API_CLIENT (yrs_api_client_get_type ())

G_DECLARE_FINAL_TYPE (YrsApiClient, yrs_api_client, YRS, API_CLIENT, GObject)

/* base_url: "https://api.example.jp" or "http://127.0.0.1:8080" (no /v1). */
YrsApiClient *yrs_api_client_new                 (const char    *base_url);

/* Bearer token for the following calls (a staff token or a kiosk device
 * token); NULL for none. Never logged. */
void          yrs_api_client_set_token           (YrsApiClient  *self,
                                                  const char    *token);
/* Time to get a connection, and the whole request (also the longest
 * silence while reading). Defaults 10 s and 30 s. */
void          yrs_api_client_set_timeouts        (YrsApiClient  *self,
                                                  guint          connect_ms,
                                                  guint          request_ms);
/* A PEM file with CAs trusted in addition to the system's (GSettings
 * extra-ca-file); NULL or "" for none. */
gboolean      yrs_api_client_set_extra_ca_file   (YrsApiClient  *self,
                                                  const char    *path,
                                                  GError       **error);
/* Requests sent so far (each HTTP exchange attempted). */
guint         yrs_api_client_get_n_requests      (YrsApiClient  *self);

/* GET /v1/catalog. With if_none_match, an unchanged catalogue comes back
 * as NULL with *not_modified = TRUE and no error. *etag gets the answer's
 * ETag. The document is checked to be a JSON object. */
void          yrs_api_client_get_catalog_async   (YrsApiClient        *self,
                                                  const char          *if_none_match,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes       *yrs_api_client_get_catalog_finish  (YrsApiClient  *self,
                                                  GAsyncResult  *result,
                                                  char         **etag,
                                                  gboolean      *not_modified,
                                                  GError       **error);

/* GET /v1/facilities */
void          yrs_api_client_get_facilities_async  (YrsApiClient        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
YrsApiFacilityList *yrs_api_client_get_facilities_finish (YrsApiClient *self,
                                                          GAsyncResult *result,
                                                          GError      **error);

/* GET /v1/slots?facility=&from=&to=&since=: every argument may be NULL. */
void          yrs_api_client_get_slots_async     (YrsApiClient        *self,
                                                  const char          *facility,
                                                  const char          *from,
                                                  const char          *to,
                                                  const char          *since,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
YrsApiSlotPage *yrs_api_client_get_slots_finish  (YrsApiClient  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

/* Submissions: body_json is the request body as stored in the outbox,
 * idempotency_key its key. */
void          yrs_api_client_post_registration_async  (YrsApiClient        *self,
                                                       const char          *idempotency_key,
                                                       const char          *body_json,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
YrsApiRegistrationResponse *yrs_api_client_post_registration_finish (YrsApiClient *self,
                                                                     GAsyncResult *result,
                                                                     GError      **error);
void          yrs_api_client_post_reservation_async   (YrsApiClient        *self,
                                                       const char          *idempotency_key,
                                                       const char          *body_json,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
YrsApiReservationResponse *yrs_api_client_post_reservation_finish (YrsApiClient *self,
                                                                   GAsyncResult *result,
                                                                   GError      **error);
void          yrs_api_client_post_application_async   (YrsApiClient        *self,
                                                       const char          *idempotency_key,
                                                       const char          *body_json,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
YrsApiApplicationResponse *yrs_api_client_post_application_finish (YrsApiClient *self,
                                                                   GAsyncResult *result,
                                                                   GError      **error);
/* DELETE /v1/reservations/{id} */
void          yrs_api_client_cancel_reservation_async (YrsApiClient        *self,
                                                       const char          *idempotency_key,
                                                       const char          *reservation_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
YrsApiReservationResponse *yrs_api_client_cancel_reservation_finish (YrsApiClient *self,
                                                                     GAsyncResult *result,
                                                                     GError      **error);

/* POST /v1/staff/sessions: a staff token for yrs_api_client_set_token(). */
void          yrs_api_client_sign_in_async       (YrsApiClient        *self,
                                                  const char          *staff_id,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
YrsApiStaffSessionResponse *yrs_api_client_sign_in_finish (YrsApiClient *self,
                                                           GAsyncResult *result,
                                                           GError      **error);

/* POST /v1/staff/password with the staff token set: her password
 * changed (204). Fails UNAUTHORIZED with the problem type login-failed
 * when `current` is wrong (throttled as sign-in: RATE_LIMITED), REJECTED
 * (422) when `new_password` is too short or is the current one. Neither
 * is logged; copies are zeroed. */
void          yrs_api_client_change_password_async  (YrsApiClient        *self,
                                                     const char          *current,
                                                     const char          *new_password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      yrs_api_client_change_password_finish (YrsApiClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /v1/lookups: coming back with a receipt. Fails REJECTED (404) when
 * nothing matches, RATE_LIMITED (429, with Retry-After) when this device
 * or the reference is paused. Neither argument is logged. */
void          yrs_api_client_lookup_async        (YrsApiClient        *self,
                                                  const char          *reference,
                                                  const char          *birth_on,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
YrsApiLookupResponse *yrs_api_client_lookup_finish (YrsApiClient *self,
                                                    GAsyncResult *result,
                                                    GError      **error);
/* POST /v1/reservations/{id}/cancel with a lookup's token (NULL: the
 * device's own booking). */
void          yrs_api_client_cancel_with_proof_async  (YrsApiClient        *self,
                                                       const char          *idempotency_key,
                                                       const char          *reservation_id,
                                                       const char          *lookup_token,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
YrsApiReservationResponse *yrs_api_client_cancel_with_proof_finish (YrsApiClient *self,
                                                                    GAsyncResult *result,
                                                                    GError      **error);

/* The home visits' routes (issue 17: GET /v1/cases, POST /v1/cases,
 * /v1/consultations, /v1/screenings, GET /v1/registrations?state=pending,
 * POST /v1/registrations/{id}/decision): `method` on `path` (below the
 * base URL, already escaped, with its query), the body and the key when
 * given; the answer as a JSON node (an object or array) for the caller to
 * decode. Errors as for the other calls. Nothing of the body is logged. */
void          yrs_api_client_request_json_async  (YrsApiClient        *self,
                                                  const char          *method,
                                                  const char          *path,
                                                  const char          *idempotency_key,
                                                  const char          *body_json,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonNode     *yrs_api_client_request_json_finish (YrsApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
