/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-application-flow.h"

G_BEGIN_DECLS

#define YRS_TYPE_BANK_PICKER (yrs_bank_picker_get_type ())

G_DECLARE_FINAL_TYPE (YrsBankPicker, yrs_bank_picker, YRS, BANK_PICKER, GtkWidget)

/* The bank, or its branch, by name (issue 20): a search entry that takes
 * the kana keypad on a kiosk, the banks found as large buttons (a
 * GtkListView of the flow's YrsBankSearch results), the one chosen by
 * name with its code and a "Change" button, and below, the code typed
 * for whoever knows it (staff at a desk with a keyboard). The values are
 * the flow's: the field's "value" is the code. */
GtkWidget   *yrs_bank_picker_new              (YrsApplicationFlow *flow,
                                               YrsFormField       *field,
                                               gboolean            for_branches);
/* The entry she types the name into, and the one for the code. */
GtkEditable *yrs_bank_picker_get_search_entry (YrsBankPicker      *self);
GtkEditable *yrs_bank_picker_get_code_entry   (YrsBankPicker      *self);
GtkListView *yrs_bank_picker_get_list         (YrsBankPicker      *self);
/* The name and code shown once chosen, or NULL. */
const char  *yrs_bank_picker_get_chosen       (YrsBankPicker      *self);

G_END_DECLS
