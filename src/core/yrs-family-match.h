/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-family-match.h: when two submissions are one family (issue 17's
 * follow-up, "one family, one case"): the mother's kana and her birth
 * date, both equal; nothing else (a name or a phone alone never). The
 * kana is compared normalised: NFKC (half-width katakana and full-width
 * Latin become their usual forms), katakana as hiragana, no spaces of any
 * width. Pure GLib; the server keys a hash of the text (yrs-server-visit.c). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kana as compared, or NULL when nothing is left of it. */
char *yrs_family_match_kana (const char *kana);

/* "KANA\nBIRTH-DATE" with the kana normalised, or NULL when either is
 * missing (such a family never merges). Wipe it after use. */
char *yrs_family_match_text (const char *kana,
                             const char *birth_date);

G_END_DECLS
