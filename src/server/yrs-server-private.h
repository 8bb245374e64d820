/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-private.h: what the parts of yorisoi-server share. Requests
 * are taken apart on the main thread and handled in worker threads, each
 * with its own SQLite connection; the answer goes back to the main thread. */

#pragma once

#include <libsoup/soup.h>

#include "yrs-api.h"
#include "yrs-catalog.h"
#include "yrs-server.h"
#include "yrs-server-store.h"

G_BEGIN_DECLS

#define YRS_SERVER_SESSION_SECONDS   (8 * 3600)
#define YRS_SERVER_IDEMPOTENCY_KEEP  (48 * 3600)  /* at least 24 h promised */
#define YRS_SERVER_PAUSE_FAILURES    6            /* then a pause (429) */
#define YRS_SERVER_FAILURE_WINDOW    (15 * 60)    /* failures forgotten after */
#define YRS_SERVER_SIGNIN_THREADS    1            /* Argon2id's own pool */
#define YRS_SERVER_SIGNIN_QUEUE      16           /* waiting sign-ins, all sources */
#define YRS_SERVER_SIGNIN_PER_SOURCE 4            /* waiting sign-ins, one address */

typedef enum
{
  YRS_AUTH_NONE,       /* anyone */
  YRS_AUTH_DEVICE,     /* a kiosk device token or a staff session */
  YRS_AUTH_STAFF,      /* a staff session */
  YRS_AUTH_SUPERVISOR, /* a supervisor's staff session */
} YrsAuth;

typedef struct
{
  YrsAuth kind;        /* what the bearer token turned out to be */
  char   *id;          /* staff id or device name */
  char   *token_hash;  /* of the bearer token that was shown */
  char   *name;        /* "device:NAME" or "staff:ID": owner of what it makes */
  char   *ward;        /* staff: the ward seen, NULL for city-wide */
  gboolean supervisor; /* staff: may approve and manage slots */
} YrsPrincipal;

typedef struct
{
  YrsServer         *server;
  YrsDb           *db;
  const char        *method;
  const char        *path;
  const char        *remote;         /* the client's address */
  GHashTable        *query;          /* may be NULL */
  char             **params;         /* the {…} segments of the route */
  GBytes            *body;
  const char        *if_none_match;
  YrsPrincipal       principal;
  const char        *idempotency_key;  /* NULL for routes without one */
  const char        *idempotency_scope; /* "device:NAME", "staff:ID" or "-" */
  char              *fingerprint;
  char              *fingerprint_previous;  /* with the previous secret, or NULL */
  gboolean           in_transaction;
  gboolean           claimed;           /* holds its Idempotency-Key's row */
} YrsRequest;

typedef struct
{
  guint        status;
  char        *content_type;
  GBytes      *body;
  GPtrArray   *headers;              /* name, value, name, value … */
  guint        delay_ms;             /* wait before answering */
  gboolean     store;                /* keep for the idempotency key */
} YrsResponse;

typedef YrsResponse *(*YrsHandler) (YrsRequest *request);

typedef struct
{
  const char *method;
  const char *pattern;               /* "/v1/reservations/{id}" */
  YrsHandler  handler;
  YrsAuth     auth;
  gboolean    idempotent;            /* needs Idempotency-Key */
  gboolean    has_body;              /* takes a JSON body */
  gboolean    slow;                  /* runs on the sign-in pool (Argon2id) */
  gboolean    local_only;            /* loopback or the metrics token only */
} YrsRoute;

/* yrs-server-http.c: the server's own HTTP/1.1 connections */
typedef struct _YrsHttp YrsHttp;
typedef struct _YrsHttpConn YrsHttpConn;

typedef struct
{
  guint header_timeout_ms;   /* the head, from the first byte or the accept */
  guint body_timeout_ms;     /* the declared body, from the end of the head */
  guint idle_timeout_ms;     /* a kept-alive connection between requests */
  guint write_timeout_ms;    /* an answer the client does not read */
  guint max_connections;
  gsize max_body;
} YrsHttpLimits;

typedef struct
{
  const char         *method;
  const char         *path;        /* as sent, without the query */
  const char         *query;       /* as sent, without "?", or NULL */
  SoupMessageHeaders *headers;     /* each single header at most once */
  GBytes             *body;
  const char         *remote;      /* the client's address */
  const char         *request_id;
} YrsHttpRequest;

/* On the main context; answer with _yrs_http_conn_respond() (from the
 * main context, at once or later). */
typedef void (*YrsHttpDispatch) (YrsHttpConn          *conn,
                                 const YrsHttpRequest *request,
                                 gpointer              user_data);
/* After an answer is written: method NULL for a request refused before
 * its head could be read; route NULL when no route took it. */
typedef void (*YrsHttpLog)      (const char           *method,
                                 const char           *route,
                                 const char           *target,
                                 guint                 status,
                                 double                ms,
                                 const char           *request_id,
                                 gpointer              user_data);

YrsHttp     *_yrs_http_new                  (GSocket             *listener,
                                             GTlsCertificate     *certificate,
                                             const YrsHttpLimits *limits,
                                             YrsHttpDispatch      dispatch,
                                             YrsHttpLog           log,
                                             gpointer             user_data);
void         _yrs_http_free                 (YrsHttp             *http);
guint        _yrs_http_get_n_connections    (YrsHttp             *http);
/* Takes response. close: end the connection after it. */
void         _yrs_http_conn_respond         (YrsHttpConn         *conn,
                                             YrsResponse         *response,
                                             const char          *route,
                                             gboolean             close);
YrsHttpConn *_yrs_http_conn_ref             (YrsHttpConn         *conn);
void         _yrs_http_conn_unref           (YrsHttpConn         *conn);

/* yrs-server-routes.c */
/* Binds :me, :staff and :ward (when the statement has them) for the
 * ownership conditions: a device sees what it made; staff see what they
 * made and their ward's registrations (all, with no ward). */
void         _yrs_request_bind_principal    (YrsRequest    *request,
                                             YrsStmt  *stmt);
const YrsRoute *_yrs_server_get_routes      (guint *n_routes);

/* yrs-server.c */
/* Starts the request's write transaction (BEGIN IMMEDIATE). Returns NULL
 * to go on, or the response to give at once: the stored answer when a
 * concurrent duplicate with the same Idempotency-Key got there first, or
 * an error. The transaction ends after the handler returns. */
YrsResponse *_yrs_request_begin             (YrsRequest    *request);
YrsResponse *_yrs_response_new              (guint          status);
void         _yrs_response_free             (YrsResponse   *response);
void         _yrs_response_add_header       (YrsResponse   *response,
                                             const char    *name,
                                             const char    *value);
YrsResponse *_yrs_response_new_json         (guint          status,
                                             JsonNode      *node);
YrsResponse *_yrs_response_new_problem      (const YrsApiProblem *problem);
YrsResponse *_yrs_response_new_error        (guint          status,
                                             const char    *type,
                                             const char    *title,
                                             const char    *detail);
YrsResponse *_yrs_response_new_decode_error (const GError  *error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsResponse, _yrs_response_free)

const char  *_yrs_server_get_catalog_bytes  (YrsServer     *self,
                                             gsize         *length,
                                             const char   **etag);
GPtrArray   *_yrs_server_get_facilities     (YrsServer     *self);
int          _yrs_server_get_approve_after  (YrsServer     *self);
const guint8 *_yrs_server_get_secret        (YrsServer     *self);
/* The key of the cases' family match keys (32 bytes). */
const guint8 *_yrs_server_get_family_key    (YrsServer     *self);
/* GET /v1/cases without a limit: this many (100; --cases-page-size). */
int          _yrs_server_get_cases_page_size (YrsServer    *self);
/* The secret before the last rotate-secret, or NULL. */
const guint8 *_yrs_server_get_previous_secret (YrsServer   *self);
gboolean     _yrs_server_knows_programme    (YrsServer     *self,
                                             const char    *id);
/* A database error (for the metrics); any thread. */
void         _yrs_server_count_db_error     (void);
/* The catalogue (read-only after start, any thread). */
YrsCatalog  *_yrs_server_get_core_catalog   (YrsServer     *self);
/* The catalogue's postpartum_care max_active_bookings today, -1: none. */
gint64       _yrs_server_get_max_active_bookings (YrsServer *self);

/* yrs-server-db.c */
/* Binds text parameters (NULL-terminated list of strings) in order. */
void         _yrs_db_bind_texts             (YrsStmt  *stmt,
                                             ...) G_GNUC_NULL_TERMINATED;
gint64       _yrs_db_next_revision          (YrsDb       *db);
char        *_yrs_db_get_meta               (YrsDb       *db,
                                             const char    *key);
void         _yrs_db_set_meta               (YrsDb       *db,
                                             const char    *key,
                                             const char    *value);
typedef struct
{
  int keys;             /* idempotency keys past their promised time */
  int sessions;         /* expired staff sessions */
  int registrations;    /* registrations whose personal fields were erased */
  int applications;     /* applications whose fields were erased */
} YrsRetention;

/* Deletes what is kept no longer and, with personal_days > 0, erases the
 * personal fields of submissions the city has had for that many days
 * (registrations approved and untouched, with no booking to come;
 * applications received). */
gboolean     _yrs_db_retention              (YrsDb       *db,
                                             int            personal_days,
                                             YrsRetention  *out,
                                             GError       **error);
YrsApiSlot  *_yrs_db_slot_from_row          (YrsStmt  *stmt);
#define YRS_DB_SLOT_COLUMNS "id, facility, kind, starts_at, ends_at, capacity, booked, revision, deleted"
YrsApiSlot  *_yrs_db_get_slot               (YrsDb       *db,
                                             const char    *id);


/* yrs-server-auth.c */
char        *_yrs_auth_new_token            (void);
char        *_yrs_auth_hash_token           (const char    *token);
char        *_yrs_auth_new_reference        (const char    *prefix);
/* The fingerprint of a request for the idempotency check. */
char        *_yrs_auth_fingerprint          (const guint8  *secret,
                                             const char    *method,
                                             const char    *path,
                                             GBytes        *body);
gboolean     _yrs_auth_lookup               (YrsDb       *db,
                                             const char    *token,
                                             YrsPrincipal  *out);
YrsResponse *_yrs_auth_sign_in              (YrsRequest    *request,
                                             const YrsApiStaffSessionRequest *body);
YrsResponse *_yrs_auth_change_password       (YrsRequest    *request,
                                             const YrsApiPasswordChangeRequest *body);
gboolean     _yrs_auth_set_staff_password   (YrsDb       *db,
                                             const char    *staff_id,
                                             const char    *password,
                                             GError       **error);
/* given: the token to use, or NULL for a new random one. */
char        *_yrs_auth_add_device           (YrsDb       *db,
                                             const char    *name,
                                             const char    *given,
                                             GError       **error);

/* yrs-server-lookup.c: coming back with a receipt */
YrsResponse *_yrs_lookup_post               (YrsRequest    *request);
YrsResponse *_yrs_lookup_cancel             (YrsRequest    *request);
/* Stores a registration's applicant birth date (NULL: none). */
gboolean     _yrs_lookup_set_birth_on       (YrsDb         *db,
                                             const char    *registration,
                                             const char    *birth_on);
/* TRUE when token (may be NULL) is a live lookup token of this device for
 * that registration; *approve_unix gets its approval time or -1. */
gboolean     _yrs_lookup_proves_registration (YrsRequest   *request,
                                              const char   *token,
                                              const char   *registration,
                                              gint64       *approve_unix);

/* yrs-server-visit.c: the nurse's home visit, the supervisor's queue
 * (issue 17) */
gboolean     _yrs_visit_is_support_payment  (const char    *programme);
/* The catalogue's ward id ("chuo", as staff rows and registrations hold
 * it) of a postal code of the city, or NULL. */
char        *_yrs_visit_ward_for_postal_code (YrsServer    *server,
                                              const char   *postal_code);
/* A case for a submission that just arrived, in the write transaction. */
gboolean     _yrs_visit_add_case_for_application (YrsServer  *server,
                                                  YrsDb      *db,
                                                  const char *reference,
                                                  const char *programme,
                                                  JsonObject *fields,
                                                  const char *owner);
gboolean     _yrs_visit_add_case_for_registration (YrsServer                       *server,
                                                   YrsDb                           *db,
                                                   const char                      *registration,
                                                   const YrsApiRegistrationRequest *body,
                                                   const char                      *postal_code,
                                                   const char                      *ward,
                                                   const char                      *owner);
/* Match keys for the cases made before them, once (at start-up). */
gboolean     _yrs_visit_add_match_keys      (YrsServer     *server,
                                             YrsDb         *db);
YrsResponse *_yrs_visit_get_cases           (YrsRequest    *request);
YrsResponse *_yrs_visit_post_case           (YrsRequest    *request);
YrsResponse *_yrs_visit_post_consultation   (YrsRequest    *request);
YrsResponse *_yrs_visit_post_screening      (YrsRequest    *request);
YrsResponse *_yrs_visit_get_registrations   (YrsRequest    *request);
YrsResponse *_yrs_visit_post_decision       (YrsRequest    *request);

/* yrs-server-seed.c */
gboolean     _yrs_seed_load_catalog         (const char    *path,
                                             YrsCatalog   **catalog,
                                             GBytes       **bytes,
                                             GPtrArray    **facilities,
                                             GHashTable   **programmes,
                                             GError       **error);
gboolean     _yrs_seed_facilities           (YrsDb       *db,
                                             GPtrArray     *facilities,
                                             GError       **error);
gboolean     _yrs_seed_demo_slots           (YrsDb       *db,
                                             GPtrArray     *facilities,
                                             int            days,
                                             GError       **error);

char        *_yrs_now_rfc3339               (gint64        unix_time);

G_END_DECLS
