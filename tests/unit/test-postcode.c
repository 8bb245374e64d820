/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The city's postcode table (src/core/yrs-postcode.c), generated from
 * Debian's SKK-JISYO.zipcode at build time. */

#include "config.h"

#include <glib.h>

#include "yrs-postcode.h"

/* One code, one town: 〒650-0001 is 中央区加納町, however it is written. */
static void
test_one_town (void)
{
  const char *forms[] = { "6500001", "650-0001", "〒650-0001", "６５０－０００１", " 6500001 " };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      guint n = 0;
      const YrsPostcodePlace *places = yrs_postcode_lookup (forms[i], &n);

      g_assert_nonnull (places);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpstr (places[0].ward, ==, "中央区");
      g_assert_cmpstr (places[0].town, ==, "加納町");
    }
}

/* Towns of other wards, from the table and not from a prefix rule:
 * 〒651-2121 (西区), 〒658-0001 (東灘区), 〒655-0000 names all of 垂水区. */
static void
test_wards (void)
{
  guint n = 0;
  const YrsPostcodePlace *places;

  places = yrs_postcode_lookup ("6580001", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (places[0].ward, ==, "東灘区");
  g_assert_cmpstr (places[0].town, ==, "森北町");

  places = yrs_postcode_lookup ("6550000", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (places[0].ward, ==, "垂水区");
  g_assert_cmpstr (places[0].town, ==, "");
}

/* Several places for one code: 〒650-0000 is both 中央区 and 西区, and
 * 〒651-2121 is written two ways in the table (玉津町水谷, 水谷). */
static void
test_several (void)
{
  guint n = 0;
  const YrsPostcodePlace *places = yrs_postcode_lookup ("650-0000", &n);
  gboolean chuo = FALSE, nishi = FALSE;

  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      chuo |= g_str_equal (places[i].ward, "中央区");
      nishi |= g_str_equal (places[i].ward, "西区");
    }
  g_assert_true (chuo && nishi);

  places = yrs_postcode_lookup ("6512121", &n);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (places[i].ward, ==, "西区");
}

/* Codes of other cities, and what is not a code at all. */
static void
test_none (void)
{
  const char *codes[] = { "1000001", "100-0001", "6600001", "6500", "650-00011", "abcdefg", "", NULL };
  guint n = 99;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_null (yrs_postcode_lookup (codes[i], &n));
      g_assert_cmpuint (n, ==, 0);
    }
}

static void
test_source (void)
{
  g_assert_cmpstr (yrs_postcode_get_city (), ==, "兵庫県神戸市");
  g_assert_true (g_str_has_prefix (yrs_postcode_get_source (), "SKK-JISYO.zipcode, Time-stamp: <"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/postcode/one-town", test_one_town);
  g_test_add_func ("/postcode/wards", test_wards);
  g_test_add_func ("/postcode/several", test_several);
  g_test_add_func ("/postcode/none", test_none);
  g_test_add_func ("/postcode/source", test_source);

  return g_test_run ();
}
