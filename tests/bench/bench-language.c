/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-language: a tap on 日本語 / English -> the first frame painted in
 * the new language (issue 23), for three pages in a person's state:
 *
 *   welcome   the first page, nothing entered;
 *   results   a household whose check gives about 20 cards, scrolled
 *             half way down;
 *   apply     the payment application half filled (name, フリガナ, birth
 *             date, phone), scrolled to the address, the postal code
 *             focused.
 *
 * A tap is the "shell.language" action the header's toggle buttons and
 * the welcome page's button run. The end is the frame clock's first
 * "after-paint" after which the page's marker text reads in the new
 * language and not in the old one (the visible labels are walked). Each
 * page gets 20 switches with the switch as it is now ("in place": the
 * window retranslates what it shows, yrs-window.c) and 20 with the switch
 * before issue 23 ("rebuild": the whole shell and the visible page built
 * again from their templates, kept selectable by YRS_LANGUAGE_SWITCH=
 * rebuild for this comparison), interleaved one by one so that both see
 * the same load on the shared machine; two warm-up switches of each are
 * not counted. Before each tap the page is put back in its state (scroll,
 * focus), as a rebuild loses them.
 *
 * Each renderer runs in a child process of its own (GSK_RENDERER is read
 * when the window is realised): cairo, as a kiosk without a GPU starts
 * (GDK's OpenGL off, as src/app/yrs-renderer.c does), and gl (Mesa's
 * llvmpipe under Xvfb). Target: p95 <= 100 ms with cairo.
 *
 *   bench-language                 all of it, a figure a line (run-all.sh)
 *   bench-language --markdown      the same, and a table for README.md
 *   bench-language --child PAGE    one page in this process's renderer
 *
 * Each switch's phases (the frame clock's layout and paint) go to stderr.
 *
 * Run under Xvfb (tests/bench/run-all.sh does). */

#define G_LOG_DOMAIN "bench-language"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yrs-application-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-window.h"

#define N_SWITCHES 20
#define N_WARMUP 2

typedef struct
{
  const char *name;
  const char *page;
  const char *marker;   /* a msgid the page shows */
} PageCase;

static const PageCase cases[] = {
  { "welcome", "welcome", "Welcome" },
  { "results", "results", "What you can use" },
  { "apply", "apply", "Postal code" },
};

typedef struct
{
  GtkWidget  *window;
  const char *want;      /* the marker in the new language */
  const char *unwanted;  /* ... in the old one */
  gboolean    armed;
  gboolean    done;
  /* Where the time goes, for the first frame after the tap: the end of
   * each phase of the frame clock (our handlers run after GTK's). */
  gint64      built;
  gint64      layout_end;
  gint64      paint_end;
  double      built_cpu;
  double      layout_cpu;
  double      paint_cpu;
  gint64      painted_at;
  double      painted_cpu;
} Switch;

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
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static void
find_label (GtkWidget  *widget,
            const char *text,
            gboolean   *found)
{
  if (*found || !gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    {
      *found = TRUE;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_label (child, text, found);
}

static gboolean
shows (GtkWidget  *window,
       const char *text)
{
  gboolean found = FALSE;

  find_label (window, text, &found);
  return found;
}

static void
on_after_paint (GdkFrameClock *clock,
                Switch        *sw)
{
  gint64 now = g_get_monotonic_time ();
  double cpu = cpu_ms ();

  if (!sw->armed || sw->done)
    return;
  if (shows (sw->window, sw->want) && !shows (sw->window, sw->unwanted))
    {
      sw->done = TRUE;
      sw->painted_at = now;
      sw->painted_cpu = cpu;
    }
}

static void
on_layout (GdkFrameClock *clock,
           Switch        *sw)
{
  if (sw->armed && sw->layout_end == 0)
    {
      sw->layout_end = g_get_monotonic_time ();
      sw->layout_cpu = cpu_ms ();
    }
}

static void
on_paint (GdkFrameClock *clock,
          Switch        *sw)
{
  if (sw->armed && sw->paint_end == 0)
    {
      sw->paint_end = g_get_monotonic_time ();
      sw->paint_cpu = cpu_ms ();
    }
}

static void
on_built (YrsWindow *window,
          YrsShell  *shell,
          Switch    *sw)
{
  if (sw->armed && sw->built == 0)
    {
      sw->built = g_get_monotonic_time ();
      sw->built_cpu = cpu_ms ();
    }
}

static void
wait_frames (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry_after (GtkWidget  *widget,
                  const char *label,
                  gboolean   *seen)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    *seen = TRUE;
  if (*seen && GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_after (child, label, seen);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The person's place on the page: half way down it, and on the apply form
 * the postal code focused. */
static void
put_in_state (YrsWindow      *window,
              const PageCase *pc)
{
  GtkWidget *page = yrs_shell_get_visible_page (yrs_window_get_shell (window));
  GtkScrolledWindow *scroller = find_scroller (page);

  if (g_str_equal (pc->name, "apply"))
    {
      gboolean seen = FALSE;
      GtkWidget *entry = find_entry_after (page, _("Postal code"), &seen);

      if (entry == NULL)
        g_error ("no postal code field");
      gtk_widget_grab_focus (entry);
    }
  if (scroller != NULL)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) / 2);
    }
}

static void
answer_household (YrsSession *session)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  /* Twins born a month ago, tax-exempt: most programmes apply. */
  yrs_session_set_as_of (session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_answers_set_date (a, "birth.born_on", yrs_date_new (2025, 3, 20));
  yrs_answers_set_int (a, "birth.children", 2);
  yrs_answers_set_bool (a, "need.declared", TRUE);
  yrs_answers_set_bool (a, "household.public_assistance", FALSE);
  yrs_answers_set_bool (a, "household.tax_exempt", TRUE);
}

static void
prepare (YrsSession     *session,
         const PageCase *pc)
{
  if (g_str_equal (pc->name, "welcome"))
    return;
  answer_household (session);
  if (g_str_equal (pc->name, "apply"))
    {
      yrs_application_flow_open (yrs_session_get_application_flow (session), "support_payment_birth");
      yrs_session_set_field (session, "payment.which", "birth");
      yrs_session_set_field (session, "applicant.name", "寄添 花子");
      yrs_session_set_field (session, "applicant.kana", "ヨリソイ　ハナコ");
      yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
      yrs_session_set_field (session, "applicant.phone", "0781234567");
    }
}

static guint
count_type (GtkWidget *widget,
            GType      type)
{
  guint n = g_type_is_a (G_OBJECT_TYPE (widget), type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

static int
run_child (const char *name)
{
  const PageCase *pc = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(YrsSession) session = NULL;
  GArray *ms[2], *cpu[2];
  YrsWindow *window;
  GdkFrameClock *clock;
  Switch sw = { 0 };
  const char *renderer;

  for (guint m = 0; m < 2; m++)
    {
      ms[m] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[m] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, name))
      pc = &cases[i];
  if (pc == NULL)
    g_error ("no page case %s", name);

  if (!gtk_init_check ())
    {
      g_printerr ("no display: run under xvfb-run\n");
      return 77;
    }
  adw_init ();
  yrs_i18n_init ();
  yrs_i18n_set_language ("ja");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp = g_dir_make_tmp ("yrs-bench-language-XXXXXX", NULL);
  db = g_build_filename (tmp, "bench.db", NULL);
  store = yrs_store_open (db, NULL);
  owner = yrs_store_create_kiosk_session (store, NULL);
  session = yrs_session_new ();
  yrs_session_set_store (session, store, owner);
  prepare (session, pc);
  yrs_session_push_page (session, pc->page);

  window = yrs_window_new (NULL, session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (500);

  renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  printf ("renderer %s\n", renderer);
  if (g_str_equal (pc->name, "results"))
    printf ("cards %u\n", count_type (GTK_WIDGET (window), g_type_from_name ("YrsResultCard")));

  sw.window = GTK_WIDGET (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &sw);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), &sw);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint), &sw);
  g_signal_connect (window, "shell-built", G_CALLBACK (on_built), &sw);

  for (guint i = 0; i < 2 * (N_SWITCHES + N_WARMUP); i++)
    {
      gboolean rebuild = i % 2 == 1;
      const char *to = g_str_equal (yrs_i18n_get_language (), "ja") ? "en" : "ja";
      g_autofree char *want = NULL;
      g_autofree char *unwanted = NULL;
      gint64 t0, until;
      double c0;

      if (rebuild)
        g_setenv ("YRS_LANGUAGE_SWITCH", "rebuild", TRUE);
      else
        g_unsetenv ("YRS_LANGUAGE_SWITCH");

      put_in_state (window, pc);
      wait_frames (150);

      unwanted = g_strdup (_(pc->marker));
      yrs_i18n_set_language (to);
      want = g_strdup (_(pc->marker));
      yrs_i18n_set_language (to[0] == 'j' ? "en" : "ja");
      if (g_str_equal (want, unwanted))
        g_error ("the marker “%s” reads the same in both languages", pc->marker);

      sw.want = want;
      sw.unwanted = unwanted;
      sw.done = FALSE;
      sw.built = sw.layout_end = sw.paint_end = 0;
      sw.armed = TRUE;
      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      gtk_widget_activate_action (yrs_shell_get_visible_page (yrs_window_get_shell (window)),
                                  "shell.language", "s", to);
      until = t0 + 30 * G_USEC_PER_SEC;
      while (!sw.done && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      sw.armed = FALSE;
      if (!sw.done)
        g_error ("switch %u to %s: the page never showed “%s”", i, to, want);
      g_printerr ("%s to %s: built %.1f, first layout done %.1f, first paint done %.1f, "
                  "painted in the new language %.1f ms; main thread CPU %.1f ms\n",
                  rebuild ? "rebuild" : "in place", to,
                  sw.built ? (sw.built - t0) / 1000.0 : -1,
                  sw.layout_end ? (sw.layout_end - t0) / 1000.0 : -1,
                  sw.paint_end ? (sw.paint_end - t0) / 1000.0 : -1,
                  (sw.painted_at - t0) / 1000.0, sw.painted_cpu - c0);
      g_printerr ("   main thread CPU: built %.1f, first layout done %.1f, first paint done %.1f ms\n",
                  sw.built_cpu - c0, sw.layout_cpu - c0, sw.paint_cpu - c0);
      if (i >= 2 * N_WARMUP)
        {
          double d = (sw.painted_at - t0) / 1000.0, c = sw.painted_cpu - c0;

          g_array_append_val (ms[rebuild], d);
          g_array_append_val (cpu[rebuild], c);
        }
    }

  for (guint m = 0; m < 2; m++)
    printf ("%s %.1f %.1f %.1f %.1f %.1f\n", m == 0 ? "inplace" : "rebuild",
            percentile (ms[m], 0.5), percentile (ms[m], 0.95), percentile (ms[m], 1.0),
            percentile (cpu[m], 0.5), percentile (cpu[m], 0.95));

  fflush (stdout);
  for (const char *suffix = ""; ; suffix = suffix[0] == '\0' ? "-wal" : "-shm")
    {
      g_autofree char *file = g_strconcat (db, suffix, NULL);

      g_remove (file);
      if (g_str_equal (suffix, "-shm"))
        break;
    }
  g_rmdir (tmp);
  /* The process ends here: the window and the store go with it. */
  _exit (0);
}

typedef struct
{
  const char *name;
  const char *gsk_renderer;
  const char *gdk_debug;
} Renderer;

static const Renderer renderers[] = {
  /* As a kiosk without a GPU starts (src/app/yrs-renderer.c). */
  { "cairo", "cairo", "gl-disable" },
  /* Mesa (llvmpipe under Xvfb). */
  { "gl", "gl", NULL },
};

typedef struct
{
  double median, p95, max, cpu_median, cpu_p95;
} Figures;

int
main (int   argc,
      char *argv[])
{
  gboolean markdown = argc == 2 && g_str_equal (argv[1], "--markdown");
  g_autoptr(GString) table = g_string_new (NULL);
  double load[3] = { 0 };

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);
  if (argc > 1 && !markdown)
    {
      g_printerr ("usage: %s [--markdown | --child PAGE]\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (tests/bench/run-all.sh does)\n");
      return 77;
    }

  if (getloadavg (load, 3) > 0)
    printf ("# load average at the start: %.1f (2 cores); %u switches each, after %u not counted, "
            "interleaved in place / rebuild\n", load[0], N_SWITCHES, N_WARMUP);
  g_string_append (table, "| page | renderer | in place (now): median | p95 | main-thread CPU, median | "
                          "rebuild (before): median | p95 | main-thread CPU, median |\n"
                          "|---|---|---:|---:|---:|---:|---:|---:|\n");

  for (guint r = 0; r < G_N_ELEMENTS (renderers); r++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_auto(GStrv) env = g_get_environ ();
        g_auto(GStrv) lines = NULL;
        const char *child_argv[] = { argv[0], "--child", cases[c].name, NULL };
        Figures fig[2] = { { 0 } };
        gboolean got[2] = { FALSE, FALSE };
        g_autofree char *used = NULL;
        int status = 0;

        env = g_environ_setenv (env, "GSK_RENDERER", renderers[r].gsk_renderer, TRUE);
        if (renderers[r].gdk_debug != NULL)
          env = g_environ_setenv (env, "GDK_DEBUG", renderers[r].gdk_debug, TRUE);
        else
          env = g_environ_unsetenv (env, "GDK_DEBUG");
        env = g_environ_unsetenv (env, "YRS_LANGUAGE_SWITCH");

        if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                           &out, &err, &status, &error) ||
            !g_spawn_check_wait_status (status, &error))
          {
            printf ("language\t%s, %s: could not run (%s; see the log)\t\t\t-\n",
                    cases[c].name, renderers[r].name, error->message);
            g_printerr ("%s", err != NULL ? err : "");
            g_string_append_printf (table, "| %s | %s | could not run: %s | | | | | |\n",
                                    cases[c].name, renderers[r].name, error->message);
            continue;
          }
        g_printerr ("%s, %s:\n%s", cases[c].name, renderers[r].name, err);

        lines = g_strsplit (out, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          {
            Figures f;
            char mode[16];

            if (g_str_has_prefix (lines[i], "renderer "))
              used = g_strdup (lines[i] + strlen ("renderer "));
            else if (g_str_has_prefix (lines[i], "cards "))
              printf ("# the results page shows %s cards\n", lines[i] + strlen ("cards "));
            else if (sscanf (lines[i], "%15s %lf %lf %lf %lf %lf", mode, &f.median, &f.p95, &f.max,
                             &f.cpu_median, &f.cpu_p95) == 6)
              {
                guint m = g_str_equal (mode, "rebuild");

                fig[m] = f;
                got[m] = TRUE;
              }
          }
        if (!got[0] || !got[1])
          {
            printf ("language\t%s, %s: no figures (see the log)\t\t\t-\n", cases[c].name, renderers[r].name);
            continue;
          }
        /* GTK falls back to cairo when GL does not start: say so. */
        if (r == 1 && g_strcmp0 (used, "GskGLRenderer") != 0 && g_strcmp0 (used, "GskNglRenderer") != 0)
          printf ("# %s: GL did not start here, GTK drew with %s\n", cases[c].name, used);

        for (guint m = 0; m < 2; m++)
          {
            const char *how = m == 0 ? "in place (now)" : "rebuild (before)";

            printf ("language\t%s, %s, %s: tap -> painted, median\t%.1f\tms\t-\n",
                    cases[c].name, renderers[r].name, how, fig[m].median);
            printf ("language\t%s, %s, %s: tap -> painted, p95\t%.1f\tms\t%s\n",
                    cases[c].name, renderers[r].name, how, fig[m].p95,
                    m == 0 && r == 0 ? "<= 100" : "-");
            printf ("language\t%s, %s, %s: main-thread CPU, median\t%.1f\tms\t-\n",
                    cases[c].name, renderers[r].name, how, fig[m].cpu_median);
          }
        g_string_append_printf (table, "| %s | %s (%s) | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |\n",
                                cases[c].name, renderers[r].name, used != NULL ? used : "?",
                                fig[0].median, fig[0].p95, fig[0].cpu_median,
                                fig[1].median, fig[1].p95, fig[1].cpu_median);
        fflush (stdout);
      }

  if (getloadavg (load, 3) > 0)
    printf ("# load average at the end: %.1f (2 cores)\n", load[0]);
  if (markdown)
    printf ("\n%s", table->str);
  return 0;
}
