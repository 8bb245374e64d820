/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The baseline of the startup benchmark: the least a libadwaita app can
 * show, built with the same flags as the app and started the same way. An
 * AdwApplicationWindow of the app's default size holding a header bar and
 * an empty status page. With YRS_BENCH=1 it prints "first-frame <µs>" on
 * its first painted frame, exactly as YrsWindow does. */

#define G_LOG_DOMAIN "yrs-bench-bare"

#include "config.h"

#include <adwaita.h>

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
}

static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  g_signal_handlers_disconnect_by_func (window, on_realize, user_data);
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_getenv ("YRS_BENCH") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("org.yorisoi.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
