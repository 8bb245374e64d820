/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_CHECK_PAGE (yrs_check_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsCheckPage, yrs_check_page, YRS, CHECK_PAGE, YrsPage)

/* The eligibility wizard: one question a page, only those the engine says
 * still matter. Actions: "check.next", "check.back". */

/* The ID of the question on screen, or NULL when none is. */
const char *yrs_check_page_get_question_id (YrsCheckPage *self);

G_END_DECLS
