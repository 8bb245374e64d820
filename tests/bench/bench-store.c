/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store: applying 10,000 slots through YrsStore against the same rows
 * with raw prepared INSERTs in one transaction, in the same run (target
 * ratio <= 1.5), and the time of a draft save (target p99 <= 2 ms).
 *
 *   bench-store [--runs N] [--saves N] [--dir DIR]
 *
 * Prints bench<TAB>measure<TAB>value<TAB>unit<TAB>target lines. */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "yrs-store-private.h"

#define N_SLOTS 10000

static GPtrArray *
make_slots (void)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_slot_free);

  for (guint i = 0; i < N_SLOTS; i++)
    {
      char id[32], fac[32], start[32], end[32], iso[11];
      YrsDate day = yrs_date_add_days (yrs_date_new (2025, 4, 1), (int) (i / 40));

      yrs_date_to_iso_buf (day, iso);
      g_snprintf (id, sizeof id, "slot-%05u", i);
      g_snprintf (fac, sizeof fac, "fac-%02u", i % 20);
      g_snprintf (start, sizeof start, "%sT%02u:%02u", iso, 9 + (i % 40) / 4, (i % 4) * 15);
      g_snprintf (end, sizeof end, "%sT%02u:%02u", iso, 9 + (i % 40) / 4, (i % 4) * 15 + 14);
      g_ptr_array_add (slots, yrs_slot_new (id, fac, i % 3 == 0 ? "checkup" : "consult",
                                            start, end, 4, (int) (i % 5), 1));
    }
  return slots;
}

static void
remove_db (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

typedef struct
{
  gboolean done;
  GError  *error;
} Wait;

static void
applied (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  yrs_store_apply_delta_finish (YRS_STORE (source), result, &wait->error);
  wait->done = TRUE;
}

/* A fresh database with the schema, closed. */
static void
fresh_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;

  remove_db (path);
  store = yrs_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
}

static double
time_store_apply (const char *path,
                  GPtrArray  *slots)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(YrsStoreDelta) delta = yrs_store_delta_new ();
  Wait wait = { 0 };
  gint64 start;
  double ms;

  fresh_db (path);
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < slots->len; i++)
    g_ptr_array_add (delta->slots, yrs_slot_copy (slots->pdata[i]));
  delta->slots_cursor = g_strdup ("bench");

  start = g_get_monotonic_time ();
  yrs_store_apply_delta_async (store, delta, NULL, applied, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (wait.error != NULL)
    g_error ("apply: %s", wait.error->message);
  g_assert_cmpuint (yrs_store_count_slots (store, NULL), ==, slots->len);
  return ms;
}

static double
time_raw_insert (const char *path,
                 GPtrArray  *slots)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  fresh_db (path);
  start = g_get_monotonic_time ();
  if (!_yrs_store_bench_raw_insert_slots (path, slots, &error))
    g_error ("raw: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queue_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) enqueue_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(YrsStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *owner = NULL;
  int runs = 7;
  int saves = 1000;
  double store_median, raw_median, ratio;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--saves") && i + 1 < argc)
        saves = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir = g_strdup (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-store [--runs N] [--saves N] [--dir DIR]\n");
          return 2;
        }
    }
  runs = MAX (runs, 1);
  saves = MAX (saves, 10);
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
      g_assert_no_error (error);
    }
  path = g_build_filename (dir, "bench.db", NULL);

  /* Alternate the two, so that a busy moment of the machine hits both. */
  time_raw_insert (path, slots);   /* warm-up */
  for (int r = 0; r < runs; r++)
    {
      double s = time_store_apply (path, slots);
      double w = time_raw_insert (path, slots);

      g_array_append_val (store_ms, s);
      g_array_append_val (raw_ms, w);
      fprintf (stderr, "run %d: YrsStore %.1f ms, raw %.1f ms\n", r + 1, s, w);
    }
  store_median = percentile (store_ms, 0.5);
  raw_median = percentile (raw_ms, 0.5);
  ratio = store_median / raw_median;

  printf ("store\tapply 10,000 slots (YrsStore, median of %d)\t%.1f\tms\t-\n", runs, store_median);
  printf ("store\tINSERT 10,000 slots (raw, one transaction, median of %d)\t%.1f\tms\t-\n",
          runs, raw_median);
  printf ("store\tYrsStore / raw ratio\t%.2f\t×\t<= 1.5\n", ratio);

  /* Draft saves: a realistic draft (answers and form fields, ~1 KB). */
  remove_db (path);
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  owner = yrs_store_create_kiosk_session (store, &error);
  g_assert_no_error (error);
  for (int i = 0; i < saves; i++)
    {
      g_autoptr(GString) json = g_string_new ("{\"answers\":{");
      gint64 start;
      double ms;

      for (int q = 0; q < 20; q++)
        g_string_append_printf (json, "%s\"question.%02d\":\"answer %d\"", q ? "," : "", q, i + q);
      g_string_append_printf (json, "},\"fields\":{\"applicant.name\":\"神戸 花子\","
                              "\"applicant.kana\":\"コウベ ハナコ\",\"step\":%d}}", i);

      start = g_get_monotonic_time ();
      if (!yrs_store_save_draft (store, owner, "answers", json->str, &error))
        g_error ("save: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (save_ms, ms);

      start = g_get_monotonic_time ();
      if (!yrs_store_queue_draft (store, owner, "fields", json->str, &error))
        g_error ("queue: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (queue_ms, ms);
    }
  printf ("store\tdraft save (one transaction), median of %d\t%.3f\tms\t-\n",
          saves, percentile (save_ms, 0.5));
  printf ("store\tdraft save, p99\t%.3f\tms\t<= 2\n", percentile (save_ms, 0.99));
  printf ("store\tdraft queue (debounced, main thread), p99\t%.3f\tms\t-\n",
          percentile (queue_ms, 0.99));
  if (!yrs_store_flush_drafts (store, &error))
    g_error ("flush: %s", error->message);

  /* A submission is committed with an fsync (synchronous=FULL). */
  for (int i = 0; i < MAX (saves / 5, 10); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"programme\":\"p\",\"n\":%d}", i);
      g_autoptr(YrsOutboxItem) item = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      item = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, owner, payload, &error);
      if (item == NULL)
        g_error ("enqueue: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (enqueue_ms, ms);
    }
  printf ("store\toutbox enqueue (fsync), median of %u\t%.3f\tms\t-\n",
          enqueue_ms->len, percentile (enqueue_ms, 0.5));
  printf ("store\toutbox enqueue (fsync), p99\t%.3f\tms\t-\n", percentile (enqueue_ms, 0.99));
  g_clear_object (&store);

  remove_db (path);
  g_rmdir (dir);
  return 0;
}
