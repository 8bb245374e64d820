/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-date.h: civil dates, ages by the Japanese legal convention, fiscal
 * years, 和暦, and formatting of dates and money for people. Pure GLib. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YRS_DATE_ERROR (yrs_date_error_quark ())

typedef enum
{
  YRS_DATE_ERROR_INVALID,     /* not a date at all (2025-02-30, garbage) */
  YRS_DATE_ERROR_OUT_OF_ERA,  /* a real date written in the wrong era */
} YrsDateError;

/* A civil date (proleptic Gregorian), passed by value. The zero value
 * { 0, 0, 0 } is "no date"; use yrs_date_is_set(). */
typedef struct
{
  gint16 year;
  guint8 month;
  guint8 day;
} YrsDate;

typedef enum
{
  YRS_LANG_JA,
  YRS_LANG_EN,
} YrsLang;

#define YRS_DATE_NONE ((YrsDate) { 0, 0, 0 })

GQuark   yrs_date_error_quark       (void);

gboolean yrs_date_is_valid_ymd      (int year,
                                     int month,
                                     int day);
gboolean yrs_date_is_set            (YrsDate date);
YrsDate  yrs_date_new               (int year,
                                     int month,
                                     int day);
YrsDate  yrs_date_today             (void);

gboolean yrs_date_parse_iso         (const char *text,
                                     YrsDate    *out,
                                     GError    **error);
char    *yrs_date_to_iso            (YrsDate     date);
/* Writes "YYYY-MM-DD" and a NUL into buf (11 bytes). */
void     yrs_date_to_iso_buf        (YrsDate     date,
                                     char        buf[11]);

int      yrs_date_compare           (YrsDate     a,
                                     YrsDate     b);
gint32   yrs_date_to_days           (YrsDate     date);
YrsDate  yrs_date_from_days         (gint32      days);
YrsDate  yrs_date_add_days          (YrsDate     date,
                                     int         days);
int      yrs_date_days_between      (YrsDate     from,
                                     YrsDate     to);
/* 0 = Monday … 6 = Sunday */
int      yrs_date_weekday           (YrsDate     date);

/* Ages and periods by Civil Code art. 143 and the 年齢計算ニ関スル法律: a
 * period of N months counted from `start` (the start day included) ends at
 * the end of the day before the corresponding day of the last month, or on
 * that month's last day when it has no corresponding day. A person born on
 * 29 February therefore reaches a year of age at the end of 28 February in
 * a common year, and is that age from 1 March. */
YrsDate  yrs_date_period_end        (YrsDate     start,
                                     int         months);
/* The last day on which someone born on `birth` is still under `years`. */
YrsDate  yrs_date_last_day_under_age (YrsDate    birth,
                                      int        years);
/* The first day on which they are `years` old (the day after the above). */
YrsDate  yrs_date_first_day_of_age  (YrsDate     birth,
                                     int         years);
/* Completed age on `on` in years and in remaining months; either out
 * pointer may be NULL. Returns FALSE when `on` is before `birth`. */
gboolean yrs_date_age               (YrsDate     birth,
                                     YrsDate     on,
                                     int        *years,
                                     int        *months);
/* Completed whole months of age. -1 before birth. */
int      yrs_date_age_in_months     (YrsDate     birth,
                                     YrsDate     on);

/* 年度: the fiscal year that contains `date` (2025-03-31 -> 2024). */
int      yrs_date_fiscal_year       (YrsDate     date);
YrsDate  yrs_date_fiscal_year_start (int         fiscal_year);

/* 和暦 */
/* Era year (1 = 元年) of `date`, or 0 before the first known era. */
int      yrs_era_year               (YrsDate     date);
/* "令和7年4月1日", "令和元年5月1日" */
char    *yrs_date_format_wareki     (YrsDate     date);
/* Accepts "令和7年4月1日", "令和元年5月1日", "R7.4.1", "H31/4/30",
 * "令和７年４月１日" (full-width digits), spaces around parts. */
gboolean yrs_date_parse_wareki      (const char *text,
                                     YrsDate    *out,
                                     GError    **error);
/* Either ISO "2025-04-01", "2025/4/1", "2025年4月1日" or 和暦. */
gboolean yrs_date_parse_any         (const char *text,
                                     YrsDate    *out,
                                     GError    **error);
/* The era label of a Gregorian year for a year field: "2019年（令和元年）"
 * in Japanese ("2019 (Reiwa 1)" in English). A year with two eras
 * (2019, 1989) names the later one, which covers the year's end. */
char    *yrs_date_format_year_label (int         year,
                                     YrsLang     lang);

/* For people: "令和7年4月1日" / "1 April 2025" */
char    *yrs_date_format            (YrsDate     date,
                                     YrsLang     lang);
/* "50,000円" / "¥50,000" */
char    *yrs_money_format           (gint64      yen,
                                     YrsLang     lang);

YrsLang  yrs_lang_from_string       (const char *code);
const char *yrs_lang_to_string      (YrsLang     lang);

G_END_DECLS
