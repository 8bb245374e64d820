/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-postcode.h: the city's postcodes with their wards and towns, from
 * Debian's SKK-JISYO.zipcode (public domain), generated at build time by
 * tools/gen-postcodes.py and compiled in. Pure GLib; the table loads on
 * first use. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One place a postcode stands for. The strings belong to the table. */
typedef struct
{
  const char *ward;   /* "中央区"; "" for a city without wards */
  const char *town;   /* "加納町"; "" when the code names a whole ward */
} YrsPostcodePlace;

/* The places of a postcode of the city, in the table's order. The code
 * may be written as people write it ("650-0001", full-width digits, a
 * leading 〒); anything that is not 7 digits, or a code of another city,
 * gives 0 places and NULL. The array belongs to the table. */
const YrsPostcodePlace *yrs_postcode_lookup     (const char *code,
                                                 guint      *n_places);
/* Which city the table holds ("兵庫県神戸市") and where it comes from,
 * with its date ("SKK-JISYO.zipcode, Time-stamp: <04 May 2022>"), for the
 * About window. */
const char             *yrs_postcode_get_city   (void);
const char             *yrs_postcode_get_source (void);

G_END_DECLS
