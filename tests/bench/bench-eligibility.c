/* SPDX-License-Identifier: GPL-3.0-or-later */

/* bench-eligibility: evaluates the whole bundled catalogue for 100,000
 * generated households (each with its own as-of date between 2022 and
 * 2026, so every dated step is crossed) and prints the median and the
 * 99th percentile of the time per household, evaluation and release of
 * its results included. Target: median <= 20 µs.
 *
 *   bench-eligibility [N]     (default 100000) */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "yrs-eligibility.h"

static clockid_t clock_id = CLOCK_MONOTONIC;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (clock_id, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A household as the wizard would leave it: every check question that
 * matters answered, and for about a third a facility and kind chosen. */
static YrsAnswers *
household (GRand  *rand,
           YrsDate as_of)
{
  static const char *statuses[] = { "pregnant", "pregnant", "born", "born", "born", "loss", "none" };
  static const char *kinds[] = { "stay", "day", "visit" };
  static const char *facilities[] = {
    "fac-higashinada-medical-1", "fac-nada-josanjo-1", "fac-chuo-josanjo-1",
    "fac-chuo-medical-1", "fac-hyogo-josanjo-1", "fac-kita-josanjo-1",
    "fac-nagata-medical-1", "fac-suma-josanjo-1", "fac-tarumi-medical-1",
    "fac-nishi-josanjo-1", "fac-nishi-medical-1",
  };
  YrsAnswers *a = yrs_answers_new ();
  const char *status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];

  yrs_answers_set_bool (a, "residence.in_city", g_rand_int_range (rand, 0, 10) != 0);
  yrs_answers_set_string (a, "pregnancy.status", status);
  if (g_str_equal (status, "pregnant"))
    {
      yrs_answers_set_date (a, "pregnancy.notified_on", yrs_date_add_days (as_of, -g_rand_int_range (rand, 0, 250)));
      yrs_answers_set_int (a, "pregnancy.fetuses", g_rand_int_range (rand, 0, 50) == 0 ? 2 : 1);
    }
  else if (g_str_equal (status, "born"))
    {
      yrs_answers_set_date (a, "birth.born_on", yrs_date_add_days (as_of, -g_rand_int_range (rand, 0, 1200)));
      yrs_answers_set_int (a, "birth.children", g_rand_int_range (rand, 0, 50) == 0 ? 2 : 1);
      yrs_answers_set_bool (a, "need.declared", g_rand_int_range (rand, 0, 4) != 0);
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          yrs_answers_set_string (a, "care.kind", kinds[g_rand_int_range (rand, 0, 3)]);
          yrs_answers_set_string (a, "care.facility", facilities[g_rand_int_range (rand, 0, G_N_ELEMENTS (facilities))]);
        }
    }
  else if (g_str_equal (status, "loss"))
    {
      yrs_answers_set_date (a, "loss.on", yrs_date_add_days (as_of, -g_rand_int_range (rand, 0, 400)));
      yrs_answers_set_int (a, "loss.fetuses", 1);
    }
  yrs_answers_set_bool (a, "household.public_assistance", g_rand_int_range (rand, 0, 30) == 0);
  yrs_answers_set_bool (a, "household.tax_exempt", g_rand_int_range (rand, 0, 6) == 0);
  return a;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2025);
  g_autoptr(GPtrArray) households = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree YrsDate *dates = NULL;
  g_autofree gint64 *times = NULL;
  guint eligible = 0;
  gint64 total = 0, start;
  double median, p99, mean;

  if (n == 0)
    {
      fprintf (stderr, "usage: bench-eligibility [N]\n");
      return 2;
    }

  dates = g_new (YrsDate, n);
  times = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      dates[i] = yrs_date_add_days (yrs_date_new (2022, 1, 1), g_rand_int_range (rand, 0, 5 * 365));
      g_ptr_array_add (households, household (rand, dates[i]));
    }

  /* Warm the caches and the interned names. */
  for (guint i = 0; i < MIN (n, 2000u); i++)
    g_object_unref (yrs_eligibility_evaluate (catalog, g_ptr_array_index (households, i), dates[i]));

  /* Twice: wall-clock time (what a person waits), then the thread's CPU
   * time (the same work without the time the machine spent on other
   * processes, which on a busy 2-core machine dominates the tail). */
  for (guint pass = 0; pass < 2; pass++)
    {
      const char *what = pass == 0 ? "wall" : "cpu";

      clock_id = pass == 0 ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
      eligible = 0;
      start = now_ns ();
      for (guint i = 0; i < n; i++)
        {
          gint64 t0 = now_ns ();
          YrsEvaluation *evaluation = yrs_eligibility_evaluate (catalog, g_ptr_array_index (households, i), dates[i]);

          eligible += yrs_evaluation_lookup (evaluation, "postpartum_care")->status == YRS_STATUS_ELIGIBLE;
          g_object_unref (evaluation);
          times[i] = now_ns () - t0;
        }
      total = now_ns () - start;

      qsort (times, n, sizeof (gint64), compare_gint64);
      median = times[n / 2] / 1000.0;
      p99 = times[MIN (n - 1, (guint) (n * 0.99))] / 1000.0;
      mean = (double) total / n / 1000.0;

      printf ("eligibility\tmedian per household, %s (%u households)\t%.2f\tµs\t<= 20\n", what, n, median);
      printf ("eligibility\tp99 per household, %s\t%.2f\tµs\t-\n", what, p99);
      fprintf (stderr, "%s: mean %.2f µs, p99.9 %.2f µs, max %.2f µs\n", what, mean,
               times[MIN (n - 1, (guint) (n * 0.999))] / 1000.0, times[n - 1] / 1000.0);
    }
  fprintf (stderr, "%u households, %u programmes each, %u eligible for postpartum care\n",
           n, yrs_catalog_get_n_programmes (catalog), eligible);
  return 0;
}
