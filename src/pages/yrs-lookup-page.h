/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_LOOKUP_PAGE (yrs_lookup_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsLookupPage, yrs_lookup_page, YRS, LOOKUP_PAGE, YrsPage)

/* Coming back with a receipt: binds to the session's YrsLookupFlow. */

G_END_DECLS
