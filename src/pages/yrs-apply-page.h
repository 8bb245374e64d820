/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_APPLY_PAGE (yrs_apply_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsApplyPage, yrs_apply_page, YRS, APPLY_PAGE, YrsPage)

/* An application form, with the Japanese form conventions: a view of the
 * session's YrsApplicationFlow (property "flow"), whose fields give the
 * inputs (made here by the field's kind), their values, errors and
 * visibility; values go to the flow as they are typed. Actions:
 * "apply.review" checks every field and, when all are right, goes on to
 * the review page; "apply.focus" (s: field ID) moves focus to a field. */

/* Checks every field (yrs_application_flow_validate()), moves focus to
 * the first wrong one; returns how many fields are wrong. */
guint      yrs_apply_page_validate    (YrsApplyPage *self);
/* The row of a field (a YrsFieldRow), or NULL when not on this form. */
GtkWidget *yrs_apply_page_get_row     (YrsApplyPage *self,
                                       const char   *field_id);
/* The input widget of a field (an entry, a date field, a choice box). */
GtkWidget *yrs_apply_page_get_input   (YrsApplyPage *self,
                                       const char   *field_id);

G_END_DECLS
