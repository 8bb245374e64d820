/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_VISITS_PAGE (yrs_visits_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsVisitsPage, yrs_visits_page, YRS, VISITS_PAGE, YrsPage)

/* The nurse's visit list (issue 17): the families of her ward waiting for
 * a consultation, from the session's YrsVisitList (cached on the tablet
 * for offline visits), each with its consultation record and its EPDS
 * entry one tap away, and "Add a family". Shows nothing on a kiosk (the
 * session has no list there). */

G_END_DECLS
