/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-date"

#include "config.h"

#include <string.h>

#include "yrs-date.h"

G_DEFINE_QUARK (yrs-date-error-quark, yrs_date_error)

/* 和暦: an era and the day it began. */
typedef struct
{
  const char *name_ja;   /* 令和 */
  const char *name_en;   /* Reiwa */
  const char *letter;    /* R */
  YrsDate     start;
} YrsEra;

/* Newest first. Meiji before its Gregorian adoption (1873) is not needed by
 * anything this application does, so the table starts with 明治 for labels
 * only; parsing accepts it too. */
static const YrsEra eras[] = {
  { "令和", "Reiwa", "R", { 2019, 5, 1 } },
  { "平成", "Heisei", "H", { 1989, 1, 8 } },
  { "昭和", "Showa", "S", { 1926, 12, 25 } },
  { "大正", "Taisho", "T", { 1912, 7, 30 } },
  { "明治", "Meiji", "M", { 1868, 1, 25 } },
};

static const char *month_names_en[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

static gboolean
yrs_date_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
yrs_date_days_in_month (int year,
                        int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && yrs_date_is_leap_year (year))
    return 29;
  return days[month - 1];
}

gboolean
yrs_date_is_valid_ymd (int year,
                       int month,
                       int day)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= yrs_date_days_in_month (year, month);
}

gboolean
yrs_date_is_set (YrsDate date)
{
  return date.year != 0;
}

YrsDate
yrs_date_new (int year,
              int month,
              int day)
{
  g_return_val_if_fail (yrs_date_is_valid_ymd (year, month, day), YRS_DATE_NONE);

  return (YrsDate) { (gint16) year, (guint8) month, (guint8) day };
}

YrsDate
yrs_date_today (void)
{
  g_autoptr(GDateTime) now = NULL;
  const char *fake = g_getenv ("YRS_TODAY");
  YrsDate date;

  /* Tests and demos pin "today" with YRS_TODAY=YYYY-MM-DD. */
  if (fake != NULL && yrs_date_parse_iso (fake, &date, NULL))
    return date;

  now = g_date_time_new_now_local ();
  return yrs_date_new (g_date_time_get_year (now),
                       g_date_time_get_month (now),
                       g_date_time_get_day_of_month (now));
}

static gboolean
parse_uint (const char **p,
            int          max_digits,
            int         *out)
{
  int n = 0;
  int digits = 0;

  while (**p >= '0' && **p <= '9' && digits < max_digits)
    {
      n = n * 10 + (**p - '0');
      (*p)++;
      digits++;
    }
  *out = n;
  return digits > 0;
}

gboolean
yrs_date_parse_iso (const char *text,
                    YrsDate    *out,
                    GError    **error)
{
  int y, m, d;
  const char *p = text;

  if (text == NULL ||
      strlen (text) != 10 ||
      !parse_uint (&p, 4, &y) || p != text + 4 || *p++ != '-' ||
      !parse_uint (&p, 2, &m) || p != text + 7 || *p++ != '-' ||
      !parse_uint (&p, 2, &d) || *p != '\0' ||
      !yrs_date_is_valid_ymd (y, m, d))
    {
      g_set_error (error, YRS_DATE_ERROR, YRS_DATE_ERROR_INVALID,
                   "not a valid YYYY-MM-DD date");
      return FALSE;
    }

  if (out != NULL)
    *out = yrs_date_new (y, m, d);
  return TRUE;
}

void
yrs_date_to_iso_buf (YrsDate date,
                     char    buf[11])
{
  g_snprintf (buf, 11, "%04d-%02d-%02d", date.year, date.month, date.day);
}

char *
yrs_date_to_iso (YrsDate date)
{
  char buf[11];

  if (!yrs_date_is_set (date))
    return NULL;
  yrs_date_to_iso_buf (date, buf);
  return g_strdup (buf);
}

int
yrs_date_compare (YrsDate a,
                  YrsDate b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  if (a.day != b.day)
    return a.day < b.day ? -1 : 1;
  return 0;
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
gint32
yrs_date_to_days (YrsDate date)
{
  int y = date.year - (date.month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint32) doe - 719468;
}

YrsDate
yrs_date_from_days (gint32 days)
{
  gint32 z = days + 719468;
  gint32 era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint32 y = (gint32) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  return (YrsDate) { (gint16) (y + (m <= 2)), (guint8) m, (guint8) d };
}

YrsDate
yrs_date_add_days (YrsDate date,
                   int     days)
{
  return yrs_date_from_days (yrs_date_to_days (date) + days);
}

int
yrs_date_days_between (YrsDate from,
                       YrsDate to)
{
  return yrs_date_to_days (to) - yrs_date_to_days (from);
}

int
yrs_date_weekday (YrsDate date)
{
  /* 1970-01-01 was a Thursday (3). */
  gint32 days = yrs_date_to_days (date);
  int w = (int) ((days % 7 + 7) % 7);

  return (w + 3) % 7;
}

YrsDate
yrs_date_period_end (YrsDate start,
                     int     months)
{
  int total = start.year * 12 + (start.month - 1) + months;
  int year = total / 12;
  int month = total % 12 + 1;
  int last = yrs_date_days_in_month (year, month);

  if (months == 0)
    return yrs_date_add_days (start, -1);

  /* No corresponding day in the last month: the period ends on its last
   * day (Civil Code art. 143 para. 2, proviso). */
  if (start.day > last)
    return yrs_date_new (year, month, last);

  return yrs_date_add_days (yrs_date_new (year, month, start.day), -1);
}

YrsDate
yrs_date_last_day_under_age (YrsDate birth,
                             int     years)
{
  return yrs_date_period_end (birth, years * 12);
}

YrsDate
yrs_date_first_day_of_age (YrsDate birth,
                           int     years)
{
  return yrs_date_add_days (yrs_date_last_day_under_age (birth, years), 1);
}

int
yrs_date_age_in_months (YrsDate birth,
                        YrsDate on)
{
  int months;

  if (yrs_date_compare (on, birth) < 0)
    return -1;

  /* An estimate from the calendar, then corrected by the legal rule. */
  months = (on.year - birth.year) * 12 + (on.month - birth.month);
  if (months < 0)
    months = 0;
  while (months > 0 && yrs_date_compare (yrs_date_period_end (birth, months), on) >= 0)
    months--;
  while (yrs_date_compare (yrs_date_period_end (birth, months + 1), on) < 0)
    months++;

  return months;
}

gboolean
yrs_date_age (YrsDate birth,
              YrsDate on,
              int    *years,
              int    *months)
{
  int total = yrs_date_age_in_months (birth, on);

  if (total < 0)
    return FALSE;

  if (years != NULL)
    *years = total / 12;
  if (months != NULL)
    *months = total % 12;
  return TRUE;
}

int
yrs_date_fiscal_year (YrsDate date)
{
  return date.month >= 4 ? date.year : date.year - 1;
}

YrsDate
yrs_date_fiscal_year_start (int fiscal_year)
{
  return yrs_date_new (fiscal_year, 4, 1);
}

static const YrsEra *
yrs_era_for_date (YrsDate date)
{
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (yrs_date_compare (date, eras[i].start) >= 0)
      return &eras[i];
  return NULL;
}

int
yrs_era_year (YrsDate date)
{
  const YrsEra *era = yrs_era_for_date (date);

  if (era == NULL)
    return 0;
  return date.year - era->start.year + 1;
}

static char *
format_era_year (const YrsEra *era,
                 int           era_year)
{
  if (era_year == 1)
    return g_strdup_printf ("%s元年", era->name_ja);
  return g_strdup_printf ("%s%d年", era->name_ja, era_year);
}

char *
yrs_date_format_wareki (YrsDate date)
{
  const YrsEra *era = yrs_era_for_date (date);
  g_autofree char *year = NULL;

  if (era == NULL)
    return g_strdup_printf ("%d年%d月%d日", date.year, date.month, date.day);

  year = format_era_year (era, yrs_era_year (date));
  return g_strdup_printf ("%s%d月%d日", year, date.month, date.day);
}

/* Folds full-width digits and punctuation to ASCII and drops spaces, so
 * that "令和７年 ４月１日" parses like "令和7年4月1日". */
static char *
normalize_input (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c >= 0xFF21 && c <= 0xFF3A)
        g_string_append_c (out, (char) ('A' + (c - 0xFF21)));
      else if (c >= 0xFF41 && c <= 0xFF5A)
        g_string_append_c (out, (char) ('A' + (c - 0xFF41)));
      else if (c >= 'a' && c <= 'z')
        g_string_append_c (out, (char) (c - 'a' + 'A'));
      else if (c == 0xFF0E || c == 0x3002)
        g_string_append_c (out, '.');
      else if (c == 0xFF0F)
        g_string_append_c (out, '/');
      else if (c == 0xFF0D || c == 0x2212 || c == 0x30FC)
        g_string_append_c (out, '-');
      else if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
skip_literal (const char **p,
              const char  *literal)
{
  size_t len = strlen (literal);

  if (strncmp (*p, literal, len) == 0)
    {
      *p += len;
      return TRUE;
    }
  return FALSE;
}

static gboolean
invalid (GError    **error,
         const char *text)
{
  g_set_error (error, YRS_DATE_ERROR, YRS_DATE_ERROR_INVALID,
               "not a date: “%s”", text);
  return FALSE;
}

/* Parses "Y年M月D日" or "Y.M.D" / "Y/M/D" / "Y-M-D" after an era prefix. */
static gboolean
parse_ymd_tail (const char *p,
                gboolean    allow_gannen,
                int        *y,
                int        *m,
                int        *d)
{
  gboolean kanji;

  if (allow_gannen && skip_literal (&p, "元"))
    *y = 1;
  else if (!parse_uint (&p, 4, y))
    return FALSE;

  kanji = skip_literal (&p, "年");
  if (!kanji && !skip_literal (&p, ".") && !skip_literal (&p, "/") && !skip_literal (&p, "-"))
    return FALSE;
  if (!parse_uint (&p, 2, m))
    return FALSE;
  if (kanji ? !skip_literal (&p, "月")
            : (!skip_literal (&p, ".") && !skip_literal (&p, "/") && !skip_literal (&p, "-")))
    return FALSE;
  if (!parse_uint (&p, 2, d))
    return FALSE;
  if (kanji && !skip_literal (&p, "日"))
    return FALSE;

  return *p == '\0';
}

gboolean
yrs_date_parse_wareki (const char *text,
                       YrsDate    *out,
                       GError    **error)
{
  g_autofree char *norm = NULL;
  const YrsEra *era = NULL;
  const char *p;
  int y, m, d;
  YrsDate date;
  YrsDate next_start = YRS_DATE_NONE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, "");

  norm = normalize_input (text);
  p = norm;

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      if (skip_literal (&p, eras[i].name_ja) || skip_literal (&p, eras[i].letter))
        {
          era = &eras[i];
          if (i > 0)
            next_start = eras[i - 1].start;
          break;
        }
    }

  if (era == NULL || !parse_ymd_tail (p, TRUE, &y, &m, &d) || y < 1)
    return invalid (error, text);

  y = era->start.year + y - 1;
  if (!yrs_date_is_valid_ymd (y, m, d))
    return invalid (error, text);

  date = yrs_date_new (y, m, d);
  if (yrs_date_compare (date, era->start) < 0 ||
      (yrs_date_is_set (next_start) && yrs_date_compare (date, next_start) >= 0))
    {
      g_set_error (error, YRS_DATE_ERROR, YRS_DATE_ERROR_OUT_OF_ERA,
                   "“%s” is outside the %s era", text, era->name_en);
      return FALSE;
    }

  if (out != NULL)
    *out = date;
  return TRUE;
}

gboolean
yrs_date_parse_any (const char *text,
                    YrsDate    *out,
                    GError    **error)
{
  g_autofree char *norm = NULL;
  int y, m, d;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, "");

  norm = normalize_input (text);
  if (norm[0] >= '0' && norm[0] <= '9')
    {
      if (!parse_ymd_tail (norm, FALSE, &y, &m, &d) || y < 1000 ||
          !yrs_date_is_valid_ymd (y, m, d))
        return invalid (error, text);
      if (out != NULL)
        *out = yrs_date_new (y, m, d);
      return TRUE;
    }

  return yrs_date_parse_wareki (text, out, error);
}

char *
yrs_date_format_year_label (int     year,
                            YrsLang lang)
{
  /* The era in force on 31 December of that year. */
  YrsDate end = { (gint16) year, 12, 31 };
  const YrsEra *era = yrs_era_for_date (end);
  int era_year;

  if (era == NULL)
    return g_strdup_printf (lang == YRS_LANG_JA ? "%d年" : "%d", year);

  era_year = year - era->start.year + 1;
  if (lang == YRS_LANG_JA)
    {
      g_autofree char *label = format_era_year (era, era_year);
      return g_strdup_printf ("%d年（%s）", year, label);
    }
  return g_strdup_printf ("%d (%s %d)", year, era->name_en, era_year);
}

char *
yrs_date_format (YrsDate date,
                 YrsLang lang)
{
  if (!yrs_date_is_set (date))
    return g_strdup ("");
  if (lang == YRS_LANG_JA)
    return yrs_date_format_wareki (date);
  return g_strdup_printf ("%d %s %d", date.day, month_names_en[date.month - 1], date.year);
}

static char *
yrs_number_format (gint64 n)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  guint64 mag = n < 0 ? (guint64) (-(n + 1)) + 1 : (guint64) n;
  int len;

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, mag);
  if (n < 0)
    g_string_append_c (out, '-');
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
yrs_money_format (gint64  yen,
                  YrsLang lang)
{
  /* Format the signed number and move its sign: -yen would overflow for
   * G_MININT64. */
  g_autofree char *signed_num = yrs_number_format (yen);
  const char *num = yen < 0 ? signed_num + 1 : signed_num;
  const char *sign = yen < 0 ? "-" : "";

  if (lang == YRS_LANG_JA)
    return g_strdup_printf ("%s%s円", sign, num);
  return g_strdup_printf ("%s¥%s", sign, num);
}

YrsLang
yrs_lang_from_string (const char *code)
{
  if (code != NULL && g_str_has_prefix (code, "en"))
    return YRS_LANG_EN;
  return YRS_LANG_JA;
}

const char *
yrs_lang_to_string (YrsLang lang)
{
  return lang == YRS_LANG_EN ? "en" : "ja";
}
