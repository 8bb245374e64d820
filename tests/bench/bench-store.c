/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store: applying 10,000 slots through YrsStore against the same rows
 * with raw prepared INSERTs in one transaction, in the same run (target
 * ratio <= 1.5), and the time of a draft save (target p99 <= 2 ms).
 * Issue 18: drafts are sealed (XChaCha20-Poly1305) and submissions sealed
 * to the city's key (crypto_box_seal); the same draft written in clear
 * (the store's private baseline) and submissions queued on a store
 * without a city key are timed side by side, alternating, in the same
 * run (enqueue target: sealed / clear <= 1.3).
 *
 *   bench-store [--runs N] [--saves N] [--dir DIR]
 *
 * Prints bench<TAB>measure<TAB>value<TAB>unit<TAB>target lines. */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include <sodium.h>

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
  g_autoptr(GArray) clear_enqueue_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seal_only_ms = g_array_new (FALSE, FALSE, sizeof (double));
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

      {
        g_autoptr(GBytes) box = NULL;

        start = g_get_monotonic_time ();
        box = _yrs_store_seal_row (store, "draft", owner, "answers", NULL, json->str, &error);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_assert_nonnull (box);
        g_array_append_val (seal_only_ms, ms);
      }

      start = g_get_monotonic_time ();
      if (!_yrs_store_bench_write_plain_draft (store, owner, "plain", json->str, &error))
        g_error ("plain save: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (plain_ms, ms);

      start = g_get_monotonic_time ();
      if (!yrs_store_queue_draft (store, owner, "fields", json->str, &error))
        g_error ("queue: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (queue_ms, ms);
    }
  printf ("store\tdraft save (one transaction), median of %d\t%.3f\tms\t-\n",
          saves, percentile (save_ms, 0.5));
  printf ("store\tdraft save (sealed), p99\t%.3f\tms\t<= 2\n", percentile (save_ms, 0.99));
  printf ("store\tdraft sealing alone (XChaCha20-Poly1305 of the draft), p99\t%.3f\tms\t-\n",
          percentile (seal_only_ms, 0.99));
  printf ("store\tdraft save in clear (baseline), median\t%.3f\tms\t-\n", percentile (plain_ms, 0.5));
  printf ("store\tdraft save in clear (baseline), p99\t%.3f\tms\t-\n", percentile (plain_ms, 0.99));
  printf ("store\tdraft queue (debounced, main thread), p99\t%.3f\tms\t-\n",
          percentile (queue_ms, 0.99));
  if (!yrs_store_flush_drafts (store, &error))
    g_error ("flush: %s", error->message);

  /* A submission is committed with an fsync (synchronous=FULL): sealed to
   * the city's key on this store, in clear on one without a key (today's
   * path), alternating. */
  {
    g_autofree char *clear_path = g_build_filename (dir, "bench-clear.db", NULL);
    g_autoptr(YrsStore) clear = NULL;
    g_autofree char *clear_owner = NULL;
    guint8 pk[crypto_box_PUBLICKEYBYTES];
    guint8 sk[crypto_box_SECRETKEYBYTES];
    char b64[sodium_base64_ENCODED_LEN (crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
    g_autofree char *spec = NULL;
    double sealed_median, clear_median;

    g_assert_cmpint (sodium_init (), >=, 0);
    crypto_box_keypair (pk, sk);
    sodium_bin2base64 (b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    spec = g_strdup_printf ("bench:%s", b64);
    if (!yrs_store_set_city_key (store, spec, &error))
      g_error ("city key: %s", error->message);
    remove_db (clear_path);
    clear = yrs_store_open (clear_path, &error);
    g_assert_no_error (error);
    clear_owner = yrs_store_create_kiosk_session (clear, &error);

    for (int i = 0; i < MAX (saves / 5, 10); i++)
      for (int which = 0; which < 2; which++)
        {
          g_autofree char *payload =
            g_strdup_printf ("{\"programme\":\"postpartum_care\",\"fields\":{\"applicant.name\":\"神戸 花子\","
                             "\"applicant.kana\":\"コウベ ハナコ\",\"applicant.phone\":\"0781234567\","
                             "\"applicant.address\":\"神戸市中央区加納町6丁目5-1\","
                             "\"bank.account_number\":\"1234567\",\"n\":%d}}", i);
          g_autoptr(YrsOutboxItem) item = NULL;
          gint64 start = g_get_monotonic_time ();
          double ms;

          item = yrs_store_outbox_enqueue (which == 0 ? store : clear, YRS_OUTBOX_KIND_APPLICATION,
                                           which == 0 ? owner : clear_owner, payload, &error);
          if (item == NULL)
            g_error ("enqueue: %s", error->message);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (which == 0 ? enqueue_ms : clear_enqueue_ms, ms);
        }
    sealed_median = percentile (enqueue_ms, 0.5);
    clear_median = percentile (clear_enqueue_ms, 0.5);
    printf ("store\toutbox enqueue sealed (fsync), median of %u\t%.3f\tms\t-\n",
            enqueue_ms->len, sealed_median);
    printf ("store\toutbox enqueue sealed (fsync), p99\t%.3f\tms\t-\n", percentile (enqueue_ms, 0.99));
    printf ("store\toutbox enqueue in clear (fsync, today's), median of %u\t%.3f\tms\t-\n",
            clear_enqueue_ms->len, clear_median);
    printf ("store\toutbox enqueue sealed / in clear\t%.2f\t×\t<= 1.3\n", sealed_median / clear_median);
    g_clear_object (&clear);
    remove_db (clear_path);
  }
  g_clear_object (&store);

  remove_db (path);
  g_rmdir (dir);
  return 0;
}
