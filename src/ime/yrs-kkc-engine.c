/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-kkc-engine.c: libkkc's decoder (trigram language model from
 * libkkc-data) for the segmentation and the best path, and SKK system
 * dictionaries for each segment's candidates. One engine per process,
 * loaded on first use in whichever worker thread asks first, used under a
 * lock. It holds only read-only data: no user dictionary, no cache of
 * what was converted. */

#define G_LOG_DOMAIN "yrs-ime"

#include "config.h"

#include <string.h>

#include <libkkc/libkkc.h>

#include "yrs-ime-private.h"

#define N_BEST 8
#define MAX_CANDIDATES 64

typedef struct
{
  const char *name;      /* SKK-JISYO.<name> */
  const char *encoding;
} DictSpec;

/* skkdic-extra and skkdic: personal names, place names, the large
 * general dictionary, and JIS X 0213 words (surnames such as 山﨑, 濵田). */
static const DictSpec dict_specs[] = {
  { "jinmei", "EUC-JP" },
  { "geo", "EUC-JP" },
  { "L", "EUC-JP" },
  { "JIS3_4", "EUC-JISX0213" },
};

enum { DICT_JINMEI, DICT_GEO, DICT_L, DICT_JIS3_4, N_DICTS };

/* The order the dictionaries are asked in, per hint. */
static const int dict_order[][N_DICTS] = {
  [YRS_CONVERTER_HINT_TEXT] = { DICT_L, DICT_JINMEI, DICT_GEO, DICT_JIS3_4 },
  [YRS_CONVERTER_HINT_NAME] = { DICT_JINMEI, DICT_L, DICT_JIS3_4, DICT_GEO },
  [YRS_CONVERTER_HINT_ADDRESS] = { DICT_GEO, DICT_L, DICT_JINMEI, DICT_JIS3_4 },
};

static GMutex engine_lock;
static gboolean engine_loaded;
static KkcLanguageModel *engine_model;
static KkcDecoder *engine_decoder;
static KkcSegmentDictionary *engine_dicts[N_DICTS];

static const char *
dict_dir (void)
{
  const char *dir = g_getenv ("YRS_SKK_DICT_DIR");

  return dir != NULL && *dir != '\0' ? dir : "/usr/share/skk";
}

/* YRS_IME_DICTIONARIES (for the measurements only): a comma-separated
 * subset of the names above; unset means all. */
static gboolean
dict_wanted (const char *name)
{
  const char *env = g_getenv ("YRS_IME_DICTIONARIES");
  g_auto(GStrv) names = NULL;

  if (env == NULL)
    return TRUE;
  names = g_strsplit (env, ",", -1);
  return g_strv_contains ((const char *const *) names, name);
}

/* Called with the lock held. */
static gboolean
engine_load (GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (engine_loaded)
    return TRUE;

  {
    static gsize initialised;

    if (g_once_init_enter (&initialised))
      {
        kkc_init ();
        g_once_init_leave (&initialised, 1);
      }
  }

  engine_model = kkc_language_model_load ("sorted3", &local_error);
  if (engine_model == NULL)
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_UNAVAILABLE,
                   "libkkc's language model (libkkc-data) could not be loaded: %s",
                   local_error != NULL ? local_error->message : "not found");
      return FALSE;
    }
  engine_decoder = kkc_decoder_create (engine_model);
  if (engine_decoder == NULL)
    {
      g_clear_object (&engine_model);
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_UNAVAILABLE,
                   "libkkc has no decoder for its language model");
      return FALSE;
    }

  for (guint i = 0; i < N_DICTS; i++)
    {
      g_autofree char *path = NULL;
      KkcSystemSegmentDictionary *dict;

      if (!dict_wanted (dict_specs[i].name))
        continue;
      path = g_strdup_printf ("%s/SKK-JISYO.%s", dict_dir (), dict_specs[i].name);
      dict = kkc_system_segment_dictionary_new (path, dict_specs[i].encoding, &local_error);
      if (dict == NULL)
        {
          /* A missing dictionary makes conversion poorer, not impossible. */
          g_message ("SKK dictionary %s not loaded: %s", path, local_error->message);
          g_clear_error (&local_error);
          continue;
        }
      engine_dicts[i] = KKC_SEGMENT_DICTIONARY (dict);
    }

  engine_loaded = TRUE;
  return TRUE;
}

gboolean
_yrs_kkc_engine_is_loaded (void)
{
  gboolean loaded;

  g_mutex_lock (&engine_lock);
  loaded = engine_loaded;
  g_mutex_unlock (&engine_lock);
  return loaded;
}

void
_yrs_kkc_engine_unload (void)
{
  g_mutex_lock (&engine_lock);
  for (guint i = 0; i < N_DICTS; i++)
    g_clear_object (&engine_dicts[i]);
  g_clear_object (&engine_decoder);
  g_clear_object (&engine_model);
  engine_loaded = FALSE;
  g_mutex_unlock (&engine_lock);
}

char *
_yrs_kkc_engine_describe (YrsConverterHint hint)
{
  GString *s = g_string_new ("libkkc sorted3");

  for (guint i = 0; i < N_DICTS; i++)
    {
      int d = dict_order[hint][i];

      if (dict_wanted (dict_specs[d].name))
        g_string_append_printf (s, " + SKK-JISYO.%s", dict_specs[d].name);
    }
  return g_string_free (s, FALSE);
}

static char *
to_katakana (const char *hiragana)
{
  GString *s = g_string_new (NULL);

  for (const char *p = hiragana; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x3041 && c <= 0x3096)
        c += 0x60;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static void
add_candidate (YrsImeSegment *segment,
               GHashTable    *seen,
               const char    *text)
{
  if (text == NULL || *text == '\0' || segment->candidates->len >= MAX_CANDIDATES)
    return;
  /* SKK entries written as Lisp expressions (concat …) need an evaluator
   * libkkc does not export; they are rare and never names. */
  if (text[0] == '(')
    return;
  if (g_hash_table_contains (seen, text))
    return;
  g_ptr_array_add (segment->candidates, g_strdup (text));
  g_hash_table_add (seen, segment->candidates->pdata[segment->candidates->len - 1]);
}

static gboolean
lookup (KkcSegmentDictionary *dict,
        const char           *midasi,
        YrsImeSegment        *segment,
        GHashTable           *seen)
{
  KkcCandidate **candidates = NULL;
  int n = 0;
  gboolean found;

  if (dict == NULL)
    return FALSE;
  found = kkc_segment_dictionary_lookup_candidates (dict, midasi, FALSE, &candidates, &n);
  for (int i = 0; i < n; i++)
    {
      if (segment != NULL)
        add_candidate (segment, seen, kkc_candidate_get_text (candidates[i]));
      g_object_unref (candidates[i]);
    }
  g_free (candidates);
  return found && n > 0;
}

/* Whether the whole reading is one word of the field's own dictionary
 * (a surname, a given name, a town): then it stays one segment, as a
 * person typing 「もとまちどおり」 into 住所 means 元町通, not 元町+通り. */
static gboolean
is_whole_word (const char       *reading,
               YrsConverterHint  hint)
{
  switch (hint)
    {
    case YRS_CONVERTER_HINT_NAME:
      return lookup (engine_dicts[DICT_JINMEI], reading, NULL, NULL);
    case YRS_CONVERTER_HINT_ADDRESS:
      return lookup (engine_dicts[DICT_GEO], reading, NULL, NULL);
    case YRS_CONVERTER_HINT_TEXT:
    default:
      return FALSE;
    }
}

static void
free_paths (KkcSegment **paths,
            int          n_paths)
{
  for (int i = 0; i < n_paths; i++)
    g_object_unref (paths[i]);
  g_free (paths);
}

GPtrArray *
_yrs_kkc_engine_convert (const char       *reading,
                         YrsConverterHint  hint,
                         const int        *constraints,
                         guint             n_constraints,
                         GError          **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GArray) ends = NULL;
  KkcSegment **paths;
  int n_paths = 0;
  int whole[1];
  glong length;

  g_return_val_if_fail (reading != NULL, NULL);
  g_return_val_if_fail (hint <= YRS_CONVERTER_HINT_ADDRESS, NULL);

  if (!g_utf8_validate (reading, -1, NULL))
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_INVALID, "The reading is not UTF-8");
      return NULL;
    }

  segments = g_ptr_array_new_with_free_func ((GDestroyNotify) _yrs_ime_segment_free);
  if (*reading == '\0')
    return g_steal_pointer (&segments);

  length = g_utf8_strlen (reading, -1);

  g_mutex_lock (&engine_lock);

  if (!engine_load (error))
    {
      g_mutex_unlock (&engine_lock);
      return NULL;
    }

  if (n_constraints == 0 && is_whole_word (reading, hint))
    {
      whole[0] = (int) length;
      constraints = whole;
      n_constraints = 1;
    }

  /* The best path gives the segments. */
  paths = kkc_decoder_decode (engine_decoder, reading, 1, (int *) constraints,
                              (int) n_constraints, &n_paths);
  ends = g_array_new (FALSE, FALSE, sizeof (int));
  if (n_paths > 0)
    {
      int offset = 0;

      for (KkcSegment *s = paths[0]; s != NULL; s = s->next)
        {
          YrsImeSegment *segment = _yrs_ime_segment_new (kkc_segment_get_input (s));

          offset += (int) g_utf8_strlen (segment->reading, -1);
          g_array_append_val (ends, offset);
          /* The decoder's pick is kept aside: it goes first below. */
          g_ptr_array_add (segment->candidates, g_strdup (kkc_segment_get_output (s)));
          g_ptr_array_add (segments, segment);
        }
    }
  free_paths (paths, n_paths);

  if (segments->len == 0)
    {
      g_ptr_array_add (segments, _yrs_ime_segment_new (reading));
      g_array_append_val (ends, length);
    }

  /* The n best paths with these boundaries fixed: their outputs are
   * further candidates for each segment. */
  paths = kkc_decoder_decode (engine_decoder, reading, N_BEST,
                              (int *) ends->data, (int) ends->len, &n_paths);

  for (guint i = 0; i < segments->len; i++)
    {
      YrsImeSegment *segment = g_ptr_array_index (segments, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      char *best;
      g_autofree char *katakana = NULL;

      best = g_ptr_array_steal_index (segment->candidates, 0);

      /* For a name or an address the field's dictionary comes before the
       * language model, which knows 雛 better than 陽菜; for other text
       * the model's pick in context comes first. */
      if (hint == YRS_CONVERTER_HINT_TEXT)
        add_candidate (segment, seen, best);
      lookup (engine_dicts[dict_order[hint][0]], segment->reading, segment, seen);
      if (hint != YRS_CONVERTER_HINT_TEXT)
        add_candidate (segment, seen, best);
      for (guint d = 1; d < N_DICTS; d++)
        lookup (engine_dicts[dict_order[hint][d]], segment->reading, segment, seen);

      for (int p = 0; p < n_paths; p++)
        {
          guint index = 0;

          for (KkcSegment *s = paths[p]; s != NULL; s = s->next, index++)
            if (index == i && g_strcmp0 (kkc_segment_get_input (s), segment->reading) == 0)
              add_candidate (segment, seen, kkc_segment_get_output (s));
        }

      /* For a name, the old and variant forms of the best candidate next
       * to it (高橋, 髙橋): the registered name may use either. */
      if (hint == YRS_CONVERTER_HINT_NAME)
        _yrs_ime_insert_variants (segment->candidates, 1);

      katakana = to_katakana (segment->reading);
      add_candidate (segment, seen, segment->reading);
      add_candidate (segment, seen, katakana);
      /* Always the two kana forms, even when MAX_CANDIDATES was reached. */
      if (!g_hash_table_contains (seen, segment->reading))
        g_ptr_array_add (segment->candidates, g_strdup (segment->reading));
      if (!g_hash_table_contains (seen, katakana))
        g_ptr_array_add (segment->candidates, g_strdup (katakana));
      _yrs_ime_wipe_string (best);
    }
  free_paths (paths, n_paths);

  g_mutex_unlock (&engine_lock);

  return g_steal_pointer (&segments);
}
