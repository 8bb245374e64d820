/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_SOS_PAGE (yrs_sos_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsSosPage, yrs_sos_page, YRS, SOS_PAGE, YrsPage)

G_END_DECLS
