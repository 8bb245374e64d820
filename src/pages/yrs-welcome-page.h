/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_WELCOME_PAGE (yrs_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsWelcomePage, yrs_welcome_page, YRS, WELCOME_PAGE, YrsPage)

G_END_DECLS
