/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-keypad.h"

G_BEGIN_DECLS

#define YRS_TYPE_NUMERIC_KEYPAD (yrs_numeric_keypad_get_type ())

G_DECLARE_FINAL_TYPE (YrsNumericKeypad, yrs_numeric_keypad, YRS, NUMERIC_KEYPAD, YrsKeypad)

/* An on-screen keypad for a kiosk without a keyboard: 0–9, delete the
 * last character, clear. It types into its "editable" when one is
 * attached, otherwise into the focused editable of its window. */
GtkWidget   *yrs_numeric_keypad_new          (void);
GtkEditable *yrs_numeric_keypad_get_editable (YrsNumericKeypad *self);
void         yrs_numeric_keypad_set_editable (YrsNumericKeypad *self,
                                              GtkEditable      *editable);

G_END_DECLS
