/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the on-screen keypads share, for their subclasses: finding the
 * editable to type into, and typing, deleting and clearing there as a
 * keyboard would. */

#pragma once

#include "yrs-keypad.h"

G_BEGIN_DECLS

/* The smallest key, in pixels: a fingertip, with room to spare over the
 * 44 px minimum of the design conventions. */
#define YRS_KEYPAD_KEY_SIZE 56

/* The keypad's "editable" when set, else the focused editable of its
 * window (a touch on a key does not take the focus, so it stays in the
 * field). NULL, after ringing the bell, when there is nowhere to type. */
GtkEditable *_yrs_keypad_get_target     (GtkWidget   *keypad);
/* Replaces the selection, or inserts at the cursor, and moves the cursor
 * after the text. */
void         _yrs_keypad_insert         (GtkEditable *editable,
                                         const char  *text);
/* The keys every keypad has, as GtkWidgetActionActivateFunc: deletes the
 * selection or the character before the cursor; empties the field. A
 * subclass installs them under its own action names. */
void         _yrs_keypad_backspace_action (GtkWidget  *keypad,
                                           const char *action_name,
                                           GVariant   *param);
void         _yrs_keypad_clear_action     (GtkWidget  *keypad,
                                           const char *action_name,
                                           GVariant   *param);
/* The character before the cursor (0 when there is none). */
gunichar     _yrs_keypad_char_before    (GtkEditable *editable);
/* Replaces the character before the cursor with `c`. */
void         _yrs_keypad_replace_before (GtkEditable *editable,
                                         gunichar     c);

G_END_DECLS
