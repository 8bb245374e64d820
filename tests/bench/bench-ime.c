/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-ime: the kiosk's conversion and handwriting (issue 21).
 *
 * - cold start: the first conversion (libkkc, its model and the SKK
 *   dictionaries load then) and the first recognition (zinnia's model),
 *   with the process's resident memory before and after each;
 * - a tap: every reading of tests/ime/names.tsv typed one kana at a time,
 *   each prefix sent with yrs_converter_convert_async() and timed until
 *   its callback runs on the main loop (what the keypad will wait for;
 *   target p95 <= 50 ms), against the engine called directly in the same
 *   run (the cost of the worker thread and the main loop hop);
 * - a segment boundary moved, and a handwriting request after every
 *   stroke of the 34 characters in tests/ime/strokes/.
 *
 *   bench-ime [--rounds N]
 *
 * Prints bench<TAB>measure<TAB>value<TAB>unit<TAB>target lines; run the
 * program fresh (the cold start is only cold once per process). */

#define G_LOG_DOMAIN "bench-ime"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yrs-ime-private.h"

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

/* This thread's CPU time in ms: the cost of a request whatever else the
 * shared machine is doing. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i;

  g_array_sort (values, compare_double);
  i = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, i);
}

static GPtrArray *
load_readings (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "tests", "ime", "names.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *readings = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      tab = strchr (lines[i], '\t');
      g_ptr_array_add (readings, g_strndup (lines[i], tab - lines[i]));
    }
  return readings;
}

static GPtrArray *
load_strokes (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("cannot read %s", path);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) points = NULL;
      GArray *stroke;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      stroke = g_array_new (FALSE, FALSE, sizeof (YrsHandwritingPoint));
      points = g_strsplit (lines[i], " ", -1);
      for (guint p = 0; points[p] != NULL; p++)
        {
          YrsHandwritingPoint pt;
          char *end;

          pt.x = (float) g_ascii_strtod (points[p], &end);
          pt.y = (float) g_ascii_strtod (end + 1, NULL);
          g_array_append_val (stroke, pt);
        }
      g_ptr_array_add (strokes, stroke);
    }
  return strokes;
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
} Wait;

static void
convert_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->ok = yrs_converter_convert_finish (YRS_CONVERTER (source), result, &error);
  if (!wait->ok)
    g_error ("conversion failed: %s", error->message);
  g_main_loop_quit (wait->loop);
}

static void
recognize_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) chars = NULL;

  chars = yrs_handwriting_recognize_finish (YRS_HANDWRITING (source), result, &error);
  if (chars == NULL)
    g_error ("recognition failed: %s", error->message);
  wait->ok = TRUE;
  g_main_loop_quit (wait->loop);
}

/* One async conversion, waited for on the main loop, in ms. */
static double
tap (YrsConverter *converter,
     GMainLoop    *loop,
     const char   *reading)
{
  Wait wait = { loop, FALSE };
  gint64 t0 = g_get_monotonic_time ();

  yrs_converter_convert_async (converter, reading, NULL, convert_done, &wait);
  g_main_loop_run (loop);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static YrsConverterHint
hint_for (guint index)
{
  /* Alternate, as a form alternates 氏名 and 住所. */
  return index % 2 == 0 ? YRS_CONVERTER_HINT_NAME : YRS_CONVERTER_HINT_ADDRESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) readings = NULL;
  g_autoptr(YrsConverter) converter = NULL;
  g_autoptr(YrsHandwriting) pad = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GArray) tap_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hw_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) resize_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *strokes_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int rounds = 3;
  double rss0, rss1, rss2, cold_ms, hw_cold_ms, tap_p95;
  gint64 t0;

  setlocale (LC_ALL, "C.UTF-8");

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < argc)
        rounds = atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-ime [--rounds N]\n");
          return 2;
        }
    }
  if (g_getenv ("YRS_SOURCE_ROOT") == NULL)
    {
      fprintf (stderr, "YRS_SOURCE_ROOT is not set (run it with meson test --benchmark)\n");
      return 77;
    }

  readings = load_readings ();
  converter = yrs_converter_new (YRS_CONVERTER_HINT_NAME);

  /* Cold start: the first tap of the process. */
  rss0 = rss_mib ();
  if (_yrs_kkc_engine_is_loaded ())
    g_error ("the engine loaded before its first use");
  cold_ms = tap (converter, loop, "さ");
  rss1 = rss_mib ();
  printf ("ime\tfirst conversion (libkkc, model and 4 SKK dictionaries load)\t%.0f\tms\t-\n", cold_ms);
  printf ("ime\tresident memory before the first conversion\t%.1f\tMiB\t-\n", rss0);
  printf ("ime\tresident memory added by the conversion engine\t%.1f\tMiB\t-\n", rss1 - rss0);

  /* Taps: every prefix of every reading, as typed. */
  for (int r = 0; r < rounds; r++)
    for (guint i = 0; i < readings->len; i++)
      {
        const char *reading = g_ptr_array_index (readings, i);

        yrs_converter_set_hint (converter, hint_for (i));
        for (const char *p = g_utf8_next_char (reading);; p = g_utf8_next_char (p))
          {
            g_autofree char *prefix = g_strndup (reading, p - reading);
            double ms = tap (converter, loop, prefix);
            g_autoptr(GPtrArray) segments = NULL;

            g_array_append_val (tap_ms, ms);

            /* The baseline: the engine called on this thread. */
            {
              double c0 = cpu_ms ();

              t0 = g_get_monotonic_time ();
              segments = _yrs_kkc_engine_convert (prefix, hint_for (i), NULL, 0, NULL);
              ms = (g_get_monotonic_time () - t0) / 1000.0;
              g_array_append_val (raw_ms, ms);
              ms = cpu_ms () - c0;
              g_array_append_val (raw_cpu_ms, ms);
            }

            if (*p == '\0')
              break;
          }

        /* Then the first boundary one shorter, when it can be. */
        if (g_utf8_strlen (yrs_converter_get_segment_reading (converter, 0), -1) > 1)
          {
            Wait wait = { loop, FALSE };
            double ms;

            t0 = g_get_monotonic_time ();
            yrs_converter_resize_segment_async (converter, 0, -1, NULL, convert_done, &wait);
            g_main_loop_run (loop);
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            g_array_append_val (resize_ms, ms);
          }
      }

  tap_p95 = percentile (tap_ms, 0.95);
  printf ("ime\ta tap: reading -> candidates on the main loop, median of %u\t%.2f\tms\t-\n",
          tap_ms->len, percentile (tap_ms, 0.5));
  printf ("ime\ta tap, p95\t%.2f\tms\t<= 50\n", tap_p95);
  printf ("ime\ta tap, max\t%.2f\tms\t-\n", percentile (tap_ms, 1.0));
  printf ("ime\tengine alone (same thread), median\t%.2f\tms\t-\n", percentile (raw_ms, 0.5));
  printf ("ime\tengine alone, p95\t%.2f\tms\t-\n", percentile (raw_ms, 0.95));
  printf ("ime\tengine alone, CPU time, median\t%.2f\tms\t-\n", percentile (raw_cpu_ms, 0.5));
  printf ("ime\tengine alone, CPU time, p95\t%.2f\tms\t-\n", percentile (raw_cpu_ms, 0.95));
  printf ("ime\ttap / engine alone, ratio of medians\t%.2f\t×\t-\n",
          percentile (tap_ms, 0.5) / percentile (raw_ms, 0.5));
  printf ("ime\tsegment boundary moved, median of %u\t%.2f\tms\t-\n",
          resize_ms->len, percentile (resize_ms, 0.5));
  printf ("ime\tsegment boundary moved, p95\t%.2f\tms\t<= 50\n", percentile (resize_ms, 0.95));

  /* Handwriting: cold, then candidates after every stroke. */
  pad = yrs_handwriting_new (300, 300);
  strokes_dir = g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "tests", "ime", "strokes", NULL);
  dir = g_dir_open (strokes_dir, 0, NULL);
  if (dir == NULL)
    g_error ("no %s", strokes_dir);
  hw_cold_ms = -1;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (strokes_dir, name, NULL);
      g_autoptr(GPtrArray) strokes = NULL;

      if (!g_str_has_suffix (name, ".strokes"))
        continue;
      strokes = load_strokes (path);
      for (int r = 0; r < rounds; r++)
        {
          yrs_handwriting_clear (pad);
          for (guint s = 0; s < strokes->len; s++)
            {
              GArray *stroke = g_ptr_array_index (strokes, s);
              Wait wait = { loop, FALSE };
              double ms;

              yrs_handwriting_begin_stroke (pad);
              for (guint p = 0; p < stroke->len; p++)
                {
                  YrsHandwritingPoint *pt = &g_array_index (stroke, YrsHandwritingPoint, p);

                  yrs_handwriting_add_point (pad, pt->x, pt->y);
                }
              if (hw_cold_ms < 0)
                rss1 = rss_mib ();
              t0 = g_get_monotonic_time ();
              yrs_handwriting_recognize_async (pad, 10, NULL, recognize_done, &wait);
              g_main_loop_run (loop);
              ms = (g_get_monotonic_time () - t0) / 1000.0;
              if (hw_cold_ms < 0)
                {
                  hw_cold_ms = ms;
                  rss2 = rss_mib ();
                  printf ("ime\tfirst recognition (zinnia's model loads)\t%.0f\tms\t-\n", hw_cold_ms);
                  printf ("ime\tresident memory added by the handwriting model\t%.1f\tMiB\t-\n",
                          rss2 - rss1);
                }
              else
                g_array_append_val (hw_ms, ms);
            }

          /* The baseline: the engine on this thread, the whole character. */
          {
            double c0 = cpu_ms ();
            g_auto(GStrv) chars = _yrs_zinnia_engine_recognize (strokes, 300, 300, 10, NULL);
            double ms = cpu_ms () - c0;

            g_array_append_val (hw_cpu_ms, ms);
          }
        }
    }

  printf ("ime\thandwriting: strokes -> 10 candidates, median of %u\t%.2f\tms\t-\n",
          hw_ms->len, percentile (hw_ms, 0.5));
  printf ("ime\thandwriting, p95\t%.2f\tms\t<= 50\n", percentile (hw_ms, 0.95));
  printf ("ime\thandwriting engine alone, CPU time, median\t%.2f\tms\t-\n", percentile (hw_cpu_ms, 0.5));
  printf ("ime\thandwriting engine alone, CPU time, p95\t%.2f\tms\t-\n", percentile (hw_cpu_ms, 0.95));
  printf ("ime\tresident memory with both engines loaded\t%.1f\tMiB\t-\n", rss_mib ());
  t0 = g_get_monotonic_time ();
  yrs_ime_unload ();
  printf ("ime\tyrs_ime_unload()\t%.1f\tms\t-\n", (g_get_monotonic_time () - t0) / 1000.0);
  printf ("ime\tresident memory after yrs_ime_unload()\t%.1f\tMiB\t-\n", rss_mib ());
  cold_ms = tap (converter, loop, "さ");
  printf ("ime\tfirst conversion after unload\t%.0f\tms\t-\n", cold_ms);

  return 0;
}
