/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-ime"

#include "config.h"

#include <string.h>

#include "yrs-ime-private.h"

G_DEFINE_QUARK (yrs-ime-error-quark, yrs_ime_error)

gboolean
yrs_ime_converter_loaded (void)
{
  return _yrs_kkc_engine_is_loaded ();
}

gboolean
yrs_ime_handwriting_loaded (void)
{
  return _yrs_zinnia_engine_is_loaded ();
}

/* Loads both engines now, in the calling thread, as the first tap and
 * the first stroke would: for the start-up benchmark's "engines loaded
 * at start" (YRS_BENCH_IME_PRELOAD), against the lazy start the kiosk
 * has. Not used by the app otherwise. */
void
yrs_ime_preload (void)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) stroke = g_array_new (FALSE, FALSE, sizeof (YrsHandwritingPoint));
  g_auto(GStrv) chars = NULL;

  segments = _yrs_kkc_engine_convert ("あ", YRS_CONVERTER_HINT_TEXT, NULL, 0, NULL);
  for (int i = 0; i < 10; i++)
    {
      YrsHandwritingPoint p = { 50 + i * 20, 150 };

      g_array_append_val (stroke, p);
    }
  g_ptr_array_add (strokes, g_steal_pointer (&stroke));
  chars = _yrs_zinnia_engine_recognize (strokes, 300, 300, 1, NULL);
}

void
yrs_ime_unload (void)
{
  _yrs_kkc_engine_unload ();
  _yrs_zinnia_engine_unload ();
}

/* The old (旧字体) and variant (異体字) forms people's names are
 * registered with, for the everyday character a dictionary or the
 * handwriting model gives. Kept short and common: a kiosk should offer
 * 髙橋 next to 高橋, not every rare glyph. 髙 and 𠮷 (and 﨑, 濵 in
 * handwriting) are in no Debian 12 dictionary or model. Only characters
 * that stay themselves under NFC (no compatibility ideographs other than
 * the unified 﨑 and 塚). */
static const struct
{
  const char *base;
  const char *variants[3];
} name_variants[] = {
  { "高", { "髙" } },
  { "崎", { "﨑", "嵜" } },
  { "吉", { "𠮷" } },
  { "辺", { "邊", "邉" } },
  { "斎", { "齋" } },
  { "斉", { "齊" } },
  { "浜", { "濱", "濵" } },
  { "沢", { "澤" } },
  { "島", { "嶋", "嶌" } },
  { "桜", { "櫻" } },
  { "広", { "廣" } },
  { "国", { "國" } },
  { "徳", { "德" } },
  { "富", { "冨" } },
  { "恵", { "惠" } },
  { "真", { "眞" } },
  { "竜", { "龍" } },
  { "関", { "關" } },
  { "黒", { "黑" } },
  { "瀬", { "瀨" } },
  { "塚", { "塚" } },
};

static int
find_variant (const char *p,
              gsize      *len)
{
  for (guint i = 0; i < G_N_ELEMENTS (name_variants); i++)
    {
      gsize l = strlen (name_variants[i].base);

      if (strncmp (p, name_variants[i].base, l) == 0)
        {
          *len = l;
          return (int) i;
        }
    }
  return -1;
}

static void
add_unique (GPtrArray  *array,
            const char *text,
            const char *original)
{
  if (g_str_equal (text, original))
    return;
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return;
  g_ptr_array_add (array, g_strdup (text));
}

GPtrArray *
_yrs_ime_name_variants (const char *text)
{
  GPtrArray *variants = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) all = g_string_new (NULL);
  guint n_positions = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len;
      int v = find_variant (p, &len);

      if (v < 0)
        {
          g_string_append_len (all, p, g_utf8_next_char (p) - p);
          continue;
        }
      n_positions++;
      g_string_append (all, name_variants[v].variants[0]);
      for (guint k = 0; k < G_N_ELEMENTS (name_variants[v].variants) && name_variants[v].variants[k] != NULL; k++)
        {
          g_autoptr(GString) one = g_string_new_len (text, p - text);

          g_string_append (one, name_variants[v].variants[k]);
          g_string_append (one, p + len);
          add_unique (variants, one->str, text);
        }
    }
  if (n_positions > 1)
    add_unique (variants, all->str, text);
  return variants;
}

void
_yrs_ime_insert_variants (GPtrArray *strings,
                          guint      n_bases)
{
  guint i = 0;

  for (guint done = 0; done < n_bases && i < strings->len; done++)
    {
      g_autoptr(GPtrArray) variants = _yrs_ime_name_variants (g_ptr_array_index (strings, i));
      guint at = i + 1;

      for (guint v = 0; v < variants->len; v++)
        {
          const char *variant = g_ptr_array_index (variants, v);
          guint found;

          /* Already in the list: moved up, not repeated. */
          if (g_ptr_array_find_with_equal_func (strings, variant, g_str_equal, &found))
            {
              if (found < at)
                continue;
              g_ptr_array_insert (strings, at, g_ptr_array_steal_index (strings, found));
            }
          else
            g_ptr_array_insert (strings, at, g_strdup (variant));
          at++;
        }
      i = at;
    }
}
