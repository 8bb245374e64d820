/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_FIELD_ROW (yrs_field_row_get_type ())

G_DECLARE_FINAL_TYPE (YrsFieldRow, yrs_field_row, YRS, FIELD_ROW, GtkWidget)

/* One form field in the Japanese convention: the label above, a
 * "※必須" / "※任意" marker beside it, optional help under the label, the
 * input widget (the row's child), and the error message under the input.
 * The child is labelled by the title and described by the error for
 * assistive technologies, and marked invalid while an error shows. */
GtkWidget  *yrs_field_row_new        (void);
const char *yrs_field_row_get_title  (YrsFieldRow *self);
void        yrs_field_row_set_title  (YrsFieldRow *self,
                                      const char  *title);
void        yrs_field_row_set_help   (YrsFieldRow *self,
                                      const char  *help);
gboolean    yrs_field_row_get_required (YrsFieldRow *self);
void        yrs_field_row_set_required (YrsFieldRow *self,
                                        gboolean     required);
GtkWidget  *yrs_field_row_get_child  (YrsFieldRow *self);
void        yrs_field_row_set_child  (YrsFieldRow *self,
                                      GtkWidget   *child);
/* NULL or "" clears the error. */
const char *yrs_field_row_get_error  (YrsFieldRow *self);
void        yrs_field_row_set_error  (YrsFieldRow *self,
                                      const char  *message);
/* A note for staff under the field (e.g. characters outside JIS X 0208),
 * shown without blocking anything. NULL clears it. */
void        yrs_field_row_set_note   (YrsFieldRow *self,
                                      const char  *note);
const char *yrs_field_row_get_note   (YrsFieldRow *self);

G_END_DECLS
