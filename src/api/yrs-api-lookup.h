/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-api-lookup.h: coming back with a receipt (data/api/openapi.yaml,
 * POST /v1/lookups and POST /v1/reservations/{id}/cancel).
 *
 * A parent at any kiosk gives the reference on her receipt and her date
 * of birth; on a match the server answers with the state of what the
 * reference names and a short-lived token, bound to that reference and to
 * the device that asked, with which the device may book with her
 * registration (YrsApiReservationRequest.lookup_token) and cancel her
 * bookings. The reference and the birth date travel in the body only. */

#pragma once

#include "yrs-api.h"

G_BEGIN_DECLS

/* References are "APP-", "REG-" or "RSV-" and 4 + 4 characters. */
#define YRS_API_MAX_REFERENCE_CHARS 32

/* POST /v1/lookups */
typedef struct
{
  char *reference;          /* as on the receipt: "REG-ABCD-EFGH" */
  char *birth_on;           /* her date of birth, YYYY-MM-DD */
} YrsApiLookupRequest;

/* A booking of the registration looked up (or the reservation itself). */
typedef struct
{
  char                   *id;
  char                   *reference;
  char                   *slot;
  char                   *facility;     /* facility id */
  YrsApiKind              kind;
  char                   *starts_at;    /* RFC 3339 */
  char                   *ends_at;
  YrsApiReservationStatus status;
} YrsApiLookupBooking;

/* 200 of POST /v1/lookups */
typedef struct
{
  char      *reference;
  char      *kind;          /* "application" | "registration" | "reservation" */
  char      *status;        /* application: received (or the city's later
                             * status); registration: pending | approved |
                             * declined; reservation: confirmed | cancelled */
  char      *reason;        /* optional: why it was declined */
  char      *programme;     /* optional: an application's programme id */
  char      *registration;  /* optional: the registration id to book with */
  gboolean   can_book;      /* an approved registration */
  char      *token;         /* the proof, for lookup_token */
  char      *expires_at;    /* RFC 3339: when the token stops working */
  GPtrArray *bookings;      /* YrsApiLookupBooking*, never NULL */
} YrsApiLookupResponse;

/* POST /v1/reservations/{id}/cancel: lookup_token may be NULL for the
 * device's own booking. Answered with a YrsApiReservationResponse. */
typedef struct
{
  char *lookup_token;
} YrsApiCancelRequest;

YRS_API_DECLARE_BODY (YrsApiLookupRequest, lookup_request);
YRS_API_DECLARE_BODY (YrsApiLookupBooking, lookup_booking);
YRS_API_DECLARE_BODY (YrsApiLookupResponse, lookup_response);
YRS_API_DECLARE_BODY (YrsApiCancelRequest, cancel_request);

/* "REG-ABCD-EFGH": a prefix of 3 capitals, a hyphen, then capitals,
 * digits and hyphens, at most YRS_API_MAX_REFERENCE_CHARS. */
gboolean    yrs_api_is_valid_reference     (const char *text);

G_END_DECLS
