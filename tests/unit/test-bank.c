/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Banks and branches by name and kana (src/core/yrs-bank.c), from the
 * zengin-code table in data/banks/zengin.tsv. */

#include "config.h"

#include <glib.h>

#include "yrs-bank.h"

static gboolean
has_code (GPtrArray  *banks,
          const char *code)
{
  for (guint i = 0; i < banks->len; i++)
    if (g_str_equal (yrs_bank_get_code (g_ptr_array_index (banks, i)), code))
      return TRUE;
  return FALSE;
}

static void
test_lookup (void)
{
  const YrsBank *bank = yrs_bank_lookup ("0001");
  const YrsBranch *branch;

  g_assert_nonnull (bank);
  g_assert_cmpstr (yrs_bank_get_name (bank), ==, "みずほ");
  g_assert_cmpstr (yrs_bank_get_kana (bank), ==, "ミズホ");
  g_assert_true (yrs_bank_lookup ("０００１") == bank);
  branch = yrs_bank_lookup_branch (bank, "001");
  g_assert_nonnull (branch);
  g_assert_cmpstr (branch->name, ==, "東京営業部");

  g_assert_null (yrs_bank_lookup ("001"));
  g_assert_null (yrs_bank_lookup ("00011"));
  g_assert_null (yrs_bank_lookup ("abcd"));
  g_assert_null (yrs_bank_lookup (NULL));
  g_assert_null (yrs_bank_lookup_branch (bank, "1"));
  g_assert_null (yrs_bank_lookup_branch (bank, "xyz"));

  g_assert_true (yrs_bank_is_yucho (yrs_bank_lookup ("9900")));
  g_assert_false (yrs_bank_is_yucho (bank));
}

/* What a parent types on the kana keypad finds the table's spelling:
 * hiragana, small kana (ゆうちょ is ユウチヨ in the table), half-width. */
static void
test_search_kana (void)
{
  g_autoptr(GPtrArray) yucho = yrs_bank_search ("ゆうちょ", 10);
  g_autoptr(GPtrArray) minato = yrs_bank_search ("みなと", 0);
  g_autoptr(GPtrArray) half = yrs_bank_search ("ﾐﾅﾄ", 0);
  g_autoptr(GPtrArray) ufj = yrs_bank_search ("みつびしゆーえふじぇい", 0);

  g_assert_true (has_code (yucho, "9900"));
  g_assert_true (has_code (minato, "0562"));
  g_assert_true (has_code (half, "0562"));
  g_assert_true (has_code (ufj, "0005"));
}

static void
test_search_name_and_order (void)
{
  g_autoptr(GPtrArray) by_name = yrs_bank_search ("三井住友", 0);
  g_autoptr(GPtrArray) mi = yrs_bank_search ("み", 0);
  g_autoptr(GPtrArray) limited = yrs_bank_search ("み", 3);
  g_autoptr(GPtrArray) none = yrs_bank_search ("", 0);
  g_autoptr(GPtrArray) nothing = yrs_bank_search ("ゑゑゑ", 0);
  gboolean contains_seen = FALSE;

  g_assert_true (has_code (by_name, "0009"));
  g_assert_cmpuint (limited->len, ==, 3);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
  /* Starting with ミ first, then containing it. */
  for (guint i = 0; i < mi->len; i++)
    {
      gboolean starts = g_str_has_prefix (yrs_bank_get_kana (g_ptr_array_index (mi, i)), "ミ");

      if (!starts)
        contains_seen = TRUE;
      else
        g_assert_false (contains_seen);
    }
  g_assert_true (contains_seen);
}

static const char *
first_code (GPtrArray *banks)
{
  return banks->len > 0 ? yrs_bank_get_code (g_ptr_array_index (banks, 0)) : NULL;
}

/* She names the kind of institution as she says it; the table leaves
 * 銀行 out and shortens 信用金庫 to 信金. */
static void
test_search_kind_words (void)
{
  g_autoptr(GPtrArray) mizuho = yrs_bank_search ("みずほ", 0);
  g_autoptr(GPtrArray) mizuho_bank = yrs_bank_search ("みずほぎんこう", 0);
  g_autoptr(GPtrArray) mizuho_kanji = yrs_bank_search ("みずほ銀行", 0);
  g_autoptr(GPtrArray) yucho = yrs_bank_search ("ゆうちょぎんこう", 0);
  g_autoptr(GPtrArray) kobe = yrs_bank_search ("こうべしんようきんこ", 0);
  g_autoptr(GPtrArray) kobe_kanji = yrs_bank_search ("神戸信用金庫", 0);

  g_assert_cmpstr (first_code (mizuho), ==, "0001");
  g_assert_cmpstr (first_code (mizuho_bank), ==, "0001");
  g_assert_cmpstr (first_code (mizuho_kanji), ==, "0001");
  g_assert_cmpstr (first_code (yucho), ==, "9900");
  g_assert_cmpstr (first_code (kobe), ==, "1680");
  g_assert_cmpstr (first_code (kobe_kanji), ==, "1680");
}

static void
test_branches (void)
{
  const YrsBank *minato = yrs_bank_lookup ("0562");
  g_autoptr(GPtrArray) honten = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_nonnull (minato);
  honten = yrs_bank_search_branches (minato, "ほんてん", 0);
  g_assert_cmpuint (honten->len, >=, 1);
  g_assert_cmpstr (((const YrsBranch *) g_ptr_array_index (honten, 0))->name, ==, "本店営業部");
  all = yrs_bank_search_branches (minato, "", 0);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_source (void)
{
  g_assert_true (g_str_has_prefix (yrs_bank_get_source (), "zengin-code 1.0.0-p"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank/lookup", test_lookup);
  g_test_add_func ("/bank/search-kana", test_search_kana);
  g_test_add_func ("/bank/search-name-and-order", test_search_name_and_order);
  g_test_add_func ("/bank/search-kind-words", test_search_kind_words);
  g_test_add_func ("/bank/branches", test_branches);
  g_test_add_func ("/bank/source", test_source);

  return g_test_run ();
}
