/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target: the form validators (yrs-form) and the 和暦 parsers
 * (yrs-date) on arbitrary bytes. The input is split at newlines into up
 * to five fields, so one input can reach the multi-part date check. Any
 * crash, hang, leak or sanitizer report is a finding; in addition, what a
 * check accepts must satisfy its own contract (asserted below). */

#include "config.h"

#include <string.h>

#include "yrs-form.h"

typedef gboolean (*CheckFunc) (const char *value,
                               char      **normalized,
                               GError    **error);

static void
run_check (CheckFunc   check,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = NULL;

  if (check (value, &norm, &error))
    {
      g_assert_no_error (error);
      g_assert_nonnull (norm);
      g_assert_true (g_utf8_validate (norm, -1, NULL));
      /* A normalised value is itself valid, and normalises to itself. */
      {
        g_autofree char *again = NULL;

        g_assert_true (check (norm, &again, NULL));
        g_assert_cmpstr (again, ==, norm);
      }
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == YRS_FORM_ERROR);
      g_assert_null (norm);
    }
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const CheckFunc checks[] = {
    yrs_form_check_postal_code, yrs_form_check_phone,
    yrs_form_check_bank_code, yrs_form_check_branch_code,
    yrs_form_check_account_number, yrs_form_check_account_holder,
    yrs_form_check_yucho_symbol, yrs_form_check_yucho_number,
  };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) parts = NULL;
  const char *field[5] = { NULL };
  YrsDate date;

  if (size > 4096)
    return 0;

  /* The whole input, as each field would get it. */
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    run_check (checks[i], text);

  {
    g_autofree char *kana = yrs_form_normalize_kana (text);
    g_auto(GStrv) outside = yrs_form_chars_outside_jis (text);
    g_autoptr(GError) error = NULL;
    g_autofree char *furigana = NULL;

    g_assert_true ((kana == NULL) == !g_utf8_validate (text, -1, NULL));
    g_assert_true ((outside == NULL) == (kana == NULL));
    if (kana != NULL)
      {
        g_autofree char *twice = yrs_form_normalize_kana (kana);

        g_assert_cmpstr (twice, ==, kana);
      }
    if (yrs_form_check_furigana (text, "x", &furigana, &error))
      g_assert_true (yrs_form_is_katakana (furigana));
    yrs_form_check_required (text, "x", NULL);
    yrs_form_check_account_type (text, NULL, NULL);
  }

  /* 和暦 and any-format parsing: what parses formats back to the date. */
  if (yrs_date_parse_wareki (text, &date, NULL))
    {
      g_autofree char *back = yrs_date_format_wareki (date);
      YrsDate again;

      g_assert_true (yrs_date_parse_wareki (back, &again, NULL));
      g_assert_cmpint (yrs_date_compare (date, again), ==, 0);
    }
  if (yrs_date_parse_any (text, &date, NULL))
    g_assert_true (yrs_date_is_valid_ymd (date.year, date.month, date.day));

  /* Lines as era / year / month / day (and a label). */
  parts = g_strsplit (text, "\n", 5);
  for (guint i = 0; parts[i] != NULL && i < G_N_ELEMENTS (field); i++)
    field[i] = parts[i];
  if (yrs_form_check_date_parts (field[4], field[0], field[1], field[2], field[3], &date, NULL))
    g_assert_true (yrs_date_is_valid_ymd (date.year, date.month, date.day));

  return 0;
}
