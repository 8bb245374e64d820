/* SPDX-License-Identifier: GPL-3.0-or-later */

/* 200 kiosk sessions in one process, as a busy ward-office day would run
 * them: each person answers the eligibility check (a pregnant resident),
 * sees the results, fills in the application for the first support
 * payment, reviews and sends it into the outbox and sees the receipt
 * page; then the kiosk wipes the session. The RSS growth over the 200
 * sessions (after 20 to warm up) is printed and must stay under 1 MiB. */

#define G_LOG_DOMAIN "yrs-test-kiosk-sessions"

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <unistd.h>

#include <adwaita.h>

#include "yrs-i18n.h"
#include "../unit/test-store-util.h"
#include "yrs-kiosk.h"
#include "yrs-store.h"
#include "yrs-window.h"

#define WARM_UP_SESSIONS 20
#define MEASURED_SESSIONS 200
#define GROWTH_LIMIT_KIB 1024

typedef struct
{
  char       *dir;
  YrsStore   *store;
  GSettings  *settings;
  YrsSession *session;
  YrsWindow  *window;
  YrsKiosk   *kiosk;
} Fixture;

static void
wait_idle (void)
{
  for (int i = 0; i < 10; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* The process's resident set in KiB, after giving freed heap back to the
 * system, so that the figure is memory still in use, not malloc's cache. */
static gint64
rss_kib (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  malloc_trim (0);
  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", 0);
  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  return g_ascii_strtoll (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE) / 1024;
}

static void
go (Fixture    *f,
    const char *page)
{
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (f->window)), "shell.go", "s", page);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, page);
}

static void
one_session (Fixture *f,
             guint    n)
{
  YrsSession *session = f->session;
  YrsAnswers *answers = yrs_session_get_answers (session);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("寄添 花子%u", n);
  g_autofree char *phone = g_strdup_printf ("078-%03u-%04u", 100 + n % 900, n % 10000);
  g_autofree char *owner = NULL;

  /* The check: a pregnant resident, notified this month, one baby. */
  go (f, "check");
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  yrs_answers_set_date (answers, "pregnancy.notified_on", yrs_date_new (2025, 4, 1));
  yrs_answers_set_int (answers, "pregnancy.fetuses", 1);
  yrs_answers_set_bool (answers, "household.public_assistance", FALSE);
  yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);
  go (f, "results");

  /* The application for the first payment. */
  yrs_session_set_field (session, "apply.programme", "support_payment_pregnancy");
  yrs_session_set_field (session, "payment.which", "pregnancy");
  yrs_session_set_field (session, "applicant.name", name);
  yrs_session_set_field (session, "applicant.kana", "ヨリソイ ハナコ");
  yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
  yrs_session_set_field (session, "applicant.phone", phone);
  yrs_session_set_field (session, "address.postal_code", "6500001");
  yrs_session_set_field (session, "address.line", "兵庫県神戸市中央区加納町6-5-1");
  yrs_session_set_field (session, "bank.method", "bank");
  yrs_session_set_field (session, "bank.code", "0001");
  yrs_session_set_field (session, "bank.branch", "001");
  yrs_session_set_field (session, "bank.type", "ordinary");
  yrs_session_set_field (session, "bank.account_number", "1234567");
  yrs_session_set_field (session, "bank.holder_kana", "ヨリソイ ハナコ");
  go (f, "apply");
  go (f, "review");
  gtk_widget_activate_action (GTK_WIDGET (yrs_shell_get_visible_page (yrs_window_get_shell (f->window))),
                              "review.submit", NULL);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (session), ==, "submitted");

  owner = g_strdup (yrs_session_get_owner (session));
  rows = yrs_store_outbox_list (f->store, owner, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  /* The person walks away. */
  yrs_kiosk_wipe (f->kiosk);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_field (session, "applicant.name"), ==, NULL);
  g_assert_cmpstr (yrs_session_get_owner (session), !=, owner);
}

static void
test_sessions (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 before, after, growth;

  f->dir = g_dir_make_tmp ("yrs-kiosk-sessions-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "device.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  /* A kiosk takes no submission without the city's key (issue 18). */
  store_test_provision_city_key (f->store);
  f->settings = g_settings_new (SCHEMA_ID);
  owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);

  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, owner);
  yrs_session_set_as_of (f->session, yrs_date_new (2025, 4, 15));
  yrs_i18n_set_language ("ja");
  f->window = yrs_window_new (NULL, f->session);
  f->kiosk = yrs_kiosk_new (f->window, f->settings, f->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_idle ();

  for (guint i = 0; i < WARM_UP_SESSIONS; i++)
    one_session (f, i);
  before = rss_kib ();
  for (guint i = 0; i < MEASURED_SESSIONS; i++)
    one_session (f, WARM_UP_SESSIONS + i);
  after = rss_kib ();
  growth = after - before;

  g_test_message ("RSS after %d warm-up sessions: %" G_GINT64_FORMAT " KiB; after %d more: %"
                  G_GINT64_FORMAT " KiB; growth %" G_GINT64_FORMAT " KiB (%.1f KiB a session)",
                  WARM_UP_SESSIONS, before, MEASURED_SESSIONS, after, growth,
                  (double) growth / MEASURED_SESSIONS);

  /* Every application is still in the outbox, waiting for the sync. */
  rows = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, WARM_UP_SESSIONS + MEASURED_SESSIONS);

  g_assert_cmpint (growth, <, GROWTH_LIMIT_KIB);

  g_clear_object (&f->kiosk);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_idle ();
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  g_assert_finalize_object (f->store);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (f->dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Without a GPU GTK's GL renderer runs on llvmpipe and takes twice as
   * long for the same widgets; the cairo renderer draws them in software
   * directly (YRS_TEST_RENDERER=gl to measure with GL anyway). */
  g_setenv ("GSK_RENDERER", g_getenv ("YRS_TEST_RENDERER") ? g_getenv ("YRS_TEST_RENDERER") : "cairo", TRUE);
  yrs_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Page transitions would only make the loop wait for their frames. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/memory/kiosk-sessions", test_sessions);

  return g_test_run ();
}
