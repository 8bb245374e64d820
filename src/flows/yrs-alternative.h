/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_ALTERNATIVE (yrs_alternative_get_type ())

G_DECLARE_FINAL_TYPE (YrsAlternative, yrs_alternative, YRS, ALTERNATIVE, GObject)

/* A free place offered instead of one just taken (an item of
 * YrsSubmission:alternatives): "label" ("Minato Midwife Home\n22 April
 * 2025 10:00–next day 10:00 (2 places free)") and "slot-id". */

YrsAlternative *yrs_alternative_new          (const char     *slot_id,
                                              const char     *label);
const char     *yrs_alternative_get_slot_id  (YrsAlternative *self);
const char     *yrs_alternative_get_label    (YrsAlternative *self);

G_END_DECLS
