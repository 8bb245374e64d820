/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-zinnia-engine.c: zinnia with tegaki-zinnia-japanese's model (26 MB,
 * mapped read-only by zinnia), one recogniser per process, loaded on the
 * first request in the worker thread that makes it, used under a lock. */

#define G_LOG_DOMAIN "yrs-ime"

#include "config.h"

#include <zinnia.h>

#include "yrs-ime-private.h"

#define DEFAULT_MODEL "/usr/share/tegaki/models/zinnia/handwriting-ja.model"

static GMutex engine_lock;
static zinnia_recognizer_t *engine_recognizer;

static gboolean
engine_load (GError **error)
{
  const char *path = g_getenv ("YRS_ZINNIA_MODEL");

  if (engine_recognizer != NULL)
    return TRUE;
  if (path == NULL || *path == '\0')
    path = DEFAULT_MODEL;

  engine_recognizer = zinnia_recognizer_new ();
  if (!zinnia_recognizer_open (engine_recognizer, path))
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_UNAVAILABLE,
                   "The handwriting model %s (tegaki-zinnia-japanese) could not be loaded: %s",
                   path, zinnia_recognizer_strerror (engine_recognizer));
      zinnia_recognizer_destroy (engine_recognizer);
      engine_recognizer = NULL;
      return FALSE;
    }
  return TRUE;
}

gboolean
_yrs_zinnia_engine_is_loaded (void)
{
  gboolean loaded;

  g_mutex_lock (&engine_lock);
  loaded = engine_recognizer != NULL;
  g_mutex_unlock (&engine_lock);
  return loaded;
}

void
_yrs_zinnia_engine_unload (void)
{
  g_mutex_lock (&engine_lock);
  if (engine_recognizer != NULL)
    {
      zinnia_recognizer_close (engine_recognizer);
      zinnia_recognizer_destroy (engine_recognizer);
      engine_recognizer = NULL;
    }
  g_mutex_unlock (&engine_lock);
}

char **
_yrs_zinnia_engine_recognize (GPtrArray  *strokes,
                              double      width,
                              double      height,
                              guint       n,
                              GError    **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  zinnia_character_t *character;
  zinnia_result_t *result;
  gsize n_points = 0;

  g_return_val_if_fail (strokes != NULL, NULL);

  for (guint s = 0; s < strokes->len; s++)
    n_points += ((GArray *) g_ptr_array_index (strokes, s))->len;
  if (n_points == 0 || width < 1 || height < 1)
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_INVALID, "Nothing has been written");
      return NULL;
    }

  g_mutex_lock (&engine_lock);
  if (!engine_load (error))
    {
      g_mutex_unlock (&engine_lock);
      return NULL;
    }

  character = zinnia_character_new ();
  zinnia_character_set_width (character, (size_t) width);
  zinnia_character_set_height (character, (size_t) height);
  for (guint s = 0, id = 0; s < strokes->len; s++)
    {
      GArray *points = g_ptr_array_index (strokes, s);

      if (points->len == 0)
        continue;
      for (guint p = 0; p < points->len; p++)
        {
          const YrsHandwritingPoint *pt = &g_array_index (points, YrsHandwritingPoint, p);

          zinnia_character_add (character, id, (int) (pt->x + 0.5f), (int) (pt->y + 0.5f));
        }
      id++;
    }

  result = zinnia_recognizer_classify (engine_recognizer, character, n);
  builder = g_strv_builder_new ();
  if (result != NULL)
    {
      for (size_t i = 0; i < zinnia_result_size (result); i++)
        g_strv_builder_add (builder, zinnia_result_value (result, i));
      zinnia_result_destroy (result);
    }
  zinnia_character_destroy (character);
  g_mutex_unlock (&engine_lock);

  {
    g_autoptr(GPtrArray) chars = NULL;
    char **recognised = g_strv_builder_end (builder);

    /* Each character followed by the forms names use that the model does
     * not know (高 -> 髙, 崎 -> 﨑, 吉 -> 𠮷, 浜 -> 濵). */
    chars = g_ptr_array_new_null_terminated (n * 2, g_free, TRUE);
    for (guint i = 0; recognised[i] != NULL; i++)
      g_ptr_array_add (chars, recognised[i]);
    g_free (recognised);
    _yrs_ime_insert_variants (chars, chars->len);
    return (char **) g_ptr_array_free (g_steal_pointer (&chars), FALSE);
  }
}
