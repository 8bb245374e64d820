/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "yrs-date.h"

static YrsDate
d (const char *iso)
{
  YrsDate date;

  g_assert_true (yrs_date_parse_iso (iso, &date, NULL));
  return date;
}

static void
assert_date (YrsDate     date,
             const char *iso)
{
  g_autofree char *got = yrs_date_to_iso (date);

  g_assert_cmpstr (got, ==, iso);
}

static void
test_wareki_format (void)
{
  static const struct { const char *iso; const char *wareki; } cases[] = {
    { "1926-12-24", "大正15年12月24日" },
    { "1926-12-25", "昭和元年12月25日" },
    { "1989-01-07", "昭和64年1月7日" },
    { "1989-01-08", "平成元年1月8日" },
    { "2019-04-30", "平成31年4月30日" },
    { "2019-05-01", "令和元年5月1日" },
    { "2019-12-31", "令和元年12月31日" },
    { "2020-01-01", "令和2年1月1日" },
    { "2025-04-01", "令和7年4月1日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yrs_date_format_wareki (d (cases[i].iso));
      YrsDate back;

      g_assert_cmpstr (text, ==, cases[i].wareki);
      g_assert_true (yrs_date_parse_wareki (text, &back, NULL));
      assert_date (back, cases[i].iso);
    }
}

static void
test_wareki_parse_bad (void)
{
  static const char *bad[] = {
    "", "令和", "令和0年1月1日", "令和1年4月30日", "平成31年5月1日",
    "平成32年1月1日", "令和7年2月30日", "令和7年13月1日", "昭和64年1月8日",
    "R7.2.29", "X7.4.1", "令和七年四月一日", "令和7年4月1", "令和-1年1月1日",
    "令和99999年1月1日", "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      YrsDate out;

      g_assert_false (yrs_date_parse_wareki (bad[i], &out, &error));
      g_assert_error (error, YRS_DATE_ERROR,
                      (i == 3 || i == 4 || i == 5 || i == 8) ? YRS_DATE_ERROR_OUT_OF_ERA
                                                            : YRS_DATE_ERROR_INVALID);
    }
}

static void
test_wareki_parse_forms (void)
{
  static const struct { const char *text; const char *iso; } cases[] = {
    { "R7.4.1", "2025-04-01" },
    { "r7/4/1", "2025-04-01" },
    { "H31.4.30", "2019-04-30" },
    { "令和７年４月１日", "2025-04-01" },
    { "令和 元年 5月 1日", "2019-05-01" },
    { "S64.1.7", "1989-01-07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YrsDate out;

      g_assert_true (yrs_date_parse_wareki (cases[i].text, &out, NULL));
      assert_date (out, cases[i].iso);
    }
}

static void
test_age (void)
{
  static const struct { const char *birth; const char *on; int years; int months; } cases[] = {
    { "2024-02-29", "2025-02-27", 0, 11 },
    { "2024-02-29", "2025-02-28", 0, 11 },
    { "2024-02-29", "2025-03-01", 1, 0 },
    { "2024-02-29", "2028-02-28", 3, 11 },
    { "2024-02-29", "2028-02-29", 4, 0 },
    { "2023-03-01", "2024-02-29", 0, 11 },
    { "2023-03-01", "2024-03-01", 1, 0 },
    { "2025-01-31", "2025-02-28", 0, 0 },
    { "2025-01-31", "2025-03-01", 1 - 1, 1 },
    { "2025-03-31", "2025-04-30", 0, 0 },
    { "2025-03-31", "2025-05-01", 0, 1 },
    { "2025-04-02", "2031-04-01", 5, 11 },
    { "2025-04-02", "2031-04-02", 6, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int years, months;

      g_assert_true (yrs_date_age (d (cases[i].birth), d (cases[i].on), &years, &months));
      g_assert_cmpint (years, ==, cases[i].years);
      g_assert_cmpint (months, ==, cases[i].months);
    }

  g_assert_false (yrs_date_age (d ("2025-01-02"), d ("2025-01-01"), NULL, NULL));
  assert_date (yrs_date_last_day_under_age (d ("2024-02-29"), 1), "2025-02-28");
  assert_date (yrs_date_last_day_under_age (d ("2024-02-29"), 4), "2028-02-28");
  assert_date (yrs_date_last_day_under_age (d ("2025-03-20"), 1), "2026-03-19");
  assert_date (yrs_date_first_day_of_age (d ("2024-02-29"), 1), "2025-03-01");
}

static void
test_fiscal_year (void)
{
  g_assert_cmpint (yrs_date_fiscal_year (d ("2025-03-31")), ==, 2024);
  g_assert_cmpint (yrs_date_fiscal_year (d ("2025-04-01")), ==, 2025);
  g_assert_cmpint (yrs_date_fiscal_year (d ("2026-01-01")), ==, 2025);
  assert_date (yrs_date_fiscal_year_start (2023), "2023-04-01");
}

static void
test_format (void)
{
  g_autofree char *ja = yrs_date_format (d ("2025-04-01"), YRS_LANG_JA);
  g_autofree char *en = yrs_date_format (d ("2025-04-01"), YRS_LANG_EN);
  g_autofree char *yen_ja = yrs_money_format (50000, YRS_LANG_JA);
  g_autofree char *yen_en = yrs_money_format (50000, YRS_LANG_EN);
  g_autofree char *big = yrs_money_format (1234567, YRS_LANG_JA);
  g_autofree char *zero = yrs_money_format (0, YRS_LANG_EN);
  g_autofree char *label = yrs_date_format_year_label (2019, YRS_LANG_JA);
  g_autofree char *label_en = yrs_date_format_year_label (2025, YRS_LANG_EN);

  g_assert_cmpstr (ja, ==, "令和7年4月1日");
  g_assert_cmpstr (en, ==, "1 April 2025");
  g_assert_cmpstr (yen_ja, ==, "50,000円");
  g_assert_cmpstr (yen_en, ==, "¥50,000");
  g_assert_cmpstr (big, ==, "1,234,567円");
  g_assert_cmpstr (zero, ==, "¥0");
  g_assert_cmpstr (label, ==, "2019年（令和元年）");
  g_assert_cmpstr (label_en, ==, "2025 (Reiwa 7)");
}

static void
test_iso (void)
{
  static const char *bad[] = { "2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-04-01x", "", "2024-02-30" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (yrs_date_parse_iso (bad[i], NULL, NULL));
  g_assert_true (yrs_date_parse_iso ("2024-02-29", NULL, NULL));

  for (gint32 day = -800000; day < 800000; day += 997)
    g_assert_cmpint (yrs_date_to_days (yrs_date_from_days (day)), ==, day);
  assert_date (yrs_date_add_days (d ("2024-02-28"), 1), "2024-02-29");
  assert_date (yrs_date_add_days (d ("2025-02-28"), 1), "2025-03-01");
  g_assert_cmpint (yrs_date_weekday (d ("2025-04-01")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/wareki/format", test_wareki_format);
  g_test_add_func ("/date/wareki/parse-bad", test_wareki_parse_bad);
  g_test_add_func ("/date/wareki/parse-forms", test_wareki_parse_forms);
  g_test_add_func ("/date/age", test_age);
  g_test_add_func ("/date/fiscal-year", test_fiscal_year);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/iso", test_iso);

  return g_test_run ();
}
