/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare-anthy: anthy on tests/ime/names.tsv, by the same rule as
 * test-converter (a hit: the text made from the first 5 candidates of
 * each segment, no boundary moved), and its time per conversion. Built
 * only where libanthy-dev is installed; the app does not use anthy (see
 * README.md, "Writing a name on the kiosk").
 *
 *   compare-anthy [names.tsv]
 *
 * Prints bench<TAB>measure<TAB>value<TAB>unit<TAB>target lines. */

#define G_LOG_DOMAIN "compare-anthy"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <anthy/anthy.h>
#include <glib.h>

#define TOP_N 5

static gboolean
can_make (anthy_context_t  ac,
          int              segment,
          int              n_segments,
          const char      *expected,
          int              top)
{
  struct anthy_segment_stat ss;

  if (segment == n_segments)
    return *expected == '\0';
  anthy_get_segment_stat (ac, segment, &ss);
  for (int c = 0; c < MIN (ss.nr_candidate, top); c++)
    {
      char buf[256];
      int len = anthy_get_segment (ac, segment, c, buf, sizeof buf);

      if (len > 0 && strncmp (expected, buf, len) == 0 &&
          can_make (ac, segment + 1, n_segments, expected + len, top))
        return TRUE;
    }
  return FALSE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *default_path = NULL;
  const char *path;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *home = NULL;
  anthy_context_t ac;
  guint rows = 0, top5 = 0, top1 = 0;
  gint64 t0;
  double init_ms;

  setlocale (LC_ALL, "C.UTF-8");

  default_path = g_build_filename (g_getenv ("YRS_SOURCE_ROOT") ? g_getenv ("YRS_SOURCE_ROOT") : ".",
                                   "tests", "ime", "names.tsv", NULL);
  path = argc > 1 ? argv[1] : default_path;
  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* anthy keeps a learning record under $HOME/.anthy: keep it out of the
   * real home. */
  home = g_dir_make_tmp ("compare-anthy-XXXXXX", NULL);
  g_setenv ("HOME", home, TRUE);

  t0 = g_get_monotonic_time ();
  if (anthy_init () != 0)
    {
      fprintf (stderr, "anthy_init failed\n");
      return 77;
    }
  ac = anthy_create_context ();
  anthy_context_set_encoding (ac, ANTHY_UTF8_ENCODING);
  init_ms = (g_get_monotonic_time () - t0) / 1000.0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      struct anthy_conv_stat cs;
      gboolean hit1, hit5;
      double elapsed;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      rows++;

      t0 = g_get_monotonic_time ();
      anthy_set_string (ac, f[0]);
      anthy_get_stat (ac, &cs);
      elapsed = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (ms, elapsed);

      hit1 = can_make (ac, 0, cs.nr_segment, f[1], 1);
      hit5 = can_make (ac, 0, cs.nr_segment, f[1], TOP_N);
      top1 += hit1;
      top5 += hit5;
      if (!hit5)
        fprintf (stderr, "miss: %s -> %s (%s)\n", f[0], f[1], f[2]);
    }

  anthy_release_context (ac);
  anthy_quit ();

  g_array_sort (ms, compare_double);
  printf ("ime-anthy\tnames table, in the first 5 (anthy 0.4)\t%u/%u (%.1f %%)\thits\t-\n",
          top5, rows, 100.0 * top5 / rows);
  printf ("ime-anthy\tnames table, first candidate (anthy 0.4)\t%u/%u (%.1f %%)\thits\t-\n",
          top1, rows, 100.0 * top1 / rows);
  printf ("ime-anthy\tanthy_init + context (cold)\t%.1f\tms\t-\n", init_ms);
  printf ("ime-anthy\tconversion of one reading, median\t%.2f\tms\t-\n",
          g_array_index (ms, double, ms->len / 2));
  printf ("ime-anthy\tconversion of one reading, p95\t%.2f\tms\t-\n",
          g_array_index (ms, double, (guint) (ms->len * 0.95)));
  return 0;
}
