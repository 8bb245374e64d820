/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-converter.h"
#include "yrs-handwriting.h"
#include "yrs-keypad.h"

G_BEGIN_DECLS

/* What the kana keypad types (issue 21). */
typedef enum
{
  YRS_KANA_KEYPAD_MODE_KANA,          /* full-width katakana (フリガナ) */
  YRS_KANA_KEYPAD_MODE_CONVERSION,    /* a reading in hiragana, converted to kanji */
  YRS_KANA_KEYPAD_MODE_HANDWRITING,   /* a character written with a finger */
  YRS_KANA_KEYPAD_MODE_ALPHANUMERIC,  /* Latin letters and digits */
} YrsKanaKeypadMode;

#define YRS_TYPE_KANA_KEYPAD_MODE (yrs_kana_keypad_mode_get_type ())
GType yrs_kana_keypad_mode_get_type (void) G_GNUC_CONST;

#define YRS_TYPE_KANA_KEYPAD (yrs_kana_keypad_get_type ())

G_DECLARE_FINAL_TYPE (YrsKanaKeypad, yrs_kana_keypad, YRS, KANA_KEYPAD, YrsKeypad)

/* An on-screen keypad for a kiosk without a keyboard, in four modes:
 *
 * - kana: the 50音 table types full-width katakana into its "editable"
 *   (or, when none is attached, the focused editable of its window):
 *   the table, small kana, ー, a full-width space, delete and clear. ゛
 *   and ゜ join the kana before the cursor (カ -> ガ, ハ -> パ, ウ -> ヴ;
 *   pressed again they take the mark off) and ring the bell where no
 *   such kana exists.
 * - conversion: the same keys (shown in hiragana) type a reading that
 *   the "converter" turns into segments; the candidates of the current
 *   segment are large buttons, a segment's boundary moves with the
 *   shorter/longer keys, and "Done" puts the text into the field.
 * - handwriting: a pad to write on with a finger; the "handwriting"
 *   engine's candidates appear after each stroke, a tap puts one in.
 * - alphanumeric: Latin letters (capitals or small), digits, - . , '
 *
 * The engines are lent by whoever owns the person's input (the kiosk
 * hands over the session's; see yrs_session_get_converter()); without
 * one, the keypad makes its own on first use. Nothing loads before the
 * first tap or stroke. */
GtkWidget        *yrs_kana_keypad_new             (void);
GtkEditable      *yrs_kana_keypad_get_editable    (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_editable    (YrsKanaKeypad     *self,
                                                   GtkEditable       *editable);

YrsKanaKeypadMode yrs_kana_keypad_get_mode        (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_mode        (YrsKanaKeypad     *self,
                                                   YrsKanaKeypadMode  mode);
/* Whether the mode switch is shown (not for フリガナ, which is kana only). */
gboolean          yrs_kana_keypad_get_show_modes  (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_show_modes  (YrsKanaKeypad     *self,
                                                   gboolean           show_modes);

/* What the field is for: the order of the dictionaries (names, places). */
YrsConverterHint  yrs_kana_keypad_get_hint        (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_hint        (YrsKanaKeypad     *self,
                                                   YrsConverterHint   hint);

YrsConverter     *yrs_kana_keypad_get_converter   (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_converter   (YrsKanaKeypad     *self,
                                                   YrsConverter      *converter);
YrsHandwriting   *yrs_kana_keypad_get_handwriting (YrsKanaKeypad     *self);
void              yrs_kana_keypad_set_handwriting (YrsKanaKeypad     *self,
                                                   YrsHandwriting    *handwriting);

/* The reading typed and not yet put into the field ("" when none). */
const char       *yrs_kana_keypad_get_reading     (YrsKanaKeypad     *self);
/* Puts what is being converted into the field as it stands (the
 * selected candidates), as an input method does when the focus moves. */
void              yrs_kana_keypad_flush           (YrsKanaKeypad     *self);

G_END_DECLS
