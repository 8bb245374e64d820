/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

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

/* One table over the whole module: each row is an operation, its inputs
 * and the expected result, so a new edge case is one line. */
typedef enum
{
  OP_WAREKI,      /* a: ISO date -> yrs_date_format_wareki, and back */
  OP_EN,          /* a: ISO date -> English format */
  OP_PARSE,       /* a: 和暦 text -> ISO, or "!invalid" / "!era" */
  OP_PARSE_ANY,   /* a: any text -> ISO, or "!invalid" / "!era" */
  OP_AGE,         /* a: birth, b: on -> "years/months" or "-" */
  OP_UNDER,       /* a: birth, b: years -> last day under that age */
  OP_FISCAL,      /* a: ISO date -> fiscal year */
  OP_LABEL_JA,    /* a: year -> year label in Japanese */
  OP_LABEL_EN,    /* a: year -> year label in English */
  OP_ERA_YEAR,    /* a: ISO date -> era year (1 = 元年) */
  OP_MONEY_JA,    /* a: yen -> money in Japanese */
  OP_MONEY_EN,    /* a: yen -> money in English */
} Op;

static const struct
{
  Op          op;
  const char *a;
  const char *b;
  const char *expected;
} table[] = {
  /* Era boundaries, both ways round. */
  { OP_WAREKI, "1989-01-07", NULL, "昭和64年1月7日" },
  { OP_WAREKI, "1989-01-08", NULL, "平成元年1月8日" },
  { OP_WAREKI, "2019-04-30", NULL, "平成31年4月30日" },
  { OP_WAREKI, "2019-05-01", NULL, "令和元年5月1日" },
  { OP_WAREKI, "1926-12-25", NULL, "昭和元年12月25日" },
  { OP_WAREKI, "1990-01-01", NULL, "平成2年1月1日" },
  { OP_WAREKI, "2024-02-29", NULL, "令和6年2月29日" },
  { OP_WAREKI, "2025-03-31", NULL, "令和7年3月31日" },
  { OP_ERA_YEAR, "1989-01-07", NULL, "64" },
  { OP_ERA_YEAR, "1989-01-08", NULL, "1" },
  { OP_ERA_YEAR, "2019-04-30", NULL, "31" },
  { OP_ERA_YEAR, "2019-05-01", NULL, "1" },
  { OP_ERA_YEAR, "2025-12-31", NULL, "7" },
  { OP_EN, "2019-05-01", NULL, "1 May 2019" },
  { OP_EN, "1989-01-08", NULL, "8 January 1989" },
  { OP_EN, "2024-02-29", NULL, "29 February 2024" },
  { OP_EN, "2025-12-31", NULL, "31 December 2025" },

  /* Parsing 和暦: boundaries, 元年, written forms. */
  { OP_PARSE, "昭和64年1月7日", NULL, "1989-01-07" },
  { OP_PARSE, "昭和64年1月8日", NULL, "!era" },
  { OP_PARSE, "平成元年1月7日", NULL, "!era" },
  { OP_PARSE, "平成元年1月8日", NULL, "1989-01-08" },
  { OP_PARSE, "平成1年1月8日", NULL, "1989-01-08" },
  { OP_PARSE, "平成31年4月30日", NULL, "2019-04-30" },
  { OP_PARSE, "平成31年5月1日", NULL, "!era" },
  { OP_PARSE, "令和元年4月30日", NULL, "!era" },
  { OP_PARSE, "令和元年5月1日", NULL, "2019-05-01" },
  { OP_PARSE, "令和1年5月1日", NULL, "2019-05-01" },
  { OP_PARSE, "R1.5.1", NULL, "2019-05-01" },
  { OP_PARSE, "Ｒ７．４．１", NULL, "2025-04-01" },
  { OP_PARSE, "令和６年２月２９日", NULL, "2024-02-29" },
  { OP_PARSE, "令和7年2月29日", NULL, "!invalid" },
  { OP_PARSE, "令和7年4月31日", NULL, "!invalid" },
  { OP_PARSE, "令和7年0月1日", NULL, "!invalid" },
  { OP_PARSE, "令和7年4月0日", NULL, "!invalid" },
  { OP_PARSE, "令和年4月1日", NULL, "!invalid" },
  { OP_PARSE, "令和元", NULL, "!invalid" },
  { OP_PARSE, "元年5月1日", NULL, "!invalid" },
  { OP_PARSE, "令和7年4月1日日", NULL, "!invalid" },
  { OP_PARSE, "令和7年4.1", NULL, "!invalid" },
  { OP_PARSE, "R7..4.1", NULL, "!invalid" },
  { OP_PARSE, "R7.4.1.", NULL, "!invalid" },
  { OP_PARSE, "R00007.4.1", NULL, "!invalid" },
  { OP_PARSE, "R7.004.1", NULL, "!invalid" },
  { OP_PARSE, "R", NULL, "!invalid" },
  { OP_PARSE, "令\xe5\x92", NULL, "!invalid" },
  { OP_PARSE, "令和7年4月1日\xc0", NULL, "!invalid" },
  { OP_PARSE, "平成9999年12月31日", NULL, "!invalid" },
  { OP_PARSE, "明治1年1月1日", NULL, "!era" },
  { OP_PARSE, "   ", NULL, "!invalid" },
  { OP_PARSE_ANY, "2025-04-01", NULL, "2025-04-01" },
  { OP_PARSE_ANY, "2025/4/1", NULL, "2025-04-01" },
  { OP_PARSE_ANY, "２０２５年４月１日", NULL, "2025-04-01" },
  { OP_PARSE_ANY, "令和7年4月1日", NULL, "2025-04-01" },
  { OP_PARSE_ANY, "2025-02-29", NULL, "!invalid" },
  { OP_PARSE_ANY, "25/4/1", NULL, "!invalid" },
  { OP_PARSE_ANY, "2025年4月", NULL, "!invalid" },
  { OP_PARSE_ANY, "平成31年5月1日", NULL, "!era" },

  /* Ages: 29 February births, in leap and common years. */
  { OP_AGE, "2024-02-29", "2025-02-28", "0/11" },
  { OP_AGE, "2024-02-29", "2025-03-01", "1/0" },
  { OP_AGE, "2024-02-29", "2027-02-28", "2/11" },
  { OP_AGE, "2024-02-29", "2028-02-28", "3/11" },
  { OP_AGE, "2024-02-29", "2028-02-29", "4/0" },
  { OP_AGE, "2000-02-29", "2100-02-28", "99/11" },
  { OP_AGE, "2000-02-29", "2100-03-01", "100/0" },
  { OP_AGE, "2024-02-29", "2024-03-28", "0/0" },
  { OP_AGE, "2024-02-29", "2024-03-29", "0/1" },
  { OP_UNDER, "2024-02-29", "1", "2025-02-28" },
  { OP_UNDER, "2024-02-29", "2", "2026-02-28" },
  { OP_UNDER, "2024-02-29", "4", "2028-02-28" },
  { OP_UNDER, "1996-02-29", "18", "2014-02-28" },
  { OP_UNDER, "2025-03-20", "1", "2026-03-19" },
  { OP_UNDER, "2025-04-01", "1", "2026-03-31" },
  { OP_UNDER, "2023-03-01", "1", "2024-02-29" },
  { OP_UNDER, "2023-03-01", "2", "2025-02-28" },

  /* Ages across month ends. */
  { OP_AGE, "2025-01-31", "2025-02-28", "0/0" },
  { OP_AGE, "2025-01-31", "2025-03-01", "0/1" },
  { OP_AGE, "2024-01-31", "2024-02-29", "0/0" },
  { OP_AGE, "2024-01-31", "2024-03-01", "0/1" },
  { OP_AGE, "2025-05-31", "2025-06-30", "0/0" },
  { OP_AGE, "2025-05-31", "2025-07-01", "0/1" },
  { OP_AGE, "2025-05-31", "2025-07-30", "0/1" },
  { OP_AGE, "2025-05-31", "2025-07-31", "0/2" },
  { OP_AGE, "2025-08-31", "2025-09-30", "0/0" },
  { OP_AGE, "2025-08-31", "2025-10-01", "0/1" },
  { OP_AGE, "2024-12-31", "2025-12-30", "0/11" },
  { OP_AGE, "2024-12-31", "2025-12-31", "1/0" },
  { OP_AGE, "2025-04-01", "2025-04-01", "0/0" },
  { OP_AGE, "2025-04-02", "2025-04-01", "-" },

  /* Fiscal year edges. */
  { OP_FISCAL, "2025-03-31", NULL, "2024" },
  { OP_FISCAL, "2025-04-01", NULL, "2025" },
  { OP_FISCAL, "2024-12-31", NULL, "2024" },
  { OP_FISCAL, "2025-01-01", NULL, "2024" },
  { OP_FISCAL, "2022-04-01", NULL, "2022" },
  { OP_FISCAL, "2019-04-30", NULL, "2019" },
  { OP_FISCAL, "1989-01-07", NULL, "1988" },

  /* Year labels for the 年 field: a year with two eras names the later. */
  { OP_LABEL_JA, "1988", NULL, "1988年（昭和63年）" },
  { OP_LABEL_JA, "1989", NULL, "1989年（平成元年）" },
  { OP_LABEL_JA, "2018", NULL, "2018年（平成30年）" },
  { OP_LABEL_JA, "2019", NULL, "2019年（令和元年）" },
  { OP_LABEL_JA, "2020", NULL, "2020年（令和2年）" },
  { OP_LABEL_EN, "2019", NULL, "2019 (Reiwa 1)" },
  { OP_LABEL_EN, "1989", NULL, "1989 (Heisei 1)" },

  /* Money. */
  { OP_MONEY_JA, "50000", NULL, "50,000円" },
  { OP_MONEY_EN, "50000", NULL, "¥50,000" },
  { OP_MONEY_JA, "999", NULL, "999円" },
  { OP_MONEY_JA, "1000", NULL, "1,000円" },
  { OP_MONEY_JA, "-2500", NULL, "-2,500円" },
  { OP_MONEY_EN, "-2500", NULL, "-¥2,500" },
  { OP_MONEY_JA, "-9223372036854775808", NULL, "-9,223,372,036,854,775,808円" },
};

static char *
run_case (guint i)
{
  YrsDate date, other;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int years, months;

  switch (table[i].op)
    {
    case OP_WAREKI:
      {
        g_autofree char *text = yrs_date_format_wareki (d (table[i].a));

        /* Every formatted date parses back to itself. */
        g_assert_true (yrs_date_parse_wareki (text, &other, NULL));
        assert_date (other, table[i].a);
        return g_steal_pointer (&text);
      }

    case OP_EN:
      return yrs_date_format (d (table[i].a), YRS_LANG_EN);

    case OP_PARSE:
    case OP_PARSE_ANY:
      ok = table[i].op == OP_PARSE ? yrs_date_parse_wareki (table[i].a, &date, &error)
                                   : yrs_date_parse_any (table[i].a, &date, &error);
      if (ok)
        {
          g_assert_no_error (error);
          return yrs_date_to_iso (date);
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == YRS_DATE_ERROR);
      return g_strdup (error->code == YRS_DATE_ERROR_OUT_OF_ERA ? "!era" : "!invalid");

    case OP_AGE:
      if (!yrs_date_age (d (table[i].a), d (table[i].b), &years, &months))
        {
          g_assert_cmpint (yrs_date_age_in_months (d (table[i].a), d (table[i].b)), ==, -1);
          return g_strdup ("-");
        }
      g_assert_cmpint (yrs_date_age_in_months (d (table[i].a), d (table[i].b)), ==, years * 12 + months);
      return g_strdup_printf ("%d/%d", years, months);

    case OP_UNDER:
      date = yrs_date_last_day_under_age (d (table[i].a), atoi (table[i].b));
      /* The next day is the first day of that age. */
      other = yrs_date_first_day_of_age (d (table[i].a), atoi (table[i].b));
      g_assert_cmpint (yrs_date_days_between (date, other), ==, 1);
      return yrs_date_to_iso (date);

    case OP_FISCAL:
      date = d (table[i].a);
      /* The fiscal year's first day is on or before the date. */
      g_assert_cmpint (yrs_date_compare (yrs_date_fiscal_year_start (yrs_date_fiscal_year (date)), date), <=, 0);
      return g_strdup_printf ("%d", yrs_date_fiscal_year (date));

    case OP_LABEL_JA:
      return yrs_date_format_year_label (atoi (table[i].a), YRS_LANG_JA);

    case OP_LABEL_EN:
      return yrs_date_format_year_label (atoi (table[i].a), YRS_LANG_EN);

    case OP_ERA_YEAR:
      return g_strdup_printf ("%d", yrs_era_year (d (table[i].a)));

    case OP_MONEY_JA:
      return yrs_money_format (g_ascii_strtoll (table[i].a, NULL, 10), YRS_LANG_JA);

    case OP_MONEY_EN:
      return yrs_money_format (g_ascii_strtoll (table[i].a, NULL, 10), YRS_LANG_EN);

    default:
      g_assert_not_reached ();
    }
}

static void
test_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (table), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *got = run_case (i);

      if (g_strcmp0 (got, table[i].expected) != 0)
        g_error ("case %u (%s%s%s): got “%s”, expected “%s”", i, table[i].a,
                 table[i].b ? ", " : "", table[i].b ? table[i].b : "", got, table[i].expected);
    }
}

/* Malformed input of every shape returns an error, never crashes: all
 * prefixes and single-byte mutations of valid 和暦 strings. */
static void
test_wareki_mutations (void)
{
  static const char *seeds[] = { "令和元年5月1日", "H31.4.30", "昭和６４年１月７日" };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      size_t len = strlen (seeds[s]);

      for (size_t cut = 0; cut < len; cut++)
        {
          g_autofree char *prefix = g_strndup (seeds[s], cut);
          g_autoptr(GError) error = NULL;
          YrsDate out = YRS_DATE_NONE;

          if (yrs_date_parse_wareki (prefix, &out, &error))
            g_assert_true (yrs_date_is_set (out));
          else
            g_assert_error (error, YRS_DATE_ERROR, YRS_DATE_ERROR_INVALID);
        }

      for (size_t pos = 0; pos < len; pos++)
        for (int byte = 1; byte < 256; byte += 7)
          {
            g_autofree char *copy = g_strdup (seeds[s]);
            g_autoptr(GError) error = NULL;
            YrsDate out = YRS_DATE_NONE;

            copy[pos] = (char) byte;
            if (yrs_date_parse_any (copy, &out, &error))
              g_assert_true (yrs_date_is_valid_ymd (out.year, out.month, out.day));
            else
              g_assert_true (error != NULL && error->domain == YRS_DATE_ERROR);
          }
    }

  g_assert_false (yrs_date_parse_wareki (NULL, NULL, NULL));
  g_assert_false (yrs_date_parse_any (NULL, NULL, NULL));
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
  g_test_add_func ("/date/table", test_table);
  g_test_add_func ("/date/wareki/mutations", test_wareki_mutations);

  return g_test_run ();
}
