/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_DATE_FIELD (yrs_date_field_get_type ())

G_DECLARE_FINAL_TYPE (YrsDateField, yrs_date_field, YRS, DATE_FIELD, GtkWidget)

/* A date entered as separate 年 / 月 / 日 fields, with the era shown next
 * to the year ("2019" + "（令和元年）") and a choice between western years
 * and Japanese eras (令和 / 平成 / 昭和 + era year, the western year shown
 * next to it). Validated through yrs-form as the person types.
 *
 * "date" is the ISO date ("2019-05-01") when the parts make a real date,
 * else "" (never NULL). "error" is the yrs-form message for parts that do
 * not make a date ("" while all are empty or the date is valid); the
 * field row under which the field sits shows it. "changed" is emitted
 * whenever "date" changes, by typing or by setting it. */
GtkWidget  *yrs_date_field_new         (void);
const char *yrs_date_field_get_date    (YrsDateField *self);
void        yrs_date_field_set_date    (YrsDateField *self,
                                        const char   *iso);
gboolean    yrs_date_field_get_wareki  (YrsDateField *self);
void        yrs_date_field_set_wareki  (YrsDateField *self,
                                        gboolean      wareki);
/* The field's name for messages ("Date of birth"), already translated. */
const char *yrs_date_field_get_label   (YrsDateField *self);
void        yrs_date_field_set_label   (YrsDateField *self,
                                        const char   *label);
const char *yrs_date_field_get_error   (YrsDateField *self);

/* The entries, for a keypad to be attached to or a test to type into. */
GtkEditable *yrs_date_field_get_year_editable  (YrsDateField *self);
GtkEditable *yrs_date_field_get_month_editable (YrsDateField *self);
GtkEditable *yrs_date_field_get_day_editable   (YrsDateField *self);

G_END_DECLS
