/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-family-match.c: see yrs-family-match.h. */

#include "config.h"

#include <string.h>

#include "yrs-family-match.h"

char *
yrs_family_match_kana (const char *kana)
{
  g_autofree char *nfkc = kana != NULL ? g_utf8_normalize (kana, -1, G_NORMALIZE_NFKC) : NULL;
  GString *out;

  if (nfkc == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        continue;
      /* ァ…ヶ and ヽヾ: the hiragana 0x60 below. */
      if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE)
        c -= 0x60;
      g_string_append_unichar (out, c);
    }
  explicit_bzero (nfkc, strlen (nfkc));
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
yrs_family_match_text (const char *kana,
                       const char *birth_date)
{
  g_autofree char *normal = yrs_family_match_kana (kana);
  char *text;

  if (normal == NULL || birth_date == NULL || *birth_date == '\0')
    return NULL;
  text = g_strconcat (normal, "\n", birth_date, NULL);
  explicit_bzero (normal, strlen (normal));
  return text;
}
