/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash test of the store: a child process writes drafts and outbox rows
 * in a loop and reports each acknowledged write on a pipe; the parent kills
 * it with SIGKILL at random moments (also during open and migration), and
 * after each round checks that the database opens, passes integrity_check,
 * and holds every acknowledged write exactly once. Run with --seed to
 * replay a failure. */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "yrs-store.h"

/* Her data key (fixed: the child and the check are different processes). */
static void
unlock_staff (YrsStore   *store,
              const char *owner)
{
  guint8 key[YRS_STORE_KEY_BYTES];

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) (0x5A ^ i);
  g_assert_true (yrs_store_unlock_owner (store, owner, key, NULL));
}

#define ROUNDS 200
#define OWNER_STAFF_ID "crash"

static const char *self_exe;

/* ---- the child ----------------------------------------------------------- */

static void
ack (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
ack (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize len;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  /* One write() of less than PIPE_BUF bytes: a line arrives whole or not. */
  if (write (STDOUT_FILENO, line, len) != (gssize) len)
    _exit (3);
}

static int
child_main (const char *path,
            guint64     start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autofree char *owner = NULL;

  store = yrs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  owner = yrs_store_ensure_staff_session (store, OWNER_STAFF_ID, &error);
  if (owner == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  unlock_staff (store, owner);
  ack ("R\n");

  for (guint64 n = start; ; n++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"n\":%" G_GUINT64_FORMAT "}", n);
      g_autoptr(YrsOutboxItem) item = NULL;

      item = yrs_store_outbox_enqueue (store, (YrsOutboxKind) (n % 4), owner, payload, &error);
      if (item == NULL)
        break;
      ack ("O %s %" G_GUINT64_FORMAT "\n", item->idempotency_key, n);

      if (!yrs_store_save_draft (store, owner, "answers", payload, &error))
        break;
      ack ("D %" G_GUINT64_FORMAT "\n", n);

      if (n % 3 == 0)
        {
          if (!yrs_store_outbox_mark_sending (store, item->idempotency_key, &error))
            break;
          ack ("S %s\n", item->idempotency_key);
        }
      if (n % 6 == 0)
        {
          g_autofree char *reference = g_strdup_printf ("KB-%" G_GUINT64_FORMAT, n);

          if (!yrs_store_outbox_mark_accepted (store, item->idempotency_key, reference, &error))
            break;
          ack ("A %s %s\n", item->idempotency_key, reference);
        }
    }
  g_printerr ("child: %s\n", error->message);
  return 2;
}

/* ---- the parent ---------------------------------------------------------- */

typedef struct
{
  guint64  n;
  char    *reference;   /* when accepted */
  gboolean sending;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->reference);
  g_free (e);
}

typedef struct
{
  GHashTable *outbox;        /* key -> Expected */
  gint64      last_draft;    /* -1 before any */
  guint64     next_n;
  guint       rounds;
  guint       killed_during_work;
} Ledger;

static void
apply_ack (Ledger     *ledger,
           const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", 3);
  Expected *e;

  switch (parts[0][0])
    {
    case 'R':
      break;
    case 'O':
      g_assert_nonnull (parts[1]);
      g_assert_nonnull (parts[2]);
      e = g_new0 (Expected, 1);
      e->n = g_ascii_strtoull (parts[2], NULL, 10);
      g_assert_false (g_hash_table_contains (ledger->outbox, parts[1]));
      g_hash_table_insert (ledger->outbox, g_strdup (parts[1]), e);
      ledger->next_n = MAX (ledger->next_n, e->n + 1);
      break;
    case 'D':
      ledger->last_draft = (gint64) g_ascii_strtoull (parts[1], NULL, 10);
      break;
    case 'S':
      e = g_hash_table_lookup (ledger->outbox, parts[1]);
      g_assert_nonnull (e);
      e->sending = TRUE;
      break;
    case 'A':
      e = g_hash_table_lookup (ledger->outbox, parts[1]);
      g_assert_nonnull (e);
      e->reference = g_strdup (parts[2]);
      break;
    default:
      g_error ("unexpected line from the child: %s", line);
    }
}

static void
verify (Ledger     *ledger,
        const char *path,
        guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *draft = NULL;
  GHashTableIter iter;
  const char *key;
  Expected *e;

  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  if (yrs_store_get_moved_aside_path (store) != NULL)
    g_error ("round %u: the database was found damaged", round);
  g_assert_true (yrs_store_check_integrity (store, &error));
  g_assert_no_error (error);

  rows = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (rows, i);

      /* Exactly once: no key twice. */
      g_assert_false (g_hash_table_contains (seen, item->idempotency_key));
      g_hash_table_add (seen, item->idempotency_key);
    }
  /* At most one written-but-unreported row per round. */
  g_assert_cmpuint (rows->len, <=, g_hash_table_size (ledger->outbox) + ledger->rounds);

  g_hash_table_iter_init (&iter, ledger->outbox);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &e))
    {
      YrsOutboxItem *item = NULL;
      g_autofree char *payload = g_strdup_printf ("{\"n\":%" G_GUINT64_FORMAT "}", e->n);

      for (guint i = 0; i < rows->len && item == NULL; i++)
        if (strcmp (((YrsOutboxItem *) rows->pdata[i])->idempotency_key, key) == 0)
          item = rows->pdata[i];
      if (item == NULL)
        g_error ("round %u: acknowledged outbox row %s (n=%" G_GUINT64_FORMAT ") is missing",
                 round, key, e->n);
      /* An accepted row forgets what is not needed to show it (issue 18). */
      g_assert_cmpstr (item->payload, ==, item->state == YRS_OUTBOX_STATE_ACCEPTED ? "{}" : payload);
      if (e->reference != NULL)
        {
          g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_ACCEPTED);
          g_assert_cmpstr (item->server_reference, ==, e->reference);
        }
      else if (e->sending)
        {
          /* Left in `sending` (or answered just before the kill): due
           * again with the same key. */
          g_assert_true (item->state == YRS_OUTBOX_STATE_SENDING ||
                         item->state == YRS_OUTBOX_STATE_ACCEPTED);
          g_assert_cmpint (item->tries, ==, 1);
        }
    }

  unlock_staff (store, "staff:" OWNER_STAFF_ID);
  draft = yrs_store_load_draft (store, "staff:" OWNER_STAFF_ID, "answers", &error);
  g_assert_no_error (error);
  if (ledger->last_draft >= 0)
    {
      g_autoptr(GPtrArray) drafts = yrs_store_list_drafts (store, "staff:" OWNER_STAFF_ID, &error);
      const char *digits;

      g_assert_nonnull (draft);
      digits = strchr (draft, ':');
      g_assert_nonnull (digits);
      /* The newest acknowledged draft, or one written just after it. */
      g_assert_cmpint (g_ascii_strtoll (digits + 1, NULL, 10), >=, ledger->last_draft);
      g_assert_cmpuint (drafts->len, ==, 1);
    }
}

static void
test_crash_rounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yrs-store-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "yorisoi.db", NULL);
  Ledger ledger = { 0 };
  gint64 started = g_get_monotonic_time ();

  g_assert_no_error (error);
  ledger.outbox = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) expected_free);
  ledger.last_draft = -1;

  for (guint round = 1; round <= ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autofree char *start = g_strdup_printf ("%" G_GUINT64_FORMAT, ledger.next_n);
      /* 1 round in 8 is killed during open/migration, the others after a
       * random number of acknowledged writes, plus a random delay. */
      int want = g_test_rand_int_range (0, 8) == 0 ? 0 : g_test_rand_int_range (1, 40);
      int got = 0;
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_exe, "--crash-child", path, start, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      if (want == 0)
        g_usleep (g_test_rand_int_range (0, 15000));
      else
        {
          while (got < want &&
                 (line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
            {
              apply_ack (&ledger, line);
              if (line[0] != 'R')
                got++;
              g_free (line);
            }
          g_assert_no_error (error);
          g_usleep (g_test_rand_int_range (0, 3000));
        }
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_if_signaled (child))
        g_error ("round %u: the child exited by itself (status %d)", round,
                 g_subprocess_get_exit_status (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      /* What it acknowledged before dying. */
      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
        {
          apply_ack (&ledger, line);
          g_free (line);
        }
      g_assert_no_error (error);
      ledger.rounds++;
      if (want > 0)
        ledger.killed_during_work++;

      verify (&ledger, path, round);
    }

  g_test_message ("%u rounds (%u killed while writing, the rest during open), "
                  "%u acknowledged outbox rows, last draft %" G_GINT64_FORMAT ", %.1f s",
                  ledger.rounds, ledger.killed_during_work,
                  g_hash_table_size (ledger.outbox), ledger.last_draft,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (ledger.rounds, >=, 200);
  g_assert_cmpuint (g_hash_table_size (ledger.outbox), >, 0);

  g_hash_table_unref (ledger.outbox);
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Kills during the migration of a version 1 database: each step is one
 * transaction, so the file is either still version 1 or fully migrated,
 * never half (for example, times scaled twice). */
static void
test_crash_during_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yrs-store-crash-mig-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "yorisoi.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "tests",
                                               "store-fixtures", "yorisoi-v1.db", NULL);
  g_autofree char *v1 = NULL;
  gsize v1_len;
  guint migrated_by_child = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture, &v1, &v1_len, &error));

  for (guint round = 1; round <= 20; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(YrsStore) store = NULL;
      g_autoptr(YrsOutboxItem) item = NULL;
      static const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_assert_true (g_file_set_contents (path, v1, v1_len, &error));

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                self_exe, "--crash-child", path, "1000000", NULL);
      g_assert_no_error (error);
      g_usleep (g_test_rand_int_range (0, 80000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);

      store = yrs_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_null (yrs_store_get_moved_aside_path (store));
      g_assert_true (yrs_store_check_integrity (store, &error));
      if (yrs_store_get_opened_version (store) == YRS_STORE_SCHEMA_VERSION)
        migrated_by_child++;
      else
        /* One transaction per version: killed between two, the file is
         * at a whole version (never half of one), migrated on from there. */
        g_assert_cmpint (yrs_store_get_opened_version (store), >=, 1);

      item = yrs_store_outbox_get (store, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a01", &error);
      g_assert_nonnull (item);
      g_assert_cmpint (item->created_at, ==, G_GINT64_CONSTANT (1746000400) * G_USEC_PER_SEC);
      g_clear_pointer (&item, yrs_outbox_item_free);
      item = yrs_store_outbox_get (store, "0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a04", &error);
      g_assert_cmpstr (item->reason, ==, "reservation.already_cancelled");
    }
  g_test_message ("20 kills around the migration from version 1; the child had "
                  "finished migrating in %u", migrated_by_child);

  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--crash-child") == 0)
    return child_main (argv[2], g_ascii_strtoull (argv[3], NULL, 10));

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/sigkill-rounds", test_crash_rounds);
  g_test_add_func ("/store/crash/sigkill-during-migration", test_crash_during_migration);
  return g_test_run ();
}
