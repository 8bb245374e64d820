/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the on-screen keypads share: finding the editable to type into,
 * and typing, deleting and clearing there as a keyboard would. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The smallest key, in pixels: a fingertip, with room to spare over the
 * 44 px minimum of the design conventions. */
#define YRS_KEYPAD_KEY_SIZE 56

/* `attached` when set, else the focused editable of the keypad's window
 * (a touch on a key does not take the focus, so it stays in the field).
 * NULL when
 * there is nowhere to type. */
GtkEditable *_yrs_keypad_get_target     (GtkWidget   *keypad,
                                         GtkEditable *attached);
/* Replaces the selection, or inserts at the cursor, and moves the cursor
 * after the text. */
void         _yrs_keypad_insert         (GtkEditable *editable,
                                         const char  *text);
/* Deletes the selection, or the character before the cursor. */
void         _yrs_keypad_backspace      (GtkEditable *editable);
void         _yrs_keypad_clear          (GtkEditable *editable);
/* The character before the cursor (0 when there is none). */
gunichar     _yrs_keypad_char_before    (GtkEditable *editable);
/* Replaces the character before the cursor with `c`. */
void         _yrs_keypad_replace_before (GtkEditable *editable,
                                         gunichar     c);
/* Keeps a keypad's buttons from taking the focus from the field, and
 * makes them at least YRS_KEYPAD_KEY_SIZE square. */
void         _yrs_keypad_setup_buttons  (GtkWidget   *keypad);

G_END_DECLS
