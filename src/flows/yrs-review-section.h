/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-review-row.h"

G_BEGIN_DECLS

#define YRS_TYPE_REVIEW_SECTION (yrs_review_section_get_type ())

G_DECLARE_FINAL_TYPE (YrsReviewSection, yrs_review_section, YRS, REVIEW_SECTION, GObject)

/* A section of the review (an item of YrsApplicationFlow:review): its
 * "title" ("About you") and its "rows", a GListModel of YrsReviewRow. */

YrsReviewSection *yrs_review_section_new        (const char       *title);
const char       *yrs_review_section_get_title  (YrsReviewSection *self);
GListModel       *yrs_review_section_get_rows   (YrsReviewSection *self);
void              yrs_review_section_append     (YrsReviewSection *self,
                                                 YrsReviewRow     *row);

G_END_DECLS
