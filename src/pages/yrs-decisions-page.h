/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_DECISIONS_PAGE (yrs_decisions_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsDecisionsPage, yrs_decisions_page, YRS, DECISIONS_PAGE, YrsPage)

/* The supervisor's queue (issue 17): the pending postpartum-care
 * registrations of her ward with what the mother declared, to approve or
 * decline with a reason. A view of the session's YrsDecisionQueue; shows
 * nothing unless a supervisor is signed in. */

G_END_DECLS
