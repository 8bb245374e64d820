/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-keypad: a tap on the kiosk's keypad -> its candidates on screen
 * (issue 21), measured end to end in the widget: every reading of
 * tests/ime/names.tsv typed one kana at a time on a YrsKanaKeypad in
 * conversion mode (the "kana.type" action a key's tap runs), timed until
 * the conversion row shows the candidates of that very reading
 * ("candidates-changed"), and until the window's next frame is painted.
 * The first tap (the engine loads) is reported apart. Target: p95 <= 50
 * ms. Run under Xvfb (tests/bench/run-all.sh does). */

#define G_LOG_DOMAIN "bench-keypad"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "yrs-i18n.h"
#include "yrs-ime.h"
#include "yrs-kana-keypad.h"

typedef struct
{
  YrsKanaKeypad *keypad;
  gboolean       shown;
  gboolean       painted;
  gint64         shown_at;
  gint64         painted_at;
  double         shown_cpu;
  double         painted_cpu;
} Tap;

/* The main thread's CPU time in ms: what the widget itself costs, whatever
 * else the shared machine is doing (the worker thread's conversion is
 * bench-ime's). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
showing (YrsKanaKeypad *keypad)
{
  YrsConverter *converter = yrs_kana_keypad_get_converter (keypad);

  return converter != NULL &&
         g_strcmp0 (yrs_converter_get_reading (converter), yrs_kana_keypad_get_reading (keypad)) == 0 &&
         yrs_converter_get_n_segments (converter) > 0;
}

static void
on_candidates (YrsKanaKeypad *keypad,
               Tap           *tap)
{
  if (!tap->shown && showing (keypad))
    {
      tap->shown = TRUE;
      tap->shown_at = g_get_monotonic_time ();
      tap->shown_cpu = cpu_ms ();
    }
}

static void
on_after_paint (GdkFrameClock *clock,
                Tap           *tap)
{
  if (tap->shown && !tap->painted)
    {
      tap->painted = TRUE;
      tap->painted_at = g_get_monotonic_time ();
      tap->painted_cpu = cpu_ms ();
    }
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
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static GPtrArray *
load_readings (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "tests", "ime", "names.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *readings = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("cannot read %s", path);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab;

      if (lines[i][0] == '#' || lines[i][0] == '\0' || (tab = strchr (lines[i], '\t')) == NULL)
        continue;
      g_ptr_array_add (readings, g_strndup (lines[i], tab - lines[i]));
    }
  return readings;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) readings = NULL;
  g_autoptr(GArray) shown_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWindow *window;
  GtkWidget *box, *entry, *keypad;
  GdkFrameClock *clock;
  Tap tap = { 0 };
  double first_ms = -1;

  if (!gtk_init_check ())
    {
      g_printerr ("no display: run under xvfb-run\n");
      return 77;
    }
  adw_init ();
  yrs_i18n_init ();
  readings = load_readings ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_entry_new ();
  keypad = yrs_kana_keypad_new ();
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  gtk_window_set_child (window, box);
  yrs_kana_keypad_set_editable (YRS_KANA_KEYPAD (keypad), GTK_EDITABLE (entry));
  yrs_kana_keypad_set_mode (YRS_KANA_KEYPAD (keypad), YRS_KANA_KEYPAD_MODE_CONVERSION);
  tap.keypad = YRS_KANA_KEYPAD (keypad);
  g_signal_connect (keypad, "candidates-changed", G_CALLBACK (on_candidates), &tap);
  gtk_window_present (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &tap);

  for (guint r = 0; r < readings->len; r++)
    {
      const char *reading = g_ptr_array_index (readings, r);

      yrs_kana_keypad_set_hint (YRS_KANA_KEYPAD (keypad),
                                r % 2 == 0 ? YRS_CONVERTER_HINT_NAME : YRS_CONVERTER_HINT_ADDRESS);
      for (const char *p = reading; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          char key[8] = { 0 };
          gint64 t0, until;
          double c0;

          /* The key shows hiragana, types as its katakana target. */
          if (c >= 0x3041 && c <= 0x3096)
            c += 0x60;
          else if (c != 0x30FC)
            continue;
          g_unichar_to_utf8 (c, key);

          tap.shown = tap.painted = FALSE;
          t0 = g_get_monotonic_time ();
          c0 = cpu_ms ();
          gtk_widget_activate_action (keypad, "kana.type", "s", key);
          until = t0 + 30 * G_USEC_PER_SEC;
          while (!tap.painted && g_get_monotonic_time () < until)
            {
              if (tap.shown)
                gtk_widget_queue_draw (GTK_WIDGET (window));
              g_main_context_iteration (NULL, TRUE);
            }
          if (!tap.painted)
            g_error ("no candidates for %s", yrs_kana_keypad_get_reading (YRS_KANA_KEYPAD (keypad)));
          if (first_ms < 0)
            {
              first_ms = (tap.shown_at - t0) / 1000.0;
              continue;
            }
          {
            double s = (tap.shown_at - t0) / 1000.0, d = (tap.painted_at - t0) / 1000.0;

            g_array_append_val (shown_ms, s);
            g_array_append_val (painted_ms, d);
            s = tap.shown_cpu - c0;
            d = tap.painted_cpu - c0;
            g_array_append_val (shown_cpu, s);
            g_array_append_val (painted_cpu, d);
          }
        }
      gtk_widget_activate_action (keypad, "kana.clear", NULL);
    }

  printf ("keypad\tfirst tap (the engine loads), to candidates shown\t%.1f\tms\t-\n", first_ms);
  printf ("# %u taps on the keypad, conversion mode, names.tsv\n", shown_ms->len);
  printf ("keypad\ta tap -> candidates shown, median\t%.2f\tms\t-\n", percentile (shown_ms, 0.5));
  printf ("keypad\ta tap -> candidates shown, p95\t%.2f\tms\t<= 50\n", percentile (shown_ms, 0.95));
  printf ("keypad\ta tap -> frame painted, median\t%.2f\tms\t-\n", percentile (painted_ms, 0.5));
  printf ("keypad\ta tap -> frame painted, p95\t%.2f\tms\t<= 50\n", percentile (painted_ms, 0.95));
  printf ("keypad\ta tap -> frame painted, max\t%.2f\tms\t-\n", percentile (painted_ms, 1.0));
  printf ("keypad\tmain thread CPU, tap -> candidates shown, median\t%.2f\tms\t-\n", percentile (shown_cpu, 0.5));
  printf ("keypad\tmain thread CPU, tap -> candidates shown, p95\t%.2f\tms\t-\n", percentile (shown_cpu, 0.95));
  printf ("keypad\tmain thread CPU, tap -> frame painted, median\t%.2f\tms\t-\n", percentile (painted_cpu, 0.5));
  printf ("keypad\tmain thread CPU, tap -> frame painted, p95\t%.2f\tms\t-\n", percentile (painted_cpu, 0.95));
  {
    double load[3] = { 0 };

    if (getloadavg (load, 3) > 0)
      printf ("# load average at the end: %.1f (2 cores)\n", load[0]);
  }

  gtk_window_destroy (window);
  yrs_ime_unload ();
  return 0;
}
