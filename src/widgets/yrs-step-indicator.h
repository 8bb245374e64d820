/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_STEP_INDICATOR (yrs_step_indicator_get_type ())

G_DECLARE_FINAL_TYPE (YrsStepIndicator, yrs_step_indicator, YRS, STEP_INDICATOR, GtkWidget)

/* “Step 2 of 5” in words and as a row of dots, for multi-step flows.
 * `current` counts from 1. */
GtkWidget *yrs_step_indicator_new         (void);
void       yrs_step_indicator_set_steps   (YrsStepIndicator *self,
                                           guint             current,
                                           guint             n_steps);
guint      yrs_step_indicator_get_current (YrsStepIndicator *self);
guint      yrs_step_indicator_get_n_steps (YrsStepIndicator *self);
/* When the number of steps depends on the answers: “Step 3 · a few more
 * to go”, and n_steps only bounds `current`. */
void       yrs_step_indicator_set_open_ended (YrsStepIndicator *self,
                                              gboolean          open_ended);
gboolean   yrs_step_indicator_get_open_ended (YrsStepIndicator *self);
const char *yrs_step_indicator_get_text   (YrsStepIndicator *self);

G_END_DECLS
