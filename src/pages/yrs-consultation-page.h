/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-page.h"

G_BEGIN_DECLS

#define YRS_TYPE_CONSULTATION_PAGE (yrs_consultation_page_get_type ())

G_DECLARE_FINAL_TYPE (YrsConsultationPage, yrs_consultation_page, YRS, CONSULTATION_PAGE, YrsPage)

/* The consultation record (面談記録, issue 17) of the family chosen on
 * the visit list: a view of the session's YrsConsultationFlow (its "flow"
 * property, which the template binds to). "Save the record" queues it
 * through the visit list (the outbox); after the consultation after the
 * birth, the EPDS entry follows. */

G_END_DECLS
