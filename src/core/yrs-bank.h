/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-bank.h: banks (金融機関) and their branches (支店) by code, name and
 * kana, from the zengin-code table (data/banks/zengin.tsv), for choosing
 * the account a payment goes to by name rather than by a 4-digit code.
 * Pure GLib; the table loads on first use. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YrsBank YrsBank;

typedef struct
{
  const char *code;   /* "001": 3 digits */
  const char *name;   /* "東京営業部" */
  const char *kana;   /* "トウキヨウ": the table's katakana, no small kana */
} YrsBranch;

/* The bank of a 4-digit code (ASCII or full-width digits), or NULL. */
const YrsBank   *yrs_bank_lookup          (const char    *code);
const char      *yrs_bank_get_code        (const YrsBank *bank);
const char      *yrs_bank_get_name        (const YrsBank *bank);
const char      *yrs_bank_get_kana        (const YrsBank *bank);
/* Japan Post Bank (ゆうちょ, 9900), whose accounts have their own 記号・番号. */
gboolean         yrs_bank_is_yucho        (const YrsBank *bank);
/* The branch of a 3-digit code, or NULL. */
const YrsBranch *yrs_bank_lookup_branch   (const YrsBank *bank,
                                           const char    *code);

/* Banks or branches whose kana or name starts with `query`, then those
 * that contain it, at most `limit` (0: no limit), in code order within
 * each. The query may be hiragana or katakana, full- or half-width, with
 * small kana or not (きょうと finds キヨウト), with spaces; an empty query
 * finds nothing. Free the array with g_ptr_array_unref (it does not own
 * the elements). */
GPtrArray       *yrs_bank_search          (const char    *query,
                                           guint          limit);
GPtrArray       *yrs_bank_search_branches (const YrsBank *bank,
                                           const char    *query,
                                           guint          limit);

/* Where the table comes from, with its version and date, for the About
 * window. */
const char      *yrs_bank_get_source      (void);

G_END_DECLS
