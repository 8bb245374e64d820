/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_SCREENING_PAGE (yrs_screening_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsScreeningPage, yrs_screening_page, YRS, SCREENING_PAGE, YrsPage)

/* The EPDS entry of the newborn visit (issue 17): ten item scores as
 * choice buttons (never the items' wording, never a diagnosis), the
 * total, the "offer support" panel at 9 or more (or when item 10 is
 * above 0), and the urgent prompt for item 10, acknowledged before the
 * scores can be saved. A view of the session's YrsScreeningFlow. */

/* The choice button of item @index (1..10) and @score (0..3), for tests. */
GtkWidget *yrs_screening_page_get_score_button (YrsScreeningPage *self,
                                                guint             index,
                                                int               score);

G_END_DECLS
