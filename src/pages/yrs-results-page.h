/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_RESULTS_PAGE (yrs_results_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsResultsPage, yrs_results_page, YRS, RESULTS_PAGE, YrsPage)

/* One card per programme, from the engine's evaluation of the session's
 * answers. Actions: "results.apply" (s: programme ID), "results.reserve". */

/* The card of a programme, or NULL; for tests. */
GtkWidget *yrs_results_page_get_card (YrsResultsPage *self,
                                      const char     *programme_id);

G_END_DECLS
