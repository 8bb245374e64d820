/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-sync-messages.h: what went wrong with a sync or an outbox row, as a
 * sentence for the person at the screen, in the current gettext language
 * (English source, po/ja.po). For the outbox page and the sync indicator;
 * nothing technical (no HTTP status, no server wording) is shown. */

#pragma once

#include <gio/gio.h>

#include "yrs-store-types.h"

G_BEGIN_DECLS

/* A sync or request error: a YRS_API_ERROR by its code (and, for a
 * conflict, the problem type: a full or withdrawn slot, a registration not
 * yet approved), G_IO_ERROR_CANCELLED, or anything else (a problem on the
 * device). Says whether what was entered is kept and will go by itself. */
char *yrs_sync_describe_error        (const GError        *error);

/* A rejected outbox row's reason as the sync engine stores it,
 * {"status": 422, "type": "…", "title": "…", "errors": [{"field", "code"}]},
 * or status 0 for a row refused on the device. Names the fields to check
 * (氏名, フリガナ, 電話番号, …) when the server gave them. NULL or
 * unreadable JSON gives a general sentence. */
char *yrs_sync_describe_rejection    (YrsOutboxKind        kind,
                                      const char          *reason_json);

/* One sentence for an outbox row in any state: waiting, sending, received
 * (with its reference), rejected (as above) or a slot conflict. */
char *yrs_sync_describe_outbox_item  (const YrsOutboxItem *item);

G_END_DECLS
