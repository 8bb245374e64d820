/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One family, one case: the kana as compared (src/core/yrs-family-match). */

#include "config.h"

#include "yrs-family-match.h"

static void
test_kana_variants (void)
{
  const char *same[] = {
    "ヤマダ ハナコ",          /* ASCII space */
    "ヤマダ　ハナコ",         /* full-width space */
    "ヤマダハナコ",           /* none */
    " ヤマダ \t ハナコ　",    /* several, at both ends */
    "やまだ はなこ",          /* hiragana */
    "ﾔﾏﾀﾞ ﾊﾅｺ",               /* half-width, voiced mark apart */
    "ヤマダ\u3000\u00a0ハナコ", /* no-break space */
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *normal = yrs_family_match_kana (same[i]);

      g_assert_cmpstr (normal, ==, "やまだはなこ");
    }
}

static void
test_kana_differs (void)
{
  const char *other[] = { "ヤマダ ハナ", "ヤマタ ハナコ", "ヤマダ ハナゴ", "ハナコ ヤマダ" };

  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *normal = yrs_family_match_kana (other[i]);

      g_assert_cmpstr (normal, !=, "やまだはなこ");
    }
  /* ー stays, and ヴ becomes ゔ. */
  {
    g_autofree char *normal = yrs_family_match_kana ("ヴィーナス");

    g_assert_cmpstr (normal, ==, "ゔぃーなす");
  }
}

static void
test_text (void)
{
  g_autofree char *text = yrs_family_match_text ("ﾔﾏﾀﾞ ﾊﾅｺ", "1992-04-15");
  g_autofree char *no_kana = yrs_family_match_text ("　 ", "1992-04-15");
  g_autofree char *no_date = yrs_family_match_text ("ヤマダ", "");

  g_assert_cmpstr (text, ==, "やまだはなこ\n1992-04-15");
  g_assert_null (no_kana);
  g_assert_null (no_date);
  g_assert_null (yrs_family_match_text (NULL, "1992-04-15"));
  g_assert_null (yrs_family_match_text ("ヤマダ", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/family-match/kana-variants", test_kana_variants);
  g_test_add_func ("/family-match/kana-differs", test_kana_differs);
  g_test_add_func ("/family-match/text", test_text);
  return g_test_run ();
}
