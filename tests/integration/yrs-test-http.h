/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-test-http.h: one blocking HTTP request with its own SoupSession, for
 * tests that talk to yorisoi-server (safe to call from any thread). */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;   /* response headers */
} YrsTestReply;

/* body may be NULL; content_type NULL means "application/json" when there
 * is a body. token and key may be NULL (no Authorization / Idempotency-Key
 * header). Extra headers: NULL-terminated name, value pairs, or NULL. */
YrsTestReply *yrs_test_http            (SoupSession        *session,
                                        const char         *method,
                                        const char         *url,
                                        const char         *token,
                                        const char         *key,
                                        const char         *content_type,
                                        const char         *body,
                                        gssize              body_length,
                                        const char * const *extra_headers);
void          yrs_test_reply_free      (YrsTestReply       *reply);
/* The body as a NUL-terminated string (owned by the reply). */
const char   *yrs_test_reply_text      (YrsTestReply       *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YrsTestReply, yrs_test_reply_free)

G_END_DECLS
