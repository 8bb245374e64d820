/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_REVIEW_PAGE (yrs_review_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsReviewPage, yrs_review_page, YRS, REVIEW_PAGE, YrsPage)

/* The application as entered, for checking: a view of the session's
 * YrsApplicationFlow (property "flow") and its review model;
 * "review.submit" sends it (yrs_application_flow_send()) and goes on to
 * the "submitted" page. */

G_END_DECLS
