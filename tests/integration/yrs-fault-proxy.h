/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the proxy does to one request (or to every request of one
 * connection). The faults before YRS_FAULT_RESET_REQUEST never reach the
 * server; the ones after it are applied to the server's real answer, so the
 * server has acted on the request but the client does not learn of it. */
typedef enum
{
  YRS_FAULT_NONE,           /* forward as is */
  YRS_FAULT_STATUS_500,     /* answer 500 itself */
  YRS_FAULT_STATUS_503,     /* answer 503 with Retry-After itself */
  YRS_FAULT_STATUS_429,     /* answer 429 with Retry-After itself */
  YRS_FAULT_RESET_REQUEST,  /* reset the connection after the request head */
  YRS_FAULT_RESET_RESPONSE, /* forward, send half the answer, reset */
  YRS_FAULT_STALL,          /* forward, then never answer (until the client gives up) */
  YRS_FAULT_TRUNCATE,       /* forward, send the head and half the body, close */
  YRS_FAULT_CORRUPT_JSON,   /* forward, cut the JSON body in half (HTTP stays valid) */
  YRS_FAULT_DRIP,           /* forward, send the answer in small slow pieces */
  YRS_FAULT_N
} YrsFault;

typedef enum
{
  YRS_FAULT_SCOPE_REQUEST,    /* a fault is picked for each request */
  YRS_FAULT_SCOPE_CONNECTION, /* a fault is picked once per connection */
} YrsFaultScope;

#define YRS_TYPE_FAULT_PROXY (yrs_fault_proxy_get_type ())

G_DECLARE_FINAL_TYPE (YrsFaultProxy, yrs_fault_proxy, YRS, FAULT_PROXY, GObject)

const char    *yrs_fault_to_string              (YrsFault       fault);
/* Accepts the names of yrs_fault_to_string(); returns FALSE if unknown. */
gboolean       yrs_fault_from_string            (const char    *name,
                                                 YrsFault      *fault);

/* Listens on 127.0.0.1 (a free port) and forwards to @upstream_url
 * (http://127.0.0.1:PORT). It runs in threads of its own, so it serves
 * whether or not the caller's main loop runs. */
YrsFaultProxy *yrs_fault_proxy_new              (const char    *upstream_url,
                                                 GError       **error);
/* http://127.0.0.1:PORT */
const char    *yrs_fault_proxy_get_url          (YrsFaultProxy *self);
guint16        yrs_fault_proxy_get_port         (YrsFaultProxy *self);

/* The fault for every following request (default YRS_FAULT_NONE); turns
 * random mode off. */
void           yrs_fault_proxy_set_fault        (YrsFaultProxy *self,
                                                 YrsFault       fault);
/* Faults used one each, in order, before the default or random choice. */
void           yrs_fault_proxy_queue_faults     (YrsFaultProxy *self,
                                                 const YrsFault *faults,
                                                 guint          n_faults);
/* Random faults from a seeded generator; @weights has YRS_FAULT_N entries. */
void           yrs_fault_proxy_set_random       (YrsFaultProxy *self,
                                                 guint32        seed,
                                                 const guint   *weights);
void           yrs_fault_proxy_set_scope        (YrsFaultProxy *self,
                                                 YrsFaultScope  scope);
/* Only requests whose path starts with @prefix get faults (NULL: all). */
void           yrs_fault_proxy_set_path_prefix  (YrsFaultProxy *self,
                                                 const char    *prefix);
/* The Retry-After value of the 503 and 429 answers (default 1). */
void           yrs_fault_proxy_set_retry_after  (YrsFaultProxy *self,
                                                 guint          seconds);
/* Drip: the answer goes out in @pieces pieces, @delay_ms apart
 * (default 40 pieces, 5 ms). */
void           yrs_fault_proxy_set_drip         (YrsFaultProxy *self,
                                                 guint          pieces,
                                                 guint          delay_ms);

/* Requests seen, connections accepted, and how many got each fault. */
guint          yrs_fault_proxy_get_n_requests   (YrsFaultProxy *self);
guint          yrs_fault_proxy_get_n_connections (YrsFaultProxy *self);
guint          yrs_fault_proxy_get_fault_count  (YrsFaultProxy *self,
                                                 YrsFault       fault);
void           yrs_fault_proxy_reset_counts     (YrsFaultProxy *self);

/* Closes the listener and every open connection and waits for the
 * proxy's threads. Also done on finalize. */
void           yrs_fault_proxy_stop             (YrsFaultProxy *self);

G_END_DECLS
