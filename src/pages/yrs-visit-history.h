/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-visit-history.h: the History (履歴) section of a family on the
 * visit list: her earlier consultation records and EPDS screenings,
 * newest first, and those saved on this tablet marked "not yet sent" —
 * a view of YrsVisitCase's history model (src/flows). */

#pragma once

#include <gtk/gtk.h>

#include "yrs-visit-case.h"

G_BEGIN_DECLS

#define YRS_TYPE_VISIT_HISTORY (yrs_visit_history_get_type ())
G_DECLARE_FINAL_TYPE (YrsVisitHistory, yrs_visit_history, YRS, VISIT_HISTORY, GtkWidget)

GtkWidget    *yrs_visit_history_new            (YrsVisitCase    *visit_case);
YrsVisitCase *yrs_visit_history_get_visit_case (YrsVisitHistory *self);
void          yrs_visit_history_set_visit_case (YrsVisitHistory *self,
                                                YrsVisitCase    *visit_case);

G_END_DECLS
