/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-keypad.h"

G_BEGIN_DECLS

#define YRS_TYPE_KANA_KEYPAD (yrs_kana_keypad_get_type ())

G_DECLARE_FINAL_TYPE (YrsKanaKeypad, yrs_kana_keypad, YRS, KANA_KEYPAD, YrsKeypad)

/* An on-screen 50音 keypad for フリガナ on a kiosk without a keyboard. It
 * types full-width katakana into its "editable" (or, when none is
 * attached, the focused editable of its window): the 50音 table, small
 * kana, ー, a full-width space, delete and clear. ゛ and ゜ join the kana
 * before the cursor (カ -> ガ, ハ -> パ, ウ -> ヴ; pressed again they take
 * the mark off) and ring the bell where no such kana exists. */
GtkWidget   *yrs_kana_keypad_new          (void);
GtkEditable *yrs_kana_keypad_get_editable (YrsKanaKeypad *self);
void         yrs_kana_keypad_set_editable (YrsKanaKeypad *self,
                                           GtkEditable   *editable);

G_END_DECLS
