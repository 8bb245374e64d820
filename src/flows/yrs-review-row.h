/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_REVIEW_ROW (yrs_review_row_get_type ())

G_DECLARE_FINAL_TYPE (YrsReviewRow, yrs_review_row, YRS, REVIEW_ROW, GObject)

/* One field of the review (an item of YrsReviewSection:rows): its "id",
 * "label" and "value" as people read it ("〒650-0001", "078-123-4567",
 * dates in both calendars in Japanese, a choice's label, "(not given)"). */

YrsReviewRow *yrs_review_row_new          (const char   *id,
                                           const char   *label,
                                           const char   *value);
const char   *yrs_review_row_get_id       (YrsReviewRow *self);
const char   *yrs_review_row_get_label    (YrsReviewRow *self);
const char   *yrs_review_row_get_value    (YrsReviewRow *self);
void          yrs_review_row_set_value    (YrsReviewRow *self,
                                           const char   *value);

G_END_DECLS
