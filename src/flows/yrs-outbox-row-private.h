/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-catalog.h"
#include "yrs-outbox-row.h"
#include "yrs-store-types.h"

G_BEGIN_DECLS

/* For YrsOutboxModel: a row for a copy of `item`. */
YrsOutboxRow        *_yrs_outbox_row_new      (const YrsOutboxItem *item,
                                               gboolean             may_discard,
                                               YrsCatalog          *catalog);
const YrsOutboxItem *_yrs_outbox_row_get_item (YrsOutboxRow        *self);
/* Takes the store's newer copy of the same row; notifies what changed. */
void                 _yrs_outbox_row_update   (YrsOutboxRow        *self,
                                               const YrsOutboxItem *item);

G_END_DECLS
